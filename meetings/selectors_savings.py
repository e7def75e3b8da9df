"""Reads of the savings ledger: period sums for a host unit, done in the database.

Sums run over the stored ledgers (one row per meeting) and their lines (one row per
invited bridge point), each filtered on the indexed (host_unit, meeting_date); Python
only fills the months without meetings and sorts the ~100 summed rows for the rankings.
Only meetings held online count (`held`): a cancelled meeting's ledger adds nothing.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings import selectors
from meetings.models import BridgePoint, Ledger, LedgerLine, Meeting, RateSet, Unit, User
from meetings.savings import MONEY_KINDS, MeetingFacts, Rates, compute_ledger
from meetings.savings import Ledger as LedgerResult

# The summed columns a ledger and its lines share.
SUMMED = ("people", "person_km", "person_hours", "fuel_litres", "co2_kg", *MONEY_KINDS, "total")
ROMAN_QUARTERS = ("I", "II", "III", "IV")
MONTH, QUARTER, YEAR, CUSTOM = "month", "quarter", "year", "custom"
TOP = 10  # meetings listed as those that saved most


@dataclass(frozen=True)
class Period:
    """Days `start` to `end`, both included."""

    start: date
    end: date
    kind: str = CUSTOM

    @property
    def label(self) -> str:
        if self.kind == MONTH:
            return _("Tháng %(m)s/%(y)s") % {"m": f"{self.start.month:02d}", "y": self.start.year}
        if self.kind == QUARTER:
            quarter = ROMAN_QUARTERS[(self.start.month - 1) // 3]
            return _("Quý %(q)s/%(y)s") % {"q": quarter, "y": self.start.year}
        if self.kind == YEAR:
            return _("Năm %(y)s") % {"y": self.start.year}
        return _("Từ %(a)s đến %(b)s") % {
            "a": f"{self.start:%d/%m/%Y}",
            "b": f"{self.end:%d/%m/%Y}",
        }

    def months(self) -> list[date]:
        """The first day of every month the period touches."""
        first, found = self.start.replace(day=1), []
        while first <= self.end:
            found.append(first)
            first += relativedelta(months=1)
        return found


def month_period(year: int, month: int) -> Period:
    start = date(year, month, 1)
    return Period(start, start + relativedelta(months=1, days=-1), MONTH)


def quarter_period(year: int, quarter: int) -> Period:
    start = date(year, 3 * quarter - 2, 1)
    return Period(start, start + relativedelta(months=3, days=-1), QUARTER)


def year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), YEAR)


# --- Who may look --------------------------------------------------------------------


def savings_units(user: User) -> QuerySet[Unit]:
    """Host units whose savings the user may read: those they organize for."""
    return selectors.host_units_for(user)


def savings_unit_get(user: User, unit_id: int) -> Unit:
    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None:
        raise Http404(_("Không tìm thấy đơn vị."))
    if not (user.is_superuser or unit.pk in selectors.managed_unit_ids(user)):
        raise HttpForbidden(_("Chỉ văn phòng của đơn vị chủ trì được xem sổ tiết kiệm."))
    return unit


def rate_sets_of(unit: Unit) -> QuerySet[RateSet]:
    return (
        RateSet.objects.filter(host_unit=unit).select_related("created_by").order_by("-valid_from")
    )


def rate_set_get(user: User, pk: int) -> RateSet:
    rate_set = RateSet.objects.select_related("host_unit").filter(pk=pk).first()
    if rate_set is None:
        raise Http404(_("Không tìm thấy bộ định mức."))
    savings_unit_get(user, rate_set.host_unit_id)
    return rate_set


def meeting_ledger(meeting: Meeting) -> Ledger | None:
    return Ledger.objects.filter(meeting=meeting).first()


def ledger_explained(ledger: Ledger) -> LedgerResult:
    """The stored ledger with every figure's formula: computed again from the facts and
    rates it stored, so it is exactly what was computed, in the reader's language."""
    return compute_ledger(MeetingFacts.from_json(ledger.facts), Rates.from_json(ledger.rates))


# --- Sums ----------------------------------------------------------------------------


def _zero(value: Decimal | int | None) -> Decimal | int:
    return 0 if value is None else value


def held_ledgers(unit: Unit, period: Period) -> QuerySet[Ledger]:
    return Ledger.objects.filter(
        host_unit=unit, meeting_date__range=(period.start, period.end), held=True
    )


# What the dashboard shows per bridge point (the API asks for every sum).
RANKED = ("people", "person_km", "person_hours", "total")


def _line_sums(names: tuple[str, ...] = SUMMED) -> dict:
    return {name: Sum(name) for name in names}


