"""The chair starts and ends the meeting and moves through the agenda; every screen follows."""

import pytest
from channels.db import database_sync_to_async

from meetings.models import Meeting
from realtime.models import ItemSession, MeetingEvent
from tests.realtime.conftest import Live
from tests.realtime.live_support import connect

pytestmark = pytest.mark.asyncio


async def test_start_reaches_every_screen_with_the_first_item(live: Live):
    chair = await connect(live.chair, live.meeting)
    delegate = await connect(live.delegate, live.meeting)
    first_seq = (await delegate.event("snapshot"))["seq"]
    assert (await chair.request("meeting.start"))["type"] == "ack"
    for client in (chair, delegate):
        event = await client.event("meeting.state")
        assert event["seq"] == first_seq + 1
        assert event["payload"]["meeting"]["status"] == "live"
        assert event["payload"]["meeting"]["started_at"]
        assert event["payload"]["current"]["item_id"] == live.items[0].pk
    meeting = await database_sync_to_async(Meeting.objects.get)(pk=live.meeting.pk)
    assert meeting.status == Meeting.Status.LIVE
    await chair.close()
    await delegate.close()


async def test_moving_to_an_item_records_its_time_and_numbers_events_in_order(live: Live):
    chair = await connect(live.chair, live.meeting)
    await chair.request("meeting.start")
    await chair.request("agenda.goto", {"item_id": live.items[1].pk})
    await chair.request("agenda.goto", {"item_id": live.items[0].pk})
    current = [await chair.event("agenda.current") for _ in range(2)]
    assert [c["payload"]["current"]["item_id"] for c in current] == [
        live.items[1].pk,
        live.items[0].pk,
    ]
    assert current[1]["seq"] == current[0]["seq"] + 1
    sessions = await database_sync_to_async(
        lambda: list(
            ItemSession.objects.filter(meeting=live.meeting).values_list("item", "ended_at")
        )
    )()
    assert [item for item, _ in sessions] == [live.items[0].pk, live.items[1].pk, live.items[0].pk]
    assert [ended is None for _, ended in sessions] == [False, False, True]
    await chair.close()


async def test_the_item_timer_counts_earlier_visits(live: Live):
    chair = await connect(live.chair, live.meeting)
    await chair.request("meeting.start")
    await chair.request("agenda.goto", {"item_id": live.items[1].pk})
    await chair.request("agenda.goto", {"item_id": live.items[0].pk})
    await chair.event("meeting.state")
    await chair.event("agenda.current")
    back = await chair.event("agenda.current")
    assert back["payload"]["current"]["spent_seconds_before"] >= 0
    assert back["payload"]["current"]["started_at"]
    await chair.close()


async def test_a_delegate_cannot_run_the_meeting(live: Live):
    delegate = await connect(live.delegate, live.meeting)
    answer = await delegate.request("meeting.start")
    assert answer["type"] == "error"
    assert answer["code"] == "forbidden"
    assert "chủ trì" in answer["message"]
    count = await database_sync_to_async(
        MeetingEvent.objects.filter(meeting_id=live.meeting.pk).count
    )()
    assert count == 0
    await delegate.close()


async def test_an_item_of_another_meeting_is_refused(live: Live):
    chair = await connect(live.chair, live.meeting)
    await chair.request("meeting.start")
    answer = await chair.request("agenda.goto", {"item_id": 999_999})
    assert answer["code"] == "invalid"
    assert answer["errors"]["item_id"] == ["Nội dung này không thuộc chương trình cuộc họp."]
    await chair.close()


async def test_moving_before_the_start_is_refused(live: Live):
    chair = await connect(live.chair, live.meeting)
    answer = await chair.request("agenda.goto", {"item_id": live.items[0].pk})
    assert answer["code"] == "not_live"
    await chair.close()


async def test_starting_twice_changes_nothing_and_ending_closes_the_item(live: Live):
    chair = await connect(live.chair, live.meeting)
    await chair.request("meeting.start")
    assert (await chair.request("meeting.start"))["type"] == "ack"
    await chair.request("meeting.end")
    states = [await chair.event("meeting.state") for _ in range(2)]
    assert [s["payload"]["meeting"]["status"] for s in states] == ["live", "ended"]
    assert states[1]["payload"]["current"]["item_id"] is None
    open_sessions = await database_sync_to_async(
        ItemSession.objects.filter(meeting=live.meeting, ended_at__isnull=True).count
    )()
    assert open_sessions == 0
    answer = await chair.request("meeting.start")
    assert answer["code"] == "wrong_status"
    await chair.close()


async def test_the_organizer_runs_the_room_for_the_chair(live: Live):
    organizer = await connect(live.organizer, live.meeting)
    assert (await organizer.request("meeting.start"))["type"] == "ack"
    await organizer.close()


async def test_quorum_setting_reaches_every_screen(live: Live):
    chair = await connect(live.chair, live.meeting)
    delegate = await connect(live.delegate, live.meeting)
    await chair.request("room.settings", {"quorum_percent": 66})
    event = await delegate.event("room.settings")
    assert event["payload"]["settings"]["quorum_percent"] == 66
    assert event["payload"]["quorum"]["percent"] == 66
    answer = await chair.request("room.settings", {"quorum_percent": 0})
    assert answer["code"] == "invalid"
    await chair.close()
    await delegate.close()
