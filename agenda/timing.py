"""The agenda's clock: when each item starts, and whether the plan fits the meeting's slot.

Pure: datetimes and minutes in, numbers out; no database, so it is tested on its own.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class AgendaTiming:
    """The planned starts of the items, in order, and the plan's total against the slot."""

    starts: tuple[datetime, ...]
    planned_minutes: int
    slot_minutes: int

    @property
    def overrun_minutes(self) -> int:
        """How far the plan runs past the meeting's end (0 when it fits)."""
        return max(0, self.planned_minutes - self.slot_minutes)

    @property
    def overruns(self) -> bool:
        return self.overrun_minutes > 0

    @property
    def spare_minutes(self) -> int:
        """Minutes of the slot the plan leaves free (0 when it fills or overruns it)."""
        return max(0, self.slot_minutes - self.planned_minutes)

    @property
    def percent(self) -> int:
        """The plan as a share of the slot, for a bar (capped at 100)."""
        if self.slot_minutes <= 0:
            return 100
        return min(100, round(100 * self.planned_minutes / self.slot_minutes))


def slot_minutes(start: datetime, end: datetime) -> int:
    """Whole minutes between the meeting's start and end."""
    return max(0, int((end - start).total_seconds() // 60))


def agenda_timing(start: datetime, end: datetime, minutes: Sequence[int]) -> AgendaTiming:
    """Each item starts when the ones before it have used their planned minutes."""
    starts = []
    elapsed = 0
    for planned in minutes:
        starts.append(start + timedelta(minutes=elapsed))
        elapsed += planned
    return AgendaTiming(
        starts=tuple(starts), planned_minutes=elapsed, slot_minutes=slot_minutes(start, end)
    )
