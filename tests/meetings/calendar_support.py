"""Helpers shared by the calendar, e-mail and feed tests: read iCalendar back."""

from icalendar import Calendar, Event


def parse(ics: bytes | str) -> Calendar:
    return Calendar.from_ical(ics)


def only_event(ics: bytes | str) -> tuple[Calendar, Event]:
    calendar = parse(ics)
    events = calendar.events
    assert len(events) == 1
    return calendar, events[0]


def attendee_emails(event: Event) -> set[str]:
    found = event.get("attendee", [])
    found = found if isinstance(found, list) else [found]
    return {str(a).removeprefix("mailto:") for a in found}
