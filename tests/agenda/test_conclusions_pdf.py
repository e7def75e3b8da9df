"""The conclusions notice (thông báo kết luận): what a reader finds on its pages."""

from agenda.pdf.conclusions import conclusions_pdf, meeting_phrase
from tests.agenda.pdf_support import CODE, VERIFY_URL, page_words, qr_forms, record, top_margin_text
from tests.meetings.pdf_support import embedded_font_names, read_pdf


def notice(**changes) -> bytes:
    options = {"number": "12/TB-SNV", "verification_code": CODE, "verify_url": VERIFY_URL}
    options.update(changes)
    return conclusions_pdf(record(), **options)


def test_header_title_and_the_chair_conclusions_in_item_order():
    text = " ".join(page_words(read_pdf(notice())))

    for expected in (
        "UBND TỈNH LẠNG SƠN",
        "SỞ NỘI VỤ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 12/TB-SNV",
        "Lạng Sơn, ngày 22 tháng 11 năm 2026",
        "THÔNG BÁO",
        "Kết luận của Giám đốc Sở Nội vụ Nguyễn Văn Ánh tại cuộc họp giao ban tuần 47",
        "Ngày 22/11/2026, tại Phòng họp số 2, Sở Nội vụ, đồng chí Nguyễn Văn Ánh",
        "kết nối trực tuyến đến 1 điểm cầu: Điểm cầu xã Tân Thanh.",
        "1. Báo cáo tình hình kinh tế - xã hội Giao Sở Tài chính rà soát nguồn vốn. "
        "Báo cáo UBND tỉnh trước 15/12/2026.",
        "2. Kế hoạch chuyển đổi số năm 2027 Thống nhất thông qua dự thảo kế hoạch.",
        "3. Kết luận chung Các đơn vị khẩn trương triển khai nhiệm vụ được giao.",
        "Sở Nội vụ thông báo để các cơ quan, đơn vị, cá nhân liên quan biết, thực hiện./.",
        "GIÁM ĐỐC SỞ NỘI VỤ",
        "Nơi nhận:",
        "- Lưu: VT.",
    ):
        assert expected in text, expected
    # An item without a conclusion is not listed.
    assert "Nội dung chỉ để nghe" not in text


def test_without_a_number_the_records_office_fills_it_in():
    text = " ".join(page_words(read_pdf(notice(number=""))))

    assert "/TB-SNV" in text
    assert "Số: 12/TB-SNV" not in text


def test_verification_code_on_every_page_and_numbers_from_the_second():
    long = record(
        conclusion="\n".join(f"Nhiệm vụ số {n} giao các xã thực hiện." for n in range(80))
    )
    reader = read_pdf(
        conclusions_pdf(long, number="", verification_code=CODE, verify_url=VERIFY_URL)
    )

    assert len(reader.pages) >= 2
    assert top_margin_text(reader.pages[0]) == ""
    for number, (page, text) in enumerate(zip(reader.pages, page_words(reader), strict=True), 1):
        assert f"Mã xác thực: {CODE}" in text
        assert len(qr_forms(page)) == 1
        if number > 1:
            assert top_margin_text(page) == str(number)


def test_without_a_code_it_is_a_draft():
    reader = read_pdf(notice(verification_code=None, verify_url=None))

    text = " ".join(page_words(reader))
    assert "BẢN DỰ THẢO" in text
    assert "Mã xác thực" not in text


def test_font_embedded():
    fonts = embedded_font_names(read_pdf(notice()))

    assert fonts and all("IBMPlexSerif" in name for name in fonts)
    assert all(fonts.values())


def test_a_meeting_without_conclusions_says_so():
    bare = record(items=[], conclusion="")
    text = " ".join(
        page_words(
            read_pdf(conclusions_pdf(bare, number="", verification_code=None, verify_url=None))
        )
    )

    assert "Cuộc họp không ghi nhận kết luận nào." in text


def test_meeting_phrase():
    assert meeting_phrase("Họp giao ban tuần 47") == "cuộc họp giao ban tuần 47"
    assert meeting_phrase("Hội nghị sơ kết 6 tháng") == "hội nghị sơ kết 6 tháng"
    assert meeting_phrase("Ban Chỉ đạo chuyển đổi số") == "cuộc họp Ban Chỉ đạo chuyển đổi số"
