"""The draft minutes built from a meeting's records (pure: no database)."""

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from agenda.minutes_content import content_clean
from agenda.minutes_draft import draft_content, percent
from agenda.minutes_records import (
    ItemRecord,
    MeetingRecord,
    NamedChoice,
    OptionResult,
    PersonLine,
    RoomAttendance,
    SpeakerTurn,
    VoteRecord,
)
from agenda.richtext import clean_html, html_to_text

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(hour: int, minute: int) -> datetime:
    return datetime(2026, 11, 22, hour, minute, tzinfo=VN)


def vote(**changes) -> VoteRecord:
    fields = dict(
        question="Thông qua kế hoạch giải ngân quý IV",
        secret=False,
        electorate="Đại biểu có mặt",
        rule="Quá nửa số có mặt",
        members_count=3,
        present_count=3,
        options=[
            OptionResult("Tán thành", 2, 66.67),
            OptionResult("Không tán thành", 1, 33.33),
            OptionResult("Không biểu quyết", 0, 0.0),
        ],
        passed=True,
        closed_at=at(9, 0),
        choices=[
            NamedChoice("Trần Thị Hai", "Xã Tân Thành", "Tán thành"),
            NamedChoice("Lê Văn Ba", "Xã Hữu Lũng", "Tán thành", cast_by_operator="Kỹ Thuật"),
            NamedChoice("Phạm Thị Bốn", "Xã Hữu Lũng", "Không tán thành"),
        ],
        base=3,
        base_label="số có mặt",
        electorate_code="delegates",
    )
    return VoteRecord(**(fields | changes))


def record(**changes) -> MeetingRecord:
    fields = dict(
        meeting_id=7,
        title="Họp giao ban tuần 47",
        host_unit="Sở Nội vụ",
        host_parent="UBND tỉnh Lạng Sơn",
        place="Lạng Sơn",
        number_suffix="SNV",
        scheduled_start=at(8, 0),
        scheduled_end=at(11, 0),
        started_at=at(8, 5),
        ended_at=at(11, 30),
        chair="Nguyễn Văn An",
        chair_position="Giám đốc Sở",
        secretary="Trần Thị Bình",
        main_room="Sở Nội vụ — Phòng họp tầng 3",
        rooms=[
            RoomAttendance(
                "Sở Nội vụ — Phòng họp tầng 3",
                is_main=True,
                joined=True,
                headcount=12,
                people=[PersonLine("Hoàng Văn Năm", "Phó Giám đốc", "present")],
            ),
            RoomAttendance(
                "Xã Tân Thành — Hội trường",
                joined=True,
                people=[
                    PersonLine("Trần Thị Hai", "Chủ tịch UBND xã", "present"),
                    PersonLine("Vũ Văn Sáu", "", "absent", "Đi công tác"),
                ],
                response="accepted",
            ),
            RoomAttendance(
                "Xã Hữu Lũng — Hội trường",
                response="declined",
                decline_reason="Mất điện",
            ),
        ],
        items=[
            ItemRecord(
                item_id=41,
                position=1,
                title="Báo cáo giải ngân vốn đầu tư công",
                presenter="Hoàng Văn Năm",
                turns=[
                    SpeakerTurn(
                        "Trần Thị Hai", "Xã Tân Thành", "Đề nghị bổ sung vốn", at(8, 15), at(8, 20)
                    ),
                    SpeakerTurn("Lê Văn Ba", "Xã Hữu Lũng", "", at(8, 21), None),
                ],
                notes="Tỷ lệ giải ngân đạt 72%.\n\nCòn 3 dự án chậm tiến độ.",
                votes=[vote()],
                conclusion="Giao Sở Tài chính tổng hợp.",
            ),
            ItemRecord(item_id=42, position=2, title="Kế hoạch phòng chống lụt bão", presenter=""),
        ],
    )
    return MeetingRecord(**(fields | changes))


def section(content: dict, key: str) -> dict:
    return next(s for s in content["sections"] if s["key"] == key)


