"""The draft minutes (biên bản) built from what the meeting recorded.

`draft_content(record)` is pure: a `MeetingRecord` in, the content JSON of a minutes
version out (shape in docs/minutes.md), laid out after Decree 30/2020/NĐ-CP, form 1.9 of
Appendix III. Whatever was not recorded (no roll call, no vote, no speaker) is left out
rather than printed empty. The wording is the legal form's, in Vietnamese whatever the
reader's language, so it is not translated. All recorded text is escaped into HTML.
"""

from collections.abc import Iterable
from datetime import date, datetime
from html import escape

from django.utils import timezone

from agenda.minutes_records import (
    ItemRecord,
    MeetingRecord,
    PersonLine,
    RoomAttendance,
    SpeakerTurn,
    VoteRecord,
)
from agenda.richtext import clean_html

INLINE, BLOCK = "inline", "block"
STATUS_TEXT = {"present": "Có mặt", "online": "Dự trực tuyến", "absent": "Vắng mặt"}
RECIPIENTS = ["Các đại biểu dự họp", "Các điểm cầu tham dự", "Lưu: VT, hồ sơ cuộc họp"]


# Formatting ---------------------------------------------------------------------------------


def _local(moment: datetime) -> datetime:
    return timezone.localtime(moment)


def clock(moment: datetime) -> str:
    """ "08:15" """
    return f"{_local(moment):%H:%M}"


def span(start: datetime, end: datetime | None) -> str:
    """ "08:15–08:20"; only the start while the turn has no end."""
    return f"{clock(start)}–{clock(end)}" if end else clock(start)


def moment_long(moment: datetime) -> str:
    """ "8 giờ 05 phút, ngày 22/11/2026", as form 1.9 writes a time."""
    local = _local(moment)
    return f"{local.hour} giờ {local:%M} phút, ngày {local:%d/%m/%Y}"


def percent(value: float) -> str:
    """ "66,67%": two decimals, a decimal comma."""
    return f"{value:.2f}".replace(".", ",") + "%"


def number(value: int) -> str:
    """ "1.000": Vietnamese thousands separators."""
    return f"{value:,}".replace(",", ".")


def text(value: str) -> str:
    return escape(value, quote=False)


def paragraphs(value: str) -> str:
    """Recorded plain text (notes, conclusions): a paragraph per non-empty line."""
    return "".join(f"<p>{text(line.strip())}</p>" for line in value.splitlines() if line.strip())


def _label(label: str, rest: str = "") -> str:
    return f"<p><strong>{text(label)}</strong>{rest}</p>"


