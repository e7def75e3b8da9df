"""Messages of the speaker queue."""

from typing import Literal

from realtime.access import RoomAccess
from realtime.handlers.room import Empty
from realtime.protocol import Payload, handler
from realtime.services import floor as services


class RequestIn(Payload):
    topic: str = ""
    # Someone else's request: an operator for a delegate of their room, or the chair.
    user_id: int | None = None
    source: Literal["app", "video"] = "app"


class RequestIdIn(Payload):
    request_id: int


@handler("speaker.request", RequestIn)
def request(access: RoomAccess, payload: RequestIn, message_id: str) -> dict:
    entry = services.speaker_request(access=access, **payload.model_dump())
    return {"request_id": entry.pk}


@handler("speaker.grant", RequestIdIn)
def grant(access: RoomAccess, payload: RequestIdIn, message_id: str) -> dict:
    services.speaker_grant(access=access, request_id=payload.request_id)
    return {}


@handler("speaker.end", Empty)
def end(access: RoomAccess, payload: Empty, message_id: str) -> dict:
    services.speaker_end(access=access)
    return {}


@handler("speaker.remove", RequestIdIn)
def remove(access: RoomAccess, payload: RequestIdIn, message_id: str) -> dict:
    services.speaker_remove(access=access, request_id=payload.request_id)
    return {}


@handler("speaker.withdraw", RequestIdIn)
def withdraw(access: RoomAccess, payload: RequestIdIn, message_id: str) -> dict:
    services.speaker_withdraw(access=access, request_id=payload.request_id)
    return {}


@handler("speaker.lower_all", Empty)
def lower_all(access: RoomAccess, payload: Empty, message_id: str) -> dict:
    # How many hands were lowered, for the chair's confirmation.
    return {"count": services.speaker_lower_all(access=access)}
