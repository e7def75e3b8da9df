"""The minutes (biên bản): read, build the draft, save versions, submit, approve, return,
upload a copy signed elsewhere, and download the PDFs.

Each view parses, calls one selector or service (agenda.services.minutes), and renders.
A save, submission or approval made on a version that is no longer the latest answers 409
with who saved in between; other refusals become JSON in meetings.api.errors (403, 404, 422).
"""

from collections.abc import Callable
from typing import Any

from django.http import FileResponse, Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import File, Router, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from agenda import selectors_minutes as selectors
from agenda.api.minutes_schemas import (
    ApproveIn,
    MinutesDocumentOut,
    MinutesOut,
    MinutesVersionOut,
    MinutesVersionSummaryOut,
    ReturnIn,
    StaleOut,
    SubmitIn,
    VersionIn,
)
from agenda.downloads import ATTACHMENT, content_disposition
from agenda.models import MinutesDocument, MinutesVersion
from agenda.services import minutes as services
from agenda.views.minutes import pdf_filename
from meetings.api.schemas import ErrorOut, ValidationErrorOut

router = Router(tags=["minutes"])

READ_ERRORS = {401: ErrorOut, 404: ErrorOut}
WRITE_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}


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


def _minutes_after(request: HttpRequest, meeting_id: int, step: Callable[[], object]) -> Status:
    """A review step (submit, return): the minutes as they now are, or 409 when the version
    it names is no longer the latest."""
    try:
        step()
    except services.StaleVersion as stale:
        return _stale(stale)
    return Status(200, _minutes(request, meeting_id))


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
    return _minutes_after(
        request,
        meeting_id,
        lambda: services.minutes_submit(
            actor=request.auth, meeting_id=meeting_id, number=payload.version
        ),
    )


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
    return _minutes_after(
        request,
        meeting_id,
        lambda: services.minutes_return(
            actor=request.auth,
            meeting_id=meeting_id,
            comment=payload.comment,
            number=payload.version,
        ),
    )


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
