"""Voting in the live room: a vote from preparation to its fixed result, and every refusal."""

import pytest
from channels.db import database_sync_to_async
from django.utils import timezone

from meetings.models import Meeting
from realtime.models import OptionCount, Poll, RollCallEntry, Vote
from tests.realtime.conftest import Live
from tests.realtime.live_support import LiveClient, connect

pytestmark = pytest.mark.asyncio

QUESTION = "Thông qua kế hoạch phòng chống lụt bão năm 2025"


async def open_poll(chair: LiveClient, *, start: bool = True, **fields) -> int:
    """Start the meeting (unless told not to), create a poll with `fields` and open it."""
    if start:
        assert (await chair.request("meeting.start"))["type"] == "ack"
    poll = {
        "question": QUESTION,
        "secret": False,
        "electorate": "delegates",
        "rule": "half_present",
        **fields,
    }
    created = await chair.request("poll.create", poll)
    assert created["type"] == "ack", created
    opened = await chair.request("poll.open", {"poll_id": created["poll_id"]})
    assert opened["type"] == "ack", opened
    return created["poll_id"]


async def tally_reaching(client: LiveClient, poll_id: int, total: int) -> dict:
    """The tally this socket shows once it counts `total` votes (bursts are coalesced)."""
    while True:
        payload = (await client.event("poll.tally"))["payload"]
        if payload["poll_id"] == poll_id and payload["total"] == total:
            return payload


async def poll_event(client: LiveClient, status: str) -> dict:
    while True:
        poll = (await client.event("poll.updated"))["payload"]["poll"]
        if poll["status"] == status:
            return poll


def counts_of(poll_id: int) -> list[int]:
    return list(
        OptionCount.objects.filter(poll_id=poll_id)
        .order_by("option")
        .values_list("count", flat=True)
    )


async def test_a_vote_from_preparation_to_a_fixed_result(live: Live):
    chair = await connect(live.chair, live.meeting)
    delegate = await connect(live.delegate, live.meeting)
    delegate2 = await connect(live.delegate2, live.meeting)
    await chair.request("meeting.start")
    created = await chair.request(
        "poll.create",
        {
            "question": QUESTION,
            "item_id": live.items[1].pk,
            "secret": False,
            "electorate": "delegates",
            "rule": "half_members",
        },
    )
    poll_id = created["poll_id"]
    draft = await poll_event(delegate, "draft")
    assert draft["options"] == ["Tán thành", "Không tán thành", "Không biểu quyết"]
    assert draft["item_id"] == live.items[1].pk
    await chair.request("poll.open", {"poll_id": poll_id})
    opened = await poll_event(delegate, "open")
    assert (opened["counts"], opened["total"], opened["passed"]) == ([0, 0, 0], 0, None)

    answer = await delegate.request("vote.cast", {"poll_id": poll_id, "option": 0})
    assert answer["type"] == "ack"
    assert (answer["poll_id"], answer["option"]) == (poll_id, 0)
    assert answer["cast_at"]
    assert (await tally_reaching(chair, poll_id, 1))["counts"] == [1, 0, 0]
    await delegate2.request("vote.cast", {"poll_id": poll_id, "option": 1})
    assert (await tally_reaching(chair, poll_id, 2))["counts"] == [1, 1, 0]

    assert (await chair.request("poll.close", {"poll_id": poll_id}))["type"] == "ack"
    closed = await poll_event(delegate, "closed")
    assert closed["counts"] == [1, 1, 0]
    assert closed["percents"] == [50.0, 50.0, 0.0]
    # Half of the two members is not more than half: the proposal fails.
    assert (closed["members"], closed["present"], closed["passed"]) == (2, 2, False)
    # Who chose what is published, on demand: the event only says how many choices there are.
    assert (closed["choices_count"], "choices" in closed) == (2, False)
    answer = await delegate.request("poll.choices", {"poll_id": poll_id})
    assert (answer["type"], answer["poll_id"]) == ("ack", poll_id)
    assert answer["choices"] == [
        {
            "voter": live.delegate.display_name,
            "bridge_point": str(live.rooms[0]),
            "option": 0,
            "cast_by": live.delegate.display_name,
        },
        {
            "voter": "Trần Thị Hai",
            "bridge_point": str(live.rooms[1]),
            "option": 1,
            "cast_by": "Trần Thị Hai",
        },
    ]

    late = await delegate2.request("vote.cast", {"poll_id": poll_id, "option": 0}, id="late")
    assert late["code"] == "poll_closed"
    assert (await chair.request("poll.close", {"poll_id": poll_id}))["type"] == "ack"
    poll = await database_sync_to_async(Poll.objects.get)(pk=poll_id)
    assert (poll.status, poll.passed, poll.members_count, poll.present_count) == (
        "closed",
        False,
        2,
        2,
    )
    assert poll.closed_at.isoformat().replace("+00:00", "Z") == closed["closed_at"]
    assert await database_sync_to_async(counts_of)(poll_id) == [1, 1, 0]
    for client in (chair, delegate, delegate2):
        await client.close()


