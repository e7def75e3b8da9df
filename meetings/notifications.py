"""E-mail with calendar invitations; called after commit by the scheduling services."""

import logging
from enum import StrEnum

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from meetings import mail, selectors
from meetings.calendar_ics import (
    CANCEL,
    details_text,
    meeting_details,
    meeting_ics,
    meeting_url,
)
from meetings.mail import reply_to_creator
from meetings.models import Meeting, User
from meetings.vietnamese_dates import date_time_short

logger = logging.getLogger(__name__)

ICS_FILENAME = "invite.ics"


class Letter(StrEnum):
    """Which of the four letters a recipient gets."""

    INVITED = "invited"
    CHANGED = "changed"
    CANCELLED = "cancelled"  # the meeting is called off
    WITHDRAWN = "withdrawn"  # the meeting goes on without this recipient


def letter_kind(meeting: Meeting, method: str) -> Letter:
    if method == CANCEL:
        return Letter.CANCELLED if meeting.status == Meeting.Status.CANCELLED else Letter.WITHDRAWN
    return Letter.CHANGED if meeting.sequence > 0 else Letter.INVITED


def _subject(letter: Letter, meeting: Meeting) -> str:
    templates = {
        Letter.INVITED: _("Giấy mời họp: %(title)s (%(when)s)"),
        Letter.CHANGED: _("Thay đổi lịch họp: %(title)s (%(when)s)"),
        Letter.CANCELLED: _("Hủy cuộc họp: %(title)s (%(when)s)"),
        Letter.WITHDRAWN: _("Hủy giấy mời họp: %(title)s (%(when)s)"),
    }
    # Header lines must not break, whatever the title holds.
    title = " ".join(meeting.title.split())
    return templates[letter] % {"title": title, "when": date_time_short(meeting.start)}


def _messages(
    meeting: Meeting, method: str, recipients: list[User]
) -> list[EmailMultiAlternatives]:
    letter = letter_kind(meeting, method)
    # A CANCEL to people dropped from the meeting names only them.
    ics = meeting_ics(meeting, method, attendees=recipients if method == CANCEL else None)
    pairs = meeting_details(meeting)
    context = {
        "meeting": meeting,
        "letter": letter.value,
        "details": pairs,
        "details_text": details_text(pairs),
        "meeting_url": meeting_url(meeting),
        "pdf_url": settings.SITE_URL + reverse("meeting-invitation-pdf", args=[meeting.pk]),
    }
    subject = _subject(letter, meeting)
    reply_to = reply_to_creator(meeting)
    messages = []
    for user in recipients:
        message = mail.letter(
            to=user,
            subject=subject,
            template="meetings/email/invitation",
            context=context,
            reply_to=reply_to,
        )
        message.attach(ICS_FILENAME, ics.decode(), f"text/calendar; method={method}")
        messages.append(message)
    return messages


def send_calendar_invitations(meeting_id: int, method: str, user_ids: list[int]) -> None:
    """Send each user an e-mail carrying the meeting's iCalendar (REQUEST or CANCEL).

    Runs after the booking has committed: a mail server that is down is logged,
    never turned into an error for the organizer whose meeting is already saved.
    """
    meeting = (
        selectors.with_details(Meeting.objects.filter(pk=meeting_id))
        .select_related("created_by")
        .first()
    )
    if meeting is None:
        logger.warning("Meeting %s vanished before its invitations were sent", meeting_id)
        return
    recipients = list(
        User.objects.filter(pk__in=user_ids, is_active=True).exclude(email="").order_by("pk")
    )
    if not recipients:
        return
    # Invitations go out in the site's language, not in the organizer's interface language.
    with translation.override(settings.LANGUAGE_CODE):
        messages = _messages(meeting, method, recipients)
    mail.send_logged(messages, what=f"{method} invitations for meeting {meeting_id}")