def _table(head: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """A table of escaped cells (the header row in <thead>)."""
    head_html = "".join(f"<th>{text(cell)}</th>" for cell in head)
    body = "".join("<tr>" + "".join(f"<td>{text(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head_html}</tr></thead><tbody>{body}</tbody></table>"


def _section(key: str, title: str, html: str, layout: str = BLOCK) -> dict[str, str]:
    return {"key": key, "title": title, "layout": layout, "html": clean_html(html)}


def _with_position(name: str, position: str) -> str:
    return f"{name}, {position}" if position else name


# Parts --------------------------------------------------------------------------------------


def _meeting_day(record: MeetingRecord) -> date:
    return _local(record.started_at or record.scheduled_start).date()


def _header(record: MeetingRecord) -> dict[str, str]:
    return {
        "parent_agency": record.host_parent.upper(),
        "agency": record.host_unit.upper(),
        # The records office (văn thư) fills the number in when the minutes are issued.
        "number": f"…/BB-{record.number_suffix}",
        "place": record.place,
        "date": _meeting_day(record).isoformat(),
        "subject": record.title,
    }


def _places(record: MeetingRecord) -> dict[str, str]:
    others = [room for room in record.rooms if room.joined and not room.is_main]
    if not others:
        return _section("places", "Địa điểm", f"<p>{text(record.main_room)}</p>", INLINE)
    listed = "".join(f"<li>{text(room.name)}</li>" for room in others)
    html = (
        f"<p>Điểm cầu chính: {text(record.main_room)}.</p>"
        f"<p>Các điểm cầu thành phần ({len(others)}):</p><ul>{listed}</ul>"
    )
    return _section("places", "Địa điểm", html)


def _person_status(person: PersonLine) -> str:
    status = STATUS_TEXT.get(person.status, "")
    if person.status == "absent" and person.reason:
        return f"{status} (lý do: {person.reason})"
    return status


def _room_attendance(room: RoomAttendance) -> str:
    heading = f"<strong>{text(room.name)}</strong>"
    if room.is_main:
        heading = f"Điểm cầu chính: {heading}"
    if room.headcount:
        heading += f" — {number(room.headcount)} người tại điểm cầu"
    elif not room.joined and not room.is_main:
        heading += " — điểm cầu không tham dự"
    marked = [person for person in room.people if person.status]
    html = f"<p>{heading}</p>"
    if marked:
        rows = [
            (str(index), person.name, person.position, _person_status(person))
            for index, person in enumerate(marked, start=1)
        ]
        html += _table(("TT", "Họ và tên", "Chức vụ", "Tình trạng"), rows)
    return html


def _listed(room: RoomAttendance) -> bool:
    """Rooms whose attendance is known: a headcount, or people marked in the roll call."""
    return bool(room.headcount) or any(person.status for person in room.people)


def _absent_rooms(record: MeetingRecord) -> str:
    """Invited rooms that did not join (and list nobody above); when nothing at all was
    recorded of attendance, only those that declined (the others may have been there)."""
    anything_recorded = any(room.joined for room in record.rooms)
    absent = [
        room
        for room in record.rooms
        if not room.is_main
        and not room.joined
        and not _listed(room)
        and (anything_recorded or room.response == "declined")
    ]
    if not absent:
        return ""
    lines = "".join(
        f"<li>{text(room.name)}"
        + (f" (lý do: {text(room.decline_reason)})" if room.decline_reason else "")
        + "</li>"
        for room in absent
    )
    return f"<p>Điểm cầu vắng mặt ({len(absent)}):</p><ul>{lines}</ul>"


def _attendees(record: MeetingRecord) -> dict[str, str] | None:
    html = "".join(_room_attendance(room) for room in record.rooms if _listed(room))
    html += _absent_rooms(record)
    return _section("attendees", "Thành phần tham dự", html) if html else None


def _turns(turns: list[SpeakerTurn]) -> str:
    if not turns:
        return ""
    lines = []
    for turn in turns:
        who = text(turn.name) + (f" ({text(turn.room)})" if turn.room else "")
        topic = f": {text(turn.topic)}" if turn.topic else ""
        lines.append(f"<li>{span(turn.started_at, turn.ended_at)} — {who}{topic}</li>")
    return _label("Ý kiến phát biểu:") + "<ol>" + "".join(lines) + "</ol>"


def _vote_facts(vote: VoteRecord) -> str:
    kind = "bỏ phiếu kín" if vote.secret else "biểu quyết công khai"
    facts = f"<p>Hình thức: {kind}; người biểu quyết: {text(vote.electorate.lower())}"
    facts += f"; điều kiện thông qua: {text(vote.rule.lower())}.</p>"
    unit = "điểm cầu" if vote.electorate_code == "bridge_points" else "người"
    counts = []
    if vote.members_count is not None:
        counts.append(f"tổng số: {number(vote.members_count)} {unit}")
    if vote.present_count is not None:
        counts.append(f"có mặt: {number(vote.present_count)}")
    counts.append(f"số phiếu: {number(sum(option.count for option in vote.options))}")
    line = "; ".join(counts)
    return facts + f"<p>{text(line[0].upper() + line[1:])}.</p>"


def _vote_table(vote: VoteRecord) -> str:
    rows = [(o.label, number(o.count), percent(o.percent)) for o in vote.options]
    cast = sum(option.count for option in vote.options)
    if vote.base and vote.base > cast:
        missing = vote.base - cast
        # The options' shares are of the base, so what was not cast completes 100%.
        rest = round(100 - sum(option.percent for option in vote.options), 2)
        rows.append(("Không bỏ phiếu", number(missing), percent(max(rest, 0.0))))
    html = _table(("Phương án", "Số phiếu", "Tỷ lệ"), rows)
    if vote.base_label and vote.base:
        html += f"<p>Tỷ lệ tính trên {text(vote.base_label)} ({number(vote.base)}).</p>"
    return html


def _named_choices(vote: VoteRecord) -> str:
    if vote.secret or not vote.choices:
        return ""
    by_room = vote.electorate_code == "bridge_points" or not any(c.name for c in vote.choices)

    def choice(option: str, proxy: str) -> str:
        return f"{option} (cán bộ điểm cầu {proxy} bỏ phiếu thay)" if proxy else option

    if by_room:
        rows = [(c.room, choice(c.option, c.cast_by_operator)) for c in vote.choices]
        return _label("Lựa chọn của từng điểm cầu:") + _table(("Điểm cầu", "Lựa chọn"), rows)
    rows = [(c.name, c.room, choice(c.option, c.cast_by_operator)) for c in vote.choices]
    return _label("Lựa chọn của từng đại biểu:") + _table(
        ("Đại biểu", "Điểm cầu", "Lựa chọn"), rows
    )


def _vote(vote: VoteRecord) -> str:
    html = _label("Biểu quyết: ", text(vote.question)) + _vote_facts(vote) + _vote_table(vote)
    if vote.passed is not None:
        outcome = "THÔNG QUA" if vote.passed else "KHÔNG THÔNG QUA"
        html += f"<p>Kết quả: <strong>{outcome}</strong> ({text(vote.rule.lower())}).</p>"
    return html + _named_choices(vote)


def _recorded(turns: list[SpeakerTurn], notes: str, votes: list[VoteRecord]) -> str:
    html = _turns(turns)
    if notes.strip():
        html += _label("Nội dung thảo luận:") + paragraphs(notes)
    return html + "".join(_vote(vote) for vote in votes)


def _item(index: int, item: ItemRecord) -> dict[str, str]:
    html = _label("Trình bày: ", text(item.presenter)) if item.presenter else ""
    html += _recorded(item.turns, item.notes, item.votes)
    if item.conclusion.strip():
        html += _label("Kết luận:") + paragraphs(item.conclusion)
    return _section(f"item-{item.item_id}", f"{index}. {item.title}", html)


def _people(record: MeetingRecord) -> list[dict[str, str]]:
    sections = [
        _section(
            "chair",
            "Chủ trì",
            f"<p>{text(_with_position(record.chair, record.chair_position))}</p>",
            INLINE,
        )
    ]
    secretary = _with_position(record.secretary, record.secretary_position)
    if record.co_secretary:
        secretary = "; ".join(filter(None, [secretary, f"thư ký phụ: {record.co_secretary}"]))
    if secretary:
        sections.append(_section("secretary", "Thư ký", f"<p>{text(secretary)}</p>", INLINE))
    return sections


def _content(record: MeetingRecord) -> list[dict[str, str]]:
    sections = []
    general = _recorded(record.turns, record.notes, record.votes)
    if general or record.items:
        sections.append(_section("content-intro", "Nội dung", general))
    sections += [_item(index, item) for index, item in enumerate(record.items, start=1)]
    if record.conclusion.strip():
        conclusion = paragraphs(record.conclusion)
        sections.append(_section("conclusion", "Kết luận của chủ trì", conclusion))
    return sections


def draft_content(record: MeetingRecord) -> dict:
    """The content JSON of a first version of the minutes (see docs/minutes.md)."""
    opening = record.started_at or record.scheduled_start
    sections = [
        _section("opening", "Thời gian bắt đầu", f"<p>{moment_long(opening)}</p>", INLINE),
        _places(record),
    ]
    if attendees := _attendees(record):
        sections.append(attendees)
    sections += _people(record)
    sections += _content(record)
    if record.ended_at:
        closing = f"<p>Cuộc họp kết thúc vào {moment_long(record.ended_at)}.</p>"
        sections.append(_section("closing", "Kết thúc", closing, INLINE))
    return {
        "header": _header(record),
        "sections": sections,
        "signers": {
            "secretary": {"title": "THƯ KÝ", "name": record.secretary},
            "chair": {"title": "CHỦ TRÌ", "name": record.chair},
        },
        "recipients": list(RECIPIENTS),
    }
