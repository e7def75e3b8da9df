"""Helpers shared by the REST API tests: a client per persona and request bodies."""

from datetime import timedelta
from typing import Any

from django.test import Client

from meetings.meeting_input import MeetingInput
from meetings.models import Meeting, User
from meetings.services.scheduling import meeting_schedule
from meetings.services.tokens import api_token_issue
from tests.world import World, next_morning


class ApiClient:
    """A Django test client that sends JSON and, when given a user, their bearer token."""

    def __init__(self, user: User | None = None, headers: dict[str, str] | None = None):
        self.client = Client()
        self.headers = dict(headers or {})
        if user is not None:
            self.headers["Authorization"] = f"Bearer {api_token_issue(user=user, name='test')}"

    def get(self, path: str, params: dict | None = None):
        return self.client.get(path, params or {}, headers=self.headers)

    def send(self, method: str, path: str, body: Any = None):
        call = getattr(self.client, method.lower())
        data = body if isinstance(body, str | bytes) else (body or {})
        return call(path, data, content_type="application/json", headers=self.headers)

    def post(self, path: str, body: Any = None):
        return self.send("POST", path, body)


def meeting_body(world: World, **overrides: Any) -> dict[str, Any]:
    """A valid POST /api/meetings body: tomorrow 08:00–10:00, all three communes."""
    start = overrides.pop("start", next_morning())
    body = {
        "title": "Giao ban tuần",
        "host_unit_id": world.province.pk,
        "main_bridge_point_id": world.main_room.pk,
        "chair_id": world.chair.pk,
        "secretary_id": world.secretary.pk,
        "start": start.isoformat(),
        "end": (start + timedelta(hours=2)).isoformat(),
        "bridge_point_ids": [r.pk for r in world.rooms],
    }
    body.update(overrides)
    return body


def scheduled(world: World, data: MeetingInput | None = None, **kwargs: Any) -> Meeting:
    """A meeting booked through the service, as the organizer."""
    return meeting_schedule(actor=world.organizer, data=data or world.meeting_input(), **kwargs)
