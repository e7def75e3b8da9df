"""Week and month grids for the calendar pages: date arithmetic only, no ORM.

Weeks start on Monday (Thứ Hai), as Vietnamese calendars print them.
"""

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Protocol

from django.utils import timezone

MONDAY_FIRST = calendar.Calendar(firstweekday=calendar.MONDAY)


class Timed(Protocol):
    start: datetime
    end: datetime


@dataclass
class Day:
    day: date
    items: list = field(default_factory=list)
    in_month: bool = True
    is_today: bool = False
    more: int = 0  # items left out of a crowded cell


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_dates(day: date) -> list[date]:
    """Monday to Sunday of the week holding `day`."""
    monday = week_start(day)
    return [monday + timedelta(days=i) for i in range(7)]


def month_dates(year: int, month: int) -> list[list[date]]:
    """Whole Monday-first weeks covering the month (days of the months around included)."""
    return MONDAY_FIRST.monthdatescalendar(year, month)


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def local_span(first: date, last: date) -> tuple[datetime, datetime]:
    """[first 00:00, the day after last 00:00) in the current time zone."""
    start = timezone.make_aware(datetime.combine(first, time.min))
    end = timezone.make_aware(datetime.combine(last + timedelta(days=1), time.min))
    return start, end


def local_days_touched(item: Timed) -> Iterable[date]:
    """Every local date a meeting runs on (its end instant itself is excluded)."""
    first = timezone.localtime(item.start).date()
    last = timezone.localtime(item.end - timedelta(microseconds=1)).date()
    return (first + timedelta(days=i) for i in range((last - first).days + 1))


def fill_days(
    dates: list[date], items: Iterable[Timed], *, today: date, month: int | None = None
) -> list[Day]:
    """One Day per date, each holding the items that run on it, in the given order."""
    days = {
        d: Day(d, in_month=month is None or d.month == month, is_today=d == today) for d in dates
    }
    for item in items:
        for d in local_days_touched(item):
            if d in days:
                days[d].items.append(item)
    return [days[d] for d in dates]


def clip(days: list[Day], limit: int) -> None:
    """Keep the first `limit` items of each day and count the ones left out."""
    for day in days:
        day.more = max(0, len(day.items) - limit)
        del day.items[limit:]
