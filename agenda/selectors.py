"""Reads for the agenda and its documents, with the access rules in one place.

Documents follow their meeting (meetings.selectors.meetings_visible_to: invitees and
the host's staff). A confidential document (tài liệu mật) is further limited to the
people named on it and the person who created it.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from agenda.models import AgendaItem, AgendaTemplate, Document, DocumentVersion
from agenda.timing import AgendaTiming, agenda_timing
from meetings import selectors as meeting_selectors
from meetings.models import Meeting, Unit, User


def readable_documents(user: User) -> QuerySet[Document]:
    """Every document the user may read, across the meetings they can see."""
    documents = Document.objects.filter(meeting__in=meeting_selectors.meetings_visible_to(user))
    if user.is_superuser:
        return documents
    return documents.filter(
        Q(is_confidential=False) | Q(readers=user) | Q(created_by=user)
    ).distinct()


def reads_document(user: User, document: Document, reader_ids: set[int]) -> bool:
    """readable_documents' rule for one person who can see the document's meeting, without a
    query: `reader_ids` are the people named on it (prefetched for many documents at once)."""
    return (
        user.is_superuser
        or not document.is_confidential
        or user.pk in reader_ids
        or document.created_by_id == user.pk
    )


def meeting_documents(user: User, meeting: Meeting) -> QuerySet[Document]:
    """The meeting's documents the user may read, each with its versions, newest first."""
    return (
        readable_documents(user)
        .filter(meeting=meeting)
        .select_related("agenda_item")
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=DocumentVersion.objects.select_related("uploaded_by").order_by("-number"),
            )
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


def agenda_templates_for(user: User, meeting: Meeting) -> QuerySet[AgendaTemplate]:
    """Templates to start this meeting's agenda from: the host unit's, and those of the
    units the user organizes for."""
    templates = AgendaTemplate.objects.select_related("owner_unit").order_by("name", "pk")
    if user.is_superuser:
        return templates
    units = meeting_selectors.managed_unit_ids(user) | {meeting.host_unit_id}
    return templates.filter(owner_unit_id__in=units)


@dataclass
class AgendaRow:
    item: AgendaItem
    start: datetime
    end: datetime
    documents: list[Document]


@dataclass
class AgendaOverview:
    """The agenda as pages show it: items with their planned times and the documents the
    user may read; `loose_documents` belong to the meeting rather than to one item."""

    rows: list[AgendaRow]
    loose_documents: list[Document]
    timing: AgendaTiming

    @property
    def document_count(self) -> int:
        return len(self.loose_documents) + sum(len(row.documents) for row in self.rows)


def agenda_overview(user: User, meeting: Meeting) -> AgendaOverview:
    """Two queries for the items and documents (plus the versions' prefetch)."""
    items = list(agenda_items(meeting))
    by_item: dict[int | None, list[Document]] = {}
    for document in meeting_documents(user, meeting):
        by_item.setdefault(document.agenda_item_id, []).append(document)
    timing = agenda_timing(meeting.start, meeting.end, [i.planned_minutes for i in items])
    rows = [
        AgendaRow(
            item=item,
            start=start,
            end=start + timedelta(minutes=item.planned_minutes),
            documents=by_item.get(item.pk, []),
        )
        for item, start in zip(items, timing.starts, strict=True)
    ]
    return AgendaOverview(rows=rows, loose_documents=by_item.get(None, []), timing=timing)


def presenter_candidates(meeting: Meeting) -> tuple[list[User], list[Unit]]:
    """Who may present an item: the meeting's invitees and the host's staff; which units:
    the host, the units right below it and those of the invited rooms."""
    staff = meeting_selectors.members_by_unit([meeting.host_unit_id]).get(meeting.host_unit_id, [])
    people = {user.pk: user for user in [*meeting_selectors.meeting_invitees(meeting), *staff]}
    units = Unit.objects.filter(
        Q(pk=meeting.host_unit_id)
        | Q(parent_id=meeting.host_unit_id)
        | Q(bridge_points__invitations__meeting=meeting)
    ).distinct()
    return (
        sorted(people.values(), key=lambda user: (user.display_name.lower(), user.pk)),
        list(units.order_by("name", "pk")),
    )


def agenda_item_get(user: User, pk: int) -> AgendaItem:
    """An item of a meeting the user can see (the REST API reads it before a partial change)."""
    item = (
        AgendaItem.objects.filter(meeting__in=meeting_selectors.meetings_visible_to(user), pk=pk)
        .select_related("meeting", "presenter_user", "presenter_unit")
        .first()
    )
    if item is None:
        raise Http404(_("Không tìm thấy mục chương trình."))
    return item
