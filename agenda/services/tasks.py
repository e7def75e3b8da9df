"""Conclusions become tasks: assign, change, report done, reopen, carry over, flag overdue.

The host (selectors_tasks.is_host_staff) gives a conclusion to units with a deadline, one task
per unit, all or none. Staff of an assigned unit report it done. An overdue task is told to the
host once per deadline (a notice), and the host can put unfinished tasks on the agenda of a later
meeting. Notices are stored text, written in the site's language.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from agenda import task_rules
from agenda.models import AgendaItem, ConclusionTask, ItemKind, Notice
from agenda.selectors_tasks import (
    NOT_STARTED,
    assignable_units,
    host_watchers,
    is_host_staff,
    reporters_by_unit,
    reports_for,
)
from agenda.services.items import ItemInput, agenda_item_create
from meetings import selectors as meeting_selectors
from meetings.models import Meeting, Unit, User
from meetings.services.errors import PermissionDenied

# Conclusions exist once the meeting has run.
ASSIGNABLE = (Meeting.Status.LIVE, Meeting.Status.ENDED)
NOTICE_TEXT_MAX = 500  # Notice.text
NOTICE_QUOTE = 160
CARRY_MINUTES_PER_TASK = 3


def local_today() -> date:
    return task_rules.vietnam_date(timezone.now())


def task_url(task: ConclusionTask) -> str:
    return reverse("task-detail", args=[task.pk])


def _notice(user_id: int, task: ConclusionTask, text: str, url: str = "") -> Notice:
    return Notice(
        user_id=user_id,
        meeting_id=task.meeting_id,
        url=url or task_url(task),
        text=task_rules.clip(text, NOTICE_TEXT_MAX),
    )


def _require_host(actor: User, meeting: Meeting, message: str) -> None:
    if not is_host_staff(actor, meeting):
        raise PermissionDenied(message)


def _locked(task: ConclusionTask) -> ConclusionTask:
    return (
        ConclusionTask.objects.select_for_update(of=("self",))
        .select_related("meeting", "assignee_unit", "created_by")
        .get(pk=task.pk)
    )


def _conclusion_errors(text: str) -> list[str]:
    return task_rules.text_errors(
        text,
        maximum=task_rules.CONCLUSION_MAX,
        missing=_("Nhập nội dung nhiệm vụ (kết luận được giao)."),
        too_long=_("Nội dung nhiệm vụ dài %(n)s ký tự, vượt quá %(max)s ký tự."),
    )


# --- Assign ------------------------------------------------------------------------------


def _unit_errors(meeting: Meeting, unit_ids: list[int]) -> list[str]:
    if not unit_ids:
        return [_("Chọn ít nhất một đơn vị thực hiện.")]
    allowed = assignable_units(meeting).ids
    refused = [pk for pk in unit_ids if pk not in allowed]
    if not refused:
        return []
    names = list(
        Unit.objects.filter(pk__in=refused).order_by("name").values_list("name", flat=True)
    )
    return [
        _(
            "Chỉ giao được cho đơn vị có điểm cầu dự họp hoặc đơn vị trực thuộc %(host)s; "
            "không giao được cho: %(units)s."
        )
        % {
            "host": meeting.host_unit.name,
            "units": ", ".join(names) or _("đơn vị không tồn tại"),
        }
    ]


def _duplicate_errors(
    meeting: Meeting, agenda_item: AgendaItem | None, text: str, unit_ids: list[int]
) -> list[str]:
    """The same conclusion given twice to a unit (a form sent twice) is refused."""
    existing = ConclusionTask.objects.filter(
        meeting=meeting, agenda_item=agenda_item, conclusion=text, assignee_unit_id__in=unit_ids
    ).select_related("assignee_unit")
    names = sorted({t.assignee_unit.name for t in existing})
    if not names:
        return []
    return [_("Nhiệm vụ này đã được giao cho: %(units)s.") % {"units": ", ".join(names)}]


@transaction.atomic
def task_assign(
    *,
    actor: User,
    meeting: Meeting,
    agenda_item: AgendaItem | None,
    conclusion: str,
    unit_ids: Sequence[int],
    deadline: date | None,
) -> list[ConclusionTask]:
    """Give a conclusion to units, one task each, all or none; tell each unit's staff."""
    # The meeting's row lock makes a second identical submission wait, then see the first.
    meeting = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("host_unit")
        .get(pk=meeting.pk)
    )
    _require_host(actor, meeting, _("Chỉ đơn vị chủ trì cuộc họp được giao nhiệm vụ."))
    if meeting.status not in ASSIGNABLE:
        raise ValidationError(
            _("Cuộc họp chưa diễn ra hoặc đã hủy: chưa có kết luận để giao nhiệm vụ."),
            code="wrong_status",
        )
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError(
            {"agenda_item": [_("Nội dung này không thuộc chương trình cuộc họp.")]}
        )
    text = conclusion.strip()
    ids = list(dict.fromkeys(unit_ids))
    errors: dict[str, list[str]] = {}
    if problems := _conclusion_errors(text):
        errors["conclusion"] = problems
    if problems := task_rules.deadline_errors(deadline, local_today()):
        errors["deadline"] = problems
    problems = _unit_errors(meeting, ids) or _duplicate_errors(meeting, agenda_item, text, ids)
    if problems:
        errors["unit_ids"] = problems
    if errors:
        raise ValidationError(errors)
    tasks = ConclusionTask.objects.bulk_create(
        ConclusionTask(
            meeting=meeting,
            agenda_item=agenda_item,
            conclusion=text,
            assignee_unit_id=pk,
            deadline=deadline,
            created_by=actor,
        )
        for pk in ids
    )
    units = Unit.objects.in_bulk(ids)
    people = reporters_by_unit(ids)
    with translation.override(settings.LANGUAGE_CODE):
        Notice.objects.bulk_create(
            _notice(
                user.pk,
                task,
                _("%(host)s giao %(unit)s nhiệm vụ, hạn %(deadline)s: %(text)s")
                % {
                    "host": meeting.host_unit.name,
                    "unit": units[task.assignee_unit_id].name,
                    "deadline": f"{task.deadline:%d/%m/%Y}",
                    "text": task_rules.clip(text, NOTICE_QUOTE),
                },
            )
            for task in tasks
            for user in people.get(task.assignee_unit_id, [])
        )
    return tasks


