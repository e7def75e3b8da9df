"""Conclusion tasks: list, assign, change, report done, reopen, carry over to a later meeting.

Each view parses, calls one selector or service (agenda.services.tasks), and renders;
refusals become JSON in meetings.api.errors (403 not yours to do, 404 not yours to see).
"""

from datetime import date
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from agenda import task_rules
from agenda.models import AgendaItem, ConclusionTask
from agenda.selectors_tasks import TaskFilters, task_get, tasks_listed, with_task_details
from agenda.services import tasks as services
from meetings import selectors as meeting_selectors
from meetings.api.schemas import ErrorOut, LocalDateTime, PersonOut, UnitRef, ValidationErrorOut

router = Router(tags=["tasks"])

READ_ERRORS = {401: ErrorOut, 404: ErrorOut}
WRITE_ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
LIST_MAX = 500


# --- Schemas ---------------------------------------------------------------------------


class TaskMeetingOut(Schema):
    id: int
    title: str
    start: LocalDateTime
    host_unit: UnitRef


class CarriedToOut(Schema):
    agenda_item_id: int = Field(alias="pk")
    meeting_id: int
    position: int
    title: str


class TaskOut(Schema):
    id: int
    meeting: TaskMeetingOut
    agenda_item_id: int | None = Field(description="null: the meeting's general conclusion.")
    conclusion: str = Field(description="The task's text, from the conclusion it was given by.")
    assignee_unit: UnitRef
    deadline: date = Field(description="A date in Vietnam; overdue from the next day on.")
    status: ConclusionTask.Status
    overdue: bool = Field(description="Open and past its deadline (Asia/Ho_Chi_Minh dates).")
    due_soon: bool = Field(description="Open and due within 3 days (today included).")
    days_left: int = Field(description="Days to the deadline; negative once it has passed.")
    report: str
    done_at: LocalDateTime | None
    done_by: PersonOut | None
    carried_to: CarriedToOut | None = Field(
        description="The agenda item of a later meeting where the task is reviewed."
    )
    created_by: PersonOut | None
    created_at: LocalDateTime

    @staticmethod
    def resolve_overdue(task: ConclusionTask) -> bool:
        return task_rules.is_overdue(task.status, task.deadline, services.local_today())

    @staticmethod
    def resolve_due_soon(task: ConclusionTask) -> bool:
        return task_rules.is_due_soon(task.status, task.deadline, services.local_today())

    @staticmethod
    def resolve_days_left(task: ConclusionTask) -> int:
        return task_rules.days_left(task.deadline, services.local_today())


class TaskQuery(Schema):
    side: Literal["", "mine", "host"] = Field(
        "", description="mine: given to my units; host: given by my meetings; empty: both."
    )
    status: Literal["", "open", "overdue", "due_soon", "done"] = ""
    meeting_id: int | None = None
    unit_id: int | None = Field(None, description="The assigned unit.")
    offset: int = Field(0, ge=0)
    limit: int = Field(100, ge=1, le=LIST_MAX)


class TaskAssignIn(Schema):
    agenda_item_id: int | None = Field(
        None, description="The agenda item whose conclusion is given; null: a general one."
    )
    conclusion: str = Field(description="The task's text (the conclusion, edited if need be).")
    unit_ids: list[int] = Field(
        description="Units of the meeting's bridge points or under the host; one task each."
    )
    deadline: date


class TaskPatchIn(Schema):
    conclusion: str | None = Field(None, description="Omitted or null: unchanged.")
    deadline: date | None = Field(None, description="Omitted or null: unchanged.")


class TaskCompleteIn(Schema):
    report: str = Field(description="What was done; required.")


class TaskReopenIn(Schema):
    reason: str = Field("", description="Told to the assigned unit.")


class CarryOverIn(Schema):
    task_ids: list[int] = Field(description="Unfinished tasks of this meeting.")
    target_meeting_id: int = Field(
        description="A later meeting of the same host that has not started."
    )


class CarryOverOut(Schema):
    agenda_item: CarriedToOut
    task_ids: list[int]


# --- Endpoints -------------------------------------------------------------------------


def _one(request: HttpRequest, task_id: int) -> ConclusionTask:
    return task_get(request.auth, task_id)


