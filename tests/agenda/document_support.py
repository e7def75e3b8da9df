"""Real files for the document tests, built in the test: PDFs, office zips, images,
executables, zip bombs; and a throw-away media folder."""

import io
import struct
import zipfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from agenda.models import Document, DocumentVersion
from agenda.services import documents as services
from meetings.models import Meeting, User
from meetings.pdf import fonts

OFFICE_MAIN = {
    "docx": (
        "word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ),
    "xlsx": (
        "xl/workbook.xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    ),
    "pptx": (
        "ppt/presentation.xml",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    ),
}
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="{main}"/></Relationships>'
)
MB = 1024 * 1024


def isolated_media(settings, tmp_path: Path) -> Path:
    """Point uploads at a fresh folder (call from an autouse fixture), so that a test
    sees every file stored and none lands in the project's media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media: Path) -> list[Path]:
    return sorted(p for p in media.rglob("*") if p.is_file()) if media.exists() else []


def pdf_bytes(
    pages: int = 1, text: str = "Báo cáo kinh tế - xã hội", *, wide: bool = False
) -> bytes:
    """A real PDF made with reportlab, `text` and the page number on every page."""
    fonts.register_fonts()
    buffer = io.BytesIO()
    size = landscape(A4) if wide else A4
    canvas = Canvas(buffer, pagesize=size)
    for number in range(1, pages + 1):
        canvas.setFont(fonts.REGULAR, 14)
        canvas.drawString(72, size[1] - 72, f"{text} - trang {number}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def encrypted_pdf_bytes() -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes())))
    writer.encrypt(user_password="mat-khau", owner_password="chu-so-huu")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def office_bytes(kind: str = "docx", *, extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal real OOXML package: [Content_Types].xml first, rels, the main part."""
    main, main_type = OFFICE_MAIN[kind]
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{main}" ContentType="{main_type}"/></Types>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", RELS.format(main=main))
        archive.writestr(main, f'<?xml version="1.0"?><root kind="{kind}">Nội dung</root>')
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def zip_bomb_bytes(megabytes: int, kind: str = "docx") -> bytes:
    """An office file with `megabytes` of zeros inside, written in chunks (compresses ~1000:1)."""
    buffer = io.BytesIO(office_bytes(kind))
    chunk = bytes(MB)
    with (
        zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
        archive.open("word/media/zeros.bin", "w", force_zip64=True) as target,
    ):
        for _ in range(megabytes):
            target.write(chunk)
    return buffer.getvalue()


def image_bytes(kind: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, kind)
    return buffer.getvalue()


def elf_bytes() -> bytes:
    """The header of a 64-bit Linux executable, followed by some code-like bytes."""
    header = b"\x7fELF" + bytes([2, 1, 1, 0]) + bytes(8)
    header += struct.pack("<HHIQQQIHHHHHH", 2, 0x3E, 1, 0x401000, 64, 0, 0, 64, 56, 1, 0, 0, 0)
    return header + b"\x90" * 512


def pe_bytes() -> bytes:
    """A Windows executable: the MZ stub pointing at a PE header."""
    stub = bytearray(b"MZ" + bytes(62))
    stub[0x3C:0x40] = struct.pack("<I", 64)
    return bytes(stub) + b"PE\x00\x00" + struct.pack("<HH", 0x14C, 1) + bytes(512)


def upload_file(name: str, data: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def create_document(
    meeting: Meeting,
    actor: User,
    *,
    name: str = "Báo cáo quý 3.pdf",
    data: bytes | None = None,
    **fields,
) -> Document:
    return services.document_create(
        actor=actor,
        meeting_id=meeting.pk,
        fields=services.DocumentFields(**fields),
        upload=upload_file(name, pdf_bytes() if data is None else data),
    )


def latest(document: Document) -> DocumentVersion:
    return document.versions.order_by("-number").first()
