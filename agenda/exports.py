"""Files people take away: the comments on a document (XLSX, PDF) and one's own notes (text, PDF).

Column titles and labels follow the reader's language, like the pages; the PDFs embed
IBM Plex Serif (meetings/pdf/fonts.py) so Vietnamese prints the same everywhere.
"""

import io
from collections import Counter
from collections.abc import Sequence
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from agenda.models import Comment, Document, PersonalNote
from meetings.models import Meeting, User
from meetings.pdf import decree30, fonts
from meetings.pdf.decree30 import text
from meetings.pdf.layout import render_story
from meetings.vietnamese_dates import date_time_short, time_span

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Column widths: characters in the sheet, shares of the line in the PDF.
COMMENT_COLUMNS = ((6, 0.05), (24, 0.12), (28, 0.13), (7, 0.06), (60, 0.24), (14, 0.09),
                   (50, 0.19), (17, 0.12))  # fmt: skip
SHEET_TIME_FORMAT = "dd/mm/yyyy hh:mm"
TABLE_SIZE = 9.5


# --- Comments ------------------------------------------------------------------------


def comment_headers() -> list[str]:
    return [
        _("STT"),
        _("Người góp ý"),
        _("Đơn vị/điểm cầu"),
        pgettext("page number", "Trang"),
        pgettext("comment", "Nội dung"),
        _("Trạng thái"),
        _("Trả lời"),
        _("Thời gian"),
    ]


def _author(comment: Comment) -> str:
    name = comment.author.display_name
    return _("%(name)s (thay mặt điểm cầu)") % {"name": name} if comment.bridge_point_id else name


def _naive_local(moment: datetime) -> datetime:
    """Spreadsheets hold wall-clock times: Vietnam time without an offset."""
    return timezone.localtime(moment).replace(tzinfo=None, microsecond=0)


def comment_rows(comments: Sequence[Comment], places: dict[int, str]) -> list[list]:
    return [
        [
            number,
            _author(comment),
            places.get(comment.pk, ""),
            comment.page or "",
            comment.text,
            comment.get_status_display(),
            comment.reply,
            _naive_local(comment.created_at),
        ]
        for number, comment in enumerate(comments, start=1)
    ]


