from django.urls import reverse

from meetings.models import Invitation
from meetings.services.scheduling import meeting_cancel, meeting_schedule
from tests.meetings.page_helpers import text


def _url(meeting) -> str:
    return reverse("meeting-respond", args=[meeting.pk])


def _invitation(world, meeting) -> Invitation:
    return Invitation.objects.get(meeting=meeting, bridge_point=world.rooms[0])


def test_operator_confirms_with_a_headcount(client, world):
    meeting = meeting_schedule(actor=world.organizer, data=world.meeting_input())
    client.force_login(world.operator)
    data = {"bridge_point_id": world.rooms[0].pk, "answer": "accept", "expected_attendees": "15"}
    response = client.post(_url(meeting), data, follow=True)
    assert "Đã xác nhận tham dự." in text(response)
    invitation = _invitation(world, meeting)
    assert invitation.response == Invitation.Response.ACCEPTED
    assert invitation.expected_attendees == 15
    assert invitation.responded_by == world.operator


def test_declining_needs_a_reason(client, world):
    meeting = meeting_schedule(actor=world.organizer, data=world.meeting_input())
    client.force_login(world.operator)
    data = {"bridge_point_id": world.rooms[0].pk, "answer": "decline", "reason": ""}
    response = client.post(_url(meeting), data)
    assert response.status_code == 422
    assert "Nhập lý do không tham dự." in text(response)
    assert _invitation(world, meeting).response == Invitation.Response.PENDING

    data["reason"] = "Mất điện"
    assert client.post(_url(meeting), data).status_code == 302
    invitation = _invitation(world, meeting)
    assert invitation.response == Invitation.Response.DECLINED
    assert invitation.decline_reason == "Mất điện"


def test_negative_headcount_is_refused(client, world):
    meeting = meeting_schedule(actor=world.organizer, data=world.meeting_input())
    client.force_login(world.operator)
    data = {"bridge_point_id": world.rooms[0].pk, "answer": "accept", "expected_attendees": "-1"}
    assert client.post(_url(meeting), data).status_code == 422
    assert _invitation(world, meeting).response == Invitation.Response.PENDING


def test_cancelled_meeting_takes_no_answer(client, world):
    meeting = meeting_schedule(actor=world.organizer, data=world.meeting_input())
    meeting_cancel(actor=world.organizer, meeting_id=meeting.pk, reason="Hoãn")
    client.force_login(world.operator)
    data = {"bridge_point_id": world.rooms[0].pk, "answer": "accept"}
    response = client.post(_url(meeting), data)
    assert response.status_code == 422
    assert "Cuộc họp đã bắt đầu, kết thúc hoặc bị hủy." in text(response)


def test_only_operators_of_invited_rooms_answer(client, world):
    meeting = meeting_schedule(actor=world.organizer, data=world.meeting_input())
    data = {"bridge_point_id": world.rooms[0].pk, "answer": "accept"}
    client.force_login(world.chair)
    assert client.post(_url(meeting), data).status_code == 403
    client.force_login(world.outsider)
    assert client.post(_url(meeting), data).status_code == 404
    client.force_login(world.operator)
    assert client.get(_url(meeting)).status_code == 405
    assert _invitation(world, meeting).response == Invitation.Response.PENDING
