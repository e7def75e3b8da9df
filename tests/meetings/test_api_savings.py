"""GET/POST /api/meetings/{id}/savings…, /api/savings/summary, /bridge-points, /rate-sets."""

from datetime import date

from django.test import Client

from meetings.models import BridgePoint, RateSet
from meetings.savings import legal_default_rates
from meetings.services.savings import RATE_FIELDS, rate_set_create
from tests.meetings.api_support import ApiClient
from tests.meetings.savings_support import held_meeting, local

YEAR = {"start": "2025-01-01", "end": "2025-12-31"}


def _rates(**changes) -> dict:
    rates = legal_default_rates(date(2025, 7, 1)).as_json()
    return {**{name: rates[name] for name in RATE_FIELDS}, **changes}


def test_a_meetings_ledger_explains_every_figure(world):
    meeting = held_meeting(world, local(2025, 7, 1), headcounts={2: 3})
    response = ApiClient(world.delegate).get(f"/api/meetings/{meeting.pk}/savings")
    assert response.status_code == 404  # the delegate is not invited to this meeting
    response = ApiClient(world.operator).get(f"/api/meetings/{meeting.pk}/savings")
    assert response.status_code == 200
    body = response.json()
    assert body["held"] and body["attendance_source"] == "invitations"
    # 3 people × 2 × 30 km = 180 km × 0,2 l × 20.000 đ; 3 × 300.000 đ; 3 × 2 h × 40.000 đ.
    assert body["amounts"]["fuel_cost"] == 720_000
    assert body["amounts"]["total"] == 720_000 + 900_000 + 240_000
    joined = [line for line in body["lines"] if line["joined"]]
    assert [line["name"] for line in joined] == ["Xã Thử 3 — Hội trường UBND xã"]
    fuel = next(f for f in joined[0]["figures"] if f["key"] == "fuel_cost")
    assert fuel["display"] == "720.000 đ"
    assert "30 km ≥ ngưỡng 15 km" in fuel["formula"]
    assert body["rates"] == {"valid_from": None, "values": body["rates"]["values"]}
    assert body["rates"]["values"]["daily_allowance"] == 300_000


def test_no_ledger_before_the_meeting_ends(world):
    meeting = held_meeting(world, local(2025, 7, 1), compute=False)
    response = ApiClient(world.organizer).get(f"/api/meetings/{meeting.pk}/savings")
    assert response.status_code == 404
    assert "chưa có sổ tiết kiệm" in response.json()["detail"]
    response = ApiClient(world.organizer).post(f"/api/meetings/{meeting.pk}/savings/recompute")
    assert response.status_code == 200
    assert response.json()["amounts"]["people"] == 9


def test_only_the_host_office_recomputes(world):
    meeting = held_meeting(world, local(2025, 7, 1))
    response = ApiClient(world.operator).post(f"/api/meetings/{meeting.pk}/savings/recompute")
    assert response.status_code == 403
    assert "văn phòng đơn vị chủ trì" in response.json()["detail"]
    assert Client().get(f"/api/meetings/{meeting.pk}/savings").status_code == 401


def test_summary_for_a_period_with_months_and_flags(world):
    BridgePoint.objects.filter(pk=world.rooms[0].pk).update(distance_km=None)
    held_meeting(world, local(2025, 3, 4))
    held_meeting(world, local(2025, 7, 1))
    response = ApiClient(world.organizer).get(
        "/api/savings/summary", {"host_unit_id": world.province.pk, **YEAR}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["meetings"] == 2
    assert body["joins"] == 6
    assert body["people_per_join"] == 3
    assert [m["month"] for m in body["months"]][:3] == ["2025-01", "2025-02", "2025-03"]
    assert body["months"][2]["meetings"] == 1
    assert sum(m["amounts"]["total"] for m in body["months"]) == body["amounts"]["total"]
    assert [p["unit_name"] for p in body["unknown_distance"]] == ["Xã Thử 1"]


def test_bridge_points_ranked_by_joins(world):
    held_meeting(world, local(2025, 3, 4), headcounts={1: 2})
    held_meeting(world, local(2025, 7, 1), headcounts={1: 4, 2: 1})
    response = ApiClient(world.organizer).get(
        "/api/savings/bridge-points", {"host_unit_id": world.province.pk, **YEAR}
    )
    assert response.status_code == 200
    rows = response.json()
    assert [(r["bridge_point"]["unit_name"], r["joins"], r["invited"]) for r in rows] == [
        ("Xã Thử 2", 2, 2),
        ("Xã Thử 3", 1, 2),
        ("Xã Thử 1", 0, 2),
    ]
    assert rows[0]["people_per_join"] == 3
    readiness = ApiClient(world.organizer).get(
        "/api/savings/bridge-points",
        {"host_unit_id": world.province.pk, "order": "readiness", **YEAR},
    )
    assert readiness.json() == []  # nobody checked in: no readiness to rank


def test_sums_are_for_the_host_offices_only(world):
    api = ApiClient(world.other_organizer)
    params = {"host_unit_id": world.province.pk, **YEAR}
    assert api.get("/api/savings/summary", params).status_code == 403
    assert api.get("/api/savings/bridge-points", params).status_code == 403
    missing = api.get("/api/savings/summary", {**params, "host_unit_id": 99999})
    assert missing.status_code == 404


def test_a_period_ending_before_it_starts_is_refused(world):
    response = ApiClient(world.organizer).get(
        "/api/savings/summary",
        {"host_unit_id": world.province.pk, "start": "2025-07-01", "end": "2025-06-30"},
    )
    assert response.status_code == 422
    assert response.json()["errors"]["end"] == ["Ngày kết thúc không được trước ngày bắt đầu."]


def test_rate_sets_listed_and_created(world):
    rate_set_create(
        actor=world.organizer,
        host_unit_id=world.province.pk,
        valid_from=date(2025, 1, 1),
        values=_rates(),
    )
    api = ApiClient(world.organizer)
    response = api.post(
        "/api/savings/rate-sets",
        {
            "host_unit_id": world.province.pk,
            "valid_from": "2025-07-16",
            "note": "Giá xăng tháng 7",
            **_rates(petrol_price=24_000),
        },
    )
    assert response.status_code == 201
    assert response.json()["values"]["petrol_price"] == 24_000
    listed = api.get("/api/savings/rate-sets", {"host_unit_id": world.province.pk}).json()
    assert [r["valid_from"] for r in listed] == ["2025-07-16", "2025-01-01"]


def test_bad_rates_are_refused_with_vietnamese_reasons(world):
    response = ApiClient(world.organizer).post(
        "/api/savings/rate-sets",
        {
            "host_unit_id": world.province.pk,
            "valid_from": "2025-07-16",
            **_rates(petrol_price=-1, page_cost=50_000),
        },
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["petrol_price"] == ["Giá xăng không được âm."]
    assert errors["page_cost"] == ["Chi phí in một trang phải từ 0 đến 10.000 đ/trang."]
    assert not RateSet.objects.exists()
    other = ApiClient(world.other_organizer).post(
        "/api/savings/rate-sets",
        {"host_unit_id": world.province.pk, "valid_from": "2025-07-16", **_rates()},
    )
    assert other.status_code == 403