def keys(content: dict) -> list[str]:
    return [s["key"] for s in content["sections"]]


def test_the_header_follows_form_1_9():
    content = draft_content(record())
    assert content["header"] == {
        "parent_agency": "UBND TỈNH LẠNG SƠN",
        "agency": "SỞ NỘI VỤ",
        "number": "…/BB-SNV",
        "place": "Lạng Sơn",
        "date": "2026-11-22",
        "subject": "Họp giao ban tuần 47",
    }
    assert content["signers"] == {
        "secretary": {"title": "THƯ KÝ", "name": "Trần Thị Bình"},
        "chair": {"title": "CHỦ TRÌ", "name": "Nguyễn Văn An"},
    }
    assert content["recipients"][-1].startswith("Lưu: VT")


def test_sections_come_in_the_order_of_the_form():
    content = draft_content(record())
    assert keys(content) == [
        "opening",
        "places",
        "attendees",
        "chair",
        "secretary",
        "content-intro",
        "item-41",
        "item-42",
        "closing",
    ]
    assert section(content, "opening") == {
        "key": "opening",
        "title": "Thời gian bắt đầu",
        "layout": "inline",
        "html": "<p>8 giờ 05 phút, ngày 22/11/2026</p>",
    }
    assert section(content, "chair")["html"] == "<p>Nguyễn Văn An, Giám đốc Sở</p>"
    assert section(content, "closing")["html"] == (
        "<p>Cuộc họp kết thúc vào 11 giờ 30 phút, ngày 22/11/2026.</p>"
    )
    assert section(content, "item-42")["title"] == "2. Kế hoạch phòng chống lụt bão"


def test_places_and_attendees_per_bridge_point():
    content = draft_content(record())
    places = html_to_text(section(content, "places")["html"])
    assert places == (
        "Điểm cầu chính: Sở Nội vụ — Phòng họp tầng 3.\n"
        "Các điểm cầu thành phần (1):\n- Xã Tân Thành — Hội trường"
    )
    attendees = html_to_text(section(content, "attendees")["html"]).splitlines()
    assert attendees == [
        "Điểm cầu chính: Sở Nội vụ — Phòng họp tầng 3 — 12 người tại điểm cầu",
        "TT | Họ và tên | Chức vụ | Tình trạng",
        "1 | Hoàng Văn Năm | Phó Giám đốc | Có mặt",
        "Xã Tân Thành — Hội trường",
        "TT | Họ và tên | Chức vụ | Tình trạng",
        "1 | Trần Thị Hai | Chủ tịch UBND xã | Có mặt",
        "2 | Vũ Văn Sáu | | Vắng mặt (lý do: Đi công tác)",
        "Điểm cầu vắng mặt (1):",
        "- Xã Hữu Lũng — Hội trường (lý do: Mất điện)",
    ]


def test_an_item_lists_presenter_speakers_notes_votes_and_conclusion():
    html = section(draft_content(record()), "item-41")["html"]
    lines = html_to_text(html).splitlines()
    assert lines[:8] == [
        "Trình bày: Hoàng Văn Năm",
        "Ý kiến phát biểu:",
        "1. 08:15–08:20 — Trần Thị Hai (Xã Tân Thành): Đề nghị bổ sung vốn",
        "2. 08:21 — Lê Văn Ba (Xã Hữu Lũng)",
        "Nội dung thảo luận:",
        "Tỷ lệ giải ngân đạt 72%.",
        "Còn 3 dự án chậm tiến độ.",
        "Biểu quyết: Thông qua kế hoạch giải ngân quý IV",
    ]
    assert lines[-2:] == ["Kết luận:", "Giao Sở Tài chính tổng hợp."]


