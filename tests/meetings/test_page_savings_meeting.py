"""GET /meetings/<id>/savings/: one meeting's ledger with its formulas; POST …/recompute/."""

from django.urls import reverse

from meetings.models import BridgePoint, Ledger
from meetings.services.scheduling import meeting_schedule
from tests.meetings.page_helpers import text
from tests.meetings.savings_support import held_meeting, local


def _url(meeting) -> str:
    return reverse("meeting-savings", args=[meeting.pk])


def test_the_ledger_shows_each_figure_with_its_formula(client, world):
    BridgePoint.objects.filter(pk=world.rooms[0].pk).update(is_hardship=True, distance_km=12)
    meeting = held_meeting(world, local(2025, 7, 1), headcounts={0: 3, 1: 3})
    client.force_login(world.operator)  # invited room: may read, not recompute
    response = client.get(_url(meeting))
    assert response.status_code == 200
    page = text(response)
    assert (
        "12 km ≥ ngưỡng 10 km (xã đặc biệt khó khăn): 14,4 lít × 20.000 đ/lít = 288.000 đ" in page
    )
    assert "20 km ≥ ngưỡng 15 km" in page
    assert "3 người × 1 ngày × 300.000 đ = 900.000 đ" in page
    assert "Định mức mặc định theo quy định" in page
    assert "2/3 điểm cầu được mời đã tham dự" in page
    assert reverse("meeting-savings-recompute", args=[meeting.pk]) not in page


def test_the_meeting_page_links_its_ledger_once_ended(client, world):
    meeting = held_meeting(world, local(2025, 7, 1))
    client.force_login(world.organizer)
    assert _url(meeting) in text(client.get(reverse("meeting-detail", args=[meeting.pk])))
    upcoming = meeting_schedule(
        actor=world.organizer, data=world.meeting_input(start=local(2030, 1, 7)), notify=False
    )
    assert _url(upcoming) not in text(client.get(reverse("meeting-detail", args=[upcoming.pk])))
    page = text(client.get(_url(upcoming)))
    assert "Sổ tiết kiệm được lập khi cuộc họp kết thúc." in page


def test_the_organizer_recomputes_after_fixing_a_distance(client, world):
    BridgePoint.objects.filter(pk=world.rooms[2].pk).update(distance_km=None)
    meeting = held_meeting(world, local(2025, 7, 1), headcounts={2: 2})
    client.force_login(world.organizer)
    assert "chưa có" in text(client.get(_url(meeting)))
    BridgePoint.objects.filter(pk=world.rooms[2].pk).update(distance_km=30)
    response = client.post(reverse("meeting-savings-recompute", args=[meeting.pk]), follow=True)
    assert response.status_code == 200
    assert "Đã tính lại sổ tiết kiệm." in text(response)
    assert Ledger.objects.get(meeting=meeting).person_km == 120


def test_recompute_is_for_the_host_office(client, world):
    meeting = held_meeting(world, local(2025, 7, 1))
    client.force_login(world.operator)
    url = reverse("meeting-savings-recompute", args=[meeting.pk])
    assert client.post(url).status_code == 403
    assert client.get(url).status_code == 405


def test_outsiders_get_404(client, world):
    meeting = held_meeting(world, local(2025, 7, 1))
    for person in (world.outsider, world.other_organizer):
        client.force_login(person)
        assert client.get(_url(meeting)).status_code == 404
        url = reverse("meeting-savings-recompute", args=[meeting.pk])
        assert client.post(url).status_code == 404
