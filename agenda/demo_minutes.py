"""Demo minutes and conclusion tasks (manage.py seed_demo), made through the product's services.

Two meetings of the demo province are booked and held in the live room as its people would:
operators check their rooms in, the roll call is taken, the chair gives the floor, runs a named
and a secret vote, the secretary writes notes and conclusions, the chair closes the meeting.

- a meeting held about a week before the seed: its minutes are drafted, edited, submitted,
  approved by the chair, signed with a demo certificate of the province and published (the
  meeting's record is complete); two communes were given its conclusion: one reported it done,
  the other is overdue;
- a meeting held on the last working day before the seed: its minutes are submitted and wait
  for the chair; a commune has an open task from it.

The live room's services stamp their rows with `timezone.now()`. To record meetings that took
place days ago, they run under `_clock`, which stands in for `timezone.now` and is moved forward
as the meeting goes. Approval, signing and publishing run on the real clock: pyHanko stamps the
signature with the real time, and the approval must not be dated after it. Nothing else may run
in the process meanwhile (a management command; never call this while serving requests).

Idempotent: a meeting found by (host unit, title) is left as it is, with its minutes and tasks;
the province's certificate, once stored, is kept. Everything is made in one transaction.
"""

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from agenda.demo import demo_report_pdf
from agenda.models import AgendaItem, ItemKind, Minutes, MinutesVersion, SigningCertificate
from agenda.services.distribution import agenda_publish
from agenda.services.documents import DocumentFields, document_create
from agenda.services.items import ItemInput, agenda_item_create
from agenda.services.minutes import (
    minutes_approve,
    minutes_draft_build,
    minutes_submit,
    minutes_version_save,
)
from agenda.services.minutes_publish import minutes_publish
from agenda.services.tasks import local_today, task_assign, task_complete, tasks_flag_overdue
from agenda.signing_keys import password_encrypt
from meetings.demo import EMAIL_DOMAIN, GROUP_NAME, MAIN_ROOM_NAME, PROVINCE_CODE
from meetings.meeting_input import MeetingInput
from meetings.models import (
    Booking,
    BridgePoint,
    BridgePointGroup,
    Meeting,
    Membership,
    Role,
    Unit,
    User,
)
from meetings.services.responses import invitation_respond
from meetings.services.scheduling import meeting_schedule
from meetings.services.units import province_unit_code
from realtime.access import RoomAccess, room_access
from realtime.services import floor, notes, presence, room, votes
from realtime.services.presence import RollCallMark

DEMO_LABEL = "Điểm Cầu DEMO — không có giá trị pháp lý"
DEMO_CA_NAME = "Điểm Cầu DEMO CA — không có giá trị pháp lý"
CERTIFICATE_YEARS = 3

PUBLISHED_TITLE = "Hội nghị trực tuyến về tiến độ xây dựng nông thôn mới và phòng, chống thiên tai"
PENDING_TITLE = "Họp trực tuyến rà soát công tác giảm nghèo và hỗ trợ nhà ở"
MINUTES_NUMBER = "18/BB-UBND"
AGENCY = "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN"

# Commune leaders invited with their bridge points: (name, title). They do not sign in; their
# rooms' operators mark them, ask for the floor and vote for them, as at a commune's table.
COMMUNE_LEADERS = [
    ("Hoàng Văn Hùng", "Chủ tịch UBND"),
    ("Nông Thị Lan", "Chủ tịch UBND"),
    ("Lục Đức Dũng", "Phó Chủ tịch UBND"),
    ("Vi Thị Hoa", "Chủ tịch UBND"),
    ("Triệu Minh Tuấn", "Phó Chủ tịch UBND"),
]
ROOMS_INVITED = 8  # the five with their leaders and three more; the last one declines
DECLINE_REASON = "Mất điện trên địa bàn xã, đã báo cáo bằng văn bản."

