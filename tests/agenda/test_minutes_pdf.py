"""The minutes PDF (Decree 30/2020/NĐ-CP, form 1.9): what a reader finds on its pages."""

import pytest

from agenda.pdf.footer import qr_modules
from agenda.pdf.minutes import minutes_pdf
from tests.agenda.pdf_support import (
    CODE,
    VERIFY_URL,
    all_words,
    content,
    long_content,
    page_words,
    qr_forms,
    qr_from_form,
    text_runs,
    top_margin_text,
)
from tests.meetings.pdf_support import embedded_font_names, read_pdf


def approved(value: dict) -> bytes:
    return minutes_pdf(value, verification_code=CODE, verify_url=VERIFY_URL)


def draft(value: dict) -> bytes:
    return minutes_pdf(value, verification_code=None, verify_url=None)


def test_header_title_names_and_votes_read_back_exactly():
    text = all_words(approved(content()))

    for expected in (
        "UBND TỈNH LẠNG SƠN",
        "SỞ NỘI VỤ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 15/BB-SNV",
        "Lạng Sơn, ngày 22 tháng 11 năm 2026",
        "BIÊN BẢN",
        "Họp giao ban tuần 47",
        "Chủ trì: Ông Nguyễn Văn Ánh, Giám đốc Sở",
        "Thư ký: Bà Trần Thị Bích Ngọc",
        "Tán thành 18 90,00%",
        "Không tán thành 2 10,00%",
        "Kết quả: THÔNG QUA",
        "THƯ KÝ",
        "CHỦ TRÌ",
        "Trần Thị Bích Ngọc",
        "Nguyễn Văn Ánh",
        "Nơi nhận: - Các đại biểu dự họp; - Các điểm cầu xã; - Lưu: VT, hồ sơ.",
    ):
        assert expected in text, expected


def test_sections_follow_form_1_9_in_order():
    text = all_words(approved(content()))

    # Inline titles open their paragraph; block titles stand on their own line.
    assert "Thời gian bắt đầu: 8 giờ 00 phút, ngày 22/11/2026" in text
    assert "Địa điểm: Điểm cầu chính: Phòng họp số 2. - Điểm cầu xã Tân Thanh" in text
    order = [
        "BIÊN BẢN",
        "Thời gian bắt đầu:",
        "Địa điểm:",
        "Chủ trì:",
        "Thư ký:",
        "Nội dung:",
        "1. Báo cáo tình hình kinh tế - xã hội",
        "Kết thúc:",
        "THƯ KÝ",
        "Nơi nhận:",
    ]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)


def test_the_text_ends_with_the_end_mark_once():
    text = all_words(approved(content()))

    assert "Cuộc họp kết thúc vào 11 giờ 30 phút, ngày 22/11/2026./." in text
    assert text.count("./.") == 1


def test_an_empty_section_is_left_out():
    text = all_words(approved(content()))

    assert "Nội dung không ghi nhận" not in text
    # The intro heading stays: items follow it.
    assert "Nội dung:" in text


def test_the_secretary_signs_left_and_the_chair_right():
    reader = read_pdf(approved(content()))
    runs = {run.text: run for page in reader.pages for run in text_runs(page)}

    assert runs["THƯ KÝ"].x < runs["CHỦ TRÌ"].x
    # The names sit under their titles, a signature's room below.
    assert runs["THƯ KÝ"].y - runs["Trần Thị Bích Ngọc"].y > 50
    assert "Bold" in runs["Nguyễn Văn Ánh"].font


def test_every_page_carries_the_verification_code_and_its_qr():
    reader = read_pdf(approved(long_content()))
    assert len(reader.pages) >= 3

    expected = qr_modules(VERIFY_URL)
    for page, text in zip(reader.pages, page_words(reader), strict=True):
        assert f"Mã xác thực: {CODE}" in text
        assert f"Kiểm tra bản gốc tại {VERIFY_URL}" in text
        forms = qr_forms(page)
        assert len(forms) == 1
        assert qr_from_form(forms[0]) == expected
    assert "BẢN DỰ THẢO" not in " ".join(page_words(reader))


def test_pages_are_numbered_from_the_second():
    reader = read_pdf(approved(long_content()))

    assert top_margin_text(reader.pages[0]) == ""
    for number, page in enumerate(reader.pages[1:], start=2):
        assert top_margin_text(page) == str(number)


def test_a_draft_is_stamped_and_carries_no_code():
    reader = read_pdf(draft(long_content()))

    for page, text in zip(reader.pages, page_words(reader), strict=True):
        assert "BẢN DỰ THẢO" in text
        assert "Mã xác thực" not in text
        assert qr_forms(page) == []


