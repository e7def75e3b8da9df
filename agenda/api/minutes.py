"""The minutes (biên bản): read, build the draft, save versions, submit, approve, return,
upload a copy signed elsewhere, and download the PDFs.

Each view parses, calls one selector or service (agenda.services.minutes), and renders.
A save, submission or approval made on a version that is no longer the latest answers 409
with who saved in between; other refusals become JSON in meetings.api.errors (403, 404, 422).
"""

import datetime as dt
from typing import Any, Literal

from django.http import FileResponse, Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, File, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from agenda import selectors_minutes as selectors
from agenda.downloads import ATTACHMENT, content_disposition
from agenda.models import Minutes, MinutesDocument, MinutesReview, MinutesVersion
from agenda.services import minutes as services
from agenda.views.minutes import pdf_filename
from meetings.api.schemas import ErrorOut, LocalDateTime, PersonOut, ValidationErrorOut

router = Router(tags=["minutes"])

READ_ERRORS = {401: ErrorOut, 404: ErrorOut}
WRITE_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}


# Shapes --------------------------------------------------------------------------------------


class MinutesHeader(Schema):
    parent_agency: str = Field("", description="Cơ quan chủ quản, upper case; may be empty.")
    agency: str = Field(description="Cơ quan ban hành, upper case.")
    number: str = Field("", description='Everything after "Số: ", e.g. "…/BB-SNV".')
    place: str = Field("", description="Địa danh, e.g. Lạng Sơn.")
    date: dt.date = Field(description='Printed "Lạng Sơn, ngày 22 tháng 11 năm 2026".')
    subject: str = Field(description="Trích yếu, printed under BIÊN BẢN.")


class MinutesSection(Schema):
    key: str = Field(
        description='Stable id: "opening", "places", "attendees", "chair", "secretary", '
        '"content-intro", "item-<agenda item id>", "conclusion", "closing", or your own.'
    )
    title: str
    layout: Literal["inline", "block"] = Field(
        description='"inline": printed "Title: first paragraph" on one line; "block": a title '
        "line, then the body."
    )
    html: str = Field(
        description="Rich text of only p, br, strong, em, u, ul, ol, li, table, thead, tbody, "
        "tr, th, td, without attributes; anything else is removed on save."
    )


class Signer(Schema):
    title: str
    name: str


class MinutesSigners(Schema):
    secretary: Signer = Field(description="Signs on the left.")
    chair: Signer = Field(description="Signs on the right.")


class MinutesContent(Schema):
    header: MinutesHeader
    sections: list[MinutesSection]
    signers: MinutesSigners
    recipients: list[str] = Field(default_factory=list, description="Nơi nhận, a line each.")


class SignatureOut(Schema):
    name: str = ""
    role: str | None = Field(None, description='"secretary" or "chair" when known.')
    signed_at: str | None = Field(None, description="ISO 8601, as the signer declared it.")
    intact: bool = False
    trusted: bool = False
    subject: str = ""
    field: str = ""


class MinutesDocumentOut(Schema):
    id: int
    version: int = Field(description="The version number this PDF is of.")
    kind: MinutesDocument.Kind = Field(
        description='"rendered" (made at approval, unsigned), "signed" (signed here at '
        'approval), "uploaded" (signed elsewhere and checked).'
    )
    size: int = Field(description="Bytes.")
    sha256: str
    signers: list[SignatureOut]
    created_by: PersonOut | None
    created_at: LocalDateTime
    download_url: str


class MinutesReviewOut(Schema):
    decision: MinutesReview.Decision
    comment: str
    by: PersonOut | None
    at: LocalDateTime


class MinutesVersionSummaryOut(Schema):
    number: int
    note: str
    author: PersonOut | None
    created_at: LocalDateTime
    verification_code: str | None = Field(
        description='Set at approval, e.g. "K7QM-4XPA-9R" (Crockford base32, grouped).'
    )
    approved_at: LocalDateTime | None
    approved_by: PersonOut | None
    reviews: list[MinutesReviewOut]
    documents: list[MinutesDocumentOut]


class MinutesVersionOut(MinutesVersionSummaryOut):
    content: MinutesContent


class MinutesOut(Schema):
    meeting_id: int
    status: Minutes.Status
    latest_version: int = Field(description="The newest version number you may see.")
    published_at: LocalDateTime | None
    published_document_id: int | None
    may_edit: bool = Field(description="You may save versions, submit and upload signed copies.")
    may_approve: bool = Field(description="You chair the meeting: you approve or return.")
    version: MinutesVersionOut = Field(
        description="The latest version (the published one for readers of published minutes)."
    )


