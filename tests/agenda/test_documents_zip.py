"""The zip of all of a meeting's documents, for a bridge point preparing for a weak link."""

import io
import zipfile

import pytest
from django.urls import reverse

from agenda.models import AgendaItem, Receipt
from agenda.services import documents as services
from tests.agenda.document_support import (
    create_document,
    image_bytes,
    isolated_media,
    office_bytes,
    pdf_bytes,
    upload_file,
)
from tests.meetings.pdf_support import pdf_text, read_pdf


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    return isolated_media(settings, tmp_path)


@pytest.fixture
def pack(world, meeting):
    """Two items with documents (one in two versions), a general one and a confidential one."""
    first = AgendaItem.objects.create(meeting=meeting, position=1, title="Báo cáo tình hình")
    second = AgendaItem.objects.create(meeting=meeting, position=2, title="Kế hoạch 1/2026")
    report = create_document(
        meeting, world.organizer, title="Báo cáo quý 3", agenda_item_id=first.pk
    )
    services.document_version_upload(
        actor=world.organizer,
        document_id=report.pk,
        upload=upload_file("v2.pdf", pdf_bytes(2, text="Bản chốt")),
    )
    create_document(
        meeting,
        world.organizer,
        name="Số liệu.xlsx",
        data=office_bytes("xlsx"),
        title="Số liệu",
        agenda_item_id=first.pk,
    )
    create_document(
        meeting,
        world.organizer,
        name="Sơ đồ.png",
        data=image_bytes(),
        title='Sơ đồ "hội trường"',
        agenda_item_id=second.pk,
    )
    create_document(meeting, world.organizer, name="Giấy mời.pdf", title="Giấy mời")
    create_document(
        meeting,
        world.organizer,
        name="Dự thảo mật.pdf",
        title="Dự thảo mật",
        agenda_item_id=second.pk,
        is_confidential=True,
        reader_ids=(world.delegate.pk,),
    )
    return meeting


def _zip(client, user, meeting) -> zipfile.ZipFile:
    client.force_login(user)
    response = client.get(reverse("meeting-documents-zip", args=[meeting.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith(
        f'attachment; filename="tai-lieu-cuoc-hop-{meeting.pk}.zip"'
    )
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_latest_versions_in_folders_per_agenda_item(client, world, pack):
    archive = _zip(client, world.chair, pack)
    assert archive.testzip() is None
    assert archive.namelist() == [
        "00-Tài liệu chung/01-Giấy mời-v1.pdf",
        "01-Báo cáo tình hình/01-Báo cáo quý 3-v2.pdf",
        "01-Báo cáo tình hình/02-Số liệu-v1.xlsx",
        "02-Kế hoạch 1_2026/01-Sơ đồ _hội trường_-v1.png",
    ]
    assert "Bản chốt" in pdf_text(read_pdf(archive.read(archive.namelist()[1])))
    assert archive.read("02-Kế hoạch 1_2026/01-Sơ đồ _hội trường_-v1.png") == image_bytes()


def test_a_named_reader_gets_the_confidential_document_watermarked(client, world, pack):
    world.delegate.full_name = "Trần Thị Đại Biểu"
    world.delegate.save()
    archive = _zip(client, world.delegate, pack)
    secret = "02-Kế hoạch 1_2026/02-Dự thảo mật-v1.pdf"
    assert secret in archive.namelist()
    assert "Trần Thị Đại Biểu" in pdf_text(read_pdf(archive.read(secret)))
    # The plain ones travel untouched.
    plain = archive.read("00-Tài liệu chung/01-Giấy mời-v1.pdf")
    assert "Trần Thị Đại Biểu" not in pdf_text(read_pdf(plain))


def test_downloaded_is_recorded_for_each_document_in_the_zip(client, world, pack):
    _zip(client, world.operator, pack)
    receipts = Receipt.objects.filter(user=world.operator)
    assert receipts.count() == 4  # all but the confidential one
    assert all(r.downloaded_at is not None for r in receipts)
    assert not receipts.filter(document__is_confidential=True).exists()


def test_a_meeting_without_documents_gives_an_empty_zip(client, world, meeting):
    assert _zip(client, world.delegate, meeting).namelist() == []


@pytest.mark.parametrize("persona", ["outsider", "other_organizer"])
def test_people_without_a_part_get_404(client, world, pack, persona):
    client.force_login(getattr(world, persona))
    assert client.get(reverse("meeting-documents-zip", args=[pack.pk])).status_code == 404
    assert not Receipt.objects.exists()


def test_anonymous_is_sent_to_sign_in(client, pack):
    response = client.get(reverse("meeting-documents-zip", args=[pack.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