def test_a_named_vote_has_its_counts_percentages_result_and_choices():
    html = section(draft_content(record()), "item-41")["html"]
    assert (
        "<table><thead><tr><th>Phương án</th><th>Số phiếu</th><th>Tỷ lệ</th></tr></thead>"
        "<tbody><tr><td>Tán thành</td><td>2</td><td>66,67%</td></tr>"
        "<tr><td>Không tán thành</td><td>1</td><td>33,33%</td></tr>"
        "<tr><td>Không biểu quyết</td><td>0</td><td>0,00%</td></tr></tbody></table>"
    ) in html
    text = html_to_text(html)
    assert "Hình thức: biểu quyết công khai; người biểu quyết: đại biểu có mặt; " in text
    assert "Tổng số: 3 người; có mặt: 3; số phiếu: 3." in text
    assert "Kết quả: THÔNG QUA (quá nửa số có mặt)." in text
    assert "Đại biểu | Điểm cầu | Lựa chọn" in text
    assert "Lê Văn Ba | Xã Hữu Lũng | Tán thành (cán bộ điểm cầu Kỹ Thuật bỏ phiếu thay)" in text


def test_a_secret_vote_names_nobody_and_votes_not_cast_complete_the_base():
    secret = vote(
        secret=True,
        choices=[],
        present_count=4,
        base=4,
        options=[OptionResult("Tán thành", 2, 50.0), OptionResult("Không tán thành", 1, 25.0)],
        passed=False,
    )
    items = [replace(record().items[0], votes=[secret])]
    text = html_to_text(section(draft_content(record(items=items)), "item-41")["html"])
    assert "Hình thức: bỏ phiếu kín" in text
    assert "Không bỏ phiếu | 1 | 25,00%" in text
    assert "Tỷ lệ tính trên số có mặt (4)." in text
    assert "Kết quả: KHÔNG THÔNG QUA" in text
    assert "Đại biểu | Điểm cầu" not in text


def test_a_vote_of_bridge_points_lists_rooms():
    by_room = vote(
        electorate="Mỗi điểm cầu một phiếu",
        electorate_code="bridge_points",
        choices=[NamedChoice("", "Xã Tân Thành", "Tán thành")],
    )
    items = [replace(record().items[0], votes=[by_room])]
    text = html_to_text(section(draft_content(record(items=items)), "item-41")["html"])
    assert "Tổng số: 3 điểm cầu" in text
    assert "Điểm cầu | Lựa chọn\nXã Tân Thành | Tán thành" in text


def test_what_was_not_recorded_is_left_out():
    bare = record(
        started_at=None,
        ended_at=None,
        secretary="",
        rooms=[RoomAttendance("Sở Nội vụ — Phòng họp tầng 3", is_main=True)],
        items=[ItemRecord(item_id=41, position=1, title="Báo cáo", presenter="")],
    )
    content = draft_content(bare)
    assert keys(content) == ["opening", "places", "chair", "content-intro", "item-41"]
    # Not held live: the scheduled start; no end time, no attendance, no secretary.
    assert section(content, "opening")["html"] == "<p>8 giờ 00 phút, ngày 22/11/2026</p>"
    assert section(content, "places") == {
        "key": "places",
        "title": "Địa điểm",
        "layout": "inline",
        "html": "<p>Sở Nội vụ — Phòng họp tầng 3</p>",
    }
    assert section(content, "item-41")["html"] == ""
    text = " ".join(s["html"] for s in content["sections"])
    for missing in ("Biểu quyết", "Ý kiến phát biểu", "Kết luận", "Vắng", "Trình bày"):
        assert missing not in text


def test_declined_rooms_are_absent_even_without_attendance_records():
    bare = record(
        rooms=[
            RoomAttendance("Sở Nội vụ — Phòng họp", is_main=True),
            RoomAttendance("Xã A — Hội trường", response="accepted"),
            RoomAttendance("Xã B — Hội trường", response="declined", decline_reason="Bão"),
        ]
    )
    attendees = html_to_text(section(draft_content(bare), "attendees")["html"])
    assert attendees == "Điểm cầu vắng mặt (1):\n- Xã B — Hội trường (lý do: Bão)"


