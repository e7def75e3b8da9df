"""vote.cast is the hot path (a whole room votes at once): it stays a handful of queries.

Run outside a test transaction (the `live` fixture is transactional), so the service's
transaction is the real one and the tally read after the commit is counted too.
"""

import pytest
from django.core.exceptions import ValidationError

from realtime.access import room_access
from realtime.services import room as room_services
from realtime.services import votes as services
from tests.realtime.conftest import Live

# BEGIN; the poll with its meeting's status and the voter (with the roll call); the insert
# (no savepoint: a second vote inserts nothing); the counter; the status re-read; COMMIT;
# then the tally read after the commit. It was 10 before the hot path was trimmed: keep it
# from growing back.
CAST_QUERIES = 7


def opened(live: Live, **fields) -> int:
    chair = room_access(live.chair, live.meeting.pk)
    room_services.meeting_start(access=chair)
    poll = services.poll_create(access=chair, question="Thông qua", **fields)
    services.poll_open(access=chair, poll_id=poll.pk)
    return poll.pk


@pytest.mark.parametrize("secret", [False, True])
def test_a_delegate_voting_costs_few_queries(live: Live, django_assert_max_num_queries, secret):
    poll_id = opened(live, secret=secret)
    access = room_access(live.delegate, live.meeting.pk)
    with django_assert_max_num_queries(CAST_QUERIES):
        services.vote_cast(access=access, poll_id=poll_id, option=0, message_id="m1")


def test_an_operator_voting_for_a_delegate_costs_the_same(
    live: Live, django_assert_max_num_queries
):
    poll_id = opened(live)
    access = room_access(live.operator, live.meeting.pk)
    with django_assert_max_num_queries(CAST_QUERIES):
        services.vote_cast(
            access=access, poll_id=poll_id, option=1, message_id="m1", voter_id=live.delegate.pk
        )


def test_a_bridge_point_voting_costs_the_same(live: Live, django_assert_max_num_queries):
    poll_id = opened(live, electorate="bridge_points")
    access = room_access(live.operator, live.meeting.pk)
    with django_assert_max_num_queries(CAST_QUERIES):
        services.vote_cast(
            access=access,
            poll_id=poll_id,
            option=0,
            message_id="m1",
            bridge_point_id=live.rooms[0].pk,
        )


def test_a_repeated_or_second_vote_costs_no_more_than_a_first_one(
    live: Live, django_assert_max_num_queries
):
    poll_id = opened(live)
    access = room_access(live.delegate, live.meeting.pk)
    services.vote_cast(access=access, poll_id=poll_id, option=0, message_id="m1")
    # BEGIN, the read, the insert that inserts nothing, the vote in its way, COMMIT.
    with django_assert_max_num_queries(5):
        again = services.vote_cast(access=access, poll_id=poll_id, option=0, message_id="m1")
    assert again.message_id == "m1"
    with pytest.raises(ValidationError) as refused, django_assert_max_num_queries(5):
        services.vote_cast(access=access, poll_id=poll_id, option=1, message_id="m2")
    assert refused.value.code == "already_voted"
