"""POST /api/meetings/{id}/confirm: a draft becomes a scheduled meeting holding its rooms."""

from meetings.models import Booking, Meeting
from tests.meetings.api_support import ApiClient, scheduled


def test_confirm_schedules_a_draft(world):
    draft = scheduled(world, as_draft=True)
    response = ApiClient(world.organizer).post(f"/api/meetings/{draft.pk}/confirm")
    assert response.status_code == 200
    assert response.json()["status"] == "scheduled"
    draft.refresh_from_db()
    assert draft.status == Meeting.Status.SCHEDULED
    assert Booking.objects.filter(meeting=draft).count() == 4


def test_confirm_into_a_clash_is_409_and_stays_draft(world):
    draft = scheduled(world, as_draft=True)
    blocker = scheduled(world, world.meeting_input(title="Đến trước", rooms=world.rooms[:1]))
    response = ApiClient(world.organizer).post(f"/api/meetings/{draft.pk}/confirm")
    assert response.status_code == 409
    assert {c["meeting_id"] for c in response.json()["conflicts"]} == {blocker.pk}
    draft.refresh_from_db()
    assert draft.status == Meeting.Status.DRAFT
    assert not Booking.objects.filter(meeting=draft).exists()


def test_confirming_a_scheduled_meeting_is_422(world):
    meeting = scheduled(world)
    response = ApiClient(world.organizer).post(f"/api/meetings/{meeting.pk}/confirm")
    assert response.status_code == 422
    assert response.json()["detail"] == "Chỉ cuộc họp dự thảo mới được lên lịch."


def test_chair_may_read_but_not_confirm(world):
    draft = scheduled(world, as_draft=True)
    response = ApiClient(world.chair).post(f"/api/meetings/{draft.pk}/confirm")
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.status == Meeting.Status.DRAFT


def test_other_province_gets_404(world):
    draft = scheduled(world, as_draft=True)
    response = ApiClient(world.other_organizer).post(f"/api/meetings/{draft.pk}/confirm")
    assert response.status_code == 404
