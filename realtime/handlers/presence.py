"""Messages of readiness (check-in), roll call and video attendance."""

from typing import Literal

from django.utils.translation import gettext as _
from pydantic import Field, field_validator

from realtime.access import RoomAccess
from realtime.handlers.room import Empty
from realtime.protocol import Payload, handler
from realtime.services import presence as services


class CheckInIn(Payload):
    bridge_point_id: int
    technician_present: bool
    video_tested: bool
    connection_quality: Literal["good", "fair", "poor", "unknown"] | None = None
    connection_stats: dict[str, float | int | str | None] = Field(default_factory=dict)
    headcount: int = Field(ge=0, le=10_000)
    note: str = Field(default="", max_length=500)


@handler("checkin.submit", CheckInIn)
def check_in(access: RoomAccess, payload: CheckInIn, message_id: str) -> dict:
    entry = services.check_in_submit(access=access, **payload.model_dump())
    return {
        "bridge_point_id": entry.bridge_point_id,
        "connection_quality": entry.connection_quality,
    }


# A whole room's delegates in one message, well inside the socket's 64 KB limit.
MAX_ROLL_CALL_ENTRIES = 500


class RollCallEntryIn(Payload):
    user_id: int
    status: Literal["present_room", "present_online", "absent"]
    reason: str = Field(default="", max_length=300)


class RollCallIn(Payload):
    entries: list[RollCallEntryIn]

    @field_validator("entries")
    @classmethod
    def between_one_and_max(cls, entries: list[RollCallEntryIn]) -> list[RollCallEntryIn]:
        if not 0 < len(entries) <= MAX_ROLL_CALL_ENTRIES:
            raise ValueError(_("Gửi từ 1 đến %(n)s dòng điểm danh.") % {"n": MAX_ROLL_CALL_ENTRIES})
        return entries


class VideoJoinedIn(Payload):
    participant_id: str = Field(min_length=1, max_length=64)
    bridge_point_id: int | None = None


@handler("rollcall.mark", RollCallIn)
def roll_call(access: RoomAccess, payload: RollCallIn, message_id: str) -> dict:
    marks = [services.RollCallMark(**entry.model_dump()) for entry in payload.entries]
    return {"count": len(services.roll_call_mark(access=access, marks=marks))}


@handler("video.joined", VideoJoinedIn)
def video_joined(access: RoomAccess, payload: VideoJoinedIn, message_id: str) -> dict:
    session = services.video_join(access=access, **payload.model_dump())
    return {"session_id": session.pk}


@handler("video.left", Empty)
def video_left(access: RoomAccess, payload: Empty, message_id: str) -> dict:
    services.video_leave(access=access)
    return {}