CONCLUSION_PUBLISHED = [
    "Giao UBND các xã rà soát, hoàn thiện hồ sơ các công trình giao thông nông thôn đề nghị hỗ "
    "trợ vốn, gửi Sở Nông nghiệp và Môi trường tổng hợp trong 05 ngày làm việc.",
    'Các xã chủ động phương án "4 tại chỗ", rà soát các điểm có nguy cơ sạt lở, bảo đảm an '
    "toàn cho người dân; báo cáo ngay khi có sự cố.",
    "Thống nhất giới thiệu ông Lăng Đức Cường, Giám đốc Sở Nông nghiệp và Môi trường, làm Tổ "
    "trưởng Tổ công tác liên ngành.",
]
GENERAL_CONCLUSION = (
    "Các sở, ngành và UBND các xã nghiêm túc triển khai các nội dung đã thống nhất; Văn phòng "
    "UBND tỉnh theo dõi, tổng hợp kết quả, báo cáo tại cuộc họp giao ban tuần."
)
CONCLUSION_PENDING = [
    "Giao UBND các xã hoàn thành rà soát, cập nhật danh sách hộ nghèo, hộ cận nghèo trên phần "
    "mềm quản lý.",
    "Giao UBND xã lập danh sách hộ nghèo có nhà ở xuống cấp, đề xuất mức hỗ trợ, gửi Sở Xây "
    "dựng trong 14 ngày.",
]
DONE_REPORT = (
    "Đã rà soát 12 công trình, hoàn thiện hồ sơ 9 công trình đủ điều kiện; đã gửi Sở Nông nghiệp "
    "và Môi trường bằng văn bản số 215/UBND-KT."
)


@dataclass
class MinutesDemo:
    """What the run made: meetings with minutes (new ones), tasks (new ones)."""

    meetings: dict[str, bool] = field(default_factory=dict)  # title -> created by this run
    tasks: int = 0
    flagged: int = 0

    def lines(self) -> list[str]:
        created = sum(self.meetings.values())
        return [
            f"biên bản mẫu: {len(self.meetings)} ({created} mới)",
            f"nhiệm vụ mẫu: {self.tasks} mới, {self.flagged} báo quá hạn",
        ]


@dataclass(frozen=True)
class _Cast:
    province: Unit
    main_room: BridgePoint
    rooms: list[BridgePoint]  # commune rooms, by commune name (as operator1…operator19)
    operators: dict[int, User]  # bridge point id -> its operator
    leaders: list[User]  # one per rooms[i], i < len(COMMUNE_LEADERS)
    organizer: User
    chair: User
    secretary: User
    delegate: User
    accesses: dict[tuple[int, int], RoomAccess] = field(default_factory=dict)

    def access(self, user: User, meeting: Meeting) -> RoomAccess:
        """Who the user is in the meeting, read once: nobody's part changes while it runs."""
        key = (user.pk, meeting.pk)
        if key not in self.accesses:
            self.accesses[key] = room_access(user, meeting.pk)
        return self.accesses[key]


class _Clock:
    """The time the replayed services see; moved forward by hand as the meeting goes."""

    def __init__(self) -> None:
        self.at = timezone.now()

    def now(self) -> datetime:
        return self.at

    def set(self, day: date, hour: int, minute: int = 0) -> None:
        self.at = timezone.make_aware(datetime.combine(day, time(hour, minute)))


@contextmanager
def _clock() -> Iterator[_Clock]:
    """`timezone.now` answers the clock's time until the block ends (see the module's note)."""
    clock, real_now = _Clock(), timezone.now
    timezone.now = clock.now
    try:
        yield clock
    finally:
        timezone.now = real_now


# --- Entry point ----------------------------------------------------------------------------