# --- Change, report, reopen ---------------------------------------------------------------


@transaction.atomic
def task_update(
    *,
    actor: User,
    task: ConclusionTask,
    conclusion: str | None = None,
    deadline: date | None = None,
) -> ConclusionTask:
    """The host changes the text or the deadline (None: unchanged) of an unfinished task."""
    task = _locked(task)
    _require_host(actor, task.meeting, _("Chỉ đơn vị chủ trì được sửa nhiệm vụ."))
    if task.status == ConclusionTask.Status.DONE:
        raise ValidationError(
            _("Nhiệm vụ đã hoàn thành: mở lại nhiệm vụ trước khi sửa."), code="done"
        )
    errors: dict[str, list[str]] = {}
    fields = []
    if conclusion is not None and conclusion.strip() != task.conclusion:
        if problems := _conclusion_errors(conclusion):
            errors["conclusion"] = problems
        task.conclusion = conclusion.strip()
        fields.append("conclusion")
    if deadline is not None and deadline != task.deadline:
        if problems := task_rules.deadline_errors(deadline, local_today()):
            errors["deadline"] = problems
        task.deadline = deadline
        fields.append("deadline")
    if errors:
        raise ValidationError(errors)
    if fields:
        task.save(update_fields=fields)
    return task


@transaction.atomic
def task_complete(*, actor: User, task: ConclusionTask, report: str) -> ConclusionTask:
    """Staff of the assigned unit report the task done; the host is told."""
    task = _locked(task)
    if not reports_for(actor, task):
        raise PermissionDenied(
            _("Chỉ cán bộ của %(unit)s được báo cáo kết quả nhiệm vụ này.")
            % {"unit": task.assignee_unit.name}
        )
    if task.status == ConclusionTask.Status.DONE:
        raise ValidationError(
            _("Nhiệm vụ đã được báo cáo hoàn thành lúc %(when)s.")
            % {"when": f"{timezone.localtime(task.done_at):%H:%M %d/%m/%Y}"},
            code="done",
        )
    problems = task_rules.text_errors(
        report,
        maximum=task_rules.REPORT_MAX,
        missing=_("Nhập báo cáo kết quả thực hiện."),
        too_long=_("Báo cáo dài %(n)s ký tự, vượt quá %(max)s ký tự."),
    )
    if problems:
        raise ValidationError({"report": problems})
    task.status = ConclusionTask.Status.DONE
    task.report = report.strip()
    task.done_at = timezone.now()
    task.done_by = actor
    task.save(update_fields=["status", "report", "done_at", "done_by"])
    watchers = host_watchers([task.meeting])[task.meeting_id] - {actor.pk}
    if task.created_by is not None and task.created_by.is_active and task.created_by != actor:
        watchers.add(task.created_by.pk)
    late = task_rules.days_left(task.deadline, local_today()) < 0
    with translation.override(settings.LANGUAGE_CODE):
        text = (
            _("%(unit)s báo cáo hoàn thành nhiệm vụ (quá hạn %(deadline)s): %(text)s")
            if late
            else _("%(unit)s báo cáo hoàn thành nhiệm vụ (hạn %(deadline)s): %(text)s")
        ) % {
            "unit": task.assignee_unit.name,
            "deadline": f"{task.deadline:%d/%m/%Y}",
            "text": task_rules.clip(task.conclusion, NOTICE_QUOTE),
        }
        Notice.objects.bulk_create(_notice(pk, task, text) for pk in sorted(watchers))
    return task