def test_general_notes_turns_and_conclusion_of_the_meeting():
    content = draft_content(
        record(
            notes="Chủ trì quán triệt tinh thần cuộc họp.",
            conclusion="Các đơn vị hoàn thành trước 30/11.",
            co_secretary="Đỗ Thị Bảy",
            turns=[SpeakerTurn("Trần Thị Hai", "", "Khai mạc", at(8, 6), at(8, 10))],
        )
    )
    intro = html_to_text(section(content, "content-intro")["html"])
    assert intro.splitlines() == [
        "Ý kiến phát biểu:",
        "1. 08:06–08:10 — Trần Thị Hai: Khai mạc",
        "Nội dung thảo luận:",
        "Chủ trì quán triệt tinh thần cuộc họp.",
    ]
    assert section(content, "conclusion")["title"] == "Kết luận của chủ trì"
    assert keys(content)[-2:] == ["conclusion", "closing"]
    assert section(content, "secretary")["html"] == "<p>Trần Thị Bình; thư ký phụ: Đỗ Thị Bảy</p>"


def test_recorded_text_is_escaped_never_markup():
    hostile = "<script>alert(1)</script> & <b>đậm</b>"
    items = [
        replace(
            record().items[0],
            title=hostile,
            notes=hostile,
            conclusion=hostile,
            turns=[SpeakerTurn(hostile, hostile, hostile, at(8, 15), at(8, 20))],
            votes=[vote(question=hostile, choices=[NamedChoice(hostile, hostile, hostile)])],
        )
    ]
    content = draft_content(record(items=items, title=hostile))
    item = section(content, "item-41")
    assert "<script>" not in item["html"] and "<b>" not in item["html"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;đậm&lt;/b&gt;" in item["html"]
    # Titles and the header are plain text: the PDF and the pages escape them.
    assert item["title"] == f"1. {hostile}"
    assert content["header"]["subject"] == hostile


def test_the_draft_is_already_in_its_stored_shape():
    content = draft_content(record())
    assert content_clean(content) == content


def test_percentages_are_written_the_vietnamese_way():
    assert [percent(v) for v in (66.67, 100.0, 0.0, 5.5)] == ["66,67%", "100,00%", "0,00%", "5,50%"]


# The rich-text subset (agenda/richtext.py)


def test_clean_html_keeps_only_the_subset_without_attributes():
    dirty = (
        '<p style="color:red" onclick="x()">Có <b>đậm</b>, <i>nghiêng</i>, <u>gạch</u>'
        "<script>alert(1)</script><style>p{}</style><img src=x onerror=alert(1)>"
        '<a href="javascript:alert(1)">liên kết</a></p>'
        '<div>Dòng <span class="x">hai</span></div>tự do<br>tiếp'
        '<table border="1"><tr><td colspan="2">ô</td></tr></table>'
    )
    assert clean_html(dirty) == (
        "<p>Có <strong>đậm</strong>, <em>nghiêng</em>, <u>gạch</u>liên kết</p>"
        "<p>Dòng hai</p><p>tự do<br>tiếp</p>"
        "<table><tbody><tr><td>ô</td></tr></tbody></table>"
    )
    assert clean_html("<p></p><p> <br> </p>") == ""


def test_clean_html_is_stable():
    once = clean_html("a<ol><li>x<ul><li>y</li></ul></li></ol>b &amp; &lt;c&gt;")
    assert clean_html(once) == once


def test_plain_text_of_lists_and_tables():
    html = (
        "<p>Mở đầu</p><ol><li>Một</li><li>Hai</li></ol><ul><li>Gạch</li></ul>"
        "<table><tr><th>A</th><th>B</th></tr><tr><td>1 &amp; 2</td><td>&lt;3&gt;</td></tr></table>"
    )
    assert html_to_text(html) == "Mở đầu\n1. Một\n2. Hai\n- Gạch\nA | B\n1 & 2 | <3>"
