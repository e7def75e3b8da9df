"""Reads for conclusion tasks, with who-sees-what in one place.

Two sides look at a task:
- the host (đơn vị chủ trì): organizers, chairs and secretaries of the meeting's host unit or a
  unit above it, plus the meeting's own chair and secretary (and its creator). They assign,
  change, reopen and carry tasks over, and see every task of their meetings;
- the assignee (đơn vị thực hiện): people with a role other than guest (observer) in the
  assigned unit report on it; people of the units above it see it too.

Lists load in a fixed number of queries whatever the number of tasks.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from agenda import task_rules
from agenda.models import AgendaItem, ConclusionTask
from meetings import selectors as meeting_selectors
from meetings.models import Meeting, Membership, Role, Unit, User
from realtime.models import LiveNote

HOST_ROLES = (Role.ORGANIZER, Role.CHAIR, Role.SECRETARY)
# Guests (khách mời) of a unit neither report on its tasks nor are told about them.
REPORTING_ROLES = tuple(r for r in Role if r != Role.OBSERVER)
NOT_STARTED = (Meeting.Status.DRAFT, Meeting.Status.SCHEDULED)
CARRY_TARGETS_SHOWN = 20


# --- Who is who ------------------------------------------------------------------------


def host_unit_ids(user: User) -> set[int]:
    """Units whose meetings' tasks the user manages: where they organize, chair or take
    minutes, and every unit below."""
    roots = Membership.objects.filter(user=user, role__in=HOST_ROLES).values_list(
        "unit_id", flat=True
    )
    return meeting_selectors.unit_subtree_ids(roots)


def member_unit_ids(user: User) -> set[int]:
    """Units whose tasks the user sees as an assignee: their units (not as a guest) and below."""
    roots = Membership.objects.filter(user=user, role__in=REPORTING_ROLES).values_list(
        "unit_id", flat=True
    )
    return meeting_selectors.unit_subtree_ids(roots)


def is_host_staff(user: User, meeting: Meeting) -> bool:
    """Whether the user assigns and manages the tasks of this meeting."""
    if not user.is_authenticated:
        return False
    return (
        user.is_superuser
        or user.pk in (meeting.chair_id, meeting.secretary_id, meeting.created_by_id)
        or meeting.host_unit_id in host_unit_ids(user)
    )


def reporting_unit_ids(user: User) -> set[int]:
    """Units the user reports for: those where they have a role other than guest (not the
    units below: a province's staff do not report a commune's work)."""
    return set(
        Membership.objects.filter(user=user, role__in=REPORTING_ROLES).values_list(
            "unit_id", flat=True
        )
    )


def reports_for(user: User, task: ConclusionTask) -> bool:
    """Whether the user may report the task done: staff of the assigned unit itself."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or task.assignee_unit_id in reporting_unit_ids(user)


@dataclass(frozen=True)
class TaskScope:
    """What one user's task lists are made of; computed once per request."""

    user: User
    host_units: frozenset[int]
    member_units: frozenset[int]
    is_host: bool  # the "tasks given" tab applies

    def hosted(self) -> Q:
        """Tasks of meetings the user hosts."""
        if self.user.is_superuser:
            return Q()
        return (
            Q(meeting__host_unit_id__in=self.host_units)
            | Q(meeting__chair=self.user)
            | Q(meeting__secretary=self.user)
            | Q(meeting__created_by=self.user)
        )

    def assigned(self) -> Q:
        """Tasks given to the user's units (and those below) by meetings they do not host."""
        mine = Q(assignee_unit_id__in=self.member_units)
        if self.user.is_superuser:
            return mine
        return mine & ~self.hosted()


def task_scope(user: User) -> TaskScope:
    host_units = frozenset(host_unit_ids(user))
    runs_meetings = Meeting.objects.filter(
        Q(chair=user) | Q(secretary=user) | Q(created_by=user)
    ).exists()
    return TaskScope(
        user=user,
        host_units=host_units,
        member_units=frozenset(member_unit_ids(user)),
        is_host=user.is_superuser or bool(host_units) or runs_meetings,
    )


def tasks_visible_to(user: User, scope: TaskScope | None = None) -> QuerySet[ConclusionTask]:
    if not user.is_authenticated:
        return ConclusionTask.objects.none()
    scope = scope or task_scope(user)
    if user.is_superuser:
        return ConclusionTask.objects.all()
    mine = Q(assignee_unit_id__in=scope.member_units)
    return ConclusionTask.objects.filter(scope.hosted() | mine)


