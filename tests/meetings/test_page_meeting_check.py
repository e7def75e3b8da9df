from django.urls import reverse

from meetings.services.scheduling import meeting_schedule
from tests.meetings.page_helpers import meeting_form_data, text
from tests.world import next_morning

URL = reverse("meeting-check-fragment")


def test_free_slot_says_no_conflict(client, world):
    client.force_login(world.organizer)
    response = client.post(URL, meeting_form_data(world))
    assert response.status_code == 200
    assert "Không có trùng lịch" in text(response)


def test_taken_rooms_are_listed_and_marked(client, world):
    meeting_schedule(actor=world.organizer, data=world.meeting_input(rooms=[world.rooms[1]]))
    client.force_login(world.organizer)
    response = client.post(URL, meeting_form_data(world, title="Họp mới"))
    page = text(response)
    assert "Điểm cầu Xã Thử 2 — Hội trường UBND xã đã có cuộc họp “Giao ban tuần”" in page
    marked = page.split('data-conflict-rooms="')[1].split('"')[0].split()
    assert set(marked) == {str(world.main_room.pk), str(world.rooms[1].pk)}
    assert "Không có trùng lịch" not in page


def test_half_filled_form_asks_for_a_time(client, world):
    client.force_login(world.organizer)
    response = client.post(URL, {"title": "", "date": ""})
    assert response.status_code == 200
    assert "Chọn ngày và giờ để kiểm tra trùng lịch." in text(response)


def test_end_before_start_is_pointed_out(client, world):
    client.force_login(world.organizer)
    response = client.post(URL, meeting_form_data(world, end_time="07:00"))
    assert "Giờ kết thúc phải sau giờ bắt đầu." in text(response)


def test_editing_does_not_clash_with_itself(client, world):
    meeting = meeting_schedule(actor=world.organizer, data=world.meeting_input())
    client.force_login(world.organizer)
    response = client.post(f"{URL}?meeting={meeting.pk}", meeting_form_data(world))
    assert "Không có trùng lịch" in text(response)


def test_only_bookers_and_only_post(client, world):
    meeting = meeting_schedule(
        actor=world.organizer, data=world.meeting_input(start=next_morning(days=3))
    )
    client.force_login(world.operator)
    assert client.post(URL, meeting_form_data(world)).status_code == 403
    client.force_login(world.other_organizer)
    assert client.post(f"{URL}?meeting={meeting.pk}", {}).status_code == 404
    client.force_login(world.organizer)
    assert client.get(URL).status_code == 405


def test_times_alone_are_checked_against_the_chosen_rooms(client, world):
    meeting_schedule(actor=world.organizer, data=world.meeting_input(rooms=[world.rooms[2]]))
    client.force_login(world.organizer)
    start = next_morning()
    data = {
        "date": f"{start:%d/%m/%Y}",
        "start_time": "09:00",
        "end_time": "09:30",
        "bridge_point_ids": [world.rooms[2].pk],
    }
    response = client.post(URL, data)  # no title, host, main room or chair chosen yet
    assert response.status_code == 200
    assert "Điểm cầu Xã Thử 3 — Hội trường UBND xã đã có cuộc họp" in text(response)
