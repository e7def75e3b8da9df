"""The organizer builds an agenda, reorders it from the keyboard and by dragging, uploads a
PDF to an item; a delegate reads it on a tablet."""

import re
from io import BytesIO

import pytest
from playwright.sync_api import expect
from reportlab.pdfgen import canvas

from agenda.models import Document
from meetings.services.scheduling import meeting_schedule
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

ITEMS = [
    ("Khai mạc, giới thiệu đại biểu", "report", "10"),
    ("Báo cáo tình hình kinh tế - xã hội tháng 11", "report", "45"),
    ("Thảo luận và biểu quyết kế hoạch tháng 12", "decision", "30"),
]


def _pdf(path, pages: int = 4) -> None:
    buffer = BytesIO()
    sheet = canvas.Canvas(buffer)
    for number in range(1, pages + 1):
        sheet.setFont("Helvetica", 28)
        sheet.drawString(72, 720, f"Bao cao - trang {number}")
        sheet.showPage()
    sheet.save()
    path.write_bytes(buffer.getvalue())


def _titles(page) -> list[str]:
    return page.locator(".agenda-list > .agenda-item .item-title").all_inner_texts()


def _db_titles(meeting) -> list[str]:
    return list(meeting.agenda_items.order_by("position").values_list("title", flat=True))


def _meeting(world):
    return meeting_schedule(
        actor=world.organizer,
        data=world.meeting_input(participants=[(world.delegate.pk, world.rooms[0].pk)]),
        notify=False,
    )


def _add_items(page) -> None:
    for title, kind, minutes in ITEMS:
        page.fill("#new-item-title", title)
        page.select_option("#new-item-kind", kind)
        page.fill("#new-item-planned_minutes", minutes)
        page.get_by_role("button", name="Thêm mục", exact=True).click()
        expect(page.locator(".flash")).to_contain_text(f"Đã thêm mục “{title}”.")


def test_organizer_builds_reorders_with_the_keyboard_and_uploads(world, signed_in, tmp_path):
    meeting = _meeting(world)
    page = signed_in("organizer")
    page.goto(f"/meetings/{meeting.pk}/")
    page.get_by_role("link", name="Soạn chương trình và tài liệu").click()
    expect(page.locator("h1")).to_have_text("Chương trình họp")

    _add_items(page)
    expect(page.locator(".timing")).to_contain_text("85 phút / 120 phút của cuộc họp")
    expect(page.locator("#item-" + str(meeting.agenda_items.get(position=3).pk))).to_contain_text(
        "08:55–09:25"
    )

    # Keyboard: focus "Xuống" on the first item and press Enter twice; it ends last.
    opening = meeting.agenda_items.get(position=1)
    down = page.locator(f"#item-{opening.pk} [data-move=down]")
    down.focus()
    page.keyboard.press("Enter")
    announce = page.locator("#agenda-announce")
    expect(announce).to_have_text(f"Đã chuyển “{ITEMS[0][0]}” xuống vị trí 2.")
    expect(down).to_be_focused()
    page.keyboard.press("Enter")
    expect(announce).to_have_text(f"Đã chuyển “{ITEMS[0][0]}” xuống vị trí 3.")
    # At the bottom "Xuống" is disabled, so the focus moved to the same item's "Lên".
    expect(page.locator(f"#item-{opening.pk} [data-move=up]")).to_be_focused()
    expect(down).to_be_disabled()
    assert _titles(page) == [ITEMS[1][0], ITEMS[2][0], ITEMS[0][0]]
    assert _db_titles(meeting) == [ITEMS[1][0], ITEMS[2][0], ITEMS[0][0]]
    expect(page.locator(f"#item-{opening.pk} [data-start]")).to_have_text("09:15")
    screenshot(page, "agenda-editor-reordered")

    # Upload a real PDF to the report item.
    report = meeting.agenda_items.get(title=ITEMS[1][0])
    pdf = tmp_path / "bao-cao-thang-11.pdf"
    _pdf(pdf)
    item = page.locator(f"#item-{report.pk}")
    item.get_by_text("Tải tài liệu cho mục này").click()
    page.fill(f"#upload-{report.pk}-title", "Báo cáo KT-XH tháng 11")
    page.set_input_files(f"#upload-{report.pk}-file", str(pdf))
    item.get_by_role("button", name="Tải lên").click()
    expect(page.locator(".flash")).to_contain_text("Đã tải lên tài liệu “Báo cáo KT-XH tháng 11”.")
    expect(page).to_have_url(re.compile(rf"/meetings/{meeting.pk}/agenda/"))
    version = page.locator(f"#item-{report.pk} .version").first
    expect(version).to_contain_text("v1")
    expect(version).to_contain_text("4 trang")
    expect(version).to_contain_text("KB")
    document = Document.objects.get()
    assert document.agenda_item == report
    assert document.versions.get().page_count == 4
    screenshot(page, "agenda-editor-uploaded")


