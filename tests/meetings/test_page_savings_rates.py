"""/savings/rates/: the host office lists, adds, corrects and re-applies its rate sets."""

from datetime import date
from decimal import Decimal

from django.urls import reverse

from meetings.models import Ledger, RateSet
from tests.meetings.page_helpers import text
from tests.meetings.savings_support import held_meeting, local

URL = reverse("savings-rates")


def _form(**changes) -> dict:
    return {
        "valid_from": "01/07/2025",
        "note": "Quyết định số 12/QĐ-UBND",
        "fuel_litres_per_km": "0,2",
        "petrol_price": "21.500",
        "hardship_threshold_km": "10",
        "other_threshold_km": "15",
        "daily_allowance": "300.000",
        "meal_support": "200.000",
        "page_cost": "500",
        "copies_per_delegate": "1",
        "staff_hour_value": "40.000",
        "travel_speed_kmh": "40",
        **changes,
    }


def test_the_organizer_adds_a_rate_set_typed_the_vietnamese_way(client, world):
    client.force_login(world.organizer)
    page = text(client.get(URL))
    assert "Đơn vị chưa đặt định mức riêng" in page
    response = client.post(URL, {"unit": world.province.pk, **_form()}, follow=True)
    assert response.status_code == 200
    assert "Đã thêm bộ định mức." in text(response)
    rate_set = RateSet.objects.get()
    assert rate_set.valid_from == date(2025, 7, 1)
    assert rate_set.petrol_price == Decimal(21_500)
    assert rate_set.fuel_litres_per_km == Decimal("0.2")
    assert "21.500" in text(response)


def test_bad_rates_come_back_with_vietnamese_messages(client, world):
    client.force_login(world.organizer)
    response = client.post(
        URL, {"unit": world.province.pk, **_form(petrol_price="-5", page_cost="nhiều")}
    )
    assert response.status_code == 422
    page = text(response)
    assert "Giá xăng không được âm." in page
    assert "Nhập một số." in page
    assert 'id="rate-petrol_price_error"' in page
    assert not RateSet.objects.exists()


def test_correcting_a_rate_set_keeps_stored_ledgers_until_reapplied(client, world):
    client.force_login(world.organizer)
    client.post(URL, {"unit": world.province.pk, **_form(petrol_price="20.000")})
    rate_set = RateSet.objects.get()
    meeting = held_meeting(world, local(2025, 7, 1), headcounts={2: 1})
    edit = reverse("savings-rate-edit", args=[rate_set.pk])
    assert client.get(edit).status_code == 200
    response = client.post(edit, _form(petrol_price="30.000"), follow=True)
    assert "Đã lưu bộ định mức." in text(response)
    assert Ledger.objects.get(meeting=meeting).fuel_cost == Decimal(240_000)
    response = client.post(reverse("savings-rate-reapply", args=[rate_set.pk]), follow=True)
    assert "Đã tính lại 1 sổ tiết kiệm theo bộ định mức từ ngày 01/07/2025." in text(response)
    assert Ledger.objects.get(meeting=meeting).fuel_cost == Decimal(360_000)


def test_other_offices_may_not_see_or_change_the_rates(client, world):
    client.force_login(world.organizer)
    client.post(URL, {"unit": world.province.pk, **_form()})
    rate_set = RateSet.objects.get()
    client.force_login(world.other_organizer)
    assert client.get(URL, {"unit": world.province.pk}).status_code == 403
    assert client.post(URL, {"unit": world.province.pk, **_form()}).status_code == 403
    assert client.get(reverse("savings-rate-edit", args=[rate_set.pk])).status_code == 403
    assert client.get(reverse("savings-rate-edit", args=[99999])).status_code == 404
    client.force_login(world.delegate)
    assert client.get(URL).status_code == 403
