"""PUT and PATCH /api/meetings/{id}: change a meeting through meeting_update."""

from datetime import timedelta

from meetings.models import Booking, Meeting
from tests.meetings.api_support import ApiClient, meeting_body, scheduled
from tests.world import next_morning


def test_put_replaces_the_meeting_and_raises_sequence(world):
    meeting = scheduled(world)
    later = next_morning(hour=14)
    body = meeting_body(
        world, title="Giao ban chiều", start=later, bridge_point_ids=[world.rooms[0].pk]
    )
    response = ApiClient(world.organizer).send("PUT", f"/api/meetings/{meeting.pk}", body)
    assert response.status_code == 200
    meeting.refresh_from_db()
    assert (meeting.title, meeting.start, meeting.sequence) == ("Giao ban chiều", later, 1)
    assert set(meeting.invitations.values_list("bridge_point_id", flat=True)) == {world.rooms[0].pk}
    assert Booking.objects.filter(meeting=meeting).count() == 2
    assert response.json()["sequence"] == 1


def test_patch_changes_only_what_is_sent(world):
    meeting = scheduled(world)
    response = ApiClient(world.organizer).send(
        "PATCH", f"/api/meetings/{meeting.pk}", {"title": "Giao ban tháng"}
    )
    assert response.status_code == 200
    meeting.refresh_from_db()
    assert meeting.title == "Giao ban tháng" and meeting.sequence == 1
    assert meeting.invitations.count() == 3 and meeting.chair == world.chair


def test_patch_with_null_for_a_required_field_is_422(world):
    meeting = scheduled(world)
    response = ApiClient(world.organizer).send(
        "PATCH", f"/api/meetings/{meeting.pk}", {"title": None, "chair_id": "x"}
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "title": ["Nhập một chuỗi ký tự."],
        "chair_id": ["Nhập một số nguyên."],
    }
    meeting.refresh_from_db()
    assert meeting.title == "Giao ban tuần" and meeting.sequence == 0


def test_moving_onto_another_meeting_is_409_and_changes_nothing(world):
    first = scheduled(world)
    second = scheduled(world, world.meeting_input(start=first.end + timedelta(hours=1)))
    response = ApiClient(world.organizer).send(
        "PATCH",
        f"/api/meetings/{second.pk}",
        {"start": first.start.isoformat(), "end": first.end.isoformat()},
    )
    assert response.status_code == 409
    assert {c["meeting_id"] for c in response.json()["conflicts"]} == {first.pk}
    second.refresh_from_db()
    assert second.start == first.end + timedelta(hours=1) and second.sequence == 0
    assert Booking.objects.filter(meeting=second, starts_at=second.start).count() == 4


def test_invalid_change_is_422_per_field(world):
    meeting = scheduled(world)
    response = ApiClient(world.organizer).send(
        "PATCH", f"/api/meetings/{meeting.pk}", {"end": meeting.start.isoformat()}
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {"end": ["Giờ kết thúc phải sau giờ bắt đầu."]}


def test_operator_may_read_but_not_change(world):
    meeting = scheduled(world)
    response = ApiClient(world.operator).send(
        "PATCH", f"/api/meetings/{meeting.pk}", {"title": "Đổi"}
    )
    assert response.status_code == 403
    assert response.json() == {"detail": "Chỉ văn phòng đơn vị chủ trì được sửa cuộc họp này."}
    meeting.refresh_from_db()
    assert meeting.title == "Giao ban tuần"


def test_people_without_a_part_get_404(world):
    meeting = scheduled(world)
    for user in (world.outsider, world.other_organizer):
        client = ApiClient(user)
        assert (
            client.send("PATCH", f"/api/meetings/{meeting.pk}", {"title": "x"}).status_code == 404
        )
        assert (
            client.send("PUT", f"/api/meetings/{meeting.pk}", meeting_body(world)).status_code
            == 404
        )
    assert Meeting.objects.get().title == "Giao ban tuần"
