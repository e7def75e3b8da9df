"""Minutes content, meeting records and PDF readers for the minutes' PDF tests.

The PDFs are read back as a reader would: text with pypdf, where on the page it sits,
which face it is set in, and the QR code's modules from the drawn rectangles.
"""

import re
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from pypdf import PageObject, PdfReader

from agenda.minutes_records import (
    ItemRecord,
    MeetingRecord,
    PersonLine,
    RoomAttendance,
)
from tests.meetings.pdf_support import read_pdf

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
CODE = "7KQ2-M9XD"
VERIFY_URL = f"https://diemcau.example.vn/verify/{CODE}"
# The PDF's own page height; the top margin is its upper 20 mm.
PAGE_HEIGHT = 841.89
TOP_MARGIN = 20 * 72 / 25.4


def words(text: str) -> str:
    """Whitespace collapsed: justified lines and line breaks do not matter to a reader."""
    return " ".join(text.split())


def page_words(reader: PdfReader) -> list[str]:
    return [words(page.extract_text()) for page in reader.pages]


def all_words(content: bytes) -> str:
    return " ".join(page_words(read_pdf(content)))


@dataclass(frozen=True)
class Run:
    text: str
    x: float
    y: float
    font: str


def text_runs(page: PageObject) -> list[Run]:
    """Every piece of text on the page with its position and font."""
    runs: list[Run] = []

    def visit(text: str, cm: list, tm: list, font: dict | None, size: float) -> None:
        if text.strip():
            # Position in page space: the text matrix moved by the current matrix.
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            name = str(font.get("/BaseFont", "")) if font else ""
            runs.append(Run(text.strip(), x, y, name))

    page.extract_text(visitor_text=visit)
    return runs


def top_margin_text(page: PageObject) -> str:
    return " ".join(r.text for r in text_runs(page) if r.y > PAGE_HEIGHT - TOP_MARGIN)


def qr_forms(page: PageObject) -> list[bytes]:
    """The content of every form XObject the page draws."""
    resources = page.get("/Resources", {})
    objects = resources.get("/XObject", {}) if resources else {}
    drawn = page.get_contents().get_data()
    found = []
    for name, value in objects.items():
        value = value.get_object()
        if value.get("/Subtype") == "/Form" and f"{name} Do".encode() in drawn:
            found.append(value.get_data())
    return found


def qr_from_form(data: bytes) -> list[list[bool]]:
    """Read the QR back from its rectangles: module size from the smallest one, then each
    rectangle marks its run of dark modules."""
    rects = [
        tuple(float(v) for v in m.groups())
        for m in re.finditer(rb"([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) re", data)
    ]
    cell = min(h for _x, _y, _w, h in rects)
    top = max(y for _x, y, _w, _h in rects)
    left = min(x for x, _y, _w, _h in rects)
    size = round((top - min(y for _x, y, _w, _h in rects)) / cell) + 1
    grid = [[False] * size for _ in range(size)]
    for x, y, w, _h in rects:
        row, col = round((top - y) / cell), round((x - left) / cell)
        for c in range(col, col + round(w / cell)):
            grid[row][c] = True
    return grid


def content(**changes) -> dict:
    """A short minutes content, as the draft builder makes it (the shared contract)."""
    value = {
        "header": {
            "parent_agency": "UBND TỈNH LẠNG SƠN",
            "agency": "SỞ NỘI VỤ",
            "number": "15/BB-SNV",
            "place": "Lạng Sơn",
            "date": "2026-11-22",
            "subject": "Họp giao ban tuần 47",
        },
        "sections": [
            {
                "key": "opening",
                "title": "Thời gian bắt đầu",
                "layout": "inline",
                "html": "<p>8 giờ 00 phút, ngày 22/11/2026</p>",
            },
            {
                "key": "places",
                "title": "Địa điểm",
                "layout": "block",
                "html": "<p>Điểm cầu chính: Phòng họp số 2.</p><ul><li>Điểm cầu xã Tân Thanh</li>"
                "<li>Điểm cầu xã Hữu Lũng</li></ul>",
            },
            {
                "key": "chair",
                "title": "Chủ trì",
                "layout": "inline",
                "html": "<p>Ông Nguyễn Văn Ánh, Giám đốc Sở</p>",
            },
            {
                "key": "secretary",
                "title": "Thư ký",
                "layout": "inline",
                "html": "<p>Bà Trần Thị Bích Ngọc</p>",
            },
            {"key": "content-intro", "title": "Nội dung", "layout": "block", "html": ""},
            {
                "key": "item-1",
                "title": "1. Báo cáo tình hình kinh tế - xã hội",
                "layout": "block",
                "html": "<p><strong>Trình bày:</strong> Ông Lê Đức Thắng</p>"
                "<p><strong>Biểu quyết:</strong> Thông qua báo cáo</p>"
                "<table><thead><tr><th>Phương án</th><th>Số phiếu</th><th>Tỷ lệ</th></tr></thead>"
                "<tbody><tr><td>Tán thành</td><td>18</td><td>90,00%</td></tr>"
                "<tr><td>Không tán thành</td><td>2</td><td>10,00%</td></tr></tbody></table>"
                "<p>Kết quả: <strong>THÔNG QUA</strong> (quá nửa số đại biểu có mặt).</p>",
            },
            {"key": "item-2", "title": "2. Nội dung không ghi nhận", "layout": "block", "html": ""},
            {
                "key": "closing",
                "title": "Kết thúc",
                "layout": "inline",
                "html": "<p>Cuộc họp kết thúc vào 11 giờ 30 phút, ngày 22/11/2026.</p>",
            },
        ],
        "signers": {
            "secretary": {"title": "THƯ KÝ", "name": "Trần Thị Bích Ngọc"},
            "chair": {"title": "CHỦ TRÌ", "name": "Nguyễn Văn Ánh"},
        },
        "recipients": ["Các đại biểu dự họp", "Các điểm cầu xã", "Lưu: VT, hồ sơ"],
    }
    value.update(changes)
    return value


