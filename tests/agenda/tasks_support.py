"""Meetings that have run, with conclusions written in the live room, and tasks given from them.

Conclusions are saved through the live room's own service (realtime.services.notes), as the
secretary does during the meeting.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from agenda.models import AgendaItem, ConclusionTask
from agenda.services.items import ItemInput, agenda_item_create
from agenda.services.tasks import local_today, task_assign
from meetings.models import Meeting, Role, Unit, User
from meetings.services.scheduling import meeting_schedule
from realtime.access import room_access
from realtime.services.notes import note_save
from realtime.services.room import meeting_end, meeting_start
from tests.world import World, make_user, next_morning

CONCLUSIONS = [
    "Giao UBND các xã rà soát hộ nghèo, báo cáo kết quả trước ngày 30.",
    "Các xã chủ động phương án phòng chống lụt bão, bảo đảm an toàn cho người dân.",
]
GENERAL = "Các đơn vị nghiêm túc triển khai các nội dung đã thống nhất."


@dataclass
class Concluded:
    meeting: Meeting
    items: list[AgendaItem]


def concluded_meeting(
    world: World,
    *,
    title: str = "Giao ban tuần",
    days: int = 1,
    end: bool = True,
    general: bool = False,
) -> Concluded:
    """A meeting of the province with its three communes, two agenda items, a conclusion
    on each (and a general one if asked), started and (unless `end` is False) ended."""
    data = world.meeting_input(
        title=title,
        start=next_morning(days),
        participants=[(world.delegate.pk, world.rooms[0].pk)],
    )
    meeting = meeting_schedule(actor=world.organizer, data=data, notify=False)
    items = [
        agenda_item_create(
            actor=world.organizer,
            meeting_id=meeting.pk,
            data=ItemInput(title=item_title, planned_minutes=30),
        )
        for item_title in ("Công tác giảm nghèo", "Phòng chống lụt bão")
    ]
    meeting_start(access=room_access(world.chair, meeting.pk))
    secretary = room_access(world.secretary, meeting.pk)
    for item, text in zip(items, CONCLUSIONS, strict=True):
        note_save(access=secretary, item_id=item.pk, kind="conclusion", text=text, base_version=0)
    if general:
        note_save(access=secretary, item_id=None, kind="conclusion", text=GENERAL, base_version=0)
    if end:
        meeting_end(access=room_access(world.chair, meeting.pk))
    meeting.refresh_from_db()
    return Concluded(meeting, items)


def in_days(days: int) -> date:
    return local_today() + timedelta(days=days)


def assign(
    world: World,
    concluded: Concluded,
    *,
    item: int | None = 0,
    units: list[Unit] | None = None,
    days: int = 7,
    text: str | None = None,
    actor: User | None = None,
) -> list[ConclusionTask]:
    """Give item `item`'s conclusion (None: a general one) to `units` (default: every commune)."""
    agenda_item = concluded.items[item] if item is not None else None
    return task_assign(
        actor=actor or world.organizer,
        meeting=concluded.meeting,
        agenda_item=agenda_item,
        conclusion=text or (CONCLUSIONS[item] if item is not None else GENERAL),
        unit_ids=[u.pk for u in (units if units is not None else world.communes)],
        deadline=in_days(days),
    )


def make_overdue(task: ConclusionTask, days: int = 2) -> ConclusionTask:
    """Move a task's deadline into the past (the services refuse to set one there)."""
    ConclusionTask.objects.filter(pk=task.pk).update(deadline=in_days(-days))
    task.refresh_from_db()
    return task


def later_meeting(world: World, *, days: int = 8, title: str = "Giao ban tuần sau") -> Meeting:
    """A scheduled meeting of the same host, after the concluded ones."""
    data = world.meeting_input(title=title, start=next_morning(days))
    return meeting_schedule(actor=world.organizer, data=data, notify=False)


def bare_meeting(
    world: World,
    *,
    days: int,
    hour: int = 8,
    status: str = Meeting.Status.SCHEDULED,
    host: Unit | None = None,
    title: str = "Họp khác",
) -> Meeting:
    """A meeting row without bookings, for carry-over targets of any time and status."""
    start = next_morning(days, hour)
    other = host is not None and host != world.province
    return Meeting.objects.create(
        title=title,
        host_unit=host or world.province,
        main_bridge_point=world.other_room if other else world.main_room,
        chair=world.other_organizer if other else world.chair,
        start=start,
        end=start + timedelta(hours=2),
        status=status,
        created_by=world.other_organizer if other else world.organizer,
    )


def commune_staff(world: World, index: int, username: str, role: Role = Role.DELEGATE) -> User:
    return make_user(username, world.communes[index], role, full_name=f"Cán bộ {username}")