def with_task_details(tasks: QuerySet[ConclusionTask]) -> QuerySet[ConclusionTask]:
    """Everything a list or an API answer shows of a task, in the same query."""
    return tasks.select_related(
        "meeting__host_unit",
        "agenda_item",
        "assignee_unit",
        "done_by",
        "created_by",
        "carried_to__meeting",
    )


def task_get(user: User, pk: int) -> ConclusionTask:
    task = with_task_details(tasks_visible_to(user)).filter(pk=pk).first()
    if task is None:
        raise Http404(_("Không tìm thấy nhiệm vụ."))
    return task


# --- Boards ----------------------------------------------------------------------------

STATUS_FILTERS = ("", "open", "overdue", "due_soon", "done")


@dataclass(frozen=True)
class TaskFilters:
    status: str = ""  # one of STATUS_FILTERS; "" = all
    meeting_id: int | None = None
    unit_id: int | None = None


def filter_tasks(
    tasks: QuerySet[ConclusionTask], filters: TaskFilters, today: date
) -> QuerySet[ConclusionTask]:
    status = filters.status
    if status == "open":
        tasks = tasks.filter(status=ConclusionTask.Status.OPEN)
    elif status == "done":
        tasks = tasks.filter(status=ConclusionTask.Status.DONE)
    elif status == "overdue":
        tasks = tasks.filter(status=ConclusionTask.Status.OPEN, deadline__lt=today)
    elif status == "due_soon":
        tasks = tasks.filter(
            status=ConclusionTask.Status.OPEN,
            deadline__gte=today,
            deadline__lte=task_rules.due_soon_until(today),
        )
    if filters.meeting_id is not None:
        tasks = tasks.filter(meeting_id=filters.meeting_id)
    if filters.unit_id is not None:
        tasks = tasks.filter(assignee_unit_id=filters.unit_id)
    return tasks


@dataclass(frozen=True)
class TaskCounts:
    total: int = 0
    open: int = 0
    overdue: int = 0
    due_soon: int = 0
    done: int = 0


def task_counts(tasks: QuerySet[ConclusionTask], today: date) -> TaskCounts:
    """The counts shown on a board's tabs and filter chips, in one query."""
    is_open = Q(status=ConclusionTask.Status.OPEN)
    row = tasks.order_by().aggregate(
        total=Count("pk"),
        open=Count("pk", filter=is_open),
        overdue=Count("pk", filter=is_open & Q(deadline__lt=today)),
        due_soon=Count(
            "pk",
            filter=is_open & Q(deadline__gte=today, deadline__lte=task_rules.due_soon_until(today)),
        ),
        done=Count("pk", filter=Q(status=ConclusionTask.Status.DONE)),
    )
    return TaskCounts(**row)


@dataclass
class Board:
    tab: str  # "mine" or "host"
    tasks: list[ConclusionTask]  # filtered, in board order
    counts: TaskCounts  # of the tab, before the filters
    meetings: list[Meeting] = field(default_factory=list)  # choices of the meeting filter
    units: list[Unit] = field(default_factory=list)  # choices of the unit filter


def board(scope: TaskScope, tab: str, filters: TaskFilters, today: date) -> Board:
    """One tab of /tasks/: "mine" (my units carry them out) or "host" (my meetings gave them)."""
    base = ConclusionTask.objects.filter(scope.hosted() if tab == "host" else scope.assigned())
    rows = with_task_details(filter_tasks(base, filters, today))
    return Board(
        tab=tab,
        tasks=task_rules.board_order(rows, today=today),
        counts=task_counts(base, today),
        meetings=list(
            Meeting.objects.filter(pk__in=base.values("meeting_id")).order_by("-start", "pk")
        ),
        units=list(Unit.objects.filter(pk__in=base.values("assignee_unit_id")).order_by("name")),
    )


def tab_counts(scope: TaskScope, today: date) -> dict[str, TaskCounts]:
    return {
        "mine": task_counts(ConclusionTask.objects.filter(scope.assigned()), today),
        "host": task_counts(ConclusionTask.objects.filter(scope.hosted()), today)
        if scope.is_host
        else TaskCounts(),
    }


def tasks_listed(
    user: User, filters: TaskFilters, today: date, *, side: str = ""
) -> QuerySet[ConclusionTask]:
    """For the API: visible tasks (or one side of them), filtered, by deadline."""
    scope = task_scope(user)
    if side == "host":
        tasks = ConclusionTask.objects.filter(scope.hosted()) if scope.is_host else None
    elif side == "mine":
        tasks = ConclusionTask.objects.filter(scope.assigned())
    else:
        tasks = tasks_visible_to(user, scope)
    if tasks is None:
        return ConclusionTask.objects.none()
    return with_task_details(filter_tasks(tasks, filters, today)).order_by("deadline", "pk")


