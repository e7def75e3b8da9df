"""E-mail for a published agenda; called after commit by agenda.services.distribution.

Links only, never attachments: documents are read behind the access check (and a
confidential one never travels by e-mail, not even by name to someone not named on it).
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from agenda.models import AgendaItem, Document
from agenda.selectors import agenda_items
from agenda.selectors_distribution import comments_open
from agenda.timing import agenda_timing
from meetings import mail
from meetings.mail import reply_to_creator
from meetings.models import Meeting, User
from meetings.vietnamese_dates import date_time_short, time_span


@dataclass(frozen=True)
class ItemLine:
    starts: datetime
    item: AgendaItem


@dataclass(frozen=True)
class DocumentLine:
    document: Document
    comments_url: str  # "" when comments are not being taken


def _item_lines(meeting: Meeting) -> list[ItemLine]:
    """Items with their planned start, one after another from the meeting's start."""
    items = list(agenda_items(meeting))
    timing = agenda_timing(meeting.start, meeting.end, [i.planned_minutes for i in items])
    return [ItemLine(starts=s, item=i) for i, s in zip(items, timing.starts, strict=True)]


def _document_lines(documents: list[Document]) -> list[DocumentLine]:
    now = timezone.now()
    return [
        DocumentLine(
            document=d,
            comments_url=(
                settings.SITE_URL + reverse("document-comments", args=[d.pk])
                if comments_open(d, now)
                else ""
            ),
        )
        for d in documents
    ]


def _subject(meeting: Meeting, republished: bool) -> str:
    values = {"title": " ".join(meeting.title.split()), "when": date_time_short(meeting.start)}
    if republished:
        return _("Cập nhật chương trình họp: %(title)s (%(when)s)") % values
    return _("Chương trình họp: %(title)s (%(when)s)") % values


def _messages(
    meeting: Meeting, documents_by_user: dict[int, list[int]], republished: bool
) -> list[EmailMultiAlternatives]:
    recipients = list(
        User.objects.filter(pk__in=list(documents_by_user), is_active=True)
        .exclude(email="")
        .order_by("pk")
    )
    wanted = {pk for pks in documents_by_user.values() for pk in pks}
    documents = Document.objects.filter(pk__in=wanted).prefetch_related("versions").in_bulk()
    context = {
        "meeting": meeting,
        "when": time_span(meeting.start, meeting.end),
        "republished": republished,
        "items": _item_lines(meeting),
        "agenda_url": settings.SITE_URL + reverse("meeting-agenda", args=[meeting.pk]),
        "notices_url": settings.SITE_URL + reverse("notices"),
    }
    subject = _subject(meeting, republished)
    reply_to = reply_to_creator(meeting)
    messages = []
    for user in recipients:
        mine = [documents[pk] for pk in documents_by_user[user.pk] if pk in documents]
        messages.append(
            mail.letter(
                to=user,
                subject=subject,
                template="agenda/email/agenda_published",
                context={**context, "documents": _document_lines(mine)},
                reply_to=reply_to,
            )
        )
    return messages


def send_agenda_emails(
    meeting_id: int, documents_by_user: dict[int, list[int]], *, republished: bool
) -> None:
    """One e-mail per invitee listing the agenda and the documents given for them.

    A mail server that is down is logged: the publish has already happened, and
    the in-app notices carry the same news.
    """
    meeting = (
        Meeting.objects.select_related("host_unit", "main_bridge_point__unit", "created_by")
        .filter(pk=meeting_id)
        .first()
    )
    if meeting is None or not documents_by_user:
        return
    with translation.override(settings.LANGUAGE_CODE):
        messages = _messages(meeting, documents_by_user, republished)
    if not messages:
        return
    mail.send_logged(messages, what=f"the agenda of meeting {meeting_id}")
