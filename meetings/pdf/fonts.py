"""IBM Plex Serif, installed from PyPI, registered once for reportlab.

Never a system font: the PDF must look the same on every server and carry
every Vietnamese glyph, so the TrueType files are embedded from the package.
"""

from functools import cache

import fontpkg_ibm_plex_serif
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

# Face names follow the package's file names (IBMPlexSerif-Bold.ttf …).
FAMILY = "IBMPlexSerif"
REGULAR = f"{FAMILY}-Regular"
BOLD = f"{FAMILY}-Bold"
ITALIC = f"{FAMILY}-Italic"
BOLD_ITALIC = f"{FAMILY}-BoldItalic"


@cache
def register_fonts() -> str:
    """Register the four faces and the family mapping (for <b> and <i>); return the family."""
    files = fontpkg_ibm_plex_serif.ROOT / "files"
    for face in (REGULAR, BOLD, ITALIC, BOLD_ITALIC):
        pdfmetrics.registerFont(TTFont(face, str(files / f"{face}.ttf")))
    for bold, italic, face in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, ITALIC), (1, 1, BOLD_ITALIC)):
        addMapping(FAMILY, bold, italic, face)
    return FAMILY
