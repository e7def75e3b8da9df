"""Writes of the savings ledger: rate sets, and computing and storing a meeting's ledger.

A ledger is computed when its meeting ends (ledger_after_meeting_end, called by the
service that ends it) and stored with a copy of the rates and facts it used. A later
recompute keeps those rates unless asked to take the rate set now in force
(ledgers_reapply, after a rate set was entered for days already past).
"""

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings import selectors
from meetings.models import Ledger, LedgerLine, Meeting, RateSet, Unit, User
from meetings.savings import (
    COMMUNE_LEVEL,
    PROVINCE_LEVEL,
    Amounts,
    LineLedger,
    Rates,
    compute_ledger,
    legal_default_rates,
    rate_errors,
    rate_specs,
)
from meetings.savings import Ledger as LedgerResult
from meetings.savings_facts import meeting_facts
from meetings.selectors_savings import meetings_without_ledger
from meetings.services.errors import PermissionDenied

RATE_FIELDS = tuple(spec.name for spec in rate_specs())
EARLIEST_RATE_DAY = date(2000, 1, 1)
LATEST_RATE_DAY = date(2100, 12, 31)
COMMUNE_KINDS = (Unit.Kind.COMMUNE, Unit.Kind.WARD, Unit.Kind.SPECIAL_ZONE)


# --- Rate sets ---------------------------------------------------------------------


def rates_of(rate_set: RateSet) -> Rates:
    return Rates.from_json({name: getattr(rate_set, name) for name in RATE_FIELDS})


def level_of(unit: Unit) -> str:
    """The meal-support level of a host (since July 2025 there is no district level)."""
    return COMMUNE_LEVEL if unit.kind in COMMUNE_KINDS else PROVINCE_LEVEL


def rates_in_force(host_unit: Unit, on: date) -> tuple[Rates, RateSet | None]:
    """The host's latest rate set valid on `on`; else the nearest unit above it that has
    one; else the legal defaults for that day."""
    chain = [host_unit, *host_unit.ancestors()]
    found = (
        RateSet.objects.filter(host_unit__in=chain, valid_from__lte=on)
        .order_by("-valid_from")
        .select_related("host_unit")
    )
    by_unit: dict[int, RateSet] = {}
    for rate_set in found:
        by_unit.setdefault(rate_set.host_unit_id, rate_set)
    for unit in chain:
        if unit.pk in by_unit:
            return rates_of(by_unit[unit.pk]), by_unit[unit.pk]
    return legal_default_rates(on, level_of(host_unit)), None


def _check_rate_set(
    *, host_unit_id: int, valid_from: date | None, values: Mapping, exclude_id: int | None
) -> dict[str, list[str]]:
    errors = rate_errors(values)
    if valid_from is None:
        errors["valid_from"] = [_("Nhập ngày bắt đầu áp dụng.")]
    elif not EARLIEST_RATE_DAY <= valid_from <= LATEST_RATE_DAY:
        errors["valid_from"] = [_("Ngày áp dụng phải trong khoảng năm 2000 đến năm 2100.")]
    else:
        taken = RateSet.objects.filter(host_unit_id=host_unit_id, valid_from=valid_from)
        if exclude_id is not None:
            taken = taken.exclude(pk=exclude_id)
        if taken.exists():
            errors["valid_from"] = [
                _("Đơn vị đã có bộ định mức áp dụng từ ngày %(day)s.")
                % {"day": f"{valid_from:%d/%m/%Y}"}
            ]
    return errors


def _require_manager(actor: User, unit_id: int) -> None:
    if not (actor.is_superuser or unit_id in selectors.managed_unit_ids(actor)):
        raise PermissionDenied(_("Chỉ văn phòng của đơn vị chủ trì được đặt định mức."))


def _write(rate_set: RateSet, valid_from: date, values: Mapping, note: str) -> RateSet:
    rate_set.valid_from = valid_from
    for name in RATE_FIELDS:
        setattr(rate_set, name, Decimal(str(values[name])))
    rate_set.copies_per_delegate = int(Decimal(str(values["copies_per_delegate"])))
    rate_set.note = note.strip()
    rate_set.save()
    return rate_set


