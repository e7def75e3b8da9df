"""A meeting's whole record as one zip: every part, ASCII names, a manifest of SHA-256s,
confidential documents only named, CSVs Excel reads."""

import csv
import hashlib
import io
from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from agenda.minutes_records import (
    ItemRecord,
    MeetingRecord,
    NamedChoice,
    OptionResult,
    PersonLine,
    RoomAttendance,
    VoteRecord,
)
from agenda.models import AgendaItem, MinutesDocument
from agenda.record_csv import attendance_csv, named_choices_csv, votes_csv
from agenda.record_export import ascii_path, slug
from agenda.services.minutes_publish import minutes_publish
from realtime.models import OptionCount, Poll, Vote
from tests.agenda.archive_support import (
    approved_minutes,
    media,  # noqa: F401 (autouse fixture)
    signed_in,
    zip_members,
)
from tests.agenda.document_support import create_document
from tests.meetings.pdf_support import pdf_text, read_pdf

OPTIONS = ["Tán thành", "Không tán thành", "Không biểu quyết"]


def closed_poll(meeting, item, *, question: str, secret: bool, counts: list[int]) -> Poll:
    poll = Poll.objects.create(
        meeting=meeting,
        item=item,
        question=question,
        options=OPTIONS,
        secret=secret,
        status=Poll.Status.CLOSED,
        opened_at=timezone.now(),
        closed_at=timezone.now(),
        members_count=20,
        present_count=sum(counts),
        passed=True,
    )
    for option, count in enumerate(counts):
        OptionCount.objects.create(poll=poll, option=option, count=count)
    return poll


@pytest.fixture
def record_meeting(world, meeting):
    """Two items, a plain and a confidential document, a named and a secret poll, and
    published minutes."""
    first = AgendaItem.objects.create(meeting=meeting, position=1, title="Báo cáo tình hình")
    second = AgendaItem.objects.create(meeting=meeting, position=2, title="Kế hoạch đầu tư công")
    create_document(meeting, world.organizer, title="Báo cáo quý 3", agenda_item_id=first.pk)
    create_document(meeting, world.organizer, name="Giấy mời.pdf", title="Giấy mời họp")
    create_document(
        meeting,
        world.organizer,
        name="Dự thảo mật.pdf",
        title="Dự thảo quyết định mật",
        agenda_item_id=second.pk,
        is_confidential=True,
        reader_ids=(world.delegate.pk,),
    )
    named = closed_poll(
        meeting, second, question="Thông qua kế hoạch đầu tư công", secret=False, counts=[1, 0, 0]
    )
    Vote.objects.create(
        poll=named,
        voter=world.delegate,
        bridge_point=world.rooms[0],
        option=0,
        cast_by=world.delegate,
        message_id="m-1",
        cast_at=timezone.now(),
    )
    closed_poll(meeting, second, question="Bầu tổ thư ký", secret=True, counts=[2, 1, 0])
    minutes = approved_minutes(meeting, world)
    minutes_publish(actor=world.secretary, minutes=minutes)
    return meeting


def export(user, meeting) -> dict[str, bytes]:
    response = signed_in(user).get(reverse("meeting-record-zip", args=[meeting.pk]))
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/zip"
    return zip_members(b"".join(response.streaming_content))


def csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only after a BOM
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_the_record_holds_every_part_under_ascii_names(world, record_meeting):
    files = export(world.organizer, record_meeting)
    names = set(files)
    assert {
        "01-giay-moi.pdf",
        "02-chuong-trinh-hop.pdf",
        "03-tai-lieu/00-tai-lieu-chung/01-giay-moi-hop-v1.pdf",
        "03-tai-lieu/01-bao-cao-tinh-hinh/01-bao-cao-quy-3-v1.pdf",
        "04-diem-danh.csv",
        "05-bieu-quyet.csv",
        "05-bieu-quyet-ghi-danh.csv",
        "06-bien-ban.pdf",
        "manifest.txt",
    } <= names
    assert all(name.isascii() for name in names)
    assert "Giao ban tuần" in pdf_text(read_pdf(files["01-giay-moi.pdf"]))
    assert "Kế hoạch đầu tư công" in pdf_text(read_pdf(files["02-chuong-trinh-hop.pdf"]))
    published = MinutesDocument.objects.get(kind=MinutesDocument.Kind.UPLOADED)
    with published.file.open("rb") as stored:
        assert files["06-bien-ban.pdf"] == stored.read()


