"""A meeting held in the live room through its own services, for the minutes' tests.

Rooms check in, the roll call marks people present or absent with a reason, the chair
opens the meeting, gives the floor, runs a named and a secret vote, the secretary writes
notes and conclusions, and the chair closes the meeting: the records the minutes read.
"""

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from agenda.models import AgendaItem
from meetings.models import Meeting, Participant, Role, User
from meetings.services.scheduling import meeting_schedule
from realtime.access import room_access
from realtime.models import Poll, SpeakerRequest
from realtime.services import floor, notes, presence, room, votes
from realtime.services.presence import RollCallMark
from tests.world import World, make_user

NOTE = "Các xã báo cáo tiến độ giải ngân vốn đầu tư công.\nTỷ lệ giải ngân đạt 72%."
CONCLUSION = "Giao Sở Tài chính tổng hợp, báo cáo UBND tỉnh trước ngày 30/11."
NAMED_QUESTION = "Thông qua kế hoạch giải ngân quý IV"
SECRET_QUESTION = "Bầu tổ trưởng tổ công tác"


@dataclass
class Held:
    world: World
    meeting: Meeting
    items: list[AgendaItem]
    delegate2: User  # attends from rooms[1], which has no operator
    delegate3: User  # invited to rooms[2], marked absent
    named_poll: Poll
    secret_poll: Poll

    def __getattr__(self, name: str):
        return getattr(self.world, name)


def scheduled_meeting(world: World) -> tuple[Meeting, list[AgendaItem], User, User]:
    delegate2 = make_user(
        "delegate2",
        world.communes[1],
        Role.DELEGATE,
        full_name="Trần Thị Hai",
        position="Chủ tịch UBND xã",
    )
    delegate3 = make_user("delegate3", world.communes[2], Role.DELEGATE, full_name="Lê Văn Ba")
    start = timezone.now().replace(microsecond=0) + timedelta(minutes=30)
    data = world.meeting_input(
        start=start,
        title="Họp giao ban tháng 11",
        participants=[
            (world.delegate.pk, world.rooms[0].pk),
            (delegate2.pk, world.rooms[1].pk),
            (delegate3.pk, world.rooms[2].pk),
        ],
    )
    meeting = meeting_schedule(actor=world.organizer, data=data, notify=False)
    items = [
        AgendaItem.objects.create(
            meeting=meeting, position=i, title=title, planned_minutes=20, presenter_user=presenter
        )
        for i, (title, presenter) in enumerate(
            [
                ("Báo cáo giải ngân vốn đầu tư công", world.delegate),
                ("Kế hoạch phòng chống lụt bão", None),
            ],
            start=1,
        )
    ]
    return meeting, items, delegate2, delegate3


def hold_meeting(world: World, *, end: bool = True) -> Held:
    meeting, items, delegate2, delegate3 = scheduled_meeting(world)
    chair = room_access(world.chair, meeting.pk)
    operator = room_access(world.operator, meeting.pk)
    host = room_access(world.organizer, meeting.pk)
    secretary = room_access(world.secretary, meeting.pk)
    for access, point, quality, headcount in (
        (host, world.main_room, "good", 12),
        (operator, world.rooms[0], "fair", 7),
    ):
        presence.check_in_submit(
            access=access,
            bridge_point_id=point.pk,
            technician_present=True,
            video_tested=True,
            connection_quality=quality,
            connection_stats={},
            headcount=headcount,
        )
    presence.roll_call_mark(
        access=chair,
        marks=[
            RollCallMark(world.delegate.pk, "present_room"),
            RollCallMark(delegate2.pk, "present_online"),
            RollCallMark(delegate3.pk, "absent", "Đi công tác"),
        ],
    )
    room.meeting_start(access=chair)
    presence.video_join(access=room_access(delegate2, meeting.pk), participant_id="jitsi-2")

    # Item 1: a turn, notes, a conclusion and a named vote.
    asked = floor.speaker_request(
        access=room_access(delegate2, meeting.pk), topic="Đề nghị bổ sung vốn"
    )
    floor.speaker_grant(access=chair, request_id=asked.pk)
    floor.speaker_end(access=chair)
    notes.note_save(access=secretary, item_id=items[0].pk, kind="note", text=NOTE, base_version=0)
    notes.note_save(
        access=secretary, item_id=items[0].pk, kind="conclusion", text=CONCLUSION, base_version=0
    )
    named = votes.poll_create(access=chair, question=NAMED_QUESTION, item_id=items[0].pk)
    votes.poll_open(access=chair, poll_id=named.pk)
    votes.vote_cast(
        access=room_access(world.delegate, meeting.pk), poll_id=named.pk, option=0, message_id="v1"
    )
    # The operator of rooms[0] cannot vote for delegate2 (another room): delegate2 votes.
    votes.vote_cast(
        access=room_access(delegate2, meeting.pk), poll_id=named.pk, option=1, message_id="v2"
    )
    votes.poll_close(access=chair, poll_id=named.pk)

    # Item 2: a secret vote.
    room.agenda_goto(access=chair, item_id=items[1].pk)
    secret = votes.poll_create(
        access=chair, question=SECRET_QUESTION, item_id=items[1].pk, secret=True
    )
    votes.poll_open(access=chair, poll_id=secret.pk)
    for voter, option in ((world.delegate, 0), (delegate2, 0)):
        votes.vote_cast(
            access=room_access(voter, meeting.pk),
            poll_id=secret.pk,
            option=option,
            message_id=f"s{voter.pk}",
        )
    votes.poll_close(access=chair, poll_id=secret.pk)
    if end:
        room.meeting_end(access=chair)
    meeting.refresh_from_db()
    named.refresh_from_db()
    secret.refresh_from_db()
    return Held(world, meeting, items, delegate2, delegate3, named, secret)


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    """PDFs of the minutes go to a fresh folder (modules import this fixture)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def turn_of(meeting: Meeting) -> SpeakerRequest:
    return SpeakerRequest.objects.get(meeting=meeting, started_at__isnull=False)


def participant_rooms(meeting: Meeting) -> dict[int, int | None]:
    return dict(
        Participant.objects.filter(meeting=meeting).values_list("user_id", "bridge_point_id")
    )
