"""POST /api/meetings/{id}/responses: a bridge point accepts with a headcount or declines."""

from meetings.models import Invitation
from tests.meetings.api_support import ApiClient, scheduled


def invitation(meeting, room) -> Invitation:
    return Invitation.objects.get(meeting=meeting, bridge_point=room)


def test_operator_accepts_for_their_room(world):
    meeting = scheduled(world)
    response = ApiClient(world.operator).post(
        f"/api/meetings/{meeting.pk}/responses",
        {"bridge_point_id": world.rooms[0].pk, "accept": True, "expected_attendees": 12},
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["response"], body["expected_attendees"], body["unit_name"]) == (
        "accepted",
        12,
        "Xã Thử 1",
    )
    answered = invitation(meeting, world.rooms[0])
    assert answered.response == Invitation.Response.ACCEPTED
    assert answered.expected_attendees == 12 and answered.responded_by == world.operator


def test_decline_needs_a_reason(world):
    meeting = scheduled(world)
    client = ApiClient(world.operator)
    path = f"/api/meetings/{meeting.pk}/responses"
    response = client.post(path, {"bridge_point_id": world.rooms[0].pk, "accept": False})
    assert response.status_code == 422
    assert response.json()["errors"] == {"reason": ["Nhập lý do không tham dự."]}
    assert invitation(meeting, world.rooms[0]).response == Invitation.Response.PENDING
    response = client.post(
        path,
        {"bridge_point_id": world.rooms[0].pk, "accept": False, "reason": "Trùng lịch tiếp dân"},
    )
    assert response.status_code == 200
    assert response.json()["reason"] == "Trùng lịch tiếp dân"
    assert invitation(meeting, world.rooms[0]).response == Invitation.Response.DECLINED


def test_operator_cannot_answer_for_another_room(world):
    meeting = scheduled(world)
    response = ApiClient(world.operator).post(
        f"/api/meetings/{meeting.pk}/responses",
        {"bridge_point_id": world.rooms[1].pk, "accept": True},
    )
    assert response.status_code == 403
    assert response.json() == {"detail": "Chỉ cán bộ phụ trách điểm cầu được trả lời giấy mời."}
    assert invitation(meeting, world.rooms[1]).response == Invitation.Response.PENDING


def test_uninvited_room_is_422(world):
    meeting = scheduled(world, world.meeting_input(rooms=world.rooms[:2]))
    response = ApiClient(world.organizer).post(
        f"/api/meetings/{meeting.pk}/responses",
        {"bridge_point_id": world.rooms[2].pk, "accept": True},
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {"bridge_point_id": ["Điểm cầu này không được mời."]}


def test_missing_fields_are_422(world):
    meeting = scheduled(world)
    response = ApiClient(world.operator).post(
        f"/api/meetings/{meeting.pk}/responses", {"accept": "có lẽ"}
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "bridge_point_id": ["Trường này là bắt buộc."],
        "accept": ["Nhập true hoặc false."],
    }


def test_outsider_gets_404(world):
    meeting = scheduled(world)
    response = ApiClient(world.outsider).post(
        f"/api/meetings/{meeting.pk}/responses",
        {"bridge_point_id": world.rooms[0].pk, "accept": True},
    )
    assert response.status_code == 404