@transaction.atomic
def demo_minutes(*, today: date | None = None) -> MinutesDemo:
    """Make (or find) the two demo meetings with their minutes and tasks."""
    today = today or timezone.localdate()
    cast = _cast()
    summary = MinutesDemo()
    pending_day = _free_working_day(cast.chair, today - timedelta(days=1))
    published_day = _free_working_day(cast.chair, pending_day - timedelta(days=7))
    made = not _exists(cast, PUBLISHED_TITLE)
    if made:
        _certificate(cast.province)
        with _clock() as clock:
            meeting, tasks = _published_meeting(cast, clock, published_day)
        _approve_and_publish(cast, meeting)
        summary.tasks += tasks
    summary.meetings[PUBLISHED_TITLE] = made
    made = not _exists(cast, PENDING_TITLE)
    if made:
        with _clock() as clock:
            summary.tasks += _pending_meeting(cast, clock, pending_day)
    summary.meetings[PENDING_TITLE] = made
    if summary.tasks:  # what the daily flag_overdue_tasks would have said by now
        summary.flagged = tasks_flag_overdue(today=local_today()).flagged
    return summary


def _exists(cast: _Cast, title: str) -> bool:
    return Meeting.objects.filter(host_unit=cast.province, title=title).exists()


def _free_working_day(chair: User, latest: date) -> date:
    """The latest Monday-to-Friday on or before `latest` when the chair chaired nothing."""
    day = latest
    while day.weekday() >= 5 or Meeting.objects.filter(chair=chair, start__date=day).exists():
        day -= timedelta(days=1)
    return day


# --- People and rooms -----------------------------------------------------------------------


def _cast() -> _Cast:
    province = Unit.objects.get(code=province_unit_code(PROVINCE_CODE))
    rooms = list(
        BridgePointGroup.objects.get(owner_unit=province, name=GROUP_NAME)
        .bridge_points.select_related("unit")
        .order_by("unit__name")
    )
    operators = {
        m.bridge_point_id: m.user
        for m in Membership.objects.filter(role=Role.OPERATOR, bridge_point__in=rooms)
        .select_related("user")
        .order_by("pk")
    }
    people = {
        u.username: u
        for u in User.objects.filter(username__in=["organizer", "chair", "secretary", "delegate"])
    }
    return _Cast(
        province=province,
        main_room=BridgePoint.objects.get(unit=province, name=MAIN_ROOM_NAME),
        rooms=rooms,
        operators=operators,
        leaders=[_leader(n, rooms[n]) for n in range(len(COMMUNE_LEADERS))],
        organizer=people["organizer"],
        chair=people["chair"],
        secretary=people["secretary"],
        delegate=people["delegate"],
    )


def _leader(index: int, room: BridgePoint) -> User:
    name, title = COMMUNE_LEADERS[index]
    commune = room.unit.name[:1].lower() + room.unit.name[1:]  # "Xã Ba Sơn" -> "xã Ba Sơn"
    username = f"daibieuxa{index + 1}"
    user, _created = User.objects.get_or_create(
        username=username,
        defaults={
            "full_name": name,
            "position": f"{title} {commune}",
            "email": f"{username}@{EMAIL_DOMAIN}",
            "password": make_password(None),  # unusable: they do not sign in
        },
    )
    Membership.objects.get_or_create(user=user, unit=room.unit, role=Role.DELEGATE)
    return user


# --- Steps of a meeting, as the people in it take them ---------------------------------------


def _book(
    cast: _Cast,
    clock: _Clock,
    title: str,
    day: date,
    hours: tuple[time, time],
    rooms: list[BridgePoint],
    declining: BridgePoint | None = None,
) -> Meeting:
    """The organizer books the meeting four days ahead; the communes answer the next day."""
    clock.set(day - timedelta(days=4), 9, 10)
    meeting = meeting_schedule(
        actor=cast.organizer,
        notify=False,
        data=MeetingInput(
            title=title,
            host_unit_id=cast.province.pk,
            main_bridge_point_id=cast.main_room.pk,
            chair_id=cast.chair.pk,
            secretary_id=cast.secretary.pk,
            start=timezone.make_aware(datetime.combine(day, hours[0])),
            end=timezone.make_aware(datetime.combine(day, hours[1])),
            kind=Meeting.Kind.ONLINE,
            description=f"{title}, kết nối trực tuyến đến các điểm cầu xã.",
            bridge_point_ids=[r.pk for r in rooms],
            participants=[
                (cast.delegate.pk, cast.main_room.pk),
                *((leader.pk, r.pk) for leader, r in zip(cast.leaders, rooms, strict=False)),
            ],
        ),
    )
    clock.set(day - timedelta(days=3), 10, 0)
    for index, bridge_point in enumerate(rooms):
        clock.at += timedelta(minutes=17)
        declines = bridge_point == declining
        invitation_respond(
            actor=cast.operators[bridge_point.pk],
            meeting_id=meeting.pk,
            bridge_point_id=bridge_point.pk,
            accept=not declines,
            reason=DECLINE_REASON if declines else "",
            expected_attendees=None if declines else 2 + index % 4,
        )
    return meeting


