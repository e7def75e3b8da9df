"""POST /api/meetings/{id}/cancel: cancel with a reason; the rooms are freed."""

from meetings.models import Booking, Meeting
from tests.meetings.api_support import ApiClient, scheduled


def test_cancel_frees_rooms_and_keeps_the_reason(world):
    meeting = scheduled(world)
    response = ApiClient(world.organizer).post(
        f"/api/meetings/{meeting.pk}/cancel", {"reason": "Lãnh đạo đi công tác"}
    )
    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED and meeting.sequence == 1
    assert meeting.cancel_reason == "Lãnh đạo đi công tác"
    assert not Booking.objects.filter(meeting=meeting).exists()


def test_cancel_without_reason_is_422(world):
    meeting = scheduled(world)
    response = ApiClient(world.organizer).post(f"/api/meetings/{meeting.pk}/cancel", {})
    assert response.status_code == 422
    assert response.json()["errors"] == {"reason": ["Nhập lý do hủy cuộc họp."]}
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.SCHEDULED


def test_cancelling_twice_is_422_with_a_general_message(world):
    meeting = scheduled(world)
    client = ApiClient(world.organizer)
    client.post(f"/api/meetings/{meeting.pk}/cancel", {"reason": "Hoãn"})
    response = client.post(f"/api/meetings/{meeting.pk}/cancel", {"reason": "Hoãn"})
    assert response.status_code == 422
    message = "Không thể hủy cuộc họp đang diễn ra, đã kết thúc hoặc đã hủy."
    assert response.json() == {"detail": message, "errors": {"__all__": [message]}}


def test_operator_cannot_cancel(world):
    meeting = scheduled(world)
    response = ApiClient(world.operator).post(
        f"/api/meetings/{meeting.pk}/cancel", {"reason": "Mất điện"}
    )
    assert response.status_code == 403
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.SCHEDULED


def test_outsider_gets_404(world):
    meeting = scheduled(world)
    response = ApiClient(world.outsider).post(f"/api/meetings/{meeting.pk}/cancel", {"reason": "x"})
    assert response.status_code == 404
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.SCHEDULED
