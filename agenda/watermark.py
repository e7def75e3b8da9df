"""The per-reader watermark on confidential documents (tài liệu mật).

Every page of the copy a reader gets carries their name, unit and the time, written
diagonally and lightly across the page, plus a small footer line. The stamp is built
with reportlab (IBM Plex Serif, which has every Vietnamese glyph) and merged with
pypdf; the stored file is only read, never changed.
"""

import io
import math
from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO

from django.utils.translation import gettext as _
from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from meetings.models import Membership, User
from meetings.pdf import fonts
from meetings.vietnamese_dates import date_time_short

DIAGONAL_ALPHA = 0.16
FOOTER_ALPHA = 0.7
GREY = 0.45
NAME_MAX_SIZE = 54
FOOTER_SIZE = 7
# Share of the page diagonal the longest diagonal line may take.
DIAGONAL_FILL = 0.75


@dataclass(frozen=True)
class Stamp:
    reader_name: str
    unit_name: str
    at: datetime

    @property
    def when(self) -> str:
        return date_time_short(self.at)

    def footer(self) -> str:
        return _(
            "Tài liệu mật · Bản của %(name)s (%(unit)s) · Tải lúc %(when)s · "
            "Không sao chụp, chuyển tiếp."
        ) % {"name": self.reader_name, "unit": self.unit_name or "—", "when": self.when}


def stamp_for(user: User, at: datetime) -> Stamp:
    """The reader's name and unit (their first membership's) at the given time."""
    membership = Membership.objects.filter(user=user).select_related("unit").order_by("pk").first()
    return Stamp(
        reader_name=user.display_name,
        unit_name=membership.unit.name if membership else "",
        at=at,
    )


def watermark_pdf(source: BinaryIO, stamp: Stamp) -> bytes:
    """A copy of the PDF with the stamp over every page."""
    writer = PdfWriter(clone_from=PdfReader(source))
    overlays: dict[tuple[float, float], PageObject] = {}
    for page in writer.pages:
        if page.rotation:
            # Stamp what the reader sees upright, whatever /Rotate the page had.
            page.transfer_rotation_to_content()
        box = page.cropbox
        size = (float(box.width), float(box.height))
        if size not in overlays:
            overlays[size] = _overlay(size, stamp)
        page.merge_transformed_page(
            overlays[size], Transformation().translate(float(box.left), float(box.bottom))
        )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _fitted_size(text: str, font: str, width: float, largest: float) -> float:
    return min(largest, width / max(stringWidth(text, font, 1), 1))


def _overlay(size: tuple[float, float], stamp: Stamp) -> PageObject:
    fonts.register_fonts()
    width, height = size
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=size, pageCompression=1)
    canvas.setFillColorRGB(GREY, GREY, GREY)

    canvas.saveState()
    canvas.setFillAlpha(DIAGONAL_ALPHA)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(math.degrees(math.atan2(height, width)))
    room = math.hypot(width, height) * DIAGONAL_FILL
    name_size = _fitted_size(stamp.reader_name, fonts.BOLD, room, NAME_MAX_SIZE)
    detail = f"{stamp.unit_name} · {stamp.when}" if stamp.unit_name else stamp.when
    detail_size = _fitted_size(detail, fonts.REGULAR, room, name_size * 0.5)
    canvas.setFont(fonts.BOLD, name_size)
    canvas.drawCentredString(0, detail_size * 0.6, stamp.reader_name)
    canvas.setFont(fonts.REGULAR, detail_size)
    canvas.drawCentredString(0, -detail_size * 1.4, detail)
    canvas.restoreState()

    canvas.setFillAlpha(FOOTER_ALPHA)
    footer = stamp.footer()
    canvas.setFont(fonts.REGULAR, _fitted_size(footer, fonts.REGULAR, width - 10 * mm, FOOTER_SIZE))
    canvas.drawCentredString(width / 2, 4 * mm, footer)
    canvas.showPage()
    canvas.save()
    return PdfReader(io.BytesIO(buffer.getvalue())).pages[0]
