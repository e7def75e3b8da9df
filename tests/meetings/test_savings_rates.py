"""Rate sets: who may set them, and the values refused with a Vietnamese reason."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from meetings.models import RateSet
from meetings.savings import legal_default_rates
from meetings.services.errors import PermissionDenied
from meetings.services.savings import RATE_FIELDS, rate_set_create, rate_set_update, rates_in_force

DAY = date(2025, 7, 1)


def _values(**changes) -> dict:
    rates = legal_default_rates(DAY).as_json()
    return {**{name: rates[name] for name in RATE_FIELDS}, **changes}


def _create(world, **changes):
    valid_from = changes.pop("valid_from", DAY)
    return rate_set_create(
        actor=changes.pop("actor", world.organizer),
        host_unit_id=changes.pop("host_unit_id", world.province.pk),
        valid_from=valid_from,
        values=_values(**changes),
    )


def test_the_organizer_sets_rates_for_the_host_unit(world):
    rate_set = _create(world, petrol_price="21500", copies_per_delegate="2")
    rate_set.refresh_from_db()
    assert rate_set.petrol_price == Decimal(21_500)
    assert rate_set.copies_per_delegate == 2
    assert rate_set.created_by == world.organizer


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("petrol_price", "-20000", "Giá xăng không được âm."),
        ("fuel_litres_per_km", "2", "Xăng khoán theo km phải từ 0,01 đến 1 lít/km."),
        ("daily_allowance", "30000000", "Phụ cấp lưu trú phải từ 0 đến 2.000.000 đ/người/ngày."),
        ("travel_speed_kmh", "0", "Tốc độ đi lại khi chưa có thời gian đi phải từ 5 đến 120 km/h."),
        ("page_cost", "", "Nhập chi phí in một trang."),
    ],
)
def test_negative_or_absurd_rates_are_refused(world, field, value, message):
    with pytest.raises(ValidationError) as refused:
        _create(world, **{field: value})
    assert refused.value.message_dict[field] == [message]
    assert not RateSet.objects.exists()


def test_one_rate_set_per_day_and_a_sane_date(world):
    _create(world)
    with pytest.raises(ValidationError) as refused:
        _create(world)
    assert refused.value.message_dict["valid_from"] == [
        "Đơn vị đã có bộ định mức áp dụng từ ngày 01/07/2025."
    ]
    with pytest.raises(ValidationError) as refused:
        _create(world, valid_from=None)
    assert refused.value.message_dict["valid_from"] == ["Nhập ngày bắt đầu áp dụng."]


def test_other_offices_may_not_set_or_change_rates(world):
    with pytest.raises(PermissionDenied):
        _create(world, actor=world.other_organizer)
    rate_set = _create(world)
    with pytest.raises(PermissionDenied):
        rate_set_update(
            actor=world.delegate, rate_set_id=rate_set.pk, valid_from=DAY, values=_values()
        )


def test_a_unit_without_rates_uses_its_parents_then_the_law(world):
    commune = world.communes[0]
    rates, rate_set = rates_in_force(commune, DAY)
    assert rate_set is None
    assert rates.meal_support == 100_000  # a commune host: the commune level
    assert rates_in_force(commune, date(2025, 5, 1))[0].daily_allowance == 200_000
    parent = _create(world, petrol_price="22000")
    rates, rate_set = rates_in_force(commune, DAY)
    assert rate_set == parent
    assert rates.petrol_price == 22_000
    assert rates_in_force(commune, date(2025, 6, 30))[1] is None  # before it applied
