"""Messages of the votes feature."""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from realtime.access import RoomAccess
from realtime.protocol import Payload, handler
from realtime.services import votes as services
from realtime.state import votes as state

Electorate = Literal["delegates", "bridge_points"]
Rule = Literal["half_present", "half_members", "two_thirds"]
NULLABLE = {"item_id", "options"}


class PollIn(Payload):
    item_id: int | None = None
    question: str
    options: list[str] | None = None
    secret: bool
    electorate: Electorate
    rule: Rule


class PollEditIn(Payload):
    poll_id: int
    item_id: int | None = None
    question: str | None = None
    options: list[str] | None = None
    secret: bool | None = None
    electorate: Electorate | None = None
    rule: Rule | None = None


class PollRef(Payload):
    poll_id: int


class CastIn(Payload):
    poll_id: int
    option: int = Field(ge=0)
    voter_id: int | None = None
    bridge_point_id: int | None = None


class CastAck(BaseModel):
    poll_id: int
    option: int | None  # None in a secret poll: not even the answer repeats the choice
    cast_at: datetime


@handler("poll.create", PollIn)
def create(access: RoomAccess, payload: PollIn, message_id: str) -> dict:
    poll = services.poll_create(access=access, **payload.model_dump())
    return {"poll_id": poll.pk}


@handler("poll.update", PollEditIn)
def update(access: RoomAccess, payload: PollEditIn, message_id: str) -> dict:
    # Only the fields sent change. Null leaves a field as it is, except `item_id` (detach the
    # poll from its item) and `options` (back to the standard options).
    changes = {
        field: value
        for field, value in payload.model_dump(exclude_unset=True).items()
        if value is not None or field in NULLABLE
    }
    services.poll_update(access=access, **changes)
    return {}


@handler("poll.delete", PollRef)
def delete(access: RoomAccess, payload: PollRef, message_id: str) -> dict:
    services.poll_delete(access=access, poll_id=payload.poll_id)
    return {}


@handler("poll.open", PollRef)
def open_(access: RoomAccess, payload: PollRef, message_id: str) -> dict:
    services.poll_open(access=access, poll_id=payload.poll_id)
    return {}


@handler("poll.close", PollRef)
def close(access: RoomAccess, payload: PollRef, message_id: str) -> dict:
    services.poll_close(access=access, poll_id=payload.poll_id)
    return {}


@handler("vote.cast", CastIn, idempotent=True)
def cast(access: RoomAccess, payload: CastIn, message_id: str) -> dict:
    vote = services.vote_cast(access=access, message_id=message_id, **payload.model_dump())
    return CastAck(poll_id=vote.poll_id, option=vote.option, cast_at=vote.cast_at).model_dump(
        mode="json"
    )


# A read: nothing to do twice, and its answer (a row per voter) is not worth storing.
@handler("poll.choices", PollRef, idempotent=True)
def choices(access: RoomAccess, payload: PollRef, message_id: str) -> dict:
    rows = state.poll_choices(access, payload.poll_id)
    return {
        "poll_id": payload.poll_id,
        "choices": [row.model_dump(mode="json") for row in rows],
    }