@router.get("/tasks", response={200: list[TaskOut], 401: ErrorOut, 422: ValidationErrorOut})
def list_tasks(request: HttpRequest, filters: Query[TaskQuery]) -> list[ConclusionTask]:
    """Tasks you may see: given to your units (and those below), or by meetings you host."""
    tasks = tasks_listed(
        request.auth,
        TaskFilters(status=filters.status, meeting_id=filters.meeting_id, unit_id=filters.unit_id),
        services.local_today(),
        side=filters.side,
    )
    return list(tasks[filters.offset : filters.offset + filters.limit])


@router.get("/tasks/{task_id}", response={200: TaskOut, **READ_ERRORS})
def get_task(request: HttpRequest, task_id: int) -> ConclusionTask:
    return _one(request, task_id)


@router.post("/meetings/{meeting_id}/tasks", response={201: list[TaskOut], **WRITE_ERRORS})
def assign_tasks(request: HttpRequest, meeting_id: int, payload: TaskAssignIn) -> Status:
    """Give a conclusion to units with a deadline: one task per unit, all or none (the host's
    organizers, chair and secretary); each unit's staff get a notice."""
    meeting = meeting_selectors.meeting_get(request.auth, meeting_id)
    item = None
    if payload.agenda_item_id is not None:
        item = AgendaItem.objects.filter(meeting=meeting, pk=payload.agenda_item_id).first()
        if item is None:
            raise ValidationError(
                {"agenda_item_id": [_("Nội dung này không thuộc chương trình cuộc họp.")]}
            )
    tasks = services.task_assign(
        actor=request.auth,
        meeting=meeting,
        agenda_item=item,
        conclusion=payload.conclusion,
        unit_ids=payload.unit_ids,
        deadline=payload.deadline,
    )
    stored = with_task_details(ConclusionTask.objects.filter(pk__in=[t.pk for t in tasks]))
    return Status(201, list(stored.order_by("assignee_unit__name", "pk")))


@router.patch("/tasks/{task_id}", response={200: TaskOut, **WRITE_ERRORS})
def patch_task(request: HttpRequest, task_id: int, payload: TaskPatchIn) -> ConclusionTask:
    """Change the text or the deadline of an unfinished task (the host)."""
    task = services.task_update(
        actor=request.auth,
        task=_one(request, task_id),
        conclusion=payload.conclusion,
        deadline=payload.deadline,
    )
    return _one(request, task.pk)


@router.post("/tasks/{task_id}/complete", response={200: TaskOut, **WRITE_ERRORS})
def complete_task(request: HttpRequest, task_id: int, payload: TaskCompleteIn) -> ConclusionTask:
    """Report the task done (staff of the assigned unit); the host gets a notice."""
    task = services.task_complete(
        actor=request.auth, task=_one(request, task_id), report=payload.report
    )
    return _one(request, task.pk)


@router.post("/tasks/{task_id}/reopen", response={200: TaskOut, **WRITE_ERRORS})
def reopen_task(request: HttpRequest, task_id: int, payload: TaskReopenIn) -> ConclusionTask:
    """Open a reported task again (the host); the assigned unit gets a notice."""
    task = services.task_reopen(
        actor=request.auth, task=_one(request, task_id), reason=payload.reason
    )
    return _one(request, task.pk)


@router.post(
    "/meetings/{meeting_id}/tasks/carry-over", response={201: CarryOverOut, **WRITE_ERRORS}
)
def carry_over_tasks(request: HttpRequest, meeting_id: int, payload: CarryOverIn) -> Status:
    """Put unfinished tasks of this meeting on the agenda of a later meeting of the same
    host, as one item "Kiểm điểm việc thực hiện kết luận …"."""
    meeting = meeting_selectors.meeting_get(request.auth, meeting_id)
    wanted = list(dict.fromkeys(payload.task_ids))
    tasks = list(ConclusionTask.objects.filter(meeting=meeting, pk__in=wanted))
    missing = sorted(set(wanted) - {t.pk for t in tasks})
    if missing:
        raise ValidationError(
            {
                "task_ids": [
                    _("Không có nhiệm vụ số %(ids)s trong cuộc họp này.")
                    % {"ids": ", ".join(map(str, missing))}
                ]
            }
        )
    target = meeting_selectors.meeting_get(request.auth, payload.target_meeting_id)
    item = services.task_carry_over(actor=request.auth, tasks=tasks, meeting=target)
    return Status(201, {"agenda_item": item, "task_ids": [t.pk for t in tasks]})
