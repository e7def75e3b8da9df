"""The invitation letter (giấy mời) of a meeting, as a Decree 30 administrative document."""

from django.utils import timezone, translation
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from meetings.calendar_ics import meeting_url
from meetings.models import BridgePoint, Meeting
from meetings.pdf import decree30
from meetings.pdf.decree30 import text
from meetings.vietnamese_dates import clock_long, date_short, local, weekday_name

DOCUMENT_CODE = "GM"
CANCELLED_STAMP = "ĐÃ HỦY"
# Technicians join early so sound and picture are checked before the chair opens.
CONNECT_EARLY_MINUTES = 30


def invitation_filename(meeting: Meeting) -> str:
    return f"giay-moi-{meeting.pk}.pdf"


def invitation_pdf(meeting: Meeting) -> bytes:
    """The letter, A4. A cancelled meeting still prints, stamped "ĐÃ HỦY".

    Expects the meeting as selectors.meeting_get loads it (invitations and
    participants prefetched).
    """
    # A legal document is Vietnamese whatever the reader's interface language.
    with translation.override("vi"):
        cancelled = meeting.status == Meeting.Status.CANCELLED
        return decree30.build_pdf(
            _story(meeting, cancelled),
            title=f"Giấy mời: {meeting.title}",
            author=meeting.host_unit.name,
            stamp=CANCELLED_STAMP if cancelled else "",
        )


def _story(meeting: Meeting, cancelled: bool) -> list[Flowable]:
    st = decree30.styles()
    issuer = decree30.issuer_of(meeting.host_unit)
    story: list[Flowable] = [
        decree30.document_header(
            issuer, code=DOCUMENT_CODE, issued_on=timezone.localdate(meeting.updated_at)
        ),
        *decree30.document_title("Giấy mời", f"{_kind_phrase(meeting)}: {meeting.title}"),
    ]
    if cancelled:
        reason = f" Lý do: {meeting.cancel_reason}" if meeting.cancel_reason else ""
        story.append(Paragraph(f"<b>{text(f'Cuộc họp đã bị hủy.{reason}')}</b>", _red(st["body"])))
    story += _addressees(meeting)
    story.append(
        Paragraph(
            text(
                f"{meeting.host_unit.name} trân trọng kính mời lãnh đạo các đơn vị và các đại biểu "
                f"nêu trên dự {meeting.title}, cụ thể như sau:"
            ),
            st["paragraph"],
        )
    )
    story += _details(meeting)
    # The closing line never leaves the signature alone on a page.
    story.append(
        KeepTogether(
            [
                Paragraph(text("Trân trọng kính mời./."), st["paragraph"]),
                Spacer(1, 4 * mm),
                decree30.side_by_side(
                    decree30.recipients_block(["Như trên;", "Lưu: VT."]),
                    decree30.signature_block(*_signer(meeting)),
                ),
            ]
        )
    )
    return story


def _kind_phrase(meeting: Meeting) -> str:
    if meeting.kind == Meeting.Kind.HYBRID:
        return "Họp trực tiếp kết hợp trực tuyến"
    return "Họp trực tuyến"


