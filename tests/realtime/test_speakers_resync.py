"""Speaker queue and live notes events: an old snapshot plus the missed events is the room now."""

import pytest
from channels.db import database_sync_to_async

from realtime import eventlog
from tests.realtime import reducer
from tests.realtime.conftest import Live
from tests.realtime.live_support import connect

pytestmark = pytest.mark.asyncio


async def _replayed_equals_fresh(live: Live, old: dict) -> None:
    last = await database_sync_to_async(eventlog.last_seq)(live.meeting.pk)
    assert last > old["seq"]
    again = await connect(live.delegate, live.meeting, since=old["seq"])
    state, seq = old["state"], old["seq"]
    while seq < last:
        frame = await again.receive()
        assert frame["seq"] == seq + 1, frame
        state, seq = reducer.apply(state, frame), frame["seq"]
    await again.close()
    fresh = await connect(live.delegate, live.meeting)
    assert state == (await fresh.event("snapshot"))["payload"]["state"]
    await fresh.close()


async def _old_snapshot(live: Live) -> dict:
    delegate = await connect(live.delegate, live.meeting)
    old = (await delegate.event("snapshot"))["payload"]
    await delegate.close()
    return old


async def test_old_snapshot_plus_queue_and_note_events_equals_a_fresh_snapshot(live: Live):
    old = await _old_snapshot(live)
    chair = await connect(live.chair, live.meeting)
    operator = await connect(live.operator, live.meeting)
    delegate = await connect(live.delegate, live.meeting)
    secretary = await connect(live.secretary, live.meeting)
    await chair.request("meeting.start")
    first = (await delegate.request("speaker.request", {"topic": "Kinh phí"}))["request_id"]
    room = (await operator.request("speaker.request", {"source": "video"}))["request_id"]
    added = (await chair.request("speaker.request", {"user_id": live.delegate2.pk}))["request_id"]
    observer = (await chair.request("speaker.request", {"user_id": live.observer.pk}))["request_id"]
    await chair.request("speaker.grant", {"request_id": first})
    await chair.request("speaker.grant", {"request_id": room})
    await operator.request("speaker.end")
    await chair.request("speaker.remove", {"request_id": observer})
    await chair.request("speaker.withdraw", {"request_id": added})
    await delegate.request("speaker.request")
    await chair.request("speaker.request", {"user_id": live.delegate2.pk})
    await chair.request("speaker.lower_all")
    item = live.items[0].pk
    await secretary.request(
        "note.save", {"item_id": item, "kind": "note", "text": "A", "base_version": 0}
    )
    await secretary.request(
        "note.save", {"item_id": item, "kind": "note", "text": "AB", "base_version": 1}
    )
    await secretary.request(
        "note.save", {"item_id": item, "kind": "conclusion", "text": "Kết luận", "base_version": 0}
    )
    await secretary.request(
        "note.save", {"item_id": None, "kind": "note", "text": "Chung", "base_version": 0}
    )
    for client in (chair, operator, delegate, secretary):
        await client.close()
    await _replayed_equals_fresh(live, old)


async def _one_finished_turn(live: Live):
    chair = await connect(live.chair, live.meeting)
    delegate = await connect(live.delegate, live.meeting)
    await chair.request("meeting.start")
    request_id = (await delegate.request("speaker.request"))["request_id"]
    await chair.request("speaker.grant", {"request_id": request_id})
    await chair.request("speaker.end")
    await delegate.close()
    return chair


async def test_moving_to_another_item_replays_to_the_fresh_queue(live: Live):
    old = await _old_snapshot(live)
    chair = await _one_finished_turn(live)
    await chair.request("agenda.goto", {"item_id": live.items[1].pk})
    await chair.close()
    await _replayed_equals_fresh(live, old)


async def test_ending_the_meeting_after_the_turns_replays_to_the_fresh_queue(live: Live):
    old = await _old_snapshot(live)
    chair = await _one_finished_turn(live)
    await chair.request("meeting.end")
    await chair.close()
    await _replayed_equals_fresh(live, old)
