"""Conclusion tasks: the boards (/tasks/), a meeting's conclusions to assign, one task.

Views parse the form, call one service and render; a refusal re-renders the page with the
service's Vietnamese message (422), "not yours to do" answers 403, "not yours to see" 404.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from agenda import task_rules
from agenda.forms import add_service_errors
from agenda.forms_tasks import (
    CarryOverForm,
    TaskAssignForm,
    TaskCompleteForm,
    TaskReopenForm,
    TaskUpdateForm,
    TypedForm,
)
from agenda.models import ConclusionTask
from agenda.selectors_tasks import (
    STATUS_FILTERS,
    TaskFilters,
    assignable_units,
    board,
    carry_over_targets,
    is_host_staff,
    meeting_conclusions,
    reporting_unit_ids,
    reports_for,
    tab_counts,
    task_counts,
    task_get,
    task_scope,
    tasks_visible_to,
)
from agenda.services import tasks as services
from meetings import selectors as meeting_selectors
from meetings.models import Meeting
from meetings.views.common import int_param, run_service

T = TypeVar("T")
PER_PAGE = 50
STATE_LABELS = {
    task_rules.Urgency.OVERDUE: gettext_lazy("Quá hạn"),
    task_rules.Urgency.DUE_SOON: gettext_lazy("Sắp đến hạn"),
    task_rules.Urgency.OPEN: gettext_lazy("Đang thực hiện"),
    task_rules.Urgency.DONE: gettext_lazy("Đã hoàn thành"),
}
STATUS_CHOICES = [
    ("", gettext_lazy("Tất cả")),
    ("open", gettext_lazy("Đang thực hiện")),
    ("overdue", gettext_lazy("Quá hạn")),
    ("due_soon", gettext_lazy("Sắp đến hạn (≤ 3 ngày)")),
    ("done", gettext_lazy("Đã hoàn thành")),
]


@dataclass
class TaskRow:
    """A task as a list shows it: its colour today and the words that go with it."""

    task: ConclusionTask
    state: str  # overdue / due_soon / open / done: the CSS class
    badge: str  # "Quá hạn" …
    days: str  # "Trễ 3 ngày" …
    may_report: bool = False  # the viewer may report it done (an open task of their unit)


def task_row(task: ConclusionTask, today: date, report_units: set[int] | None = None) -> TaskRow:
    state = task_rules.urgency(task.status, task.deadline, today)
    return TaskRow(
        task=task,
        state=state.value,
        badge=str(STATE_LABELS[state]),
        days=task_rules.urgency_label(task.status, task.deadline, today),
        may_report=task.status == ConclusionTask.Status.OPEN
        and report_units is not None
        and task.assignee_unit_id in report_units,
    )


# --- /tasks/ -------------------------------------------------------------------------------


@login_required
@require_GET
def tasks_view(request: HttpRequest) -> HttpResponse:
    """My units' tasks and, for the host's staff, the tasks their meetings gave."""
    scope = task_scope(request.user)
    today = services.local_today()
    tab = request.GET.get("tab") or ("host" if scope.is_host else "mine")
    if tab not in ("mine", "host") or (tab == "host" and not scope.is_host):
        tab = "mine"
    status = request.GET.get("status", "")
    filters = TaskFilters(
        status=status if status in STATUS_FILTERS else "",
        meeting_id=int_param(request.GET.get("meeting")),
        unit_id=int_param(request.GET.get("unit")),
    )
    data = board(scope, tab, filters, today)
    page = Paginator(data.tasks, PER_PAGE).get_page(request.GET.get("page"))
    report_units = reporting_unit_ids(request.user) if tab == "mine" else set()
    kept = {"tab": tab, "status": filters.status, "meeting": filters.meeting_id or ""}
    kept["unit"] = filters.unit_id or ""
    context = {
        "tab": tab,
        "board": data,
        "tabs": tab_counts(scope, today) if scope.is_host else None,
        "page": page,
        "rows": [task_row(t, today, report_units) for t in page.object_list],
        "filters": filters,
        "status_choices": STATUS_CHOICES,
        "query": urlencode({k: v for k, v in kept.items() if v}),
        "today": today,
    }
    return render(request, "agenda/tasks/board.html", context)


# --- /meetings/<id>/tasks/ --------------------------------------------------------------------


@dataclass
class AssignDraft:
    """What the host typed in one conclusion's assign form (kept when it is refused)."""

    key: str
    conclusion: str = ""
    unit_ids: list[int] = field(default_factory=list)
    deadline: str = ""
    errors: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class CarryDraft:
    task_ids: list[int] = field(default_factory=list)
    target_id: int | None = None
    errors: list[str] = field(default_factory=list)


