"""iCalendar (RFC 5545) invitations built with `icalendar`."""

from meetings.models import Meeting


def meeting_ics(meeting: Meeting, method: str) -> bytes:
    """A VCALENDAR with METHOD:REQUEST or METHOD:CANCEL for one meeting."""
    raise NotImplementedError
