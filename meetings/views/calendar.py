"""Week and month calendars: one query for the meetings, whatever their number."""

from datetime import date, timedelta

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from meetings import calendar_grid, selectors
from meetings.views.common import int_param

MONTH_CELL_LIMIT = 4  # meetings listed in a month cell before "+N more"


def _parse_date(value: str | None, default: date) -> date:
    try:
        return date.fromisoformat(value) if value else default
    except ValueError:
        return default


def _room_filter(request: HttpRequest) -> dict:
    """The chosen room (?bridge_point=ID) and the rooms to choose from."""
    return {
        "bridge_point_id": int_param(request.GET.get("bridge_point")),
        "rooms": selectors.directory_bridge_points().filter(is_active=True),
    }


def _meetings(request: HttpRequest, first: date, last: date, bridge_point_id: int | None):
    start, end = calendar_grid.local_span(first, last)
    return list(selectors.meetings_between(request.user, start, end, bridge_point_id))


@login_required
def calendar_week(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    day = _parse_date(request.GET.get("date"), today)
    dates = calendar_grid.week_dates(day)
    rooms = _room_filter(request)
    meetings = _meetings(request, dates[0], dates[-1], rooms["bridge_point_id"])
    return render(
        request,
        "meetings/calendar_week.html",
        {
            **rooms,
            "days": calendar_grid.fill_days(dates, meetings, today=today),
            "first": dates[0],
            "last": dates[-1],
            "week_number": dates[0].isocalendar().week,
            "keep": [("date", dates[0].isoformat())],
            "previous": dates[0] - timedelta(days=7),
            "next": dates[0] + timedelta(days=7),
            "today": today,
        },
    )


@login_required
def calendar_month(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    year = int_param(request.GET.get("year")) or today.year
    month = int_param(request.GET.get("month")) or today.month
    if not (1 <= month <= 12 and 1900 <= year <= 9999):
        year, month = today.year, today.month
    weeks = calendar_grid.month_dates(year, month)
    rooms = _room_filter(request)
    meetings = _meetings(request, weeks[0][0], weeks[-1][-1], rooms["bridge_point_id"])
    days = calendar_grid.fill_days(
        [d for week in weeks for d in week], meetings, today=today, month=month
    )
    calendar_grid.clip(days, MONTH_CELL_LIMIT)
    return render(
        request,
        "meetings/calendar_month.html",
        {
            **rooms,
            "weeks": [days[i : i + 7] for i in range(0, len(days), 7)],
            "month_start": date(year, month, 1),
            "keep": [("year", year), ("month", month)],
            "previous": calendar_grid.shift_month(year, month, -1),
            "next": calendar_grid.shift_month(year, month, 1),
            "today": today,
        },
    )