async def test_a_repeated_message_gets_the_same_answer_even_after_the_close(live: Live):
    chair = await connect(live.chair, live.meeting)
    delegate = await connect(live.delegate, live.meeting)
    poll_id = await open_poll(chair)
    first = await delegate.request("vote.cast", {"poll_id": poll_id, "option": 2}, id="ballot-1")
    again = await delegate.request("vote.cast", {"poll_id": poll_id, "option": 0}, id="ballot-1")
    assert again == first
    await chair.request("poll.close", {"poll_id": poll_id})
    delegate.frames.clear()  # the first answers are no longer in the way
    after = await delegate.request("vote.cast", {"poll_id": poll_id, "option": 2}, id="ballot-1")
    assert after == first
    assert await database_sync_to_async(counts_of)(poll_id) == [0, 0, 1]
    await chair.close()
    await delegate.close()


async def test_a_second_different_vote_is_refused(live: Live):
    chair = await connect(live.chair, live.meeting)
    delegate = await connect(live.delegate, live.meeting)
    poll_id = await open_poll(chair)
    await delegate.request("vote.cast", {"poll_id": poll_id, "option": 0})
    answer = await delegate.request("vote.cast", {"poll_id": poll_id, "option": 1})
    assert answer["code"] == "already_voted"
    assert "chỉ bỏ một phiếu" in answer["message"]
    assert await database_sync_to_async(counts_of)(poll_id) == [1, 0, 0]
    await chair.close()
    await delegate.close()


async def test_an_operator_votes_for_a_delegate_of_their_room(live: Live):
    chair = await connect(live.chair, live.meeting)
    operator = await connect(live.operator, live.meeting)
    poll_id = await open_poll(chair)
    answer = await operator.request(
        "vote.cast", {"poll_id": poll_id, "option": 0, "voter_id": live.delegate.pk}
    )
    assert answer["type"] == "ack"
    vote = await database_sync_to_async(Vote.objects.get)(poll_id=poll_id)
    assert (vote.voter_id, vote.cast_by_id, vote.bridge_point_id, vote.option) == (
        live.delegate.pk,
        live.operator.pk,
        live.rooms[0].pk,
        0,
    )
    # The delegate's own screen learns that their vote is in.
    delegate = await connect(live.delegate, live.meeting)
    snapshot = (await delegate.event("snapshot"))["payload"]
    assert snapshot["me"]["votes"] == {str(poll_id): 0}
    answer = await delegate.request("vote.cast", {"poll_id": poll_id, "option": 1})
    assert answer["code"] == "already_voted"
    await chair.request("poll.close", {"poll_id": poll_id})
    await poll_event(delegate, "closed")
    (choice,) = (await delegate.request("poll.choices", {"poll_id": poll_id}))["choices"]
    assert (choice["voter"], choice["cast_by"]) == (
        live.delegate.display_name,
        live.operator.display_name,
    )
    for client in (chair, operator, delegate):
        await client.close()


