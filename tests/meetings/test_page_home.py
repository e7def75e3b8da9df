from django.urls import reverse

from meetings.services.responses import invitation_respond
from meetings.services.scheduling import meeting_cancel, meeting_schedule
from meetings.vietnamese_dates import weekday_name
from tests.meetings.page_helpers import text
from tests.world import next_morning


def test_organizer_sees_upcoming_meeting_card(client, world):
    start = next_morning(days=3)
    meeting = meeting_schedule(actor=world.organizer, data=world.meeting_input(start=start))
    client.force_login(world.organizer)
    page = text(client.get(reverse("home")))
    assert "Giao ban tuần" in page
    assert f"{start:%d/%m/%Y}" in page
    assert weekday_name(start.date()) in page
    assert "08:00 – 10:00" in page
    assert "Đã lên lịch" in page
    assert reverse("meeting-detail", args=[meeting.pk]) in page


def test_cancelled_meetings_leave_the_list(client, world):
    meeting = meeting_schedule(actor=world.organizer, data=world.meeting_input())
    meeting_cancel(actor=world.organizer, meeting_id=meeting.pk, reason="Hoãn")
    client.force_login(world.organizer)
    assert "Bạn không có cuộc họp nào sắp tới." in text(client.get(reverse("home")))


def test_operator_sees_the_answer_of_their_room(client, world):
    meeting = meeting_schedule(actor=world.organizer, data=world.meeting_input())
    invitation_respond(
        actor=world.operator,
        meeting_id=meeting.pk,
        bridge_point_id=world.rooms[0].pk,
        accept=True,
        expected_attendees=12,
    )
    client.force_login(world.operator)
    page = text(client.get(reverse("home")))
    assert "Xác nhận tham dự · 12 người" in page


def test_outsider_sees_nothing(client, world):
    meeting_schedule(actor=world.organizer, data=world.meeting_input())
    client.force_login(world.outsider)
    page = text(client.get(reverse("home")))
    assert "Giao ban tuần" not in page
    assert "Bạn không có cuộc họp nào sắp tới." in page


def test_booking_link_only_for_people_who_manage_a_unit(client, world):
    client.force_login(world.organizer)
    assert reverse("meeting-create") in text(client.get(reverse("home")))
    client.force_login(world.operator)
    assert reverse("meeting-create") not in text(client.get(reverse("home")))


def test_english_switch_changes_the_labels(client, world):
    client.force_login(world.organizer)
    assert "Cuộc họp sắp tới" in text(client.get(reverse("home")))
    response = client.post(
        reverse("set_language"), {"language": "en", "next": reverse("home")}, follow=True
    )
    assert response.status_code == 200
    page = text(response)
    assert "Upcoming meetings" in page
    assert "Cuộc họp sắp tới" not in page
    assert 'lang="en"' in page
