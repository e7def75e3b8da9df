"""An administrator uploads a unit's signing certificate (.p12 + password) in the admin."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from agenda.models import SigningCertificate
from agenda.signing import sign_minutes_pdf, signing_available
from agenda.signing_keys import password_decrypt
from meetings.models import User
from tests.agenda.signing_support import expired_identity, identity, sample_pdf
from tests.world import World

ADD = reverse("admin:agenda_signingcertificate_add")


@pytest.fixture
def root(client: Client, db) -> Client:
    client.force_login(User.objects.create_superuser("root", "root@example.gov.vn", "x" * 12))
    return client


def upload(client: Client, unit_id: int, data: bytes, password: str, url: str = ADD):
    return client.post(
        url,
        {
            "unit": unit_id,
            "p12_file": SimpleUploadedFile("don-vi.p12", data, "application/x-pkcs12"),
            "password": password,
        },
    )


def test_a_certificate_is_opened_stored_and_then_signs(root: Client, world: World):
    signer = identity()

    response = upload(root, world.province.pk, signer.p12, signer.password)

    assert response.status_code == 302
    stored = SigningCertificate.objects.get(unit=world.province)
    assert bytes(stored.p12) == signer.p12
    assert signer.password.encode() not in bytes(stored.password_encrypted)
    assert password_decrypt(stored.password_encrypted) == signer.password
    assert "Sở Nội vụ tỉnh Lạng Sơn" in stored.subject
    assert stored.not_after == signer.certificate.not_valid_after_utc
    assert signing_available(world.province)
    pdf = sample_pdf(1)
    assert sign_minutes_pdf(pdf, unit=world.province, signers=[("chair", "A")]).startswith(pdf)


def test_the_password_is_never_shown_back(root: Client, world: World):
    signer = identity()
    upload(root, world.province.pk, signer.p12, signer.password)
    stored = SigningCertificate.objects.get(unit=world.province)

    page = root.get(reverse("admin:agenda_signingcertificate_change", args=[stored.pk]))

    assert page.status_code == 200
    assert signer.password not in page.content.decode()
    refused = upload(root, world.province.pk, b"not a p12", "mat-khau-bi-mat-123")
    assert "mat-khau-bi-mat-123" not in refused.content.decode()


def test_a_wrong_password_is_refused_with_a_form_error(root: Client, world: World):
    response = upload(root, world.province.pk, identity().p12, "sai-mat-khau")

    assert response.status_code == 200
    assert "Mật khẩu chứng thư số không đúng" in response.content.decode()
    assert not SigningCertificate.objects.exists()


def test_a_file_that_is_not_pkcs12_is_refused(root: Client, world: World):
    response = upload(root, world.province.pk, b"%PDF-1.7 not a certificate", "x")

    assert response.status_code == 200
    assert "không phải chứng thư số PKCS#12" in response.content.decode()
    assert not SigningCertificate.objects.exists()


def test_an_expired_certificate_is_refused(root: Client, world: World):
    expired = expired_identity()

    response = upload(root, world.province.pk, expired.p12, expired.password)

    assert response.status_code == 200
    assert "Chứng thư số đã hết hạn" in response.content.decode()
    assert not SigningCertificate.objects.exists()


def test_a_new_file_replaces_the_units_certificate(root: Client, world: World):
    upload(root, world.province.pk, identity().p12, identity().password)
    stored = SigningCertificate.objects.get()
    renewed = identity("Sở Nội vụ (chứng thư mới)")

    change = reverse("admin:agenda_signingcertificate_change", args=[stored.pk])
    response = upload(root, world.province.pk, renewed.p12, renewed.password, url=change)

    assert response.status_code == 302
    stored.refresh_from_db()
    assert "chứng thư mới" in stored.subject
    assert bytes(stored.p12) == renewed.p12


def test_the_list_shows_which_certificates_are_in_force(root: Client, world: World):
    upload(root, world.province.pk, identity().p12, identity().password)
    page = root.get(reverse("admin:agenda_signingcertificate_changelist")).content.decode()
    assert "Tỉnh Lạng Sơn" in page
    assert "icon-yes.svg" in page


@pytest.mark.parametrize(
    "name", ["minutes", "minutesversion", "minutesreview", "minutesdocument", "conclusiontask"]
)
def test_the_minutes_records_are_read_only(root: Client, name: str):
    assert root.get(reverse(f"admin:agenda_{name}_changelist")).status_code == 200
    assert root.get(reverse(f"admin:agenda_{name}_add")).status_code == 403
