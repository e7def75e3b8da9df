"""Two organizers book one room at the same moment: exactly one wins.

The check in meeting_schedule and the insert of its bookings are two statements;
on PostgreSQL the exclusion constraint on meetings_booking closes the gap between
them, and the service turns the database's refusal into the usual ConflictError.
"""

import json
import os
import subprocess
import sys
import threading
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import IntegrityError, connection, transaction

from meetings.models import Booking, Meeting
from meetings.services.errors import ConflictError
from meetings.services.scheduling import meeting_schedule
from tests.world import World, next_morning

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the exclusion constraint exists on PostgreSQL only"
)


def race(world: World, titles: list[str]) -> list[object]:
    """Book the same rooms at the same time from one thread per title, together."""
    start = next_morning(days=2)
    barrier = threading.Barrier(len(titles))
    outcomes: list[object] = [None] * len(titles)

    def book(index: int, title: str) -> None:
        try:
            barrier.wait(timeout=10)
            outcomes[index] = meeting_schedule(
                actor=world.organizer,
                data=world.meeting_input(start=start, title=title),
                notify=False,
            )
        except Exception as error:
            outcomes[index] = error
        finally:
            connection.close()  # each thread opened its own connection

    threads = [threading.Thread(target=book, args=(i, t)) for i, t in enumerate(titles)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def assert_one_winner(outcomes: list[object]) -> None:
    winners = [o for o in outcomes if isinstance(o, Meeting)]
    losers = [o for o in outcomes if isinstance(o, ConflictError)]
    assert len(winners) == 1, outcomes
    assert len(losers) == len(outcomes) - 1, outcomes
    assert Meeting.objects.get().pk == winners[0].pk
    assert set(Booking.objects.values_list("meeting_id", flat=True)) == {winners[0].pk}
    for loser in losers:
        assert {c.meeting_id for c in loser.conflicts} == {winners[0].pk}


@postgres_only
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_organizers_racing_for_one_room_on_postgresql(world):
    outcomes = race(world, ["Họp A", "Họp B"])
    assert_one_winner(outcomes)


@postgres_only
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_six_organizers_racing_for_the_same_rooms_get_one_winner_and_five_conflicts(world):
    """Inserting overlapping rows at once can deadlock inside the exclusion check (each
    transaction waits for the other's row); the one PostgreSQL aborts must still answer
    with the conflict, not a server error."""
    outcomes = race(world, [f"Họp {n}" for n in range(6)])
    assert_one_winner(outcomes)


@postgres_only
@pytest.mark.postgres
@pytest.mark.django_db
def test_exclusion_constraint_refuses_overlapping_rows_written_directly(world):
    room = world.rooms[0]
    first, second, third = (
        meeting_schedule(
            actor=world.organizer, as_draft=True, data=world.meeting_input(title=title)
        )
        for title in ("Họp một", "Họp hai", "Họp ba")
    )
    start = next_morning(days=3)
    Booking.objects.create(
        meeting=first, bridge_point=room, starts_at=start, ends_at=start + timedelta(hours=2)
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(
            meeting=second,
            bridge_point=room,
            starts_at=start + timedelta(hours=1, minutes=59),
            ends_at=start + timedelta(hours=3),
        )

    # Half-open periods: a booking may start the minute the other one ends,
    # and another room is never in the way.
    Booking.objects.create(
        meeting=second,
        bridge_point=room,
        starts_at=start + timedelta(hours=2),
        ends_at=start + timedelta(hours=3),
    )
    Booking.objects.create(
        meeting=third,
        bridge_point=world.rooms[1],
        starts_at=start,
        ends_at=start + timedelta(hours=3),
    )
    assert Booking.objects.filter(bridge_point=room).count() == 2


SQLITE_CHILD = """
import json, os, sys
import django
django.setup()
from django.core.management import call_command
from meetings.models import Booking, Meeting
from meetings.services.errors import ConflictError
from tests.meetings.test_booking_race import race
from tests.world import build_world

call_command("migrate", verbosity=0)
outcomes = race(build_world(), ["Họp A", "Họp B", "Họp C"])
print(json.dumps({
    "outcomes": [type(o).__name__ for o in outcomes],
    "meetings": Meeting.objects.count(),
    "booked_meetings": len(set(Booking.objects.values_list("meeting_id", flat=True))),
}))
"""


def test_racing_organizers_on_a_sqlite_file_are_served_one_after_the_other(tmp_path):
    """SQLite has no exclusion constraint: BEGIN IMMEDIATE makes the second writer wait.

    The test database of the suite is SQLite's shared-cache memory database, where a
    second writer is refused at once ("database table is locked") instead of waiting,
    so the race runs in a child process on a database file, as in production.
    """
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env |= {
        "SQLITE_PATH": str(tmp_path / "race.sqlite3"),
        "DJANGO_SETTINGS_MODULE": "config.test_settings",
    }
    child = subprocess.run(
        [sys.executable, "-c", SQLITE_CHILD],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert child.returncode == 0, child.stderr
    result = json.loads(child.stdout.strip().splitlines()[-1])
    assert sorted(result["outcomes"]) == ["ConflictError", "ConflictError", "Meeting"]
    assert result["meetings"] == result["booked_meetings"] == 1
