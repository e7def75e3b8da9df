"""POST /api/meetings/check: would a proposed time clash? 200 when free, 409 with the clashes."""

from datetime import timedelta

from tests.meetings.api_support import ApiClient, scheduled
from tests.world import next_morning


def proposal(world, start=None, **extra):
    start = start or next_morning()
    return {
        "start": start.isoformat(),
        "end": (start + timedelta(hours=2)).isoformat(),
        "chair_id": world.chair.pk,
        "main_bridge_point_id": world.main_room.pk,
        "bridge_point_ids": [r.pk for r in world.rooms],
        **extra,
    }


def test_free_time_answers_200_with_no_conflicts(world):
    response = ApiClient(world.organizer).post("/api/meetings/check", proposal(world))
    assert response.status_code == 200
    assert response.json() == {"conflicts": []}


def test_clash_answers_409_with_rooms_and_chair(world):
    booked = scheduled(world, world.meeting_input(rooms=world.rooms[:1]))
    response = ApiClient(world.organizer).post("/api/meetings/check", proposal(world))
    assert response.status_code == 409
    kinds = {(c["kind"], c["resource_id"]) for c in response.json()["conflicts"]}
    assert kinds == {
        ("bridge_point", world.main_room.pk),
        ("bridge_point", world.rooms[0].pk),
        ("chair", world.chair.pk),
    }
    assert {c["meeting_id"] for c in response.json()["conflicts"]} == {booked.pk}


def test_a_meeting_being_edited_does_not_clash_with_itself(world):
    booked = scheduled(world)
    response = ApiClient(world.organizer).post(
        "/api/meetings/check", proposal(world, exclude_meeting_id=booked.pk)
    )
    assert response.status_code == 200


def test_end_before_start_is_422(world):
    body = proposal(world)
    body["end"] = body["start"]
    del body["main_bridge_point_id"]
    response = ApiClient(world.organizer).post("/api/meetings/check", body)
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "end": ["Giờ kết thúc phải sau giờ bắt đầu."],
        "main_bridge_point_id": ["Trường này là bắt buộc."],
    }


def test_only_organizers_may_check(world):
    # The answer names other meetings, which these people may not see.
    for user in (world.operator, world.outsider):
        response = ApiClient(user).post("/api/meetings/check", proposal(world))
        assert response.status_code == 403
        assert response.json() == {"detail": "Chỉ văn phòng tổ chức được kiểm tra lịch."}
