"""The secretary's notes and conclusions per agenda item."""

from meetings.models import Meeting
from realtime import events
from realtime.models import LiveNote


def note(entry: LiveNote) -> events.NoteOut:
    return events.NoteOut(
        item_id=entry.item_id,
        kind=entry.kind,
        text=entry.text,
        version=entry.version,
        updated_by=entry.updated_by.display_name if entry.updated_by else "",
        updated_at=entry.updated_at,
    )


def sort_key(entry: events.NoteOut) -> tuple[int, str]:
    """General notes (no item) first, then by item; "conclusion" before "note"."""
    return (entry.item_id or 0, entry.kind)


def notes(meeting: Meeting) -> list[events.NoteOut]:
    entries = LiveNote.objects.filter(meeting=meeting).select_related("updated_by")
    return sorted((note(entry) for entry in entries), key=sort_key)