def _items(
    cast: _Cast, meeting: Meeting, specs: list[tuple[str, str, int, User | None]]
) -> list[AgendaItem]:
    return [
        agenda_item_create(
            actor=cast.organizer,
            meeting_id=meeting.pk,
            data=ItemInput(
                title=title,
                kind=kind,
                planned_minutes=minutes,
                presenter_user_id=presenter.pk if presenter else None,
            ),
        )
        for title, kind, minutes, presenter in specs
    ]


def _operator(cast: _Cast, meeting: Meeting, index: int) -> RoomAccess:
    return cast.access(cast.operators[cast.rooms[index].pk], meeting)


def _check_in(cast: _Cast, clock: _Clock, meeting: Meeting, rooms: int) -> None:
    """The main room and each joining commune report ready; the communes' video joins."""
    presence.check_in_submit(
        access=cast.access(cast.organizer, meeting),
        bridge_point_id=cast.main_room.pk,
        technician_present=True,
        video_tested=True,
        connection_quality="good",
        connection_stats={},
        headcount=24,
    )
    for index in range(rooms):
        clock.at += timedelta(minutes=2)
        operator, bridge_point = _operator(cast, meeting, index), cast.rooms[index]
        presence.check_in_submit(
            access=operator,
            bridge_point_id=bridge_point.pk,
            technician_present=True,
            video_tested=True,
            connection_quality="fair" if index % 3 == 2 else "good",
            connection_stats={},
            headcount=3 + index % 5,
        )
        presence.video_join(
            access=operator,
            participant_id=f"demo-{bridge_point.pk}",
            bridge_point_id=bridge_point.pk,
        )


def _roll_call(cast: _Cast, meeting: Meeting, marks: list[tuple[str, str]]) -> None:
    """The secretary marks the main room; each commune's operator marks its leader
    (marks[i] = (status, reason) of the leader at rooms[i])."""
    presence.roll_call_mark(
        access=cast.access(cast.secretary, meeting),
        marks=[RollCallMark(cast.delegate.pk, "present_room")],
    )
    for index, (status, reason) in enumerate(marks):
        presence.roll_call_mark(
            access=_operator(cast, meeting, index),
            marks=[RollCallMark(cast.leaders[index].pk, status, reason)],
        )


def _turn(
    cast: _Cast, clock: _Clock, meeting: Meeting, index: int, topic: str, minutes: int
) -> None:
    """A commune's operator asks the floor for its leader; the chair gives it, then ends it."""
    chair = cast.access(cast.chair, meeting)
    asked = floor.speaker_request(
        access=_operator(cast, meeting, index), user_id=cast.leaders[index].pk, topic=topic
    )
    clock.at += timedelta(minutes=1)
    floor.speaker_grant(access=chair, request_id=asked.pk)
    clock.at += timedelta(minutes=minutes)
    floor.speaker_end(access=chair)


def _write(
    secretary: RoomAccess, item: AgendaItem | None, *, note: str = "", conclusion: str = ""
) -> None:
    """The secretary's note and conclusion on an item (None: the meeting as a whole)."""
    item_id = item.pk if item else None
    for kind, text in (("note", note), ("conclusion", conclusion)):
        if text:
            notes.note_save(access=secretary, item_id=item_id, kind=kind, text=text, base_version=0)


