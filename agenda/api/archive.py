"""Publishing the minutes, the archive of a host unit, and a meeting's record as one zip.

Each view parses, calls one selector or service, and renders; refusals become JSON in
meetings.api.errors (403 not yours to do, 404 not yours to see, 422 not possible now).
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from agenda.models import Minutes, MinutesDocument
from agenda.record_export import record_zip_response
from agenda.selectors_archive import (
    ArchiveFilters,
    ArchiveRow,
    archive_access,
    archive_bridge_points,
    archive_page,
    archive_rows,
)
from agenda.services.minutes_publish import minutes_publish
from meetings import selectors as meeting_selectors
from meetings.api.schemas import (
    BridgePointRef,
    ErrorOut,
    LocalDateTime,
    UnitRef,
    ValidationErrorOut,
)
from meetings.models import Meeting
from meetings.services.errors import PermissionDenied

router = Router(tags=["archive"])

READ_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
WRITE_ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}


# --- Schemas ---------------------------------------------------------------------------


class SignerOut(Schema):
    name: str = ""
    role: str = ""
    signed_at: str = Field("", description="ISO 8601, as read from the signature.")
    intact: bool = False
    trusted: bool = False


class PublishedDocumentOut(Schema):
    kind: MinutesDocument.Kind = Field(
        description="signed: signed here at approval; uploaded: signed elsewhere and uploaded."
    )
    version_number: int = Field(alias="version.number")
    verification_code: str = Field(alias="version.verification_code")
    sha256: str
    size: int
    signers: list[SignerOut]


class MinutesPublishedOut(Schema):
    meeting_id: int
    status: Minutes.Status
    published_at: LocalDateTime
    recipients: int = Field(description="Participants and room operators told by a notice.")
    document: PublishedDocumentOut
    pdf_url: str


class ArchiveMeetingOut(Schema):
    id: int
    title: str
    start: LocalDateTime
    end: LocalDateTime
    status: Meeting.Status
    host_unit: UnitRef
    main_bridge_point: BridgePointRef
    invited_rooms: int = Field(description="Bridge points invited besides the main one.")
    minutes_status: Minutes.Status | None = Field(description="null: no minutes yet.")
    record_complete: bool = Field(description="The signed minutes are published.")
    published_at: LocalDateTime | None
    verification_code: str | None
    minutes_pdf_url: str | None
    record_zip_url: str


class ArchivePageOut(Schema):
    count: int
    page: int
    pages: int
    page_size: int
    results: list[ArchiveMeetingOut]


class ArchiveQuery(Schema):
    q: str = Field(
        "",
        max_length=200,
        description="Words of the title or the minutes' text; "
        "diacritics optional ('bien ban' finds 'Biên bản').",
    )
    date_from: date | None = Field(None, alias="from", description="First day (YYYY-MM-DD).")
    date_to: date | None = Field(None, alias="to", description="Last day, included.")
    bridge_point: int | None = Field(None, description="Main or invited bridge point id.")
    page: int = Field(1, ge=1)


# --- Views -----------------------------------------------------------------------------


def _pdf_url(meeting_id: int) -> str:
    return reverse("minutes-published-pdf", args=[meeting_id])


@router.post(
    "/meetings/{meeting_id}/minutes/publish", response={200: MinutesPublishedOut, **WRITE_ERRORS}
)
def publish_minutes(request: HttpRequest, meeting_id: int) -> dict:
    """Publish the signed minutes (the secretary or the host's organizers): every participant
    and invited room's operator gets a notice and an e-mail with the signed PDF. Refused with
    422 while the latest approved version has no signed PDF, or when already published."""
    meeting = meeting_selectors.meeting_get(request.auth, meeting_id)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is None:
        raise ValidationError(_("Cuộc họp này chưa có biên bản."))
    publication = minutes_publish(actor=request.auth, minutes=minutes)
    return {
        "meeting_id": meeting.pk,
        "status": publication.minutes.status,
        "published_at": publication.minutes.published_at,
        "recipients": publication.recipients,
        "document": publication.document,
        "pdf_url": _pdf_url(meeting.pk),
    }


def _archive_row(row: ArchiveRow) -> dict:
    meeting, minutes = row.meeting, row.minutes
    published = minutes.published_document if row.complete else None
    return {
        "id": meeting.pk,
        "title": meeting.title,
        "start": meeting.start,
        "end": meeting.end,
        "status": meeting.status,
        "host_unit": meeting.host_unit,
        "main_bridge_point": meeting.main_bridge_point,
        "invited_rooms": meeting.invited_rooms,
        "minutes_status": minutes.status if minutes else None,
        "record_complete": row.complete,
        "published_at": minutes.published_at if row.complete else None,
        "verification_code": published.version.verification_code if published else None,
        "minutes_pdf_url": _pdf_url(meeting.pk) if row.complete else None,
        "record_zip_url": reverse("meeting-record-zip", args=[meeting.pk]),
    }


@router.get("/archive", response={200: ArchivePageOut, **READ_ERRORS})
def archive(request: HttpRequest, filters: Query[ArchiveQuery]) -> dict:
    """The meetings of the units where you are host staff (organizer, chair, secretary),
    newest first, 25 a page; every word of `q` must occur in the title or the minutes."""
    access = archive_access(request.auth)
    if not access.granted:
        raise PermissionDenied(_("Lưu trữ dành cho cán bộ đơn vị chủ trì."))
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        raise ValidationError({"from": [_("“from” phải trước hoặc bằng “to”.")]})
    if filters.bridge_point is not None and not (
        archive_bridge_points(access).filter(pk=filters.bridge_point).exists()
    ):
        raise ValidationError({"bridge_point": [_("Điểm cầu này không thuộc lưu trữ của bạn.")]})
    page = archive_page(
        access,
        ArchiveFilters(
            query=filters.q.strip(),
            date_from=filters.date_from,
            date_to=filters.date_to,
            bridge_point_id=filters.bridge_point,
        ),
        filters.page,
    )
    return {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "page_size": page.paginator.per_page,
        "results": [_archive_row(row) for row in archive_rows(access, page.object_list)],
    }


@router.get(
    "/meetings/{meeting_id}/record.zip",
    response={401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    openapi_extra={
        "responses": {
            200: {
                "description": "The meeting's record: invitation, agenda booklet, documents "
                "(confidential ones only named in manifest.txt), attendance, votes (CSV), the "
                "published minutes and a manifest with the SHA-256 of every file.",
                "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def record_zip(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """The whole record of a meeting as one zip (host staff only)."""
    return record_zip_response(request.auth, meeting_id)
