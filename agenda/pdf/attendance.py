"""The attendance list (danh sách đại biểu dự họp) of a meeting, by bridge point.

A summary table (each room's video connection, headcount and roll call counts), then
each room's people with position and status: present, online or absent with the
reason. Pages numbered from the second; no verification code (it goes with the
minutes, which carry one).
"""

from datetime import date, datetime

from django.utils import translation
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from agenda.minutes_records import MeetingRecord, PersonLine, RoomAttendance
from agenda.pdf import footer, rich
from agenda.pdf.minutes import header_block, signature_row
from meetings.pdf import decree30
from meetings.vietnamese_dates import local, weekday_name

DOCUMENT_TITLE = "Danh sách đại biểu dự họp"
STATUS = {"present": "Có mặt", "online": "Dự trực tuyến", "absent": "Vắng mặt"}
NOT_MARKED = "Chưa điểm danh"
DASH = "–"
SUMMARY_HEAD = ["TT", "Điểm cầu", "Kết nối video", "Số người", "Có mặt", "Trực tuyến", "Vắng mặt"]
SUMMARY_WIDTHS = [w * mm for w in (10, 52, 33, 18, 17, 18, 17)]
PEOPLE_HEAD = ["TT", "Họ và tên", "Chức vụ", "Tình trạng"]
PEOPLE_WIDTHS = [w * mm for w in (10, 50, 55, 50)]


def attendance_pdf(record: MeetingRecord) -> bytes:
    with translation.override("vi"):
        start = local(record.started_at or record.scheduled_start)
        story: list[Flowable] = [
            header_block(
                parent=record.host_parent,
                agency=record.host_unit,
                number_markup="",
                place=record.place,
                day=start.date(),
            ),
            *decree30.document_title(DOCUMENT_TITLE, record.title),
            *_facts(record),
            *_summary(record, start.date()),
            *_rooms(record, start.date()),
        ]
        if record.secretary:
            story.append(
                KeepTogether(
                    [Spacer(1, 6 * mm), *signature_row(None, ("Thư ký", record.secretary))]
                )
            )
        return decree30.build_pdf(
            story,
            title=f"{DOCUMENT_TITLE}: {record.title}",
            author=record.host_unit,
            on_page=footer.page_painter(verification_code=None, verify_url=None, draft=False),
        )


def status_text(person: PersonLine) -> str:
    status = STATUS.get(person.status, NOT_MARKED)
    if person.status == "absent" and person.reason:
        return f"{status} (lý do: {person.reason})"
    return status


def _facts(record: MeetingRecord) -> list[Flowable]:
    start = local(record.started_at or record.scheduled_start)
    end = record.ended_at or record.scheduled_end
    when = f"{start:%H:%M} – {_clock(end, start.date())}, {weekday_name(start.date())}, "
    when += f"ngày {start:%d/%m/%Y}"
    lines = [("Thời gian", when), ("Điểm cầu chính", record.main_room)]
    chair = record.chair + (f", {record.chair_position}" if record.chair_position else "")
    lines.append(("Chủ trì", chair))
    style = rich.body_style(0, 2)
    return [
        Paragraph(f"<b>{rich.markup(label)}:</b> {rich.markup(value)}", style)
        for label, value in lines
    ] + [Spacer(1, 3 * mm)]


def _clock(moment: datetime | None, day: date) -> str:
    """ "11:33", with the date when it is not the meeting's day."""
    if moment is None:
        return DASH
    moment = local(moment)
    return f"{moment:%H:%M}" if moment.date() == day else f"{moment:%H:%M %d/%m/%Y}"


def _video(room: RoomAttendance, day: date) -> str:
    if room.first_join is None:
        return "Không kết nối" if not room.joined else DASH
    return f"{_clock(room.first_join, day)} – {_clock(room.last_leave, day)}"


def _counts(room: RoomAttendance) -> tuple[int, int, int]:
    statuses = [person.status for person in room.people]
    return statuses.count("present"), statuses.count("online"), statuses.count("absent")


def _summary(record: MeetingRecord, day: date) -> list[Flowable]:
    if not record.rooms:
        return []
    rows = [list(SUMMARY_HEAD)]
    totals = [0, 0, 0, 0]
    for number, room in enumerate(record.rooms, start=1):
        counts = _counts(room)
        name = f"{room.name} (điểm cầu chính)" if room.is_main else room.name
        headcount = DASH if room.headcount is None else str(room.headcount)
        rows.append([str(number), name, _video(room, day), headcount, *map(str, counts)])
        for i, value in enumerate((room.headcount or 0, *counts)):
            totals[i] += value
    rows.append(["", "Tổng cộng", "", *map(str, totals)])
    return [
        Paragraph("1. Tổng hợp theo điểm cầu", rich.title_style()),
        rich.grid_table(rows, widths=SUMMARY_WIDTHS),
    ]


def _rooms(record: MeetingRecord, day: date) -> list[Flowable]:
    flow: list[Flowable] = [Paragraph("2. Danh sách đại biểu theo điểm cầu", rich.title_style())]
    for number, room in enumerate(record.rooms, start=1):
        heading = f"2.{number}. {room.name}" + (" (điểm cầu chính)" if room.is_main else "")
        flow.append(Paragraph(rich.markup(heading), rich.title_style()))
        flow.append(Paragraph(rich.markup(_room_line(room, day)), rich.body_style(0, 2)))
        if room.people:
            rows = [list(PEOPLE_HEAD)] + [
                [str(i), person.name, person.position, status_text(person)]
                for i, person in enumerate(room.people, start=1)
            ]
            flow.append(rich.grid_table(rows, widths=PEOPLE_WIDTHS))
        else:
            flow.append(Paragraph("Không có danh sách đại biểu.", rich.body_style(0, 6)))
    return flow


def _room_line(room: RoomAttendance, day: date) -> str:
    if not room.joined and room.first_join is None:
        line = "Không tham dự"
        if room.response == "declined":
            line = "Từ chối tham dự"
        if room.decline_reason:
            line += f" (lý do: {room.decline_reason})"
        return line + "."
    parts = [f"Kết nối video: {_video(room, day)}"]
    if room.connected_minutes:
        parts[0] += f" ({room.connected_minutes} phút)"
    if room.headcount is not None:
        parts.append(f"số người tại điểm cầu: {room.headcount}")
    present, online, absent = _counts(room)
    if room.people:
        parts.append(f"có mặt {present}, dự trực tuyến {online}, vắng mặt {absent}")
    return "; ".join(parts) + "."
