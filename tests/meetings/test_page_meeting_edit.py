from datetime import timedelta

from django.urls import reverse

from meetings.models import Meeting
from meetings.services.scheduling import meeting_cancel, meeting_schedule
from tests.meetings.page_helpers import meeting_form_data, text
from tests.world import next_morning


def _url(meeting: Meeting) -> str:
    return reverse("meeting-edit", args=[meeting.pk])


def test_form_is_filled_with_the_meeting(client, world):
    meeting = meeting_schedule(actor=world.organizer, data=world.meeting_input())
    client.force_login(world.organizer)
    response = client.get(_url(meeting))
    assert response.status_code == 200
    page = text(response)
    assert 'value="Giao ban tuần"' in page
    assert f'value="{world.rooms[0].pk}" checked' in page
    assert 'name="frequency"' not in page  # a series is chosen only when booking


def test_saving_changes_the_meeting(client, world):
    meeting = meeting_schedule(actor=world.organizer, data=world.meeting_input())
    client.force_login(world.organizer)
    data = meeting_form_data(world, title="Giao ban đổi giờ", start=meeting.start)
    response = client.post(_url(meeting), data)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "Giao ban đổi giờ"
    assert meeting.sequence == 1


def test_outsiders_get_404_and_non_organizers_403(client, world):
    meeting = meeting_schedule(actor=world.organizer, data=world.meeting_input())
    client.force_login(world.other_organizer)
    assert client.get(_url(meeting)).status_code == 404
    client.force_login(world.chair)
    assert client.get(_url(meeting)).status_code == 403
    assert client.post(_url(meeting), meeting_form_data(world, title="X")).status_code == 403
    meeting.refresh_from_db()
    assert meeting.title == "Giao ban tuần"


def test_cancelled_meeting_cannot_be_edited(client, world):
    meeting = meeting_schedule(actor=world.organizer, data=world.meeting_input())
    meeting_cancel(actor=world.organizer, meeting_id=meeting.pk, reason="Hoãn")
    client.force_login(world.organizer)
    response = client.get(_url(meeting), follow=True)
    assert response.redirect_chain[-1][0] == reverse("meeting-detail", args=[meeting.pk])
    assert "Không thể sửa cuộc họp đang diễn ra, đã kết thúc hoặc đã hủy." in text(response)


def test_moving_onto_another_meeting_is_refused(client, world):
    other = meeting_schedule(
        actor=world.organizer, data=world.meeting_input(start=next_morning(days=2), title="Khác")
    )
    meeting = meeting_schedule(actor=world.organizer, data=world.meeting_input())
    client.force_login(world.organizer)
    response = client.post(_url(meeting), meeting_form_data(world, start=other.start))
    assert response.status_code == 409
    assert "“Khác”" in text(response)
    meeting.refresh_from_db()
    assert meeting.start == next_morning() and meeting.sequence == 0


def test_keeping_its_own_time_is_no_conflict(client, world):
    meeting = meeting_schedule(actor=world.organizer, data=world.meeting_input())
    client.force_login(world.organizer)
    data = meeting_form_data(world, start=meeting.start + timedelta(minutes=30))
    assert client.post(_url(meeting), data).status_code == 302
