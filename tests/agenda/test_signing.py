"""Signing minutes with a unit's certificate, and checking PDFs signed outside the product."""

import io
from pathlib import Path

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives.serialization import Encoding
from django.test import override_settings
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from agenda.signing import (
    SigningRefused,
    sign_minutes_pdf,
    signature_report,
    signing_available,
    validate_signed_pdf,
)
from agenda.signing_keys import CertificateRejected, password_decrypt, password_encrypt
from tests.agenda.signing_support import (
    append_text,
    authority,
    change_one_byte,
    expired_identity,
    foreign_identity,
    identity,
    sample_pdf,
    sign_outside,
    store_certificate,
)
from tests.test_deploy_check import manage
from tests.world import World

SIGNERS = [("secretary", "Trần Thị Bích"), ("chair", "Nguyễn Văn Chủ")]


@pytest.fixture
def approved() -> bytes:
    return sample_pdf(3)


@pytest.fixture
def trust_bundle(tmp_path: Path):
    """MINUTES_TRUST_ROOTS naming the test CA, as an operator would configure the national root."""
    bundle = tmp_path / "roots.pem"
    bundle.write_bytes(authority().pem)
    with override_settings(MINUTES_TRUST_ROOTS=str(bundle)):
        yield bundle


def pyhanko_accepts(pdf: bytes) -> list:
    """pyHanko's own validator, trusting only the test CA."""
    root = asn1_x509.Certificate.load(authority().certificate.public_bytes(Encoding.DER))
    reader = PdfFileReader(io.BytesIO(pdf))
    return [
        validate_pdf_signature(sig, ValidationContext(trust_roots=[root]))
        for sig in reader.embedded_signatures
    ]


# ------------------------------------------------------------------ signing here


def test_the_host_units_certificate_signs_for_secretary_then_chair(world: World, approved):
    store_certificate(world.province)

    signed = sign_minutes_pdf(approved, unit=world.province, signers=SIGNERS)

    assert signed.startswith(approved), "incremental updates keep the approved bytes"
    statuses = pyhanko_accepts(signed)
    assert [s.bottom_line for s in statuses] == [True, True]
    assert all(s.intact and s.valid and s.trusted for s in statuses)
    assert all(s.signer_reported_dt is not None for s in statuses)
    reader = PdfFileReader(io.BytesIO(signed))
    fields = [
        (s.field_name, s.sig_object["/Reason"], s.sig_object["/Name"])
        for s in reader.embedded_signatures
    ]
    assert fields == [("ThuKy", "Thư ký", "Trần Thị Bích"), ("ChuTri", "Chủ trì", "Nguyễn Văn Chủ")]
    assert all(
        s.sig_object["/SubFilter"] == "/ETSI.CAdES.detached" for s in reader.embedded_signatures
    )


def test_our_own_check_accepts_what_we_signed(world: World, approved):
    store_certificate(world.province)
    signed = sign_minutes_pdf(approved, unit=world.province, signers=SIGNERS)

    report = validate_signed_pdf(signed, approved_pdf=approved)

    assert [(r["field"], r["role"], r["signer_name"]) for r in report] == [
        ("ThuKy", "secretary", "Trần Thị Bích"),
        ("ChuTri", "chair", "Nguyễn Văn Chủ"),
    ]
    assert all(r["intact"] and r["trusted"] and r["valid"] for r in report)
    assert report[0]["name"] == "Sở Nội vụ tỉnh Lạng Sơn"
    assert report[-1]["coverage"] == "entire_file"
    assert all(r["signed_at"] for r in report)


def test_a_commune_without_its_own_certificate_uses_its_provinces(world: World, approved):
    commune = world.communes[0]
    assert not signing_available(commune)
    store_certificate(world.province)

    assert signing_available(commune)
    signed = sign_minutes_pdf(approved, unit=commune, signers=SIGNERS[:1])
    assert len(validate_signed_pdf(signed, approved_pdf=approved)) == 1


def test_an_elliptic_curve_certificate_signs_too(world: World, approved):
    store_certificate(world.province, identity("Sở Tài chính (ECDSA)", algorithm="ec"))
    signed = sign_minutes_pdf(approved, unit=world.province, signers=SIGNERS)
    assert [s.bottom_line for s in pyhanko_accepts(signed)] == [True, True]
    assert validate_signed_pdf(signed, approved_pdf=approved)[0]["name"] == "Sở Tài chính (ECDSA)"


