"""The REST API: OpenAPI at /api/openapi.json, interactive docs at /api/docs.

Every endpoint needs a bearer token (`manage.py issue_token`) or a logged-in session;
session requests that change something must carry the CSRF token.
"""

from ninja import NinjaAPI

from meetings.api import errors
from meetings.api.auth import api_auth
from meetings.api.meetings import router as meetings_router
from meetings.api.units import router as units_router

api = NinjaAPI(
    title="Điểm Cầu API",
    version="1",
    description=(
        "Units, bridge points and meetings of Điểm Cầu. Authenticate with "
        "`Authorization: Bearer <token>` (issued by `manage.py issue_token USERNAME`) "
        "or a logged-in session. Times are ISO 8601 in Asia/Ho_Chi_Minh (+07:00). "
        "Refusals answer `{detail}` plus `errors` per field (422) or `conflicts` (409)."
    ),
    auth=api_auth,
    parser=errors.ObjectParser(),
)
errors.install(api)
api.add_router("", units_router)
api.add_router("", meetings_router)

__all__ = ["api"]
