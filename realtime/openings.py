"""A socket's opening: its part in the meeting and its own share of the snapshot, then what
it missed, each read together with the sockets opening beside it (see `realtime.batching`).
"""

from collections import defaultdict
from dataclasses import dataclass
from typing import TypeVar

from meetings.models import Meeting, User
from realtime.access import RoomAccess, room_accesses
from realtime.batching import batched
from realtime.snapshot import CatchUp, Mine, my_parts, replays

Key = TypeVar("Key")


@dataclass(frozen=True)
class Opening:
    access: RoomAccess
    mine: Mine


def _by_meeting(keys: list[tuple[int, Key]]) -> dict[int, list[Key]]:
    grouped: dict[int, list[Key]] = defaultdict(list)
    for meeting_id, key in keys:
        grouped[meeting_id].append(key)
    return grouped


def openings(keys: list[tuple[int, User]]) -> dict[tuple[int, User], Opening]:
    """{(meeting id, user): their opening} for those the meeting is visible to."""
    found = {}
    for meeting_id, users in _by_meeting(keys).items():
        accesses = room_accesses(meeting_id, users)
        mine = my_parts(list(accesses.values()))
        for user in users:
            if user.pk in accesses:
                found[meeting_id, user] = Opening(accesses[user.pk], mine[user.pk])
    return found


open_room = batched(openings)


def missed(keys: list[tuple[int, int]]) -> dict[tuple[int, int], CatchUp]:
    """{(meeting id, since): the events after `since`} where they can be replayed. Read
    once the socket is in its room (`realtime.hub`), so nothing falls in between."""
    sinces = _by_meeting(keys)
    found = {}
    for meeting in Meeting.objects.filter(pk__in=list(sinces)):
        for since, replayed in replays(meeting, sinces[meeting.pk]).items():
            if replayed is not None:
                found[meeting.pk, since] = replayed
    return found


replay_missed = batched(missed)
