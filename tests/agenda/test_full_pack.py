"""GET /meetings/<id>/booklet.pdf?full=1: the booklet, then the latest PDF version of every
document the reader may read (confidential ones watermarked for them), one bookmark each;
other formats are listed as not merged. Handing them over stamps "downloaded" receipts."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from agenda.models import Receipt
from tests.agenda.booklet_support import build_agenda
from tests.agenda.document_support import isolated_media
from tests.meetings.pdf_support import pdf_text, read_pdf


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    return isolated_media(settings, tmp_path)


@pytest.fixture
def agenda(world, meeting):
    return build_agenda(world, meeting)


def _get(client, user, meeting, **params):
    client.force_login(user)
    return client.get(reverse("meeting-booklet", args=[meeting.pk]), params)


def _pack(client, user, meeting):
    response = _get(client, user, meeting, full="1")
    assert response.status_code == 200
    return response, read_pdf(response.content)


def _booklet_pages(client, user, meeting) -> int:
    return len(read_pdf(_get(client, user, meeting).content).pages)


def test_full_pack_is_the_booklet_then_every_readable_pdf(client, world, meeting, agenda):
    booklet_pages = _booklet_pages(client, world.chair, meeting)
    response, pack = _pack(client, world.chair, meeting)

    assert response["Content-Disposition"] == (
        f'inline; filename="bo-tai-lieu-hop-{meeting.pk}.pdf"'
    )
    # Report (3) + plan's latest version (4) + the confidential one (1); the DOCX stays out.
    assert len(pack.pages) == booklet_pages + 3 + 4 + 1
    first_lines = [
        page.extract_text().strip().splitlines()[0] for page in pack.pages[booklet_pages:]
    ]
    assert first_lines[:8] == [
        "BAOCAO - trang 1",
        "BAOCAO - trang 2",
        "BAOCAO - trang 3",
        "KEHOACH2 - trang 1",
        "KEHOACH2 - trang 2",
        "KEHOACH2 - trang 3",
        "KEHOACH2 - trang 4",
        "MAT - trang 1",
    ]
    assert "KEHOACH1" not in pdf_text(pack)  # superseded versions are listed, not appended


def test_booklet_says_where_each_document_starts_and_what_was_left_out(
    client, world, meeting, agenda
):
    _response, pack = _pack(client, world.chair, meeting)
    text = pdf_text(pack)
    starts = {
        page.extract_text().strip().splitlines()[0]: number
        for number, page in enumerate(pack.pages, start=1)
    }

    report_from, plan_from = starts["BAOCAO - trang 1"], starts["KEHOACH2 - trang 1"]
    assert f"trang {report_from}–{report_from + 2}" in text
    assert f"trang {plan_from}–{plan_from + 3}" in text
    secret_at = starts["MAT - trang 1"]
    assert f"trang {secret_at}" in text and f"trang {secret_at}–" not in text
    assert "không gộp được (định dạng DOCX)" in text
    assert "III. TÀI LIỆU GỘP KÈM THEO" in text


def test_each_merged_document_has_a_bookmark(client, world, meeting, agenda):
    _response, pack = _pack(client, world.chair, meeting)
    assert [item.title for item in pack.outline] == [
        "Báo cáo số 12/BC-UBND",
        "Dự thảo kế hoạch",
        "Phương án nhân sự",
    ]


def test_confidential_pages_carry_the_readers_watermark(client, world, meeting, agenda):
    _response, pack = _pack(client, world.chair, meeting)
    secret_page = next(p for p in pack.pages if "MAT - trang 1" in p.extract_text())
    stamped = secret_page.extract_text()

    assert "Nguyễn Văn Chủ" in stamped and "Tỉnh Lạng Sơn" in stamped
    assert re.search(r"\d\d/\d\d/\d{4} \d\d:\d\d", stamped)
    plain_page = next(p for p in pack.pages if "BAOCAO - trang 1" in p.extract_text())
    assert "Nguyễn Văn Chủ" not in plain_page.extract_text()


def test_invitee_not_named_gets_no_confidential_pages(client, world, meeting, agenda):
    booklet_pages = _booklet_pages(client, world.delegate, meeting)
    _response, pack = _pack(client, world.delegate, meeting)

    assert len(pack.pages) == booklet_pages + 3 + 4
    text = pdf_text(pack)
    assert "MAT - trang" not in text and "Phương án nhân sự" not in text


def test_merged_documents_get_a_downloaded_receipt(client, world, meeting, agenda):
    _pack(client, world.delegate, meeting)

    receipts = Receipt.objects.filter(user=world.delegate, downloaded_at__isnull=False)
    assert set(receipts.values_list("document_id", flat=True)) == {
        agenda.report.pk,
        agenda.plan.pk,
    }


def test_plain_booklet_marks_no_receipt(client, world, meeting, agenda):
    assert _get(client, world.delegate, meeting).status_code == 200
    assert not Receipt.objects.filter(user=world.delegate).exists()


def test_a_file_lost_from_storage_is_listed_not_merged(client, world, meeting, agenda):
    version = agenda.report.versions.get()
    version.file.storage.delete(version.file.name)

    booklet_pages = _booklet_pages(client, world.delegate, meeting)
    _response, pack = _pack(client, world.delegate, meeting)

    assert len(pack.pages) == booklet_pages + 4
    assert "không gộp được (không đọc được tệp)" in pdf_text(pack)


def test_people_without_a_part_get_404(client, world, meeting, agenda):
    for user in (world.outsider, world.other_organizer):
        assert _get(client, user, meeting, full="1").status_code == 404
    assert not Receipt.objects.exists()
