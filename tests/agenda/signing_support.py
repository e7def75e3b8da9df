"""A test certificate authority made with `cryptography`, and PDFs to sign.

Keys are generated once per test process (RSA key generation is the slow part); the
certificates are issued relative to the current time, so none of them is near a boundary.
"""

import io
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.signers.pdf_signer import PdfSignatureMetadata, PdfSigner
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from agenda.models import SigningCertificate
from agenda.signing_keys import password_encrypt
from meetings.models import Unit
from meetings.pdf.fonts import REGULAR, register_fonts

P12_PASSWORD = "mat-khau-chung-thu"


@dataclass(frozen=True)
class Authority:
    key: rsa.RSAPrivateKey
    certificate: x509.Certificate

    @property
    def pem(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.PEM)


@dataclass(frozen=True)
class Identity:
    """A signer: what an administrator uploads (the .p12 and its password)."""

    p12: bytes
    password: str
    certificate: x509.Certificate
    authority: Authority


@cache
def _key(label: str, algorithm: str = "rsa") -> rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey:
    if algorithm == "ec":
        return ec.generate_private_key(ec.SECP256R1())
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Điểm Cầu thử nghiệm"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


@cache
def authority(common_name: str = "CA thử nghiệm Điểm Cầu") -> Authority:
    key = _key(f"ca:{common_name}")
    now = datetime.now(UTC)
    name = _name(common_name)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=3650))
        .not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Authority(key=key, certificate=certificate)


@cache
def identity(
    common_name: str = "Sở Nội vụ tỉnh Lạng Sơn",
    *,
    ca: str = "CA thử nghiệm Điểm Cầu",
    valid_days: tuple[int, int] = (-30, 365),
    password: str = P12_PASSWORD,
    algorithm: str = "rsa",
) -> Identity:
    """A signer's PKCS#12; `valid_days` = (not before, not after) in days from now;
    `algorithm` "rsa" (as most Vietnamese tokens) or "ec"."""
    issuer = authority(ca)
    key = _key(f"signer:{common_name}", algorithm)
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name))
        .issuer_name(issuer.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now + timedelta(days=valid_days[0]))
        .not_valid_after(now + timedelta(days=valid_days[1]))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,  # non-repudiation, as on Vietnamese signing certificates
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
            critical=False,
        )
        .sign(issuer.key, hashes.SHA256())
    )
    p12 = pkcs12.serialize_key_and_certificates(
        name=common_name.encode(),
        key=key,
        cert=certificate,
        cas=[issuer.certificate],
        encryption_algorithm=serialization.BestAvailableEncryption(password.encode()),
    )
    return Identity(p12=p12, password=password, certificate=certificate, authority=issuer)


def expired_identity() -> Identity:
    return identity("Đơn vị hết hạn", valid_days=(-400, -1))


def foreign_identity() -> Identity:
    """Signed by a CA nobody configured: intact, but not trusted here."""
    return identity("Người lạ", ca="CA không được tin cậy")


def sample_pdf(pages: int = 2, *, text: str = "BIÊN BẢN họp giao ban") -> bytes:
    """A real PDF made with reportlab and the embedded Vietnamese font."""
    register_fonts()
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4, invariant=True)
    for number in range(1, pages + 1):
        page.setFont(REGULAR, 13)
        page.drawString(85, 780, f"{text} — trang {number}")
        for line in range(40):
            body = f"Dòng {line + 1}: nội dung đã được chủ trì duyệt."
            page.drawString(85, 740 - line * 16, body)
        page.drawString(85, 80, "THƯ KÝ")
        page.drawString(380, 80, "CHỦ TRÌ")
        page.showPage()
    page.save()
    return out.getvalue()


def store_certificate(
    unit: Unit, signer: Identity | None = None, *, password: str | None = None
) -> SigningCertificate:
    """What the admin form stores; `password` differs from the real one to test refusals."""
    signer = signer or identity()
    return SigningCertificate.objects.create(
        unit=unit,
        p12=signer.p12,
        password_encrypted=password_encrypt(signer.password if password is None else password),
        subject=signer.certificate.subject.rfc4514_string(),
        not_after=signer.certificate.not_valid_after_utc,
    )


def sign_outside(pdf: bytes, signer: Identity, *, field: str = "ThuKy", name: str = "") -> bytes:
    """A signature made outside the product (a USB token tool): an incremental PAdES update."""
    pyhanko_signer = signers.SimpleSigner.load_pkcs12_data(
        signer.p12, [], passphrase=signer.password.encode()
    )
    meta = PdfSignatureMetadata(
        field_name=field, md_algorithm="sha256", subfilter=SigSeedSubFilter.PADES, name=name
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    return PdfSigner(meta, pyhanko_signer).sign_pdf(writer).getvalue()


def append_text(pdf: bytes, text: bytes = b"SUA DOI") -> bytes:
    """An incremental update that draws on page 1: a change to the content, not a signature."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    stream = generic.StreamObject(stream_data=b"BT /F1 24 Tf 100 400 Td (" + text + b") Tj ET")
    writer.add_stream_to_page(0, writer.add_object(stream))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def change_one_byte(pdf: bytes) -> bytes:
    """Change one byte inside the first page's content (covered by every signature)."""
    at = pdf.index(b"stream", pdf.index(b"/Contents")) + 20
    changed = bytearray(pdf)
    changed[at] ^= 0x01
    return bytes(changed)