def _sheet_value(value: object) -> object:
    """Text without the control characters a spreadsheet cannot hold."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _comments_heading(document: Document) -> tuple[str, str]:
    meeting = document.meeting
    title = _("Tổng hợp ý kiến góp ý: %(title)s") % {"title": document.title}
    about = _("Cuộc họp “%(title)s”, %(when)s") % {
        "title": meeting.title,
        "when": time_span(meeting.start, meeting.end),
    }
    return title, about


def _tally(comments: Sequence[Comment]) -> str:
    counts = Counter(comment.status for comment in comments)
    parts = [f"{label}: {counts.get(value, 0)}" for value, label in Comment.Status.choices]
    return _("Tổng số %(n)s ý kiến (%(parts)s).") % {"n": len(comments), "parts": "; ".join(parts)}


def comments_filename(document: Document, extension: str) -> str:
    return f"gop-y-tai-lieu-{document.pk}.{extension}"


def comments_xlsx(document: Document, comments: Sequence[Comment], places: dict[int, str]) -> bytes:
    """One sheet: a title, the meeting, the tally, then a row per comment under the headers."""
    title, about = _comments_heading(document)
    book = Workbook()
    sheet = book.active
    sheet.title = pgettext("comments", "Góp ý")
    for line in (title, about, _tally(comments)):
        sheet.append([_sheet_value(line)])
    sheet.append(comment_headers())
    header_row = sheet.max_row
    sheet["A1"].font = Font(bold=True, size=13)
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for row in comment_rows(comments, places):
        sheet.append([_sheet_value(value) for value in row])
        for cell in sheet[sheet.max_row]:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            if cell.data_type == "f":  # typed text that starts with "=" stays text
                cell.data_type = "s"
        sheet.cell(row=sheet.max_row, column=len(row)).number_format = SHEET_TIME_FORMAT
    for index, (width, _share) in enumerate(COMMENT_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _styles() -> dict[str, ParagraphStyle]:
    base = decree30.styles()["body"]
    return {
        "unit": ParagraphStyle("unit", parent=base, fontName=fonts.BOLD, fontSize=11, leading=14),
        "title": decree30.styles()["title"],
        "subject": ParagraphStyle("subject", parent=decree30.styles()["number"], spaceAfter=2),
        "cell": ParagraphStyle(
            "cell", parent=base, fontSize=TABLE_SIZE, leading=TABLE_SIZE * 1.25, alignment=TA_LEFT
        ),
        "head": ParagraphStyle(
            "head", parent=base, fontName=fonts.BOLD, fontSize=TABLE_SIZE, alignment=TA_CENTER
        ),
        "small": ParagraphStyle("small", parent=base, fontSize=10, leading=13),
    }


def _page_number(canvas: Canvas, doc: SimpleDocTemplate) -> None:
    canvas.saveState()
    canvas.setFont(fonts.REGULAR, 9)
    canvas.drawRightString(
        doc.pagesize[0] - doc.rightMargin,
        doc.bottomMargin / 2,
        _("Trang %(n)s") % {"n": doc.page},
    )
    canvas.restoreState()


def _landscape_pdf(story: list[Flowable], *, title: str, author: str) -> bytes:
    margin = 15 * mm
    return render_story(
        story,
        pagesize=landscape(A4),
        margins=(margin, margin, margin, margin),
        font_size=TABLE_SIZE,
        title=title,
        author=author,
        on_page=_page_number,
    )


def comments_pdf(document: Document, comments: Sequence[Comment], places: dict[int, str]) -> bytes:
    """The comments as a landscape table whose header repeats on every page."""
    st = _styles()
    title, about = _comments_heading(document)
    width = landscape(A4)[0] - 30 * mm
    rows: list[list] = [[Paragraph(text(h), st["head"]) for h in comment_headers()]]
    for row in comment_rows(comments, places):
        row[-1] = f"{row[-1]:%d/%m/%Y %H:%M}"
        rows.append([Paragraph(text(str(value)), st["cell"]) for value in row])
    table = Table(rows, colWidths=[share * width for _w, share in COMMENT_COLUMNS], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), fonts.REGULAR, TABLE_SIZE),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef1f5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story: list[Flowable] = [
        Paragraph(text(document.meeting.host_unit.name.upper()), st["unit"]),
        Spacer(1, 4 * mm),
        Paragraph(text(title.upper()), st["title"]),
        Paragraph(text(about), st["subject"]),
        Paragraph(text(_tally(comments)), st["subject"]),
        Spacer(1, 4 * mm),
        table if comments else Paragraph(text(_("Chưa có ý kiến góp ý.")), st["small"]),
        Spacer(1, 4 * mm),
        Paragraph(
            text(_("Xuất lúc %(when)s.") % {"when": date_time_short(timezone.now())}), st["small"]
        ),
    ]
    return _landscape_pdf(story, title=title, author=document.meeting.host_unit.name)


# --- Personal notes -------------------------------------------------------------------


def note_heading(note: PersonalNote) -> str:
    """Where a note was written: the meeting, an agenda item, or a document and its page."""
    if note.agenda_item_id:
        item = note.agenda_item
        return _("Mục %(n)s. %(title)s") % {"n": item.position, "title": item.title}
    if note.document_id and note.page:
        return _("Tài liệu “%(title)s”, trang %(page)s") % {
            "title": note.document.title,
            "page": note.page,
        }
    if note.document_id:
        return _("Tài liệu “%(title)s”") % {"title": note.document.title}
    return _("Ghi chú chung")


def notes_filename(meeting: Meeting, extension: str) -> str:
    return f"ghi-chu-cuoc-hop-{meeting.pk}.{extension}"


def _notes_intro(meeting: Meeting, owner: User) -> list[str]:
    return [
        _("Ghi chú cá nhân: %(title)s") % {"title": meeting.title},
        time_span(meeting.start, meeting.end),
        _("Của %(name)s, xuất lúc %(when)s.")
        % {"name": owner.display_name, "when": date_time_short(timezone.now())},
    ]


def notes_text(meeting: Meeting, owner: User, notes: Sequence[PersonalNote]) -> str:
    """Plain UTF-8 text (Markdown headings), readable anywhere."""
    title, when, by = _notes_intro(meeting, owner)
    lines = [f"# {title}", "", when, by, ""]
    for note in notes:
        lines += [f"## {note_heading(note)}", "", note.text, ""]
    if not notes:
        lines.append(_("Chưa có ghi chú."))
    return "\n".join(lines).rstrip("\n") + "\n"


def notes_pdf(meeting: Meeting, owner: User, notes: Sequence[PersonalNote]) -> bytes:
    st = decree30.styles()
    title, when, by = _notes_intro(meeting, owner)
    story: list[Flowable] = [
        Paragraph(text(title), st["title"]),
        Paragraph(text(when), st["subject"]),
        Paragraph(text(by), st["place_date"]),
        Spacer(1, 6 * mm),
    ]
    note_style = ParagraphStyle("note", parent=st["body"], leftIndent=6 * mm, alignment=TA_LEFT)
    for note in notes:
        story += [
            Paragraph(f"<b>{text(note_heading(note))}</b>", st["body"]),
            Paragraph(text(note.text), note_style),
            Spacer(1, 3 * mm),
        ]
    if not notes:
        story.append(Paragraph(text(_("Chưa có ghi chú.")), st["body"]))
    return decree30.build_pdf(story, title=title, author=owner.display_name)
