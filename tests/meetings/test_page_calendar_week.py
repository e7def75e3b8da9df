from datetime import timedelta

from django.urls import reverse

from meetings.services.scheduling import meeting_schedule
from tests.meetings.page_helpers import text
from tests.world import next_morning


def _week(client, **params):
    return client.get(reverse("calendar-week"), params)


def test_meeting_shows_on_its_day_and_weeks_start_on_monday(client, world):
    start = next_morning(days=2)
    meeting_schedule(actor=world.organizer, data=world.meeting_input(start=start))
    client.force_login(world.organizer)
    response = _week(client, date=f"{start:%Y-%m-%d}")
    assert response.status_code == 200
    page = text(response)
    assert "Giao ban tuần" in page
    assert page.index("Thứ Hai") < page.index("Thứ Ba") < page.index("Chủ nhật")
    monday = start.date() - timedelta(days=start.weekday())
    assert f"{monday:%d/%m/%Y}" in page


def test_other_weeks_are_empty_and_navigable(client, world):
    start = next_morning(days=2)
    meeting_schedule(actor=world.organizer, data=world.meeting_input(start=start))
    client.force_login(world.organizer)
    later = start + timedelta(days=14)
    page = text(_week(client, date=f"{later:%Y-%m-%d}"))
    assert "Giao ban tuần" not in page
    monday = later.date() - timedelta(days=later.weekday())
    assert f"date={monday - timedelta(days=7):%Y-%m-%d}" in page
    assert f"date={monday + timedelta(days=7):%Y-%m-%d}" in page


def test_room_filter_keeps_only_that_rooms_meetings(client, world):
    start = next_morning(days=2)
    meeting_schedule(
        actor=world.organizer,
        data=world.meeting_input(start=start, rooms=[world.rooms[0]], title="Họp xã 1"),
    )
    client.force_login(world.organizer)
    day = f"{start:%Y-%m-%d}"
    assert "Họp xã 1" in text(_week(client, date=day, bridge_point=world.rooms[0].pk))
    assert "Họp xã 1" not in text(_week(client, date=day, bridge_point=world.rooms[1].pk))


def test_bad_date_falls_back_to_this_week(client, world):
    client.force_login(world.organizer)
    assert _week(client, date="not-a-date").status_code == 200


def test_outsider_sees_no_meetings(client, world):
    start = next_morning(days=2)
    meeting_schedule(actor=world.organizer, data=world.meeting_input(start=start))
    client.force_login(world.outsider)
    assert "Giao ban tuần" not in text(_week(client, date=f"{start:%Y-%m-%d}"))