def _vote(
    cast: _Cast,
    clock: _Clock,
    meeting: Meeting,
    item: AgendaItem,
    question: str,
    ballots: dict[int | None, int],
    *,
    secret: bool,
) -> None:
    """The chair opens a vote; the delegate (key None) votes on a tablet, operators vote for
    the leaders of their rooms (key: index in rooms); the chair closes it."""
    chair = cast.access(cast.chair, meeting)
    poll = votes.poll_create(access=chair, question=question, item_id=item.pk, secret=secret)
    clock.at += timedelta(minutes=1)
    votes.poll_open(access=chair, poll_id=poll.pk)
    for index, option in ballots.items():
        clock.at += timedelta(seconds=20)
        if index is None:
            access, voter_id = cast.access(cast.delegate, meeting), None
        else:
            access, voter_id = _operator(cast, meeting, index), cast.leaders[index].pk
        votes.vote_cast(
            access=access,
            poll_id=poll.pk,
            option=option,
            voter_id=voter_id,
            message_id=f"demo-{poll.pk}-{index}",
        )
    clock.at += timedelta(minutes=2)
    votes.poll_close(access=chair, poll_id=poll.pk)


def _end(cast: _Cast, meeting: Meeting, rooms: int) -> None:
    room.meeting_end(access=cast.access(cast.chair, meeting))
    for index in range(rooms):
        presence.video_leave(access=_operator(cast, meeting, index))
    # As for the demo's other past meetings (meeting_end_past): an ended meeting holds no room.
    Booking.objects.filter(meeting=meeting).delete()


def _draft(cast: _Cast, meeting: Meeting) -> MinutesVersion:
    return minutes_draft_build(actor=cast.secretary, meeting_id=meeting.pk)


def _submit(cast: _Cast, meeting: Meeting, version: MinutesVersion) -> None:
    minutes_submit(actor=cast.secretary, meeting_id=meeting.pk, number=version.number)


# --- The meeting whose minutes are published -------------------------------------------------


