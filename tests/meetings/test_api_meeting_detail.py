"""GET /api/meetings/{id}: the meeting with its invitations, or 404 for anyone without a part."""

from meetings.models import Participant
from tests.meetings.api_support import ApiClient, scheduled


def test_detail_shows_invitations_participants_and_people(world):
    meeting = scheduled(
        world, world.meeting_input(participants=[(world.delegate.pk, world.rooms[0].pk)])
    )
    response = ApiClient(world.delegate).get(f"/api/meetings/{meeting.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["title"] == "Giao ban tuần" and body["status"] == "scheduled"
    assert body["chair"]["display_name"] == "Nguyễn Văn Chủ"
    assert body["main_bridge_point"]["id"] == world.main_room.pk
    assert body["series_id"] is None and body["sequence"] == 0
    first = body["invitations"][0]
    assert first["bridge_point"]["id"] == world.rooms[0].pk
    assert (first["unit_name"], first["response"], first["reason"]) == ("Xã Thử 1", "pending", "")
    assert first["expected_attendees"] is None
    assert body["participants"] == [
        {
            "user": {
                "id": world.delegate.pk,
                "username": "delegate",
                "display_name": "Delegate",
                "position": "",
            },
            "bridge_point_id": world.rooms[0].pk,
            "role": Participant.ParticipantRole.DELEGATE,
        }
    ]


def test_every_persona_with_a_part_can_read_it(world):
    meeting = scheduled(world)
    for user in (world.organizer, world.chair, world.secretary, world.operator):
        assert ApiClient(user).get(f"/api/meetings/{meeting.pk}").status_code == 200


def test_people_without_a_part_get_404(world):
    meeting = scheduled(world)
    for user in (world.outsider, world.other_organizer, world.delegate):
        response = ApiClient(user).get(f"/api/meetings/{meeting.pk}")
        assert response.status_code == 404
        assert response.json() == {"detail": "Không tìm thấy cuộc họp."}


def test_unknown_meeting_is_404(world):
    assert ApiClient(world.organizer).get("/api/meetings/987654").status_code == 404


def test_operator_of_an_uninvited_room_gets_404(world):
    meeting = scheduled(world, world.meeting_input(rooms=world.rooms[1:]))
    assert ApiClient(world.operator).get(f"/api/meetings/{meeting.pk}").status_code == 404
