from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from meetings.models import Booking, Invitation, Meeting
from meetings.services.errors import ConflictError
from meetings.services.scheduling import meeting_cancel, meeting_schedule, series_schedule
from tests.world import next_morning


def test_schedule_holds_rooms_and_invites(world):
    meeting = meeting_schedule(actor=world.organizer, data=world.meeting_input())
    assert meeting.status == Meeting.Status.SCHEDULED
    assert Invitation.objects.filter(meeting=meeting).count() == 3
    assert Booking.objects.filter(meeting=meeting).count() == 4  # three communes + main room


def test_overlap_in_one_room_is_refused_with_every_conflict(world):
    first = meeting_schedule(actor=world.organizer, data=world.meeting_input())
    later = world.meeting_input(start=first.end + timedelta(minutes=5), title="Họp khác")
    with pytest.raises(ConflictError) as refused:
        meeting_schedule(actor=world.organizer, data=later)
    rooms = {c.resource_id for c in refused.value.conflicts if c.kind == "bridge_point"}
    assert rooms == {world.main_room.pk, *(r.pk for r in world.rooms)}
    assert any(c.kind == "chair" for c in refused.value.conflicts) is False
    assert Meeting.objects.count() == 1


def test_room_is_free_after_the_buffer(world):
    first = meeting_schedule(actor=world.organizer, data=world.meeting_input())
    meeting_schedule(
        actor=world.organizer, data=world.meeting_input(start=first.end + timedelta(minutes=15))
    )
    assert Meeting.objects.count() == 2


def test_cancel_frees_rooms(world):
    first = meeting_schedule(actor=world.organizer, data=world.meeting_input())
    meeting_cancel(actor=world.organizer, meeting_id=first.pk, reason="Lãnh đạo đi công tác")
    meeting_schedule(actor=world.organizer, data=world.meeting_input())
    first.refresh_from_db()
    assert first.status == Meeting.Status.CANCELLED and first.sequence == 1


def test_past_meeting_refused(world):
    with pytest.raises(ValidationError) as refused:
        meeting_schedule(actor=world.organizer, data=world.meeting_input(start=next_morning(-2)))
    assert "start" in refused.value.message_dict


def test_room_of_unmanaged_unit_refused(world):
    data = world.meeting_input(rooms=[world.other_room])
    with pytest.raises(ValidationError) as refused:
        meeting_schedule(actor=world.organizer, data=data)
    assert "bridge_point_ids" in refused.value.message_dict


def test_series_that_collides_once_is_refused_whole(world):
    blocker = meeting_schedule(
        actor=world.organizer, data=world.meeting_input(start=next_morning(days=15))
    )
    with pytest.raises(ConflictError) as refused:
        series_schedule(
            actor=world.organizer,
            data=world.meeting_input(start=next_morning(1)),
            frequency="weekly",
            count=4,
        )
    assert {c.meeting_id for c in refused.value.conflicts} == {blocker.pk}
    assert {c.occurrence for c in refused.value.conflicts} == {2}
    assert Meeting.objects.count() == 1
