"""GET /savings/report.csv|xlsx|pdf: the dashboard's figures, each meeting, and every figure
with its formula, read back as a person (or a spreadsheet) would."""

import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from meetings.models import BridgePoint
from tests.meetings.pdf_support import embedded_font_names, pdf_text, read_pdf
from tests.meetings.savings_support import held_meeting, local

QUERY = {"period": "month", "year": 2025, "month": 7}


def _report(client, world, extension: str):
    BridgePoint.objects.filter(pk=world.rooms[0].pk).update(is_hardship=True, distance_km=12)
    held_meeting(world, local(2025, 7, 1))
    held_meeting(world, local(2025, 7, 8), headcounts={2: 2})
    client.force_login(world.organizer)
    return client.get(reverse("savings-report", args=[extension]), QUERY)


def test_csv_holds_the_sums_the_meetings_and_the_formulas(client, world):
    response = _report(client, world, "csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="tiet-kiem-20-20250701-20250731.csv"'
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    figures = {row[0]: row[1] for row in rows if len(row) == 3}
    # Meeting 1: fuel 288.000 + 480.000 + 720.000; meeting 2: 2 × 60 km × 0,2 l × 20.000.
    assert figures["Số cuộc họp trực tuyến"] == "2"
    assert figures["Tiền xăng"] == str(288_000 + 480_000 + 720_000 + 480_000)
    assert figures["Lượt điểm cầu tham dự"] == "4"
    meetings = [row for row in rows if row[:1] == ["01/07/2025"] and len(row) == 13]
    assert meetings and meetings[0][1] == "Giao ban tuần"
    formulas = [row[5] for row in rows if len(row) == 6 and row[3] == "Tiền xăng"]
    assert (
        "12 km ≥ ngưỡng 10 km (xã đặc biệt khó khăn): 14,4 lít × 20.000 đ/lít = 288.000 đ"
        in formulas
    )


def test_xlsx_reads_back_with_numbers_and_sheets(client, world):
    response = _report(client, world, "xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Tổng hợp",
        "Theo tháng",
        "Theo điểm cầu",
        "Theo cuộc họp",
        "Chi tiết",
        "Cách tính",
    ]
    summary = {row[0]: row[1] for row in book["Tổng hợp"].iter_rows(values_only=True) if row[0]}
    assert summary["Tổng tiền tiết kiệm"] == sum(
        row[-1] for row in book["Theo cuộc họp"].iter_rows(min_row=2, values_only=True)
    )
    assert summary["Tiền xăng"] == 1_968_000
    points = list(book["Theo điểm cầu"].iter_rows(min_row=2, values_only=True))
    assert [(row[1], row[3]) for row in points] == [
        ("Xã Thử 3 — Hội trường UBND xã", 2),
        ("Xã Thử 1 — Hội trường UBND xã", 1),
        ("Xã Thử 2 — Hội trường UBND xã", 1),
    ]
    details = list(book["Chi tiết"].iter_rows(min_row=2, values_only=True))
    assert any(row[3] == "Phụ cấp lưu trú" and row[4] == "600.000 đ" for row in details)


def test_pdf_is_a_vietnamese_report_with_its_figures(client, world):
    response = _report(client, world, "pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = read_pdf(response.content)
    content = pdf_text(reader)
    for heading in (
        "BÁO CÁO KẾT QUẢ TIẾT KIỆM TỪ HỌP TRỰC TUYẾN",
        "Kỳ báo cáo: Tháng 07/2025",
        "Kết quả chung",
        "Tiền tiết kiệm theo tháng",
        "Theo điểm cầu",
        "Cách tính",
    ):
        assert heading in content
    assert "1.968.000 đ" in content  # the fuel
    assert "Xã Thử 3 — Hội trường UBND xã" in content
    assert all(embedded_font_names(reader).values())


def test_reports_follow_the_dashboards_rules(client, world):
    client.force_login(world.organizer)
    bad = client.get(
        reverse("savings-report", args=["csv"]),
        {"period": "custom", "start": "02/07/2025", "end": "01/07/2025"},
    )
    assert bad.status_code == 422
    client.force_login(world.other_organizer)
    response = client.get(reverse("savings-report", args=["pdf"]), {"unit": world.province.pk})
    assert response.status_code == 403
    assert client.get("/savings/report.doc").status_code == 404


def test_a_long_period_leaves_the_figure_by_figure_detail_to_the_meetings(
    client, world, monkeypatch
):
    monkeypatch.setattr("meetings.savings_reports.DETAIL_LIMIT", 1)
    response = _report(client, world, "csv")
    content = response.content.decode("utf-8-sig")
    assert "Kỳ có 2 cuộc họp (quá 1): chi tiết từng con số xem trong sổ tiết kiệm" in content
    assert "14,4 lít × 20.000 đ/lít" not in content
    pdf = pdf_text(read_pdf(client.get(reverse("savings-report", args=["pdf"]), QUERY).content))
    assert "Kỳ có 2 cuộc họp (quá 1)" in pdf
