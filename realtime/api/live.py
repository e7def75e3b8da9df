"""The live room over HTTP: catching up (`events?since=N`), the socket's messages as POSTs,
and the choices of a closed named poll.

A client on a link too weak to hold a socket can still follow and act: the same envelope,
the same handlers, the same answers.
"""

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from meetings.api.schemas import ErrorOut, ValidationErrorOut
from realtime import (
    handlers,  # noqa: F401  (registers the message handlers)
    protocol,
)
from realtime.access import room_access
from realtime.events import NamedChoiceOut
from realtime.snapshot import catch_up
from realtime.state import votes as votes_state

router = Router(tags=["live"])

STATUS_OF_CODE = {"forbidden": 403, "not_found": 404, "conflict": 409, "rate_limited": 429}


class CatchUpOut(Schema):
    seq: int
    events: list[dict[str, Any]] = Field(description="Missed events in order, when few enough.")
    snapshot: dict[str, Any] | None = Field(
        description="The whole room, when the events could not be replayed."
    )


class PollChoicesOut(Schema):
    poll_id: int
    choices: list[NamedChoiceOut] = Field(description="By bridge point, then voter.")


class MessageIn(Schema):
    type: str
    id: str
    payload: dict[str, Any] = {}


class AnswerOut(Schema):
    type: str
    in_response: str | None
    code: str | None = None
    message: str | None = None


@router.get(
    "/meetings/{meeting_id}/events",
    response={200: CatchUpOut, 401: ErrorOut, 404: ErrorOut},
    summary="Events since a sequence number, or a snapshot",
)
def events_since(request: HttpRequest, meeting_id: int, since: int | None = None):
    result = catch_up(room_access(request.auth, meeting_id), since)
    return {"seq": result.seq, "events": result.frames, "snapshot": result.snapshot}


@router.post(
    "/meetings/{meeting_id}/live",
    response={200: dict, 400: dict, 401: ErrorOut, 403: dict, 404: dict, 409: dict, 422: dict},
    summary="Send one live-room message (same envelope and answers as the socket)",
)
def live_message(request: HttpRequest, meeting_id: int, payload: MessageIn):
    access = room_access(request.auth, meeting_id)
    envelope = protocol.Envelope(
        payload.type, payload.id[: protocol.MAX_ID_LENGTH], payload.payload
    )
    try:
        data = protocol.dispatch(access, envelope)
    except protocol.Refused as refusal:
        status = STATUS_OF_CODE.get(refusal.code, 422 if refusal.code == "invalid" else 400)
        return Status(status, protocol.error(envelope.id, refusal))
    return Status(200, protocol.ack(envelope.id, data))


@router.get(
    "/meetings/{meeting_id}/polls/{poll_id}/choices",
    response={200: PollChoicesOut, 401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut},
    summary="Who chose what in a closed named poll (refused for secret or unclosed polls)",
)
def poll_choices(request: HttpRequest, meeting_id: int, poll_id: int):
    access = room_access(request.auth, meeting_id)
    return {"poll_id": poll_id, "choices": votes_state.poll_choices(access, poll_id)}
