"""Votes arriving together on PostgreSQL: one voter counts once, and a close fixes the count.

SQLite takes its write lock at BEGIN (BEGIN IMMEDIATE), so its transactions never overlap
and there is no race to lose there; these run on PostgreSQL only.
"""

import threading
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from meetings.models import Participant, Role
from realtime.access import room_access
from realtime.models import MeetingEvent, OptionCount, Poll, Vote
from realtime.services import votes as services
from tests.realtime.conftest import Live
from tests.realtime.test_votes_queries import opened
from tests.world import make_user

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="SQLite never runs two writers at once"
    ),
    pytest.mark.postgres,
]


def together(calls: list[Callable[[], object]]) -> list[object]:
    """Run the calls from one thread each, released at the same moment."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[object] = [None] * len(calls)

    def run(index: int, call: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=10)
            outcomes[index] = call()
        except Exception as error:
            outcomes[index] = error
        finally:
            connection.close()  # each thread opened its own connection

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def counts_of(poll_id: int) -> list[int]:
    rows = OptionCount.objects.filter(poll_id=poll_id).order_by("option")
    return list(rows.values_list("count", flat=True))


def close(live: Live, poll_id: int) -> None:
    services.poll_close(access=room_access(live.chair, live.meeting.pk), poll_id=poll_id)


def reopen(live: Live) -> int:
    chair = room_access(live.chair, live.meeting.pk)
    poll = services.poll_create(access=chair, question="Vòng tiếp theo")
    services.poll_open(access=chair, poll_id=poll.pk)
    return poll.pk


def test_a_delegate_and_their_operator_voting_at_once_count_once(live: Live):
    delegate = room_access(live.delegate, live.meeting.pk)
    operator = room_access(live.operator, live.meeting.pk)
    poll_id = opened(live)
    for _round in range(5):
        outcomes = together(
            [
                lambda poll_id=poll_id: services.vote_cast(
                    access=delegate, poll_id=poll_id, option=0, message_id="self"
                ),
                lambda poll_id=poll_id: services.vote_cast(
                    access=operator,
                    poll_id=poll_id,
                    option=1,
                    message_id="proxy",
                    voter_id=live.delegate.pk,
                ),
            ]
        )
        (vote,) = [o for o in outcomes if isinstance(o, Vote)]
        (refusal,) = [o for o in outcomes if isinstance(o, ValidationError)]
        assert refusal.code == "already_voted"
        assert Vote.objects.filter(poll_id=poll_id).count() == 1
        expected = [0, 0, 0]
        expected[vote.option] = 1
        assert counts_of(poll_id) == expected
        close(live, poll_id)
        poll_id = reopen(live)


def test_one_message_sent_twice_at_once_is_one_vote_with_one_answer(live: Live):
    delegate = room_access(live.delegate, live.meeting.pk)
    poll_id = opened(live)
    outcomes = together(
        [
            lambda: services.vote_cast(access=delegate, poll_id=poll_id, option=2, message_id="m")
            for _ in range(2)
        ]
    )
    assert all(isinstance(o, Vote) for o in outcomes), outcomes
    assert outcomes[0].pk == outcomes[1].pk
    assert outcomes[0].cast_at == outcomes[1].cast_at
    assert counts_of(poll_id) == [0, 0, 1]


def test_votes_racing_the_close_are_either_in_the_result_or_refused(live: Live):
    voters = [make_user(f"dai_bieu_{i}", live.communes[i % 3], Role.DELEGATE) for i in range(24)]
    Participant.objects.bulk_create(
        Participant(meeting=live.meeting, user=user, bridge_point=live.rooms[i % 3])
        for i, user in enumerate(voters)
    )
    poll_id = opened(live)
    casts = [
        lambda user=user, i=i: services.vote_cast(
            access=room_access(user, live.meeting.pk),
            poll_id=poll_id,
            option=i % 3,
            message_id=f"v{i}",
        )
        for i, user in enumerate(voters)
    ]
    outcomes = together([*casts, lambda: close(live, poll_id)])
    counted = [o for o in outcomes[:-1] if isinstance(o, Vote)]
    refused = [o for o in outcomes[:-1] if not isinstance(o, Vote)]
    assert outcomes[-1] is None  # the close went through
    assert all(isinstance(r, ValidationError) and r.code == "poll_closed" for r in refused)
    poll = Poll.objects.get(pk=poll_id)
    final = counts_of(poll_id)
    assert sum(final) == len(counted) == Vote.objects.filter(poll_id=poll_id).count()
    assert poll.present_count == len(counted)  # nobody marked present: those who voted
    published = MeetingEvent.objects.filter(type="poll.updated").order_by("-seq").first()
    assert published.payload["poll"]["status"] == "closed"
    assert published.payload["poll"]["counts"] == final
