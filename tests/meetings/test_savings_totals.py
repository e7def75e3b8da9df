"""Property: whatever meetings, rooms, rates and period, the dashboard's sums (done in the
database) equal the per-meeting ledgers added up one by one, and every breakdown (by
month, by bridge point) adds back up to the same totals."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetings.models import BridgePoint, Invitation, Meeting
from meetings.savings import MONEY_KINDS, legal_default_rates
from meetings.selectors_savings import (
    SUMMED,
    Period,
    bridge_point_rows,
    ledger_explained,
    period_totals,
    totals_by_month,
)
from meetings.services.savings import RATE_FIELDS, ledger_compute, rate_set_create

YEAR_START, YEAR_END = date(2025, 1, 1), date(2025, 12, 31)

rooms = st.lists(
    st.tuples(
        st.one_of(st.none(), st.decimals(min_value=0, max_value=80, places=1)),
        st.one_of(st.none(), st.integers(min_value=1, max_value=150)),
        st.booleans(),
    ),
    min_size=3,
    max_size=3,
)
meetings = st.lists(
    st.fixed_dictionaries(
        {
            "day": st.dates(YEAR_START, YEAR_END),
            "status": st.sampled_from(["ended", "ended", "ended", "cancelled"]),
            "kind": st.sampled_from(["online", "hybrid"]),
            # Per room: None = declined, else the confirmed headcount.
            "people": st.lists(
                st.one_of(st.none(), st.integers(min_value=0, max_value=6)),
                min_size=3,
                max_size=3,
            ),
        }
    ),
    max_size=8,
)
rate_sets = st.lists(
    st.tuples(st.dates(YEAR_START, YEAR_END), st.integers(min_value=15_000, max_value=30_000)),
    max_size=3,
    unique_by=lambda pair: pair[0],
)


def period_around(days: list[date]) -> st.SearchStrategy[Period]:
    """Any period, with its edges often on a meeting's day or right next to it."""
    edge = st.dates(date(2024, 12, 1), date(2026, 1, 31))
    if days:
        near = st.tuples(st.sampled_from(days), st.sampled_from([-1, 0, 1]))
        edge = st.one_of(edge, near.map(lambda pair: pair[0] + timedelta(days=pair[1])))
    return st.tuples(edge, edge).map(lambda pair: Period(min(pair), max(pair)))


def _book(world, spec: dict) -> Meeting:
    start = timezone.make_aware(datetime.combine(spec["day"], time(8)))
    meeting = Meeting.objects.create(
        title="Họp thử",
        host_unit=world.province,
        main_bridge_point=world.main_room,
        chair=world.chair,
        start=start,
        end=start + timedelta(hours=2),
        kind=spec["kind"],
        status=spec["status"],
    )
    Invitation.objects.bulk_create(
        Invitation(
            meeting=meeting,
            bridge_point=room,
            response=Invitation.Response.DECLINED if people is None else "accepted",
            expected_attendees=people,
        )
        for room, people in zip(world.rooms, spec["people"], strict=True)
    )
    return meeting


def _rates(price: int) -> dict:
    rates = legal_default_rates(YEAR_END).as_json()
    return {**{name: rates[name] for name in RATE_FIELDS}, "petrol_price": price}


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rooms=rooms, meetings=meetings, rate_sets=rate_sets, data=st.data())
def test_period_totals_equal_the_sum_of_the_meetings_ledgers(
    world, rooms, meetings, rate_sets, data
):
    with transaction.atomic():
        for room, (distance, minutes, hardship) in zip(world.rooms, rooms, strict=True):
            BridgePoint.objects.filter(pk=room.pk).update(
                distance_km=distance, travel_minutes=minutes, is_hardship=hardship
            )
        for valid_from, price in rate_sets:
            rate_set_create(
                actor=world.organizer,
                host_unit_id=world.province.pk,
                valid_from=valid_from,
                values=_rates(price),
            )
        ledgers = [ledger_compute(meeting_id=_book(world, spec).pk) for spec in meetings]

        chosen = data.draw(period_around([spec["day"] for spec in meetings]))
        # Chosen here from what was booked, not by the code under test.
        in_period = [
            ledger_explained(ledger)
            for ledger, spec in zip(ledgers, meetings, strict=True)
            if spec["status"] == "ended" and chosen.start <= spec["day"] <= chosen.end
        ]
        totals = period_totals(world.province, chosen)

        assert totals["meetings"] == len(in_period)
        assert totals["joins"] == sum(ledger.joins for ledger in in_period)
        assert totals["pages_not_printed"] == sum(r.pages_not_printed for r in in_period)
        for name in (*MONEY_KINDS, "people", "person_km", "person_hours", "co2_kg"):
            assert totals[name] == sum(
                (getattr(ledger.amounts, name) for ledger in in_period), Decimal(0)
            ), name
        assert totals["total"] == sum((ledger.total for ledger in in_period), Decimal(0))

        months = totals_by_month(world.province, chosen)
        for name in SUMMED:
            assert sum(row[name] for row in months) == totals[name], name
        points = bridge_point_rows(world.province, chosen)
        assert sum(row["joins"] for row in points) == totals["joins"]
        assert sum(row["total"] for row in points) + totals["paper_cost"] == totals["total"]
        transaction.set_rollback(True)
