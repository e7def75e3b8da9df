"""Demo data: Lạng Sơn, its main room, 19 commune rooms, people and a year of meetings.

Meetings are booked through meeting_schedule and series_schedule, so the demo never
holds a state the booking rule forbids; past ones are then ended by meeting_end_past.
Idempotent: units come from the import service, rooms, groups and people are found by
their natural keys, meetings by (host unit, title, start). Each random choice comes
from a generator seeded with the demo seed and the thing it is for, so what a second
run skips shifts nothing else, and a second run in the same week changes nothing.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.meeting_input import MeetingInput
from meetings.models import (
    Booking,
    BridgePoint,
    BridgePointGroup,
    Invitation,
    Meeting,
    MeetingSeries,
    Membership,
    Participant,
    Role,
    Unit,
    User,
)
from meetings.services.scheduling import meeting_schedule, series_schedule
from meetings.services.units import units_import_province

PROVINCE_CODE = 20  # Lạng Sơn
ROOM_COUNT = 19  # as in the Bình Gia field report
MAIN_ROOM_NAME = "Phòng họp trực tuyến UBND tỉnh"
COMMUNE_ROOM_NAME = "Phòng họp trực tuyến UBND xã"
GROUP_NAME = "19 xã điểm cầu"
EMAIL_DOMAIN = "langson.diemcau.local"
WEEKLY_TITLE = "Giao ban trực tuyến UBND tỉnh với các xã"
WEEKLY_TIMES = (time(8, 0), time(10, 30))
# Booked for the day the demo is seeded, starting soon, so the live room can be tried at once.
TODAY_TITLE = "Họp trực tuyến thử phòng họp hôm nay"
TODAY_ROOMS = 6
PAST_WEEKS = 52
SERIES_COUNT = 4
DECLINE_RATE = 0.07
PAST = "cuộc họp đã kết thúc"
UPCOMING = "cuộc họp sắp tới"

PAST_THEMES = [
    "Hội nghị triển khai công tác phòng, chống thiên tai và tìm kiếm cứu nạn",
    "Họp chuyên đề về tiến độ giải ngân vốn đầu tư công",
    "Hội nghị sơ kết 6 tháng đầu năm",
    "Họp triển khai Chương trình mục tiêu quốc gia xây dựng nông thôn mới",
    "Hội nghị về công tác cải cách hành chính và chuyển đổi số",
    "Họp chuyên đề phòng, chống dịch bệnh trên đàn gia súc",
    "Hội nghị tổng kết công tác năm và triển khai nhiệm vụ năm mới",
    "Họp về công tác bảo vệ và phòng cháy, chữa cháy rừng",
]
UPCOMING_THEMES = [
    "Hội nghị trực tuyến triển khai kế hoạch chuyển đổi số",
    "Họp chuyên đề về thu ngân sách nhà nước trên địa bàn các xã",
    "Hội nghị tập huấn sử dụng hệ thống họp không giấy",
    "Họp triển khai công tác chuẩn bị Tết Nguyên đán",
]
THEME_TIMES = [(time(8, 0), time(11, 0)), (time(14, 0), time(16, 30))]
DECLINE_REASONS = [
    "Xã đang tập trung ứng phó mưa lũ, sạt lở đất.",
    "Mất kết nối internet do sự cố cáp quang.",
    "Lãnh đạo xã đi công tác, đã báo cáo bằng văn bản.",
    "Mất điện trên địa bàn xã.",
]

SURNAMES = ["Hoàng", "Nông", "Lăng", "Vi", "Lục", "Hà", "Lương", "Triệu", "Nguyễn", "Chu"]
MALE = (["Văn", "Đức", "Minh", "Hữu"], ["Hùng", "Dũng", "Tuấn", "Thắng", "Cường", "Sơn", "Hải"])
FEMALE = (["Thị"], ["Lan", "Hoa", "Hương", "Mai", "Linh", "Thảo", "Trang", "Huyền"])

# username: (full name, position, role at the province)
PERSONAS: dict[str, tuple[str, str, Role]] = {
    "organizer": ("Hoàng Thị Thu Hà", "Chuyên viên Văn phòng UBND tỉnh", Role.ORGANIZER),
    "chair": ("Nông Văn Thắng", "Phó Chủ tịch UBND tỉnh", Role.CHAIR),
    "secretary": ("Lương Thị Mai", "Chuyên viên Văn phòng UBND tỉnh", Role.SECRETARY),
    "delegate": ("Lăng Đức Cường", "Giám đốc Sở Nông nghiệp và Môi trường", Role.DELEGATE),
    "observer": ("Vi Thị Hồng", "Phóng viên Báo Lạng Sơn", Role.OBSERVER),
}


@dataclass
class DemoSummary:
    """How many rows the run created, next to how many there are in all."""

    created: dict[str, int] = field(default_factory=dict)
    total: dict[str, int] = field(default_factory=dict)

    def count(self, what: str, created: bool) -> None:
        self.created[what] = self.created.get(what, 0) + int(created)
        self.total[what] = self.total.get(what, 0) + 1

    def lines(self) -> list[str]:
        return [f"{what}: {self.total[what]} ({self.created[what]} mới)" for what in self.total]


@dataclass
class _Cast:
    seed: int
    province: Unit
    main_room: BridgePoint
    rooms: list[BridgePoint]
    people: dict[str, User]
    operators: dict[int, User]  # bridge point id -> the operator who answers for it


def _rng(seed: int, *key: object) -> random.Random:
    """A generator of its own for each thing drawn, so a skipped item shifts nothing else."""
    return random.Random(":".join(str(part) for part in (seed, *key)))  # noqa: S311 - demo data


@transaction.atomic
def meeting_end_past(*, meeting: Meeting, now: datetime | None = None) -> Meeting:
    """Mark a held meeting that is over as ended; like a cancellation, it frees its rooms."""
    now = now or timezone.now()
    if meeting.status not in (Meeting.Status.SCHEDULED, Meeting.Status.LIVE):
        raise ValidationError(_("Chỉ cuộc họp đã lên lịch hoặc đang họp mới kết thúc được."))
    if meeting.end > now:
        raise ValidationError(_("Cuộc họp chưa đến giờ kết thúc."))
    meeting.status = Meeting.Status.ENDED
    meeting.save(update_fields=["status", "updated_at"])
    Booking.objects.filter(meeting=meeting).delete()
    return meeting


@transaction.atomic
def demo_build(*, password: str, today: date | None = None, seed: int = 2025) -> DemoSummary:
    """Create (or find) the whole demo; `today` anchors the year of meetings."""
    if not password:
        raise ValidationError({"password": [_("Nhập mật khẩu cho các tài khoản mẫu.")]})
    today = today or timezone.localdate()
    summary = DemoSummary()
    imported = units_import_province(code=PROVINCE_CODE)
    summary.created["đơn vị"] = imported.created
    summary.total["đơn vị"] = imported.total
    cast = _cast(seed, imported.province, _PasswordSetter(password), summary)
    this_monday = today - timedelta(days=today.weekday())
    _past_meetings(cast, this_monday, summary)
    _upcoming_meetings(cast, this_monday, summary)
    _todays_meeting(cast, summary)
    return summary


class _PasswordSetter:
    """Give every demo account one password, hashing and checking it once per run."""

    def __init__(self, password: str):
        self.password = password
        self.encoded = make_password(password)
        self.checked: dict[str, bool] = {}

    def apply(self, user: User) -> bool:
        """Set the password unless the user already has it; say whether it changed."""
        if user.password not in self.checked:
            self.checked[user.password] = check_password(self.password, user.password)
        if self.checked[user.password]:
            return False
        user.password = self.encoded
        return True


def _person_name(rng: random.Random) -> str:
    middles, givens = rng.choice([MALE, FEMALE])
    return f"{rng.choice(SURNAMES)} {rng.choice(middles)} {rng.choice(givens)}"


def _phone(rng: random.Random) -> str:
    return "0" + rng.choice("389") + "".join(rng.choice("0123456789") for _i in range(8))


def _room_of(seed: int, commune: Unit, province: Unit) -> tuple[BridgePoint, bool]:
    rng = _rng(seed, "room", commune.code)
    distance = round(rng.uniform(5, 60), 1)
    # Mountain roads: about two minutes a kilometre, slower still on the worst ones.
    minutes = round(distance * 2 * rng.uniform(0.9, 1.2))
    hardship = rng.random() < (0.7 if distance > 35 else 0.2)
    return BridgePoint.objects.get_or_create(
        unit=commune,
        name=COMMUNE_ROOM_NAME,
        defaults={
            "address": f"Trụ sở UBND {commune.name}, {province.name}",
            "distance_km": Decimal(str(distance)),
            "travel_minutes": minutes,
            "is_hardship": hardship,
            "technician_name": _person_name(rng),
            "technician_phone": _phone(rng),
            "capacity": rng.choice([15, 20, 25, 30]),
            "equipment_note": "Camera, micro đa hướng, màn hình 65 inch, đường truyền cáp quang.",
        },
    )


def _user(
    username: str,
    full_name: str,
    position: str,
    phone: str,
    passwords: _PasswordSetter,
    summary: DemoSummary,
    **flags: bool,
) -> User:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "full_name": full_name,
            "position": position,
            "phone": phone,
            "email": f"{username}@{EMAIL_DOMAIN}",
            **flags,
        },
    )
    if passwords.apply(user):
        user.save(update_fields=["password"])
    summary.count("người dùng", created)
    return user


def _member(user: User, unit: Unit, role: Role, bridge_point: BridgePoint | None = None) -> None:
    Membership.objects.get_or_create(user=user, unit=unit, role=role, bridge_point=bridge_point)


def _cast(seed: int, province: Unit, passwords: _PasswordSetter, summary: DemoSummary) -> _Cast:
    technician = _rng(seed, "room", province.code)
    main_room, created = BridgePoint.objects.get_or_create(
        unit=province,
        name=MAIN_ROOM_NAME,
        defaults={
            "address": f"Trụ sở UBND {province.name}",
            "distance_km": Decimal(0),
            "travel_minutes": 0,
            "capacity": 60,
            "technician_name": _person_name(technician),
            "technician_phone": _phone(technician),
        },
    )
    summary.count("điểm cầu", created)
    communes = list(Unit.objects.filter(parent=province, kind=Unit.Kind.COMMUNE).order_by("code"))
    chosen = sorted(_rng(seed, "communes").sample(communes, ROOM_COUNT), key=lambda u: u.name)
    rooms = []
    for commune in chosen:
        room, created = _room_of(seed, commune, province)
        summary.count("điểm cầu", created)
        rooms.append(room)
    group, _created = BridgePointGroup.objects.get_or_create(owner_unit=province, name=GROUP_NAME)
    group.bridge_points.set(rooms)

    people = {}
    for username, (full_name, position, role) in PERSONAS.items():
        phone = _phone(_rng(seed, "person", username))
        people[username] = _user(username, full_name, position, phone, passwords, summary)
        _member(people[username], province, role)
    _user(
        "admin",
        "Quản trị hệ thống",
        "Trung tâm Công nghệ thông tin",
        "",
        passwords,
        summary,
        is_staff=True,
        is_superuser=True,
    )
    operators = {}
    for number, room in enumerate(rooms, start=1):
        operator = _user(
            f"operator{number}",
            room.technician_name,
            "Công chức phụ trách điểm cầu xã",
            room.technician_phone,
            passwords,
            summary,
        )
        _member(operator, room.unit, Role.OPERATOR, room)
        operators[room.pk] = operator
    return _Cast(seed, province, main_room, rooms, people, operators)


def _at(day: date, at: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, at))


def _input(
    cast: _Cast,
    title: str,
    day: date,
    times: tuple[time, time],
    rooms: list[BridgePoint],
    with_observer: bool = False,
    kind: str = Meeting.Kind.ONLINE,
    description: str = "",
) -> MeetingInput:
    participants = [(cast.people["delegate"].pk, cast.main_room.pk)]
    if with_observer:
        participants.append((cast.people["observer"].pk, cast.main_room.pk))
    return MeetingInput(
        title=title,
        host_unit_id=cast.province.pk,
        main_bridge_point_id=cast.main_room.pk,
        chair_id=cast.people["chair"].pk,
        secretary_id=cast.people["secretary"].pk,
        start=_at(day, times[0]),
        end=_at(day, times[1]),
        kind=kind,
        description=description,
        bridge_point_ids=[room.pk for room in rooms],
        participants=participants,
    )


def _themed_input(cast: _Cast, title: str, monday: date) -> MeetingInput:
    rng = _rng(cast.seed, "meeting", title, monday)
    day = monday + timedelta(days=rng.randint(1, 4))  # Tuesday to Friday
    rooms = sorted(rng.sample(cast.rooms, rng.randint(8, ROOM_COUNT)), key=lambda r: r.pk)
    kind = rng.choice([Meeting.Kind.ONLINE, Meeting.Kind.HYBRID])
    return _input(
        cast,
        title,
        day,
        rng.choice(THEME_TIMES),
        rooms,
        with_observer=True,
        kind=kind,
        description=f"{title}, kết nối trực tuyến đến các điểm cầu xã.",
    )


def _exists(cast: _Cast, data: MeetingInput) -> bool:
    return Meeting.objects.filter(
        host_unit=cast.province, title=data.title, start=data.start
    ).exists()


def _answer(cast: _Cast, meeting: Meeting, share: float) -> None:
    """Operators answer `share` of the invitations: mostly yes, now and then no.

    Written in one update rather than through invitation_respond, which would stamp
    every answer "now" (and costs a visibility query per answer, 1,200 of them).
    """
    rng = _rng(cast.seed, "answers", meeting.title, meeting.start.isoformat())
    latest = min(meeting.start, timezone.now())
    answered = []
    for invitation in meeting.invitations.order_by("bridge_point_id"):
        if rng.random() >= share:
            continue
        accept = rng.random() >= DECLINE_RATE
        invitation.response = (
            Invitation.Response.ACCEPTED if accept else Invitation.Response.DECLINED
        )
        invitation.expected_attendees = rng.randint(2, 5) if accept else None
        invitation.decline_reason = "" if accept else rng.choice(DECLINE_REASONS)
        invitation.responded_by = cast.operators[invitation.bridge_point_id]
        invitation.responded_at = latest - timedelta(hours=rng.randint(1, 72))
        answered.append(invitation)
    Invitation.objects.bulk_update(
        answered,
        ["response", "expected_attendees", "decline_reason", "responded_by", "responded_at"],
    )


def _book_once(
    cast: _Cast,
    data: MeetingInput,
    summary: DemoSummary,
    what: str,
    finish: Callable[[Meeting], object],
) -> None:
    """Book one meeting unless it is already there, then let `finish` complete it."""
    if _exists(cast, data):
        summary.count(what, False)
        return
    meeting = meeting_schedule(
        actor=cast.people["organizer"], data=data, allow_past=True, notify=False
    )
    # Booking takes every person as a delegate; the guest only watches.
    Participant.objects.filter(meeting=meeting, user=cast.people["observer"]).update(
        role=Participant.ParticipantRole.OBSERVER
    )
    finish(meeting)
    summary.count(what, True)


def _past_meetings(cast: _Cast, this_monday: date, summary: DemoSummary) -> None:
    """A weekly briefing every Monday of the past year, and eight thematic meetings."""
    weeks = _rng(cast.seed, "themes").sample(range(1, PAST_WEEKS + 1), len(PAST_THEMES))
    themed_weeks = dict(zip(weeks, PAST_THEMES, strict=True))

    def held(meeting: Meeting) -> None:
        _answer(cast, meeting, share=1.0)
        meeting_end_past(meeting=meeting)

    for weeks_ago in range(PAST_WEEKS, 0, -1):
        monday = this_monday - timedelta(weeks=weeks_ago)
        data = _input(cast, WEEKLY_TITLE, monday, WEEKLY_TIMES, cast.rooms)
        _book_once(cast, data, summary, PAST, held)
        if weeks_ago in themed_weeks:
            data = _themed_input(cast, themed_weeks[weeks_ago], monday)
            _book_once(cast, data, summary, PAST, held)


def _todays_meeting(cast: _Cast, summary: DemoSummary) -> None:
    """A meeting starting half an hour after seeding: operators can check in right away."""
    now = timezone.localtime()
    if Meeting.objects.filter(
        host_unit=cast.province, title=TODAY_TITLE, start__date=now.date()
    ).exists():
        summary.count(UPCOMING, False)
        return
    start = (now + timedelta(minutes=35)).replace(second=0, microsecond=0)
    start -= timedelta(minutes=start.minute % 5)
    data = _input(
        cast, TODAY_TITLE, start.date(), (start.time(), time(0)), cast.rooms[:TODAY_ROOMS]
    )
    data.start, data.end = start, start + timedelta(hours=2)
    _book_once(cast, data, summary, UPCOMING, lambda m: _answer(cast, m, share=1.0))


def _upcoming_meetings(cast: _Cast, this_monday: date, summary: DemoSummary) -> None:
    """The next four Monday briefings as one series, and four thematic meetings."""
    data = _input(cast, WEEKLY_TITLE, this_monday + timedelta(weeks=1), WEEKLY_TIMES, cast.rooms)
    if _exists(cast, data):
        for _week in range(SERIES_COUNT):
            summary.count(UPCOMING, False)
    else:
        for meeting in series_schedule(
            actor=cast.people["organizer"],
            data=data,
            frequency=MeetingSeries.Frequency.WEEKLY,
            count=SERIES_COUNT,
        ):
            _answer(cast, meeting, share=0.5)
            summary.count(UPCOMING, True)
    for weeks_ahead, title in enumerate(UPCOMING_THEMES, start=1):
        data = _themed_input(cast, title, this_monday + timedelta(weeks=weeks_ahead))
        _book_once(cast, data, summary, UPCOMING, lambda m: _answer(cast, m, share=0.5))
