"""What a verification code (the QR on every page of the minutes) proves, for anyone.

`verification_for` finds the approved version behind a code and what it is compared with;
`check_uploaded_copy` compares an uploaded PDF byte for byte with it and lists the copy's
signatures. The public page (agenda/views/verify.py) and the API (agenda/api/verify.py)
show the same: the meeting's title, host unit and date, the version, when it was published,
the SHA-256 of the published PDF and its signers, nothing else.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agenda.models import Minutes, MinutesDocument, MinutesVersion
from agenda.verification_codes import normalize_code
from meetings.models import Meeting

MAX_UPLOAD_MB = 20
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
# Checking a copy parses the whole PDF: a few per minute from one address is plenty.
CHECKS_PER_WINDOW = 30
WINDOW_SECONDS = 10 * 60
ROLE_LABELS = {"secretary": gettext_lazy("Thư ký"), "chair": gettext_lazy("Chủ trì")}


@dataclass(frozen=True)
class Signer:
    name: str
    certificate_name: str
    role: str
    signed_at: datetime | None
    intact: bool
    trusted: bool
    valid: bool
    problem: str
    issuer: str


@dataclass(frozen=True)
class Verification:
    """What the page says about one code."""

    version: MinutesVersion
    meeting: Meeting
    state: str  # "published" | "superseded" | "unpublished"
    reference: MinutesDocument | None  # the PDF copies are compared with
    published_at: datetime | None
    current: MinutesVersion | None  # the later published version, when superseded

    @property
    def signers(self) -> list[Signer]:
        return signers_of(self.reference.signers if self.reference else [])


def signers_of(report: list[dict]) -> list[Signer]:
    return [
        Signer(
            name=row.get("signer_name") or row.get("name") or "",
            certificate_name=row.get("name") or "",
            role=str(ROLE_LABELS.get(row.get("role"), "")),
            signed_at=datetime.fromisoformat(row["signed_at"]) if row.get("signed_at") else None,
            intact=bool(row.get("intact")),
            trusted=bool(row.get("trusted")),
            valid=bool(row.get("valid", row.get("intact") and row.get("trusted"))),
            problem=row.get("problem") or "",
            issuer=row.get("issuer") or "",
        )
        for row in report
    ]


def verification_for(code: str) -> Verification | None:
    """The approved version behind a code typed in any case, with or without dashes."""
    version = (
        MinutesVersion.objects.select_related(
            "minutes__meeting__host_unit", "minutes__published_document__version"
        )
        .filter(verification_code=normalize_code(code), approved_at__isnull=False)
        .first()
    )
    if version is None:
        return None
    minutes: Minutes = version.minutes
    published = minutes.published_document if minutes.status == Minutes.Status.PUBLISHED else None
    state, reference, published_at, current = "unpublished", None, None, None
    if published is not None and published.version_id == version.pk:
        state, reference, published_at = "published", published, minutes.published_at
    elif published is not None and published.version.number > version.number:
        state, current = "superseded", published.version
        # What this version was signed as; it may once have been the published one.
        reference = (
            version.documents.exclude(kind=MinutesDocument.Kind.RENDERED)
            .order_by("-created_at", "-pk")
            .first()
        )
    return Verification(
        version=version,
        meeting=minutes.meeting,
        state=state,
        reference=reference,
        published_at=published_at,
        current=current,
    )


@dataclass(frozen=True)
class CopyCheck:
    name: str
    size: int
    sha256: str
    matches: bool | None  # None: nothing published to compare with
    signers: list[Signer]


def check_uploaded_copy(
    request: HttpRequest, found: Verification
) -> tuple[int, CopyCheck | None, str]:
    """(status, result, error message) of checking the uploaded copy."""
    if _over_limit(request):
        return 429, None, _("Bạn đã kiểm tra quá nhiều tệp. Vui lòng thử lại sau ít phút.")
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    # Answered from the header when it says enough (the front proxy should cap bodies too:
    # the CSRF check has read the form by now).
    if declared > MAX_UPLOAD_BYTES + 64 * 1024:
        return 413, None, _too_large()
    upload = request.FILES.get("file")
    if upload is None:
        return 400, None, _("Hãy chọn tệp PDF cần kiểm tra.")
    if upload.size > MAX_UPLOAD_BYTES:
        return 413, None, _too_large()
    data = upload.read()
    if not data[:1024].lstrip().startswith(b"%PDF-"):
        return 415, None, _("Tệp “%(name)s” không phải tệp PDF.") % {"name": upload.name}
    from agenda.signing import signature_report  # pyHanko is loaded only when a copy is checked

    digest = hashlib.sha256(data).hexdigest()
    reference = found.reference
    check = CopyCheck(
        name=upload.name or "",
        size=len(data),
        sha256=digest,
        matches=None if reference is None else digest == reference.sha256,
        signers=signers_of(signature_report(data)),
    )
    return 200, check, ""


def _too_large() -> str:
    return _("Tệp lớn hơn %(n)s MB: không kiểm tra được.") % {"n": MAX_UPLOAD_MB}


def _over_limit(request: HttpRequest) -> bool:
    key = f"minutes-verify:{request.META.get('REMOTE_ADDR', '')}"
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        count = 1
    return count > CHECKS_PER_WINDOW
