"""A small province with communes, rooms and the personas every test speaks of."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from meetings.meeting_input import MeetingInput
from meetings.models import BridgePoint, Membership, Role, Unit, User

PASSWORD = "mat-khau-thu-nghiem"


@dataclass
class World:
    province: Unit
    communes: list[Unit]
    main_room: BridgePoint
    rooms: list[BridgePoint]
    organizer: User
    chair: User
    secretary: User
    operator: User  # runs rooms[0]
    delegate: User
    outsider: User
    other_province: Unit
    other_room: BridgePoint
    other_organizer: User

    def meeting_input(
        self,
        *,
        start: datetime | None = None,
        hours: float = 2,
        rooms: list[BridgePoint] | None = None,
        title: str = "Giao ban tuần",
        **extra,
    ) -> MeetingInput:
        start = start or next_morning()
        return MeetingInput(
            title=title,
            host_unit_id=self.province.pk,
            main_bridge_point_id=self.main_room.pk,
            chair_id=self.chair.pk,
            secretary_id=self.secretary.pk,
            start=start,
            end=start + timedelta(hours=hours),
            bridge_point_ids=[r.pk for r in (rooms if rooms is not None else self.rooms)],
            **extra,
        )


def next_morning(days: int = 1, hour: int = 8) -> datetime:
    local = timezone.localtime() + timedelta(days=days)
    return local.replace(hour=hour, minute=0, second=0, microsecond=0)


def make_user(
    username: str,
    unit: Unit | None = None,
    *roles: Role,
    bridge_point: BridgePoint | None = None,
    **fields,
) -> User:
    user = User.objects.create_user(
        username,
        email=f"{username}@example.gov.vn",
        password=PASSWORD,
        full_name=fields.pop("full_name", username.title()),
        **fields,
    )
    for role in roles:
        Membership.objects.create(user=user, unit=unit, role=role, bridge_point=bridge_point)
    return user


def build_world() -> World:
    province = Unit.objects.create(code="20", name="Tỉnh Lạng Sơn", kind=Unit.Kind.PROVINCE)
    communes = [
        Unit.objects.create(
            code=f"0{6000 + i}", name=f"Xã Thử {i}", kind=Unit.Kind.COMMUNE, parent=province
        )
        for i in range(1, 4)
    ]
    main_room = BridgePoint.objects.create(
        unit=province, name="Phòng họp trực tuyến tỉnh", distance_km=0, travel_minutes=0
    )
    rooms = [
        BridgePoint.objects.create(
            unit=c, name="Hội trường UBND xã", distance_km=10 * (i + 1), travel_minutes=20 * (i + 1)
        )
        for i, c in enumerate(communes)
    ]
    other_province = Unit.objects.create(code="04", name="Tỉnh Cao Bằng", kind=Unit.Kind.PROVINCE)
    other_room = BridgePoint.objects.create(unit=other_province, name="Phòng họp Cao Bằng")
    return World(
        province=province,
        communes=communes,
        main_room=main_room,
        rooms=rooms,
        organizer=make_user("organizer", province, Role.ORGANIZER),
        chair=make_user("chair", province, Role.CHAIR, full_name="Nguyễn Văn Chủ"),
        secretary=make_user("secretary", province, Role.SECRETARY),
        operator=make_user("operator", communes[0], Role.OPERATOR, bridge_point=rooms[0]),
        delegate=make_user("delegate", communes[0], Role.DELEGATE),
        outsider=make_user("outsider"),
        other_province=other_province,
        other_room=other_room,
        other_organizer=make_user("other_organizer", other_province, Role.ORGANIZER),
    )
