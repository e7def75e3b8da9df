"""The video attendance log summed per bridge point, for the host page, the minutes and the ledger.

`summarise` is pure (plain tuples in, rows out) so its rules are tested without a database;
`bridge_point_attendance` reads one meeting's sessions and lists every room of the meeting.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from meetings.models import Meeting
from realtime.models import LiveState, VideoSession


@dataclass(frozen=True)
class Stretch:
    """One video session: who, from which room, from when to when (None: still connected)."""

    bridge_point_id: int | None
    user_id: int
    joined_at: datetime
    left_at: datetime | None


@dataclass(frozen=True)
class Attendance:
    bridge_point_id: int | None
    first_join: datetime | None = None
    # None while someone of the room is still connected (or nobody ever joined).
    last_leave: datetime | None = None
    # Time with at least one video client of the room connected (overlaps counted once).
    connected_seconds: int = 0
    # Joins by a person after their first one: their link dropped, or they came back.
    reconnections: int = 0
    people: int = 0

    @property
    def connected_minutes(self) -> int:
        return round(self.connected_seconds / 60)


def _union_seconds(spans: list[tuple[datetime, datetime]]) -> int:
    total, covered_until = 0.0, None
    for start, end in sorted(spans):
        if covered_until is not None and start < covered_until:
            start = covered_until
        if end > start:
            total += (end - start).total_seconds()
            covered_until = end
    return int(total)


def _summarise_room(
    bridge_point_id: int | None, stretches: list[Stretch], until: datetime
) -> Attendance:
    still_open = any(s.left_at is None for s in stretches)
    joins_by_person: dict[int, int] = defaultdict(int)
    for stretch in stretches:
        joins_by_person[stretch.user_id] += 1
    return Attendance(
        bridge_point_id=bridge_point_id,
        first_join=min(s.joined_at for s in stretches),
        last_leave=None if still_open else max(s.left_at for s in stretches),
        connected_seconds=_union_seconds([(s.joined_at, s.left_at or until) for s in stretches]),
        reconnections=sum(joins - 1 for joins in joins_by_person.values()),
        people=len(joins_by_person),
    )


def summarise(stretches: Iterable[Stretch], *, until: datetime) -> dict[int | None, Attendance]:
    """Attendance per bridge point; sessions still open count as connected until `until`."""
    by_room: dict[int | None, list[Stretch]] = defaultdict(list)
    for stretch in stretches:
        by_room[stretch.bridge_point_id].append(stretch)
    return {room: _summarise_room(room, rows, until) for room, rows in by_room.items()}


def bridge_point_attendance(meeting: Meeting, *, now: datetime | None = None) -> list[Attendance]:
    """The main room, the invited rooms, then any other room seen (None: from no room).

    The caller got `meeting` through `meetings.selectors.meeting_get` (who may see it).
    Open sessions of an ended meeting count until its end, of a running one until now.
    """
    ended_at = LiveState.objects.filter(meeting=meeting).values_list("ended_at", flat=True).first()
    sessions = VideoSession.objects.filter(meeting=meeting).values_list(
        "bridge_point_id", "user_id", "joined_at", "left_at"
    )
    summary = summarise(
        (Stretch(*row) for row in sessions), until=ended_at or now or timezone.now()
    )
    rooms = [meeting.main_bridge_point_id] + [i.bridge_point_id for i in meeting.invitations.all()]
    others = sorted(
        (room for room in summary if room not in rooms), key=lambda room: (room is None, room or 0)
    )
    return [summary.get(room) or Attendance(bridge_point_id=room) for room in rooms + others]
