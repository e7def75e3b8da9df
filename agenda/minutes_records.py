"""What the meeting recorded, gathered once for the minutes and their companion documents.

The dataclasses are plain values (no ORM) so the draft builder and the PDFs are pure
functions of a `MeetingRecord`; `meeting_record()` reads them from the database.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Prefetch
from django.utils import translation

from agenda.models import AgendaItem
from meetings.models import BridgePoint, Invitation, Meeting, Participant
from meetings.pdf.decree30 import issuer_of
from realtime import tally
from realtime.models import (
    CheckIn,
    LiveNote,
    LiveState,
    OptionCount,
    Poll,
    RollCallEntry,
    SpeakerRequest,
    Vote,
)
from realtime.selectors_attendance import bridge_point_attendance


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
    # The invitation's answer ("accepted", "declined", "pending"; "" for the main room).
    response: str = ""
    decline_reason: str = ""
    connected_minutes: int = 0


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
    # The number the percentages are taken of (present, or members, per the rule).
    base: int | None = None
    base_label: str = ""  # e.g. "số đại biểu có mặt"
    electorate_code: str = ""  # Poll.Electorate value: "delegates" or "bridge_points"


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
    secretary_position: str = ""
    co_secretary: str = ""
    # What was recorded outside any agenda item: general notes, turns, the closing conclusion.
    notes: str = ""
    conclusion: str = ""
    turns: list[SpeakerTurn] = field(default_factory=list)
    votes: list[VoteRecord] = field(default_factory=list)


# Reading the records ----------------------------------------------------------------------

ROLL_CALL_STATUS = {
    RollCallEntry.Status.PRESENT_ROOM: "present",
    RollCallEntry.Status.PRESENT_ONLINE: "online",
    RollCallEntry.Status.ABSENT: "absent",
}
# What the percentages of a vote are taken of, per rule (the rule's own base).
RULE_BASE = {
    Poll.Rule.HALF_PRESENT: ("present", "số có mặt"),
    Poll.Rule.HALF_MEMBERS: ("members", "tổng số thành viên"),
    Poll.Rule.TWO_THIRDS: ("members", "tổng số thành viên"),
}


def _room_label(room: BridgePoint | None) -> str:
    return room.unit.name if room is not None else ""


def _load_meeting(meeting_id: int) -> Meeting:
    return (
        Meeting.objects.select_related(
            "host_unit__parent__parent",
            "main_bridge_point__unit",
            "chair",
            "secretary",
        )
        .prefetch_related(
            Prefetch(
                "invitations",
                queryset=Invitation.objects.select_related("bridge_point__unit").order_by(
                    "bridge_point__unit__name", "bridge_point__name"
                ),
            ),
            Prefetch(
                "participants",
                queryset=Participant.objects.select_related("user", "bridge_point__unit"),
            ),
        )
        .get(pk=meeting_id)
    )


def _rooms(meeting: Meeting) -> list[RoomAttendance]:
    """The main room, then each invited room: who was there and when its video ran."""
    roll_call = {e.user_id: e for e in RollCallEntry.objects.filter(meeting=meeting)}
    check_ins = {c.bridge_point_id: c for c in CheckIn.objects.filter(meeting=meeting)}
    video = {a.bridge_point_id: a for a in bridge_point_attendance(meeting)}
    people: dict[int, list[PersonLine]] = defaultdict(list)
    participants = sorted(meeting.participants.all(), key=lambda p: p.user.display_name)
    for participant in participants:
        entry = roll_call.get(participant.user_id)
        room = participant.bridge_point_id or meeting.main_bridge_point_id
        people[room].append(
            PersonLine(
                name=participant.user.display_name,
                position=participant.user.position,
                status=ROLL_CALL_STATUS.get(entry.status, "") if entry else "",
                reason=entry.reason if entry else "",
            )
        )
    rooms: list[tuple[BridgePoint, Invitation | None]] = [(meeting.main_bridge_point, None)]
    rooms += [(invitation.bridge_point, invitation) for invitation in meeting.invitations.all()]
    result = []
    for room, invitation in rooms:
        attendance = video.get(room.pk)
        check_in = check_ins.get(room.pk)
        lines = people.get(room.pk, [])
        marked = any(line.status in ("present", "online") for line in lines)
        joined = check_in is not None or bool(attendance and attendance.first_join) or marked
        result.append(
            RoomAttendance(
                name=str(room),
                is_main=invitation is None,
                joined=joined,
                headcount=check_in.headcount if check_in else None,
                first_join=attendance.first_join if attendance else None,
                last_leave=attendance.last_leave if attendance else None,
                people=lines,
                response=invitation.response if invitation else "",
                decline_reason=invitation.decline_reason if invitation else "",
                connected_minutes=attendance.connected_minutes if attendance else 0,
            )
        )
    return result


def _turns(meeting: Meeting) -> dict[int | None, list[SpeakerTurn]]:
    """Turns actually spoken (given the floor), in the order spoken, by agenda item."""
    requests = (
        SpeakerRequest.objects.filter(meeting=meeting, started_at__isnull=False)
        .select_related("user", "bridge_point__unit")
        .order_by("started_at", "pk")
    )
    turns: dict[int | None, list[SpeakerTurn]] = defaultdict(list)
    for request in requests:
        turns[request.item_id].append(
            SpeakerTurn(
                name=request.user.display_name,
                room=_room_label(request.bridge_point),
                topic=request.topic,
                started_at=request.started_at,
                ended_at=request.ended_at,
            )
        )
    return turns


def _base(poll: Poll, total: int) -> tuple[int, str]:
    which, label = RULE_BASE.get(poll.rule, ("present", "số có mặt"))
    base = poll.present_count if which == "present" else poll.members_count
    # Without a recorded base (or a smaller one than the votes cast), the votes cast.
    if not base or base < total:
        return total, "số phiếu biểu quyết"
    return base, label


def _votes(meeting: Meeting) -> dict[int | None, list[VoteRecord]]:
    """Closed polls with their counts and, for named ones, who chose what."""
    polls = list(
        Poll.objects.filter(meeting=meeting, status=Poll.Status.CLOSED).order_by("closed_at", "pk")
    )
    counts: dict[int, list[int]] = defaultdict(list)
    for poll_id, count in (
        OptionCount.objects.filter(poll__in=polls)
        .order_by("poll_id", "option")
        .values_list("poll_id", "count")
    ):
        counts[poll_id].append(count)
    named = [poll.pk for poll in polls if not poll.secret]
    choices: dict[int, list[NamedChoice]] = defaultdict(list)
    if named:
        options = {poll.pk: poll.options for poll in polls}
        votes = (
            Vote.objects.filter(poll_id__in=named)
            .select_related("voter", "bridge_point__unit", "cast_by")
            .order_by("poll_id", "bridge_point__unit__name", "pk")
        )
        for vote in votes:
            labels = options[vote.poll_id]
            proxy = vote.cast_by if vote.cast_by_id and vote.cast_by_id != vote.voter_id else None
            choices[vote.poll_id].append(
                NamedChoice(
                    name=vote.voter.display_name if vote.voter else "",
                    room=_room_label(vote.bridge_point),
                    option=labels[vote.option] if vote.option is not None else "",
                    cast_by_operator=proxy.display_name if proxy and vote.voter_id else "",
                )
            )
    by_item: dict[int | None, list[VoteRecord]] = defaultdict(list)
    for poll in polls:
        poll_counts = counts.get(poll.pk) or [0] * len(poll.options)
        total = sum(poll_counts)
        base, base_label = _base(poll, total)
        # tally.percentages shares out its input: the votes not cast fill the base up.
        shares = tally.percentages([*poll_counts, base - total])[: len(poll_counts)]
        by_item[poll.item_id].append(
            VoteRecord(
                question=poll.question,
                secret=poll.secret,
                electorate=str(poll.get_electorate_display()),
                rule=str(poll.get_rule_display()),
                members_count=poll.members_count,
                present_count=poll.present_count,
                options=[
                    OptionResult(label=label, count=count, percent=float(share))
                    for label, count, share in zip(poll.options, poll_counts, shares, strict=True)
                ],
                passed=poll.passed,
                closed_at=poll.closed_at,
                choices=sorted(choices.get(poll.pk, []), key=lambda c: (c.room, c.name)),
                base=base,
                base_label=base_label,
                electorate_code=poll.electorate,
            )
        )
    return by_item


def meeting_record(meeting: Meeting) -> MeetingRecord:
    """Everything the meeting recorded, read in a fixed number of queries.

    Labels stored as choices (the vote rule, the electorate) are read in Vietnamese
    whatever the reader's language: the minutes are a Vietnamese legal form.
    """
    with translation.override("vi"):
        return _meeting_record(meeting.pk)


def _meeting_record(meeting_id: int) -> MeetingRecord:
    meeting = _load_meeting(meeting_id)
    state = LiveState.objects.select_related("co_secretary").filter(meeting=meeting).first()
    items = list(
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("presenter_user", "presenter_unit")
        .order_by("position")
    )
    notes: dict[tuple[int | None, str], str] = {
        (item_id, kind): text
        for item_id, kind, text in LiveNote.objects.filter(meeting=meeting).values_list(
            "item_id", "kind", "text"
        )
    }
    turns = _turns(meeting)
    votes = _votes(meeting)
    issuer = issuer_of(meeting.host_unit)
    chair, secretary = meeting.chair, meeting.secretary
    co_secretary = state.co_secretary if state else None
    known_items = {item.pk for item in items}
    return MeetingRecord(
        meeting_id=meeting.pk,
        title=meeting.title,
        host_unit=issuer.name,
        host_parent=issuer.parent_name,
        place=issuer.place,
        number_suffix=issuer.abbreviation,
        scheduled_start=meeting.start,
        scheduled_end=meeting.end,
        started_at=state.started_at if state else None,
        ended_at=state.ended_at if state else None,
        chair=chair.display_name,
        chair_position=chair.position,
        secretary=secretary.display_name if secretary else "",
        secretary_position=secretary.position if secretary else "",
        co_secretary=(
            co_secretary.display_name
            if co_secretary and co_secretary.pk not in (meeting.secretary_id, meeting.chair_id)
            else ""
        ),
        main_room=str(meeting.main_bridge_point),
        rooms=_rooms(meeting),
        items=[
            ItemRecord(
                item_id=item.pk,
                position=item.position,
                title=item.title,
                presenter=item.presenter_name,
                turns=turns.get(item.pk, []),
                notes=notes.get((item.pk, LiveNote.Kind.NOTE), ""),
                votes=votes.get(item.pk, []),
                conclusion=notes.get((item.pk, LiveNote.Kind.CONCLUSION), ""),
            )
            for item in items
        ],
        notes=notes.get((None, LiveNote.Kind.NOTE), ""),
        conclusion=notes.get((None, LiveNote.Kind.CONCLUSION), ""),
        # Turns and votes of no item (or of an item since removed) belong to the meeting.
        turns=[t for key, rows in turns.items() if key not in known_items for t in rows],
        votes=[v for key, rows in votes.items() if key not in known_items for v in rows],
    )
