from django.urls import reverse

from meetings.models import Meeting
from meetings.services.scheduling import meeting_schedule
from tests.meetings.page_helpers import text


def _url(meeting) -> str:
    return reverse("meeting-cancel", args=[meeting.pk])


def test_cancel_with_a_reason(client, world):
    meeting = meeting_schedule(actor=world.organizer, data=world.meeting_input())
    client.force_login(world.organizer)
    response = client.post(_url(meeting), {"reason": "Lãnh đạo đi công tác"}, follow=True)
    assert response.status_code == 200
    assert "Đã hủy cuộc họp." in text(response)
    assert "Lý do: Lãnh đạo đi công tác" in text(response)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    assert not meeting.bookings.exists()


def test_reason_is_required_in_vietnamese(client, world):
    meeting = meeting_schedule(actor=world.organizer, data=world.meeting_input())
    client.force_login(world.organizer)
    response = client.post(_url(meeting), {"reason": "  "})
    assert response.status_code == 422
    assert "Nhập lý do hủy cuộc họp." in text(response)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.SCHEDULED


def test_only_the_organizer_cancels(client, world):
    meeting = meeting_schedule(actor=world.organizer, data=world.meeting_input())
    client.force_login(world.operator)
    assert client.post(_url(meeting), {"reason": "x"}).status_code == 403
    client.force_login(world.outsider)
    assert client.post(_url(meeting), {"reason": "x"}).status_code == 404
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.SCHEDULED


def test_cancel_needs_post(client, world):
    meeting = meeting_schedule(actor=world.organizer, data=world.meeting_input())
    client.force_login(world.organizer)
    assert client.get(_url(meeting)).status_code == 405
