"""Messages of readiness (check-in), roll call and video attendance."""

from typing import Literal

from pydantic import Field

from realtime.access import RoomAccess
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
