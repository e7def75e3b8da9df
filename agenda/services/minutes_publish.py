"""Publishing the signed minutes (phát hành biên bản): the last step of a meeting's record.

Publishing fixes which signed PDF is "the" minutes (what /verify/<code> compares copies
against), stores the text the archive searches, tells every participant and every invited
bridge point's operators by an in-app notice, and, after commit, e-mails them a link with the
signed PDF attached. A published status is the mark that the meeting's record is complete.
"""

from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from agenda.models import Minutes, MinutesDocument, MinutesVersion, Notice
from agenda.richtext import html_to_text
from agenda.selectors_archive import SIGNED_KINDS, fold_text
from agenda.verification_codes import verify_url
from meetings import mail
from meetings import selectors as meeting_selectors
from meetings.models import Meeting, User
from meetings.services.errors import PermissionDenied
from meetings.vietnamese_dates import date_short, date_time_short

NOTICE_TITLE_CHARS = 200
# Officials expect the signed PDF itself in the letter; past this size only the link goes
# (mail servers commonly refuse 10 MB and more once base64 has added its third).
EMAIL_ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class MinutesPublication:
    minutes: Minutes
    document: MinutesDocument
    recipients: int  # people told by a notice (and an e-mail, when they have an address)


def may_publish(user: User, meeting: Meeting) -> bool:
    """The meeting's secretary, or the host's organizers (as for the agenda)."""
    return user.pk == meeting.secretary_id or meeting_selectors.meeting_manageable_by(user, meeting)


def latest_approved_version(minutes: Minutes) -> MinutesVersion | None:
    return (
        minutes.versions.filter(approved_at__isnull=False, verification_code__isnull=False)
        .order_by("-number")
        .first()
    )


def publishable_document(version: MinutesVersion) -> MinutesDocument | None:
    """The newest signed PDF of the version: signed here, or uploaded signed elsewhere
    (an upload comes after approval, so it wins over the copy signed at approval)."""
    return version.documents.filter(kind__in=SIGNED_KINDS).order_by("-created_at", "-pk").first()


def _refusal(minutes: Minutes) -> str | None:
    if minutes.status == Minutes.Status.PUBLISHED:
        return _("Biên bản đã được phát hành lúc %(when)s; không phát hành lại.") % {
            "when": date_time_short(minutes.published_at) if minutes.published_at else "—"
        }
    if minutes.status != Minutes.Status.APPROVED:
        return _("Biên bản chưa được chủ trì duyệt: chỉ phát hành được bản đã duyệt và ký số.")
    return None


def _html_text(html: str) -> str:
    return "\n".join(line.strip() for line in html_to_text(html).splitlines() if line.strip())


def minutes_plain_text(content: dict) -> str:
    """The version as plain text: subject, then each section's title and body."""
    header = content.get("header") or {}
    lines = [header.get("subject", "")]
    for section in content.get("sections") or []:
        lines.append(section.get("title", ""))
        lines.append(_html_text(section.get("html", "")))
    return "\n".join(line for line in lines if line)


def _notice_text(meeting: Meeting) -> str:
    return _("Biên bản cuộc họp “%(title)s” (%(when)s) đã được ký số và phát hành.") % {
        "title": Truncator(" ".join(meeting.title.split())).chars(NOTICE_TITLE_CHARS),
        "when": date_short(meeting.start),
    }