@transaction.atomic
def task_reopen(*, actor: User, task: ConclusionTask, reason: str = "") -> ConclusionTask:
    """The host finds a reported task not done after all; its report stays for reference."""
    task = _locked(task)
    _require_host(actor, task.meeting, _("Chỉ đơn vị chủ trì được mở lại nhiệm vụ."))
    if task.status != ConclusionTask.Status.DONE:
        raise ValidationError(_("Nhiệm vụ đang được thực hiện, không cần mở lại."), code="open")
    if len(reason.strip()) > task_rules.REPORT_MAX:
        raise ValidationError({"reason": [_("Lý do mở lại quá dài.")]})
    task.status = ConclusionTask.Status.OPEN
    task.done_at = None
    task.done_by = None
    task.save(update_fields=["status", "done_at", "done_by"])
    people = reporters_by_unit([task.assignee_unit_id]).get(task.assignee_unit_id, [])
    with translation.override(settings.LANGUAGE_CODE):
        values = {
            "unit": task.assignee_unit.name,
            "text": task_rules.clip(task.conclusion, NOTICE_QUOTE),
            "reason": task_rules.clip(reason, NOTICE_QUOTE),
        }
        text = (
            _("Nhiệm vụ của %(unit)s được mở lại (%(reason)s): %(text)s") % values
            if reason.strip()
            else _("Nhiệm vụ của %(unit)s được mở lại: %(text)s") % values
        )
        Notice.objects.bulk_create(_notice(u.pk, task, text) for u in people if u.pk != actor.pk)
    return task


# --- Carry over to a later meeting --------------------------------------------------------


def _carry_refusal(task: ConclusionTask, target: Meeting) -> str | None:
    values = {"unit": task.assignee_unit.name, "title": task.meeting.title}
    if task.meeting.host_unit_id != target.host_unit_id:
        return (
            _("Nhiệm vụ của %(unit)s (cuộc họp “%(title)s”) do đơn vị chủ trì khác giao.") % values
        )
    if target.start <= task.meeting.start:
        return _("Cuộc họp được chọn không diễn ra sau cuộc họp “%(title)s”.") % values
    if task.status != ConclusionTask.Status.OPEN:
        return _("Nhiệm vụ của %(unit)s đã hoàn thành.") % values
    carried = task.carried_to
    if carried is not None and carried.meeting.status in NOT_STARTED:
        return _(
            "Nhiệm vụ của %(unit)s đã được đưa vào chương trình cuộc họp “%(target)s” ngày %(day)s."
        ) % {**values, "target": carried.meeting.title, "day": _day(carried.meeting)}
    return None


def _day(meeting: Meeting) -> str:
    return f"{timezone.localtime(meeting.start):%d/%m/%Y}"


