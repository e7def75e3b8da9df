"""The per-reader watermark on confidential documents."""

import hashlib
import io
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from pypdf import PdfReader, PdfWriter

from agenda.watermark import Stamp, stamp_for, watermark_pdf
from tests.agenda.document_support import create_document, isolated_media, latest, pdf_bytes
from tests.meetings.pdf_support import pdf_text, read_pdf

AT = datetime(2026, 3, 5, 14, 7, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
STAMP = Stamp(reader_name="Trần Thị Đại Biểu", unit_name="Xã Thử 1", at=AT)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    return isolated_media(settings, tmp_path)


@pytest.fixture
def secret(world, meeting):
    world.delegate.full_name = "Trần Thị Đại Biểu"
    world.delegate.save()
    return create_document(
        meeting,
        world.organizer,
        name="Dự thảo mật.pdf",
        data=pdf_bytes(3, text="Nội dung dự thảo"),
        is_confidential=True,
        reader_ids=(world.delegate.pk, world.chair.pk),
    )


def _download(client, user, document) -> bytes:
    client.force_login(user)
    response = client.get(reverse("document-download", args=[latest(document).pk]))
    assert response.status_code == 200
    return response.content


def test_every_page_carries_the_readers_name_unit_and_time(client, world, secret):
    reader = read_pdf(_download(client, world.delegate, secret))
    assert len(reader.pages) == 3
    for page in reader.pages:
        found = page.extract_text()
        assert "Nội dung dự thảo" in found
        assert "Trần Thị Đại Biểu" in found
        assert "Xã Thử 1" in found
        assert re.search(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}", found)


def test_two_readers_get_different_copies(client, world, secret):
    for_delegate = _download(client, world.delegate, secret)
    for_chair = _download(client, world.chair, secret)
    assert for_delegate != for_chair
    assert "Nguyễn Văn Chủ" in pdf_text(read_pdf(for_chair))
    assert "Trần Thị Đại Biểu" not in pdf_text(read_pdf(for_chair))


def test_the_stored_file_is_unchanged(client, world, secret):
    version = latest(secret)
    _download(client, world.delegate, secret)
    with version.file.open("rb") as stored:
        assert hashlib.sha256(stored.read()).hexdigest() == version.sha256
    assert "Trần Thị Đại Biểu" not in pdf_text(read_pdf(version.file.open("rb").read()))


def test_opening_in_the_browser_is_watermarked_and_never_cached(client, world, secret):
    client.force_login(world.delegate)
    response = client.get(reverse("document-open", args=[latest(secret).pk]))
    assert response["Content-Disposition"].startswith("inline;")
    assert "no-store" in response["Cache-Control"]
    assert "Trần Thị Đại Biểu" in pdf_text(read_pdf(response.content))


def test_never_handed_to_the_front_proxy(client, world, secret, settings):
    settings.DOCUMENT_SENDFILE_HEADER = "X-Accel-Redirect"
    client.force_login(world.delegate)
    response = client.get(reverse("document-download", args=[latest(secret).pk]))
    assert "X-Accel-Redirect" not in response
    assert "Trần Thị Đại Biểu" in pdf_text(read_pdf(response.content))


def test_plain_documents_are_not_watermarked(client, world, meeting):
    data = pdf_bytes()
    document = create_document(meeting, world.organizer, data=data)
    client.force_login(world.delegate)
    response = client.get(reverse("document-download", args=[latest(document).pk]))
    assert b"".join(response.streaming_content) == data


def test_the_stamp_names_the_readers_first_unit(world):
    stamp = stamp_for(world.operator, AT)
    assert (stamp.reader_name, stamp.unit_name) == ("Operator", "Xã Thử 1")
    assert stamp.when == "05/03/2026 14:07"
    assert stamp_for(world.outsider, AT).unit_name == ""


def test_footer_line():
    assert STAMP.footer() == (
        "Tài liệu mật · Bản của Trần Thị Đại Biểu (Xã Thử 1) · Tải lúc 05/03/2026 14:07 · "
        "Không sao chụp, chuyển tiếp."
    )


def test_landscape_and_rotated_pages_keep_their_size_and_get_the_stamp():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(1, wide=True))))
    writer.append(PdfReader(io.BytesIO(pdf_bytes(1))))
    writer.pages[1].rotate(90)
    source = io.BytesIO()
    writer.write(source)
    before = PdfReader(io.BytesIO(source.getvalue()))
    after = read_pdf(watermark_pdf(io.BytesIO(source.getvalue()), STAMP))
    assert len(after.pages) == 2
    # What the reader sees keeps its shape (a rotated page is now upright content).
    for old, new in zip(before.pages, after.pages, strict=True):
        old_size = sorted((float(old.cropbox.width), float(old.cropbox.height)))
        new_size = sorted((float(new.cropbox.width), float(new.cropbox.height)))
        assert new_size == pytest.approx(old_size)
        assert "Trần Thị Đại Biểu" in new.extract_text()
        assert "05/03/2026 14:07" in new.extract_text()
