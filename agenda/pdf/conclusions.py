"""The conclusions notice (thông báo kết luận) of a meeting, after Decree 30/2020/NĐ-CP.

A named-type document (văn bản có tên loại): the same header as the minutes, the title
THÔNG BÁO and "Kết luận của … tại cuộc họp …", a paragraph saying who chaired what and
who attended, the chair's conclusions item by item, the closing formula, the recipients
on the left and the signature on the right. Footer as the minutes: the verification code
and its QR on every page, or a draft stamp when there is no code yet.
"""

from django.utils import translation
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from agenda.minutes_records import MeetingRecord
from agenda.pdf import footer, rich
from agenda.pdf.minutes import header_block, recipient_lines
from meetings.pdf import decree30
from meetings.vietnamese_dates import local

DOCUMENT_TITLE = "Thông báo"
DOCUMENT_CODE = "TB"
RECIPIENTS = ("Các đại biểu dự họp", "Các điểm cầu tham dự", "Lưu: VT")


def conclusions_pdf(
    record: MeetingRecord, *, number: str, verification_code: str | None, verify_url: str | None
) -> bytes:
    """`number` is what follows "Số: " ("15/TB-UBND"); empty leaves room for the records
    office to write it. No verification code means a draft."""
    with translation.override("vi"):
        day = local(record.started_at or record.scheduled_start)
        subject = f"Kết luận của {_chair_phrase(record)} tại {meeting_phrase(record.title)}"
        number_markup = (
            f"Số: {rich.markup(number)}"
            if number.strip()
            else f"Số:{'&nbsp;' * 10}/{DOCUMENT_CODE}-{rich.markup(record.number_suffix)}"
        )
        story: list[Flowable] = [
            header_block(
                parent=record.host_parent,
                agency=record.host_unit,
                number_markup=number_markup,
                place=record.place,
                day=day.date(),
            ),
            *decree30.document_title(DOCUMENT_TITLE, subject),
            *_opening(record),
            *_conclusions(record),
        ]
        closing = Paragraph(
            rich.markup(
                f"{record.host_unit} thông báo để các cơ quan, đơn vị, cá nhân liên quan "
                "biết, thực hiện./."
            ),
            rich.body_style(),
        )
        signer = (record.chair_position or "Chủ trì", record.chair)
        # Recipients on the left, the signature on the right, as on every Decree 30 letter.
        block = decree30.side_by_side(
            decree30.recipients_block(recipient_lines(RECIPIENTS)),
            decree30.signature_block([signer[0]], signer[1]),
        )
        story.append(KeepTogether([closing, Spacer(1, 4 * mm), block]))
        return decree30.build_pdf(
            story,
            title=f"{DOCUMENT_TITLE}: {subject}",
            author=record.host_unit,
            on_page=footer.page_painter(
                verification_code=verification_code,
                verify_url=verify_url,
                draft=verification_code is None,
            ),
        )


def meeting_phrase(title: str) -> str:
    """ "Họp giao ban tuần 47" → "cuộc họp giao ban tuần 47"; a name that does not say
    what it is gets "cuộc họp" in front."""
    title = title.strip()
    lowered = title[:1].lower() + title[1:]
    if lowered.startswith("họp "):
        return f"cuộc {lowered}"
    if lowered.startswith(("cuộc họp", "hội nghị", "phiên họp", "buổi làm việc")):
        return lowered
    return f"cuộc họp {title}"


def _chair_phrase(record: MeetingRecord) -> str:
    if record.chair_position:
        return f"{record.chair_position} {record.chair}"
    return f"đồng chí {record.chair}"


def _opening(record: MeetingRecord) -> list[Flowable]:
    day = local(record.started_at or record.scheduled_start)
    chair = record.chair + (f", {record.chair_position}" if record.chair_position else "")
    text = (
        f"Ngày {day:%d/%m/%Y}, tại {record.main_room}, đồng chí {chair} "
        f"chủ trì {meeting_phrase(record.title)}."
    )
    rooms = [room.name for room in record.rooms if room.joined and not room.is_main]
    if rooms:
        text += f" Cuộc họp được kết nối trực tuyến đến {len(rooms)} điểm cầu: {', '.join(rooms)}."
    text += (
        " Sau khi nghe báo cáo và ý kiến phát biểu của các đại biểu dự họp, "
        f"đồng chí {record.chair} kết luận như sau:"
    )
    return [Paragraph(rich.markup(text), rich.body_style())]


def _conclusions(record: MeetingRecord) -> list[Flowable]:
    flow: list[Flowable] = []
    number = 0
    for item in record.items:
        if item.conclusion.strip():
            number += 1
            flow.append(Paragraph(rich.markup(f"{number}. {item.title}"), rich.title_style()))
            flow += _paragraphs(item.conclusion)
    if record.conclusion.strip():
        if number:
            flow.append(Paragraph(f"{number + 1}. Kết luận chung", rich.title_style()))
        flow += _paragraphs(record.conclusion)
    if not flow:
        flow.append(Paragraph("Cuộc họp không ghi nhận kết luận nào.", rich.body_style()))
    return flow


def _paragraphs(value: str) -> list[Flowable]:
    return [
        Paragraph(rich.markup(line.strip()), rich.body_style())
        for line in value.splitlines()
        if line.strip()
    ]
