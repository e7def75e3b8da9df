"""Conclusion tasks: the boards (/tasks/), a meeting's conclusions to assign, one task.

Views parse the form, call one service and render; a refusal re-renders the page with the
service's Vietnamese message (422), "not yours to do" answers 403, "not yours to see" 404.
"""

from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from agenda import task_rules
from agenda.models import AgendaItem, ConclusionTask
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
from agenda.services.tasks import (
    ASSIGNABLE,
    local_today,
    task_assign,
    task_carry_over,
    task_complete,
    task_reopen,
    task_update,
)
from meetings import selectors as meeting_selectors
from meetings.models import Meeting
from meetings.views.common import forbidden_as_403, int_param

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


def _messages_of(error: ValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return error.message_dict
    return {"__all__": error.messages}


def _flat(errors: dict[str, list[str]]) -> list[str]:
    return [message for messages_ in errors.values() for message in messages_]


# --- /tasks/ -------------------------------------------------------------------------------


@login_required
@require_GET
def tasks_view(request: HttpRequest) -> HttpResponse:
    """My units' tasks and, for the host's staff, the tasks their meetings gave."""
    scope = task_scope(request.user)
    today = local_today()
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


def _ids(values: list[str]) -> list[int]:
    return [int(v) for v in values if v.isdigit()]


def _meeting_page(
    request: HttpRequest,
    meeting: Meeting,
    *,
    draft: AssignDraft | None = None,
    carry: CarryDraft | None = None,
    status: int = 200,
) -> HttpResponse:
    today = local_today()
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
        "assignable": meeting.status in ASSIGNABLE,
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
    item_value = request.POST.get("agenda_item", "")
    item = (
        AgendaItem.objects.filter(meeting=meeting, pk=item_value).first()
        if item_value.isdigit()
        else None
    )
    draft = AssignDraft(
        key=str(item.pk) if item else "general",
        conclusion=request.POST.get("conclusion", ""),
        unit_ids=_ids(request.POST.getlist("unit_ids")),
        deadline=request.POST.get("deadline", "").strip(),
    )
    if item_value and item is None:
        draft.errors = {"__all__": [_("Nội dung này không thuộc chương trình cuộc họp.")]}
        return _meeting_page(request, meeting, draft=draft, status=422)
    try:
        with forbidden_as_403():
            tasks = task_assign(
                actor=request.user,
                meeting=meeting,
                agenda_item=item,
                conclusion=draft.conclusion,
                unit_ids=draft.unit_ids,
                deadline=task_rules.parse_deadline(draft.deadline),
            )
    except ValidationError as refused:
        draft.errors = _messages_of(refused)
        return _meeting_page(request, meeting, draft=draft, status=422)
    messages.success(
        request,
        _("Đã giao nhiệm vụ cho %(n)s đơn vị, hạn %(deadline)s.")
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
    carry = CarryDraft(
        task_ids=_ids(request.POST.getlist("task_ids")),
        target_id=int_param(request.POST.get("target")),
    )
    tasks = list(ConclusionTask.objects.filter(meeting=meeting, pk__in=carry.task_ids))
    target = (
        meeting_selectors.meetings_visible_to(request.user).filter(pk=carry.target_id).first()
        if carry.target_id
        else None
    )
    if target is None:
        carry.errors = [_("Chọn cuộc họp sau để đưa nhiệm vụ vào chương trình.")]
        return _meeting_page(request, meeting, carry=carry, status=422)
    try:
        with forbidden_as_403():
            item = task_carry_over(actor=request.user, tasks=tasks, meeting=target)
    except ValidationError as refused:
        carry.errors = _flat(_messages_of(refused))
        return _meeting_page(request, meeting, carry=carry, status=422)
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
    today = local_today()
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


@login_required
@require_GET
def task_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail_page(request, task_get(request.user, pk))


@login_required
@require_POST
def task_complete_view(request: HttpRequest, pk: int) -> HttpResponse:
    task = task_get(request.user, pk)
    report = request.POST.get("report", "")
    try:
        with forbidden_as_403():
            task_complete(actor=request.user, task=task, report=report)
    except ValidationError as refused:
        return _detail_page(
            request, task, errors=_messages_of(refused), values={"report": report}, status=422
        )
    messages.success(request, _("Đã báo cáo hoàn thành nhiệm vụ."))
    return redirect("task-detail", task.pk)


@login_required
@require_POST
def task_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    task = task_get(request.user, pk)
    values = {
        "conclusion": request.POST.get("conclusion", ""),
        "deadline": request.POST.get("deadline", "").strip(),
    }
    deadline = task_rules.parse_deadline(values["deadline"])
    if deadline is None:
        errors = {"deadline": [_("Nhập hạn hoàn thành theo dạng dd/mm/yyyy.")]}
        return _detail_page(request, task, errors=errors, values=values, status=422)
    try:
        with forbidden_as_403():
            task_update(
                actor=request.user, task=task, conclusion=values["conclusion"], deadline=deadline
            )
    except ValidationError as refused:
        return _detail_page(request, task, errors=_messages_of(refused), values=values, status=422)
    messages.success(request, _("Đã lưu nhiệm vụ."))
    return redirect("task-detail", task.pk)


@login_required
@require_POST
def task_reopen_view(request: HttpRequest, pk: int) -> HttpResponse:
    task = task_get(request.user, pk)
    reason = request.POST.get("reason", "")
    try:
        with forbidden_as_403():
            task_reopen(actor=request.user, task=task, reason=reason)
    except ValidationError as refused:
        return _detail_page(
            request, task, errors=_messages_of(refused), values={"reason": reason}, status=422
        )
    messages.success(request, _("Đã mở lại nhiệm vụ; đơn vị thực hiện đã được thông báo."))
    return redirect("task-detail", task.pk)
