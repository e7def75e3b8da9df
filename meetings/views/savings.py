"""Savings pages: the dashboard of a host unit for a period, a meeting's ledger with its
formulas, the rate sets, and the report downloads (CSV, XLSX, PDF)."""

from collections.abc import Callable
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agenda.downloads import generated_attachment
from agenda.forms import add_service_errors
from meetings import savings_charts, savings_reports, selectors
from meetings import selectors_savings as savings
from meetings.forms_savings import PeriodForm, RateSetForm
from meetings.models import Meeting, RateSet, Unit
from meetings.savings import legal_default_rates, rate_specs
from meetings.services import savings as services
from meetings.services.savings import level_of, rates_of
from meetings.sheets import XLSX_TYPE
from meetings.views.common import forbidden_as_403

# Bridge points drawn in the chart; the table below it lists them all.
CHART_BRIDGE_POINTS = 15


def _units(request: HttpRequest) -> list[Unit]:
    units = list(savings.savings_units(request.user))
    if not units:
        raise HttpForbidden(_("Chỉ văn phòng của đơn vị chủ trì được xem sổ tiết kiệm."))
    return units


def _period_form(request: HttpRequest) -> PeriodForm:
    units = _units(request)
    return PeriodForm(request.GET if request.GET else None, units=units)


def money_by_kind(totals: dict) -> list[tuple[str, object]]:
    return [(label, totals[kind]) for kind, label in savings_reports.money_labels().items()]


def _point_label(row: dict, units: list[int]) -> str:
    """The commune's name, or the room's full name when its commune has several rooms."""
    point = row["bridge_point"]
    return point.unit.name if units.count(point.unit_id) == 1 else str(point)


def _charts(board: savings.Dashboard) -> dict:
    one_year = board.period.start.year == board.period.end.year
    months = [
        (
            _("T%(m)s") % {"m": row["month"].month} if one_year else f"{row['month']:%m/%y}",
            row["total"],
        )
        for row in board.months
    ]
    shown = board.bridge_points[:CHART_BRIDGE_POINTS]
    units = [row["bridge_point"].unit_id for row in shown]
    points = [(_point_label(row, units), row["joins"]) for row in shown]
    return {
        "month_chart": savings_charts.vertical_bars(months),
        "point_chart": savings_charts.horizontal_bars(points),
    }


def _board(request: HttpRequest) -> tuple[PeriodForm, savings.Dashboard | None]:
    """The chosen unit and period's figures; None when the period is not valid."""
    form = _period_form(request)
    if form.is_bound and not form.is_valid():
        return form, None
    unit = savings.savings_unit_get(request.user, form.unit_id())
    return form, savings.dashboard(unit, form.chosen_period())


def _bad_period(request: HttpRequest, form: PeriodForm) -> HttpResponse:
    context = {"form": form, "units": form.units}
    return render(request, "meetings/savings/dashboard.html", context, status=422)


@login_required
def savings_dashboard(request: HttpRequest) -> HttpResponse:
    form, board = _board(request)
    if board is None:
        return _bad_period(request, form)
    query = form.query(board.unit.pk)
    context = {
        "form": form,
        "units": form.units,
        "unit": board.unit,
        "board": board,
        "money": money_by_kind(board.totals),
        "method": savings_reports.method_lines(),
        "query": query,
        "query_fields": list(QueryDict(query).items()),
        **_charts(board),
    }
    return render(request, "meetings/savings/dashboard.html", context)


@login_required
def savings_report(request: HttpRequest, extension: str) -> HttpResponse:
    form, board = _board(request)
    if board is None:
        return _bad_period(request, form)
    ledgers = list(savings.period_ledgers(board.unit, board.period))
    name = savings_reports.report_filename(board, extension)
    if extension == "csv":
        content = savings_reports.report_csv(board, ledgers).encode("utf-8-sig")
        return generated_attachment(content, "text/csv; charset=utf-8", name)
    if extension == "xlsx":
        return generated_attachment(savings_reports.report_xlsx(board, ledgers), XLSX_TYPE, name)
    return generated_attachment(savings_reports.report_pdf(board, ledgers), "application/pdf", name)


@login_required
@require_POST
def savings_compute_missing(request: HttpRequest) -> HttpResponse:
    form = PeriodForm(request.POST, units=_units(request))
    if not form.is_valid():
        return _bad_period(request, form)
    period = form.chosen_period()
    unit_id = form.unit_id()
    savings.savings_unit_get(request.user, unit_id)
    with forbidden_as_403():
        count = services.ledgers_compute_missing(
            actor=request.user, host_unit_id=unit_id, start=period.start, end=period.end
        )
    messages.success(request, _("Đã lập sổ tiết kiệm cho %(n)s cuộc họp.") % {"n": count})
    return redirect(f"{reverse('savings-dashboard')}?{form.query(unit_id)}")


# --- One meeting ---------------------------------------------------------------------


