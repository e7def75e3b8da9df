"""The ledger as a pure function, against examples worked by hand from the norms.

Default rates (legal_default_rates on 01/07/2025, a province host): 0,2 l/km, petrol
20.000 đ/l, thresholds 10 km (hardship) and 15 km (others), allowance 300.000 đ/person/day,
meals 200.000 đ/guest/day, 500 đ/page, 1 copy per person, 40.000 đ/hour, 40 km/h.
"""

from dataclasses import replace
from datetime import date
from decimal import Decimal

from meetings.savings import (
    BridgePointFacts,
    DocumentFacts,
    MeetingFacts,
    Rates,
    compute_ledger,
    format_number,
    format_vnd,
    legal_default_rates,
    rate_errors,
)

DAY = date(2025, 7, 1)
RATES = legal_default_rates(DAY)


def room(pk: int = 1, **changes) -> BridgePointFacts:
    base = BridgePointFacts(
        bridge_point_id=pk,
        name=f"Xã {pk}",
        people=3,
        distance_km=Decimal(12),
        travel_minutes=30,
        is_hardship=False,
    )
    return replace(base, **changes)


def facts(*rooms: BridgePointFacts, **changes) -> MeetingFacts:
    base = MeetingFacts(
        meeting_id=1,
        title="Giao ban",
        day=DAY,
        days=1,
        kind="online",
        status="ended",
        host_people=0,
        bridge_points=rooms,
    )
    return replace(base, **changes)


def test_a_12_km_trip_from_a_hardship_commune_counts_fuel_and_allowance():
    line = compute_ledger(facts(room(is_hardship=True)), RATES).lines[0]
    # 3 people × 2 × 12 km = 72 km; × 0,2 l = 14,4 l; × 20.000 đ = 288.000 đ.
    assert line.amounts.person_km == Decimal("72.0")
    assert line.amounts.fuel_litres == Decimal("14.40")
    assert line.amounts.fuel_cost == Decimal(288_000)
    assert line.amounts.allowance == Decimal(900_000)  # 3 × 300.000
    assert line.travel_counted
    fuel = next(f for f in line.figures if f.key == "fuel_cost")
    assert fuel.formula == (
        "12 km ≥ ngưỡng 10 km (xã đặc biệt khó khăn): 14,4 lít × 20.000 đ/lít = 288.000 đ"
    )


def test_a_12_km_trip_from_another_commune_counts_no_fuel_but_still_time():
    line = compute_ledger(facts(room(is_hardship=False)), RATES).lines[0]
    assert line.amounts.fuel_cost == 0
    assert line.amounts.allowance == 0
    assert not line.travel_counted
    assert "12 km < ngưỡng 15 km" in line.notes[0]
    # The kilometres and the hours are still not travelled: 3 × 2 × 30 min = 3 h.
    assert line.amounts.person_km == Decimal("72.0")
    assert line.amounts.person_hours == Decimal("3.00")
    assert line.amounts.staff_time == Decimal(120_000)
    # CO₂ of all fuel not burned: 14,4 l × 2,31 kg/l = 33,264 kg.
    assert line.amounts.co2_kg == Decimal("33.26")


def test_the_threshold_itself_counts():
    line = compute_ledger(facts(room(distance_km=Decimal(15))), RATES).lines[0]
    assert line.travel_counted
    assert line.amounts.fuel_cost == Decimal(360_000)  # 3 × 30 km × 0,2 × 20.000


def test_19_bridge_points_with_3_people_each():
    rooms = [
        room(pk, distance_km=Decimal(20), travel_minutes=40, is_hardship=pk % 2 == 0)
        for pk in range(1, 20)
    ]
    ledger = compute_ledger(
        facts(*rooms, host_people=5, documents=(DocumentFacts("Báo cáo", 10),)), RATES
    )
    # Per room: 3 × 40 km = 120 km, 24 l, 480.000 đ fuel, 900.000 đ allowance,
    # 3 × 80 min = 4 h → 160.000 đ. Everyone is over both thresholds.
    assert ledger.joins == 19
    assert ledger.amounts.people == 57
    assert ledger.amounts.person_km == Decimal("2280.0")
    assert ledger.amounts.fuel_litres == Decimal("456.00")
    assert ledger.amounts.fuel_cost == Decimal(9_120_000)
    assert ledger.amounts.allowance == Decimal(17_100_000)
    assert ledger.amounts.person_hours == Decimal("76.00")
    assert ledger.amounts.staff_time == Decimal(3_040_000)
    # Online: 57 + 5 in the main room read on screens; 10 pages × 62 = 620 pages.
    assert ledger.pages_not_printed == 620
    assert ledger.amounts.paper_cost == Decimal(310_000)
    assert ledger.total == Decimal(9_120_000 + 17_100_000 + 3_040_000 + 310_000)
    assert ledger.paperless
    total = next(f for f in ledger.figures if f.key == "total")
    assert total.display == "29.570.000 đ"


