"""Who may see, edit and approve a meeting's minutes, and the reads behind the pages and API.

- Drafts, versions, reviews and every PDF: the chair, the secretary, the co-secretary named
  for the live meeting, and the host unit's staff (its organizers and those of the units
  above it, as for the agenda).
- Editing (build, save, submit, upload a signed copy): the secretary, the co-secretary and
  the host's staff. Approving or returning: the chair only.
- Anyone else who can see the meeting (delegates, observers, bridge point operators) sees
  the minutes once published, and only the published version and its PDF.
"""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from agenda.models import Minutes, MinutesDocument, MinutesReview, MinutesVersion
from meetings import selectors as meeting_selectors
from meetings.models import Meeting, User
from realtime.models import LiveState


@dataclass(frozen=True)
class MinutesAccess:
    is_chair: bool
    is_secretary: bool  # the secretary or the co-secretary
    is_host_staff: bool

    @property
    def sees_drafts(self) -> bool:
        return self.is_chair or self.is_secretary or self.is_host_staff

    @property
    def may_edit(self) -> bool:
        return self.is_secretary or self.is_host_staff

    @property
    def may_approve(self) -> bool:
        return self.is_chair


def co_secretary_id(meeting: Meeting) -> int | None:
    return (
        LiveState.objects.filter(meeting=meeting).values_list("co_secretary_id", flat=True).first()
    )


def minutes_access(user: User, meeting: Meeting) -> MinutesAccess:
    """The user's part in the minutes of a meeting they can see."""
    secretaries = {meeting.secretary_id, co_secretary_id(meeting)} - {None}
    return MinutesAccess(
        is_chair=meeting.chair_id == user.pk,
        is_secretary=user.pk in secretaries,
        is_host_staff=meeting_selectors.meeting_manageable_by(user, meeting),
    )


def minutes_meeting(user: User, meeting_id: int) -> tuple[Meeting, MinutesAccess]:
    """The meeting (404 for people with no part in it) and the user's part in its minutes."""
    meeting = meeting_selectors.meeting_get(user, meeting_id)
    return meeting, minutes_access(user, meeting)


def minutes_of(meeting: Meeting) -> Minutes | None:
    return (
        Minutes.objects.select_related("published_document__version", "published_by")
        .filter(meeting=meeting)
        .first()
    )


def is_published(minutes: Minutes | None) -> bool:
    return (
        minutes is not None
        and minutes.status == Minutes.Status.PUBLISHED
        and minutes.published_document_id is not None
    )


def visible_minutes(user: User, meeting_id: int) -> tuple[Meeting, MinutesAccess, Minutes | None]:
    """The meeting, the user's part and the minutes they may see: for people who see no
    drafts, the minutes only once published (None before)."""
    meeting, access = minutes_meeting(user, meeting_id)
    minutes = minutes_of(meeting)
    if not access.sees_drafts and not is_published(minutes):
        minutes = None
    return meeting, access, minutes


def versions(minutes: Minutes) -> QuerySet[MinutesVersion]:
    """Newest first, with their author, approver, reviews and documents (fixed queries)."""
    return (
        minutes.versions.select_related("author", "approved_by")
        .prefetch_related(
            Prefetch("reviews", queryset=MinutesReview.objects.select_related("by")),
            Prefetch(
                "documents",
                queryset=MinutesDocument.objects.select_related("created_by").order_by(
                    "created_at", "pk"
                ),
            ),
        )
        .order_by("-number")
    )


def latest_version(minutes: Minutes) -> MinutesVersion | None:
    return minutes.versions.select_related("author").order_by("-number").first()


def version_get(user: User, meeting_id: int, number: int) -> tuple[Meeting, MinutesVersion]:
    """One version for people who see drafts; the published one for the others."""
    meeting, access, minutes = visible_minutes(user, meeting_id)
    if minutes is None:
        raise Http404(_("Biên bản của cuộc họp này chưa được phát hành."))
    version = versions(minutes).filter(number=number).first()
    published = minutes.published_document.version_id if is_published(minutes) else None
    if version is None or not (access.sees_drafts or version.pk == published):
        raise Http404(_("Không tìm thấy phiên bản biên bản này."))
    return meeting, version


def document_get(user: User, document_id: int) -> MinutesDocument:
    """A PDF of the minutes: any for people who see drafts, the published one for others."""
    document = (
        MinutesDocument.objects.select_related("version__minutes__meeting")
        .filter(pk=document_id)
        .first()
    )
    if document is None:
        raise Http404(_("Không tìm thấy tệp biên bản."))
    meeting_id = document.version.minutes.meeting_id
    _meeting, access, minutes = visible_minutes(user, meeting_id)
    allowed = access.sees_drafts or (
        minutes is not None and minutes.published_document_id == document.pk
    )
    if not allowed:
        raise Http404(_("Không tìm thấy tệp biên bản."))
    return document


def latest_approved(minutes: Minutes) -> MinutesVersion | None:
    return (
        minutes.versions.filter(approved_at__isnull=False, verification_code__isnull=False)
        .order_by("-number")
        .first()
    )


def rendered_document(version: MinutesVersion) -> MinutesDocument | None:
    """The PDF made at approval, unsigned: what signed copies must start with."""
    return (
        version.documents.filter(kind=MinutesDocument.Kind.RENDERED)
        .order_by("-created_at", "-pk")
        .first()
    )
