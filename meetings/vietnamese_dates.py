"""Dates and times as Vietnamese documents write them (dd/mm/yyyy, 24-hour clock)."""

from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _


def weekday_name(day: date) -> str:
    """ "Thứ Hai" … "Chủ nhật"."""
    names = (
        _("Thứ Hai"),
        _("Thứ Ba"),
        _("Thứ Tư"),
        _("Thứ Năm"),
        _("Thứ Sáu"),
        _("Thứ Bảy"),
        _("Chủ nhật"),
    )
    return names[day.weekday()]


def local(moment: datetime) -> datetime:
    return timezone.localtime(moment)


def date_short(moment: datetime) -> str:
    return f"{local(moment):%d/%m/%Y}"


def date_time_short(moment: datetime) -> str:
    return f"{local(moment):%d/%m/%Y %H:%M}"


def time_span(start: datetime, end: datetime) -> str:
    """ "Thứ Ba, 12/05/2026 08:00 – 10:00"; the end date is repeated only when it differs."""
    start, end = local(start), local(end)
    until = f"{end:%H:%M}" if end.date() == start.date() else date_time_short(end)
    return f"{weekday_name(start.date())}, {date_time_short(start)} – {until}"


def clock_long(moment: datetime) -> str:
    """ "08 giờ 30" as invitation letters write the hour."""
    return _("%(hour)s giờ %(minute)s") % {
        "hour": f"{local(moment):%H}",
        "minute": f"{local(moment):%M}",
    }


def document_date(day: date) -> str:
    """ "ngày 05 tháng 02 năm 2026": Decree 30 pads days below 10 and months 1 and 2 only."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return _("ngày %(day)s tháng %(month)s năm %(year)s") % {
        "day": f"{day.day:02d}",
        "month": month,
        "year": day.year,
    }
