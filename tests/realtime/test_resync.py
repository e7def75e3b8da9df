"""A screen that reconnects gets what it missed, and ends up where a fresh screen starts."""

import pytest
from channels.db import database_sync_to_async

from realtime import snapshot
from tests.realtime import reducer
from tests.realtime.conftest import Live
from tests.realtime.live_support import connect

pytestmark = pytest.mark.asyncio


async def _busy_meeting(live: Live) -> None:
    """A few changes of every kind the chair and the operators make."""
    chair = await connect(live.chair, live.meeting)
    operator = await connect(live.operator, live.meeting)
    await chair.request("meeting.start")
    await operator.request(
        "checkin.submit",
        {
            "bridge_point_id": live.rooms[0].pk,
            "technician_present": True,
            "video_tested": False,
            "headcount": 4,
        },
    )
    await chair.request("agenda.goto", {"item_id": live.items[1].pk})
    await chair.request("room.settings", {"quorum_percent": 75})
    await operator.request(
        "checkin.submit",
        {
            "bridge_point_id": live.rooms[0].pk,
            "technician_present": True,
            "video_tested": True,
            "connection_quality": "good",
            "headcount": 5,
        },
    )
    await chair.close()
    await operator.close()


async def test_a_reconnecting_screen_gets_the_missed_events_in_order(live: Live):
    delegate = await connect(live.delegate, live.meeting)
    seen = (await delegate.event("snapshot"))["seq"]
    await delegate.close()
    await _busy_meeting(live)
    again = await connect(live.delegate, live.meeting, since=seen)
    frames = [await again.receive() for _ in range(5)]
    assert [f["type"] for f in frames] == [
        "meeting.state",
        "checkin.updated",
        "agenda.current",
        "room.settings",
        "checkin.updated",
    ]
    assert [f["seq"] for f in frames] == list(range(seen + 1, seen + 6))
    assert await again.nothing_more()
    await again.close()


async def test_old_snapshot_plus_events_equals_a_fresh_snapshot(live: Live):
    delegate = await connect(live.delegate, live.meeting)
    old = (await delegate.event("snapshot"))["payload"]
    await delegate.close()
    await _busy_meeting(live)
    again = await connect(live.delegate, live.meeting, since=old["seq"])
    state = old["state"]
    for _ in range(5):
        state = reducer.apply(state, await again.receive())
    await again.close()
    fresh = await connect(live.delegate, live.meeting)
    assert state == (await fresh.event("snapshot"))["payload"]["state"]
    await fresh.close()


async def test_too_many_missed_events_give_a_snapshot(live: Live, monkeypatch):
    monkeypatch.setattr(snapshot, "REPLAY_LIMIT", 2)
    await _busy_meeting(live)
    again = await connect(live.delegate, live.meeting, since=0)
    first = await again.receive()
    assert first["type"] == "snapshot"
    assert first["seq"] == 5
    assert first["payload"]["state"]["current"]["item_id"] == live.items[1].pk
    await again.close()


async def test_a_sequence_number_from_the_future_gives_a_snapshot(live: Live):
    again = await connect(live.delegate, live.meeting, since=42)
    assert (await again.receive())["type"] == "snapshot"
    await again.close()


async def test_sync_message_replays_on_an_open_socket(live: Live):
    delegate = await connect(live.delegate, live.meeting)
    await delegate.event("snapshot")
    await _busy_meeting(live)
    for _ in range(5):
        await delegate.receive()
    answer = await delegate.request("sync", {"since": 3})
    assert answer == {"type": "ack", "in_response": answer["in_response"], "seq": 5}
    replayed = [f for f in delegate.frames[-3:]]
    assert [f["seq"] for f in replayed[:2]] == [4, 5]
    await delegate.close()


async def test_events_over_http_for_weak_links(live: Live, client):
    await _busy_meeting(live)

    def fetch(user, since):
        client.force_login(user)
        return client.get(f"/api/meetings/{live.meeting.pk}/events", {"since": since})

    answer = await database_sync_to_async(fetch)(live.delegate, 3)
    assert answer.status_code == 200
    body = answer.json()
    assert body["seq"] == 5
    assert [e["seq"] for e in body["events"]] == [4, 5]
    assert body["snapshot"] is None
    answer = await database_sync_to_async(fetch)(live.outsider, 0)
    assert answer.status_code == 404
