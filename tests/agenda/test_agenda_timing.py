"""The agenda's clock, without a database."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from agenda.timing import agenda_timing, slot_minutes

START = datetime(2026, 3, 2, 8, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def _at(hour: int, minute: int) -> datetime:
    return START.replace(hour=hour, minute=minute)


def test_each_item_starts_when_the_ones_before_it_end():
    timing = agenda_timing(START, START + timedelta(hours=2), [15, 30, 45])
    assert timing.starts == (_at(8, 0), _at(8, 15), _at(8, 45))
    assert timing.planned_minutes == 90
    assert timing.slot_minutes == 120
    assert timing.spare_minutes == 30
    assert not timing.overruns
    assert timing.percent == 75


def test_a_plan_that_fills_the_slot_exactly_does_not_overrun():
    timing = agenda_timing(START, START + timedelta(hours=1), [20, 40])
    assert timing.planned_minutes == timing.slot_minutes == 60
    assert not timing.overruns
    assert timing.overrun_minutes == 0
    assert timing.spare_minutes == 0
    assert timing.percent == 100


def test_overrun_is_measured_in_minutes_past_the_end():
    timing = agenda_timing(START, START + timedelta(hours=1), [30, 30, 15])
    assert timing.overruns
    assert timing.overrun_minutes == 15
    assert timing.spare_minutes == 0
    assert timing.percent == 100  # the bar is full; the warning says by how much


def test_an_empty_agenda_plans_nothing():
    timing = agenda_timing(START, START + timedelta(minutes=90), [])
    assert timing.starts == ()
    assert timing.planned_minutes == 0
    assert timing.spare_minutes == 90
    assert not timing.overruns


def test_starts_cross_midnight_and_the_slot_counts_whole_minutes():
    late = START.replace(hour=23, minute=30)
    timing = agenda_timing(late, late + timedelta(minutes=60, seconds=59), [45, 10])
    assert timing.starts[1] == late + timedelta(minutes=45)
    assert timing.starts[1].day == 3
    assert slot_minutes(late, late + timedelta(minutes=60, seconds=59)) == 60
    assert slot_minutes(late, late - timedelta(minutes=5)) == 0
