"""Lay a reportlab story out into PDF bytes with the product's embedded font."""

import io
from collections.abc import Callable

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

from meetings.pdf import fonts

PagePainter = Callable[[Canvas, SimpleDocTemplate], None]


def render_story(
    story: list[Flowable],
    *,
    pagesize: tuple[float, float],
    margins: tuple[float, float, float, float],  # top, right, bottom, left
    font_size: float,
    title: str,
    author: str,
    on_page: PagePainter,
) -> bytes:
    fonts.register_fonts()
    buffer = io.BytesIO()
    top, right, bottom, left = margins
    doc = SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        topMargin=top,
        rightMargin=right,
        bottomMargin=bottom,
        leftMargin=left,
        title=title,
        author=author,
        creator="Điểm Cầu",
        lang="vi",
        # Otherwise the canvas starts in Helvetica, a font that is never embedded.
        initialFontName=fonts.REGULAR,
        initialFontSize=font_size,
    )
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()
