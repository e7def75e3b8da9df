"""Messages of the chair's controls."""

from pydantic import Field

from realtime.access import RoomAccess
from realtime.protocol import Payload, handler
from realtime.services import room as services


class Empty(Payload):
    pass


class GotoIn(Payload):
    item_id: int | None


class FollowIn(Payload):
    version_id: int | None
    page: int | None = Field(default=None, ge=1)


class SettingsIn(Payload):
    quorum_percent: int | None = Field(default=None, ge=1, le=100)
    co_secretary_id: int | None = None


@handler("meeting.start", Empty)
def start(access: RoomAccess, payload: Empty, message_id: str) -> dict:
    services.meeting_start(access=access)
    return {}


@handler("meeting.end", Empty)
def end(access: RoomAccess, payload: Empty, message_id: str) -> dict:
    services.meeting_end(access=access)
    return {}


@handler("agenda.goto", GotoIn)
def goto(access: RoomAccess, payload: GotoIn, message_id: str) -> dict:
    services.agenda_goto(access=access, item_id=payload.item_id)
    return {}


@handler("document.follow", FollowIn)
def follow(access: RoomAccess, payload: FollowIn, message_id: str) -> dict:
    services.document_follow(access=access, version_id=payload.version_id, page=payload.page)
    return {}


@handler("room.settings", SettingsIn)
def settings(access: RoomAccess, payload: SettingsIn, message_id: str) -> dict:
    services.room_settings_update(
        access=access,
        quorum_percent=payload.quorum_percent,
        co_secretary_id=payload.co_secretary_id,
    )
    return {}