@transaction.atomic
def rate_set_create(
    *, actor: User, host_unit_id: int, valid_from: date | None, values: Mapping, note: str = ""
) -> RateSet:
    """A new dated rate set; ledgers already stored keep the rates they were made with."""
    if not Unit.objects.filter(pk=host_unit_id).exists():
        raise ValidationError({"host_unit_id": [_("Đơn vị chủ trì không tồn tại.")]})
    _require_manager(actor, host_unit_id)
    errors = _check_rate_set(
        host_unit_id=host_unit_id, valid_from=valid_from, values=values, exclude_id=None
    )
    if errors:
        raise ValidationError(errors)
    return _write(RateSet(host_unit_id=host_unit_id, created_by=actor), valid_from, values, note)


@transaction.atomic
def rate_set_update(
    *, actor: User, rate_set_id: int, valid_from: date | None, values: Mapping, note: str = ""
) -> RateSet:
    """Correct a rate set. Stored ledgers keep their copy (ledgers_reapply to change them)."""
    rate_set = RateSet.objects.select_for_update().filter(pk=rate_set_id).first()
    if rate_set is None:
        raise ValidationError(_("Không tìm thấy bộ định mức."))
    _require_manager(actor, rate_set.host_unit_id)
    errors = _check_rate_set(
        host_unit_id=rate_set.host_unit_id,
        valid_from=valid_from,
        values=values,
        exclude_id=rate_set.pk,
    )
    if errors:
        raise ValidationError(errors)
    return _write(rate_set, valid_from, values, note)


# --- Ledgers -----------------------------------------------------------------------


def figure_columns(amounts: Amounts) -> dict:
    return {
        "people": amounts.people,
        "person_km": amounts.person_km,
        "person_hours": amounts.person_hours,
        "fuel_litres": amounts.fuel_litres,
        "co2_kg": amounts.co2_kg,
        "fuel_cost": amounts.fuel_cost,
        "allowance": amounts.allowance,
        "meals": amounts.meals,
        "paper_cost": amounts.paper_cost,
        "staff_time": amounts.staff_time,
        "total": amounts.total,
    }


def line_row(ledger: Ledger, line: LineLedger) -> LedgerLine:
    return LedgerLine(
        ledger=ledger,
        bridge_point_id=line.facts.bridge_point_id,
        host_unit_id=ledger.host_unit_id,
        meeting_date=ledger.meeting_date,
        held=ledger.held,
        joined=line.joined,
        distance_known=line.distance_known,
        ready_on_time=line.facts.ready_on_time,
        **figure_columns(line.amounts),
    )


def ledger_columns(
    meeting: Meeting, result: LedgerResult, rate_set: RateSet | None, now: datetime
) -> dict:
    """The stored ledger's columns: the copy of rates and facts, and the sums."""
    return {
        "host_unit_id": meeting.host_unit_id,
        "meeting_date": result.facts.day,
        "held": result.saves,
        "kind": meeting.kind,
        "rate_set": rate_set,
        "rates_valid_from": rate_set.valid_from if rate_set else None,
        "rates": result.rates.as_json(),
        "facts": result.facts.as_json(),
        "attendance_source": result.facts.attendance_source,
        "joins": result.joins,
        "document_pages": result.document_pages,
        "pages_not_printed": result.pages_not_printed,
        "paperless": result.paperless,
        "unknown_distances": len(result.unknown_distance),
        "computed_at": now,
        **figure_columns(result.amounts),
    }


def _store(
    meeting: Meeting, result: LedgerResult, rate_set: RateSet | None, now: datetime
) -> Ledger:
    ledger, _created = Ledger.objects.update_or_create(
        meeting=meeting, defaults=ledger_columns(meeting, result, rate_set, now)
    )
    ledger.lines.all().delete()
    # A cancelled meeting's lines are all zero: it keeps none.
    LedgerLine.objects.bulk_create(line_row(ledger, line) for line in result.lines)
    return ledger


