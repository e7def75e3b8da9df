"""Documents and their versions: list, upload (multipart), new version, change, delete,
download, and the meeting booklet.

Each view parses, calls one selector or service (agenda.services.documents), and
renders. Upload refusals (agenda.upload_rules) answer their own status, 400, 413, 415
or 422, with `detail`; other refusals become JSON in meetings.api.errors.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from django.http import HttpRequest, HttpResponse
from ninja import File, Form, Router, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from agenda import selectors
from agenda.api.schemas import (
    DocumentCreateForm,
    DocumentOut,
    DocumentPatchIn,
    DocumentVersionOut,
)
from agenda.downloads import version_response
from agenda.models import Document
from agenda.services.documents import (
    document_create,
    document_delete,
    document_fields,
    document_update,
    document_version_upload,
)
from agenda.services.receipts import receipt_mark
from agenda.upload_rules import UploadRefused
from agenda.views.booklet import booklet_response
from meetings import selectors as meeting_selectors
from meetings.api.schemas import ErrorOut, ValidationErrorOut

router = Router(tags=["documents"])

READ_ERRORS = {401: ErrorOut, 404: ErrorOut}
WRITE_ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
UPLOAD_ERRORS = {**WRITE_ERRORS, 413: ErrorOut, 415: ErrorOut}


def _file_answer(content_type: str, description: str) -> dict:
    return {
        "responses": {
            200: {
                "description": description,
                "content": {content_type: {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    }


@contextmanager
def upload_refusals() -> Iterator[None]:
    """A broken upload rule answers its status (400/413/415/422) with the rule's message."""
    try:
        yield
    except UploadRefused as refused:
        raise HttpError(refused.status, refused.message) from refused


def _document(request: HttpRequest, document_id: int) -> Document:
    return selectors.document_get(request.auth, document_id)


@router.get("/meetings/{meeting_id}/documents", response={200: list[DocumentOut], **READ_ERRORS})
def list_documents(request: HttpRequest, meeting_id: int) -> list[Document]:
    """The meeting's documents you may read, in agenda order, each with its versions.

    A confidential document is listed only for the people named on it and its creator.
    """
    meeting = meeting_selectors.meeting_get(request.auth, meeting_id)
    return list(
        selectors.meeting_documents(request.auth, meeting)
        .select_related("created_by")
        .prefetch_related("readers")
    )


@router.post("/meetings/{meeting_id}/documents", response={201: DocumentOut, **UPLOAD_ERRORS})
def create_document(
    request: HttpRequest,
    meeting_id: int,
    file: File[UploadedFile],
    fields: Form[DocumentCreateForm],
) -> Status:
    """Upload a document (multipart): PDF, DOCX, XLSX, PPTX, PNG or JPEG; a confidential
    document must be a PDF. Organizers of the host unit only."""
    with upload_refusals():
        document = document_create(
            actor=request.auth, meeting_id=meeting_id, fields=fields.to_fields(), upload=file
        )
    return Status(201, _document(request, document.pk))


@router.post(
    "/documents/{document_id}/versions", response={201: DocumentVersionOut, **UPLOAD_ERRORS}
)
def upload_version(request: HttpRequest, document_id: int, file: File[UploadedFile]) -> Status:
    """A new version of the document (multipart `file`); older versions stay readable."""
    with upload_refusals():
        version = document_version_upload(actor=request.auth, document_id=document_id, upload=file)
    return Status(201, version)


@router.patch("/documents/{document_id}", response={200: DocumentOut, **WRITE_ERRORS})
def patch_document(request: HttpRequest, document_id: int, payload: DocumentPatchIn) -> Document:
    """Change only the fields sent (title, agenda item, confidentiality, readers, deadline)."""
    sent = payload.model_dump(exclude_unset=True)
    if "reader_ids" in sent:
        sent["reader_ids"] = tuple(sent["reader_ids"])
    fields = replace(document_fields(_document(request, document_id)), **sent)
    document_update(actor=request.auth, document_id=document_id, fields=fields)
    return _document(request, document_id)


@router.delete("/documents/{document_id}", response={204: None, **WRITE_ERRORS})
def delete_document(request: HttpRequest, document_id: int) -> Status:
    """Delete the document with all its versions and files."""
    document_delete(actor=request.auth, document_id=document_id)
    return Status(204, None)


@router.get(
    "/document-versions/{version_id}/download",
    response=READ_ERRORS,
    url_name="document_version_download",
    openapi_extra=_file_answer(
        "application/octet-stream",
        "The file, with its sniffed content type. A confidential document comes stamped "
        "with the reader's name, unit and time on every page.",
    ),
)
def download_version(request: HttpRequest, version_id: int, inline: bool = False) -> HttpResponse:
    """The version's file; `inline=true` asks the browser to show a PDF or an image.

    Stamps your read receipt: "opened" when inline, else "downloaded".
    """
    version = selectors.version_get(request.auth, version_id)
    receipt_mark(
        user=request.auth, document=version.document, event="opened" if inline else "downloaded"
    )
    return version_response(version, reader=request.auth, inline=inline)


@router.get(
    "/meetings/{meeting_id}/booklet.pdf",
    response=READ_ERRORS,
    openapi_extra=_file_answer(
        "application/pdf",
        "The agenda booklet: cover with a QR code, agenda with planned times, documents "
        "with versions and SHA-256. With `full=true`, the documents' latest PDF versions "
        "follow it (confidential ones watermarked for you).",
    ),
)
def meeting_booklet(request: HttpRequest, meeting_id: int, full: bool = False) -> HttpResponse:
    return booklet_response(request.auth, meeting_id, full=full)
