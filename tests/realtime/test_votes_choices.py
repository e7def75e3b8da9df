"""Who chose what in a named vote: published once the poll closes, fetched on demand.

The snapshot and `poll.updated` carry only how many choices there are; a thousand delegates'
choices in every snapshot would make each reconnecting tablet load them all.
"""

import json

import pytest
from channels.db import database_sync_to_async
from django.test import Client

from meetings.models import Participant, Role
from meetings.services.scheduling import meeting_schedule
from realtime.access import room_access
from realtime.models import Poll
from realtime.services import room as room_services
from realtime.services import votes as services
from realtime.snapshot import room_snapshot
from realtime.state import votes as votes_state
from tests.realtime.conftest import Live
from tests.realtime.live_support import connect
from tests.realtime.test_votes_cast import open_poll, poll_event
from tests.world import make_user, next_morning


def _voted_poll(live: Live, voters: list, *, question: str, **fields) -> Poll:
    """A named poll of the live meeting, opened, voted "yes" by `voters`, still open."""
    chair = room_access(live.chair, live.meeting.pk)
    poll = services.poll_create(access=chair, question=question, electorate="delegates", **fields)
    services.poll_open(access=chair, poll_id=poll.pk)
    for number, voter in enumerate(voters):
        services.vote_cast(
            access=room_access(voter, live.meeting.pk),
            poll_id=poll.pk,
            option=0,
            message_id=f"{question}-{number}",
        )
    return poll


def _state_json(live: Live) -> str:
    snapshot = room_snapshot(room_access(live.delegate, live.meeting.pk))
    return json.dumps(snapshot["state"], ensure_ascii=False)


def test_closing_a_named_poll_adds_nothing_per_voter_to_the_snapshot(live: Live):
    chair = room_access(live.chair, live.meeting.pk)
    crowd = [live.delegate, live.delegate2]
    for number in range(30):
        user = make_user(f"crowd{number}", live.communes[0], Role.DELEGATE)
        Participant.objects.create(meeting=live.meeting, user=user, bridge_point=live.rooms[0])
        crowd.append(user)
    room_services.meeting_start(access=chair)
    # Questions of the same length: the two polls differ only by their number of votes.
    growth = {}
    for voters, question in ((crowd[:1], "Biểu quyết A"), (crowd, "Biểu quyết B")):
        poll = _voted_poll(live, voters, question=question)
        before = len(_state_json(live))
        services.poll_close(access=chair, poll_id=poll.pk)
        growth[len(voters)] = len(_state_json(live)) - before
    # The close adds its time, percentages and result; 32 votes differ from 1 only by digits.
    assert growth[32] - growth[1] <= 8, growth
    polls = json.loads(_state_json(live))["polls"]
    assert [(p["question"], p["choices_count"]) for p in polls] == [
        ("Biểu quyết A", 1),
        ("Biểu quyết B", 32),
    ]
    assert all("choices" not in p for p in polls)


def test_the_choices_name_voters_rooms_options_and_who_cast_them(live: Live):
    room_services.meeting_start(access=room_access(live.chair, live.meeting.pk))
    poll = _voted_poll(live, [live.delegate2], question="Thông qua")
    # The operator of rooms[0] casts the delegate's vote for them.
    services.vote_cast(
        access=room_access(live.operator, live.meeting.pk),
        poll_id=poll.pk,
        option=1,
        message_id="proxy",
        voter_id=live.delegate.pk,
    )
    services.poll_close(access=room_access(live.chair, live.meeting.pk), poll_id=poll.pk)
    # Anyone in the room reads them, an observer too: a named vote is public.
    rows = votes_state.poll_choices(room_access(live.observer, live.meeting.pk), poll.pk)
    assert [(c.voter, c.bridge_point, c.option, c.cast_by) for c in rows] == [
        (live.delegate.display_name, str(live.rooms[0]), 1, live.operator.display_name),
        ("Trần Thị Hai", str(live.rooms[1]), 0, "Trần Thị Hai"),
    ]


def _poll_of_another_meeting(live: Live) -> int:
    other = meeting_schedule(
        actor=live.organizer,
        data=live.world.meeting_input(start=next_morning(days=5)),
        notify=False,
    )
    poll = Poll.objects.create(
        meeting=other, question="Của cuộc họp khác", options=["Có", "Không"], status="closed"
    )
    return poll.pk


