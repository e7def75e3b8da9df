"""The savings report of a host unit for a period: CSV, XLSX (openpyxl) and PDF (reportlab).

All three carry the same figures as the dashboard (meetings.selectors_savings.dashboard),
the meetings of the period, and every figure of every bridge point with its formula, so
that an office can attach the report to its periodic digital-transformation report and
anyone can check a number. The PDF embeds IBM Plex Serif (meetings/pdf/fonts.py) and
draws its charts with reportlab.graphics.
"""

import csv
import io
from collections.abc import Iterator, Sequence
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
)

from meetings import selectors_savings as savings
from meetings.models import Ledger
from meetings.pdf import decree30, fonts
from meetings.pdf.decree30 import text
from meetings.pdf.layout import render_story
from meetings.pdf.report import grid_table, page_number, report_heading, report_styles
from meetings.savings import CO2_KG_PER_LITRE, MONEY_KINDS, format_short, format_vnd
from meetings.savings_charts import axis_ticks, compact_vnd
from meetings.sheets import append_row, column_widths, header_row, workbook_bytes
from meetings.vietnamese_dates import date_time_short

MONEY_FORMAT = "#,##0"
MEASURE_FORMAT = "#,##0.0#"
CHART_BRIDGE_POINTS = 15
# Above this many meetings the figure-by-figure detail (about 100 rows a meeting) and the
# PDF's list of meetings are left out: each meeting's ledger page still shows them.
DETAIL_LIMIT = 500
BAR_BLUE = colors.HexColor("#0b5cad")
TABLE_SIZE = 9
MARGIN = 18 * mm


def report_filename(board: savings.Dashboard, extension: str) -> str:
    period = board.period
    return f"tiet-kiem-{board.unit.code}-{period.start:%Y%m%d}-{period.end:%Y%m%d}.{extension}"


def report_title() -> str:
    return _("Báo cáo kết quả tiết kiệm từ họp trực tuyến")


def money_labels() -> dict[str, str]:
    return {
        "fuel_cost": _("Tiền xăng"),
        "allowance": _("Phụ cấp lưu trú"),
        "meals": _("Hỗ trợ tiền ăn khách mời"),
        "paper_cost": _("In ấn tài liệu"),
        "staff_time": _("Giá trị giờ công đi lại"),
    }


def method_lines() -> list[tuple[str, str]]:
    """How each figure is computed, in words (also in docs/savings.md)."""
    return [
        (
            _("Người dự từ xa"),
            _(
                "Số người có mặt tại mỗi điểm cầu thành phần: theo báo cáo sẵn sàng (check-in), "
                "nếu không có thì theo điểm danh, nếu không có nữa thì theo số người dự kiến khi "
                "điểm cầu xác nhận tham dự."
            ),
        ),
        (
            _("Quãng đường, xăng"),
            _(
                "Số người × 2 lượt × khoảng cách một chiều đến điểm cầu chính; xăng = số km × "
                "định mức lít/km."
            ),
        ),
        (
            _("Tiền xăng, phụ cấp lưu trú"),
            _(
                "Chỉ tính khi khoảng cách một chiều từ 10 km (xã đặc biệt khó khăn) hoặc 15 km "
                "(xã khác) trở lên (Thông tư 40/2017/TT-BTC, Điều 5): tiền xăng = số lít × giá "
                "xăng; phụ cấp lưu trú = số người × số ngày × mức phụ cấp (Thông tư "
                "12/2025/TT-BTC: 300.000 đ từ 04/05/2025)."
            ),
        ),
        (
            _("Tiền ăn khách mời"),
            _(
                "Khách mời không hưởng lương dự từ xa × số ngày × mức hỗ trợ (Thông tư "
                "40/2017/TT-BTC, Điều 12.4)."
            ),
        ),
        (
            _("In ấn"),
            _(
                "Số trang tài liệu (bản mới nhất) × số bộ (mỗi người dự một bộ) × chi phí một "
                "trang. Họp kết hợp chỉ tính người dự từ xa."
            ),
        ),
        (
            _("Giờ công"),
            _(
                "Số người × 2 lượt × thời gian đi một chiều (hoặc khoảng cách ÷ tốc độ) × giá trị "
                "một giờ công."
            ),
        ),
        (
            _("CO₂"),
            _("Số lít xăng không phải đốt × %(f)s kg CO₂/lít.")
            % {"f": format_short(CO2_KG_PER_LITRE, 2)},
        ),
        (
            _("Không tính"),
            _(
                "Cuộc họp bị hủy hoặc chưa diễn ra không tiết kiệm gì; điểm cầu chưa có khoảng "
                "cách được tính 0 km và được đánh dấu để bổ sung."
            ),
        ),
    ]