def test_a_unit_without_any_certificate_is_told_what_to_do(world: World, approved):
    assert not signing_available(world.province)
    with pytest.raises(SigningRefused, match="chưa có chứng thư số"):
        sign_minutes_pdf(approved, unit=world.province, signers=SIGNERS)


def test_a_stored_certificate_with_the_wrong_password_is_refused(world: World, approved):
    store_certificate(world.province, password="sai-mat-khau")
    with pytest.raises(SigningRefused, match="Mật khẩu chứng thư số không đúng"):
        sign_minutes_pdf(approved, unit=world.province, signers=SIGNERS)


def test_an_expired_certificate_is_refused(world: World, approved):
    store_certificate(world.province, expired_identity())
    with pytest.raises(SigningRefused, match="đã hết hạn"):
        sign_minutes_pdf(approved, unit=world.province, signers=SIGNERS)


def test_the_environments_certificate_serves_units_without_one(world: World, approved, tmp_path):
    p12 = tmp_path / "unit.p12"
    p12.write_bytes(identity("UBND tỉnh (máy chủ)").p12)
    with override_settings(MINUTES_SIGNING_P12=str(p12), MINUTES_SIGNING_PASSWORD="sai"):
        assert signing_available(world.province)
        with pytest.raises(SigningRefused, match=r"MINUTES_SIGNING_P12.*Mật khẩu"):
            sign_minutes_pdf(approved, unit=world.province, signers=SIGNERS)
    with override_settings(
        MINUTES_SIGNING_P12=str(p12), MINUTES_SIGNING_PASSWORD=identity().password
    ):
        signed = sign_minutes_pdf(approved, unit=world.province, signers=SIGNERS)
        report = validate_signed_pdf(signed, approved_pdf=approved)
    assert [r["name"] for r in report] == ["UBND tỉnh (máy chủ)"] * 2


def test_the_password_is_stored_encrypted_under_the_secret_key():
    token = password_encrypt("mật-khẩu")
    assert b"m\xe1\xba\xadt" not in token
    assert password_decrypt(token) == "mật-khẩu"
    with (
        override_settings(SECRET_KEY="another-secret-key-" + "y" * 40),
        pytest.raises(CertificateRejected, match=r"tải lại tệp \.p12"),
    ):
        password_decrypt(token)


# ------------------------------------------------------- PDFs signed outside


@pytest.mark.django_db
def test_an_upload_signed_with_a_trusted_token_on_top_of_the_approved_pdf_is_accepted(
    approved, trust_bundle
):
    secretary = identity("Trần Thị Bích")
    chair = identity("Nguyễn Văn Chủ")
    signed = sign_outside(approved, secretary, field="Signature1")
    signed = sign_outside(signed, chair, field="Signature2")

    report = validate_signed_pdf(signed, approved_pdf=approved)

    assert [(r["name"], r["intact"], r["trusted"]) for r in report] == [
        ("Trần Thị Bích", True, True),
        ("Nguyễn Văn Chủ", True, True),
    ]
    assert "Trần Thị Bích" in report[0]["subject"]


@pytest.mark.django_db
def test_an_unsigned_pdf_is_refused(approved, trust_bundle):
    with pytest.raises(SigningRefused, match="chưa có chữ ký số"):
        validate_signed_pdf(approved, approved_pdf=approved)


@pytest.mark.django_db
def test_a_signed_pdf_of_other_content_is_refused(approved, trust_bundle):
    other = sign_outside(sample_pdf(3, text="BIÊN BẢN khác"), identity())
    with pytest.raises(SigningRefused, match="khác bản biên bản đã duyệt"):
        validate_signed_pdf(other, approved_pdf=approved)


@pytest.mark.django_db
def test_a_byte_changed_after_signing_is_refused_and_reported_broken(approved, trust_bundle):
    signed = sign_outside(approved, identity())
    with pytest.raises(SigningRefused, match="không còn nguyên vẹn"):
        validate_signed_pdf(change_one_byte(signed), approved_pdf=change_one_byte(approved))
    # Tampered on both sides (so the prefix test passes): the signature itself says no.
    [broken] = signature_report(change_one_byte(signed))
    assert (broken["intact"], broken["valid"]) == (False, False)


