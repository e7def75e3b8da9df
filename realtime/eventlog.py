"""Numbering, storing and publishing events: the only way a change reaches the screens.

The sequence number comes from the meeting's `LiveState` row, locked by the same transaction
as the change, so numbers follow commit order and a rolled-back change leaves no event behind.
Publishing waits for the commit; if the channel layer is down the event is still in the log,
and every socket catches up from it (see `realtime.hub`).
"""

import logging
from collections.abc import Callable

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from realtime.events import Event
from realtime.models import LiveState, MeetingEvent

log = logging.getLogger(__name__)

# Socket frames of this type carry both numbered events and ephemeral ones (seq None).
LAYER_MESSAGE_TYPE = "meeting.event"


def group_name(meeting_id: int) -> str:
    return f"meeting.{meeting_id}"


def live_state_for_update(meeting_id: int) -> LiveState:
    """The meeting's live state, row-locked until the end of the caller's transaction.

    Every numbered event pays this, so the usual case (the row exists) is one locked read.
    The first event of a meeting creates the row; `ignore_conflicts` lets two first events
    race without an error or a savepoint: the loser's insert waits for the winner's and does
    nothing, and both then lock the one row.
    """
    locked = LiveState.objects.select_for_update()
    try:
        return locked.get(meeting_id=meeting_id)
    except LiveState.DoesNotExist:
        LiveState.objects.bulk_create([LiveState(meeting_id=meeting_id)], ignore_conflicts=True)
        return locked.get(meeting_id=meeting_id)


def emit(meeting_id: int, event: Event) -> int:
    """Record `event` in the caller's transaction and publish it once that commits."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("emit() must run inside the transaction that makes the change")
    if event.ephemeral:
        raise RuntimeError("ephemeral events are built after commit: emit_after_commit()")
    payload = event.model_dump(mode="json")
    state = live_state_for_update(meeting_id)
    seq = state.last_seq = state.last_seq + 1
    state.save(update_fields=["last_seq"])
    MeetingEvent.objects.create(meeting_id=meeting_id, seq=seq, type=event.type, payload=payload)
    transaction.on_commit(lambda: publish(meeting_id, seq, event.type, payload))
    return seq


def emit_after_commit(meeting_id: int, build: Callable[[], Event]) -> None:
    """Publish an ephemeral event (derived state such as a tally) read after the commit.

    Read after the commit, the last of several concurrent writers always sees them all, so
    the latest published state is the final one.
    """

    def send() -> None:
        event = build()
        publish(meeting_id, None, event.type, event.model_dump(mode="json"))

    transaction.on_commit(send)


def publish(meeting_id: int, seq: int | None, event_type: str, payload: dict) -> None:
    message = {"type": LAYER_MESSAGE_TYPE, "seq": seq, "event": event_type, "payload": payload}
    try:
        async_to_sync(_hand_over)(meeting_id, message)
    except Exception:  # the log has it; sockets catch up on their next gap check
        log.warning("could not publish %s #%s of meeting %s", event_type, seq, meeting_id)


async def _hand_over(meeting_id: int, message: dict) -> None:
    """To this process's sockets at once, then to every process through the channel layer.

    The local room drops the copy the layer brings back (by its number; a tally equal to the
    last one is not sent again), so its screens skip the round trip through Redis.
    """
    from realtime.hub import hub  # the hub reads the log: imported here, not at the top

    hub().hand_over(meeting_id, message)
    await get_channel_layer().group_send(group_name(meeting_id), message)


def last_seq(meeting_id: int) -> int:
    return (
        LiveState.objects.filter(meeting_id=meeting_id).values_list("last_seq", flat=True).first()
        or 0
    )


def events_after(meeting_id: int, seq: int, limit: int) -> list[MeetingEvent] | None:
    """Events after `seq` in order, or None when more than `limit` were missed."""
    events = list(
        MeetingEvent.objects.filter(meeting_id=meeting_id, seq__gt=seq).order_by("seq")[: limit + 1]
    )
    if len(events) > limit:
        return None
    return events


def frame(seq: int | None, event_type: str, payload: dict) -> dict:
    return {"seq": seq, "type": event_type, "payload": payload}
