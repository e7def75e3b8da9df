"""Rules for conclusion tasks that need no database: deadlines, urgency, board order, titles.

A deadline is a calendar date in Vietnam (Asia/Ho_Chi_Minh): a task due on 20/11 is on time
all of 20/11 local time and overdue from 21/11, whatever the server's clock zone.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Protocol, TypeVar
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
DUE_SOON_DAYS = 3
OPEN, DONE = "open", "done"  # ConclusionTask.Status values, without importing the model
CONCLUSION_MAX = 5_000
REPORT_MAX = 10_000
TITLE_MAX = 300  # AgendaItem.title
DEADLINE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")


class Urgency(Enum):
    """Where a task stands today; the boards colour by it."""

    OVERDUE = "overdue"  # open, deadline passed: red
    DUE_SOON = "due_soon"  # open, due within DUE_SOON_DAYS days: amber
    OPEN = "open"
    DONE = "done"


def vietnam_date(moment: datetime) -> date:
    """The calendar date in Vietnam at an aware instant."""
    if moment.tzinfo is None:
        raise ValueError("an aware datetime is needed")
    return moment.astimezone(VIETNAM).date()


def days_left(deadline: date, today: date) -> int:
    """0 on the deadline itself, negative once it has passed."""
    return (deadline - today).days


def is_overdue(status: str, deadline: date, today: date) -> bool:
    return status == OPEN and deadline < today


def is_due_soon(status: str, deadline: date, today: date) -> bool:
    return status == OPEN and 0 <= days_left(deadline, today) <= DUE_SOON_DAYS


def urgency(status: str, deadline: date, today: date) -> Urgency:
    if status != OPEN:
        return Urgency.DONE
    if deadline < today:
        return Urgency.OVERDUE
    if days_left(deadline, today) <= DUE_SOON_DAYS:
        return Urgency.DUE_SOON
    return Urgency.OPEN


def due_soon_until(today: date) -> date:
    """The last deadline that still counts as due soon (for database filters)."""
    return today + timedelta(days=DUE_SOON_DAYS)


def urgency_label(status: str, deadline: date, today: date) -> str:
    """ "Trễ 3 ngày", "Hạn hôm nay", "Còn 2 ngày"; "" for a finished task."""
    if status != OPEN:
        return ""
    left = days_left(deadline, today)
    if left < 0:
        return ngettext("Trễ %(n)s ngày", "Trễ %(n)s ngày", -left) % {"n": -left}
    if left == 0:
        return _("Hạn hôm nay")
    return ngettext("Còn %(n)s ngày", "Còn %(n)s ngày", left) % {"n": left}


class BoardTask(Protocol):
    pk: int
    status: str
    deadline: date
    done_at: datetime | None


T = TypeVar("T", bound=BoardTask)
_RANK = {Urgency.OVERDUE: 0, Urgency.DUE_SOON: 1, Urgency.OPEN: 2, Urgency.DONE: 3}


def board_order(tasks: Iterable[T], *, today: date) -> list[T]:
    """The boards' order: overdue first (longest overdue on top), then due soon, then the
    other open tasks by deadline; finished tasks last, the most recently finished first."""

    def key(task: T) -> tuple:
        rank = _RANK[urgency(task.status, task.deadline, today)]
        if rank == _RANK[Urgency.DONE]:
            finished = -task.done_at.timestamp() if task.done_at else 0.0
            return (rank, finished, task.pk)
        return (rank, task.deadline.toordinal(), task.pk)

    return sorted(tasks, key=key)


def parse_deadline(text: str) -> date | None:
    """A deadline typed as dd/mm/yyyy (also dd-mm-yyyy, dd.mm.yyyy or ISO); None if not a date."""
    text = text.strip()
    for fmt in DEADLINE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def deadline_errors(deadline: date | None, today: date) -> list[str]:
    """Why a new deadline is refused; empty if it is acceptable."""
    if deadline is None:
        return [_("Nhập hạn hoàn thành theo dạng dd/mm/yyyy.")]
    if deadline < today:
        return [
            _("Hạn hoàn thành %(date)s đã qua; chọn từ hôm nay (%(today)s) trở đi.")
            % {"date": f"{deadline:%d/%m/%Y}", "today": f"{today:%d/%m/%Y}"}
        ]
    if deadline.year > today.year + 10:
        return [_("Hạn hoàn thành quá xa (sau năm %(year)s).") % {"year": today.year + 10}]
    return []


def text_errors(text: str, *, maximum: int, missing: str, too_long: str) -> list[str]:
    text = text.strip()
    if not text:
        return [missing]
    if len(text) > maximum:
        return [too_long % {"n": len(text), "max": maximum}]
    return []


@dataclass(frozen=True)
class SourceMeeting:
    title: str
    day: date


def carry_over_title(sources: Sequence[SourceMeeting], unit_names: Sequence[str]) -> str:
    """The title of the agenda item that reviews carried tasks, within AgendaItem's 300 chars.

    One source meeting is named with its date; the units follow while they fit, otherwise
    their number does (the item lists its tasks through ConclusionTask.carried_to).
    """
    if len(sources) == 1:
        source = sources[0]
        head = _("Kiểm điểm việc thực hiện kết luận cuộc họp “%(title)s” ngày %(date)s") % {
            "title": " ".join(source.title.split()),
            "date": f"{source.day:%d/%m/%Y}",
        }
    else:
        head = _("Kiểm điểm việc thực hiện kết luận của %(n)s cuộc họp trước") % {"n": len(sources)}
    names = list(dict.fromkeys(unit_names))
    full = f"{head}: {', '.join(names)}" if names else head
    if len(full) <= TITLE_MAX:
        return full
    counted = _("%(head)s (%(n)s đơn vị)") % {"head": head, "n": len(names)}
    if len(counted) <= TITLE_MAX:
        return counted
    return head[: TITLE_MAX - 1].rstrip() + "…"


def clip(text: str, limit: int) -> str:
    """One line of at most `limit` characters, for notices."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
