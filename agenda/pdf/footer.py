"""What every page of the minutes and their companion documents carries.

The page number from page 2 (centred in the top margin, Decree 30), and in the bottom
margin either the verification block (a QR code of the public verification page, the
short code and the address, so a printed copy can be checked) or, on a draft, a
"BẢN DỰ THẢO" stamp across the page and no code at all.
"""

from itertools import groupby

from reportlab.graphics.barcode import qrencoder
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import SimpleDocTemplate

from meetings.pdf import decree30, fonts
from meetings.pdf.layout import PagePainter

DRAFT_STAMP = "BẢN DỰ THẢO"
QR_SIZE = 16 * mm
QR_BOTTOM = 2.5 * mm
QR_QUIET = 2  # modules of white around the code, for the scanners
CODE_SIZE = 8.5
URL_SIZE = 7
# Drawn once per document as a form XObject, then placed on every page: a QR is a few
# hundred rectangles, and repeating them on each of 60 pages would bloat the file.
QR_FORM = "dcVerifyQR"
GREY = colors.HexColor("#444444")


def code_line(code: str) -> str:
    return f"Mã xác thực: {code}"


def url_line(verify_url: str) -> str:
    return f"Kiểm tra bản gốc tại {verify_url}"


def page_painter(
    *, verification_code: str | None, verify_url: str | None, draft: bool
) -> PagePainter:
    """The page painter for build_pdf(on_page=…). A draft has the stamp and no code;
    with a code, the footer (QR only when there is a URL to encode)."""

    def paint(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        decree30.page_number(canvas, doc)
        if draft:
            canvas.saveState()
            decree30.draw_stamp(canvas, DRAFT_STAMP)
            canvas.restoreState()
        elif verification_code:
            _verification(canvas, verification_code, verify_url)

    return paint


def qr_modules(value: str) -> list[list[bool]]:
    """The dark (True) and light modules of the QR code of `value` (error correction M),
    from reportlab's own encoder."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(value)
    code.make()
    size = code.getModuleCount()
    return [[bool(code.isDark(row, col)) for col in range(size)] for row in range(size)]


def draw_qr(canvas: Canvas, value: str, size: float = QR_SIZE) -> None:
    """The QR code as one vector path (a rectangle per run of dark modules) in a
    size × size square from the current origin, quiet zone included."""
    modules = qr_modules(value)
    cell = size / (len(modules) + 2 * QR_QUIET)
    path = canvas.beginPath()
    for r, row in enumerate(modules):
        y = size - (r + QR_QUIET + 1) * cell
        c = 0
        for dark, run in groupby(row):
            length = len(list(run))
            if dark:
                path.rect((c + QR_QUIET) * cell, y, length * cell, cell)
            c += length
    canvas.setFillColor(colors.black)
    canvas.drawPath(path, stroke=0, fill=1)


def _verification(canvas: Canvas, code: str, verify_url: str | None) -> None:
    left = decree30.MARGIN_LEFT
    text_x = left
    canvas.saveState()
    if verify_url:
        if not canvas.hasForm(QR_FORM):
            canvas.beginForm(QR_FORM)
            draw_qr(canvas, verify_url)
            canvas.endForm()
        canvas.translate(left, QR_BOTTOM)
        canvas.doForm(QR_FORM)
        canvas.translate(-left, -QR_BOTTOM)
        text_x = left + QR_SIZE + 1.5 * mm
    # A thin rule separates the footer from the text above it.
    top = QR_BOTTOM + QR_SIZE
    canvas.setStrokeColor(colors.HexColor("#999999"))
    canvas.setLineWidth(0.4)
    canvas.line(text_x, top - 2 * mm, decree30.PAGE_SIZE[0] - decree30.MARGIN_RIGHT, top - 2 * mm)
    canvas.setFillColor(GREY)
    canvas.setFont(fonts.BOLD, CODE_SIZE)
    canvas.drawString(text_x, top - 6.5 * mm, code_line(code))
    if verify_url:
        line = url_line(verify_url)
        room = decree30.PAGE_SIZE[0] - decree30.MARGIN_RIGHT - text_x
        # A long address shrinks rather than running off the page.
        size = min(URL_SIZE, URL_SIZE * room / max(stringWidth(line, fonts.REGULAR, URL_SIZE), 1))
        canvas.setFont(fonts.REGULAR, size)
        canvas.drawString(text_x, top - 10.5 * mm, line)
    canvas.restoreState()