def _meeting_page(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    ledger = savings.meeting_ledger(meeting)
    result = savings.ledger_explained(ledger) if ledger else None
    context = {
        "meeting": meeting,
        "ledger": ledger,
        "result": result,
        "rates": [(spec, getattr(result.rates, spec.name)) for spec in rate_specs()]
        if result
        else [],
        "manageable": selectors.meeting_manageable_by(request.user, meeting),
    }
    return render(request, "meetings/savings/meeting.html", context)


@login_required
def meeting_savings(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_page(request, selectors.meeting_get(request.user, pk))


@login_required
@require_POST
def meeting_savings_recompute(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(request.user, pk)
    try:
        with forbidden_as_403():
            services.ledger_recompute(actor=request.user, meeting_id=meeting.pk)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, _("Đã tính lại sổ tiết kiệm."))
    return redirect("meeting-savings", pk)


# --- Rate sets -----------------------------------------------------------------------


def _rates_page(
    request: HttpRequest, unit: Unit, form: RateSetForm | None = None, status: int = 200
) -> HttpResponse:
    rate_sets = list(savings.rate_sets_of(unit))
    today_defaults = legal_default_rates(timezone.localdate(), level_of(unit))
    if form is None:
        latest = rates_of(rate_sets[0]) if rate_sets else today_defaults
        form = RateSetForm(initial_rates=latest.as_json(), auto_id="rate-%s")
    specs = rate_specs()
    context = {
        "unit": unit,
        "units": _units(request),
        "rate_sets": rate_sets,
        # One row per rate, one column per rate set (newest first): readable on a tablet.
        "rate_rows": [
            (spec, [getattr(rate_set, spec.name) for rate_set in rate_sets]) for spec in specs
        ],
        "defaults": today_defaults,
        "form": form,
    }
    return render(request, "meetings/savings/rates.html", context, status=status)


def _unit_from(request: HttpRequest) -> Unit:
    units = _units(request)
    raw = request.POST.get("unit") or request.GET.get("unit")
    unit_id = int(raw) if raw and raw.isdigit() else units[0].pk
    return savings.savings_unit_get(request.user, unit_id)


def _rates_url(unit_id: int) -> str:
    return f"{reverse('savings-rates')}?unit={unit_id}"


def _rate_set_saved(
    request: HttpRequest, form: RateSetForm, save: Callable[..., object], done: str, unit_id: int
) -> HttpResponse | None:
    """Call the service `save` (create or update) with the form's values: the redirect to the
    unit's rate sets, or None with the refusal on the form."""
    if not form.is_valid():
        return None
    try:
        with forbidden_as_403():
            save(
                actor=request.user,
                valid_from=form.valid_from_value(),
                values=form.values(),
                note=form.cleaned_data["note"],
            )
    except ValidationError as refused:
        add_service_errors(form, refused)
        return None
    messages.success(request, done)
    return redirect(_rates_url(unit_id))


@login_required
def savings_rates(request: HttpRequest) -> HttpResponse:
    unit = _unit_from(request)
    if request.method != "POST":
        return _rates_page(request, unit)
    form = RateSetForm(request.POST, auto_id="rate-%s")
    create = partial(services.rate_set_create, host_unit_id=unit.pk)
    saved = _rate_set_saved(request, form, create, _("Đã thêm bộ định mức."), unit.pk)
    return saved if saved is not None else _rates_page(request, unit, form, status=422)


@login_required
def savings_rate_edit(request: HttpRequest, pk: int) -> HttpResponse:
    rate_set = savings.rate_set_get(request.user, pk)
    form = RateSetForm(
        request.POST or None,
        initial={"valid_from": rate_set.valid_from, "note": rate_set.note},
        initial_rates=rates_of(rate_set).as_json(),
        auto_id="rate-%s",
    )
    status = 200
    if request.method == "POST":
        update = partial(services.rate_set_update, rate_set_id=rate_set.pk)
        saved = _rate_set_saved(
            request, form, update, _("Đã lưu bộ định mức."), rate_set.host_unit_id
        )
        if saved is not None:
            return saved
        status = 422
    context = {"unit": rate_set.host_unit, "rate_set": rate_set, "form": form}
    return render(request, "meetings/savings/rate_edit.html", context, status=status)


@login_required
@require_POST
def savings_rate_reapply(request: HttpRequest, pk: int) -> HttpResponse:
    rate_set: RateSet = savings.rate_set_get(request.user, pk)
    with forbidden_as_403():
        count = services.ledgers_reapply(actor=request.user, rate_set_id=rate_set.pk)
    messages.success(
        request,
        _("Đã tính lại %(n)s sổ tiết kiệm theo bộ định mức từ ngày %(day)s.")
        % {"n": count, "day": f"{rate_set.valid_from:%d/%m/%Y}"},
    )
    return redirect(_rates_url(rate_set.host_unit_id))
