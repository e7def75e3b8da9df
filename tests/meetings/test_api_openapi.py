"""GET /api/openapi.json and /api/docs: the schema is served and lists every endpoint."""

from django.test import Client

EXPECTED_OPERATIONS = {
    "/api/units": {"get"},
    "/api/bridge-points": {"get"},
    "/api/bridge-points/{bridge_point_id}": {"get"},
    "/api/meetings": {"get", "post"},
    "/api/meetings/check": {"post"},
    "/api/meetings/{meeting_id}": {"get", "put", "patch"},
    "/api/meetings/{meeting_id}/cancel": {"post"},
    "/api/meetings/{meeting_id}/confirm": {"post"},
    "/api/meetings/{meeting_id}/responses": {"post"},
    "/api/meetings/{meeting_id}/invite.ics": {"get"},
    "/api/meetings/{meeting_id}/savings": {"get"},
    "/api/meetings/{meeting_id}/savings/recompute": {"post"},
    "/api/savings/summary": {"get"},
    "/api/savings/bridge-points": {"get"},
    "/api/savings/rate-sets": {"get", "post"},
}


def test_schema_lists_every_path_and_both_ways_to_authenticate(db):
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Điểm Cầu API"
    listed = {path: set(ops) for path, ops in schema["paths"].items()}
    # The agenda app's paths are checked in tests/agenda/test_api_openapi.py.
    assert {path: listed.get(path) for path in EXPECTED_OPERATIONS} == EXPECTED_OPERATIONS
    schemes = schema["components"]["securitySchemes"]
    assert schemes["BearerTokenAuth"] == {"type": "http", "scheme": "bearer"}
    assert schemes["SessionCsrfAuth"]["in"] == "cookie"


def test_schema_documents_the_refusals(db):
    schema = Client().get("/api/openapi.json").json()
    create = schema["paths"]["/api/meetings"]["post"]["responses"]
    assert {"201", "400", "401", "403", "404", "409", "422"} <= set(create)
    assert create["409"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "ConflictErrorOut"
    )
    ics = schema["paths"]["/api/meetings/{meeting_id}/invite.ics"]["get"]["responses"]
    assert "text/calendar" in ics["200"]["content"]


def test_docs_page_works_offline(db):
    response = Client().get("/api/docs")
    assert response.status_code == 200
    # Swagger UI comes from our static files: commune links may have no Internet.
    assert b"cdn.jsdelivr.net" not in response.content
    assert b"swagger-ui-bundle.js" in response.content
