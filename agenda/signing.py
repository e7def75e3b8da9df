"""Digital signatures on minutes (PAdES, pyHanko): signing here, and checking PDFs signed elsewhere.

Signing: one PAdES baseline B-B signature per signer (secretary, then chair), each in its
own field ("ThuKy", "ChuTri") and its own incremental update, so the approved PDF's bytes
stay the first bytes of the signed file. The certificate is the host unit's (or its nearest
ancestor's) SigningCertificate, else the environment's MINUTES_SIGNING_P12.

Validation trusts only what this deployment was told to trust: the CA certificates of the
MINUTES_TRUST_ROOTS bundle and those inside every configured .p12 — never the operating
system's list, never anything fetched: no OCSP responder or CRL server is reachable from the
servers that run this product, so revocation is checked only from what the PDF itself carries
("soft-fail": missing revocation information is not an error, a revocation found is).
Certificates are judged at the signing time the signer declared (the /M entry, covered by the
signature), so minutes stay verifiable after the signer's certificate expires.
"""

import asyncio
import io
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.ades.report import AdESIndeterminate
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.general import SigningError
from pyhanko.sign.signers.pdf_signer import PdfSignatureMetadata, PdfSigner
from pyhanko.sign.validation import (
    EmbeddedPdfSignature,
    PdfSignatureStatus,
    SignatureCoverageLevel,
    validate_pdf_signature,
)
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pyhanko_certvalidator.util import get_pyca_cryptography_hash

from agenda.models import SigningCertificate
from agenda.signing_changes import only_signatures_added
from agenda.signing_keys import (
    CertificateRejected,
    SigningIdentity,
    asn1_certificate,
    asn1_private_key,
    common_name,
    password_decrypt,
    read_p12,
)
from agenda.signing_trust import trust_roots
from meetings.models import Unit

logger = logging.getLogger(__name__)
T = TypeVar("T")

# role → (signature field, reason printed by PDF readers)
FIELDS = {"secretary": ("ThuKy", "Thư ký"), "chair": ("ChuTri", "Chủ trì")}
ROLE_OF_FIELD = {field: role for role, (field, _reason) in FIELDS.items()}
# Vietnamese signing certificates carry digitalSignature and/or nonRepudiation; either will do.
KEY_USAGE = KeyUsageConstraints(key_usage={"digital_signature", "non_repudiation"})
# A signer's clock may run a little ahead of ours; a signing time further ahead is refused.
CLOCK_SKEW = timedelta(minutes=10)


class SigningRefused(Exception):
    """Signing or a signed upload refused; the message (Vietnamese) says why."""

    def __init__(self, message: str, *, signers: list[dict] | None = None):
        super().__init__(message)
        self.message = message
        self.signers = signers or []


# ---------------------------------------------------------------------------- signing


def signing_available(unit: Unit) -> bool:
    """A certificate is configured for the unit (its own, an ancestor's or the environment's).

    Expiry and the password are not checked here: signing then refuses with the reason,
    which tells the administrator what to fix instead of silently leaving minutes unsigned.
    """
    return _nearest_certificate(unit) is not None or bool(settings.MINUTES_SIGNING_P12)


def sign_minutes_pdf(pdf: bytes, *, unit: Unit, signers: list[tuple[str, str]]) -> bytes:
    """Sign `pdf` once per (role, name), in order, each in an incremental update."""
    if not signers:
        raise SigningRefused(_("Biên bản chưa ghi thư ký và chủ trì: không có ai để ký."))
    for role, _name in signers:
        if role not in FIELDS:
            raise ValueError(f"unknown signer role {role!r}")
    signer = _LoadedKeySigner(_identity_for(unit))
    data = bytes(pdf)
    for role, name in signers:
        field, reason = FIELDS[role]
        meta = PdfSignatureMetadata(
            field_name=field,
            md_algorithm="sha256",
            subfilter=SigSeedSubFilter.PADES,
            reason=reason,
            name=name or None,
        )
        try:
            writer = IncrementalPdfFileWriter(io.BytesIO(data))
            # The signing time (/M) is the current time, set by pyHanko.
            data = _outside_event_loop(PdfSigner(meta, signer).sign_pdf, writer).getvalue()
        except (PdfError, SigningError, ValueError) as error:
            logger.warning("minutes signing failed: %s", error)
            raise SigningRefused(
                _("Không ký được tệp PDF biên bản: %(error)s") % {"error": error}
            ) from error
    return data


