"""POST /api/meetings: book one meeting, save a draft, or book a series; all or nothing."""

from datetime import timedelta

from meetings.models import Booking, Invitation, Meeting, MeetingSeries, Participant
from tests.meetings.api_support import ApiClient, meeting_body, scheduled
from tests.world import next_morning


def no_rows_written() -> bool:
    return not any(
        model.objects.exists()
        for model in (Meeting, Invitation, Participant, Booking, MeetingSeries)
    )


def test_schedule_holds_rooms_and_invites(world):
    body = meeting_body(
        world, participants=[{"user_id": world.delegate.pk, "bridge_point_id": world.rooms[0].pk}]
    )
    response = ApiClient(world.organizer).post("/api/meetings", body)
    assert response.status_code == 201
    meeting = Meeting.objects.get(pk=response.json()["id"])
    assert meeting.status == Meeting.Status.SCHEDULED and meeting.created_by == world.organizer
    assert Booking.objects.filter(meeting=meeting).count() == 4
    assert list(meeting.participants.values_list("user_id", flat=True)) == [world.delegate.pk]
    assert len(response.json()["invitations"]) == 3


def test_time_without_offset_means_vietnam_time(world):
    body = meeting_body(world, start=next_morning().replace(tzinfo=None))
    response = ApiClient(world.organizer).post("/api/meetings", body)
    assert response.status_code == 201
    assert response.json()["start"] == next_morning().isoformat()


def test_draft_holds_no_rooms(world):
    response = ApiClient(world.organizer).post("/api/meetings", meeting_body(world, draft=True))
    assert response.status_code == 201
    assert response.json()["status"] == "draft"
    assert not Booking.objects.exists()


def test_recurrence_books_the_whole_series(world):
    body = meeting_body(world, recurrence={"frequency": "weekly", "count": 3})
    response = ApiClient(world.organizer).post("/api/meetings", body)
    assert response.status_code == 201
    series = MeetingSeries.objects.get()
    assert response.json()["series_id"] == series.pk
    starts = [m["start"] for m in response.json()["meetings"]]
    assert starts == [(next_morning() + timedelta(weeks=i)).isoformat() for i in range(3)]
    assert Meeting.objects.filter(series=series).count() == 3


def test_series_that_collides_once_is_refused_whole(world):
    blocker = scheduled(world, world.meeting_input(start=next_morning(days=15)))
    body = meeting_body(world, recurrence={"frequency": "weekly", "count": 4})
    response = ApiClient(world.organizer).post("/api/meetings", body)
    assert response.status_code == 409
    conflicts = response.json()["conflicts"]
    assert {c["meeting_id"] for c in conflicts} == {blocker.pk}
    assert {c["occurrence"] for c in conflicts} == {2}
    assert Meeting.objects.count() == 1 and not MeetingSeries.objects.exists()


def test_clash_answers_409_with_every_conflict_and_saves_nothing(world):
    first = scheduled(world)
    body = meeting_body(
        world,
        title="Họp khác",
        start=first.end + timedelta(minutes=5),
        bridge_point_ids=[world.rooms[0].pk],
    )
    response = ApiClient(world.organizer).post("/api/meetings", body)
    assert response.status_code == 409
    body = response.json()
    assert body["detail"].startswith("Trùng lịch")
    assert {(c["kind"], c["resource_id"]) for c in body["conflicts"]} == {
        ("bridge_point", world.main_room.pk),
        ("bridge_point", world.rooms[0].pk),
    }
    clash = body["conflicts"][0]
    assert clash["meeting_id"] == first.pk and clash["start"].endswith("+07:00")
    assert "đã có cuộc họp “Giao ban tuần”" in clash["message"]
    assert Meeting.objects.count() == 1


def test_service_refusals_answer_422_per_field(world):
    body = meeting_body(
        world, title="  ", start=next_morning(days=-2), bridge_point_ids=[world.other_room.pk]
    )
    response = ApiClient(world.organizer).post("/api/meetings", body)
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["title"] == ["Nhập tiêu đề cuộc họp."]
    assert errors["start"] == ["Không thể đặt cuộc họp trong quá khứ."]
    assert errors["bridge_point_ids"] == [
        "Điểm cầu Tỉnh Cao Bằng — Phòng họp Cao Bằng thuộc đơn vị bạn không quản lý."
    ]
    assert no_rows_written()


def test_schema_refusals_answer_422_per_field(world):
    body = meeting_body(
        world,
        chair_id="chủ tịch",
        kind="offline",
        participants=[{"bridge_point_id": world.rooms[0].pk}],
        recurrence={"frequency": "daily", "count": 0},
    )
    del body["title"]
    response = ApiClient(world.organizer).post("/api/meetings", body)
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "title": ["Trường này là bắt buộc."],
        "chair_id": ["Nhập một số nguyên."],
        "kind": ["Chọn một trong: online, hybrid."],
        "participants.0.user_id": ["Trường này là bắt buộc."],
        "recurrence.frequency": ["Chọn một trong: weekly, monthly."],
        "recurrence.count": ["Giá trị phải từ 1 trở lên."],
    }
    assert no_rows_written()


def test_a_series_cannot_be_a_draft(world):
    body = meeting_body(world, draft=True, recurrence={"frequency": "monthly", "count": 2})
    response = ApiClient(world.organizer).post("/api/meetings", body)
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "recurrence": ["Chuỗi cuộc họp không lưu được ở dạng dự thảo."]
    }


def test_malformed_json_answers_400(world):
    response = ApiClient(world.organizer).post("/api/meetings", '{"title": "Giao ban",')
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Nội dung gửi lên không phải JSON hợp lệ (dòng 1, cột 22)."
    }
    assert no_rows_written()


def test_json_that_is_not_an_object_answers_400(world):
    response = ApiClient(world.organizer).post("/api/meetings", "[1, 2]")
    assert response.status_code == 400
    assert response.json() == {"detail": "Nội dung gửi lên phải là một đối tượng JSON ({…})."}


def test_operator_cannot_book_for_the_province(world):
    response = ApiClient(world.operator).post("/api/meetings", meeting_body(world))
    assert response.status_code == 422
    assert response.json()["errors"]["host_unit_id"] == ["Bạn không quản lý đơn vị Tỉnh Lạng Sơn."]
    assert no_rows_written()
