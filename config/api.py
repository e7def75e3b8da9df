"""The REST API: OpenAPI at /api/openapi.json, interactive docs at /api/docs.

Every endpoint needs a bearer token (`manage.py issue_token`) or a logged-in session;
session requests that change something must carry the CSRF token. Each app brings
its routers; auth, parsing and error shapes are shared (meetings/api/).
"""

from ninja import NinjaAPI

from agenda.api import routers as agenda_routers
from meetings.api import errors
from meetings.api import routers as meeting_routers
from meetings.api.auth import api_auth
from realtime.api import routers as realtime_routers

api = NinjaAPI(
    title="Điểm Cầu API",
    version="1",
    description=(
        "Units, bridge points, meetings, agendas and documents of Điểm Cầu. Authenticate "
        "with `Authorization: Bearer <token>` (issued by `manage.py issue_token USERNAME`) "
        "or a logged-in session. Times are ISO 8601 in Asia/Ho_Chi_Minh (+07:00). "
        "Refusals answer `{detail}` plus `errors` per field (422) or `conflicts` (409)."
    ),
    auth=api_auth,
    parser=errors.ObjectParser(),
)
errors.install(api)
for router in (*meeting_routers, *agenda_routers, *realtime_routers):
    api.add_router("", router)