@dataclass(frozen=True)
class _Source:
    p12: bytes
    password: str
    owner: str  # who configured it, for messages


def _nearest_certificate(unit: Unit) -> SigningCertificate | None:
    chain = [unit, *unit.ancestors()]
    found = {c.unit_id: c for c in SigningCertificate.objects.filter(unit__in=chain)}
    return next((found[u.pk] for u in chain if u.pk in found), None)


def _identity_for(unit: Unit) -> SigningIdentity:
    stored = _nearest_certificate(unit)
    if stored is not None:
        owner = _("chứng thư số của %(unit)s") % {"unit": stored.unit}
        try:
            source = _Source(bytes(stored.p12), password_decrypt(stored.password_encrypted), owner)
        except CertificateRejected as error:
            raise SigningRefused(str(error)) from None
    elif settings.MINUTES_SIGNING_P12:
        owner = _("chứng thư số cấu hình trên máy chủ (MINUTES_SIGNING_P12)")
        try:
            data = Path(settings.MINUTES_SIGNING_P12).read_bytes()
        except OSError:
            raise SigningRefused(
                _("Không đọc được tệp chứng thư số cấu hình trên máy chủ (MINUTES_SIGNING_P12).")
            ) from None
        source = _Source(data, settings.MINUTES_SIGNING_PASSWORD, owner)
    else:
        raise SigningRefused(
            _(
                "Đơn vị %(unit)s chưa có chứng thư số để ký biên bản: quản trị viên cần tải "
                "tệp .p12 lên, hoặc thư ký tải lên bản PDF đã ký số bên ngoài."
            )
            % {"unit": unit}
        )
    try:
        return read_p12(source.p12, source.password)
    except CertificateRejected as error:
        raise SigningRefused(f"{source.owner}: {error}") from None


class _LoadedKeySigner(signers.SimpleSigner):
    """pyHanko's SimpleSigner loads the private key again from DER for every raw signature
    (two per PDF signature, with the size estimate), and loading an RSA key runs its
    consistency checks: ~90 ms each. Sign with the key already loaded from the .p12."""

    def __init__(self, identity: SigningIdentity):
        self._loaded_key = identity.key
        super().__init__(
            signing_cert=asn1_certificate(identity.certificate),
            signing_key=asn1_private_key(identity.key),
            cert_registry=SimpleCertificateStore.from_certs(
                [asn1_certificate(c) for c in identity.chain]
            ),
        )

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
        digest = get_pyca_cryptography_hash(digest_algorithm)
        key = self._loaded_key
        if mechanism == "rsassa_pkcs1v15" and isinstance(key, rsa.RSAPrivateKey):
            return key.sign(data, padding.PKCS1v15(), digest)
        if mechanism == "ecdsa" and isinstance(key, ec.EllipticCurvePrivateKey):
            return key.sign(data, ec.ECDSA(digest))
        return super().sign_raw(data, digest_algorithm)