def test_the_manifest_lists_the_sha256_of_every_file(world, record_meeting):
    files = export(world.organizer, record_meeting)
    manifest = files.pop("manifest.txt").decode()
    assert "Cuộc họp: Giao ban tuần" in manifest
    assert "Hồ sơ hoàn chỉnh" in manifest
    assert "Mã xác thực biên bản: AB12CD34" in manifest
    listed = {
        line.split("  ", 1)[1]: line.split("  ", 1)[0]
        for line in manifest.splitlines()
        if len(line) > 66 and line[64:66] == "  "
    }
    assert listed == {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}


def test_confidential_documents_are_named_in_the_manifest_never_included(world, record_meeting):
    files = export(world.organizer, record_meeting)
    assert not any(name.startswith("03-tai-lieu/02-") for name in files)
    manifest = files["manifest.txt"].decode()
    assert "Tài liệu mật, không đưa vào hồ sơ" in manifest
    assert "- Dự thảo quyết định mật (phiên bản 1, SHA-256 " in manifest


def test_vote_results_one_row_per_option_and_the_named_choices(world, record_meeting):
    files = export(world.organizer, record_meeting)
    votes = csv_rows(files["05-bieu-quyet.csv"])
    assert votes[0] == [
        "Mục",
        "Nội dung biểu quyết",
        "Hình thức",
        "Phương án",
        "Số phiếu",
        "Tỷ lệ (%)",
        "Quy tắc",
        "Kết quả",
    ]
    assert len(votes) == 1 + 6
    named = [row for row in votes if row[1] == "Thông qua kế hoạch đầu tư công"]
    assert [row[3] for row in named] == OPTIONS
    assert named[0][:5] == [
        "2. Kế hoạch đầu tư công",
        "Thông qua kế hoạch đầu tư công",
        "Ghi danh",
        "Tán thành",
        "1",
    ]
    assert named[0][7] == "Thông qua"
    secret = [row for row in votes if row[1] == "Bầu tổ thư ký"]
    assert [(row[2], row[4]) for row in secret] == [
        ("Bỏ phiếu kín", "2"),
        ("Bỏ phiếu kín", "1"),
        ("Bỏ phiếu kín", "0"),
    ]
    choices = csv_rows(files["05-bieu-quyet-ghi-danh.csv"])
    assert choices[1][:3] == [
        "2. Kế hoạch đầu tư công",
        "Thông qua kế hoạch đầu tư công",
        "Delegate",
    ]
    assert choices[1][4] == "Tán thành"
    assert len(choices) == 2  # the secret poll names nobody


def test_attendance_has_a_row_per_bridge_point_and_person(world, record_meeting):
    rows = csv_rows(export(world.organizer, record_meeting)["04-diem-danh.csv"])
    assert rows[0][:3] == ["Điểm cầu", "Loại", "Đã kết nối"]
    rooms = {row[0] for row in rows[1:]}
    assert len(rooms) == 4  # the main room and the three communes
    assert any("Delegate" in row for row in rows)


def test_an_unpublished_record_says_it_is_not_complete(world, meeting):
    approved_minutes(meeting, world)
    files = export(world.chair, meeting)
    assert "06-bien-ban.pdf" not in files
    assert "05-bieu-quyet.csv" not in files
    manifest = files["manifest.txt"].decode()
    assert "Tình trạng: Chưa hoàn chỉnh" in manifest
    assert "Biên bản chưa được phát hành" in manifest
    assert "Cuộc họp không có biểu quyết." in manifest


def test_the_file_name_follows_rfc_6266(world, record_meeting):
    response = signed_in(world.organizer).get(
        reverse("meeting-record-zip", args=[record_meeting.pk])
    )
    disposition = response["Content-Disposition"]
    assert disposition.startswith(
        f'attachment; filename="Ho so cuoc hop {record_meeting.pk} - Giao ban tuan.zip"; '
    )
    assert "filename*=UTF-8''H%E1%BB%93%20s%C6%A1" in disposition
    assert "no-store" in response["Cache-Control"]


