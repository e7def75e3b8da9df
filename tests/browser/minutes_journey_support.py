"""Set-up for the minutes' browser journeys: a meeting held through the live room's services,
a signing certificate for its host unit, and (for the journeys that start later) minutes
taken through draft, approval and publishing by the services, as the people would have.
"""

import io
import zipfile
from pathlib import Path

from django.core.cache import cache
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from agenda.models import Minutes, MinutesVersion
from agenda.services.minutes import minutes_approve, minutes_draft_build, minutes_submit
from agenda.services.minutes_publish import minutes_publish
from tests.agenda.minutes_support import Held, hold_meeting
from tests.agenda.signing_support import store_certificate
from tests.world import World


def held_with_certificate(world: World) -> Held:
    """The meeting of tests/agenda/minutes_support.py, ended; the province signs its minutes."""
    held = hold_meeting(world)
    store_certificate(world.province)
    cache.clear()  # /verify/ rate-limits uploads per address, in the process-wide cache
    return held


def publish_through_services(held: Held) -> MinutesVersion:
    """Draft → submitted → approved (signed here) → published, by the secretary and chair."""
    meeting_id = held.meeting.pk
    draft = minutes_draft_build(actor=held.secretary, meeting_id=meeting_id)
    minutes_submit(actor=held.secretary, meeting_id=meeting_id, number=draft.number)
    approved = minutes_approve(actor=held.chair, meeting_id=meeting_id, number=draft.number)
    minutes_publish(actor=held.secretary, minutes=Minutes.objects.get(meeting=held.meeting))
    return approved


def pdf_text(data: bytes) -> str:
    """The PDF's text as a reader's viewer would extract it, lines joined by spaces."""
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def download(page: Page, click) -> tuple[str, bytes]:
    """Click what starts a download; (the file name the browser proposes, its bytes)."""
    with page.expect_download() as started:
        click()
    path = started.value.path()
    return started.value.suggested_filename, Path(path).read_bytes()


def zip_entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


# A flash follows a POST that may render and sign a PDF or send e-mails with it: on a busy
# machine that outlasts Playwright's 5 s default.
FLASH_TIMEOUT_MS = 15_000


def expect_flash(page: Page, text: str) -> None:
    """The message a page shows after an action (Django messages) contains `text`."""
    expect(page.locator(".flash")).to_contain_text(text, timeout=FLASH_TIMEOUT_MS)