@transaction.atomic
def ledger_compute(
    *, meeting_id: int, refresh_rates: bool = False, now: datetime | None = None
) -> Ledger:
    """Compute and store (or replace) the ledger of one meeting.

    The first time, and with `refresh_rates`, the rates are those in force on the
    meeting's date; a recompute otherwise keeps the rates the ledger was made with, and
    only reads the facts again (a distance filled in, a late headcount).
    """
    meeting = Meeting.objects.select_for_update().select_related("host_unit").get(pk=meeting_id)
    facts = meeting_facts(meeting)
    stored = Ledger.objects.filter(meeting=meeting).select_related("rate_set").first()
    if stored is not None and not refresh_rates:
        rates, rate_set = Rates.from_json(stored.rates), stored.rate_set
    else:
        rates, rate_set = rates_in_force(meeting.host_unit, facts.day)
    ledger = _store(meeting, compute_ledger(facts, rates), rate_set, now or timezone.now())
    if stored is not None and not refresh_rates:
        # The copy is what counts; a rate set deleted since leaves the date behind.
        Ledger.objects.filter(pk=ledger.pk).update(rates_valid_from=stored.rates_valid_from)
        ledger.rates_valid_from = stored.rates_valid_from
    return ledger


def ledger_after_meeting_end(meeting_id: int) -> None:
    """Call from the service that ends a meeting: the ledger is computed after commit.

    `robust`: a failing computation is logged and never undoes or fails the ending.
    """
    transaction.on_commit(partial(ledger_compute, meeting_id=meeting_id), robust=True)


def _manageable_meeting(actor: User, meeting_id: int) -> Meeting:
    meeting = selectors.meeting_get(actor, meeting_id)
    if not selectors.meeting_manageable_by(actor, meeting):
        raise PermissionDenied(_("Chỉ văn phòng đơn vị chủ trì được tính lại sổ tiết kiệm."))
    return meeting


@transaction.atomic
def ledger_recompute(*, actor: User, meeting_id: int) -> Ledger:
    """An organizer asks for the ledger again (after fixing a distance, say)."""
    meeting = _manageable_meeting(actor, meeting_id)
    if meeting.status != Meeting.Status.ENDED:
        raise ValidationError(_("Chỉ lập sổ tiết kiệm cho cuộc họp đã kết thúc."))
    return ledger_compute(meeting_id=meeting.pk)


def _unit_for(actor: User, host_unit_id: int) -> Unit:
    unit = Unit.objects.filter(pk=host_unit_id).first()
    if unit is None:
        raise ValidationError({"host_unit_id": [_("Đơn vị chủ trì không tồn tại.")]})
    _require_manager(actor, unit.pk)
    return unit


@transaction.atomic
def ledgers_compute_missing(*, actor: User, host_unit_id: int, start: date, end: date) -> int:
    """Ledgers for the host's ended meetings in [start, end] that have none; how many."""
    unit = _unit_for(actor, host_unit_id)
    missing = list(meetings_without_ledger(unit, start, end).values_list("pk", flat=True))
    for meeting_id in missing:
        ledger_compute(meeting_id=meeting_id)
    return len(missing)


@transaction.atomic
def ledgers_reapply(*, actor: User, rate_set_id: int) -> int:
    """Recompute, with the rates now in force, the ledgers of the days a rate set covers
    (from its date to the next rate set of its unit); how many."""
    rate_set = RateSet.objects.filter(pk=rate_set_id).first()
    if rate_set is None:
        raise ValidationError(_("Không tìm thấy bộ định mức."))
    _require_manager(actor, rate_set.host_unit_id)
    following = (
        RateSet.objects.filter(
            host_unit_id=rate_set.host_unit_id, valid_from__gt=rate_set.valid_from
        )
        .order_by("valid_from")
        .values_list("valid_from", flat=True)
        .first()
    )
    covered = Q(host_unit_id=rate_set.host_unit_id, meeting_date__gte=rate_set.valid_from)
    if following is not None:
        covered &= Q(meeting_date__lt=following)
    meeting_ids = list(Ledger.objects.filter(covered).values_list("meeting_id", flat=True))
    for meeting_id in meeting_ids:
        ledger_compute(meeting_id=meeting_id, refresh_rates=True)
    return len(meeting_ids)
