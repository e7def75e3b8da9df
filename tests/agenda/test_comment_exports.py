"""A document's comments for the organizer: /documents/<id>/comments.xlsx and .pdf."""

import io

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from agenda.services.comments import comment_answer, comment_create
from tests.agenda.distribution_support import media, papers  # noqa: F401
from tests.meetings.pdf_support import embedded_font_names, pdf_text, read_pdf

HEADERS = [
    "STT",
    "Người góp ý",
    "Đơn vị/điểm cầu",
    "Trang",
    "Nội dung",
    "Trạng thái",
    "Trả lời",
    "Thời gian",
]


def _comments(world, meeting):
    docs = papers(world, meeting)
    first = comment_create(
        actor=world.delegate,
        document_id=docs.report.pk,
        text="Đề nghị bổ sung chỉ tiêu về chữ ký số.",
        page=2,
    )
    comment_answer(
        actor=world.organizer, comment_id=first.pk, status="answered", reply="Đã có ở phụ lục."
    )
    second = comment_create(
        actor=world.operator,
        document_id=docs.report.pk,
        text="=1+1 xã thống nhất với dự thảo",
        bridge_point_id=world.rooms[0].pk,
    )
    return docs.report, first, second


def _sheet_rows(content: bytes) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(content)).active
    return [tuple(cell.value for cell in row) for row in sheet.iter_rows()]


def test_xlsx_reads_back(client, world, meeting):
    document, first, _second = _comments(world, meeting)
    client.force_login(world.organizer)
    response = client.get(reverse("document-comments-xlsx", args=[document.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == (
        f'attachment; filename="gop-y-tai-lieu-{document.pk}.xlsx"'
    )
    rows = _sheet_rows(response.content)
    assert rows[0][0] == "Tổng hợp ý kiến góp ý: Dự thảo kế hoạch chuyển đổi số"
    assert "Cuộc họp “Giao ban tuần”" in rows[1][0]
    header = rows.index(tuple(HEADERS))
    body = rows[header + 1 :]
    assert body[0] == (
        1,
        "Delegate",
        str(world.rooms[0]),
        2,
        "Đề nghị bổ sung chỉ tiêu về chữ ký số.",
        "Giải trình",
        "Đã có ở phụ lục.",
        timezone.localtime(first.created_at).replace(tzinfo=None, microsecond=0),
    )
    # Text that looks like a formula stays text; the room it speaks for is named.
    assert body[1][:7] == (
        2,
        "Operator (thay mặt điểm cầu)",
        str(world.rooms[0]),
        None,
        "=1+1 xã thống nhất với dự thảo",
        "Mới",
        None,
    )
    assert len(body) == 2


def test_pdf_reads_back(client, world, meeting):
    document, first, _second = _comments(world, meeting)
    client.force_login(world.organizer)
    response = client.get(reverse("document-comments-pdf", args=[document.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = read_pdf(response.content)
    words = " ".join(pdf_text(reader).split())  # cells wrap their lines
    for expected in (
        "TỔNG HỢP Ý KIẾN GÓP Ý",
        "DỰ THẢO KẾ HOẠCH CHUYỂN ĐỔI SỐ",
        "STT Người góp ý Đơn vị/điểm cầu Trang Nội dung Trạng thái Trả lời Thời gian",
        "Đề nghị bổ sung chỉ tiêu về chữ ký số.",
        "Đã có ở phụ lục.",
        "Giải trình",
        f"{timezone.localtime(first.created_at):%d/%m/%Y %H:%M}",
        "Operator (thay mặt điểm cầu)",
    ):
        assert expected in words
    assert all(embedded_font_names(reader).values())


def test_an_empty_document_still_exports(client, world, meeting):
    docs = papers(world, meeting)
    client.force_login(world.organizer)
    pdf = client.get(reverse("document-comments-pdf", args=[docs.report.pk]))
    assert "Chưa có ý kiến góp ý." in pdf_text(read_pdf(pdf.content))
    xlsx = client.get(reverse("document-comments-xlsx", args=[docs.report.pk]))
    assert _sheet_rows(xlsx.content)[-1] == tuple(HEADERS)


def test_only_the_organizer_exports(client, world, meeting):
    document, _first, _second = _comments(world, meeting)
    for name in ("document-comments-xlsx", "document-comments-pdf"):
        url = reverse(name, args=[document.pk])
        for persona in (world.delegate, world.operator, world.chair):
            client.force_login(persona)
            assert client.get(url).status_code == 403
        client.force_login(world.outsider)
        assert client.get(url).status_code == 404
        client.force_login(world.organizer)
        assert client.post(url).status_code == 405
