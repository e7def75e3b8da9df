"""The agenda app's endpoints are all in the OpenAPI schema."""

from django.test import Client

EXPECTED_OPERATIONS = {
    "/api/meetings/{meeting_id}/agenda-items": {"get", "post"},
    "/api/meetings/{meeting_id}/agenda-items/reorder": {"post"},
    "/api/agenda-items/{item_id}": {"patch", "delete"},
    "/api/meetings/{meeting_id}/documents": {"get", "post"},
    "/api/documents/{document_id}/versions": {"post"},
    "/api/documents/{document_id}": {"patch", "delete"},
    "/api/document-versions/{version_id}/download": {"get"},
    "/api/meetings/{meeting_id}/booklet.pdf": {"get"},
    "/api/meetings/{meeting_id}/agenda/publish": {"post"},
    "/api/meetings/{meeting_id}/receipts": {"get"},
    "/api/notices": {"get"},
    "/api/notices/{notice_id}/read": {"post"},
    "/api/documents/{document_id}/comments": {"get", "post"},
    "/api/comments/{comment_id}/answer": {"post"},
    "/api/meetings/{meeting_id}/notes": {"get", "put"},
    "/api/meetings/{meeting_id}/notes/{note_id}": {"delete"},
}


def test_schema_lists_every_agenda_endpoint(db):
    schema = Client().get("/api/openapi.json").json()
    listed = {path: set(ops) for path, ops in schema["paths"].items()}
    assert {path: listed.get(path) for path in EXPECTED_OPERATIONS} == EXPECTED_OPERATIONS


def test_uploads_are_multipart_in_the_schema(db):
    schema = Client().get("/api/openapi.json").json()
    upload = schema["paths"]["/api/meetings/{meeting_id}/documents"]["post"]["requestBody"]
    assert "multipart/form-data" in upload["content"]