# --- The rows every format shares ----------------------------------------------------


def summary_rows(board: savings.Dashboard) -> list[tuple[str, Decimal | int | None, str]]:
    """(label, value, unit) of the period's figures."""
    t = board.totals
    rows: list[tuple[str, Decimal | int | None, str]] = [
        (_("Số cuộc họp trực tuyến"), t["meetings"], _("cuộc")),
        (_("Lượt điểm cầu tham dự"), t["joins"], _("lượt")),
        (_("Số người dự từ xa"), t["people"], _("người")),
        (_("Bình quân số người mỗi lượt điểm cầu"), t["people_per_join"], _("người")),
        (_("Thời gian đi lại tiết kiệm"), t["person_hours"], _("giờ")),
        (_("Quãng đường không phải đi"), t["person_km"], "km"),
        (_("Xăng không phải đốt"), t["fuel_litres"], _("lít")),
        (_("CO₂ không thải ra"), t["co2_kg"], "kg"),
        (_("Số trang giấy không phải in"), t["pages_not_printed"], _("trang")),
        (_("Tỷ lệ cuộc họp không giấy"), t["paperless_share"], "%"),
    ]
    rows += [(label, t[kind], "đ") for kind, label in money_labels().items()]
    rows.append((_("Tổng tiền tiết kiệm"), t["total"], "đ"))
    return rows


def month_headers() -> list[str]:
    return [_("Tháng"), _("Số cuộc họp"), _("Lượt điểm cầu"), _("Giờ"), "Km", _("Tổng tiền (đ)")]


def month_rows(board: savings.Dashboard) -> list[list]:
    return [
        [
            f"{row['month']:%m/%Y}",
            row["meetings"],
            row["joins"],
            row["person_hours"],
            row["person_km"],
            row["total"],
        ]
        for row in board.months
    ]


def point_headers() -> list[str]:
    return [
        _("STT"),
        _("Điểm cầu"),
        _("Được mời"),
        _("Tham dự"),
        _("Người/lượt"),
        _("Sẵn sàng đúng giờ (%)"),
        _("Giờ"),
        "Km",
        _("Tổng tiền (đ)"),
        _("Ghi chú"),
    ]


def point_rows(board: savings.Dashboard) -> list[list]:
    return [
        [
            number,
            str(row["bridge_point"]),
            row["invited"],
            row["joins"],
            row["people_per_join"],
            row["readiness"],
            row["person_hours"],
            row["person_km"],
            row["total"],
            _("Chưa có khoảng cách") if row["bridge_point"].distance_km is None else "",
        ]
        for number, row in enumerate(board.bridge_points, start=1)
    ]


def meeting_headers() -> list[str]:
    return [
        _("Ngày"),
        _("Cuộc họp"),
        _("Lượt điểm cầu"),
        _("Người dự từ xa"),
        _("Giờ"),
        "Km",
        _("Trang không in"),
        *(f"{label} (đ)" for label in money_labels().values()),
        _("Tổng (đ)"),
    ]


def meeting_rows(ledgers: Sequence[Ledger]) -> list[list]:
    return [
        [
            ledger.meeting_date,
            ledger.meeting.title,
            ledger.joins,
            ledger.people,
            ledger.person_hours,
            ledger.person_km,
            ledger.pages_not_printed,
            *(getattr(ledger, kind) for kind in MONEY_KINDS),
            ledger.total,
        ]
        for ledger in ledgers
    ]


def detail_headers() -> list[str]:
    return [_("Ngày"), _("Cuộc họp"), _("Điểm cầu"), _("Chỉ tiêu"), _("Giá trị"), _("Cách tính")]