@pytest.mark.django_db
def test_a_change_appended_after_the_last_signature_is_refused(approved, trust_bundle):
    signed = append_text(sign_outside(approved, identity()))
    with pytest.raises(SigningRefused, match="sửa đổi sau"):
        validate_signed_pdf(signed, approved_pdf=approved)


@pytest.mark.django_db
def test_a_change_slipped_in_before_signing_is_refused(approved, trust_bundle):
    """Starts with the approved bytes and every signature is sound, yet the content changed."""
    signed = sign_outside(append_text(approved), identity())
    assert signature_report(signed)[0]["valid"]
    with pytest.raises(SigningRefused, match="thay đổi khác so với bản biên bản đã duyệt"):
        validate_signed_pdf(signed, approved_pdf=approved)


@pytest.mark.django_db
def test_a_signature_from_an_untrusted_authority_is_refused(approved, trust_bundle):
    signed = sign_outside(approved, foreign_identity())
    with pytest.raises(SigningRefused, match="không do tổ chức chứng thực được tin cậy") as refused:
        validate_signed_pdf(signed, approved_pdf=approved)
    [signer] = refused.value.signers
    assert (signer["intact"], signer["trusted"]) == (True, False)


@pytest.mark.django_db
def test_without_trust_roots_nothing_is_trusted(approved):
    signed = sign_outside(approved, identity())
    with pytest.raises(SigningRefused, match="tin cậy"):
        validate_signed_pdf(signed, approved_pdf=approved)


@pytest.mark.django_db
def test_a_signing_certificate_put_in_the_trust_bundle_is_no_trust_anchor(approved, tmp_path):
    """An anchor's validity is never checked, so only CA certificates may be anchors."""
    signer = expired_identity()
    bundle = tmp_path / "roots.pem"
    bundle.write_bytes(signer.certificate.public_bytes(Encoding.PEM))
    with override_settings(MINUTES_TRUST_ROOTS=str(bundle)):
        with pytest.raises(SigningRefused, match="hết hạn"):
            validate_signed_pdf(sign_outside(approved, signer), approved_pdf=approved)
        [row] = signature_report(sign_outside(approved, signer))
    assert row["trusted"] is False


@pytest.mark.django_db
def test_a_signature_by_an_expired_certificate_is_refused(approved, trust_bundle):
    signed = sign_outside(approved, expired_identity())
    with pytest.raises(SigningRefused, match="hết hạn"):
        validate_signed_pdf(signed, approved_pdf=approved)


@pytest.mark.django_db
def test_a_file_that_is_not_a_pdf_is_refused(approved):
    with pytest.raises(SigningRefused, match="không phải là tệp PDF"):
        validate_signed_pdf(b"PK\x03\x04 a zip file", approved_pdf=approved)
    assert signature_report(b"not a pdf") == []


@pytest.mark.django_db
def test_a_damaged_file_is_refused_with_a_message_never_a_crash(approved, trust_bundle):
    signed = sign_outside(approved, identity())
    contents = signed.index(b"/Contents <", len(approved)) + len(b"/Contents <")
    garbled = signed[:contents] + b"zz" + signed[contents + 2 :]
    for damaged in (signed[: len(approved) + 300], garbled, b"%PDF-1.7\n" + b"\x00" * 500):
        with pytest.raises(SigningRefused):
            validate_signed_pdf(damaged, approved_pdf=approved)
        assert all(not row["valid"] for row in signature_report(damaged))


# ------------------------------------------------------------------ settings


def test_a_signing_certificate_path_that_does_not_exist_stops_the_start():
    result = manage("check", DJANGO_DEBUG="true", MINUTES_SIGNING_P12="/nonexistent/unit.p12")
    assert result.returncode != 0
    assert "MINUTES_SIGNING_P12 must be the path of a readable file" in result.stderr


def test_a_signing_password_without_a_certificate_stops_the_start():
    result = manage("check", DJANGO_DEBUG="true", MINUTES_SIGNING_PASSWORD="x")
    assert result.returncode != 0
    assert "MINUTES_SIGNING_PASSWORD is set but MINUTES_SIGNING_P12 is not" in result.stderr


def test_a_trust_bundle_path_that_does_not_exist_stops_the_start():
    result = manage("check", DJANGO_DEBUG="true", MINUTES_TRUST_ROOTS="/nonexistent/roots.pem")
    assert result.returncode != 0
    assert "MINUTES_TRUST_ROOTS must be the path of a readable file" in result.stderr
