"""A meeting's records as CSV files for the record zip: attendance, votes and the choices of
named votes. Pure functions of a MeetingRecord; UTF-8 with a byte-order mark so that Excel
reads Vietnamese, and cells that a spreadsheet would run as formulas defused."""

import csv
import io
from collections.abc import Iterable
from datetime import datetime

from django.utils.translation import gettext as _

from agenda.minutes_records import MeetingRecord, VoteRecord
from meetings.models import Invitation
from meetings.vietnamese_dates import date_time_short

# Spreadsheet programs run a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return date_time_short(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def _csv(headers: list[str], rows: Iterable[list]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return out.getvalue().encode("utf-8-sig")


def attendance_csv(record: MeetingRecord) -> bytes:
    """One row per person per bridge point (a room nobody was named in: one row)."""
    headers = [
        _("Điểm cầu"),
        _("Loại"),
        _("Đã kết nối"),
        _("Số người có mặt"),
        _("Kết nối lúc"),
        _("Rời lúc"),
        _("Trả lời giấy mời"),
        _("Lý do không dự"),
        _("Họ và tên"),
        _("Chức vụ"),
        _("Tình trạng"),
        _("Lý do vắng"),
    ]
    rows = []
    for room in record.rooms:
        head = [
            room.name,
            _("Điểm cầu chính") if room.is_main else _("Điểm cầu thành phần"),
            _("Có") if room.joined else _("Không"),
            room.headcount,
            room.first_join,
            room.last_leave,
            _invitation_answer(room.response),
            room.decline_reason,
        ]
        for person in room.people or [None]:
            if person is None:
                rows.append([*head, "", "", "", ""])
                continue
            rows.append(
                [
                    *head,
                    person.name,
                    person.position,
                    _attendance_status(person.status),
                    person.reason,
                ]
            )
    return _csv(headers, rows)


def _invitation_answer(response: str) -> str:
    """The bridge point's answer to the invitation ("" for the main room)."""
    if response in Invitation.Response.values:
        return str(Invitation.Response(response).label)
    return response


def _attendance_status(status: str) -> str:
    labels = {
        "present": _("Có mặt"),
        "online": _("Dự trực tuyến"),
        "absent": _("Vắng"),
        "": _("Chưa điểm danh"),
    }
    return labels.get(status, status)


def record_polls(record: MeetingRecord) -> list[tuple[str, VoteRecord]]:
    """Every poll with the item it was held under ("" for one held outside the agenda)."""
    polls = [("", vote) for vote in record.votes]
    polls += [
        (f"{item.position}. {item.title}", vote) for item in record.items for vote in item.votes
    ]
    return polls


def _passed(passed: bool | None) -> str:
    if passed is None:
        return ""
    return _("Thông qua") if passed else _("Không thông qua")


def votes_csv(record: MeetingRecord) -> bytes:
    """One row per option of every poll; percent of the base the rule counts, dot decimal."""
    headers = [
        _("Mục"),
        _("Nội dung biểu quyết"),
        _("Hình thức"),
        _("Phương án"),
        _("Số phiếu"),
        _("Tỷ lệ (%)"),
        _("Quy tắc"),
        _("Kết quả"),
    ]
    rows = [
        [
            item,
            vote.question,
            _("Bỏ phiếu kín") if vote.secret else _("Ghi danh"),
            option.label,
            option.count,
            f"{option.percent:.2f}",
            vote.rule,
            _passed(vote.passed),
        ]
        for item, vote in record_polls(record)
        for option in vote.options
    ]
    return _csv(headers, rows)


def named_choices_csv(record: MeetingRecord) -> bytes | None:
    """Who chose what in the named polls; None when there were none."""
    rows = [
        [item, vote.question, choice.name, choice.room, choice.option, choice.cast_by_operator]
        for item, vote in record_polls(record)
        if not vote.secret
        for choice in vote.choices
    ]
    if not rows:
        return None
    headers = [
        _("Mục"),
        _("Nội dung biểu quyết"),
        _("Đại biểu"),
        _("Điểm cầu"),
        _("Lựa chọn"),
        _("Kỹ thuật viên bỏ phiếu thay"),
    ]
    return _csv(headers, rows)
