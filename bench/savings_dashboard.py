"""How long does a province's savings dashboard for a year take?

    DJANGO_SETTINGS_MODULE=config.test_settings .venv/bin/python bench/savings_dashboard.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python bench/savings_dashboard.py

One province, 100 commune rooms (a tenth without a distance, a third hardship communes),
5,000 ended meetings spread over last year, each inviting 5–40 rooms, each room joining
with 0–6 people (a tenth not joining) and a check-in time; one rate change in mid-year.
Ledgers are computed with the real pure function (meetings.savings.compute_ledger) and
stored with the real column mapping, in bulk. Then, after one warm-up:
meetings.selectors_savings.dashboard (all sums, months, rooms, flags: what the page and
the reports show) and GET /savings/ through Django's test Client (the same plus the
template and the SVG charts). Prints time and queries; asserts nothing. Options:
--meetings N --rooms N --runs N.
"""

import argparse
import random
import time
from datetime import date, datetime, timedelta
from decimal import Decimal

from province import analyze, province_with_communes
from throwaway import report, throwaway_database
from timing import queries_of, time_page, timed

SEED = 2025


def build(rng: random.Random, *, meetings: int, rooms: int) -> dict:
    from django.utils import timezone

    from meetings.models import (
        BridgePoint,
        Ledger,
        LedgerLine,
        Meeting,
        Membership,
        RateSet,
        Role,
        User,
    )
    from meetings.savings import (
        BridgePointFacts,
        DocumentFacts,
        MeetingFacts,
        compute_ledger,
        legal_default_rates,
    )
    from meetings.services.savings import RATE_FIELDS, ledger_columns, line_row, rates_of

    year = timezone.localdate().year - 1
    province, communes, main_room = province_with_communes(rooms)
    points = BridgePoint.objects.bulk_create(
        BridgePoint(
            unit=commune,
            name="Phòng họp UBND xã",
            distance_km=None if rng.random() < 0.1 else Decimal(rng.randint(3, 90)),
            travel_minutes=rng.choice([None, rng.randint(10, 180)]),
            is_hardship=rng.random() < 0.33,
        )
        for commune in communes
    )
    organizer = User.objects.create_user("organizer", full_name="Văn phòng tỉnh")
    chair = User.objects.create_user("chair", full_name="Nguyễn Văn Chủ")
    Membership.objects.create(user=organizer, unit=province, role=Role.ORGANIZER)
    defaults = legal_default_rates(date(year, 1, 1)).as_json()
    rate_sets = [
        RateSet.objects.create(
            host_unit=province,
            valid_from=date(year, month, 1),
            **{name: defaults[name] for name in RATE_FIELDS},
        )
        for month in (1, 7)
    ]
    RateSet.objects.filter(pk=rate_sets[1].pk).update(petrol_price=Decimal(23_000))
    rate_sets[1].refresh_from_db()

    first = date(year, 1, 1)
    rows, plans = [], []
    for n in range(meetings):
        day = first + timedelta(days=rng.randrange(365))
        start = timezone.make_aware(datetime(day.year, day.month, day.day, rng.randint(7, 15)))
        rows.append(
            Meeting(
                title=f"Họp trực tuyến số {n + 1}",
                host_unit=province,
                main_bridge_point=main_room,
                chair=chair,
                start=start,
                end=start + timedelta(hours=2),
                kind=rng.choice([Meeting.Kind.ONLINE] * 3 + [Meeting.Kind.HYBRID]),
                status=Meeting.Status.ENDED,
                created_by=organizer,
            )
        )
        plans.append(rng.sample(points, rng.randint(5, min(40, rooms))))
    created = Meeting.objects.bulk_create(rows)

    now = timezone.now()
    ledgers, line_sets = [], []
    for meeting, invited in zip(created, plans, strict=True):
        day = timezone.localdate(meeting.start)
        rate_set = rate_sets[1] if day.month >= 7 else rate_sets[0]
        facts = MeetingFacts(
            meeting_id=meeting.pk,
            title=meeting.title,
            day=day,
            days=1,
            kind=meeting.kind,
            status=meeting.status,
            host_people=rng.randint(3, 12),
            attendance_source="checkin",
            bridge_points=tuple(
                BridgePointFacts(
                    bridge_point_id=point.pk,
                    name=str(point.pk),
                    people=0 if rng.random() < 0.1 else rng.randint(1, 6),
                    distance_km=point.distance_km,
                    travel_minutes=point.travel_minutes,
                    is_hardship=point.is_hardship,
                    guests=rng.choice([0, 0, 0, 1]),
                    ready_on_time=rng.random() < 0.8,
                )
                for point in invited
            ),
            documents=tuple(
                DocumentFacts(f"Tài liệu {i}", rng.choice([None, rng.randint(1, 40)]))
                for i in range(rng.randint(0, 4))
            ),
        )
        result = compute_ledger(facts, rates_of(rate_set))
        ledger = Ledger(meeting=meeting, **ledger_columns(meeting, result, rate_set, now))
        ledgers.append(ledger)
        line_sets.append(result.lines)
    Ledger.objects.bulk_create(ledgers, batch_size=500)
    LedgerLine.objects.bulk_create(
        (
            line_row(ledger, line)
            for ledger, lines in zip(ledgers, line_sets, strict=True)
            for line in lines
        ),
        batch_size=2000,
    )
    return {"province": province, "organizer": organizer, "year": year}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--meetings", type=int, default=5000)
    parser.add_argument("--rooms", type=int, default=100)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    with throwaway_database() as where:
        from django.test import Client
        from django.urls import reverse

        from meetings.models import LedgerLine
        from meetings.selectors_savings import dashboard, year_period

        print(f"database: {where}")
        began = time.perf_counter()
        world = build(random.Random(SEED), meetings=args.meetings, rooms=args.rooms)
        analyze()
        print(
            f"built {args.meetings} meetings with ledgers, {LedgerLine.objects.count()} ledger "
            f"lines, {args.rooms} rooms in {time.perf_counter() - began:.1f} s"
        )
        period = year_period(world["year"])
        dashboard(world["province"], period)  # warm up
        samples, cpu = timed(lambda: dashboard(world["province"], period), args.runs)
        queries, board = queries_of(lambda: dashboard(world["province"], period))
        report(f"dashboard() for {period.label}", samples)
        # SQLite runs inside this process: its CPU time does not count other programs' load.
        report("    CPU time of this process", cpu)
        print(f"    {queries} queries")
        totals = board.totals
        print(
            f"    {totals['meetings']} meetings, {totals['joins']} joins, "
            f"{totals['person_hours']:.0f} h, {totals['person_km']:.0f} km, "
            f"{totals['total']:,.0f} VND, {len(board.unknown_distance)} rooms without distance"
        )

        client = Client()
        client.force_login(world["organizer"])
        url = reverse("savings-dashboard")
        query = {"unit": world["province"].pk, "period": "year", "year": world["year"]}
        time_page(client, url, query, runs=args.runs, label=f"GET {url} (page with charts)")


if __name__ == "__main__":
    main()
