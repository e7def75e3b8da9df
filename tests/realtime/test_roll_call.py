"""Roll call: operators mark the people of their room, the host the rest; the quorum follows."""

from datetime import timedelta

import pytest
from channels.db import database_sync_to_async

from meetings.models import Meeting
from realtime.models import MeetingEvent, RollCallEntry
from tests.realtime.conftest import Live
from tests.realtime.live_support import connect

pytestmark = pytest.mark.asyncio


def _rows(live: Live) -> list[tuple]:
    entries = RollCallEntry.objects.filter(meeting=live.meeting).order_by("user_id")
    return list(entries.values_list("user_id", "bridge_point_id", "status", "reason", "marked_by"))


rows = database_sync_to_async(_rows)


async def _event_count(live: Live) -> int:
    return await database_sync_to_async(
        MeetingEvent.objects.filter(meeting_id=live.meeting.pk).count
    )()


async def test_operator_marks_their_room_and_every_screen_sees_the_quorum(live: Live):
    chair = await connect(live.chair, live.meeting)
    operator = await connect(live.operator, live.meeting)
    answer = await operator.request(
        "rollcall.mark", {"entries": [{"user_id": live.delegate.pk, "status": "present_room"}]}
    )
    assert answer == {"type": "ack", "in_response": answer["in_response"], "count": 1}
    event = (await chair.event("rollcall.updated"))["payload"]
    assert event["entries"] == [
        {
            "user_id": live.delegate.pk,
            "bridge_point_id": live.rooms[0].pk,
            "status": "present_room",
            "reason": "",
            "marked_by": live.operator.display_name,
        }
    ]
    # Two delegates (the observer has no vote): one present of two at 50 % is enough.
    assert event["quorum"] == {"members": 2, "present": 1, "percent": 50, "needed": 1, "met": True}
    assert await rows(live) == [
        (live.delegate.pk, live.rooms[0].pk, "present_room", "", live.operator.pk)
    ]
    await chair.close()
    await operator.close()


async def test_an_operator_cannot_mark_someone_of_another_room(live: Live):
    operator = await connect(live.operator, live.meeting)
    answer = await operator.request(
        "rollcall.mark",
        {
            "entries": [
                {"user_id": live.delegate.pk, "status": "present_room"},
                {"user_id": live.delegate2.pk, "status": "present_online"},
            ]
        },
    )
    assert answer["code"] == "forbidden"
    assert "Trần Thị Hai" in answer["message"]
    assert await rows(live) == []
    assert await _event_count(live) == 0
    await operator.close()


async def test_absent_needs_a_reason_and_one_bad_row_refuses_the_whole_message(live: Live):
    chair = await connect(live.chair, live.meeting)
    answer = await chair.request(
        "rollcall.mark",
        {
            "entries": [
                {"user_id": live.delegate.pk, "status": "absent", "reason": "  "},
                {"user_id": live.delegate2.pk, "status": "present_online"},
            ]
        },
    )
    assert answer["code"] == "invalid"
    assert answer["errors"] == {
        "entries.0.reason": [f"Ghi lý do vắng mặt của {live.delegate.display_name}."]
    }
    assert await rows(live) == []
    await chair.close()


async def test_someone_not_invited_cannot_be_marked(live: Live):
    chair = await connect(live.chair, live.meeting)
    answer = await chair.request(
        "rollcall.mark",
        {
            "entries": [
                {"user_id": live.delegate.pk, "status": "present_room"},
                {"user_id": live.outsider.pk, "status": "present_room"},
            ]
        },
    )
    assert answer["code"] == "invalid"
    assert answer["errors"] == {"entries.1.user_id": ["Người này không được mời dự cuộc họp."]}
    assert await rows(live) == []
    await chair.close()


async def test_the_same_person_twice_in_one_message_is_refused(live: Live):
    chair = await connect(live.chair, live.meeting)
    entry = {"user_id": live.delegate2.pk, "status": "present_room"}
    answer = await chair.request("rollcall.mark", {"entries": [entry, entry]})
    assert answer["errors"] == {
        "entries.1.user_id": ["Trần Thị Hai có hai dòng trong cùng một lần điểm danh."]
    }
    await chair.close()


async def test_an_empty_or_malformed_roll_call_is_refused(live: Live):
    chair = await connect(live.chair, live.meeting)
    answer = await chair.request("rollcall.mark", {"entries": []})
    assert answer["errors"] == {"entries": ["Gửi từ 1 đến 500 dòng điểm danh."]}
    answer = await chair.request(
        "rollcall.mark", {"entries": [{"user_id": live.delegate.pk, "status": "late"}]}
    )
    assert list(answer["errors"]) == ["entries.0.status"]
    await chair.close()


