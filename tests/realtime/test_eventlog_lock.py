"""The live state row that numbers a meeting's events: one locked read per change, and a
meeting's first changes, even at once, create it exactly once."""

import pytest
from django.db import connection, transaction

from realtime.access import room_access
from realtime.eventlog import live_state_for_update
from realtime.models import LiveState, MeetingEvent, Poll
from realtime.services import votes as services
from tests.realtime.conftest import Live
from tests.realtime.test_votes_race import together


def prepare(live: Live, question: str) -> Poll:
    chair = room_access(live.chair, live.meeting.pk)
    return services.poll_create(access=chair, question=question)


def test_a_change_locks_the_live_state_in_one_statement(live: Live, django_assert_num_queries):
    prepare(live, "Thông qua chương trình")  # the meeting's first event creates the row
    with transaction.atomic():
        LiveState.objects.exists()  # the transaction is open: BEGIN is not counted below
        with django_assert_num_queries(1):
            state = live_state_for_update(live.meeting.pk)
    assert state.last_seq == 1


def test_the_first_change_of_a_meeting_creates_its_live_state(live: Live):
    assert not LiveState.objects.filter(meeting=live.meeting).exists()
    prepare(live, "Thông qua chương trình")
    prepare(live, "Thông qua kế hoạch")
    assert LiveState.objects.get(meeting=live.meeting).last_seq == 2
    events = MeetingEvent.objects.filter(meeting=live.meeting).order_by("seq")
    assert list(events.values_list("seq", flat=True)) == [1, 2]


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite never runs two writers")
def test_two_first_changes_at_once_are_numbered_one_after_the_other(live: Live):
    outcomes = together(
        [lambda q=question: prepare(live, q) for question in ("Nội dung 1", "Nội dung 2")]
    )
    assert all(isinstance(o, Poll) for o in outcomes), outcomes
    assert LiveState.objects.filter(meeting=live.meeting).count() == 1
    assert LiveState.objects.get(meeting=live.meeting).last_seq == 2
    events = MeetingEvent.objects.filter(meeting=live.meeting).order_by("seq")
    assert list(events.values_list("seq", flat=True)) == [1, 2]