@transaction.atomic
def minutes_publish(*, actor: User, minutes: Minutes) -> MinutesPublication:
    """Publish the latest approved version's signed PDF, once.

    Refused (ValidationError) when already published, not approved, or approved but not
    yet signed; PermissionDenied for anyone but the secretary and the host's organizers.
    """
    minutes = Minutes.objects.select_for_update().select_related("meeting").get(pk=minutes.pk)
    meeting = minutes.meeting
    if not may_publish(actor, meeting):
        raise PermissionDenied(
            _("Chỉ thư ký cuộc họp hoặc văn phòng đơn vị chủ trì được phát hành biên bản.")
        )
    refusal = _refusal(minutes)
    version = latest_approved_version(minutes) if refusal is None else None
    if refusal is None and version is None:
        refusal = _("Biên bản chưa có phiên bản được duyệt.")
    if refusal:
        raise ValidationError(refusal)
    document = publishable_document(version)
    if document is None:
        raise ValidationError(
            _(
                "Biên bản chưa được ký số: hãy ký số tại hệ thống hoặc tải lên bản đã ký số "
                "của phiên bản %(number)s trước khi phát hành."
            )
            % {"number": version.number}
        )

    text = minutes_plain_text(version.content)
    minutes.published_document = document
    minutes.published_at = timezone.now()
    minutes.published_by = actor
    minutes.status = Minutes.Status.PUBLISHED
    minutes.search_text = text
    minutes.search_folded = fold_text(f"{meeting.title}\n{text}")
    minutes.save(
        update_fields=[
            "published_document",
            "published_at",
            "published_by",
            "status",
            "search_text",
            "search_folded",
            "updated_at",
        ]
    )

    invitees = meeting_selectors.meeting_invitees(meeting)
    url = reverse("minutes", args=[meeting.pk])
    # Notices are stored text: written once, in the site's language.
    with translation.override(settings.LANGUAGE_CODE):
        notice = _notice_text(meeting)
        Notice.objects.bulk_create(
            Notice(user=user, meeting=meeting, url=url, text=notice) for user in invitees
        )
    transaction.on_commit(partial(send_minutes_emails, minutes.pk, [user.pk for user in invitees]))
    return MinutesPublication(minutes=minutes, document=document, recipients=len(invitees))


# --- E-mail, after commit ---------------------------------------------------------------


def minutes_filename(meeting: Meeting) -> str:
    return f"bien-ban-cuoc-hop-{meeting.pk}.pdf"


def _attachment(document: MinutesDocument) -> bytes | None:
    if document.size > EMAIL_ATTACHMENT_MAX_BYTES:
        return None
    with document.file.open("rb") as stored:
        return stored.read()


def send_minutes_emails(minutes_id: int, user_ids: list[int]) -> None:
    """One letter per recipient with an address: links, the code, and the signed PDF.

    A mail server that is down is logged: the minutes are published already, and the
    in-app notices carry the same news.
    """
    minutes = (
        Minutes.objects.select_related(
            "meeting__host_unit",
            "meeting__main_bridge_point__unit",
            "meeting__created_by",
            "published_document__version",
        )
        .filter(pk=minutes_id, status=Minutes.Status.PUBLISHED)
        .first()
    )
    if minutes is None or minutes.published_document is None:
        return
    recipients = list(
        User.objects.filter(pk__in=user_ids, is_active=True).exclude(email="").order_by("pk")
    )
    if not recipients:
        return
    meeting, document = minutes.meeting, minutes.published_document
    attachment = _attachment(document)
    code = document.version.verification_code or ""
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "meeting": meeting,
            "document": document,
            "code": code,
            "verify_url": verify_url(code) if code else "",
            "pdf_url": settings.SITE_URL + reverse("minutes-published-pdf", args=[meeting.pk]),
            "minutes_url": settings.SITE_URL + reverse("minutes", args=[meeting.pk]),
            "attached": attachment is not None,
        }
        subject = _("Biên bản cuộc họp: %(title)s (%(when)s)") % {
            "title": " ".join(meeting.title.split()),
            "when": date_short(meeting.start),
        }
        messages: list[EmailMultiAlternatives] = []
        for user in recipients:
            message = mail.letter(
                to=user,
                subject=subject,
                template="agenda/archive/email_minutes_published",
                context=context,
                reply_to=mail.reply_to_creator(meeting),
            )
            if attachment is not None:
                message.attach(minutes_filename(meeting), attachment, "application/pdf")
            messages.append(message)
    mail.send_logged(messages, what=f"the minutes of meeting {meeting.pk}")