def _write(form: forms.Form, call: Callable[[], T]) -> T | None:
    """Call a service once the form is valid: its result, or None with the reasons (the
    form's or the service's) in `form.errors`. A service's PermissionDenied answers 403."""
    if not form.is_valid():
        return None
    result, refused = run_service(call)
    if refused is not None:
        add_service_errors(form, refused)
    return result


def _meeting_page(
    request: HttpRequest,
    meeting: Meeting,
    *,
    draft: AssignDraft | None = None,
    carry: CarryDraft | None = None,
    status: int = 200,
) -> HttpResponse:
    today = services.local_today()
    host = is_host_staff(request.user, meeting)
    scope = task_scope(request.user)
    rows = meeting_conclusions(request.user, meeting, scope)
    sections = [
        {
            "row": row,
            "tasks": [task_row(t, today) for t in row.tasks],
            "draft": draft
            if draft is not None and draft.key == row.key
            else AssignDraft(key=row.key, conclusion=row.conclusion),
            "open": draft is not None and draft.key == row.key,
        }
        for row in rows
    ]
    unfinished = [t for row in rows for t in row.tasks if t.status == ConclusionTask.Status.OPEN]
    carry_rows = [task_row(t, today) for t in task_rules.board_order(unfinished, today=today)]
    overdue_ids = [r.task.pk for r in carry_rows if r.state == task_rules.Urgency.OVERDUE.value]
    visible = tasks_visible_to(request.user, scope).filter(meeting=meeting)
    context = {
        "meeting": meeting,
        "is_host": host,
        "assignable": meeting.status in services.ASSIGNABLE,
        "sections": sections,
        "units": assignable_units(meeting) if host else None,
        "counts": task_counts(visible, today),
        # Overdue tasks are ticked for carrying over unless the host just chose otherwise.
        "carry": carry or CarryDraft(task_ids=overdue_ids),
        "carry_rows": carry_rows,
        "targets": carry_over_targets(request.user, meeting) if host else [],
        "today": today,
    }
    return render(request, "agenda/tasks/meeting.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_tasks_view(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: each conclusion and its tasks. POST: the host gives one conclusion to units."""
    meeting = meeting_selectors.meeting_get(request.user, pk)
    if request.method == "GET":
        return _meeting_page(request, meeting)
    if not is_host_staff(request.user, meeting):
        raise HttpForbidden(_("Chỉ đơn vị chủ trì cuộc họp được giao nhiệm vụ."))
    form = TaskAssignForm(request.POST, meeting=meeting)
    form.is_valid()  # the draft is kept whatever the outcome: it needs the cleaned item
    item = form.cleaned_data.get("agenda_item")
    typed = form.typed()
    draft = AssignDraft(
        key=str(item.pk) if item else "general",
        conclusion=typed["conclusion"],
        unit_ids=typed["unit_ids"],
        deadline=typed["deadline"],
    )
    tasks = _write(
        form,
        lambda: services.task_assign(
            actor=request.user,
            meeting=meeting,
            agenda_item=item,
            conclusion=draft.conclusion,
            unit_ids=draft.unit_ids,
            deadline=form.deadline_date(),
        ),
    )
    if tasks is None:
        draft.errors = form.errors
        return _meeting_page(request, meeting, draft=draft, status=422)
    messages.success(
        request,
        ngettext(
            "Đã giao nhiệm vụ cho %(n)s đơn vị, hạn %(deadline)s.",
            "Đã giao nhiệm vụ cho %(n)s đơn vị, hạn %(deadline)s.",
            len(tasks),
        )
        % {"n": len(tasks), "deadline": f"{tasks[0].deadline:%d/%m/%Y}"},
    )
    return redirect(reverse("meeting-tasks", args=[meeting.pk]) + f"#conclusion-{draft.key}")


@login_required
@require_POST
def carry_over_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The host puts chosen unfinished tasks on a later meeting's agenda."""
    meeting = meeting_selectors.meeting_get(request.user, pk)
    if not is_host_staff(request.user, meeting):
        raise HttpForbidden(_("Chỉ đơn vị chủ trì được đưa nhiệm vụ vào kiểm điểm."))
    form = CarryOverForm(request.POST, user=request.user)
    carry = CarryDraft(task_ids=form.typed()["task_ids"], target_id=form.target_id())
    tasks = list(ConclusionTask.objects.filter(meeting=meeting, pk__in=carry.task_ids))
    item = _write(
        form,
        lambda: services.task_carry_over(
            actor=request.user, tasks=tasks, meeting=form.cleaned_data["target"]
        ),
    )
    if item is None:
        carry.errors = [message for messages_ in form.errors.values() for message in messages_]
        return _meeting_page(request, meeting, carry=carry, status=422)
    target = form.cleaned_data["target"]
    messages.success(
        request,
        _("Đã thêm mục “%(item)s” vào chương trình cuộc họp “%(meeting)s”.")
        % {"item": item.title, "meeting": target.title},
    )
    return redirect("meeting-agenda", target.pk)


# --- /tasks/<id>/ ---------------------------------------------------------------------------


def _detail_page(
    request: HttpRequest,
    task: ConclusionTask,
    *,
    errors: dict[str, list[str]] | None = None,
    values: dict[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    today = services.local_today()
    values = values or {}
    context = {
        "task": task,
        "row": task_row(task, today),
        "is_host": is_host_staff(request.user, task.meeting),
        "may_report": task.status == ConclusionTask.Status.OPEN and reports_for(request.user, task),
        "meeting_visible": meeting_selectors.meetings_visible_to(request.user)
        .filter(pk=task.meeting_id)
        .exists(),
        "errors": errors or {},
        "general_errors": (errors or {}).get("__all__", []),
        "report": values.get("report", task.report),
        "conclusion": values.get("conclusion", task.conclusion),
        "deadline": values.get("deadline", f"{task.deadline:%d/%m/%Y}"),
        "reason": values.get("reason", ""),
        "today": today,
    }
    return render(request, "agenda/tasks/detail.html", context, status=status)


def _task_write(
    request: HttpRequest,
    pk: int,
    form: TypedForm,
    write: Callable[[ConclusionTask, dict[str, Any]], ConclusionTask],
    done: str,
) -> HttpResponse:
    """One change to a task from its page: back to the task with `done`, or the page again
    with what was typed and the reasons (422)."""
    task = task_get(request.user, pk)
    if _write(form, lambda: write(task, form.cleaned_data)) is None:
        return _detail_page(request, task, errors=form.errors, values=form.typed(), status=422)
    messages.success(request, done)
    return redirect("task-detail", task.pk)


@login_required
@require_GET
def task_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail_page(request, task_get(request.user, pk))


@login_required
@require_POST
def task_complete_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _task_write(
        request,
        pk,
        TaskCompleteForm(request.POST),
        lambda task, data: services.task_complete(
            actor=request.user, task=task, report=data["report"]
        ),
        _("Đã báo cáo hoàn thành nhiệm vụ."),
    )


@login_required
@require_POST
def task_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _task_write(
        request,
        pk,
        TaskUpdateForm(request.POST),
        lambda task, data: services.task_update(
            actor=request.user, task=task, conclusion=data["conclusion"], deadline=data["deadline"]
        ),
        _("Đã lưu nhiệm vụ."),
    )


@login_required
@require_POST
def task_reopen_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _task_write(
        request,
        pk,
        TaskReopenForm(request.POST),
        lambda task, data: services.task_reopen(
            actor=request.user, task=task, reason=data["reason"]
        ),
        _("Đã mở lại nhiệm vụ; đơn vị thực hiện đã được thông báo."),
    )