def test_organizer_drags_an_item_by_its_handle(world, signed_in):
    meeting = _meeting(world)
    # Tall enough that the dragged item and its target are both on screen.
    page = signed_in("organizer", viewport={"width": 1024, "height": 1400})
    page.goto(f"/meetings/{meeting.pk}/agenda/")
    _add_items(page)
    first, _second, third = meeting.agenda_items.order_by("position")
    page.goto(f"/meetings/{meeting.pk}/agenda/")  # all three items on screen
    handle = page.locator(f"#item-{third.pk} .drag-handle").bounding_box()
    target = page.locator(f"#item-{first.pk}").bounding_box()
    page.mouse.move(handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2)
    page.mouse.down()
    page.mouse.move(target["x"] + 40, target["y"] + 10, steps=10)
    page.mouse.move(target["x"] + 40, target["y"] + 5, steps=5)
    page.mouse.up()
    expect(page.locator("#agenda-announce")).to_have_text(
        f"Đã chuyển “{ITEMS[2][0]}” đến vị trí 1."
    )
    assert _db_titles(meeting) == [ITEMS[2][0], ITEMS[0][0], ITEMS[1][0]]
    expect(page.locator(f"#item-{first.pk} [data-start]")).to_have_text("08:30")


def test_overrun_warning_and_the_delegates_reading_view(world, signed_in, tmp_path):
    meeting = _meeting(world)
    organizer = signed_in("organizer")
    organizer.goto(f"/meetings/{meeting.pk}/agenda/")
    _add_items(organizer)
    organizer.fill("#new-item-title", "Kết luận của chủ trì")
    organizer.fill("#new-item-planned_minutes", "50")
    organizer.select_option("#new-item-presenter", label="Nguyễn Văn Chủ")
    organizer.get_by_role("button", name="Thêm mục", exact=True).click()
    expect(organizer.locator(".timing-warning")).to_have_text(
        "Vượt 15 phút so với thời gian cuộc họp. Rút ngắn các mục hoặc kéo dài cuộc họp."
    )
    pdf = tmp_path / "du-thao.pdf"
    _pdf(pdf, pages=6)
    organizer.get_by_text("Tải tài liệu chung lên").click()
    organizer.locator("#upload-meeting-title").fill("Dự thảo kế hoạch tháng 12")
    organizer.locator("#upload-meeting-file").set_input_files(str(pdf))
    organizer.get_by_role("button", name="Tải lên").last.click()
    expect(organizer.locator(".flash")).to_contain_text("Đã tải lên tài liệu")
    screenshot(organizer, "agenda-editor-overrun")

    delegate = signed_in("delegate")
    delegate.goto(f"/meetings/{meeting.pk}/")
    expect(delegate.locator("#agenda")).to_contain_text("Kết luận của chủ trì")
    screenshot(delegate, "agenda-meeting-section-delegate")
    delegate.get_by_role("link", name="Xem chương trình và tài liệu").click()
    expect(delegate.locator(".agenda-list .agenda-item")).to_have_count(4)
    expect(delegate.locator("[data-move]")).to_have_count(0)
    screenshot(delegate, "agenda-delegate")

    delegate.get_by_role("link", name="Đọc").click()
    expect(delegate.locator("h1")).to_contain_text("Dự thảo kế hoạch tháng 12")
    delegate.get_by_role("link", name="Trang sau").click()
    expect(delegate).to_have_url(re.compile(r"\?page=2$"))
    expect(delegate.locator("iframe.reader-frame")).to_have_attribute(
        "src", re.compile(r"/open/#page=2$")
    )
    delegate.fill("#page-input", "5")
    delegate.get_by_role("button", name="Đến", exact=True).click()
    expect(delegate.locator("iframe.reader-frame")).to_have_attribute(
        "src", re.compile(r"#page=5$")
    )
    delegate.context.grant_permissions(["clipboard-read", "clipboard-write"])
    delegate.get_by_role("link", name="Mời mọi người theo trang này").click()
    expect(delegate.locator("[data-reader-status]")).to_have_text(
        "Đã sao chép liên kết trang này. Gửi cho mọi người để cùng theo dõi."
    )
    screenshot(delegate, "agenda-reader")
