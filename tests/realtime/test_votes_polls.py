"""The chair prepares polls in advance or on the spot, opens one at a time and closes it."""

import pytest
from channels.db import database_sync_to_async

from realtime.models import MeetingEvent, OptionCount, Poll
from tests.realtime.conftest import Live
from tests.realtime.live_support import connect
from tests.realtime.test_votes_cast import QUESTION, open_poll, poll_event

pytestmark = pytest.mark.asyncio

DRAFT = {"question": QUESTION, "secret": False, "electorate": "delegates", "rule": "half_present"}


def event_types(meeting_id: int) -> list[str]:
    return list(
        MeetingEvent.objects.filter(meeting_id=meeting_id)
        .order_by("seq")
        .values_list("type", flat=True)
    )


async def test_a_poll_prepared_before_the_meeting_is_edited_then_removed(live: Live):
    organizer = await connect(live.organizer, live.meeting)
    delegate = await connect(live.delegate, live.meeting)
    created = await organizer.request("poll.create", {**DRAFT, "item_id": live.items[0].pk})
    poll_id = created["poll_id"]
    assert (await poll_event(delegate, "draft"))["item_id"] == live.items[0].pk
    answer = await organizer.request(
        "poll.update",
        {
            "poll_id": poll_id,
            "question": "  Thông qua dự toán bổ sung  ",
            "options": ["Đồng ý", "Không đồng ý"],
            "secret": True,
            "item_id": None,
        },
    )
    assert answer["type"] == "ack"
    edited = await poll_event(delegate, "draft")
    assert edited["question"] == "Thông qua dự toán bổ sung"
    assert edited["options"] == ["Đồng ý", "Không đồng ý"]
    assert (edited["secret"], edited["item_id"], edited["rule"]) == (True, None, "half_present")
    # Null options mean the standard ones again; other fields left out stay as they are.
    await organizer.request("poll.update", {"poll_id": poll_id, "options": None, "rule": None})
    standard = await poll_event(delegate, "draft")
    assert standard["options"] == ["Tán thành", "Không tán thành", "Không biểu quyết"]
    assert (standard["secret"], standard["rule"]) == (True, "half_present")

    assert (await organizer.request("poll.delete", {"poll_id": poll_id}))["type"] == "ack"
    removed = await delegate.event("poll.removed")
    assert removed["payload"] == {"poll_id": poll_id}
    assert not await database_sync_to_async(Poll.objects.exists)()
    await organizer.close()
    await delegate.close()


async def test_opening_counts_from_zero_and_closing_fixes_the_result(live: Live):
    chair = await connect(live.chair, live.meeting)
    poll_id = await open_poll(chair, options=["Phương án A", "Phương án B", "Phương án C", "Khác"])
    counts = await database_sync_to_async(
        lambda: list(OptionCount.objects.filter(poll_id=poll_id).values_list("option", "count"))
    )()
    assert sorted(counts) == [(0, 0), (1, 0), (2, 0), (3, 0)]
    # Opening again changes nothing and says nothing.
    assert (await chair.request("poll.open", {"poll_id": poll_id}))["type"] == "ack"
    await chair.request("poll.close", {"poll_id": poll_id})
    closed = await poll_event(chair, "closed")
    # Nobody voted: nothing passes, even where nobody was present.
    assert (closed["total"], closed["members"], closed["present"], closed["passed"]) == (
        0,
        2,
        0,
        False,
    )
    assert (await chair.request("poll.open", {"poll_id": poll_id}))["code"] == "poll_closed"
    types = await database_sync_to_async(event_types)(live.meeting.pk)
    assert types == ["meeting.state", "poll.updated", "poll.updated", "poll.updated"]
    await chair.close()


async def test_only_one_poll_is_open_at_a_time(live: Live):
    chair = await connect(live.chair, live.meeting)
    await open_poll(chair)
    second = await chair.request("poll.create", {**DRAFT, "question": "Câu hỏi thứ hai"})
    answer = await chair.request("poll.open", {"poll_id": second["poll_id"]})
    assert answer["code"] == "another_open"
    assert f"“{QUESTION}”" in answer["message"]
    await chair.close()


