"""Roll call, quorum and video attendance replay onto an old snapshot to match a fresh one."""

import pytest
from channels.db import database_sync_to_async

from realtime import eventlog
from tests.realtime import reducer
from tests.realtime.conftest import Live
from tests.realtime.live_support import connect

pytestmark = pytest.mark.asyncio


async def _attendance_changes(live: Live) -> None:
    chair = await connect(live.chair, live.meeting)
    operator = await connect(live.operator, live.meeting)
    delegate2 = await connect(live.delegate2, live.meeting)
    await operator.request(
        "rollcall.mark",
        {"entries": [{"user_id": live.delegate.pk, "status": "absent", "reason": "Ốm"}]},
    )
    await operator.request("video.joined", {"participant_id": "room-0"})
    await delegate2.request("video.joined", {"participant_id": "d2"})
    await chair.request("meeting.start")
    await chair.request(
        "rollcall.mark",
        {
            "entries": [
                {"user_id": live.delegate.pk, "status": "present_room"},
                {"user_id": live.delegate2.pk, "status": "present_online"},
            ]
        },
    )
    await chair.request("room.settings", {"quorum_percent": 100})
    await operator.request("video.left")
    await delegate2.close()  # its video session ends with the socket
    await chair.close()
    await operator.close()


async def test_old_snapshot_plus_attendance_events_equals_a_fresh_snapshot(live: Live):
    observer = await connect(live.observer, live.meeting)
    old = (await observer.event("snapshot"))["payload"]
    await observer.close()
    await _attendance_changes(live)
    last = await database_sync_to_async(eventlog.last_seq)(live.meeting.pk)
    again = await connect(live.observer, live.meeting, since=old["seq"])
    state, types = old["state"], []
    for _ in range(last - old["seq"]):
        frame = await again.receive()
        types.append(frame["type"])
        state = reducer.apply(state, frame)
    assert await again.nothing_more()
    await again.close()
    assert types.count("rollcall.updated") == 2
    assert types.count("video.session") == 4
    fresh = await connect(live.observer, live.meeting)
    fresh_state = (await fresh.event("snapshot"))["payload"]["state"]
    assert state == fresh_state
    assert fresh_state["quorum"] == {
        "members": 2,
        "present": 2,
        "percent": 100,
        "needed": 2,
        "met": True,
    }
    assert all(session["left_at"] for session in fresh_state["video"])
    await fresh.close()
