"""What the tabular reports share (the savings report, the comments on a document): the
unit, title and subject at the top, a grid whose header repeats on every page, and the
page number at the bottom right. Body text follows decree30's styles."""

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from meetings.pdf import decree30, fonts
from meetings.pdf.decree30 import text


def report_styles(table_size: float) -> dict[str, ParagraphStyle]:
    """unit, title, subject; cell and head for tables of `table_size` points."""
    st = decree30.styles()
    base = st["body"]
    return {
        "unit": ParagraphStyle("unit", parent=base, fontName=fonts.BOLD, fontSize=11, leading=14),
        "title": st["title"],
        "subject": ParagraphStyle("subject", parent=st["number"], spaceAfter=2),
        "cell": ParagraphStyle(
            "cell", parent=base, fontSize=table_size, leading=table_size * 1.25, alignment=TA_LEFT
        ),
        "head": ParagraphStyle(
            "head", parent=base, fontName=fonts.BOLD, fontSize=table_size, alignment=TA_CENTER
        ),
    }


def report_heading(
    st: dict[str, ParagraphStyle], unit_name: str, title: str, *subjects: str
) -> list[Flowable]:
    """The unit and the title in capitals, then the subject lines, centred."""
    return [
        Paragraph(text(unit_name.upper()), st["unit"]),
        Spacer(1, 4 * mm),
        Paragraph(text(title.upper()), st["title"]),
        *(Paragraph(text(subject), st["subject"]) for subject in subjects),
        Spacer(1, 4 * mm),
    ]


def grid_table(cells: list[list], widths: list[float], font_size: float) -> Table:
    """Ruled cells, the first row shaded and repeated at the top of every page."""
    table = Table(cells, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), fonts.REGULAR, font_size),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef1f5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def page_number(canvas: Canvas, doc: SimpleDocTemplate) -> None:
    """ "Trang n" at the bottom right, inside the right margin."""
    canvas.saveState()
    canvas.setFont(fonts.REGULAR, 9)
    canvas.drawRightString(
        doc.pagesize[0] - doc.rightMargin, doc.bottomMargin / 2, _("Trang %(n)s") % {"n": doc.page}
    )
    canvas.restoreState()