def test_a_cancelled_meeting_saves_nothing():
    ledger = compute_ledger(facts(room(), status="cancelled"), RATES)
    assert not ledger.saves
    assert ledger.total == 0
    assert ledger.lines == ()
    assert ledger.reason == "Cuộc họp đã bị hủy: không tiết kiệm được gì."


def test_a_meeting_not_yet_held_saves_nothing():
    for status in ("draft", "scheduled", "live"):
        assert compute_ledger(facts(room(), status=status), RATES).total == 0


def test_hybrid_saves_only_for_remote_joiners():
    documents = (DocumentFacts("Dự thảo", 4),)
    online = compute_ledger(facts(room(), host_people=20, documents=documents), RATES)
    hybrid = compute_ledger(
        facts(room(), host_people=20, documents=documents, kind="hybrid"), RATES
    )
    # The 20 in the main room travelled in the hybrid meeting and may have had paper.
    assert online.pages_not_printed == 4 * 23
    assert hybrid.pages_not_printed == 4 * 3
    assert hybrid.amounts.person_km == online.amounts.person_km
    assert any("Họp kết hợp" in note for note in hybrid.notes)


def test_an_unknown_distance_counts_zero_km_and_is_flagged():
    ledger = compute_ledger(facts(room(distance_km=None, travel_minutes=None)), RATES)
    line = ledger.lines[0]
    assert line.joined and not line.distance_known
    assert line.amounts.person_km == 0
    assert line.amounts.total == 0
    assert ledger.unknown_distance == (line.facts,)
    assert "Chưa có khoảng cách" in ledger.notes[0]


def test_travel_time_comes_from_the_speed_when_missing():
    line = compute_ledger(facts(room(travel_minutes=None)), RATES).lines[0]
    # 3 × 2 × 12 km ÷ 40 km/h = 1,8 h.
    assert line.amounts.person_hours == Decimal("1.80")
    hours = next(f for f in line.figures if f.key == "person_hours")
    assert "÷ 40 km/h" in hours.formula


def test_a_room_nobody_joined_from_saves_nothing():
    ledger = compute_ledger(facts(room(people=0), room(2)), RATES)
    assert [line.joined for line in ledger.lines] == [False, True]
    assert ledger.joins == 1
    assert ledger.lines[0].amounts.total == 0


def test_guests_save_meal_support_and_days_multiply_allowances():
    line = compute_ledger(
        facts(room(guests=1, is_hardship=True), days=2), legal_default_rates(DAY)
    ).lines[0]
    assert line.amounts.meals == Decimal(400_000)  # 1 guest × 2 days × 200.000
    assert line.amounts.allowance == Decimal(1_800_000)  # 3 × 2 × 300.000


def test_the_allowance_before_4_may_2025_was_200_000():
    assert legal_default_rates(date(2025, 5, 3)).daily_allowance == 200_000
    assert legal_default_rates(date(2025, 5, 4)).daily_allowance == 300_000
    assert legal_default_rates(DAY, "commune").meal_support == 100_000


def test_unknown_page_counts_are_zero_and_noted():
    ledger = compute_ledger(
        facts(room(), documents=(DocumentFacts("Biểu mẫu", None), DocumentFacts("Báo cáo", 2))),
        RATES,
    )
    assert ledger.document_pages == 2
    assert ledger.pages_unknown == 1
    assert any("chưa rõ số trang" in note for note in ledger.notes)


def test_facts_and_rates_survive_json():
    original = facts(room(distance_km=Decimal("12.5")), room(2, distance_km=None))
    assert MeetingFacts.from_json(original.as_json()) == original
    assert Rates.from_json(RATES.as_json()) == RATES


def test_money_and_numbers_are_written_the_vietnamese_way():
    assert format_vnd(Decimal(1_234_567)) == "1.234.567 đ"
    assert format_vnd(0) == "0 đ"
    assert format_number(Decimal("1234.5"), 1) == "1.234,5"
    assert format_number(Decimal("0.125"), 2) == "0,13"


def test_negative_and_absurd_rates_are_refused_in_vietnamese():
    good = {k: v for k, v in RATES.as_json().items() if k != "co2_kg_per_litre"}
    assert rate_errors(good) == {}
    errors = rate_errors(
        {**good, "petrol_price": "-1", "fuel_litres_per_km": "20", "page_cost": "abc"}
    )
    assert errors["petrol_price"] == ["Giá xăng không được âm."]
    assert errors["fuel_litres_per_km"] == ["Xăng khoán theo km phải từ 0,01 đến 1 lít/km."]
    assert errors["page_cost"] == ["Nhập một số."]
    swapped = rate_errors({**good, "hardship_threshold_km": "20", "other_threshold_km": "15"})
    assert "không được lớn hơn" in swapped["hardship_threshold_km"][0]
    assert rate_errors({**good, "copies_per_delegate": "1.5"})["copies_per_delegate"]
    assert rate_errors({**good, "travel_speed_kmh": ""})["travel_speed_kmh"]
