"""How long does the booking rule's database check take on a busy year?

    DJANGO_SETTINGS_MODULE=config.test_settings .venv/bin/python bench/conflict_check.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
        .venv/bin/python bench/conflict_check.py

1,000 bridge points, 50,000 scheduled meetings over a year (3–20 rooms each, 575,000
bookings, none overlapping), then meetings.selectors.conflicts_for on 200 random
proposals. Prints figures; asserts nothing. Options: --meetings N --rooms N --checks N
--explain (print the query plans of one check).
"""

import argparse
import random
import time
from datetime import date, datetime, timedelta

from throwaway import report, throwaway_database

SEED = 2025
# Four sittings a weekday; a meeting and its set-up buffer fit inside its sitting,
# so bookings never overlap (PostgreSQL would refuse them) and the data stays legal.
SITTINGS = [(7, 30), (10, 0), (13, 30), (16, 0)]
SITTING_MINUTES = 150
BUFFER_MINUTES = 15


def weekdays(first: date, days: int) -> list[date]:
    return [d for d in (first + timedelta(n) for n in range(days)) if d.weekday() < 5]


def build(rng: random.Random, *, rooms: int, meetings: int, chairs: int) -> dict:
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from meetings.models import Booking, BridgePoint, Meeting, Unit, User

    province = Unit.objects.create(code="B0", name="Tỉnh Thử", kind=Unit.Kind.PROVINCE)
    communes = Unit.objects.bulk_create(
        Unit(code=f"B{n:04d}", name=f"Xã Thử {n}", kind=Unit.Kind.COMMUNE, parent=province)
        for n in range(1, rooms // 2 + 1)
    )
    points = BridgePoint.objects.bulk_create(
        BridgePoint(unit=communes[n % len(communes)], name=f"Phòng {n}") for n in range(rooms)
    )
    main_room = points[0]
    password = make_password(None)
    people = User.objects.bulk_create(
        User(username=f"chair{n}", password=password) for n in range(chairs)
    )

    today = timezone.localdate()
    days = weekdays(today - timedelta(days=182), 365)
    sittings = [(d, h, m) for d in days for h, m in SITTINGS]
    free_rooms = {s: list(range(len(points))) for s in sittings}
    free_chairs = {s: list(range(chairs)) for s in sittings}
    meeting_rows, room_sets = [], []
    while len(meeting_rows) < meetings:
        sitting = rng.choice(sittings)
        wanted = rng.randint(3, 20)
        if len(free_rooms[sitting]) < wanted or not free_chairs[sitting]:
            continue
        taken = _take(rng, free_rooms[sitting], wanted)
        chair = _take(rng, free_chairs[sitting], 1)[0]
        day, hour, minute = sitting
        offset = rng.choice([0, 15, 30])
        length = rng.randrange(60, SITTING_MINUTES - BUFFER_MINUTES - offset + 1, 15)
        start = timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))
        start += timedelta(minutes=offset)
        meeting_rows.append(
            Meeting(
                title=f"Họp {len(meeting_rows)}",
                host_unit=province,
                main_bridge_point=main_room,
                chair=people[chair],
                start=start,
                end=start + timedelta(minutes=length),
                status=Meeting.Status.SCHEDULED,
            )
        )
        room_sets.append(taken)
    created = Meeting.objects.bulk_create(meeting_rows, batch_size=2000)
    buffer = timedelta(minutes=BUFFER_MINUTES)
    bookings = (
        Booking(meeting=m, bridge_point=points[r], starts_at=m.start, ends_at=m.end + buffer)
        for m, taken in zip(created, room_sets, strict=True)
        for r in taken
    )
    Booking.objects.bulk_create(bookings, batch_size=5000)
    return {
        "points": points,
        "people": people,
        "days": days,
        "bookings": sum(len(t) for t in room_sets),
    }


def _take(rng: random.Random, pool: list[int], k: int) -> list[int]:
    """Remove k random items from pool (swap-pop, O(k))."""
    taken = []
    for _ in range(k):
        i = rng.randrange(len(pool))
        pool[i], pool[-1] = pool[-1], pool[i]
        taken.append(pool.pop())
    return taken


def proposals(rng: random.Random, world: dict, count: int) -> list:
    from django.utils import timezone

    from meetings.conflicts import Slot

    result = []
    for _ in range(count):
        day = rng.choice(world["days"])
        minutes = rng.randrange(7 * 60, 17 * 60, 15)
        start = timezone.make_aware(datetime(day.year, day.month, day.day)) + timedelta(
            minutes=minutes
        )
        rooms = frozenset(p.pk for p in rng.sample(world["points"], rng.randint(3, 20)))
        result.append(
            Slot(
                None,
                "Đề xuất",
                start,
                start + timedelta(minutes=rng.choice([60, 90, 120, 150, 180])),
                rooms,
                rng.choice(world["people"]).pk,
            )
        )
    return result


def measure(label: str, check, slots: list) -> list:
    """Time `check` on every proposal, then count its queries; return its answers."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    check(slots[0])  # warm the connection and caches
    samples, answers = [], []
    for slot in slots:
        began = time.perf_counter()
        answers.append(check(slot))
        samples.append((time.perf_counter() - began) * 1000)
    report(label, samples)
    counts = []
    for slot in slots:
        with CaptureQueriesContext(connection) as captured:
            check(slot)
        counts.append(len(captured.captured_queries))
    print(
        f"    queries per check: {min(counts)}–{max(counts)}; "
        f"{sum(bool(a) for a in answers)} of {len(slots)} proposals clash"
    )
    return answers


def explain(check, slot) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        check(slot)
    prefix = "EXPLAIN ANALYZE " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            print("\n" + query["sql"][:300] + ("…" if len(query["sql"]) > 300 else ""))
            cursor.execute(prefix + query["sql"])
            for row in cursor.fetchall():
                print("   ", " | ".join(str(col) for col in row))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rooms", type=int, default=1000)
    parser.add_argument("--meetings", type=int, default=50_000)
    parser.add_argument("--chairs", type=int, default=200)
    parser.add_argument("--checks", type=int, default=200)
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()

    with throwaway_database() as where:
        from django.db import connection

        from meetings.selectors import conflicts_for

        print(f"database: {where}")
        rng = random.Random(SEED)
        began = time.perf_counter()
        world = build(rng, rooms=args.rooms, meetings=args.meetings, chairs=args.chairs)
        with connection.cursor() as cursor:
            # VACUUM also fills PostgreSQL's visibility map, as autovacuum would.
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        print(
            f"built {args.rooms} bridge points, {args.meetings} meetings, "
            f"{world['bookings']} bookings in {time.perf_counter() - began:.1f} s"
        )
        slots = proposals(rng, world, args.checks)
        answers = measure("selectors.conflicts_for", conflicts_for, slots)
        if args.explain:
            clashing = next((s for s, a in zip(slots, answers, strict=True) if a), slots[0])
            print("\n--- query plans ---")
            explain(conflicts_for, clashing)


if __name__ == "__main__":
    main()