class VersionIn(Schema):
    base_version: int = Field(description="The version number your edit started from.")
    content: MinutesContent
    note: str = Field("", description="What changed, up to 300 characters.")


class SubmitIn(Schema):
    version: int | None = Field(None, description="The version you are submitting (checked).")


class ApproveIn(Schema):
    version: int = Field(description="The submitted version you read and approve.")


class ReturnIn(Schema):
    comment: str = Field(description="What to change; required.")
    version: int | None = None


class StaleOut(Schema):
    detail: str
    current_version: int
    saved_by: PersonOut | None
    saved_at: LocalDateTime


# Building answers ----------------------------------------------------------------------------


def _document(document: MinutesDocument, number: int) -> dict[str, Any]:
    return {
        "id": document.pk,
        "version": number,
        "kind": document.kind,
        "size": document.size,
        "sha256": document.sha256,
        "signers": document.signers or [],
        "created_by": document.created_by,
        "created_at": document.created_at,
        "download_url": reverse("api-1:minutes_document_download", args=[document.pk]),
    }


def _version(
    version: MinutesVersion, *, drafts: bool, published_id: int | None, content: bool = True
) -> dict:
    """A version; for readers of published minutes, only the published PDF."""
    documents = [
        _document(document, version.number)
        for document in version.documents.all()
        if drafts or document.pk == published_id
    ]
    answer = {
        "number": version.number,
        "note": version.note,
        "author": version.author,
        "created_at": version.created_at,
        "verification_code": version.verification_code,
        "approved_at": version.approved_at,
        "approved_by": version.approved_by,
        "reviews": list(version.reviews.all()) if drafts else [],
        "documents": documents,
    }
    if content:
        answer["content"] = version.content
    return answer


def _visible(request: HttpRequest, meeting_id: int):
    meeting, access, minutes = selectors.visible_minutes(request.auth, meeting_id)
    if minutes is None:
        if access.sees_drafts:
            raise Http404(_("Cuộc họp chưa có biên bản."))
        raise Http404(_("Biên bản của cuộc họp này chưa được phát hành."))
    return meeting, access, minutes


def _minutes(request: HttpRequest, meeting_id: int) -> dict[str, Any]:
    _meeting, access, minutes = _visible(request, meeting_id)
    history = list(selectors.versions(minutes))
    if access.sees_drafts:
        shown = history[0]
    else:
        shown = next(v for v in history if v.pk == minutes.published_document.version_id)
    return {
        "meeting_id": minutes.meeting_id,
        "status": minutes.status,
        "latest_version": shown.number,
        "published_at": minutes.published_at,
        "published_document_id": minutes.published_document_id,
        "may_edit": access.may_edit,
        "may_approve": access.may_approve,
        "version": _version(
            shown, drafts=access.sees_drafts, published_id=minutes.published_document_id
        ),
    }


def _version_of(request: HttpRequest, meeting_id: int, number: int) -> dict[str, Any]:
    _meeting, access, minutes = _visible(request, meeting_id)
    _meeting, version = selectors.version_get(request.auth, meeting_id, number)
    return _version(version, drafts=access.sees_drafts, published_id=minutes.published_document_id)


def _stale(stale: services.StaleVersion) -> Status:
    current = stale.current
    return Status(
        409,
        {
            "detail": stale.messages[0],
            "current_version": current.number,
            "saved_by": current.author,
            "saved_at": current.created_at,
        },
    )


# Endpoints -----------------------------------------------------------------------------------


@router.get("/meetings/{meeting_id}/minutes", response={200: MinutesOut, **READ_ERRORS})
def get_minutes(request: HttpRequest, meeting_id: int) -> dict[str, Any]:
    """The minutes' status and latest version. The chair, the secretaries and the host's
    staff see every draft; other people of the meeting only the published version (404
    before)."""
    return _minutes(request, meeting_id)


@router.post(
    "/meetings/{meeting_id}/minutes/draft", response={201: MinutesVersionOut, **WRITE_ERRORS}
)
def build_draft(request: HttpRequest, meeting_id: int) -> Status:
    """Build a new version from what the meeting recorded (once it has begun). Earlier
    versions stay. Secretary, co-secretary or the host's organizers."""
    version = services.minutes_draft_build(actor=request.auth, meeting_id=meeting_id)
    return Status(201, _version_of(request, meeting_id, version.number))


@router.get(
    "/meetings/{meeting_id}/minutes/versions",
    response={200: list[MinutesVersionSummaryOut], **READ_ERRORS},
)
def list_versions(request: HttpRequest, meeting_id: int) -> list[dict]:
    """Every version, newest first, with author, time, reviews and PDFs (without content)."""
    _meeting, access, minutes = _visible(request, meeting_id)
    versions = selectors.versions(minutes)
    if not access.sees_drafts:
        versions = versions.filter(pk=minutes.published_document.version_id)
    published_id = minutes.published_document_id
    return [
        _version(v, content=False, drafts=access.sees_drafts, published_id=published_id)
        for v in versions
    ]