def long_content(paragraphs: int = 120) -> dict:
    """Enough text for several pages."""
    text = "Ý kiến thảo luận về tiến độ giải ngân vốn đầu tư công của các xã vùng cao số {n}."
    body = "".join(f"<p>{text.format(n=n)}</p>" for n in range(paragraphs))
    value = content()
    value["sections"].insert(
        -1, {"key": "item-9", "title": "3. Thảo luận", "layout": "block", "html": body}
    )
    return value


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, 22, hour, minute, tzinfo=ZONE)


def record(**changes) -> MeetingRecord:
    rooms = [
        RoomAttendance(
            name="Phòng họp số 2, Sở Nội vụ",
            is_main=True,
            joined=True,
            headcount=12,
            first_join=at(7, 40),
            last_leave=at(11, 35),
            people=[
                PersonLine("Nguyễn Văn Ánh", "Giám đốc Sở", "present"),
                PersonLine("Trần Thị Bích Ngọc", "Chuyên viên", "present"),
            ],
        ),
        RoomAttendance(
            name="Điểm cầu xã Tân Thanh",
            joined=True,
            headcount=7,
            first_join=at(7, 52),
            last_leave=at(11, 31),
            people=[
                PersonLine("Hoàng Thị Huyền", "Chủ tịch UBND xã", "online"),
                PersonLine("Lý Văn Đạt", "Công chức Văn phòng", "absent", "Ốm đau, nằm viện"),
            ],
            response="accepted",
            connected_minutes=219,
        ),
        RoomAttendance(
            name="Điểm cầu xã Hữu Lũng",
            joined=False,
            response="declined",
            decline_reason="Mất điện diện rộng",
        ),
    ]
    items = [
        ItemRecord(
            item_id=1,
            position=1,
            title="Báo cáo tình hình kinh tế - xã hội",
            presenter="Lê Đức Thắng",
            conclusion="Giao Sở Tài chính rà soát nguồn vốn.\nBáo cáo UBND tỉnh trước 15/12/2026.",
        ),
        ItemRecord(item_id=2, position=2, title="Nội dung chỉ để nghe", presenter=""),
        ItemRecord(
            item_id=3,
            position=3,
            title="Kế hoạch chuyển đổi số năm 2027",
            presenter="",
            conclusion="Thống nhất thông qua dự thảo kế hoạch.",
        ),
    ]
    values = {
        "meeting_id": 1,
        "title": "Họp giao ban tuần 47",
        "host_unit": "Sở Nội vụ",
        "host_parent": "UBND tỉnh Lạng Sơn",
        "place": "Lạng Sơn",
        "number_suffix": "SNV",
        "scheduled_start": at(8),
        "scheduled_end": at(11, 30),
        "started_at": at(8, 2),
        "ended_at": at(11, 30),
        "chair": "Nguyễn Văn Ánh",
        "chair_position": "Giám đốc Sở Nội vụ",
        "secretary": "Trần Thị Bích Ngọc",
        "main_room": "Phòng họp số 2, Sở Nội vụ",
        "rooms": rooms,
        "items": items,
        "conclusion": "Các đơn vị khẩn trương triển khai nhiệm vụ được giao.",
    }
    values.update(changes)
    return MeetingRecord(**values)
