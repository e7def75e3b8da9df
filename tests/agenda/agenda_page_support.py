"""What the agenda page tests share: items added through the service, and documents with
real PDF bytes stored as an upload would store them."""

import hashlib
from io import BytesIO

from django.core.files.base import ContentFile
from reportlab.pdfgen import canvas

from agenda.models import AgendaItem, Document, DocumentVersion
from agenda.services.items import ItemInput, agenda_item_create
from meetings.models import Meeting, User


def pdf_bytes(pages: int = 3) -> bytes:
    buffer = BytesIO()
    sheet = canvas.Canvas(buffer)
    for number in range(1, pages + 1):
        sheet.drawString(72, 720, f"Trang {number}")
        sheet.showPage()
    sheet.save()
    return buffer.getvalue()


def add_items(actor: User, meeting: Meeting, *minutes: int) -> list[AgendaItem]:
    return [
        agenda_item_create(
            actor=actor,
            meeting_id=meeting.pk,
            data=ItemInput(title=f"Mục {number}", planned_minutes=planned),
        )
        for number, planned in enumerate(minutes, start=1)
    ]


def add_document(
    meeting: Meeting,
    uploader: User,
    *,
    title: str = "Báo cáo tình hình",
    item: AgendaItem | None = None,
    confidential: bool = False,
    readers: tuple[User, ...] = (),
    versions: int = 1,
    pages: int = 3,
) -> Document:
    document = Document.objects.create(
        meeting=meeting,
        agenda_item=item,
        title=title,
        is_confidential=confidential,
        created_by=uploader,
    )
    document.readers.set(readers)
    for number in range(1, versions + 1):
        content = pdf_bytes(pages)
        version = DocumentVersion(
            document=document,
            number=number,
            original_name=f"bao-cao-v{number}.pdf",
            content_type="application/pdf",
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            page_count=pages,
            uploaded_by=uploader,
        )
        version.file.save("upload.pdf", ContentFile(content), save=False)
        version.save()
    return document