# --- One meeting: its conclusions and what became of them -------------------------------


@dataclass
class ConclusionRow:
    item: AgendaItem | None  # None: the meeting's general conclusion
    conclusion: str  # as the secretary wrote it in the live room ("" if none)
    tasks: list[ConclusionTask]

    @property
    def key(self) -> str:
        return str(self.item.pk) if self.item else "general"


def meeting_conclusions(
    user: User, meeting: Meeting, scope: TaskScope | None = None
) -> list[ConclusionRow]:
    """Each agenda item with its live-room conclusion and the tasks given from it (those the
    user may see), then the general conclusion. Three queries."""
    notes = dict(
        LiveNote.objects.filter(meeting=meeting, kind=LiveNote.Kind.CONCLUSION).values_list(
            "item_id", "text"
        )
    )
    tasks = with_task_details(tasks_visible_to(user, scope).filter(meeting=meeting)).order_by(
        "assignee_unit__name", "pk"
    )
    by_item: dict[int | None, list[ConclusionTask]] = defaultdict(list)
    for task in tasks:
        by_item[task.agenda_item_id].append(task)
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("position", "pk"))
    rows = [ConclusionRow(i, (notes.get(i.pk) or "").strip(), by_item[i.pk]) for i in items]
    rows.append(ConclusionRow(None, (notes.get(None) or "").strip(), by_item[None]))
    return rows


@dataclass
class AssignableUnits:
    """The units a meeting's conclusions may be given to: the units of its bridge points
    (invited rooms and the main room), and every unit under the host (a commune that did
    not join still receives the conclusions)."""

    invited: list[Unit]
    others: list[Unit]

    @property
    def ids(self) -> set[int]:
        return {u.pk for u in self.invited} | {u.pk for u in self.others}


def assignable_units(meeting: Meeting) -> AssignableUnits:
    rooms = Q(bridge_points__invitations__meeting=meeting) | Q(bridge_points__main_meetings=meeting)
    invited = list(Unit.objects.filter(rooms).distinct().order_by("name"))
    below = meeting_selectors.unit_subtree_ids([meeting.host_unit_id]) - {u.pk for u in invited}
    others = list(Unit.objects.filter(pk__in=below).order_by("name"))
    return AssignableUnits(invited=invited, others=others)


def carry_over_targets(user: User, meeting: Meeting) -> list[Meeting]:
    """Later meetings of the same host that have not started, whose agenda the user edits."""
    later = Meeting.objects.filter(
        host_unit_id=meeting.host_unit_id, start__gt=meeting.start, status__in=NOT_STARTED
    )
    if not user.is_superuser:
        later = later.filter(
            Q(created_by=user) | Q(host_unit_id__in=meeting_selectors.managed_unit_ids(user))
        )
    return list(later.order_by("start", "pk")[:CARRY_TARGETS_SHOWN])


# --- Who hears about a task --------------------------------------------------------------


def reporters_by_unit(unit_ids: Iterable[int]) -> dict[int, list[User]]:
    """Active people who may report for each unit (they are told of tasks given to it)."""
    found: dict[int, list[User]] = defaultdict(list)
    seen: set[tuple[int, int]] = set()
    rows = Membership.objects.filter(
        unit_id__in=list(unit_ids), role__in=REPORTING_ROLES, user__is_active=True
    ).select_related("user")
    for membership in rows.order_by("user_id"):
        if (membership.unit_id, membership.user_id) not in seen:
            seen.add((membership.unit_id, membership.user_id))
            found[membership.unit_id].append(membership.user)
    return found


def host_watchers(meetings: Iterable[Meeting]) -> dict[int, set[int]]:
    """Who at the host hears about a meeting's tasks (done, overdue): its chair and
    secretary and the organizers of its host unit; user ids per meeting, active only."""
    meetings = list(meetings)
    organizers: dict[int, set[int]] = defaultdict(set)
    for unit_id, user_id in Membership.objects.filter(
        unit_id__in={m.host_unit_id for m in meetings},
        role=Role.ORGANIZER,
        user__is_active=True,
    ).values_list("unit_id", "user_id"):
        organizers[unit_id].add(user_id)
    people = {m.chair_id for m in meetings} | {m.secretary_id for m in meetings if m.secretary_id}
    active = set(User.objects.filter(pk__in=people, is_active=True).values_list("pk", flat=True))
    return {
        m.pk: ({m.chair_id, m.secretary_id} & active) | organizers[m.host_unit_id] for m in meetings
    }
