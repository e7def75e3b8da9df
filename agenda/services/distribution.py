"""Publishing the agenda: notices, "sent" receipts, and e-mail after commit."""

from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from agenda import notifications
from agenda.models import Document, DocumentVersion, Notice
from agenda.selectors import agenda_manageable_by, reads_document
from agenda.selectors_distribution import distributed_documents, readers_by_document
from agenda.services.receipts import receipts_mark_sent
from meetings import selectors as meeting_selectors
from meetings.models import Meeting, User
from meetings.services.errors import PermissionDenied
from meetings.vietnamese_dates import date_time_short

NOTICE_TITLE_CHARS = 200


@dataclass(frozen=True)
class Publication:
    meeting: Meeting
    republished: bool
    recipients: int
    new_documents: int  # documents added or given a new version since the last publish


def _refusal(meeting: Meeting) -> str | None:
    if meeting.status == Meeting.Status.CANCELLED:
        return _("Cuộc họp đã bị hủy: không công bố chương trình được.")
    if meeting.status == Meeting.Status.DRAFT:
        return _("Cuộc họp còn là dự thảo: hãy lên lịch và gửi giấy mời trước khi công bố.")
    if meeting.status == Meeting.Status.ENDED:
        return _("Cuộc họp đã kết thúc: không công bố chương trình được.")
    return None


def _fresh_document_ids(meeting: Meeting, documents: list[Document]) -> set[int]:
    """Documents new, or with a new version, since the last publish (all of them the first time)."""
    if meeting.agenda_published_at is None:
        return {d.pk for d in documents}
    return set(
        DocumentVersion.objects.filter(
            document__meeting=meeting, uploaded_at__gt=meeting.agenda_published_at
        ).values_list("document_id", flat=True)
    )


def _notice_text(meeting: Meeting, republished: bool, count: int) -> str:
    values = {
        "title": Truncator(" ".join(meeting.title.split())).chars(NOTICE_TITLE_CHARS),
        "when": date_time_short(meeting.start),
        "documents": ngettext("%(n)s tài liệu", "%(n)s tài liệu", count) % {"n": count},
    }
    if not republished:
        text = _("Chương trình họp “%(title)s” (%(when)s) đã được công bố, kèm %(documents)s.")
    elif count:
        text = _("Chương trình họp “%(title)s” (%(when)s) cập nhật %(documents)s mới/sửa đổi.")
    else:
        text = _("Chương trình họp “%(title)s” (%(when)s) đã cập nhật; không có tài liệu mới.")
    return text % values


@transaction.atomic
def agenda_publish(*, actor: User, meeting_id: int) -> Publication:
    """Send the agenda and its documents to every invitee.

    Each invitee gets an in-app notice, a "sent" receipt for every document they may
    read, and (after commit) one e-mail with the agenda and links, never files. Publishing
    again tells them only about the documents added or changed since the last time.
    """
    meeting = meeting_selectors.meeting_get(actor, meeting_id)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not agenda_manageable_by(actor, meeting):
        raise PermissionDenied(_("Chỉ văn phòng đơn vị chủ trì được công bố chương trình họp."))
    refusal = _refusal(meeting)
    if refusal:
        raise ValidationError(refusal)

    republished = meeting.agenda_published_at is not None
    documents = distributed_documents(meeting)
    fresh = _fresh_document_ids(meeting, documents)
    readers = readers_by_document(d.pk for d in documents)
    invitees = meeting_selectors.meeting_invitees(meeting)
    readable = {
        user.pk: {d.pk for d in documents if reads_document(user, d, readers.get(d.pk, set()))}
        for user in invitees
    }
    receipts_mark_sent(documents_by_user=readable)

    # The e-mail names a confidential document only to the people named on it.
    listed = {
        user.pk: [
            d.pk
            for d in documents
            if d.pk in fresh
            and d.pk in readable[user.pk]
            and (not d.is_confidential or user.pk in readers.get(d.pk, set()))
        ]
        for user in invitees
    }
    url = reverse("meeting-agenda", args=[meeting.pk])
    # Notices are stored text: written once, in the site's language.
    with translation.override(settings.LANGUAGE_CODE):
        Notice.objects.bulk_create(
            Notice(
                user=user,
                meeting=meeting,
                url=url,
                text=_notice_text(meeting, republished, len(readable[user.pk] & fresh)),
            )
            for user in invitees
        )
    meeting.agenda_published_at = timezone.now()
    # Not updated_at: the invitation letter is dated by it, and publishing changes no booking.
    meeting.save(update_fields=["agenda_published_at"])
    transaction.on_commit(
        partial(notifications.send_agenda_emails, meeting.pk, listed, republished=republished)
    )
    return Publication(
        meeting=meeting, republished=republished, recipients=len(invitees), new_documents=len(fresh)
    )
