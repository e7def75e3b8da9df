"""What a socket gets on (re)connecting: the missed events, or the whole room when too many."""

from dataclasses import dataclass

from realtime import eventlog
from realtime.access import RoomAccess
from realtime.state import floor, notes, presence, room, votes

# Past this many missed events a fresh snapshot is cheaper than the replay.
REPLAY_LIMIT = 500


def dump(parts: list) -> list[dict]:
    return [part.model_dump(mode="json") for part in parts]


def room_snapshot(access: RoomAccess) -> dict:
    """The whole room as this user may see it; `seq` is read first, so parts are never older."""
    meeting = access.meeting
    seq = eventlog.last_seq(meeting.pk)
    meeting.refresh_from_db(fields=["status"])
    state = room.live_state(meeting)
    return {
        "seq": seq,
        "state": {
            "meeting": room.meeting_state(meeting, state).model_dump(mode="json"),
            "agenda": room.agenda(meeting),
            "current": room.current_item(state).model_dump(mode="json"),
            "follow": room.follow(state).model_dump(mode="json"),
            "settings": room.room_settings(state).model_dump(mode="json"),
            "bridge_points": room.bridge_points(meeting),
            "check_ins": dump(presence.check_ins(meeting)),
            "members": presence.members(meeting),
            "roll_call": dump(presence.roll_call(meeting)),
            "quorum": presence.quorum(meeting, state.quorum_percent).model_dump(mode="json"),
            "video": dump(presence.video_sessions(meeting)),
            "speakers": dump(floor.speakers(meeting)),
            "polls": dump(votes.polls(meeting)),
            "notes": dump(notes.notes(meeting)),
        },
        "me": {**access.as_dict(), "votes": votes.my_votes(access)},
    }


@dataclass(frozen=True)
class CatchUp:
    seq: int
    frames: list[dict]
    snapshot: dict | None


def catch_up(access: RoomAccess, since: int | None) -> CatchUp:
    """The events after `since` (plus current tallies), or a snapshot when that cannot be."""
    meeting_id = access.meeting.pk
    if since is not None and 0 <= since <= eventlog.last_seq(meeting_id):
        missed = eventlog.events_after(meeting_id, since, REPLAY_LIMIT)
        if missed is not None:
            frames = [eventlog.frame(e.seq, e.type, e.payload) for e in missed]
            tallies = votes.open_tallies(access.meeting)
            frames += [eventlog.frame(None, t.type, t.model_dump(mode="json")) for t in tallies]
            return CatchUp(seq=missed[-1].seq if missed else since, frames=frames, snapshot=None)
    snapshot = room_snapshot(access)
    return CatchUp(seq=snapshot["seq"], frames=[], snapshot=snapshot)