@pytest.mark.asyncio
async def test_the_choices_are_refused_until_published(live: Live):
    chair = await connect(live.chair, live.meeting)
    delegate = await connect(live.delegate, live.meeting)
    secret_id = await open_poll(chair, secret=True)
    await delegate.request("vote.cast", {"poll_id": secret_id, "option": 0})
    await chair.request("poll.close", {"poll_id": secret_id})
    closed = await poll_event(delegate, "closed")
    assert closed["choices_count"] == 0
    open_id = await open_poll(chair, start=False)
    await delegate.request("vote.cast", {"poll_id": open_id, "option": 0})
    draft = await chair.request(
        "poll.create",
        {"question": "Chưa mở", "secret": False, "electorate": "delegates", "rule": "two_thirds"},
    )
    other_id = await database_sync_to_async(_poll_of_another_meeting)(live)
    refusals = {}
    for name, poll_id in (
        ("secret", secret_id),
        ("open", open_id),
        ("draft", draft["poll_id"]),
        ("other meeting", other_id),
    ):
        answer = await delegate.request("poll.choices", {"poll_id": poll_id})
        refusals[name] = (answer["type"], answer["code"], answer["message"])
    assert refusals == {
        "secret": ("error", "secret_poll", "Biểu quyết kín không công bố phiếu của từng người."),
        "open": (
            "error",
            "poll_not_closed",
            "Phiếu của từng người được công bố khi biểu quyết kết thúc.",
        ),
        "draft": (
            "error",
            "poll_not_closed",
            "Phiếu của từng người được công bố khi biểu quyết kết thúc.",
        ),
        "other meeting": ("error", "not_found", "Không tìm thấy biểu quyết này trong cuộc họp."),
    }
    bad = await delegate.request("poll.choices", {})
    assert (bad["code"], list(bad["errors"])) == ("invalid", ["poll_id"])
    # Closing the open poll publishes its choices to the same screen.
    await chair.request("poll.close", {"poll_id": open_id})
    answer = await delegate.request("poll.choices", {"poll_id": open_id})
    assert [(c["voter"], c["option"]) for c in answer["choices"]] == [
        (live.delegate.display_name, 0)
    ]
    await chair.close()
    await delegate.close()


def test_the_choices_over_http(live: Live):
    chair = room_access(live.chair, live.meeting.pk)
    room_services.meeting_start(access=chair)
    named = _voted_poll(live, [live.delegate, live.delegate2], question="Công khai")
    services.poll_close(access=chair, poll_id=named.pk)
    secret = _voted_poll(live, [live.delegate], question="Kín", secret=True)
    services.poll_close(access=chair, poll_id=secret.pk)
    still_open = _voted_poll(live, [live.delegate], question="Đang mở")
    other_id = _poll_of_another_meeting(live)

    def get(user, poll_id: int):
        client = Client()
        if user is not None:
            client.force_login(user)
        return client.get(f"/api/meetings/{live.meeting.pk}/polls/{poll_id}/choices")

    answer = get(live.delegate2, named.pk)
    assert answer.status_code == 200
    assert answer.json() == {
        "poll_id": named.pk,
        "choices": [
            {
                "voter": live.delegate.display_name,
                "bridge_point": str(live.rooms[0]),
                "option": 0,
                "cast_by": live.delegate.display_name,
            },
            {
                "voter": "Trần Thị Hai",
                "bridge_point": str(live.rooms[1]),
                "option": 0,
                "cast_by": "Trần Thị Hai",
            },
        ],
    }
    assert get(live.outsider, named.pk).status_code == 404
    assert get(None, named.pk).status_code == 401
    refused = {}
    for poll_id in (secret.pk, still_open.pk, other_id):
        answer = get(live.delegate, poll_id)
        refused[poll_id] = (answer.status_code, answer.json()["detail"])
    assert refused == {
        secret.pk: (422, "Biểu quyết kín không công bố phiếu của từng người."),
        still_open.pk: (422, "Phiếu của từng người được công bố khi biểu quyết kết thúc."),
        other_id: (404, "Không tìm thấy biểu quyết này trong cuộc họp."),
    }
