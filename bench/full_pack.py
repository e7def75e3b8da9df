"""How long does the full pack (booklet + every document's PDF) take for 20 documents?

    DJANGO_SETTINGS_MODULE=config.test_settings .venv/bin/python bench/full_pack.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/full_pack.py

One meeting with 10 agenda items and 20 real PDFs of about 10 pages each (text, a table
and a drawing per page, made here with reportlab), uploaded through
agenda.services.documents; 2 of them confidential, so the pack stamps their pages with
the reader's watermark. Then agenda.pdf.booklet.full_pack_pdf as that reader, timed, and
the booklet alone for comparison. Prints figures; asserts nothing. Options: --documents N
--pages N --confidential N --runs N.
"""

import argparse
import io
import os
import random
import shutil
import tempfile
import time

from throwaway import report, throwaway_database

SEED = 2025
PHRASE = "báo cáo kết quả thực hiện nhiệm vụ phát triển kinh tế xã hội quý năm kế hoạch"


def document_pdf(rng: random.Random, number: int, pages: int) -> bytes:
    """A plain administrative-looking PDF: a heading, paragraphs and a small table per page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from meetings.pdf import fonts

    fonts.register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    words = PHRASE.split()
    for page in range(1, pages + 1):
        canvas.setFont(fonts.BOLD, 14)
        canvas.drawString(72, 780, f"Tài liệu số {number} - trang {page}")
        canvas.setFont(fonts.REGULAR, 11)
        for line in range(40):
            canvas.drawString(72, 750 - line * 14, " ".join(rng.choices(words, k=12)))
        for row in range(6):
            for col in range(5):
                canvas.rect(72 + col * 90, 140 - row * 16, 90, 16)
                canvas.drawString(76 + col * 90, 144 - row * 16, f"{rng.randint(0, 99999):,}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def build(rng: random.Random, *, documents: int, pages: int, confidential: int):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from agenda.services.documents import DocumentFields, document_create
    from agenda.services.items import ItemInput, agenda_item_create
    from meetings.services.scheduling import meeting_schedule
    from tests.world import build_world

    world = build_world()
    data = world.meeting_input(participants=[(world.delegate.pk, world.rooms[0].pk)], hours=4)
    meeting = meeting_schedule(actor=world.organizer, data=data, notify=False)
    items = [
        agenda_item_create(
            actor=world.organizer,
            meeting_id=meeting.pk,
            data=ItemInput(title=f"Nội dung {n}", planned_minutes=20),
        )
        for n in range(1, 11)
    ]
    total_pages = 0
    for number in range(1, documents + 1):
        page_count = rng.randint(pages - 2, pages + 2)
        total_pages += page_count
        secret = number <= confidential
        document_create(
            actor=world.organizer,
            meeting_id=meeting.pk,
            fields=DocumentFields(
                title=f"Tài liệu số {number}",
                agenda_item_id=items[number % len(items)].pk,
                is_confidential=secret,
                reader_ids=(world.delegate.pk,) if secret else (),
            ),
            upload=SimpleUploadedFile(
                f"tai-lieu-{number}.pdf", document_pdf(rng, number, page_count)
            ),
        )
    return world.delegate, meeting, total_pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=20)
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--confidential", type=int, default=2)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()

    media = tempfile.mkdtemp(prefix="bench_media_")
    os.environ["MEDIA_ROOT"] = media
    try:
        with throwaway_database() as where:
            from pypdf import PdfReader

            from agenda.pdf.booklet import booklet_pdf, full_pack_pdf
            from meetings import selectors

            print(f"database: {where}")
            reader, meeting, total_pages = build(
                random.Random(SEED),
                documents=args.documents,
                pages=args.pages,
                confidential=args.confidential,
            )
            meeting = selectors.meeting_get(reader, meeting.pk)
            print(
                f"{args.documents} documents, {total_pages} pages in all "
                f"({args.confidential} confidential, watermarked for the reader)"
            )
            for label, build_pdf in (("booklet alone", booklet_pdf), ("full pack", full_pack_pdf)):
                content = build_pdf(user=reader, meeting=meeting)  # warm fonts and caches
                samples = []
                for _ in range(args.runs):
                    began = time.perf_counter()
                    content = build_pdf(user=reader, meeting=meeting)
                    samples.append((time.perf_counter() - began) * 1000)
                report(label, samples)
                pack = PdfReader(io.BytesIO(content))
                print(f"    {len(pack.pages)} pages, {len(content) / 1024 / 1024:.1f} MB")
    finally:
        shutil.rmtree(media, ignore_errors=True)


if __name__ == "__main__":
    main()
