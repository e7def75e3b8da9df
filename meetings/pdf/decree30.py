"""Layout shared by administrative documents (Decree 30/2020/NĐ-CP, Appendix I).

These are legal forms written in Vietnamese whatever the reader's interface
language, so their fixed wording is not translated.

The invitation letter uses it now; the minutes (form 1.9 of Appendix III) reuse the
same page, header, signature and recipients blocks.
"""

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from meetings.models import Unit
from meetings.pdf import fonts
from meetings.pdf.layout import PagePainter, render_story
from meetings.vietnamese_dates import document_date

PAGE_SIZE = A4
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 20 * mm, 20 * mm, 30 * mm, 15 * mm
TEXT_WIDTH = PAGE_SIZE[0] - MARGIN_LEFT - MARGIN_RIGHT
BODY_SIZE = 13
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
NATIONAL_NAME_SIZE = 12
MOTTO_SIZE = 13
# The national motto is ~88 mm wide at 12 pt; the agency takes what is left.
AGENCY_COLUMN = 67 * mm
NATIONAL_COLUMN = TEXT_WIDTH - AGENCY_COLUMN

# Administrative prefixes dropped when a unit's name gives the place of issue.
PLACE_PREFIXES = ("Thành phố ", "Tỉnh ", "Đặc khu ", "Phường ", "Xã ", "TP. ")
# Joining words that abbreviations of agency names leave out.
LINKING_WORDS = {"và"}
PLACE_KINDS = (Unit.Kind.PROVINCE, Unit.Kind.COMMUNE, Unit.Kind.WARD, Unit.Kind.SPECIAL_ZONE)


@dataclass(frozen=True)
class Issuer:
    """The issuing agency as the header prints it."""

    parent_name: str  # the governing agency (cơ quan chủ quản), "" if none
    name: str
    place: str  # địa danh: the province or commune the agency sits in
    abbreviation: str  # after the document code, e.g. "GM-TLS"


def place_of(unit: Unit) -> str:
    """The nearest province or commune above (or at) the unit, without "Tỉnh", "Xã"…."""
    for node in (unit, *unit.ancestors()):
        if node.kind in PLACE_KINDS:
            for prefix in PLACE_PREFIXES:
                if node.name.startswith(prefix):
                    return node.name.removeprefix(prefix)
            return node.name
    return unit.name


def abbreviation_of(name: str) -> str:
    """Initials without tone marks ("Sở Nông nghiệp và Môi trường" → "SNNMT"); Đ stays Đ."""
    words = [w for w in name.split() if w[0].isalpha() and w.lower() not in LINKING_WORDS]
    initials = "".join(w[0] for w in words).upper()
    bare = unicodedata.normalize("NFD", initials)
    return "".join(ch for ch in bare if not unicodedata.combining(ch))


def issuer_of(unit: Unit) -> Issuer:
    return Issuer(
        parent_name=unit.parent.name if unit.parent_id else "",
        name=unit.name,
        place=place_of(unit),
        abbreviation=abbreviation_of(unit.name),
    )


@cache
def styles() -> dict[str, ParagraphStyle]:
    fonts.register_fonts()
    base = ParagraphStyle(
        "body",
        fontName=fonts.REGULAR,
        fontSize=BODY_SIZE,
        leading=BODY_SIZE * 1.22,
        alignment=TA_JUSTIFY,
        spaceAfter=3,
    )

    def variant(name: str, **changes) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **changes)

    centered = {"alignment": TA_CENTER, "spaceAfter": 0}
    return {
        "body": base,
        "paragraph": variant("paragraph", firstLineIndent=10 * mm),
        "item": variant("item", leftIndent=10 * mm, firstLineIndent=-4 * mm),
        "agency_parent": variant("agency_parent", fontSize=12, leading=15, **centered),
        "agency": variant("agency", fontName=fonts.BOLD, fontSize=12, leading=15, **centered),
        "national": variant(
            "national", fontName=fonts.BOLD, fontSize=NATIONAL_NAME_SIZE, leading=15, **centered
        ),
        "motto": variant("motto", fontName=fonts.BOLD, fontSize=MOTTO_SIZE, leading=16, **centered),
        "number": variant("number", **centered),
        "place_date": variant("place_date", fontName=fonts.ITALIC, **centered),
        "title": variant("title", fontName=fonts.BOLD, fontSize=14, leading=18, **centered),
        "subject": variant("subject", fontName=fonts.BOLD, fontSize=BODY_SIZE, **centered),
        "recipients_heading": variant(
            "recipients_heading",
            fontName=fonts.BOLD_ITALIC,
            fontSize=12,
            leading=14,
            alignment=TA_LEFT,
        ),
        "recipients": variant(
            "recipients", fontSize=11, leading=13, alignment=TA_LEFT, spaceAfter=0
        ),
        "signer": variant("signer", fontName=fonts.BOLD, **centered),
    }


def text(value: str) -> str:
    """User text made safe inside a reportlab Paragraph (which reads a little XML)."""
    return escape(value).replace("\n", "<br/>")


class CenteredRule(Flowable):
    """A thin line of a given length, centred in whatever width it is given.

    (HRFlowable ignores its alignment inside table cells.)
    """

    def __init__(self, length: float, *, gap_above: float = 1.5, gap_below: float = 4) -> None:
        super().__init__()
        self.length, self.gap_above, self.gap_below = length, gap_above, gap_below
        self.avail_width = length

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.avail_width = availWidth
        return availWidth, self.gap_above + self.gap_below

    def draw(self) -> None:
        y = self.gap_below
        x = (self.avail_width - self.length) / 2
        self.canv.setLineWidth(0.6)
        self.canv.line(x, y, x + self.length, y)


