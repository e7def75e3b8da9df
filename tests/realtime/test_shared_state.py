"""Screens that open together share one read of the room, and never get an older room than
they would have read on their own."""

import asyncio
import threading

import pytest
from channels.db import database_sync_to_async

from realtime import snapshot
from realtime.access import room_access
from realtime.hub import hub
from tests.realtime.conftest import Live
from tests.realtime.live_support import connect

pytestmark = pytest.mark.asyncio


async def test_the_shared_snapshot_frame_is_the_screen_s_own_snapshot(live: Live):
    operator = await connect(live.operator, live.meeting)
    frame = await operator.event("snapshot")
    access = await database_sync_to_async(room_access)(live.operator, live.meeting.pk)
    own = await database_sync_to_async(snapshot.room_snapshot)(access)
    assert frame == {"seq": own["seq"], "type": "snapshot", "payload": own}
    assert frame["payload"]["me"]["operated_rooms"] == [live.rooms[0].pk]
    await operator.close()


async def test_a_screen_opened_after_an_event_sees_it_at_once(live: Live):
    """The first screen's read is shared for a while; an event must end that at once."""
    chair = await connect(live.chair, live.meeting)
    await chair.event("snapshot")
    await chair.request("meeting.start")
    await chair.event("meeting.state")  # the room has received it
    delegate = await connect(live.delegate, live.meeting)
    state = (await delegate.event("snapshot"))["payload"]["state"]
    assert state["meeting"]["status"] == "live"
    await chair.request("agenda.goto", {"item_id": live.items[1].pk})
    await chair.event("agenda.current")
    delegate2 = await connect(live.delegate2, live.meeting)
    state = (await delegate2.event("snapshot"))["payload"]["state"]
    assert state["current"]["item_id"] == live.items[1].pk
    for client in (chair, delegate, delegate2):
        await client.close()


async def test_a_read_overtaken_by_a_message_is_read_again(live: Live, monkeypatch):
    """A screen that joined while the room was being read may have missed a message that
    reached the room meanwhile: that read is not handed out, a newer one is."""
    first_read_done, message_received = threading.Event(), threading.Event()
    reads: list[snapshot.SharedState] = []
    real_read = snapshot.SharedState.read.__func__

    def read(cls, meeting_id: int) -> snapshot.SharedState:
        reads.append(real_read(cls, meeting_id))
        if len(reads) == 1:
            first_read_done.set()
            message_received.wait(timeout=5)
        return reads[-1]

    chair = await connect(live.chair, live.meeting)
    await chair.event("snapshot")
    room = hub().rooms[live.meeting.pk]
    room.state = None
    monkeypatch.setattr(snapshot.SharedState, "read", classmethod(read))

    waiting = asyncio.ensure_future(room.shared_state())
    await asyncio.get_running_loop().run_in_executor(None, first_read_done.wait, 5)
    # A tally is the commonest message during a storm of screens opening.
    await room.on_message(
        {"seq": None, "event": "poll.tally", "payload": {"poll_id": 0, "total": 1}}
    )
    message_received.set()
    state = await waiting

    assert len(reads) == 2
    assert state is reads[1]
    assert room.state is reads[1]
    await chair.close()


async def test_each_screen_gets_the_people_it_works_with(live: Live):
    """The chair's desk lists everyone invited, an operator their room, a tablet nobody."""
    seen = {}
    for name in ("chair", "secretary", "operator", "delegate"):
        client = await connect(getattr(live, name), live.meeting)
        members = (await client.event("snapshot"))["payload"]["state"]["members"]
        seen[name] = [m["user_id"] for m in members]
        await client.close()
    everyone = [live.delegate.pk, live.delegate2.pk, live.observer.pk]
    assert seen == {
        "chair": everyone,
        "secretary": everyone,
        "operator": [live.delegate.pk],
        "delegate": [],
    }