def detail_left_out(ledgers: Sequence[Ledger]) -> str:
    """Why the detail is missing, or "" when it is there."""
    if len(ledgers) <= DETAIL_LIMIT:
        return ""
    return _(
        "Kỳ có %(n)s cuộc họp (quá %(limit)s): chi tiết từng con số xem trong sổ tiết kiệm "
        "của từng cuộc họp, hoặc xuất báo cáo cho kỳ ngắn hơn."
    ) % {"n": len(ledgers), "limit": DETAIL_LIMIT}


def detail_rows(ledgers: Sequence[Ledger]) -> Iterator[list]:
    """Every figure of every meeting, bridge point by bridge point, with its formula."""
    if detail_left_out(ledgers):
        yield ["", "", "", "", "", detail_left_out(ledgers)]
        return
    for ledger in ledgers:
        result = savings.ledger_explained(ledger)
        for line in result.lines:
            for figure in line.figures:
                yield [
                    ledger.meeting_date,
                    ledger.meeting.title,
                    line.facts.name,
                    figure.label,
                    figure.display,
                    figure.formula,
                ]
            for note in line.notes:
                yield [ledger.meeting_date, ledger.meeting.title, line.facts.name, "", "", note]
        for figure in result.paper_figures:
            yield [
                ledger.meeting_date,
                ledger.meeting.title,
                _("Tài liệu"),
                figure.label,
                figure.display,
                figure.formula,
            ]


def _heading(board: savings.Dashboard) -> list[str]:
    return [
        report_title(),
        _("Đơn vị chủ trì: %(unit)s") % {"unit": board.unit.name},
        _("Kỳ báo cáo: %(period)s (%(a)s – %(b)s)")
        % {
            "period": board.period.label,
            "a": f"{board.period.start:%d/%m/%Y}",
            "b": f"{board.period.end:%d/%m/%Y}",
        },
        _("Lập lúc %(when)s") % {"when": date_time_short(timezone.now())},
    ]


def _warnings(board: savings.Dashboard) -> list[str]:
    found = []
    if board.missing_ledgers:
        found.append(
            _("%(n)s cuộc họp đã kết thúc chưa được lập sổ: chưa tính trong báo cáo.")
            % {"n": board.missing_ledgers}
        )
    if board.unknown_distance:
        found.append(
            _("Điểm cầu chưa có khoảng cách (tính 0 km): %(names)s.")
            % {"names": "; ".join(str(bp) for bp in board.unknown_distance)}
        )
    return found


# --- CSV -----------------------------------------------------------------------------


def _plain(value: object) -> object:
    """CSV cells: dates dd/mm/yyyy, numbers without separators, never a formula."""
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return f"'{value}"
    return value


def report_csv(board: savings.Dashboard, ledgers: Sequence[Ledger]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)

    def section(title: str, headers: list[str], rows) -> None:
        writer.writerow([])
        writer.writerow([title])
        writer.writerow(headers)
        for row in rows:
            writer.writerow([_plain(value) for value in row])

    for line in _heading(board) + _warnings(board):
        writer.writerow([line])
    section(
        _("Tổng hợp"),
        [_("Chỉ tiêu"), _("Giá trị"), _("Đơn vị")],
        ([label, value, unit] for label, value, unit in summary_rows(board)),
    )
    section(_("Theo tháng"), month_headers(), month_rows(board))
    section(_("Theo điểm cầu"), point_headers(), point_rows(board))
    section(_("Theo cuộc họp"), meeting_headers(), meeting_rows(ledgers))
    section(_("Chi tiết và cách tính"), detail_headers(), detail_rows(ledgers))
    section(_("Cách tính"), [_("Chỉ tiêu"), _("Cách tính")], method_lines())
    return out.getvalue()


# --- XLSX ----------------------------------------------------------------------------


def _sheet_value(value: object) -> object:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral() else float(value)
    return value


def _table_sheet(book: Workbook, title: str, headers: list[str], rows, widths: list[int]) -> None:
    sheet = book.create_sheet(title)
    header_row(sheet, headers)
    for row in rows:
        for cell in append_row(sheet, (_sheet_value(value) for value in row)):
            if isinstance(cell.value, int | float):
                cell.number_format = MONEY_FORMAT if isinstance(cell.value, int) else MEASURE_FORMAT
            elif hasattr(cell.value, "strftime"):
                cell.number_format = "dd/mm/yyyy"
    column_widths(sheet, widths)