async def test_voting_for_someone_without_the_right_is_forbidden(live: Live):
    chair = await connect(live.chair, live.meeting)
    operator = await connect(live.operator, live.meeting)
    delegate = await connect(live.delegate, live.meeting)
    poll_id = await open_poll(chair)
    # delegate2 attends from rooms[1], which this operator does not run.
    for client in (operator, delegate, chair):
        answer = await client.request(
            "vote.cast", {"poll_id": poll_id, "option": 0, "voter_id": live.delegate2.pk}
        )
        assert answer["code"] == "forbidden", answer
    assert "bỏ phiếu thay" in answer["message"]
    assert not await database_sync_to_async(Vote.objects.exists)()
    for client in (chair, operator, delegate):
        await client.close()


async def test_an_observer_and_the_chair_have_no_vote(live: Live):
    chair = await connect(live.chair, live.meeting)
    observer = await connect(live.observer, live.meeting)
    poll_id = await open_poll(chair)
    for client in (observer, chair):
        answer = await client.request("vote.cast", {"poll_id": poll_id, "option": 0})
        assert answer["code"] == "forbidden"
        assert answer["message"] == "Chỉ đại biểu được biểu quyết."
    await chair.close()
    await observer.close()


async def test_a_delegate_marked_absent_cannot_vote(live: Live):
    await database_sync_to_async(RollCallEntry.objects.create)(
        meeting=live.meeting,
        user=live.delegate2,
        bridge_point=live.rooms[1],
        status=RollCallEntry.Status.ABSENT,
        reason="Đi công tác",
        marked_at=timezone.now(),
    )
    chair = await connect(live.chair, live.meeting)
    delegate2 = await connect(live.delegate2, live.meeting)
    poll_id = await open_poll(chair)
    answer = await delegate2.request("vote.cast", {"poll_id": poll_id, "option": 0})
    assert answer["code"] == "absent"
    assert "vắng mặt" in answer["message"]
    await chair.close()
    await delegate2.close()


async def test_a_vote_before_the_poll_opens_is_refused(live: Live):
    chair = await connect(live.chair, live.meeting)
    delegate = await connect(live.delegate, live.meeting)
    await chair.request("meeting.start")
    created = await chair.request(
        "poll.create",
        {"question": QUESTION, "secret": False, "electorate": "delegates", "rule": "two_thirds"},
    )
    answer = await delegate.request("vote.cast", {"poll_id": created["poll_id"], "option": 0})
    assert answer["code"] == "poll_not_open"
    await chair.close()
    await delegate.close()


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"option": 3}, "option", "Chọn một phương án từ 0 đến 2."),
        ({"option": -1}, "option", "Giá trị phải từ 0 trở lên."),
        ({}, "option", "Trường này là bắt buộc."),
        ({"option": "có"}, "option", "Nhập một số nguyên."),
        ({"option": 0, "choice": 1}, "choice", "Giá trị không hợp lệ."),
        ({"option": 0, "bridge_point_id": 1}, "bridge_point_id", None),
    ],
)
async def test_a_bad_ballot_is_refused_field_by_field(live: Live, payload, field, message):
    chair = await connect(live.chair, live.meeting)
    delegate = await connect(live.delegate, live.meeting)
    poll_id = await open_poll(chair)
    answer = await delegate.request("vote.cast", {"poll_id": poll_id, **payload})
    assert answer["code"] == "invalid"
    assert field in answer["errors"]
    if message:
        assert answer["errors"][field] == [message]
    assert not await database_sync_to_async(Vote.objects.exists)()
    await chair.close()
    await delegate.close()


