"""The paperless journey: the organizer uploads and publishes, a delegate is notified and
downloads the document, and the organizer's board shows it received."""

from io import BytesIO

import pytest
from playwright.sync_api import expect
from reportlab.pdfgen import canvas

from meetings.services.scheduling import meeting_schedule
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser


def _pdf(path) -> None:
    buffer = BytesIO()
    sheet = canvas.Canvas(buffer)
    sheet.drawString(72, 720, "Du thao ke hoach thang 12")
    sheet.showPage()
    sheet.save()
    path.write_bytes(buffer.getvalue())


def test_publish_then_the_board_shows_the_delegate_downloaded(world, signed_in, tmp_path):
    meeting = meeting_schedule(
        actor=world.organizer,
        data=world.meeting_input(participants=[(world.delegate.pk, world.rooms[0].pk)]),
        notify=False,
    )
    pdf = tmp_path / "du-thao.pdf"
    _pdf(pdf)

    organizer = signed_in("organizer")
    organizer.goto(f"/meetings/{meeting.pk}/agenda/")
    organizer.get_by_text("Tải tài liệu chung lên").click()
    organizer.locator("#upload-meeting-title").fill("Dự thảo kế hoạch tháng 12")
    organizer.locator("#upload-meeting-file").set_input_files(str(pdf))
    organizer.get_by_role("button", name="Tải lên").last.click()
    expect(organizer.locator(".flash")).to_contain_text("Đã tải lên tài liệu")
    organizer.get_by_role("button", name="Công bố chương trình").click()
    expect(organizer.locator("body")).to_contain_text("Đã công bố")

    delegate = signed_in("delegate")
    expect(delegate.locator("header")).to_contain_text("Thông báo")
    delegate.goto(f"/meetings/{meeting.pk}/agenda/")
    with delegate.expect_download() as download:
        delegate.get_by_role("link", name="Tải về").click()
    assert download.value.suggested_filename.endswith(".pdf")

    organizer.goto(f"/meetings/{meeting.pk}/distribution/")
    row = organizer.locator("tr", has_text=world.delegate.display_name)
    expect(row).to_contain_text("đã mở 1/1 tài liệu")
    screenshot(organizer, "distribution-board")