def report_xlsx(board: savings.Dashboard, ledgers: Sequence[Ledger]) -> bytes:
    """Sheets: summary, months, bridge points, meetings, every figure with its formula,
    and the method."""
    book = Workbook()
    summary = book.active
    summary.title = _("Tổng hợp")
    for line in _heading(board):
        summary.append([line])
    summary["A1"].font = Font(bold=True, size=13)
    for line in _warnings(board):
        summary.append([line])
    summary.append([])
    summary.append([_("Chỉ tiêu"), _("Giá trị"), _("Đơn vị")])
    for cell in summary[summary.max_row]:
        cell.font = Font(bold=True)
    for label, value, unit in summary_rows(board):
        summary.append([label, _sheet_value(value), unit])
        summary.cell(row=summary.max_row, column=2).number_format = (
            MONEY_FORMAT if unit == "đ" else MEASURE_FORMAT
        )
    summary.column_dimensions["A"].width = 44
    summary.column_dimensions["B"].width = 18
    _table_sheet(
        book, _("Theo tháng"), month_headers(), month_rows(board), [10, 12, 14, 10, 12, 16]
    )
    _table_sheet(
        book,
        _("Theo điểm cầu"),
        point_headers(),
        point_rows(board),
        [6, 48, 10, 10, 11, 14, 10, 12, 16, 22],
    )
    _table_sheet(
        book,
        _("Theo cuộc họp"),
        meeting_headers(),
        meeting_rows(ledgers),
        [12, 50, 10, 10, 10, 12, 12, 14, 14, 14, 14, 14, 16],
    )
    _table_sheet(
        book, _("Chi tiết"), detail_headers(), detail_rows(ledgers), [12, 40, 40, 28, 16, 90]
    )
    _table_sheet(book, _("Cách tính"), [_("Chỉ tiêu"), _("Cách tính")], method_lines(), [26, 120])
    return workbook_bytes(book)


# --- PDF -----------------------------------------------------------------------------


def _styles() -> dict[str, ParagraphStyle]:
    shared = report_styles(TABLE_SIZE)
    base = decree30.styles()["body"]
    return {
        **shared,
        "h2": ParagraphStyle(
            "h2", parent=base, fontName=fonts.BOLD, fontSize=12, spaceBefore=8, spaceAfter=4
        ),
        "num": ParagraphStyle("num", parent=shared["cell"], alignment=TA_RIGHT),
        "small": ParagraphStyle("small", parent=base, fontSize=9.5, leading=12, alignment=TA_LEFT),
    }


def _shown(value: object, unit: str = "") -> str:
    if value is None:
        return "—"
    if hasattr(value, "strftime"):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return format_vnd(value) if unit == "đ" else format_short(value, 1)
    return str(value)


def _grid(rows: list[list], widths: list[float], numeric_from: int) -> Table:
    st = _styles()
    cells = [[Paragraph(text(str(h)), st["head"]) for h in rows[0]]]
    for row in rows[1:]:
        cells.append(
            [
                Paragraph(text(_shown(value)), st["num"] if i >= numeric_from else st["cell"])
                for i, value in enumerate(row)
            ]
        )
    return grid_table(cells, widths, TABLE_SIZE)


def _style_chart(chart: VerticalBarChart | HorizontalBarChart, values: list, label) -> None:
    """Embedded font, round axis steps (as on the dashboard), values printed on the bars."""
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = fonts.REGULAR
        axis.labels.fontSize = 7.5
    peak, marks = axis_ticks(max((Decimal(str(v)) for v in values), default=Decimal(0)))
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = float(peak)
    chart.valueAxis.valueStep = float(marks[1] - marks[0])
    chart.valueAxis.labelTextFormat = lambda value: label(Decimal(str(value)))
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#d6dce3")
    chart.bars[0].fillColor = BAR_BLUE
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = lambda value: label(Decimal(str(value))) if value else ""
    chart.barLabels.fontName = fonts.BOLD
    chart.barLabels.fontSize = 7


def _drawing(width: float, height: float) -> Drawing:
    # Otherwise the drawing starts in Helvetica, a font that is never embedded.
    return Drawing(width, height, initialFontName=fonts.REGULAR, initialFontSize=8)