async def test_a_poll_opens_only_in_a_live_meeting(live: Live):
    chair = await connect(live.chair, live.meeting)
    created = await chair.request("poll.create", DRAFT)
    answer = await chair.request("poll.open", {"poll_id": created["poll_id"]})
    assert answer["code"] == "not_live"
    await chair.request("meeting.start")
    await chair.request("meeting.end")
    late = await chair.request("poll.create", DRAFT)
    assert late["code"] == "wrong_status"
    await chair.close()


async def test_an_open_or_closed_poll_cannot_be_edited_or_removed(live: Live):
    chair = await connect(live.chair, live.meeting)
    poll_id = await open_poll(chair)
    change = {"poll_id": poll_id, "question": "Sửa giữa chừng"}
    assert (await chair.request("poll.update", change))["code"] == "not_draft"
    assert (await chair.request("poll.delete", {"poll_id": poll_id}))["code"] == "not_draft"
    await chair.request("poll.close", {"poll_id": poll_id})
    assert (await chair.request("poll.update", change))["code"] == "not_draft"
    poll = await database_sync_to_async(Poll.objects.get)(pk=poll_id)
    assert poll.question == QUESTION
    await chair.close()


async def test_closing_a_draft_is_refused(live: Live):
    chair = await connect(live.chair, live.meeting)
    created = await chair.request("poll.create", DRAFT)
    answer = await chair.request("poll.close", {"poll_id": created["poll_id"]})
    assert answer["code"] == "poll_not_open"
    await chair.close()


async def test_only_the_chair_and_host_staff_run_polls(live: Live):
    chair = await connect(live.chair, live.meeting)
    created = await chair.request("poll.create", DRAFT)
    poll_id = created["poll_id"]
    for user in (live.delegate, live.operator, live.observer, live.secretary):
        client = await connect(user, live.meeting)
        for message_type, payload in [
            ("poll.create", DRAFT),
            ("poll.update", {"poll_id": poll_id, "question": "Khác"}),
            ("poll.delete", {"poll_id": poll_id}),
            ("poll.open", {"poll_id": poll_id}),
            ("poll.close", {"poll_id": poll_id}),
        ]:
            answer = await client.request(message_type, payload)
            assert answer["code"] == "forbidden", (user, message_type)
        await client.close()
    assert await database_sync_to_async(Poll.objects.count)() == 1
    await chair.close()


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"question": "   "}, "question", "Nội dung biểu quyết có từ 1 đến 500 ký tự."),
        ({"question": "x" * 501}, "question", "Nội dung biểu quyết có từ 1 đến 500 ký tự."),
        ({"options": ["Một"]}, "options", "Cần từ 2 đến 10 phương án."),
        ({"options": [f"PA {i}" for i in range(11)]}, "options", "Cần từ 2 đến 10 phương án."),
        ({"options": ["Có", ""]}, "options", "Mỗi phương án có từ 1 đến 200 ký tự."),
        ({"options": ["Có", "x" * 201]}, "options", "Mỗi phương án có từ 1 đến 200 ký tự."),
        (
            {"options": ["Đồng ý", "đồng ý "]},
            "options",
            "Các phương án không được trùng nhau: “đồng ý”.",
        ),
        ({"item_id": 999_999}, "item_id", "Nội dung này không thuộc chương trình cuộc họp."),
        ({"electorate": "all"}, "electorate", "Chọn một trong: delegates, bridge_points."),
        ({"rule": "unanimous"}, "rule", None),
        ({"secret": None}, "secret", None),
        ({"question": 7}, "question", "Nhập một chuỗi ký tự."),
    ],
)
async def test_a_bad_poll_is_refused_field_by_field(live: Live, change, field, message):
    chair = await connect(live.chair, live.meeting)
    answer = await chair.request("poll.create", {**DRAFT, **change})
    assert answer["code"] == "invalid", answer
    assert list(answer["errors"]) == [field]
    if message:
        assert answer["errors"][field] == [message]
    assert not await database_sync_to_async(Poll.objects.exists)()
    await chair.close()


async def test_a_poll_of_another_meeting_cannot_be_touched(live: Live):
    chair = await connect(live.chair, live.meeting)
    for message_type in ("poll.update", "poll.delete", "poll.open", "poll.close"):
        answer = await chair.request(message_type, {"poll_id": 999_999})
        assert answer["code"] == "not_found"
        assert answer["message"] == "Không tìm thấy biểu quyết này trong cuộc họp."
    await chair.close()
