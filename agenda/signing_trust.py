"""Whom signature validation trusts: the CA certificates of MINUTES_TRUST_ROOTS and those
inside every configured .p12 (the environment's and the units'). Never the operating system's
list, never anything fetched."""

import logging
from functools import lru_cache
from pathlib import Path

from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives.serialization import pkcs12
from django.conf import settings

from agenda.models import SigningCertificate
from agenda.signing_keys import CertificateRejected, asn1_certificate, password_decrypt

logger = logging.getLogger(__name__)


def trust_roots() -> list[asn1_x509.Certificate]:
    """CA certificates of MINUTES_TRUST_ROOTS and of every configured .p12.

    End-entity certificates are never made trust anchors: an anchor's own validity period is
    not checked, so an expired signing certificate would pass.
    """
    roots: dict[bytes, asn1_x509.Certificate] = {}
    try:
        if settings.MINUTES_TRUST_ROOTS:
            path = Path(settings.MINUTES_TRUST_ROOTS)
            for cert in _bundle(str(path), path.stat().st_mtime_ns):
                roots[cert.sha256] = cert
        if settings.MINUTES_SIGNING_P12:
            path = Path(settings.MINUTES_SIGNING_P12)
            key = (str(path), path.stat().st_mtime_ns, settings.MINUTES_SIGNING_PASSWORD)
            for cert in _file_authorities(*key):
                roots[cert.sha256] = cert
    except (OSError, ValueError) as error:
        # Checked at start-up; a file removed or damaged since must not break every check.
        logger.error("minutes trust roots: %s", error)
    for p12, password in SigningCertificate.objects.values_list("p12", "password_encrypted"):
        for cert in _stored_authorities(bytes(p12), bytes(password)):
            roots[cert.sha256] = cert
    return list(roots.values())


@lru_cache(maxsize=8)
def _bundle(path: str, _mtime_ns: int) -> tuple[asn1_x509.Certificate, ...]:
    """The certificates of a PEM (or single DER) file, but those marked end-entity."""
    data = Path(path).read_bytes()
    if pem.detect(data):
        ders = [der for _type, _headers, der in pem.unarmor(data, multiple=True)]
    else:
        ders = [data]
    certs = [asn1_x509.Certificate.load(der) for der in ders]
    # Old (v1) roots have no basic constraints at all: kept; explicit end-entities: not.
    return tuple(c for c in certs if c.basic_constraints_value is None or c.ca)


@lru_cache(maxsize=8)
def _file_authorities(
    path: str, _mtime_ns: int, password: str
) -> tuple[asn1_x509.Certificate, ...]:
    return _p12_authorities(Path(path).read_bytes(), password)


@lru_cache(maxsize=1024)
def _stored_authorities(p12: bytes, password_encrypted: bytes) -> tuple[asn1_x509.Certificate, ...]:
    """Keyed by the stored bytes themselves: a replaced certificate is a new cache entry."""
    try:
        password = password_decrypt(password_encrypted)
    except CertificateRejected:
        logger.warning("a stored signing certificate's password is unreadable (SECRET_KEY?)")
        return ()
    return _p12_authorities(p12, password)


def _p12_authorities(p12: bytes, password: str) -> tuple[asn1_x509.Certificate, ...]:
    try:
        _key, leaf, chain = pkcs12.load_key_and_certificates(
            p12, password.encode() if password else None
        )
    except ValueError:
        return ()
    found = []
    for cert in [leaf, *chain] if leaf else chain:
        try:
            is_ca = cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
        except x509.ExtensionNotFound:
            is_ca = False
        if is_ca:
            found.append(asn1_certificate(cert))
    return tuple(found)
