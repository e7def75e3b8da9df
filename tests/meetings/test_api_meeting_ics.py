"""GET /api/meetings/{id}/invite.ics: the calendar invitation, REQUEST or CANCEL."""

from meetings.services.scheduling import meeting_cancel
from tests.meetings.api_support import ApiClient, scheduled


def test_invitation_is_an_icalendar_request(world):
    meeting = scheduled(world)
    response = ApiClient(world.operator).get(f"/api/meetings/{meeting.pk}/invite.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="cuoc-hop-{meeting.pk}.ics"'
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR")
    assert "METHOD:REQUEST" in text and f"UID:{meeting.uid}" in text


def test_cancelled_meeting_gives_a_cancel(world):
    meeting = scheduled(world)
    meeting_cancel(actor=world.organizer, meeting_id=meeting.pk, reason="Hoãn")
    text = ApiClient(world.organizer).get(f"/api/meetings/{meeting.pk}/invite.ics").content
    assert b"METHOD:CANCEL" in text and b"SEQUENCE:1" in text


def test_outsider_gets_404(world):
    meeting = scheduled(world)
    response = ApiClient(world.outsider).get(f"/api/meetings/{meeting.pk}/invite.ics")
    assert response.status_code == 404
    assert response.json() == {"detail": "Không tìm thấy cuộc họp."}
