"""The secretary's notes and conclusions per agenda item."""

from meetings.models import Meeting
from realtime import events


def notes(meeting: Meeting) -> list[events.NoteOut]:
    return []  # filled by the notes feature
