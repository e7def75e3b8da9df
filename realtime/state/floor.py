"""The speaker queue."""

from meetings.models import Meeting
from realtime import events


def speakers(meeting: Meeting) -> list[events.SpeakerOut]:
    return []  # filled by the speaker queue feature
