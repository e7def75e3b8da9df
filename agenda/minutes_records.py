"""What the meeting recorded, gathered once for the minutes and their companion documents.

The dataclasses are plain values (no ORM) so the draft builder and the PDFs are pure
functions of a `MeetingRecord`; `meeting_record()` reads them from the database.
"""

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class PersonLine:
    name: str
    position: str = ""
    # "present" (in the room), "online" (present online elsewhere), "absent", "" (not marked)
    status: str = ""
    reason: str = ""


@dataclass(frozen=True)
class RoomAttendance:
    """One bridge point (or the main room): who was there, and when its video joined/left."""

    name: str
    is_main: bool = False
    joined: bool = False  # checked in, video joined or anyone marked present
    headcount: int | None = None
    first_join: datetime | None = None
    last_leave: datetime | None = None
    people: list[PersonLine] = field(default_factory=list)


@dataclass(frozen=True)
class SpeakerTurn:
    name: str
    room: str
    topic: str
    started_at: datetime
    ended_at: datetime | None


@dataclass(frozen=True)
class OptionResult:
    label: str
    count: int
    percent: float  # of the base the poll's rule counts against, 0–100


@dataclass(frozen=True)
class NamedChoice:
    name: str
    room: str
    option: str
    cast_by_operator: str = ""  # operator's name when cast by proxy


@dataclass(frozen=True)
class VoteRecord:
    question: str
    secret: bool
    electorate: str  # display label, e.g. "Đại biểu có mặt"
    rule: str  # display label, e.g. "Quá nửa số đại biểu có mặt"
    members_count: int | None
    present_count: int | None
    options: list[OptionResult]
    passed: bool | None
    closed_at: datetime | None
    choices: list[NamedChoice] = field(default_factory=list)  # named polls only


@dataclass(frozen=True)
class ItemRecord:
    item_id: int
    position: int
    title: str
    presenter: str
    turns: list[SpeakerTurn] = field(default_factory=list)
    notes: str = ""
    votes: list[VoteRecord] = field(default_factory=list)
    conclusion: str = ""


@dataclass(frozen=True)
class MeetingRecord:
    meeting_id: int
    title: str
    host_unit: str
    host_parent: str  # cơ quan chủ quản, "" at the top
    place: str  # địa danh for "…, ngày … tháng … năm …"
    number_suffix: str  # e.g. "UBND" for "Số: …/BB-UBND"
    scheduled_start: datetime
    scheduled_end: datetime
    started_at: datetime | None
    ended_at: datetime | None
    chair: str
    chair_position: str
    secretary: str
    main_room: str
    rooms: list[RoomAttendance] = field(default_factory=list)
    items: list[ItemRecord] = field(default_factory=list)