def _outside_event_loop(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """pyHanko's synchronous calls run their own event loop (asyncio.run), which fails in a
    thread that already runs one (async code, Playwright-driven tests): use a worker then."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()


# ------------------------------------------------------------------------- validation


def signature_report(pdf: bytes) -> list[dict]:
    """Every signature of `pdf`, checked; nothing refused. An unreadable PDF has none."""
    try:
        embedded = _signatures(_reader(pdf))
    except SigningRefused:
        return []
    roots = trust_roots()
    return [_check(sig, roots=roots).as_dict() for sig in embedded]


def validate_signed_pdf(uploaded: bytes, *, approved_pdf: bytes) -> list[dict]:
    """The signers of a PDF signed outside this product, or SigningRefused.

    Accepted only when every signature is intact, valid and trusted, the file begins with the
    exact bytes of the approved PDF (signing by incremental update keeps them), every signature
    covers at least those bytes, and nothing but signatures (and their validation data) was
    added after the approved revision — nothing at all after the last signature.
    """
    if not approved_pdf:
        raise ValueError("the approved PDF is empty")
    reader = _reader(uploaded)
    embedded = _signatures(reader)
    if not embedded:
        raise SigningRefused(_("Tệp PDF chưa có chữ ký số nào."))
    if not uploaded.startswith(approved_pdf):
        raise SigningRefused(
            _(
                "Nội dung tệp đã ký khác bản biên bản đã duyệt. Hãy ký đúng tệp PDF đã duyệt "
                "tải từ hệ thống, và ký theo kiểu bổ sung (không lưu lại thành tệp mới)."
            )
        )
    now, roots = timezone.now(), trust_roots()
    checks = [_check(sig, roots=roots, now=now) for sig in embedded]
    report = [check.as_dict() for check in checks]
    for check in checks:
        if check.problem:
            raise SigningRefused(f"{check.label}: {check.problem}", signers=report)
        if check.signed_bytes < len(approved_pdf):
            raise SigningRefused(
                _("%(who)s: chữ ký không bao trùm toàn bộ bản biên bản đã duyệt.")
                % {"who": check.label},
                signers=report,
            )
    if checks[-1].modification_level > ModificationLevel.LTA_UPDATES:
        raise SigningRefused(
            _("Tệp đã bị sửa đổi sau chữ ký cuối cùng: không nhận bản này."), signers=report
        )
    # pyHanko's difference analysis vets what came after each signature; what the first
    # signer's own revision changed on top of the approved PDF is compared here.
    approved_revision = _reader(approved_pdf).xrefs.total_revisions - 1
    if not only_signatures_added(reader, approved_revision, embedded[0].signed_revision):
        raise SigningRefused(
            _("Ngoài chữ ký số, tệp còn có thay đổi khác so với bản biên bản đã duyệt."),
            signers=report,
        )
    return report


# Uploaded PDFs come from anyone (the public verify page): whatever pyHanko raises while
# parsing a malformed one means "unreadable", never a server error.


def _reader(pdf: bytes) -> PdfFileReader:
    if not pdf[:1024].lstrip().startswith(b"%PDF-"):
        raise SigningRefused(_("Tệp tải lên không phải là tệp PDF."))
    try:
        return PdfFileReader(io.BytesIO(pdf), strict=False)
    except Exception as error:  # see above
        logger.info("unreadable PDF: %r", error)
        raise SigningRefused(_("Tệp PDF bị hỏng, không đọc được.")) from None


def _signatures(reader: PdfFileReader) -> list[EmbeddedPdfSignature]:
    try:
        return list(reader.embedded_signatures)
    except Exception as error:  # see _reader
        logger.info("unreadable signatures: %r", error)
        raise SigningRefused(_("Không đọc được chữ ký số trong tệp PDF.")) from None


@dataclass(frozen=True)
class _Check:
    field: str
    name: str
    signer_name: str
    role: str
    reason: str
    signed_at: datetime | None
    intact: bool
    trusted: bool
    valid: bool
    coverage: str
    subject: str
    issuer: str
    problem: str
    signed_bytes: int
    modification_level: ModificationLevel

    @property
    def label(self) -> str:
        return _("Chữ ký %(field)s (%(name)s)") % {
            "field": self.field,
            "name": self.signer_name or self.name,
        }

    def as_dict(self) -> dict:
        return {
            "field": self.field,
            "name": self.name,
            "signer_name": self.signer_name,
            "role": self.role,
            "reason": self.reason,
            "signed_at": self.signed_at.isoformat() if self.signed_at else None,
            "intact": self.intact,
            "trusted": self.trusted,
            "valid": self.valid,
            "coverage": self.coverage,
            "subject": self.subject,
            "issuer": self.issuer,
            "problem": self.problem,
        }


def _check(
    sig: EmbeddedPdfSignature,
    *,
    roots: list[asn1_x509.Certificate],
    now: datetime | None = None,
) -> _Check:
    now = now or timezone.now()
    try:
        signed_at = _aware(sig.self_reported_timestamp)
    except Exception:  # a malformed /M (see _reader)
        signed_at = None
    # Judge the certificate when the signer says they signed (see the module docstring).
    moment = signed_at if signed_at is not None and signed_at <= now + CLOCK_SKEW else now
    context = ValidationContext(
        trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail", moment=moment
    )
    try:
        status = _outside_event_loop(
            validate_pdf_signature, sig, context, key_usage_settings=KEY_USAGE
        )
        certificate = x509.load_der_x509_certificate(status.signing_cert.dump())
    except Exception as error:  # see _reader
        logger.info("signature %s unreadable: %r", sig.field_name, error)
        return _unreadable(sig, signed_at)
    coverage = _coverage_name(status.coverage)
    modification = status.modification_level or ModificationLevel.OTHER
    problem = _problem(status, certificate, signed_at, now=now, modification=modification)
    reason = str(sig.sig_object.get("/Reason", "") or "")
    return _Check(
        field=str(sig.field_name or ""),
        name=common_name(certificate),
        signer_name=str(sig.sig_object.get("/Name", "") or ""),
        role=ROLE_OF_FIELD.get(sig.field_name or "", "")
        or next((role for role, (_f, label) in FIELDS.items() if label == reason), ""),
        reason=reason,
        signed_at=signed_at,
        intact=bool(status.intact and status.valid),
        trusted=bool(status.trusted),
        valid=not problem,
        coverage=coverage,
        subject=status.signing_cert.subject.human_friendly,
        issuer=status.signing_cert.issuer.human_friendly,
        problem=problem,
        signed_bytes=_signed_end(sig),
        modification_level=modification,
    )


def _problem(
    status: PdfSignatureStatus,
    certificate: x509.Certificate,
    signed_at: datetime | None,
    *,
    now: datetime,
    modification: ModificationLevel,
) -> str:
    """The first thing wrong with a signature, in Vietnamese; "" when nothing is."""
    if not status.intact:
        return _("nội dung đã bị thay đổi sau khi ký, chữ ký không còn nguyên vẹn.")
    if not status.valid:
        return _("chữ ký số không hợp lệ (không khớp với chứng thư của người ký).")
    if signed_at is None:
        return _("chữ ký không ghi thời điểm ký.")
    if signed_at > now + CLOCK_SKEW:
        return _("thời điểm ký ghi trong chữ ký nằm ở tương lai.")
    if certificate.not_valid_after_utc < signed_at:
        return _("chứng thư số đã hết hạn (ngày %(date)s) trước thời điểm ký.") % {
            "date": timezone.localtime(certificate.not_valid_after_utc).strftime("%d/%m/%Y")
        }
    if certificate.not_valid_before_utc > signed_at:
        return _("chứng thư số chưa có hiệu lực tại thời điểm ký.")
    if status.revoked:
        return _("chứng thư số đã bị thu hồi.")
    if status.trust_problem_indic == AdESIndeterminate.NO_CERTIFICATE_CHAIN_FOUND:
        return _("chứng thư số không do tổ chức chứng thực được tin cậy cấp.")
    if not status.trusted:
        return _("không xác minh được chứng thư số của người ký (chuỗi chứng thực không hợp lệ).")
    if status.coverage is None or status.coverage < SignatureCoverageLevel.ENTIRE_REVISION:
        return _("chữ ký không bao trùm trọn vẹn phiên bản tài liệu được ký.")
    if not status.docmdp_ok or modification > ModificationLevel.FORM_FILLING:
        return _("tệp đã bị sửa đổi sau khi ký (ngoài việc thêm chữ ký).")
    return ""


def _unreadable(sig: EmbeddedPdfSignature, signed_at: datetime | None) -> _Check:
    return _Check(
        field=str(sig.field_name or ""),
        name="",
        signer_name=str(sig.sig_object.get("/Name", "") or ""),
        role=ROLE_OF_FIELD.get(sig.field_name or "", ""),
        reason=str(sig.sig_object.get("/Reason", "") or ""),
        signed_at=signed_at,
        intact=False,
        trusted=False,
        valid=False,
        coverage="unclear",
        subject="",
        issuer="",
        problem=_("chữ ký số bị hỏng, không đọc được."),
        signed_bytes=0,
        modification_level=ModificationLevel.OTHER,
    )


def _aware(moment: datetime | None) -> datetime | None:
    """A signing time without a zone is read as UTC (comparisons need one)."""
    if moment is not None and timezone.is_naive(moment):
        return moment.replace(tzinfo=UTC)
    return moment


def _coverage_name(coverage: SignatureCoverageLevel | None) -> str:
    return {
        SignatureCoverageLevel.ENTIRE_FILE: "entire_file",
        SignatureCoverageLevel.ENTIRE_REVISION: "entire_revision",
    }.get(coverage, "partial")


def _signed_end(sig: EmbeddedPdfSignature) -> int:
    """Where the signed bytes end: all before is covered (but the /Contents gap)."""
    byte_range = [int(x) for x in sig.byte_range]
    if len(byte_range) != 4 or byte_range[0] != 0:
        return 0
    return byte_range[2] + byte_range[3]
