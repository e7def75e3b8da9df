"""The verification code's check over the API, open to anyone like the page the QR opens."""

from dataclasses import asdict
from datetime import date

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

from agenda.verification import Signer, Verification, check_uploaded_copy, verification_for
from meetings.api.schemas import ErrorOut, LocalDateTime

router = Router(tags=["verify"])


class SignerOut(Schema):
    name: str
    certificate_name: str
    role: str
    signed_at: LocalDateTime | None
    intact: bool
    trusted: bool
    valid: bool
    problem: str


class VerificationOut(Schema):
    code: str
    meeting_title: str
    host_unit: str
    meeting_date: date
    version: int
    # "published"; "superseded" by a later published version; "unpublished" (approved only)
    state: str
    published_at: LocalDateTime | None
    sha256: str | None
    signers: list[SignerOut]


class CopyCheckOut(Schema):
    size: int
    sha256: str
    # Byte for byte the published PDF; null when nothing is published to compare with.
    matches: bool | None
    signers: list[SignerOut]


def _signers(signers: list[Signer]) -> list[dict]:
    return [asdict(signer) for signer in signers]


def _found(code: str) -> Verification:
    found = verification_for(code)
    if found is None:
        raise HttpError(404, _("Mã xác thực không tồn tại."))
    return found


@router.get("/verify/{code}", auth=None, response={200: VerificationOut, 404: ErrorOut})
def verification_get(request: HttpRequest, code: str):
    """What the code proves: the meeting, the version, the published PDF's SHA-256, signers."""
    found = _found(code)
    return {
        "code": found.version.verification_code,
        "meeting_title": found.meeting.title,
        "host_unit": found.meeting.host_unit.name,
        "meeting_date": timezone.localdate(found.meeting.start),
        "version": found.version.number,
        "state": found.state,
        "published_at": found.published_at,
        "sha256": found.reference.sha256 if found.reference else None,
        "signers": _signers(found.signers),
    }


@router.post(
    "/verify/{code}",
    auth=None,
    response={
        200: CopyCheckOut,
        400: ErrorOut,
        404: ErrorOut,
        413: ErrorOut,
        415: ErrorOut,
        429: ErrorOut,
    },
)
def verification_check(request: HttpRequest, code: str):
    """Check a copy (multipart field `file`): byte for byte against the published PDF, and
    the copy's own signatures. At most 20 MB."""
    status, check, error = check_uploaded_copy(request, _found(code))
    if check is None:
        raise HttpError(status, error)
    return {
        "size": check.size,
        "sha256": check.sha256,
        "matches": check.matches,
        "signers": _signers(check.signers),
    }
