"""Helpers for tests that read PDFs back with pypdf."""

import io

from pypdf import PdfReader


def read_pdf(content: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(content))


def pdf_text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def embedded_font_names(reader: PdfReader) -> dict[str, bool]:
    """Every font a page uses → whether its TrueType program is embedded (/FontFile2)."""
    found: dict[str, bool] = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            described = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = described.get("/FontDescriptor")
            found[str(font["/BaseFont"])] = (
                descriptor is not None and "/FontFile2" in descriptor.get_object()
            )
    return found