@router.get(
    "/meetings/{meeting_id}/minutes/versions/{number}",
    response={200: MinutesVersionOut, **READ_ERRORS},
)
def get_version(request: HttpRequest, meeting_id: int, number: int) -> dict[str, Any]:
    return _version_of(request, meeting_id, number)


@router.post(
    "/meetings/{meeting_id}/minutes/versions",
    response={200: MinutesVersionOut, 201: MinutesVersionOut, 409: StaleOut, **WRITE_ERRORS},
)
def save_version(request: HttpRequest, meeting_id: int, payload: VersionIn) -> Status:
    """Save edited content as a new version (201). The same content as the latest version
    saves nothing (200). 409 when someone saved after `base_version`; refused while the
    chair reviews and once published. Saving approved minutes starts a new approval."""
    try:
        version = services.minutes_version_save(
            actor=request.auth,
            meeting_id=meeting_id,
            base_number=payload.base_version,
            content=payload.content.model_dump(mode="json"),
            note=payload.note,
        )
    except services.StaleVersion as stale:
        return _stale(stale)
    created = version.number != payload.base_version
    return Status(201 if created else 200, _version_of(request, meeting_id, version.number))


@router.post(
    "/meetings/{meeting_id}/minutes/submit",
    response={200: MinutesOut, 409: StaleOut, **WRITE_ERRORS},
)
def submit(request: HttpRequest, meeting_id: int, payload: SubmitIn) -> Status:
    """Send the latest version to the chair; no more saves until approved or returned."""
    try:
        services.minutes_submit(actor=request.auth, meeting_id=meeting_id, number=payload.version)
    except services.StaleVersion as stale:
        return _stale(stale)
    return Status(200, _minutes(request, meeting_id))


@router.post(
    "/meetings/{meeting_id}/minutes/approve",
    response={200: MinutesVersionOut, 409: StaleOut, **WRITE_ERRORS},
)
def approve(request: HttpRequest, meeting_id: int, payload: ApproveIn) -> Status:
    """The chair approves the submitted version: it gets its verification code, its PDF and,
    when the host unit has a certificate, the secretary's and chair's PAdES signatures. A
    refused signature approves nothing (422 with the reason)."""
    try:
        version = services.minutes_approve(
            actor=request.auth, meeting_id=meeting_id, number=payload.version
        )
    except services.StaleVersion as stale:
        return _stale(stale)
    return Status(200, _version_of(request, meeting_id, version.number))


@router.post(
    "/meetings/{meeting_id}/minutes/return",
    response={200: MinutesOut, 409: StaleOut, **WRITE_ERRORS},
)
def return_minutes(request: HttpRequest, meeting_id: int, payload: ReturnIn) -> Status:
    """The chair returns the submitted version with a comment (required)."""
    try:
        services.minutes_return(
            actor=request.auth,
            meeting_id=meeting_id,
            comment=payload.comment,
            number=payload.version,
        )
    except services.StaleVersion as stale:
        return _stale(stale)
    return Status(200, _minutes(request, meeting_id))


@router.post(
    "/meetings/{meeting_id}/minutes/upload-signed",
    response={201: MinutesDocumentOut, 413: ErrorOut, **WRITE_ERRORS},
)
def upload_signed(request: HttpRequest, meeting_id: int, file: File[UploadedFile]) -> Status:
    """A copy of the approved PDF signed elsewhere (multipart `file`). Kept only when every
    signature is intact and trusted and it signs exactly the approved PDF (422 otherwise)."""
    if file.size > services.max_upload_bytes():
        raise HttpError(413, _("Tệp lớn hơn %(n)s MB.") % {"n": services.max_upload_bytes() >> 20})
    document = services.minutes_upload_signed(
        actor=request.auth, meeting_id=meeting_id, data=file.read()
    )
    return Status(201, _document(document, document.version.number))


@router.get(
    "/minutes/documents/{document_id}",
    response=READ_ERRORS,
    url_name="minutes_document_download",
    openapi_extra={
        "responses": {
            200: {
                "description": "The PDF.",
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def download_document(request: HttpRequest, document_id: int) -> FileResponse:
    """A PDF of an approved version; readers of published minutes get the published one."""
    document = selectors.document_get(request.auth, document_id)
    version = document.version
    response = FileResponse(document.file.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(
        ATTACHMENT, pdf_filename(version.minutes.meeting, version)
    )
    return response
