"""What a socket gets on (re)connecting: the missed events, or the whole room when too many."""

import json
from collections.abc import Iterable
from dataclasses import dataclass

from meetings.models import Meeting
from realtime import eventlog
from realtime.access import RoomAccess
from realtime.state import floor, notes, presence, room, votes

# Past this many missed events a fresh snapshot is cheaper than the replay.
REPLAY_LIMIT = 500


def dump(parts: list) -> list[dict]:
    return [part.model_dump(mode="json") for part in parts]


def room_state(meeting: Meeting) -> tuple[int, dict]:
    """The room as everyone sees it, and the seq it stands at (read first, so the parts are
    never older than it)."""
    seq = eventlog.last_seq(meeting.pk)
    meeting.refresh_from_db(fields=["status"])
    state = room.live_state(meeting)
    return seq, {
        "meeting": room.meeting_state(meeting, state).model_dump(mode="json"),
        "agenda": room.agenda(meeting),
        "current": room.current_item(state).model_dump(mode="json"),
        "follow": room.follow(state).model_dump(mode="json"),
        "settings": room.room_settings(state).model_dump(mode="json"),
        "bridge_points": room.bridge_points(meeting),
        "check_ins": dump(presence.check_ins(meeting)),
        "roll_call": dump(presence.roll_call(meeting)),
        "quorum": presence.quorum(meeting, state.quorum_percent).model_dump(mode="json"),
        "video": dump(presence.video_sessions(meeting)),
        "speakers": dump(floor.speakers(meeting)),
        "polls": dump(votes.polls(meeting)),
        "notes": dump(notes.notes(meeting)),
    }


@dataclass(frozen=True)
class Mine:
    """The parts of a snapshot that depend on who is looking."""

    me: dict
    members: list[dict]


def my_part(access: RoomAccess) -> Mine:
    """This user's rights and own votes, and the invited people they work with."""
    return my_parts([access])[access.user.pk]


def my_parts(accesses: list[RoomAccess]) -> dict[int, Mine]:
    """`my_part` of several people of one meeting, by user id, in at most two queries.

    The people shown: everyone to the chair's desk and the secretary, their rooms' people to
    an operator, nobody to a delegate's tablet (a thousand tablets need not each load a
    thousand names).
    """
    votes_of = votes.my_votes_of(accesses)
    desks = [a for a in accesses if a.may_preside or a.is_secretary]
    rooms = set().union(*(a.operated_rooms for a in accesses))
    if desks:
        everyone = presence.members(desks[0].meeting)
    elif rooms:
        everyone = presence.members(accesses[0].meeting, rooms=rooms)
    else:
        everyone = []
    parts = {}
    for access in accesses:
        if access.may_preside or access.is_secretary:
            people = everyone
        else:
            people = [p for p in everyone if p["bridge_point_id"] in access.operated_rooms]
        me = {**access.as_dict(), "votes": votes_of[access.user.pk]}
        parts[access.user.pk] = Mine(me=me, members=people)
    return parts


def room_snapshot(access: RoomAccess) -> dict:
    """The whole room as this user may see it."""
    seq, state = room_state(access.meeting)
    mine = my_part(access)
    return {"seq": seq, "state": {**state, "members": mine.members}, "me": mine.me}


@dataclass(frozen=True)
class SharedState:
    """A room state encoded once, for every socket of a process that syncs while it holds."""

    seq: int
    state_json: str

    @classmethod
    def read(cls, meeting_id: int) -> "SharedState":
        seq, state = room_state(Meeting.objects.get(pk=meeting_id))
        return cls(seq=seq, state_json=json.dumps(state, ensure_ascii=False))

    def frame_text(self, mine: Mine) -> str:
        """The snapshot frame holding `room_snapshot`'s payload, the shared part as encoded."""
        members = json.dumps(mine.members, ensure_ascii=False)
        me = json.dumps(mine.me, ensure_ascii=False)
        # state_json is a non-empty object: the members go in as its first key.
        state = f'{{"members": {members}, {self.state_json[1:]}'
        return (
            f'{{"seq": {self.seq}, "type": "snapshot", "payload": '
            f'{{"seq": {self.seq}, "state": {state}, "me": {me}}}}}'
        )


@dataclass(frozen=True)
class CatchUp:
    seq: int
    frames: list[dict]
    snapshot: dict | None = None


def replay(access: RoomAccess, since: int | None) -> CatchUp | None:
    """The events after `since` (plus current tallies), or None when a snapshot is needed."""
    return replays(access.meeting, [since])[since]


def replays(meeting: Meeting, sinces: Iterable[int | None]) -> dict[int | None, CatchUp | None]:
    """`replay` for several screens of one meeting at once (sockets reopening together after
    a server went away): one read of the log, from the oldest `since` that can be replayed."""
    wanted = set(sinces)
    last = eventlog.last_seq(meeting.pk)
    replayable = [s for s in wanted if s is not None and max(0, last - REPLAY_LIMIT) <= s <= last]
    found: dict[int | None, CatchUp | None] = dict.fromkeys(wanted)
    if not replayable:
        return found
    missed = eventlog.events_after(meeting.pk, min(replayable), REPLAY_LIMIT)
    if missed is None:  # the log grew past the limit since `last` was read: snapshots
        return found
    tallies = [
        eventlog.frame(None, t.type, t.model_dump(mode="json")) for t in votes.open_tallies(meeting)
    ]
    for since in replayable:
        mine = [e for e in missed if e.seq > since]
        frames = [eventlog.frame(e.seq, e.type, e.payload) for e in mine]
        found[since] = CatchUp(seq=mine[-1].seq if mine else since, frames=frames + tallies)
    return found


def catch_up(access: RoomAccess, since: int | None) -> CatchUp:
    """The events after `since`, or a snapshot when that cannot be."""
    result = replay(access, since)
    if result is not None:
        return result
    snapshot = room_snapshot(access)
    return CatchUp(seq=snapshot["seq"], frames=[], snapshot=snapshot)