def test_only_plex_serif_is_used_and_it_is_embedded():
    fonts = embedded_font_names(read_pdf(approved(content())))

    assert fonts and all("IBMPlexSerif" in name for name in fonts)
    assert all(fonts.values())


def test_metadata_and_no_form_fields():
    reader = read_pdf(approved(content()))

    assert reader.metadata.title == "Biên bản: Họp giao ban tuần 47"
    assert reader.metadata.author == "SỞ NỘI VỤ"
    # The signing step adds its own signature fields.
    assert "/AcroForm" not in reader.trailer["/Root"]


def test_a_named_vote_of_a_thousand_rows_runs_over_pages_with_its_header():
    rows = "".join(
        f"<tr><td>Đại biểu số {n:04d}</td><td>Điểm cầu xã Tân Thanh</td><td>Tán thành</td></tr>"
        for n in range(1, 1001)
    )
    html = (
        "<p><strong>Lựa chọn của từng đại biểu:</strong></p>"
        f"<table><thead><tr><th>Đại biểu</th><th>Điểm cầu</th><th>Lựa chọn</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )
    value = content()
    value["sections"].insert(
        -1, {"key": "item-3", "title": "3. Biểu quyết", "layout": "block", "html": html}
    )
    reader = read_pdf(approved(value))
    pages = page_words(reader)

    with_rows = [text for text in pages if "Đại biểu số" in text]
    assert len(with_rows) >= 20
    for text in with_rows:
        # The header row comes first on every page the table reaches.
        assert text.index("Đại biểu Điểm cầu Lựa chọn") < text.index("Đại biểu số")
    every = " ".join(with_rows)
    assert all(f"Đại biểu số {n:04d}" in every for n in (1, 2, 500, 999, 1000))
    assert every.count("Đại biểu số") == 1000


def test_rich_text_nests_lists_and_formats_inside_table_cells():
    html = (
        "<ul><li>Cấp tỉnh<ol><li>Sở Tài chính</li><li>Sở Xây dựng<ol><li>Phòng Quy hoạch</li>"
        "</ol></li></ol></li><li>Cấp xã</li></ul>"
        "<table><tr><th>Đơn vị</th><th>Ghi chú</th></tr>"
        "<tr><td><strong>Sở Nội vụ</strong> chủ trì</td>"
        "<td><p>Hai việc:</p><ul><li>rà soát</li><li><em>báo cáo</em></li></ul></td></tr>"
        "<tr><td>Xã</td><td><table><tr><td>lồng</td><td>nhau</td></tr></table></td></tr>"
        "</table>"
    )
    value = content()
    value["sections"][1]["html"] = html
    reader = read_pdf(approved(value))
    text = all_words(approved(value))

    for expected in (
        "- Cấp tỉnh",
        "1. Sở Tài chính",
        "2. Sở Xây dựng",
        "a) Phòng Quy hoạch",
        "- Cấp xã",
        "Sở Nội vụ chủ trì",
        "- rà soát",
        "- báo cáo",
        "lồng",
        "nhau",
    ):
        assert expected in text, expected
    runs = text_runs(reader.pages[0])
    bold = next(run for run in runs if run.text.startswith("Sở Nội vụ"))
    assert "Bold" in bold.font
    italic = next(run for run in runs if run.text == "báo cáo")
    assert "Italic" in italic.font


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>1 &lt; 2 &amp; 3 &gt; 0</p>", "1 < 2 & 3 > 0"),
        ("<p>&lt;b&gt;không in đậm&lt;/b&gt;</p>", "<b>không in đậm</b>"),
        ("<p><strong>đậm <em>nghiêng</p> tiếp</strong> hết</em></p>", "đậm nghiêng tiếp hết"),
        ("</ul></table><p>sau thẻ đóng lạc</p></td></tr>", "sau thẻ đóng lạc"),
        ("<p>ký tự\x00 điều\x07 khiển</p>", "ký tự điều khiển"),
        ("<table><tr><td>ô & <ô></td></table> chữ ngoài <li>mục", "chữ ngoài"),
        ("<strong><p>khối</p><table><tr><td>trong</td></tr></table> đậm</strong>", "khối"),
        ("<p>" + "x" * 3000 + "</p>", "xxxx"),
    ],
)
def test_hostile_text_renders(html, expected):
    value = content()
    value["sections"][1]["html"] = html
    value["header"]["subject"] = "Họp <b>&</b> bàn"

    text = all_words(approved(value))

    assert expected in text
    assert "Họp <b>&</b> bàn" in text


def test_a_huge_cell_breaks_across_pages():
    cell = " ".join(f"từ{n}" for n in range(6000))
    value = content()
    value["sections"][1]["html"] = f"<table><tr><td>{cell}</td><td><em>x</em></td></tr></table>"

    text = all_words(approved(value))

    assert "từ0 " in text and "từ5999" in text
