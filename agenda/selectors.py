"""Reads for the agenda and its documents, with the access rules in one place.

Documents follow their meeting (meetings.selectors.meetings_visible_to: invitees and
the host's staff). A confidential document (tài liệu mật) is further limited to the
people named on it and the person who created it.
"""

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from agenda.models import AgendaItem, Document, DocumentVersion
from meetings import selectors as meeting_selectors
from meetings.models import Meeting, User


def readable_documents(user: User) -> QuerySet[Document]:
    """Every document the user may read, across the meetings they can see."""
    documents = Document.objects.filter(meeting__in=meeting_selectors.meetings_visible_to(user))
    if user.is_superuser:
        return documents
    return documents.filter(
        Q(is_confidential=False) | Q(readers=user) | Q(created_by=user)
    ).distinct()


def meeting_documents(user: User, meeting: Meeting) -> QuerySet[Document]:
    """The meeting's documents the user may read, each with its versions, newest first."""
    return (
        readable_documents(user)
        .filter(meeting=meeting)
        .select_related("agenda_item")
        .prefetch_related(
            Prefetch("versions", queryset=DocumentVersion.objects.order_by("-number"))
        )
        .order_by("agenda_item__position", "created_at", "pk")
    )


def document_get(user: User, pk: int) -> Document:
    document = readable_documents(user).select_related("meeting").filter(pk=pk).first()
    if document is None:
        raise Http404(_("Không tìm thấy tài liệu."))
    return document


def version_get(user: User, pk: int) -> DocumentVersion:
    version = (
        DocumentVersion.objects.filter(document__in=readable_documents(user), pk=pk)
        .select_related("document__meeting")
        .first()
    )
    if version is None:
        raise Http404(_("Không tìm thấy tài liệu."))
    return version


def latest_version(document: Document) -> DocumentVersion | None:
    return document.versions.order_by("-number").first()


def agenda_items(meeting: Meeting) -> QuerySet[AgendaItem]:
    """Items of a meeting the caller has already been allowed to see."""
    return (
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("presenter_user", "presenter_unit")
        .order_by("position")
    )


def agenda_manageable_by(user: User, meeting: Meeting) -> bool:
    """Organizers of the host build the agenda and upload; so does its creator."""
    return meeting_selectors.meeting_manageable_by(user, meeting)
