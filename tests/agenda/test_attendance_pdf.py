"""The attendance list (danh sách đại biểu dự họp), by bridge point."""

from agenda.minutes_records import PersonLine, RoomAttendance
from agenda.pdf.attendance import attendance_pdf
from tests.agenda.pdf_support import at, page_words, qr_forms, record, top_margin_text
from tests.meetings.pdf_support import embedded_font_names, read_pdf


def test_rooms_people_statuses_and_video_times():
    reader = read_pdf(attendance_pdf(record()))
    text = " ".join(page_words(reader))

    for expected in (
        "SỞ NỘI VỤ",
        "DANH SÁCH ĐẠI BIỂU DỰ HỌP",
        "Họp giao ban tuần 47",
        "Thời gian: 08:02 – 11:30, Chủ nhật, ngày 22/11/2026",
        "Chủ trì: Nguyễn Văn Ánh, Giám đốc Sở Nội vụ",
        # Summary: room, video joined – left, headcount, present, online, absent.
        "Điểm cầu xã Tân Thanh 07:52 – 11:31 7 0 1 1",
        "Điểm cầu xã Hữu Lũng Không kết nối – 0 0 0",
        "Tổng cộng 19 2 1 1",
        "2.2. Điểm cầu xã Tân Thanh",
        "Kết nối video: 07:52 – 11:31 (219 phút); số người tại điểm cầu: 7",
        "1 Nguyễn Văn Ánh Giám đốc Sở Có mặt",
        "1 Hoàng Thị Huyền Chủ tịch UBND xã Dự trực tuyến",
        "Lý Văn Đạt Công chức Văn phòng Vắng mặt (lý do: Ốm đau, nằm viện)",
        "Từ chối tham dự (lý do: Mất điện diện rộng).",
        "THƯ KÝ",
        "Trần Thị Bích Ngọc",
    ):
        assert expected in text, expected


def test_no_code_no_stamp_and_plex_serif_embedded():
    reader = read_pdf(attendance_pdf(record()))
    text = " ".join(page_words(reader))

    assert "Mã xác thực" not in text and "BẢN DỰ THẢO" not in text
    assert all(qr_forms(page) == [] for page in reader.pages)
    fonts = embedded_font_names(reader)
    assert fonts and all("IBMPlexSerif" in name for name in fonts) and all(fonts.values())


def test_a_room_of_a_thousand_people_runs_over_pages_with_its_header():
    people = [PersonLine(f"Đại biểu {n:04d}", "Cán bộ", "present") for n in range(1, 1001)]
    hall = RoomAttendance(
        name="Hội trường lớn", joined=True, headcount=1000, first_join=at(7), people=people
    )
    reader = read_pdf(attendance_pdf(record(rooms=[hall])))
    pages = page_words(reader)

    with_rows = [text for text in pages if "Đại biểu 0" in text]
    assert len(with_rows) >= 20
    for text in with_rows:
        assert text.index("TT Họ và tên Chức vụ Tình trạng") < text.index("Đại biểu 0")
    assert " ".join(with_rows).count("Cán bộ Có mặt") == 1000
    for number, page in enumerate(reader.pages[1:], start=2):
        assert top_margin_text(page) == str(number)