def _month_chart(board: savings.Dashboard, width: float) -> Drawing:
    drawing = _drawing(width, 62 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 18 * mm, 10 * mm, width - 22 * mm, 44 * mm
    values = [float(row["total"]) for row in board.months]
    chart.data = [values]
    chart.categoryAxis.categoryNames = [f"{row['month']:%m/%y}" for row in board.months]
    _style_chart(chart, values, compact_vnd)
    chart.barLabels.nudge = 6
    drawing.add(chart)
    title = _("Tiền tiết kiệm theo tháng")
    drawing.add(String(0, 58 * mm, title, fontName=fonts.BOLD, fontSize=10))
    return drawing


def _point_chart(board: savings.Dashboard, width: float) -> Drawing:
    rows = board.bridge_points[:CHART_BRIDGE_POINTS][::-1]  # the chart draws bottom-up
    height = 8 * mm + 6 * mm * max(len(rows), 1)
    drawing = _drawing(width, height + 8 * mm)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 58 * mm, 6 * mm, width - 62 * mm, height - 6 * mm
    values = [row["joins"] for row in rows] or [0]
    chart.data = [values]
    chart.categoryAxis.categoryNames = [row["bridge_point"].unit.name[:34] for row in rows] or [""]
    _style_chart(chart, values, lambda value: format_short(value, 1))
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    title = _("Lượt tham dự theo điểm cầu (%(n)s điểm cầu nhiều lượt nhất)") % {
        "n": min(len(board.bridge_points), CHART_BRIDGE_POINTS)
    }
    drawing.add(String(0, height + 3 * mm, title, fontName=fonts.BOLD, fontSize=10))
    return drawing


def report_pdf(board: savings.Dashboard, ledgers: Sequence[Ledger]) -> bytes:
    """A4 portrait: heading, the figures, charts by month and by bridge point, the bridge
    points and meetings of the period, and how every figure is computed."""
    st = _styles()
    width = A4[0] - 2 * MARGIN
    title, _unit_line, period_line, made = _heading(board)
    story: list[Flowable] = report_heading(st, board.unit.name, title, period_line)
    story += [Paragraph(text(line), st["small"]) for line in _warnings(board)]
    summary = [[_("Chỉ tiêu"), _("Giá trị")]] + [
        [label, _shown(value, unit) + ("" if unit in ("đ", "") or value is None else f" {unit}")]
        for label, value, unit in summary_rows(board)
    ]
    story += [
        Paragraph(text(_("1. Kết quả chung")), st["h2"]),
        _grid(summary, [width * 0.62, width * 0.38], numeric_from=1),
        Paragraph(text(_("2. Biểu đồ")), st["h2"]),
        _month_chart(board, width),
        Spacer(1, 3 * mm),
        _point_chart(board, width),
        Paragraph(text(_("3. Theo điểm cầu")), st["h2"]),
    ]
    points = [point_headers()[:4] + point_headers()[5:6] + point_headers()[8:9]]
    points += [row[:4] + row[5:6] + row[8:9] for row in point_rows(board)]
    story.append(
        _grid(points, [w * width for w in (0.07, 0.45, 0.1, 0.1, 0.12, 0.16)], numeric_from=2)
    )
    story.append(Paragraph(text(_("4. Theo cuộc họp")), st["h2"]))
    if detail_left_out(ledgers):
        story.append(Paragraph(text(detail_left_out(ledgers)), st["small"]))
    else:
        meetings = [[_("Ngày"), _("Cuộc họp"), _("Lượt điểm cầu"), _("Người"), _("Tổng (đ)")]]
        meetings += [[r[0], r[1], r[2], r[3], r[-1]] for r in meeting_rows(ledgers)]
        story.append(_grid(meetings, [w * width for w in (0.13, 0.47, 0.12, 0.1, 0.18)], 2))
    method = [
        Paragraph(text(_("5. Cách tính")), st["h2"]),
        *(
            Paragraph(f"<b>{text(name)}</b>: {text(how)}", st["small"])
            for name, how in method_lines()
        ),
        Spacer(1, 3 * mm),
        Paragraph(text(made), st["small"]),
    ]
    story.append(KeepTogether(method))
    return render_story(
        story,
        pagesize=A4,
        margins=(MARGIN, MARGIN, MARGIN, MARGIN),
        font_size=TABLE_SIZE,
        title=f"{title}: {board.unit.name}, {board.period.label}",
        author=board.unit.name,
        on_page=page_number,
    )
