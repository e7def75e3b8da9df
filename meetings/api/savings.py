"""The savings ledger: per meeting, sums per period and per bridge point, rate sets.

Reads of a host unit's sums and rates are for the unit's organizers (403 otherwise);
a meeting's ledger for anyone who can see the meeting.
"""

from decimal import Decimal

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from meetings import selectors
from meetings import selectors_savings as savings
from meetings.api.savings_schemas import (
    BridgePointFilters,
    BridgePointSavingsOut,
    LedgerOut,
    PeriodFilters,
    RateSetFilters,
    RateSetIn,
    RateSetOut,
    SummaryOut,
)
from meetings.api.schemas import ErrorOut, ValidationErrorOut
from meetings.models import BridgePoint, Ledger, RateSet
from meetings.savings import Amounts, Figure, LineLedger
from meetings.services.savings import RATE_FIELDS, ledger_recompute, rate_set_create

router = Router(tags=["savings"])

READ_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
WRITE_ERRORS = {400: ErrorOut, **READ_ERRORS}


def amounts_out(source: Amounts | dict | Ledger) -> dict:
    """Money as whole VND, measures as numbers; from a result, a summed row or a ledger."""

    def get(name: str) -> Decimal:
        value = source.get(name) if isinstance(source, dict) else getattr(source, name)
        return Decimal(value or 0)

    money = ("fuel_cost", "allowance", "meals", "paper_cost", "staff_time", "total")
    return {
        "people": int(get("people")),
        **{name: float(get(name)) for name in ("person_km", "person_hours", "fuel_litres")},
        "co2_kg": float(get("co2_kg")),
        **{name: int(get(name)) for name in money},
    }


def figures_out(figures: tuple[Figure, ...]) -> list[dict]:
    return [
        {
            "key": f.key,
            "label": f.label,
            "value": float(f.value),
            "unit": f.unit,
            "display": f.display,
            "formula": f.formula,
        }
        for f in figures
    ]


def _line_out(line: LineLedger) -> dict:
    bp = line.facts
    return {
        "bridge_point_id": bp.bridge_point_id,
        "name": bp.name,
        "joined": line.joined,
        "people": bp.people,
        "guests": bp.guests,
        "distance_km": None if bp.distance_km is None else float(bp.distance_km),
        "travel_minutes": bp.travel_minutes,
        "is_hardship": bp.is_hardship,
        "travel_counted": line.travel_counted,
        "ready_on_time": bp.ready_on_time,
        "amounts": amounts_out(line.amounts),
        "figures": figures_out(line.figures),
        "notes": list(line.notes),
    }


def ledger_out(ledger: Ledger) -> dict:
    result = savings.ledger_explained(ledger)
    facts = result.facts
    return {
        "meeting_id": ledger.meeting_id,
        "title": facts.title,
        "meeting_date": ledger.meeting_date,
        "kind": ledger.kind,
        "held": ledger.held,
        "reason": result.reason,
        "attendance_source": ledger.attendance_source,
        "computed_at": ledger.computed_at,
        "rates": {
            "valid_from": ledger.rates_valid_from,
            "values": {k: float(v) for k, v in result.rates.as_json().items()},
        },
        "host_people": facts.host_people,
        "documents": [{"title": d.title, "pages": d.pages} for d in facts.documents],
        "document_pages": result.document_pages,
        "copies": result.copies,
        "pages_not_printed": result.pages_not_printed,
        "paperless": result.paperless,
        "amounts": amounts_out(ledger),
        "figures": figures_out(result.figures),
        "paper_figures": figures_out(result.paper_figures),
        "notes": list(result.notes) or ([result.reason] if result.reason else []),
        "lines": [_line_out(line) for line in result.lines],
    }


def _point_ref(bridge_point: BridgePoint) -> dict:
    return {"id": bridge_point.pk, "name": bridge_point.name, "unit_name": bridge_point.unit.name}


def _period(filters: PeriodFilters) -> savings.Period:
    return savings.Period(filters.start, filters.end)


def rate_set_out(rate_set: RateSet) -> dict:
    return {
        "id": rate_set.pk,
        "host_unit_id": rate_set.host_unit_id,
        "valid_from": rate_set.valid_from,
        "values": {name: float(getattr(rate_set, name)) for name in RATE_FIELDS},
        "note": rate_set.note,
        "created_at": rate_set.created_at,
    }


