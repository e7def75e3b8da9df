"""Files people take away: the comments on a document (XLSX, PDF) and one's own notes (text, PDF).

Column titles and labels follow the reader's language, like the pages; the PDFs embed
IBM Plex Serif (meetings/pdf/fonts.py) so Vietnamese prints the same everywhere.
"""

from collections import Counter
from collections.abc import Sequence
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from agenda.models import Comment, Document, PersonalNote
from meetings.models import Meeting, User
from meetings.pdf import decree30
from meetings.pdf.decree30 import text
from meetings.pdf.layout import render_story
from meetings.pdf.report import grid_table, page_number, report_heading, report_styles
from meetings.sheets import XLSX_TYPE as XLSX_TYPE  # the comments view reads it from here
from meetings.sheets import append_row, column_widths, header_row, workbook_bytes
from meetings.vietnamese_dates import date_time_short, time_span

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
        append_row(sheet, [line])
    header = header_row(sheet, comment_headers())
    sheet["A1"].font = Font(bold=True, size=13)
    for row in comment_rows(comments, places):
        for cell in append_row(sheet, row):
            cell.alignment = Alignment(vertical="top", wrap_text=True)
        sheet.cell(row=sheet.max_row, column=len(row)).number_format = SHEET_TIME_FORMAT
    column_widths(sheet, (width for width, _share in COMMENT_COLUMNS))
    sheet.print_title_rows = f"{header}:{header}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    return workbook_bytes(book)


def _styles() -> dict[str, ParagraphStyle]:
    base = decree30.styles()["body"]
    return {
        **report_styles(TABLE_SIZE),
        "small": ParagraphStyle("small", parent=base, fontSize=10, leading=13),
    }


def _landscape_pdf(story: list[Flowable], *, title: str, author: str) -> bytes:
    margin = 15 * mm
    return render_story(
        story,
        pagesize=landscape(A4),
        margins=(margin, margin, margin, margin),
        font_size=TABLE_SIZE,
        title=title,
        author=author,
        on_page=page_number,
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
    table = grid_table(rows, [share * width for _w, share in COMMENT_COLUMNS], TABLE_SIZE)
    story: list[Flowable] = [
        *report_heading(st, document.meeting.host_unit.name, title, about, _tally(comments)),
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
