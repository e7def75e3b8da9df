from django.urls import reverse

from meetings.models import Meeting
from meetings.services.scheduling import meeting_schedule
from tests.meetings.page_helpers import text


def _url(meeting) -> str:
    return reverse("meeting-confirm", args=[meeting.pk])


def test_draft_becomes_scheduled(client, world):
    draft = meeting_schedule(actor=world.organizer, data=world.meeting_input(), as_draft=True)
    client.force_login(world.organizer)
    response = client.post(_url(draft))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Meeting.Status.SCHEDULED
    assert draft.bookings.count() == 4


def test_confirming_onto_a_taken_slot_keeps_the_draft(client, world):
    draft = meeting_schedule(actor=world.organizer, data=world.meeting_input(), as_draft=True)
    meeting_schedule(actor=world.organizer, data=world.meeting_input(title="Họp trước"))
    client.force_login(world.organizer)
    response = client.post(_url(draft))
    assert response.status_code == 409
    assert "Trùng lịch: cuộc họp vẫn là dự thảo." in text(response)
    assert "“Họp trước”" in text(response)
    draft.refresh_from_db()
    assert draft.status == Meeting.Status.DRAFT


def test_scheduled_meeting_is_not_confirmed_twice(client, world):
    meeting = meeting_schedule(actor=world.organizer, data=world.meeting_input())
    client.force_login(world.organizer)
    response = client.post(_url(meeting))
    assert response.status_code == 422
    assert "Chỉ cuộc họp dự thảo mới được lên lịch." in text(response)


def test_only_the_organizer_confirms(client, world):
    draft = meeting_schedule(actor=world.organizer, data=world.meeting_input(), as_draft=True)
    client.force_login(world.chair)
    assert client.post(_url(draft)).status_code == 403
    client.force_login(world.outsider)
    assert client.post(_url(draft)).status_code == 404
    assert client.get(_url(draft)).status_code == 405
    draft.refresh_from_db()
    assert draft.status == Meeting.Status.DRAFT
