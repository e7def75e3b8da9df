"""Key material for signing minutes: a unit's PKCS#12 file and its password.

The password is stored encrypted (Fernet) under a key derived from SECRET_KEY with HKDF,
so a database dump alone does not open the certificate. Rotating SECRET_KEY makes stored
passwords unreadable: the certificate must then be uploaded again (the message says so).
"""

import base64
from dataclasses import dataclass
from datetime import UTC, datetime

from asn1crypto import keys as asn1_keys
from asn1crypto import pkcs12 as asn1_pkcs12
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    pkcs12,
)
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

# Distinct salt/info: the same SECRET_KEY also signs sessions; this key is for nothing else.
_HKDF_SALT = b"diem-cau/signing-certificate"
_HKDF_INFO = b"pkcs12-password/v1"
MAX_P12_BYTES = 1024 * 1024  # a PKCS#12 file is a few KB; anything near this is not one


class CertificateRejected(ValueError):
    """A certificate that cannot sign: the message is for the person who supplied it;
    `field` says which input is at fault ("file" or "password")."""

    def __init__(self, message: str, *, field: str = "file"):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class SigningIdentity:
    """What a PKCS#12 file holds: the signing key, its certificate and the CA chain."""

    key: pkcs12.PKCS12PrivateKeyTypes
    certificate: x509.Certificate
    chain: list[x509.Certificate]

    @property
    def subject(self) -> str:
        return self.certificate.subject.rfc4514_string()

    @property
    def common_name(self) -> str:
        return common_name(self.certificate)

    @property
    def not_after(self) -> datetime:
        return self.certificate.not_valid_after_utc


def common_name(certificate: x509.Certificate) -> str:
    names = certificate.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    return str(names[0].value) if names else certificate.subject.rfc4514_string()


def _fernet() -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=_HKDF_SALT, info=_HKDF_INFO).derive(
        settings.SECRET_KEY.encode()
    )
    return Fernet(base64.urlsafe_b64encode(key))


def password_encrypt(password: str) -> bytes:
    return _fernet().encrypt(password.encode())


def password_decrypt(token: bytes) -> str:
    try:
        return _fernet().decrypt(bytes(token)).decode()
    except InvalidToken:
        raise CertificateRejected(
            _(
                "Không giải mã được mật khẩu chứng thư số đã lưu (khóa bí mật của máy chủ "
                "đã thay đổi). Hãy tải lại tệp .p12 và mật khẩu trong trang quản trị."
            ),
            field="password",
        ) from None


def read_p12(data: bytes, password: str, *, now: datetime | None = None) -> SigningIdentity:
    """Open a PKCS#12 file, or refuse it with a Vietnamese reason.

    The outer structure is parsed first so that "not a PKCS#12 file" and "wrong password"
    (which cryptography reports alike) get their own messages.
    """
    data = bytes(data)
    if not data or len(data) > MAX_P12_BYTES or not _looks_like_pfx(data):
        raise CertificateRejected(_("Tệp tải lên không phải chứng thư số PKCS#12 (.p12/.pfx)."))
    try:
        key, certificate, chain = pkcs12.load_key_and_certificates(
            data, password.encode() if password else None
        )
    except ValueError:
        raise CertificateRejected(
            _("Mật khẩu chứng thư số không đúng: không mở được tệp .p12."), field="password"
        ) from None
    if key is None or certificate is None:
        raise CertificateRejected(_("Tệp .p12 không chứa cả khóa riêng và chứng thư của người ký."))
    now = now or datetime.now(UTC)
    if certificate.not_valid_after_utc <= now:
        raise CertificateRejected(
            _("Chứng thư số đã hết hạn ngày %(date)s: không thể dùng để ký.")
            % {"date": _local_date(certificate.not_valid_after_utc)}
        )
    if certificate.not_valid_before_utc > now:
        raise CertificateRejected(
            _("Chứng thư số chưa đến ngày có hiệu lực (%(date)s).")
            % {"date": _local_date(certificate.not_valid_before_utc)}
        )
    return SigningIdentity(key=key, certificate=certificate, chain=list(chain))


# pyHanko works with asn1crypto objects. Its own converters sit in pyhanko.keys.internal,
# outside its public API; these are the same round trips through DER.


def asn1_certificate(certificate: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(certificate.public_bytes(Encoding.DER))


def asn1_private_key(key: pkcs12.PKCS12PrivateKeyTypes) -> asn1_keys.PrivateKeyInfo:
    return asn1_keys.PrivateKeyInfo.load(
        key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption())
    )


def _looks_like_pfx(data: bytes) -> bool:
    try:
        pfx = asn1_pkcs12.Pfx.load(data)
        pfx["auth_safe"]["content_type"].native  # noqa: B018  (forces the lazy parse)
        return pfx["version"].native == "v3"
    except (ValueError, TypeError, KeyError):
        return False


def _local_date(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%d/%m/%Y")
