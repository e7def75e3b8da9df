"""Downloading and opening a document version: bytes, headers, receipts, the proxy mode."""

from urllib.parse import unquote

import pytest
from django.urls import reverse

from agenda.models import DocumentVersion, Receipt
from agenda.services import documents as services
from tests.agenda.document_support import (
    create_document,
    image_bytes,
    isolated_media,
    latest,
    office_bytes,
    pdf_bytes,
    upload_file,
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    return isolated_media(settings, tmp_path)


def _download(version: DocumentVersion) -> str:
    return reverse("document-download", args=[version.pk])


def _open(version: DocumentVersion) -> str:
    return reverse("document-open", args=[version.pk])


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_download_sends_the_stored_bytes_as_an_attachment(client, world, meeting):
    data = pdf_bytes(2)
    version = latest(create_document(meeting, world.organizer, data=data))
    client.force_login(world.delegate)
    response = client.get(_download(version))
    assert response.status_code == 200
    assert _body(response) == data
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Length"] == str(len(data))
    assert response["Content-Disposition"] == (
        'attachment; filename="Bao cao quy 3.pdf"; '
        "filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20qu%C3%BD%203.pdf"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]


def test_download_records_the_receipt(client, world, meeting):
    document = create_document(meeting, world.organizer)
    client.force_login(world.delegate)
    client.get(_download(latest(document)))
    receipt = Receipt.objects.get(document=document, user=world.delegate)
    assert receipt.downloaded_at is not None
    assert receipt.sent_at is not None
    assert receipt.opened_at is None


def test_open_shows_a_pdf_in_the_browser_and_records_opened(client, world, meeting):
    document = create_document(meeting, world.organizer)
    client.force_login(world.delegate)
    response = client.get(_open(latest(document)))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('inline; filename="Bao cao quy 3.pdf"')
    # The agenda page may show it in a frame, at #page=N.
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    receipt = Receipt.objects.get(document=document, user=world.delegate)
    assert receipt.opened_at is not None
    assert receipt.downloaded_at is None


def test_open_shows_images_inline(client, world, meeting):
    version = latest(
        create_document(meeting, world.organizer, name="Sơ đồ.png", data=image_bytes())
    )
    client.force_login(world.delegate)
    response = client.get(_open(version))
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith('inline; filename="So do.png"')


def test_office_files_are_always_attachments(client, world, meeting):
    version = latest(
        create_document(meeting, world.organizer, name="Tờ trình.docx", data=office_bytes())
    )
    client.force_login(world.delegate)
    response = client.get(_open(version))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="To trinh.docx"')
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert Receipt.objects.get(user=world.delegate).opened_at is not None


def test_older_versions_stay_downloadable(client, world, meeting):
    first = pdf_bytes(1, text="Bản đầu")
    document = create_document(meeting, world.organizer, data=first)
    old = latest(document)
    services.document_version_upload(
        actor=world.organizer, document_id=document.pk, upload=upload_file("v2.pdf", pdf_bytes(2))
    )
    assert latest(document).number == 2  # v1 is superseded
    client.force_login(world.delegate)
    response = client.get(_download(old))
    assert response.status_code == 200
    assert _body(response) == first


def test_a_hostile_file_name_never_reaches_the_header_raw(client, world, meeting):
    version = latest(create_document(meeting, world.organizer))
    DocumentVersion.objects.filter(pk=version.pk).update(
        original_name='Báo cáo "quý" 3/..\\\x07\r\nSet-Cookie: x=1.pdf'
    )
    client.force_login(world.delegate)
    header = client.get(_download(version))["Content-Disposition"]
    fallback = header.split('filename="')[1].split('"')[0]
    encoded = header.split("filename*=UTF-8''")[1]
    assert header.startswith("attachment; ")
    assert header.count('"') == 2  # only the quotes around the ASCII fallback
    for unsafe in ("/", "\\", "\x07", "\r", "\n"):
        assert unsafe not in header
    assert fallback.isascii()
    assert fallback.endswith(".pdf")
    assert unquote(encoded).startswith("Báo cáo _quý_ 3_.._")
    assert unquote(encoded).endswith(".pdf")


def test_the_extension_follows_the_sniffed_type(client, world, meeting):
    version = latest(create_document(meeting, world.organizer))
    DocumentVersion.objects.filter(pk=version.pk).update(original_name="bao-cao")
    client.force_login(world.delegate)
    assert 'filename="bao-cao.pdf"' in client.get(_download(version))["Content-Disposition"]


def test_the_front_proxy_sends_the_file_when_configured(client, world, meeting, settings):
    settings.DOCUMENT_SENDFILE_HEADER = "X-Accel-Redirect"
    settings.DOCUMENT_SENDFILE_PREFIX = "/protected-media/"
    document = create_document(meeting, world.organizer)
    version = latest(document)
    client.force_login(world.delegate)
    response = client.get(_download(version))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected-media/{version.file.name}"
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="Bao cao quy 3.pdf"')
    assert response["X-Content-Type-Options"] == "nosniff"
    assert Receipt.objects.get(user=world.delegate).downloaded_at is not None


def test_without_the_setting_no_proxy_header(client, world, meeting):
    version = latest(create_document(meeting, world.organizer))
    client.force_login(world.delegate)
    assert "X-Accel-Redirect" not in client.get(_download(version))


@pytest.mark.parametrize("name", ["document-download", "document-open"])
def test_only_get(client, world, meeting, name):
    version = latest(create_document(meeting, world.organizer))
    client.force_login(world.delegate)
    assert client.post(reverse(name, args=[version.pk])).status_code == 405
    assert not Receipt.objects.exists()
