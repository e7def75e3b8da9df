"""iCalendar (RFC 5545 / iTIP RFC 5546) built with `icalendar`.

One UID per meeting for its whole life; SEQUENCE (meeting.sequence) tells a
calendar client which version is newer, so an update replaces the old event and
a CANCEL removes it.
"""

from collections.abc import Iterable
from datetime import datetime, timedelta
from email.utils import parseaddr
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

from meetings import selectors
from meetings.models import Meeting, User
from meetings.vietnamese_dates import time_span

PRODID = "-//Điểm Cầu//Lịch họp trực tuyến//VI"
REQUEST, CANCEL = "REQUEST", "CANCEL"
METHODS = (REQUEST, CANCEL)
# The personal feed reaches this far back, so last quarter's meetings stay visible.
FEED_PAST_DAYS = 90
FEED_REFRESH = timedelta(hours=1)


def meeting_url(meeting: Meeting) -> str:
    return f"{settings.SITE_URL}/meetings/{meeting.pk}/"


def event_uid(meeting: Meeting) -> str:
    return f"{meeting.uid}@diemcau"


def meeting_location(meeting: Meeting) -> str:
    return _("%(room)s và các điểm cầu trực tuyến") % {"room": meeting.main_bridge_point}


def meeting_details(meeting: Meeting) -> list[tuple[str, str]]:
    """(label, value) pairs shared by the event description and the e-mail body."""
    pairs: list[tuple[str, str]] = []
    if meeting.status == Meeting.Status.CANCELLED and meeting.cancel_reason:
        pairs.append((_("Lý do hủy"), meeting.cancel_reason))
    pairs.append((_("Thời gian"), time_span(meeting.start, meeting.end)))
    if meeting.description.strip():
        pairs.append((_("Nội dung"), meeting.description.strip()))
    pairs += [
        (_("Đơn vị chủ trì"), meeting.host_unit.name),
        (_("Chủ trì"), meeting.chair.display_name),
        (_("Điểm cầu chính"), str(meeting.main_bridge_point)),
    ]
    rooms = [str(invitation.bridge_point) for invitation in meeting.invitations.all()]
    if rooms:
        pairs.append((_("Điểm cầu thành phần"), "\n".join(f"- {room}" for room in rooms)))
    pairs.append((_("Trang cuộc họp"), meeting_url(meeting)))
    return pairs


def details_text(pairs: Iterable[tuple[str, str]]) -> str:
    return "\n".join(
        f"{label}:\n{value}" if "\n" in value else f"{label}: {value}" for label, value in pairs
    )


def _address(email: str, name: str, **params: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    address.params["CN"] = vText(name)
    address.params.update(params)
    return address


def _organizer(meeting: Meeting) -> vCalAddress:
    creator = meeting.created_by
    if creator is not None and creator.email:
        return _address(creator.email, creator.display_name)
    name, email = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return _address(email, meeting.host_unit.name or name)


def meeting_event(
    meeting: Meeting, *, stamp: datetime, method: str | None = None, attendees: Iterable[User] = ()
) -> Event:
    """One VEVENT. Without a method it is a published copy (the feed): no organizer."""
    cancelled = method == CANCEL or meeting.status == Meeting.Status.CANCELLED
    zone = ZoneInfo(settings.TIME_ZONE)
    event = Event()
    event.add("uid", event_uid(meeting))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", stamp)
    event.add("created", meeting.created_at)
    event.add("last-modified", meeting.updated_at)
    event.add("dtstart", meeting.start.astimezone(zone))
    event.add("dtend", meeting.end.astimezone(zone))
    event.add("summary", meeting.title)
    event.add("description", details_text(meeting_details(meeting)))
    event.add("location", meeting_location(meeting))
    event.add("url", meeting_url(meeting))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")
    if method is not None:
        event.add("organizer", _organizer(meeting))
        for user in attendees:
            if user.email:
                role = "CHAIR" if user.pk == meeting.chair_id else "REQ-PARTICIPANT"
                # Answers go through the app (invitation_respond), not by mail.
                event.add(
                    "attendee",
                    _address(
                        user.email,
                        user.display_name,
                        ROLE=role,
                        PARTSTAT="NEEDS-ACTION",
                        RSVP="FALSE",
                    ),
                )
    return event


def _calendar(events: Iterable[Event], method: str | None = None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method is not None:
        calendar.add("method", method)
    for event in events:
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar


def meeting_ics(meeting: Meeting, method: str, *, attendees: Iterable[User] | None = None) -> bytes:
    """A VCALENDAR with METHOD:REQUEST or METHOD:CANCEL for one meeting.

    Attendees default to everyone invited (selectors.meeting_invitees); a CANCEL
    sent only to people dropped from the meeting names just them.
    """
    if method not in METHODS:
        raise ValueError(f"Unknown iTIP method {method!r}")
    with translation.override(settings.LANGUAGE_CODE):
        event = meeting_event(
            meeting,
            stamp=timezone.now(),
            method=method,
            attendees=selectors.meeting_invitees(meeting) if attendees is None else attendees,
        )
        return _calendar([event], method).to_ical()


def calendar_feed(user: User, *, now: datetime | None = None) -> bytes:
    """The user's subscription: every meeting they may see, from 90 days back on.

    Drafts are left out: nobody has been invited to them and their rooms are not
    held. DTSTAMP is the last change, so an unchanged feed reads the same.
    """
    since = (now or timezone.now()) - timedelta(days=FEED_PAST_DAYS)
    meetings = selectors.with_details(
        selectors.meetings_visible_to(user)
        .filter(end__gte=since)
        .exclude(status=Meeting.Status.DRAFT)
        .order_by("start")
    )
    with translation.override(settings.LANGUAGE_CODE):
        calendar = _calendar(meeting_event(m, stamp=m.updated_at) for m in meetings)
        calendar.add("name", _("Lịch họp — %(name)s") % {"name": user.display_name})
        calendar.add("x-wr-calname", calendar["name"])
        calendar.add("x-wr-timezone", settings.TIME_ZONE)
        # Subscribed clients poll; an hour keeps changes timely without hammering.
        calendar.add("refresh-interval", FEED_REFRESH, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", FEED_REFRESH)
        return calendar.to_ical()