@router.get("/meetings/{meeting_id}/savings", response={200: LedgerOut, **READ_ERRORS})
def meeting_savings(request: HttpRequest, meeting_id: int) -> dict:
    """What the meeting saved, each figure with its formula; 404 until it has a ledger
    (made when the meeting ends)."""
    meeting = selectors.meeting_get(request.auth, meeting_id)
    ledger = savings.meeting_ledger(meeting)
    if ledger is None:
        raise Http404(_("Cuộc họp chưa có sổ tiết kiệm (sổ được lập khi cuộc họp kết thúc)."))
    return ledger_out(ledger)


@router.post("/meetings/{meeting_id}/savings/recompute", response={200: LedgerOut, **WRITE_ERRORS})
def recompute_meeting_savings(request: HttpRequest, meeting_id: int) -> dict:
    """Read the facts again (a distance filled in, say), keeping the rates the ledger used."""
    return ledger_out(ledger_recompute(actor=request.auth, meeting_id=meeting_id))


@router.get("/savings/summary", response={200: SummaryOut, **READ_ERRORS})
def savings_summary(request: HttpRequest, filters: Query[PeriodFilters]) -> dict:
    """Sums for a host unit over the days `start`…`end`, and month by month."""
    unit = savings.savings_unit_get(request.auth, filters.host_unit_id)
    board = savings.dashboard(unit, _period(filters))
    totals = board.totals
    return {
        "host_unit": unit,
        "start": filters.start,
        "end": filters.end,
        "meetings": totals["meetings"],
        "joins": totals["joins"],
        "people_per_join": totals["people_per_join"],
        "pages_not_printed": totals["pages_not_printed"],
        "paperless_meetings": totals["paperless"],
        "paperless_share": totals["paperless_share"],
        "amounts": amounts_out(totals),
        "months": [
            {
                "month": f"{row['month']:%Y-%m}",
                "meetings": row["meetings"],
                "joins": row["joins"],
                "amounts": amounts_out(row),
            }
            for row in board.months
        ],
        "meetings_without_ledger": board.missing_ledgers,
        "unknown_distance": [_point_ref(bp) for bp in board.unknown_distance],
    }


@router.get("/savings/bridge-points", response={200: list[BridgePointSavingsOut], **READ_ERRORS})
def savings_by_bridge_point(request: HttpRequest, filters: Query[BridgePointFilters]) -> list:
    """Per invited bridge point, most joins first (or most often ready on time first)."""
    unit = savings.savings_unit_get(request.auth, filters.host_unit_id)
    rows = savings.bridge_point_rows(unit, _period(filters))
    if filters.order == "readiness":
        rows = savings.by_readiness(rows)
    return [
        {
            "bridge_point": _point_ref(row["bridge_point"]),
            "invited": row["invited"],
            "joins": row["joins"],
            "people_per_join": row["people_per_join"],
            "readiness": row["readiness"],
            "distance_unknown": row["bridge_point"].distance_km is None,
            "amounts": amounts_out(row),
        }
        for row in rows
    ]


@router.get("/savings/rate-sets", response={200: list[RateSetOut], **READ_ERRORS})
def list_rate_sets(request: HttpRequest, filters: Query[RateSetFilters]) -> list:
    """The host unit's rate sets, newest first. Without one, ledgers use the legal defaults."""
    unit = savings.savings_unit_get(request.auth, filters.host_unit_id)
    return [rate_set_out(rate_set) for rate_set in savings.rate_sets_of(unit)]


@router.post("/savings/rate-sets", response={201: RateSetOut, **WRITE_ERRORS})
def create_rate_set(request: HttpRequest, payload: RateSetIn) -> Status:
    """A dated rate set; ledgers already made keep the rates they used."""
    rate_set = rate_set_create(
        actor=request.auth,
        host_unit_id=payload.host_unit_id,
        valid_from=payload.valid_from,
        values={name: getattr(payload, name) for name in RATE_FIELDS},
        note=payload.note,
    )
    return Status(201, rate_set_out(rate_set))
