"""The cast's own SQL (see `realtime.services.votes`): what it stores and what it reads.

The cast writes its vote and reads the voter's part in the meeting without the ORM, so these
check, on SQLite and PostgreSQL alike, that the row stored is the vote answered and that the
one read picks the right participant and roll-call entry.
"""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from realtime.access import room_access
from realtime.models import Poll, RollCallEntry, Vote
from realtime.services import votes as services
from tests.realtime.conftest import Live
from tests.realtime.test_votes_queries import opened

STORED = ("poll_id", "voter_id", "bridge_point_id", "option", "cast_by_id", "message_id")


def stored(vote: Vote) -> tuple:
    row = Vote.objects.get(pk=vote.pk)
    return tuple(getattr(row, name) for name in (*STORED, "cast_at"))


def answered(vote: Vote) -> tuple:
    return tuple(getattr(vote, name) for name in (*STORED, "cast_at"))


def mark(live: Live, user, room, status: str) -> None:
    RollCallEntry.objects.create(
        meeting=live.meeting, user=user, bridge_point=room, status=status, marked_at=timezone.now()
    )


@pytest.mark.parametrize("secret", [False, True])
def test_a_vote_is_stored_as_it_was_answered(live: Live, secret: bool):
    poll_id = opened(live, secret=secret)
    vote = services.vote_cast(
        access=room_access(live.delegate, live.meeting.pk),
        poll_id=poll_id,
        option=1,
        message_id="m1",
    )
    assert vote.pk is not None
    assert stored(vote) == answered(vote)
    option = None if secret else 1
    assert answered(vote)[:-1] == (
        poll_id,
        live.delegate.pk,
        live.rooms[0].pk,
        option,
        live.delegate.pk,
        "m1",
    )
    assert Vote.objects.filter(poll_id=poll_id).count() == 1


def test_a_proxy_vote_is_stored_with_the_delegate_room_and_operator(live: Live):
    poll_id = opened(live)
    vote = services.vote_cast(
        access=room_access(live.operator, live.meeting.pk),
        poll_id=poll_id,
        option=0,
        message_id="proxy",
        voter_id=live.delegate.pk,
    )
    assert stored(vote) == answered(vote)
    assert (vote.voter_id, vote.bridge_point_id, vote.cast_by_id) == (
        live.delegate.pk,
        live.rooms[0].pk,
        live.operator.pk,
    )


def test_a_repeated_message_answers_with_the_stored_vote(live: Live):
    poll_id = opened(live)
    access = room_access(live.delegate, live.meeting.pk)
    first = services.vote_cast(access=access, poll_id=poll_id, option=2, message_id="m1")
    again = services.vote_cast(access=access, poll_id=poll_id, option=0, message_id="m1")
    assert answered(again) == answered(first)
    assert again.pk == first.pk


def test_the_roll_call_stops_only_the_delegate_marked_absent(live: Live):
    mark(live, live.delegate, live.rooms[0], RollCallEntry.Status.PRESENT_ROOM)
    mark(live, live.delegate2, live.rooms[1], RollCallEntry.Status.ABSENT)
    poll_id = opened(live)
    services.vote_cast(
        access=room_access(live.delegate, live.meeting.pk),
        poll_id=poll_id,
        option=0,
        message_id="present",
    )
    with pytest.raises(ValidationError) as refused:
        services.vote_cast(
            access=room_access(live.delegate2, live.meeting.pk),
            poll_id=poll_id,
            option=0,
            message_id="absent",
        )
    assert refused.value.code == "absent"
    assert list(Vote.objects.values_list("voter_id", flat=True)) == [live.delegate.pk]


def test_a_poll_of_bridge_points_ignores_the_operator_own_part(live: Live):
    """The read looks up the caster's own roll call even in a poll of rooms; it must not
    matter there."""
    mark(live, live.operator, live.rooms[0], RollCallEntry.Status.ABSENT)
    poll_id = opened(live, electorate=Poll.Electorate.BRIDGE_POINTS)
    vote = services.vote_cast(
        access=room_access(live.operator, live.meeting.pk),
        poll_id=poll_id,
        option=0,
        message_id="room",
        bridge_point_id=live.rooms[0].pk,
    )
    assert stored(vote) == answered(vote)
    assert (vote.voter_id, vote.bridge_point_id) == (None, live.rooms[0].pk)
