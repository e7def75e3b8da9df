"""The double-booking rule, as a pure function (no ORM) so it can be tested exhaustively.

A bridge point cannot serve two meetings unless there is at least `buffer` between
them (the room needs setting up). A person cannot chair two meetings whose times
overlap; the buffer does not apply to people.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


class ConflictKind(StrEnum):
    BRIDGE_POINT = "bridge_point"
    CHAIR = "chair"


@dataclass(frozen=True)
class Slot:
    """A meeting as far as the rule is concerned."""

    meeting_id: int | None
    title: str
    start: datetime
    end: datetime
    bridge_point_ids: frozenset[int]
    chair_id: int | None


@dataclass(frozen=True)
class Conflict:
    kind: ConflictKind
    resource_id: int  # the bridge point or the chair
    meeting_id: int | None
    title: str
    start: datetime
    end: datetime


def periods_clash(
    a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime, gap: timedelta
) -> bool:
    """True when two half-open periods are closer than `gap` (overlap when gap is zero)."""
    return a_start < b_end + gap and b_start < a_end + gap


def find_conflicts(proposed: Slot, existing: Iterable[Slot], buffer: timedelta) -> list[Conflict]:
    """Every clash between `proposed` and `existing`, ordered by time then resource."""
    conflicts: list[Conflict] = []
    for other in existing:
        if proposed.meeting_id is not None and other.meeting_id == proposed.meeting_id:
            continue
        if periods_clash(proposed.start, proposed.end, other.start, other.end, buffer):
            for bridge_point_id in sorted(proposed.bridge_point_ids & other.bridge_point_ids):
                conflicts.append(_conflict(ConflictKind.BRIDGE_POINT, bridge_point_id, other))
        if (
            proposed.chair_id is not None
            and proposed.chair_id == other.chair_id
            and periods_clash(proposed.start, proposed.end, other.start, other.end, timedelta(0))
        ):
            conflicts.append(_conflict(ConflictKind.CHAIR, proposed.chair_id, other))
    conflicts.sort(key=lambda c: (c.start, c.kind, c.resource_id, c.meeting_id or 0))
    return conflicts


def find_series_conflicts(
    occurrences: list[Slot], existing: Iterable[Slot], buffer: timedelta
) -> list[tuple[int, Conflict]]:
    """Clashes of each occurrence with existing meetings and with its own siblings.

    Returns (occurrence index, conflict) pairs; a series is refused whole if any.
    """
    existing = list(existing)
    found: list[tuple[int, Conflict]] = []
    for index, occurrence in enumerate(occurrences):
        siblings = occurrences[:index]
        found.extend((index, c) for c in find_conflicts(occurrence, existing + siblings, buffer))
    return found


def _conflict(kind: ConflictKind, resource_id: int, other: Slot) -> Conflict:
    return Conflict(kind, resource_id, other.meeting_id, other.title, other.start, other.end)