@transaction.atomic
def task_carry_over(
    *, actor: User, tasks: Sequence[ConclusionTask], meeting: Meeting
) -> AgendaItem:
    """Put unfinished tasks on the agenda of a later meeting of the same host, as one item
    "Kiểm điểm việc thực hiện kết luận …"; each task then points at that item."""
    if not tasks:
        raise ValidationError({"task_ids": [_("Chọn ít nhất một nhiệm vụ để đưa vào kiểm điểm.")]})
    target = Meeting.objects.select_for_update().get(pk=meeting.pk)
    rows = list(
        ConclusionTask.objects.select_for_update(of=("self",))
        .filter(pk__in=[t.pk for t in tasks])
        .select_related("meeting", "assignee_unit", "carried_to__meeting")
        .order_by("meeting__start", "assignee_unit__name", "pk")
    )
    for source in {t.meeting_id: t.meeting for t in rows}.values():
        _require_host(actor, source, _("Chỉ đơn vị chủ trì được đưa nhiệm vụ vào kiểm điểm."))
    if not meeting_selectors.meeting_manageable_by(actor, target):
        raise PermissionDenied(
            _("Chỉ văn phòng đơn vị chủ trì được thêm nội dung vào chương trình cuộc họp sau.")
        )
    if target.status not in NOT_STARTED:
        raise ValidationError(
            _(
                "Cuộc họp “%(title)s” đã bắt đầu, đã kết thúc hoặc đã hủy: chọn cuộc họp "
                "chưa diễn ra."
            )
            % {"title": target.title},
            code="wrong_status",
        )
    refusals = [r for t in rows if (r := _carry_refusal(t, target))]
    if refusals:
        raise ValidationError({"task_ids": refusals})
    sources = {t.meeting_id: t.meeting for t in rows}.values()
    title = task_rules.carry_over_title(
        [
            task_rules.SourceMeeting(m.title, timezone.localtime(m.start).date())
            for m in sorted(sources, key=lambda m: m.start)
        ],
        [t.assignee_unit.name for t in rows],
    )
    item = agenda_item_create(
        actor=actor,
        meeting_id=target.pk,
        data=ItemInput(
            title=title,
            kind=ItemKind.REPORT,
            planned_minutes=min(60, max(10, CARRY_MINUTES_PER_TASK * len(rows))),
            presenter_unit_id=target.host_unit_id,
        ),
    )
    ConclusionTask.objects.filter(pk__in=[t.pk for t in rows]).update(carried_to=item)
    return item


# --- Overdue -------------------------------------------------------------------------------


@dataclass(frozen=True)
class OverdueRun:
    overdue: int  # open tasks past their deadline
    flagged: int  # of which told to the host for the first time by this run
    notices: int


def overdue_key(task: ConclusionTask) -> str:
    """The notice's link, which also marks it: one notice per task, person and deadline, so a
    task reopened or given a new deadline is flagged again when that one passes too."""
    return f"{task_url(task)}?qua-han={task.deadline:%Y-%m-%d}"


@transaction.atomic
def tasks_flag_overdue(*, today: date) -> OverdueRun:
    """Tell the host (chair, secretary, organizers, the one who assigned) of each open task
    past its deadline, once; running again the same day or later adds nothing."""
    overdue = list(
        ConclusionTask.objects.filter(status=ConclusionTask.Status.OPEN, deadline__lt=today)
        .select_related("meeting", "assignee_unit")
        .order_by("deadline", "pk")
    )
    watchers = host_watchers({t.meeting_id: t.meeting for t in overdue}.values())
    creators = set(
        User.objects.filter(pk__in={t.created_by_id for t in overdue}, is_active=True).values_list(
            "pk", flat=True
        )
    )
    keys = {t.pk: overdue_key(t) for t in overdue}
    sent: set[tuple[int, str]] = set()
    values = list(keys.values())
    for start in range(0, len(values), 500):  # well under any database's parameter limit
        sent |= set(
            Notice.objects.filter(url__in=values[start : start + 500]).values_list("user_id", "url")
        )
    fresh: list[Notice] = []
    flagged = 0
    with translation.override(settings.LANGUAGE_CODE):
        for task in overdue:
            people = set(watchers.get(task.meeting_id, set()))
            if task.created_by_id in creators:
                people.add(task.created_by_id)
            missing = sorted(pk for pk in people if (pk, keys[task.pk]) not in sent)
            if not missing:
                continue
            flagged += 1
            text = _("Quá hạn: %(unit)s chưa hoàn thành nhiệm vụ hạn %(deadline)s: %(text)s") % {
                "unit": task.assignee_unit.name,
                "deadline": f"{task.deadline:%d/%m/%Y}",
                "text": task_rules.clip(task.conclusion, NOTICE_QUOTE),
            }
            fresh.extend(_notice(pk, task, text, keys[task.pk]) for pk in missing)
    Notice.objects.bulk_create(fresh)
    return OverdueRun(overdue=len(overdue), flagged=flagged, notices=len(fresh))