def _red(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle("cancelled", parent=style, textColor="#c00000", spaceAfter=6)


def _addressees(meeting: Meeting) -> list[Flowable]:
    """ "Kính gửi:" the invited rooms' units, then the people invited by name."""
    st = decree30.styles()
    names: list[str] = []
    for invitation in meeting.invitations.all():
        unit_name = invitation.bridge_point.unit.name
        if unit_name not in names:
            names.append(unit_name)
    for participant in meeting.participants.all():
        person = participant.user
        names.append(
            f"{person.display_name}, {person.position}" if person.position else person.display_name
        )
    if len(names) == 1:
        return [Paragraph(text(f"Kính gửi: {names[0]}."), _centered(st["body"]))]
    listed = ParagraphStyle("addressee", parent=st["body"], spaceAfter=0, alignment=TA_LEFT)
    items = [
        Paragraph(text(f"- {name}{'.' if i == len(names) - 1 else ';'}"), listed)
        for i, name in enumerate(names)
    ]
    # "Kính gửi:" sits to the left of the first addressee, the list under it.
    label_width = 25 * mm
    table = decree30.layout_table(
        [[Paragraph("Kính gửi:", listed), items]],
        [label_width, decree30.TEXT_WIDTH * 0.75 - label_width],
        bottom_padding=3 * mm,
    )
    return [table]


def _centered(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-centered", parent=style, alignment=TA_CENTER)


def _details(meeting: Meeting) -> list[Flowable]:
    st = decree30.styles()
    start, end = local(meeting.start), local(meeting.end)
    finish = clock_long(end)
    if end.date() != start.date():
        finish += f", ngày {date_short(end)}"
    chair = meeting.chair
    items: list[tuple[str, str]] = [
        (
            "Thời gian",
            f"{clock_long(start)}, {weekday_name(start.date())}, ngày "
            f"{date_short(start)} (dự kiến kết thúc lúc {finish}).",
        ),
        (
            "Chủ trì",
            f"{chair.display_name}, {chair.position}."
            if chair.position
            else f"{chair.display_name}.",
        ),
    ]
    if meeting.description.strip():
        items.append(("Nội dung", meeting.description.strip()))
    items.append(("Hình thức", f"{meeting.get_kind_display()}."))
    flow: list[Flowable] = []
    for number, (label, value) in enumerate(items, start=1):
        flow.append(Paragraph(f"{number}. <b>{text(label)}:</b> {text(value)}", st["item"]))
    flow.append(Paragraph(f"{len(items) + 1}. <b>Địa điểm:</b>", st["item"]))
    sub = ParagraphStyle("sub-item", parent=st["item"], leftIndent=16 * mm)
    flow.append(
        Paragraph(f"- <b>Điểm cầu chính:</b> {text(_room(meeting.main_bridge_point))}.", sub)
    )
    rooms = [_room(i.bridge_point) for i in meeting.invitations.all()]
    if rooms:
        flow.append(Paragraph("- <b>Các điểm cầu thành phần:</b>", sub))
        deeper = ParagraphStyle("sub-sub-item", parent=sub, leftIndent=22 * mm)
        for i, room in enumerate(rooms):
            flow.append(Paragraph(text(f"+ {room}{'.' if i == len(rooms) - 1 else ';'}"), deeper))
    flow.append(
        Paragraph(
            f"{len(items) + 2}. <b>Đề nghị:</b> "
            + text(
                f"Cán bộ kỹ thuật tại các điểm cầu kết nối, kiểm tra đường truyền, âm thanh và "
                f"hình ảnh trước giờ họp {CONNECT_EARLY_MINUTES} phút." + _support_line(meeting)
            ),
            st["item"],
        )
    )
    # An address cannot be hyphenated: justified, it would stretch the line apart.
    flow.append(
        Paragraph(
            f"{len(items) + 3}. <b>Tài liệu họp:</b> "
            + text(f"đại biểu xem và tải tài liệu tại {meeting_url(meeting)}"),
            ParagraphStyle("link-item", parent=st["item"], alignment=TA_LEFT),
        )
    )
    return flow


def _room(bridge_point: BridgePoint) -> str:
    place = f"{bridge_point.name}, {bridge_point.unit.name}"
    return f"{place} ({bridge_point.address})" if bridge_point.address else place


def _support_line(meeting: Meeting) -> str:
    room = meeting.main_bridge_point
    if not room.technician_name:
        return ""
    phone = f", điện thoại {room.technician_phone}" if room.technician_phone else ""
    return f" Hỗ trợ kỹ thuật tại điểm cầu chính: {room.technician_name}{phone}."


def _signer(meeting: Meeting) -> tuple[list[str], str]:
    """The host unit signs; the organizer who booked the meeting is named under it."""
    creator = meeting.created_by
    titles = [meeting.host_unit.name]
    if creator is not None and creator.position:
        titles.append(creator.position)
    return titles, creator.display_name if creator is not None else ""
