"""GET /api/meetings: only meetings the caller has a part in, filtered by day and status."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.services.scheduling import meeting_cancel
from tests.meetings.api_support import ApiClient, scheduled
from tests.world import next_morning


def titles(response) -> list[str]:
    assert response.status_code == 200
    return [m["title"] for m in response.json()]


def test_organizer_lists_their_units_meetings_with_details(world):
    meeting = scheduled(world)
    [listed] = ApiClient(world.organizer).get("/api/meetings").json()
    assert listed["id"] == meeting.pk
    assert listed["status"] == "scheduled" and listed["sequence"] == 0
    assert listed["start"].endswith("+07:00")
    assert [i["unit_name"] for i in listed["invitations"]] == ["Xã Thử 1", "Xã Thử 2", "Xã Thử 3"]


def test_outsider_and_other_province_see_nothing(world):
    scheduled(world)
    assert titles(ApiClient(world.outsider).get("/api/meetings")) == []
    assert titles(ApiClient(world.other_organizer).get("/api/meetings")) == []


def test_operator_sees_only_meetings_inviting_their_room(world):
    scheduled(world, world.meeting_input(title="Có xã 1", rooms=world.rooms[:2]))
    scheduled(
        world,
        world.meeting_input(
            title="Không có xã 1", rooms=world.rooms[1:], start=next_morning(days=2)
        ),
    )
    assert titles(ApiClient(world.operator).get("/api/meetings")) == ["Có xã 1"]


def test_filter_by_days_in_vietnam_time(world):
    scheduled(world, world.meeting_input(title="Ngày mai", start=next_morning(days=1)))
    scheduled(world, world.meeting_input(title="Tuần sau", start=next_morning(days=7)))
    client = ApiClient(world.organizer)
    tomorrow = next_morning(days=1).date().isoformat()
    assert titles(client.get("/api/meetings", {"start": tomorrow, "end": tomorrow})) == ["Ngày mai"]
    later = next_morning(days=2).date().isoformat()
    assert titles(client.get("/api/meetings", {"start": later})) == ["Tuần sau"]
    assert titles(client.get("/api/meetings", {"end": tomorrow})) == ["Ngày mai"]


def test_filter_by_status(world):
    kept = scheduled(world, world.meeting_input(title="Giữ"))
    dropped = scheduled(
        world, world.meeting_input(title="Hủy", start=kept.end + timedelta(hours=1))
    )
    meeting_cancel(actor=world.organizer, meeting_id=dropped.pk, reason="Lãnh đạo bận")
    client = ApiClient(world.organizer)
    assert titles(client.get("/api/meetings", {"status": "cancelled"})) == ["Hủy"]
    assert titles(client.get("/api/meetings", {"status": "scheduled"})) == ["Giữ"]


def test_bad_filters_answer_422_per_field(world):
    client = ApiClient(world.organizer)
    response = client.get("/api/meetings", {"start": "31/12/2025", "status": "hoãn"})
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["start"] == ["Nhập ngày theo dạng YYYY-MM-DD."]
    assert errors["status"] == ["Chọn một trong: draft, scheduled, live, ended, cancelled."]
    response = client.get("/api/meetings", {"start": "2025-07-02", "end": "2025-07-01"})
    assert response.json()["errors"] == {"end": ["Ngày kết thúc không được trước ngày bắt đầu."]}


def test_query_count_does_not_grow_with_the_number_of_meetings(world):
    client = ApiClient(world.organizer)
    client.get("/api/units")  # the token's first use is written once; keep it out of the count

    def queries_for_list() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/meetings").status_code == 200
        return len(captured)

    def book(days: int) -> None:
        data = world.meeting_input(
            start=next_morning(days=days), participants=[(world.delegate.pk, world.rooms[0].pk)]
        )
        scheduled(world, data)

    book(1)
    one = queries_for_list()
    for days in (2, 3, 4):
        book(days)
    assert queries_for_list() == one
