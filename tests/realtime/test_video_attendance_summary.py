"""Attendance per bridge point from hand-made video sessions: join, leave, minutes, drops."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from meetings.services.scheduling import meeting_schedule
from realtime.models import LiveState, VideoSession
from realtime.selectors_attendance import Attendance, Stretch, bridge_point_attendance, summarise
from tests.world import World, next_morning

ROOM_A, ROOM_B = 11, 12
ANNA, BINH, CUONG = 1, 2, 3


def at(hour: int, minute: int) -> datetime:
    return timezone.make_aware(datetime(2025, 9, 15, hour, minute))


def test_a_room_with_a_drop_and_a_second_screen():
    summary = summarise(
        [
            Stretch(ROOM_A, ANNA, at(8, 0), at(8, 30)),
            # Anna's link dropped for five minutes.
            Stretch(ROOM_A, ANNA, at(8, 35), at(9, 0)),
            # Binh's tablet overlapped Anna's screen: the room was connected once, not twice.
            Stretch(ROOM_A, BINH, at(8, 10), at(8, 40)),
        ],
        until=at(12, 0),
    )
    assert summary == {
        ROOM_A: Attendance(
            bridge_point_id=ROOM_A,
            first_join=at(8, 0),
            last_leave=at(9, 0),
            connected_seconds=60 * 60,
            reconnections=1,
            people=2,
        )
    }
    assert summary[ROOM_A].connected_minutes == 60


def test_a_gap_with_nobody_connected_is_not_counted():
    summary = summarise(
        [
            Stretch(ROOM_A, ANNA, at(8, 0), at(8, 20)),
            Stretch(ROOM_A, ANNA, at(8, 50), at(9, 0)),
        ],
        until=at(12, 0),
    )
    assert summary[ROOM_A].connected_minutes == 30
    assert summary[ROOM_A].reconnections == 1


def test_a_session_still_open_counts_until_the_given_time_and_has_no_last_leave():
    summary = summarise(
        [
            Stretch(ROOM_B, CUONG, at(8, 50), None),
            Stretch(ROOM_B, BINH, at(8, 40), at(8, 55)),
            Stretch(None, ANNA, at(8, 0), at(8, 1)),
        ],
        until=at(9, 10),
    )
    assert summary[ROOM_B].first_join == at(8, 40)
    assert summary[ROOM_B].last_leave is None
    assert summary[ROOM_B].connected_minutes == 30
    assert summary[ROOM_B].reconnections == 0
    assert summary[None].connected_seconds == 60


def test_no_sessions_no_rows():
    assert summarise([], until=at(9, 0)) == {}


@pytest.mark.django_db
def test_every_room_of_the_meeting_is_listed_main_room_first(world: World):
    start = next_morning()
    meeting = meeting_schedule(
        actor=world.organizer, data=world.meeting_input(start=start), notify=False
    )
    LiveState.objects.create(meeting=meeting, ended_at=start + timedelta(hours=2))

    def session(user, room, joined: int, left: int | None) -> None:
        VideoSession.objects.create(
            meeting=meeting,
            user=user,
            bridge_point=room,
            joined_at=start + timedelta(minutes=joined),
            left_at=None if left is None else start + timedelta(minutes=left),
        )

    session(world.chair, world.main_room, 0, 120)
    session(world.operator, world.rooms[0], 5, 50)
    session(world.operator, world.rooms[0], 55, None)  # never said goodbye: until the end
    session(world.outsider, None, 10, 20)
    rows = bridge_point_attendance(meeting)
    assert [row.bridge_point_id for row in rows] == [
        world.main_room.pk,
        world.rooms[0].pk,
        world.rooms[1].pk,
        world.rooms[2].pk,
        None,
    ]
    main, commune, silent = rows[0], rows[1], rows[2]
    assert (main.connected_minutes, main.last_leave) == (120, start + timedelta(minutes=120))
    assert (commune.connected_minutes, commune.reconnections, commune.people) == (110, 1, 1)
    assert commune.first_join == start + timedelta(minutes=5)
    assert commune.last_leave is None
    assert silent == Attendance(bridge_point_id=world.rooms[1].pk)
    assert rows[-1].connected_minutes == 10