async def test_a_delegate_cannot_mark_anyone(live: Live):
    delegate = await connect(live.delegate, live.meeting)
    answer = await delegate.request(
        "rollcall.mark", {"entries": [{"user_id": live.delegate.pk, "status": "present_room"}]}
    )
    assert answer["code"] == "forbidden"
    assert await rows(live) == []
    await delegate.close()


async def test_roll_call_opens_with_the_check_in(live: Live):
    await database_sync_to_async(
        lambda: Meeting.objects.filter(pk=live.meeting.pk).update(
            start=live.meeting.start + timedelta(hours=2), end=live.meeting.end + timedelta(hours=2)
        )
    )()
    operator = await connect(live.operator, live.meeting)
    answer = await operator.request(
        "rollcall.mark", {"entries": [{"user_id": live.delegate.pk, "status": "present_room"}]}
    )
    assert answer["code"] == "too_early"
    assert answer["message"].startswith("Chưa đến giờ điểm danh: mở từ ")
    assert await rows(live) == []
    await operator.close()


async def test_roll_call_closes_with_the_meeting(live: Live):
    chair = await connect(live.chair, live.meeting)
    await chair.request("meeting.start")
    await chair.request("meeting.end")
    answer = await chair.request(
        "rollcall.mark", {"entries": [{"user_id": live.delegate.pk, "status": "present_room"}]}
    )
    assert answer["code"] == "wrong_status"
    await chair.close()


async def test_marking_again_replaces_the_mark_and_observers_never_count(live: Live):
    chair = await connect(live.chair, live.meeting)
    await chair.request(
        "rollcall.mark",
        {
            "entries": [
                {"user_id": live.delegate2.pk, "status": "absent", "reason": "Đi công tác"},
                {"user_id": live.observer.pk, "status": "present_online"},
            ]
        },
    )
    first = (await chair.event("rollcall.updated"))["payload"]
    assert [e["user_id"] for e in first["entries"]] == sorted([live.delegate2.pk, live.observer.pk])
    assert first["quorum"] == {"members": 2, "present": 0, "percent": 50, "needed": 1, "met": False}
    await chair.request(
        "rollcall.mark",
        {"entries": [{"user_id": live.delegate2.pk, "status": "present_online", "reason": "x"}]},
    )
    second = (await chair.event("rollcall.updated"))["payload"]
    assert [(e["user_id"], e["status"], e["reason"]) for e in second["entries"]] == [
        (live.delegate2.pk, "present_online", "")
    ]
    assert second["quorum"]["present"] == 1
    assert await rows(live) == sorted(
        [
            (live.delegate2.pk, live.rooms[1].pk, "present_online", "", live.chair.pk),
            (live.observer.pk, live.rooms[2].pk, "present_online", "", live.chair.pk),
        ]
    )
    await chair.close()


async def test_changing_the_quorum_percent_recounts_the_needed_number(live: Live):
    chair = await connect(live.chair, live.meeting)
    delegate = await connect(live.delegate, live.meeting)
    await chair.request(
        "rollcall.mark", {"entries": [{"user_id": live.delegate.pk, "status": "present_room"}]}
    )
    assert (await delegate.event("rollcall.updated"))["payload"]["quorum"]["met"] is True
    await chair.request("room.settings", {"quorum_percent": 75})
    event = (await delegate.event("room.settings"))["payload"]
    assert event["quorum"] == {"members": 2, "present": 1, "percent": 75, "needed": 2, "met": False}
    await chair.close()
    await delegate.close()


async def test_the_snapshot_lists_everyone_invited_and_their_marks(live: Live):
    operator = await connect(live.operator, live.meeting)
    await operator.request(
        "rollcall.mark",
        {"entries": [{"user_id": live.delegate.pk, "status": "absent", "reason": "Ốm"}]},
    )
    host = await connect(live.organizer, live.meeting)
    state = (await host.event("snapshot"))["payload"]["state"]
    assert [(m["user_id"], m["bridge_point_id"], m["role"]) for m in state["members"]] == [
        (live.delegate.pk, live.rooms[0].pk, "delegate"),
        (live.delegate2.pk, live.rooms[1].pk, "delegate"),
        (live.observer.pk, live.rooms[2].pk, "observer"),
    ]
    assert state["members"][1]["name"] == "Trần Thị Hai"
    assert state["roll_call"] == [
        {
            "user_id": live.delegate.pk,
            "bridge_point_id": live.rooms[0].pk,
            "status": "absent",
            "reason": "Ốm",
            "marked_by": live.operator.display_name,
        }
    ]
    assert state["quorum"] == {"members": 2, "present": 0, "percent": 50, "needed": 1, "met": False}
    await operator.close()
    await host.close()