def _published_meeting(cast: _Cast, clock: _Clock, day: date) -> tuple[Meeting, int]:
    """Held on `day` with everything the live room records; its minutes submitted the next
    morning; its first conclusion given to two communes, one of which reports it done."""
    invited = cast.rooms[:ROOMS_INVITED]
    meeting = _book(
        cast, clock, PUBLISHED_TITLE, day, (time(14, 0), time(16, 30)), invited, invited[-1]
    )
    items = _items(
        cast,
        meeting,
        [
            (
                "Báo cáo tiến độ thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới",
                ItemKind.REPORT,
                30,
                cast.delegate,
            ),
            ("Công tác phòng, chống thiên tai và tìm kiếm cứu nạn", ItemKind.DISCUSSION, 40, None),
            ("Kiện toàn Tổ công tác liên ngành", ItemKind.DECISION, 15, None),
        ],
    )
    report = "Báo cáo tiến độ xây dựng nông thôn mới"
    document_create(
        actor=cast.organizer,
        meeting_id=meeting.pk,
        fields=DocumentFields(title=report, agenda_item_id=items[0].pk),
        upload=ContentFile(demo_report_pdf(report), name="bao-cao-nong-thon-moi.pdf"),
    )
    agenda_publish(actor=cast.organizer, meeting_id=meeting.pk)

    joined = ROOMS_INVITED - 1  # the last invited room declined
    clock.set(day, 13, 30)
    _check_in(cast, clock, meeting, joined)
    clock.set(day, 13, 55)
    _roll_call(
        cast,
        meeting,
        [
            ("present_room", ""),
            ("present_room", ""),
            ("absent", "Đi công tác tại Hà Nội theo kế hoạch của tỉnh."),
            ("present_online", ""),
            ("present_room", ""),
        ],
    )
    chair = cast.access(cast.chair, meeting)
    secretary = cast.access(cast.secretary, meeting)
    clock.set(day, 14, 2)
    room.meeting_start(access=chair)

    # 1. The report; two communes speak; a named vote.
    clock.set(day, 14, 25)
    _turn(cast, clock, meeting, 0, "Kiến nghị bổ sung vốn làm đường giao thông nông thôn", 5)
    _turn(cast, clock, meeting, 4, "Khó khăn trong giải phóng mặt bằng", 4)
    _write(
        secretary,
        items[0],
        note=(
            "Giám đốc Sở Nông nghiệp và Môi trường báo cáo: toàn tỉnh có 58 xã đạt chuẩn nông "
            "thôn mới; giải ngân vốn chương trình đạt 71% kế hoạch.\n"
            "Các xã đề nghị ưu tiên vốn cho đường giao thông liên thôn."
        ),
        conclusion=CONCLUSION_PUBLISHED[0],
    )
    _vote(
        cast,
        clock,
        meeting,
        items[0],
        "Thông qua danh sách công trình giao thông nông thôn ưu tiên bố trí vốn",
        {None: 0, 0: 0, 1: 0, 4: 1},
        secret=False,
    )

    # 2. The discussion; two more turns.
    clock.set(day, 14, 50)
    room.agenda_goto(access=chair, item_id=items[1].pk)
    clock.set(day, 15, 5)
    _turn(cast, clock, meeting, 1, "Tình hình sạt lở đất sau đợt mưa lớn", 6)
    _turn(cast, clock, meeting, 0, "Đề nghị hỗ trợ vật tư, phương tiện dự phòng", 3)
    _write(
        secretary,
        items[1],
        note="Hai xã báo cáo nguy cơ sạt lở tại 7 điểm dân cư; đã di dời 14 hộ đến nơi an toàn.",
        conclusion=CONCLUSION_PUBLISHED[1],
    )

    # 3. A secret vote on who leads the working group.
    clock.set(day, 15, 30)
    room.agenda_goto(access=chair, item_id=items[2].pk)
    clock.set(day, 15, 32)
    _vote(
        cast,
        clock,
        meeting,
        items[2],
        "Giới thiệu ông Lăng Đức Cường làm Tổ trưởng Tổ công tác liên ngành",
        {None: 0, 0: 0, 1: 1, 4: 0},
        secret=True,
    )
    _write(secretary, items[2], conclusion=CONCLUSION_PUBLISHED[2])
    clock.set(day, 15, 45)
    _write(secretary, None, conclusion=GENERAL_CONCLUSION)
    clock.set(day, 15, 50)
    _end(cast, meeting, joined)

    clock.set(day, 16, 20)
    tasks = task_assign(
        actor=cast.organizer,
        meeting=meeting,
        agenda_item=items[0],
        conclusion=CONCLUSION_PUBLISHED[0],
        unit_ids=[cast.rooms[0].unit_id, cast.rooms[1].unit_id],
        deadline=day + timedelta(days=5),
    )
    clock.set(day, 16, 40)
    draft = _draft(cast, meeting)
    clock.set(day + timedelta(days=1), 8, 30)
    header = {**draft.content["header"], "number": MINUTES_NUMBER, "agency": AGENCY}
    edited = minutes_version_save(
        actor=cast.secretary,
        meeting_id=meeting.pk,
        base_number=draft.number,
        content={**draft.content, "header": header},
        note="Ghi số biên bản và tên cơ quan ban hành",
    )
    clock.at += timedelta(minutes=15)
    _submit(cast, meeting, edited)
    clock.set(day + timedelta(days=3), 15, 40)
    done = next(t for t in tasks if t.assignee_unit_id == cast.rooms[0].unit_id)
    task_complete(actor=cast.operators[cast.rooms[0].pk], task=done, report=DONE_REPORT)
    return meeting, len(tasks)


def _approve_and_publish(cast: _Cast, meeting: Meeting) -> None:
    """On the real clock: the chair approves (the PDF is signed), the secretary publishes."""
    minutes = Minutes.objects.get(meeting=meeting)
    number = minutes.versions.order_by("-number").values_list("number", flat=True)[0]
    minutes_approve(actor=cast.chair, meeting_id=meeting.pk, number=number)
    minutes_publish(actor=cast.secretary, minutes=minutes)


# --- The meeting whose minutes wait for the chair ---------------------------------------------


