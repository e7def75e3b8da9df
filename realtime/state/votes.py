"""Polls, their tallies and results, and the viewer's own votes."""

from meetings.models import Meeting
from realtime import events
from realtime.access import RoomAccess


def polls(meeting: Meeting) -> list[events.PollOut]:
    return []  # filled by the votes feature


def open_tallies(meeting: Meeting) -> list[events.PollTally]:
    """Current counts of the open polls (sent after a replay: tallies are not in the log)."""
    return []


def my_votes(access: RoomAccess) -> dict[str, object]:
    return {}
