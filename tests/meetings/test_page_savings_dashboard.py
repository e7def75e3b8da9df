"""GET /savings/: a host unit's savings for a period, its charts, flags, and who may look."""

from django.urls import reverse

from meetings.models import BridgePoint, Ledger
from tests.meetings.page_helpers import text
from tests.meetings.savings_support import held_meeting, local

URL = reverse("savings-dashboard")


def test_the_organizer_sees_the_figures_of_a_month(client, world):
    held_meeting(world, local(2025, 7, 1))
    held_meeting(world, local(2025, 8, 5))
    client.force_login(world.organizer)
    response = client.get(
        URL, {"unit": world.province.pk, "period": "month", "year": 2025, "month": 7}
    )
    assert response.status_code == 200
    page = text(response)
    assert "Tháng 07/2025" in page
    # One meeting: 3 rooms × 3 people; fuel 1.200.000 đ, allowance 1.800.000 đ, time 480.000 đ.
    assert "3.480.000 đ" in page
    assert "1.800.000 đ" in page
    assert page.count('class="bar"') == 1 + 3  # one month bar, three room bars
    assert "Xã Thử 3 — Hội trường UBND xã" in page
    assert reverse("savings-report", args=["pdf"]) in page


def test_a_year_shows_twelve_months_and_the_meetings_that_saved_most(client, world):
    first = held_meeting(world, local(2025, 7, 1))
    held_meeting(world, local(2025, 8, 5), headcounts={0: 1})
    client.force_login(world.organizer)
    page = text(client.get(URL, {"period": "year", "year": 2025}))
    assert "Năm 2025" in page
    assert page.count('<rect class="bar"') == 12 + 3
    assert reverse("meeting-savings", args=[first.pk]) in page


def test_unknown_distances_and_missing_ledgers_are_flagged(client, world):
    BridgePoint.objects.filter(pk=world.rooms[1].pk).update(distance_km=None)
    held_meeting(world, local(2025, 7, 1))
    missing = held_meeting(world, local(2025, 7, 8), compute=False)
    client.force_login(world.organizer)
    query = {"period": "quarter", "year": 2025, "quarter": 3}
    page = text(client.get(URL, query))
    assert "Quý III/2025" in page
    assert "Điểm cầu chưa có khoảng cách" in page
    assert "chưa có khoảng cách" in page
    assert "1 cuộc họp đã kết thúc chưa được lập sổ tiết kiệm" in page

    response = client.post(
        reverse("savings-compute"), {"unit": world.province.pk, **query}, follow=True
    )
    assert response.status_code == 200
    assert "Đã lập sổ tiết kiệm cho 1 cuộc họp." in text(response)
    assert Ledger.objects.filter(meeting=missing).exists()


def test_a_custom_period_ending_before_it_starts_is_refused_in_vietnamese(client, world):
    client.force_login(world.organizer)
    response = client.get(URL, {"period": "custom", "start": "10/03/2025", "end": "01/03/2025"})
    assert response.status_code == 422
    page = text(response)
    assert 'id="id_end_error"' in page
    assert "Ngày kết thúc không được trước ngày bắt đầu." in page
    missing = client.get(URL, {"period": "custom", "start": "10/03/2025"})
    assert missing.status_code == 422
    assert "Nhập ngày kết thúc của kỳ." in text(missing)


def test_people_without_a_host_office_are_refused(client, world):
    for person in (world.delegate, world.operator, world.chair):
        client.force_login(person)
        assert client.get(URL).status_code == 403


def test_another_provinces_office_gets_403_and_an_unknown_unit_404(client, world):
    client.force_login(world.other_organizer)
    assert client.get(URL, {"unit": world.province.pk}).status_code == 403
    assert client.get(URL, {"unit": 99999}).status_code == 404
    assert client.get(URL, {"unit": world.other_province.pk}).status_code == 200


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_navigation_links_the_dashboard_for_organizers_only(client, world):
    client.force_login(world.organizer)
    assert URL in text(client.get(reverse("home")))
    client.force_login(world.delegate)
    assert URL not in text(client.get(reverse("home")))