def _pending_meeting(cast: _Cast, clock: _Clock, day: date) -> int:
    """Held on `day`, smaller; its minutes submitted the same afternoon; a commune has an
    open task from its second conclusion."""
    rooms = len(COMMUNE_LEADERS)
    meeting = _book(cast, clock, PENDING_TITLE, day, (time(14, 0), time(16, 0)), cast.rooms[:rooms])
    items = _items(
        cast,
        meeting,
        [
            ("Báo cáo kết quả rà soát hộ nghèo, hộ cận nghèo", ItemKind.REPORT, 30, None),
            ("Kế hoạch hỗ trợ nhà ở cho hộ nghèo", ItemKind.DISCUSSION, 45, None),
        ],
    )
    clock.set(day, 13, 35)
    _check_in(cast, clock, meeting, rooms)
    clock.set(day, 13, 55)
    present = ("present_room", "")
    _roll_call(cast, meeting, [present] * (rooms - 1) + [("absent", "Dự họp Đảng ủy xã.")])
    chair = cast.access(cast.chair, meeting)
    secretary = cast.access(cast.secretary, meeting)
    clock.set(day, 14, 0)
    room.meeting_start(access=chair)
    clock.set(day, 14, 20)
    _turn(cast, clock, meeting, 2, "Hộ thoát nghèo chưa bền vững", 5)
    _write(
        secretary,
        items[0],
        note="Tỷ lệ hộ nghèo toàn tỉnh giảm còn 9,8%; còn 3 xã chưa cập nhật dữ liệu lên phần mềm.",
        conclusion=CONCLUSION_PENDING[0],
    )
    clock.set(day, 14, 45)
    room.agenda_goto(access=chair, item_id=items[1].pk)
    clock.set(day, 15, 0)
    _turn(cast, clock, meeting, 1, "Đề nghị tăng mức hỗ trợ làm nhà cho hộ nghèo vùng cao", 6)
    _write(secretary, items[1], conclusion=CONCLUSION_PENDING[1])
    clock.set(day, 15, 40)
    _end(cast, meeting, rooms)

    clock.set(day, 16, 5)
    tasks = task_assign(
        actor=cast.organizer,
        meeting=meeting,
        agenda_item=items[1],
        conclusion=CONCLUSION_PENDING[1],
        unit_ids=[cast.rooms[2].unit_id],
        deadline=day + timedelta(days=14),
    )
    clock.set(day, 16, 40)
    draft = _draft(cast, meeting)
    clock.at += timedelta(minutes=15)
    _submit(cast, meeting, draft)
    return len(tasks)


# --- The demo certificate -------------------------------------------------------------------


def _name(common_name: str, organization: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _key_usage(*, signs_certificates: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not signs_certificates,
        content_commitment=not signs_certificates,  # non-repudiation, as on signing tokens
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=signs_certificates,
        crl_sign=signs_certificates,
        encipher_only=False,
        decipher_only=False,
    )


def _certificate(unit: Unit) -> SigningCertificate:
    """The unit's certificate: kept if there is one, else a demo CA and a signing certificate
    made here, whose names say they are worth nothing outside the demo."""
    existing = SigningCertificate.objects.filter(unit=unit).first()
    if existing is not None:
        return existing
    now = datetime.now(UTC)
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca_name = _name(DEMO_CA_NAME, DEMO_LABEL)
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=366 * (CERTIFICATE_YEARS + 1)))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(signs_certificates=True), critical=True)
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_name(DEMO_LABEL, unit.name))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=366 * CERTIFICATE_YEARS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(signs_certificates=False), critical=True)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    password = secrets.token_urlsafe(18)
    p12 = pkcs12.serialize_key_and_certificates(
        name=DEMO_LABEL.encode(),
        key=key,
        cert=certificate,
        cas=[ca],  # the CA travels in the .p12: this deployment then trusts it (agenda.signing)
        encryption_algorithm=serialization.BestAvailableEncryption(password.encode()),
    )
    return SigningCertificate.objects.create(
        unit=unit,
        p12=p12,
        password_encrypted=password_encrypt(password),
        subject=certificate.subject.rfc4514_string()[:300],
        not_after=certificate.not_valid_after_utc,
    )
