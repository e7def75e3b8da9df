"""Who may ask for the floor for whom, and the order of the list (no database)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from meetings.models import Meeting, User
from meetings.services.errors import PermissionDenied
from realtime.access import RoomAccess
from realtime.services.floor import request_room
from realtime.state.floor import queue_key

ROOM, OTHER_ROOM, MAIN = 10, 11, 1
ME, SOMEONE = 7, 8


def access(*, chair=False, operated=(), role="delegate", room=ROOM) -> RoomAccess:
    return RoomAccess(
        user=User(pk=ME),
        meeting=Meeting(pk=1),
        is_chair=chair,
        is_secretary=False,
        is_host_staff=False,
        operated_rooms=frozenset(operated),
        participant_room=room if role else None,
        participant_role=role,
    )


def test_a_participant_speaks_from_their_room():
    assert request_room(access(), user_id=ME, invited=True, invited_room=ROOM) == ROOM


def test_an_observer_may_ask_too():
    mine = access(role="observer")
    assert request_room(mine, user_id=ME, invited=True, invited_room=ROOM) == ROOM


def test_a_participant_cannot_ask_for_someone_else():
    with pytest.raises(PermissionDenied):
        request_room(access(), user_id=SOMEONE, invited=True, invited_room=ROOM)


def test_an_operator_asks_for_a_delegate_of_their_room_only():
    operator = access(operated=[ROOM], role=None)
    assert request_room(operator, user_id=SOMEONE, invited=True, invited_room=ROOM) == ROOM
    with pytest.raises(PermissionDenied):
        request_room(operator, user_id=SOMEONE, invited=True, invited_room=OTHER_ROOM)
    with pytest.raises(PermissionDenied):
        request_room(operator, user_id=SOMEONE, invited=False, invited_room=None)


def test_an_operator_asks_for_their_room_itself():
    operator = access(operated=[OTHER_ROOM, ROOM], role=None)
    assert request_room(operator, user_id=ME, invited=False, invited_room=None) == ROOM


def test_an_operator_who_is_invited_speaks_from_where_they_attend():
    operator = access(operated=[ROOM])
    assert request_room(operator, user_id=ME, invited=True, invited_room=OTHER_ROOM) == OTHER_ROOM


def test_the_chair_adds_anyone_invited_but_no_stranger():
    chair = access(chair=True, role=None)
    assert request_room(chair, user_id=SOMEONE, invited=True, invited_room=MAIN) == MAIN
    with pytest.raises(ValidationError):
        request_room(chair, user_id=SOMEONE, invited=False, invited_room=None)


def test_someone_not_invited_cannot_ask_for_themself():
    with pytest.raises(PermissionDenied):
        request_room(access(role=None), user_id=ME, invited=False, invited_room=None)


def test_finished_turns_come_first_by_their_start_then_the_speaker_then_the_queue():
    t = datetime(2025, 7, 1, 8, tzinfo=UTC)
    minute = timedelta(minutes=1)
    rows = {
        "waiting late": ("waiting", t + 3 * minute, None, 5),
        "waiting early": ("waiting", t + minute, None, 6),
        "speaking": ("speaking", t, t + 9 * minute, 1),
        # Asked first but spoke second: listed by when they spoke.
        "done second": ("done", t, t + 5 * minute, 2),
        "done first": ("done", t + 2 * minute, t + 4 * minute, 3),
    }
    order = sorted(rows, key=lambda name: queue_key(*rows[name]))
    assert order == ["done first", "done second", "speaking", "waiting early", "waiting late"]


def test_requests_made_at_the_same_moment_keep_their_arrival_order():
    t = datetime(2025, 7, 1, 8, tzinfo=UTC)
    assert queue_key("waiting", t, None, 4) < queue_key("waiting", t, None, 9)