def period_totals(unit: Unit, period: Period) -> dict:
    """One row: meetings, joins, pages, paperless meetings and every summed figure."""
    row = held_ledgers(unit, period).aggregate(
        meetings=Count("pk"),
        joins=Sum("joins"),
        pages_not_printed=Sum("pages_not_printed"),
        paperless=Count("pk", filter=Q(paperless=True)),
        **_line_sums(),
    )
    totals = {key: _zero(value) for key, value in row.items()}
    totals["paperless_share"] = (
        Decimal(totals["paperless"] * 100) / totals["meetings"] if totals["meetings"] else None
    )
    totals["people_per_join"] = (
        Decimal(totals["people"]) / totals["joins"] if totals["joins"] else None
    )
    return totals


def totals_by_month(unit: Unit, period: Period) -> list[dict]:
    """Each month of the period (months without meetings included, as zeros)."""
    rows = (
        held_ledgers(unit, period)
        .annotate(month=TruncMonth("meeting_date"))
        .values("month")
        .annotate(meetings=Count("pk"), joins=Sum("joins"), **_line_sums())
        .order_by("month")
    )
    by_month = {row["month"]: row for row in rows}
    empty = {"meetings": 0, "joins": 0, **{name: 0 for name in SUMMED}}
    return [
        {**empty, **{k: _zero(v) for k, v in by_month.get(month, {}).items()}, "month": month}
        for month in period.months()
    ]


def bridge_point_rows(unit: Unit, period: Period, sums: tuple[str, ...] = SUMMED) -> list[dict]:
    """Per invited bridge point: invitations, joins, people, readiness and the `sums`;
    most joins first."""
    rows = list(
        LedgerLine.objects.filter(
            host_unit=unit, meeting_date__range=(period.start, period.end), held=True
        )
        .values("bridge_point_id")
        .annotate(
            invited=Count("pk"),
            joins=Count("pk", filter=Q(joined=True)),
            ready=Count("pk", filter=Q(ready_on_time=True)),
            ready_known=Count("pk", filter=Q(ready_on_time__isnull=False)),
            **_line_sums(sums),
        )
        .order_by("-joins", "-people", "bridge_point_id")
    )
    points = BridgePoint.objects.select_related("unit").in_bulk(
        [r["bridge_point_id"] for r in rows]
    )
    for row in rows:
        row.update({name: _zero(row[name]) for name in sums})
        row["bridge_point"] = points[row["bridge_point_id"]]
        row["people_per_join"] = Decimal(row["people"]) / row["joins"] if row["joins"] else None
        row["readiness"] = (
            Decimal(row["ready"] * 100) / row["ready_known"] if row["ready_known"] else None
        )
    return rows


def by_readiness(rows: list[dict]) -> list[dict]:
    """Bridge points with check-in records, the most often ready before the start first."""
    known = [row for row in rows if row["readiness"] is not None]
    return sorted(
        known, key=lambda row: (-row["readiness"], -row["ready_known"], str(row["bridge_point"]))
    )


def unknown_distance_points(rows: list[dict]) -> list[BridgePoint]:
    """Rooms invited in the period that still have no distance: someone should fill it in."""
    missing = [row["bridge_point"] for row in rows if row["bridge_point"].distance_km is None]
    return sorted(missing, key=lambda point: (point.unit.name, point.name))


def _local_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    return (
        timezone.make_aware(datetime.combine(start, time.min)),
        timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min)),
    )


def meetings_without_ledger(unit: Unit, start: date, end: date) -> QuerySet[Meeting]:
    """Ended meetings of the host in the days given that have no ledger yet."""
    since, until = _local_bounds(start, end)
    return Meeting.objects.filter(
        host_unit=unit,
        status=Meeting.Status.ENDED,
        start__gte=since,
        start__lt=until,
        savings_ledger__isnull=True,
    ).order_by("start")


def period_ledgers(unit: Unit, period: Period) -> QuerySet[Ledger]:
    """The held meetings of the period with their sums, oldest first (for the reports)."""
    return (
        held_ledgers(unit, period).select_related("meeting").order_by("meeting_date", "meeting_id")
    )


@dataclass
class Dashboard:
    unit: Unit
    period: Period
    totals: dict
    months: list[dict]
    bridge_points: list[dict]
    by_readiness: list[dict]
    unknown_distance: list[BridgePoint]
    missing_ledgers: int
    top_meetings: list[Ledger]


def dashboard(unit: Unit, period: Period) -> Dashboard:
    """Everything the dashboard and the reports show, in seven queries."""
    rows = bridge_point_rows(unit, period, RANKED)
    return Dashboard(
        unit=unit,
        period=period,
        totals=period_totals(unit, period),
        months=totals_by_month(unit, period),
        bridge_points=rows,
        by_readiness=by_readiness(rows),
        unknown_distance=unknown_distance_points(rows),
        missing_ledgers=meetings_without_ledger(unit, period.start, period.end).count(),
        top_meetings=list(
            held_ledgers(unit, period)
            .select_related("meeting")
            .only("meeting_id", "meeting_date", "total", "meeting__title")
            .order_by("-total", "pk")[:TOP]
        ),
    )