def test_only_host_staff_export_the_record(world, record_meeting):
    url = reverse("meeting-record-zip", args=[record_meeting.pk])
    assert signed_in(world.delegate).get(url).status_code == 403
    assert signed_in(world.operator).get(url).status_code == 403
    assert signed_in(world.outsider).get(url).status_code == 404
    assert signed_in(world.other_organizer).get(url).status_code == 404
    assert signed_in(world.secretary).get(url).status_code == 200


# --- Pure parts --------------------------------------------------------------------------


def test_slugs_are_ascii_and_keep_the_extension():
    assert slug("Đề án đất đai 2026") == "de-an-dat-dai-2026"
    assert slug("***") == "tep"
    assert ascii_path("01-Kế hoạch 1_2026/02-Sơ đồ _hội trường_-v1.png") == (
        "01-ke-hoach-1_2026/02-so-do-_hoi-truong_-v1.png"
    )


def _record(**changes) -> MeetingRecord:
    start = timezone.make_aware(datetime(2026, 11, 22, 8, 0))
    vote = VoteRecord(
        question='=HYPERLINK("x")',
        secret=False,
        electorate="Đại biểu có mặt",
        rule="Quá nửa số có mặt",
        members_count=3,
        present_count=3,
        options=[
            OptionResult("Tán thành", 2, 66.6667),
            OptionResult("Không tán thành", 1, 33.3333),
        ],
        passed=None,
        closed_at=start,
        choices=[NamedChoice("Lê Văn Cư", "Xã Thử 1", "Tán thành", cast_by_operator="Kỹ Thuật")],
    )
    fields = {
        "meeting_id": 1,
        "title": "Giao ban",
        "host_unit": "UBND TỈNH",
        "host_parent": "",
        "place": "Lạng Sơn",
        "number_suffix": "UBND",
        "scheduled_start": start,
        "scheduled_end": start,
        "started_at": None,
        "ended_at": None,
        "chair": "A",
        "chair_position": "",
        "secretary": "B",
        "main_room": "Phòng họp tỉnh",
        "rooms": [
            RoomAttendance(
                "Phòng họp tỉnh",
                is_main=True,
                joined=True,
                headcount=12,
                first_join=start,
                people=[PersonLine("Trần Thị B", "Chánh Văn phòng", "present")],
            ),
            RoomAttendance("Xã Thử 2", people=[PersonLine("Ngô C", status="absent", reason="Ốm")]),
            RoomAttendance("Xã Thử 3"),
            RoomAttendance("Xã Thử 4", response="declined", decline_reason="Mất điện"),
        ],
        "items": [ItemRecord(item_id=1, position=1, title="Mục một", presenter="", votes=[vote])],
    }
    fields.update(changes)
    return MeetingRecord(**fields)


def test_vote_csv_writes_plain_percentages_and_defuses_formulas():
    rows = csv_rows(votes_csv(_record()))
    assert rows[1] == [
        "1. Mục một",
        '\'=HYPERLINK("x")',
        "Ghi danh",
        "Tán thành",
        "2",
        "66.67",
        "Quá nửa số có mặt",
        "",
    ]
    assert csv_rows(named_choices_csv(_record()))[1][2:] == [
        "Lê Văn Cư",
        "Xã Thử 1",
        "Tán thành",
        "Kỹ Thuật",
    ]


def test_attendance_csv_marks_each_person_and_empty_rooms():
    rows = csv_rows(attendance_csv(_record()))
    assert rows[1] == [
        "Phòng họp tỉnh",
        "Điểm cầu chính",
        "Có",
        "12",
        "22/11/2026 08:00",
        "",
        "",
        "",
        "Trần Thị B",
        "Chánh Văn phòng",
        "Có mặt",
        "",
    ]
    assert rows[2][-4:] == ["Ngô C", "", "Vắng", "Ốm"]
    assert rows[3][:3] == ["Xã Thử 3", "Điểm cầu thành phần", "Không"]
    assert rows[3][3:] == [""] * 9
    assert rows[4][6:8] == ["Không tham dự", "Mất điện"]
