from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting
from meetings.services.scheduling import meeting_schedule
from tests.meetings.page_helpers import text
from tests.world import next_morning


def _month(client, moment, **params):
    return client.get(
        reverse("calendar-month"), {"year": moment.year, "month": moment.month, **params}
    )


def test_meeting_shows_in_its_month(client, world):
    start = next_morning(days=2)
    meeting = meeting_schedule(actor=world.organizer, data=world.meeting_input(start=start))
    client.force_login(world.organizer)
    response = _month(client, start)
    assert response.status_code == 200
    page = text(response)
    assert f"Lịch tháng {start:%m/%Y}" in page
    assert reverse("meeting-detail", args=[meeting.pk]) in page


def test_crowded_month_renders_in_constant_queries(client, world, django_assert_max_num_queries):
    first = timezone.localtime().replace(day=1, hour=7, minute=0, second=0, microsecond=0)
    Meeting.objects.bulk_create(
        Meeting(
            title=f"Họp số {i}",
            host_unit=world.province,
            main_bridge_point=world.main_room,
            chair=world.chair,
            start=first + timedelta(days=i % 28, minutes=i),
            end=first + timedelta(days=i % 28, minutes=i + 30),
            status=Meeting.Status.SCHEDULED,
        )
        for i in range(500)
    )
    client.force_login(world.organizer)
    with django_assert_max_num_queries(12):
        response = _month(client, first)
    assert response.status_code == 200
    page = text(response)
    assert "cuộc họp khác" in page  # crowded days are clipped, with a link to the week


def test_room_filter(client, world):
    start = next_morning(days=2)
    meeting_schedule(
        actor=world.organizer,
        data=world.meeting_input(start=start, rooms=[world.rooms[0]], title="Họp xã 1"),
    )
    client.force_login(world.organizer)
    assert "Họp xã 1" in text(_month(client, start, bridge_point=world.rooms[0].pk))
    assert "Họp xã 1" not in text(_month(client, start, bridge_point=world.rooms[2].pk))


def test_bad_month_falls_back_to_this_month(client, world):
    client.force_login(world.organizer)
    response = client.get(reverse("calendar-month"), {"year": "2026", "month": "13"})
    assert response.status_code == 200
    assert f"Lịch tháng {timezone.localdate():%m/%Y}" in text(response)


def test_outsider_sees_no_meetings(client, world):
    start = next_morning(days=2)
    meeting_schedule(actor=world.organizer, data=world.meeting_input(start=start))
    client.force_login(world.outsider)
    assert "Giao ban tuần" not in text(_month(client, start))