async def test_a_poll_of_another_meeting_is_not_found(live: Live):
    delegate = await connect(live.delegate, live.meeting)
    answer = await delegate.request("vote.cast", {"poll_id": 999_999, "option": 0})
    assert answer["code"] == "not_found"
    await delegate.close()


async def test_one_vote_per_bridge_point_cast_by_its_operator(live: Live):
    chair = await connect(live.chair, live.meeting)
    operator = await connect(live.operator, live.meeting)
    organizer = await connect(live.organizer, live.meeting)
    delegate = await connect(live.delegate, live.meeting)
    poll_id = await open_poll(chair, electorate="bridge_points", rule="half_members")
    room = {"poll_id": poll_id, "option": 0, "bridge_point_id": live.rooms[0].pk}
    assert (await operator.request("vote.cast", room))["type"] == "ack"
    assert (await operator.request("vote.cast", room))["code"] == "already_voted"
    main = {"poll_id": poll_id, "option": 0, "bridge_point_id": live.main_room.pk}
    assert (await organizer.request("vote.cast", main))["type"] == "ack"
    other = {"poll_id": poll_id, "option": 0, "bridge_point_id": live.rooms[1].pk}
    assert (await operator.request("vote.cast", other))["code"] == "forbidden"
    assert (await delegate.request("vote.cast", other))["code"] == "forbidden"
    missing = await delegate.request("vote.cast", {"poll_id": poll_id, "option": 0})
    assert missing["errors"]["bridge_point_id"] == ["Chọn điểm cầu bỏ phiếu."]
    votes = await database_sync_to_async(
        lambda: sorted(Vote.objects.values_list("voter_id", "bridge_point_id", "cast_by_id"))
    )()
    assert votes == sorted(
        [(None, live.rooms[0].pk, live.operator.pk), (None, live.main_room.pk, live.organizer.pk)]
    )
    await chair.request("poll.close", {"poll_id": poll_id})
    closed = await poll_event(chair, "closed")
    # The main room and three communes are members; two rooms voted, two yes: not over half.
    assert (closed["members"], closed["present"], closed["passed"]) == (4, 2, False)
    # By bridge point: "Tỉnh Lạng Sơn — …" before "Xã Thử 1 — …".
    assert closed["choices_count"] == 2
    choices = (await delegate.request("poll.choices", {"poll_id": poll_id}))["choices"]
    assert [(c["bridge_point"], c["voter"], c["cast_by"]) for c in choices] == [
        (str(live.main_room), "", live.organizer.display_name),
        (str(live.rooms[0]), "", live.operator.display_name),
    ]
    snapshot = (await (await connect(live.operator, live.meeting)).event("snapshot"))["payload"]
    assert snapshot["me"]["votes"] == {str(poll_id): 0}
    for client in (chair, operator, organizer, delegate):
        await client.close()


async def test_after_the_meeting_ends_an_open_poll_takes_no_votes_but_can_be_closed(live: Live):
    chair = await connect(live.chair, live.meeting)
    delegate = await connect(live.delegate, live.meeting)
    poll_id = await open_poll(chair)
    await delegate.request("vote.cast", {"poll_id": poll_id, "option": 0}, id="before-end")
    await chair.request("meeting.end")
    status = await database_sync_to_async(
        lambda: Meeting.objects.values_list("status", flat=True).get(pk=live.meeting.pk)
    )()
    assert status == Meeting.Status.ENDED
    answer = await delegate2_vote(live, poll_id)
    assert answer["code"] == "not_live"
    assert (await chair.request("poll.close", {"poll_id": poll_id}))["type"] == "ack"
    closed = await poll_event(delegate, "closed")
    assert (closed["counts"], closed["passed"]) == ([1, 0, 0], True)
    await chair.close()
    await delegate.close()


async def delegate2_vote(live: Live, poll_id: int) -> dict:
    delegate2 = await connect(live.delegate2, live.meeting)
    answer = await delegate2.request("vote.cast", {"poll_id": poll_id, "option": 0})
    await delegate2.close()
    return answer