def layout_table(rows: list[list], widths: list[float], *, bottom_padding: float = 0) -> Table:
    """An invisible grid that places blocks side by side, top-aligned, without padding."""
    table = Table(rows, colWidths=widths)
    table.setStyle(
        TableStyle(
            [
                # Tables otherwise switch the canvas to Helvetica, a font never embedded.
                ("FONT", (0, 0), (-1, -1), fonts.REGULAR, BODY_SIZE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), bottom_padding),
            ]
        )
    )
    return table


def document_header(issuer: Issuer, *, code: str, issued_on: date) -> Table:
    """Agency and number on the left, national name, motto, place and date on the right."""
    # The number is filled in by the records office (văn thư) when the letter is issued.
    number = f"Số:{'&nbsp;' * 10}/{escape(code)}-{escape(issuer.abbreviation)}"
    return header_table(
        parent=issuer.parent_name,
        agency=issuer.name,
        number_markup=number,
        place_date=f"{issuer.place}, {document_date(issued_on)}",
    )


def header_table(*, parent: str, agency: str, number_markup: str, place_date: str) -> Table:
    """The header from its printed parts: `number_markup` is Paragraph markup ("Số: …"
    or "" for none), the rest plain text."""
    st = styles()
    left: list[Flowable] = []
    if parent:
        left.append(Paragraph(text(parent.upper()), st["agency_parent"]))
    agency = agency.upper()
    left.append(Paragraph(text(agency), st["agency"]))
    # A short rule: a third to a half of the agency line.
    agency_width = min(stringWidth(agency, fonts.BOLD, 12), AGENCY_COLUMN)
    left.append(CenteredRule(max(agency_width / 2.5, 15 * mm)))
    right = [
        Paragraph(NATIONAL_NAME, st["national"]),
        Paragraph(MOTTO, st["motto"]),
        CenteredRule(stringWidth(MOTTO, fonts.BOLD, MOTTO_SIZE)),
    ]
    number = Paragraph(number_markup, st["number"]) if number_markup else ""
    when = Paragraph(text(place_date), st["place_date"]) if place_date else ""
    return layout_table(
        [[left, right], [number, when]], [AGENCY_COLUMN, NATIONAL_COLUMN], bottom_padding=2
    )


def document_title(title: str, subject: str) -> list[Flowable]:
    st = styles()
    return [
        Spacer(1, 6 * mm),
        Paragraph(text(title.upper()), st["title"]),
        Paragraph(text(subject), st["subject"]),
        Spacer(1, 5 * mm),
    ]


def recipients_block(items: Sequence[str]) -> list[Flowable]:
    """ "Nơi nhận:" and its list, printed small at the bottom left."""
    st = styles()
    return [
        Paragraph("Nơi nhận:", st["recipients_heading"]),
        *(Paragraph(text(f"- {item}"), st["recipients"]) for item in items),
    ]


def signature_block(titles: Sequence[str], name: str) -> list[Flowable]:
    """Signer's authority and position in capitals, room to sign and seal, then the name."""
    st = styles()
    return [
        *(Paragraph(text(title.upper()), st["signer"]) for title in titles),
        Spacer(1, 20 * mm),
        Paragraph(text(name), st["signer"]),
    ]


def side_by_side(left: list[Flowable], right: list[Flowable], left_share: float = 0.45) -> Table:
    width = TEXT_WIDTH * left_share
    return layout_table([[left, right]], [width, TEXT_WIDTH - width])


def _page_painter(stamp: str) -> PagePainter:
    def paint(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        page_number(canvas, doc)
        if stamp:
            canvas.saveState()
            draw_stamp(canvas, stamp)
            canvas.restoreState()

    return paint


def page_number(canvas: Canvas, doc: SimpleDocTemplate) -> None:
    """Pages are numbered from the second one, centred in the top margin."""
    if doc.page > 1:
        canvas.saveState()
        canvas.setFont(fonts.REGULAR, BODY_SIZE)
        canvas.drawCentredString(
            PAGE_SIZE[0] / 2 + (MARGIN_LEFT - MARGIN_RIGHT) / 2,
            PAGE_SIZE[1] - MARGIN_TOP / 2 - 4,
            str(doc.page),
        )
        canvas.restoreState()


def draw_stamp(canvas: Canvas, stamp: str) -> None:
    """A red, tilted, framed mark across the page (e.g. "ĐÃ HỦY"); changes the canvas
    state, so the caller saves and restores it."""
    size = 44
    width = stringWidth(stamp, fonts.BOLD, size)
    canvas.translate(PAGE_SIZE[0] / 2, PAGE_SIZE[1] / 2)
    canvas.rotate(25)
    canvas.setFillColor(colors.red)
    canvas.setStrokeColor(colors.red)
    canvas.setFillAlpha(0.45)
    canvas.setStrokeAlpha(0.45)
    canvas.setLineWidth(3)
    canvas.roundRect(-width / 2 - 8 * mm, -8 * mm, width + 16 * mm, size + 6 * mm, 4 * mm)
    canvas.setFont(fonts.BOLD, size)
    canvas.drawCentredString(0, -1 * mm, stamp)


def build_pdf(
    story: list[Flowable],
    *,
    title: str,
    author: str,
    stamp: str = "",
    on_page: PagePainter | None = None,
) -> bytes:
    """Lay the story out on A4 with the decree's margins; an optional stamp on every page.

    `on_page` replaces the default painter (page number from page 2, and the stamp)."""
    return render_story(
        story,
        pagesize=PAGE_SIZE,
        margins=(MARGIN_TOP, MARGIN_RIGHT, MARGIN_BOTTOM, MARGIN_LEFT),
        font_size=BODY_SIZE,
        title=title,
        author=author,
        on_page=on_page or _page_painter(stamp),
    )
