"""The minutes as people click through them: the secretary drafts and edits, the chair returns
then approves (signed here), the secretary publishes and a delegate downloads the PDF; anyone
checks a copy on /verify/; conclusions become a commune's task; the archive finds the meeting
and exports its record.

The meeting itself is held through the live room's services (tests/agenda/minutes_support.py).
"""

import hashlib
from collections.abc import Iterator
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from agenda.services.tasks import local_today
from meetings.services.scheduling import meeting_schedule
from tests.agenda.minutes_support import CONCLUSION, NOTE
from tests.agenda.signing_support import change_one_byte
from tests.browser.conftest import screenshot
from tests.browser.minutes_journey_support import (
    download,
    expect_flash,
    held_with_certificate,
    pdf_text,
    publish_through_services,
    zip_entries,
)
from tests.world import next_morning

pytestmark = pytest.mark.browser

DESK = {"width": 1366, "height": 900}
BOLD = "Thống nhất bổ sung vốn cho xã"
PLAIN = " trong quý IV."
RETURN_COMMENT = "Ghi số biên bản trước khi trình lại."
NUMBER = "15/BB-UBND"
REPORT = "Đã rà soát và giải ngân 95% kế hoạch vốn."


@pytest.fixture
def held(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return held_with_certificate(world)


@pytest.fixture
def person(signed_in) -> Iterator:
    """A signed-in desk page that accepts the "leave with unsaved changes?" question."""

    def open_as(username: str) -> Page:
        page = signed_in(username, DESK)
        page.on("dialog", lambda dialog: dialog.accept())
        return page

    yield open_as


def test_draft_edit_return_approve_publish_and_a_delegate_downloads(held, person):
    meeting = held.meeting
    item = held.items[0]

    # The secretary goes from the meeting's page to its minutes and builds the draft.
    secretary = person("secretary")
    secretary.goto(f"/meetings/{meeting.pk}/")
    expect(secretary.locator("#minutes")).to_contain_text("Chưa có biên bản")
    secretary.locator("#minutes").get_by_role("link", name="Mở biên bản").click()
    secretary.get_by_role("button", name="Dựng dự thảo biên bản").click()
    expect_flash(secretary, "Đã dựng dự thảo biên bản từ dữ liệu cuộc họp (phiên bản 1)")
    section = secretary.locator(f"#section-item-{item.pk}")
    expect(section.locator(".rt-box")).to_contain_text("Tỷ lệ giải ngân đạt 72%.")
    screenshot(secretary, "minutes-1-draft")

    # A delegate sees nothing of a draft: the page says it is not published, the version 404s.
    delegate = person("delegate")
    delegate.goto(f"/meetings/{meeting.pk}/minutes/")
    expect(delegate.locator("main")).to_contain_text("Biên bản chưa được phát hành")
    expect(delegate.locator("main")).not_to_contain_text("Tỷ lệ giải ngân")
    assert delegate.goto(f"/meetings/{meeting.pk}/minutes/versions/1/").status == 404
    assert delegate.goto(f"/meetings/{meeting.pk}/minutes/versions/1/preview.pdf").status == 404

    # She adds a bold sentence at the end of the first item, and saves: version 2.
    box = section.locator(".rt-box")
    box.click()
    secretary.keyboard.press("Control+End")
    secretary.keyboard.press("Enter")
    section.get_by_role("button", name="Đậm", exact=True).click()
    secretary.keyboard.type(BOLD)
    section.get_by_role("button", name="Đậm", exact=True).click()
    secretary.keyboard.type(PLAIN)
    expect(secretary.get_by_text("Có thay đổi chưa lưu")).to_be_visible()
    expect(secretary.get_by_role("button", name="Trình duyệt phiên bản 1")).to_be_disabled()
    secretary.get_by_label("Ghi chú cho phiên bản này").fill("Bổ sung kết luận về vốn")
    secretary.get_by_role("button", name="Lưu thành phiên bản 2").click()
    expect_flash(secretary, "Đã lưu phiên bản 2.")
    expect(section.locator(".rt-box strong", has_text=BOLD)).to_have_text(BOLD)
    expect(section.locator(".rt-box")).to_contain_text(BOLD + PLAIN)
    history = secretary.locator(".history")
    expect(history).to_contain_text("Phiên bản 2")
    expect(history).to_contain_text("Bổ sung kết luận về vốn")
    screenshot(secretary, "minutes-2-saved-v2")

    secretary.get_by_role("button", name="Trình duyệt phiên bản 2").click()
    expect_flash(secretary, "Đã trình chủ trì duyệt biên bản.")
    expect(secretary.locator("main")).to_contain_text("Phiên bản 2 đang chờ chủ trì duyệt.")

    # The chair reads it and returns it with a comment.
    chair = person("chair")
    chair.goto(f"/meetings/{meeting.pk}/")
    chair.locator("#minutes").get_by_role("link", name="Mở biên bản").click()
    review = chair.locator("#review")
    expect(review).to_contain_text("Duyệt biên bản")
    expect(chair.locator(".minutes-paper strong", has_text=BOLD)).to_be_visible()
    screenshot(chair, "minutes-3-chair-review")
    review.get_by_label("Ý kiến khi trả lại (bắt buộc)").fill(RETURN_COMMENT)
    review.get_by_role("button", name="Trả lại để sửa").click()
    expect_flash(chair, "Đã trả lại biên bản cho thư ký kèm ý kiến.")

    # The secretary sees the comment on top of the editor, fixes the number, resubmits.
    secretary.reload()
    returned = secretary.locator(".alert-error")
    expect(returned).to_contain_text("Nguyễn Văn Chủ đã trả lại biên bản")
    expect(returned).to_contain_text(RETURN_COMMENT)
    screenshot(secretary, "minutes-4-returned")
    secretary.get_by_label("Số", exact=True).fill(NUMBER)
    secretary.get_by_role("button", name="Lưu thành phiên bản 3").click()
    expect_flash(secretary, "Đã lưu phiên bản 3.")
    secretary.get_by_role("button", name="Trình duyệt phiên bản 3").click()
    expect_flash(secretary, "Đã trình chủ trì duyệt biên bản.")

    # The chair approves version 3: a code, the PDF signed by both signers.
    chair.reload()
    expect(chair.locator(".minutes-paper")).to_contain_text(f"Số: {NUMBER}")
    chair.get_by_role("button", name="Duyệt phiên bản 3").click()
    expect_flash(chair, "Đã duyệt biên bản (phiên bản 3). Mã xác thực:")
    documents = chair.locator("#documents")
    expect(documents).to_contain_text("Bản đã duyệt (phiên bản 3)")
    signed = documents.locator(".doc-list > li").filter(has_text="Ký số tại hệ thống")
    expect(signed.locator(".signers li")).to_have_count(2)
    # The people who signed, as the content names them (not the unit's certificate).
    expect(signed.locator(".signers li").nth(0)).to_contain_text("Secretary (thư ký)")
    expect(signed.locator(".signers li").nth(1)).to_contain_text("Nguyễn Văn Chủ (chủ trì)")
    expect(signed).not_to_contain_text("chưa được tin cậy")
    screenshot(chair, "minutes-5-approved")

    # The secretary publishes; the meeting's page then says so.
    secretary.reload()
    expect(secretary.locator("#documents")).to_contain_text("Ký số tại hệ thống")
    secretary.get_by_role("button", name="Phát hành biên bản").click()
    expect_flash(secretary, "Đã phát hành biên bản và gửi tới")
    expect(secretary.locator("#minutes")).to_contain_text("Đã phát hành")
    screenshot(secretary, "minutes-6-published")

    # The delegate now reads the published minutes and downloads the signed PDF.
    delegate.goto(f"/meetings/{meeting.pk}/")
    delegate.locator("#minutes").get_by_role("link", name="Xem biên bản").click()
    expect(delegate.locator(".minutes-paper strong", has_text=BOLD)).to_be_visible()
    expect(delegate.locator("main")).to_contain_text("Bản đã phát hành")
    name, pdf = download(delegate, delegate.get_by_role("link", name="Tải bản PDF đã ký số").click)
    screenshot(delegate, "minutes-7-delegate-published")
    assert name.endswith(".pdf")
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    assert "BIÊN BẢN" in text and NUMBER in text and BOLD in text


def test_anyone_checks_a_copy_on_the_verify_page(held, person, open_page):
    version = publish_through_services(held)

    # A delegate downloads the published PDF and reads the code printed next to it.
    delegate = person("delegate")
    delegate.goto(f"/meetings/{held.meeting.pk}/minutes/")
    code = delegate.locator(".minutes-side strong.code").inner_text()
    assert code == version.verification_code
    _name, pdf = download(delegate, delegate.get_by_role("link", name="Tải bản PDF đã ký số").click)
    sha256 = hashlib.sha256(pdf).hexdigest()

    # Someone who is not signed in opens the code's page (what the QR code opens).
    visitor = open_page(DESK)
    assert visitor.goto(f"/verify/{code}/").status == 200
    main = visitor.locator("main")
    expect(visitor.locator("h1")).to_have_text("Họp giao ban tháng 11")
    expect(main).to_contain_text("Biên bản này đã được phát hành chính thức.")
    facts = visitor.locator(".verify .facts").first
    expect(facts.locator("dt:text-is('Phiên bản') + dd")).to_have_text(str(version.number))
    expect(facts.locator("dt:text-is('Đơn vị chủ trì') + dd")).to_have_text("Tỉnh Lạng Sơn")
    expect(visitor.locator("[data-sha256]")).to_have_text(sha256)
    signers = visitor.locator("#signers-title + .signers > li")
    expect(signers).to_have_count(2)
    expect(signers.nth(0).locator(".signer-name")).to_have_text("Secretary — Thư ký")
    expect(signers.nth(1).locator(".signer-name")).to_have_text("Nguyễn Văn Chủ — Chủ trì")
    expect(signers.filter(has_text="Chứng thư tin cậy")).to_have_count(2)
    # Nothing of the meeting's content or people beyond that.
    for private in (NOTE.splitlines()[0], CONCLUSION, "Báo cáo giải ngân", "Lê Văn Ba"):
        expect(main).not_to_contain_text(private)
    expect(visitor.get_by_role("link", name="Mở trang cuộc họp")).to_have_count(0)
    screenshot(visitor, "minutes-8-verify")

    # The copy downloaded matches; the same with one byte changed does not.
    copy = {"name": "bien-ban.pdf", "mimeType": "application/pdf", "buffer": pdf}
    visitor.get_by_label("Tệp PDF cần kiểm tra").set_input_files(copy)
    visitor.get_by_role("button", name="Kiểm tra", exact=True).click()
    expect(visitor.locator("[data-verdict]")).to_contain_text("trùng khớp từng byte")
    expect(visitor.locator("#check")).to_contain_text(sha256)
    screenshot(visitor, "minutes-9-verify-match")

    changed = copy | {"name": "bien-ban-sua.pdf", "buffer": change_one_byte(pdf)}
    visitor.get_by_label("Tệp PDF cần kiểm tra").set_input_files(changed)
    visitor.get_by_role("button", name="Kiểm tra", exact=True).click()
    expect(visitor.locator("[data-verdict]")).to_contain_text("KHÔNG trùng khớp")
    found = visitor.locator("#check .signers > li")
    expect(found).to_have_count(2)
    expect(found.filter(has_text="Không còn nguyên vẹn")).to_have_count(2)
    screenshot(visitor, "minutes-10-verify-mismatch")

    # A code that does not exist.
    assert visitor.goto("/verify/ZZZZ-ZZZZ-ZZ/").status == 404
    expect(visitor.locator("h1")).to_have_text("Mã xác thực không tồn tại")
    expect(visitor.locator("main")).to_contain_text("Không có biên bản nào mang mã “ZZZZ-ZZZZ-ZZ”.")
    screenshot(visitor, "minutes-11-verify-unknown")


def test_a_conclusion_becomes_a_communes_task_reported_done(held, person):
    meeting, item = held.meeting, held.items[0]
    deadline = f"{local_today() + timedelta(days=14):%d/%m/%Y}"

    # The host assigns the first item's conclusion to the first commune.
    host = person("organizer")
    host.goto(f"/meetings/{meeting.pk}/")
    host.get_by_role("link", name="Kết luận và nhiệm vụ").click()
    expect(host.locator("h1")).to_have_text("Kết luận và nhiệm vụ")
    conclusion = host.locator(f"#conclusion-{item.pk}")
    expect(conclusion.locator(".conclusion-text")).to_have_text(CONCLUSION)
    conclusion.get_by_label(held.communes[0].name).check()
    conclusion.get_by_label("Hạn hoàn thành").fill(deadline)
    screenshot(host, "minutes-12-assign")
    conclusion.get_by_role("button", name="Giao nhiệm vụ").click()
    expect_flash(host, f"Đã giao nhiệm vụ cho 1 đơn vị, hạn {deadline}.")
    row = host.locator(f"#conclusion-{item.pk} table.tasks tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(held.communes[0].name)
    expect(row).to_contain_text("Đang thực hiện")

    # The commune's operator finds it under Nhiệm vụ and reports it done.
    commune = person("operator")
    commune.get_by_role("navigation").get_by_role("link", name="Nhiệm vụ").click()
    task = commune.locator("table.tasks tbody tr").filter(has_text=CONCLUSION[:40])
    expect(task).to_contain_text(deadline)
    screenshot(commune, "minutes-13-commune-tasks")
    task.get_by_role("link", name="Báo cáo kết quả").click()
    commune.get_by_label("Kết quả thực hiện").fill(REPORT)
    commune.get_by_role("button", name="Báo cáo hoàn thành").click()
    expect_flash(commune, "Đã báo cáo hoàn thành nhiệm vụ.")
    expect(commune.locator(".page-head")).to_contain_text("Đã hoàn thành")

    # The host sees it done, with the report.
    host.reload()
    expect(row).to_contain_text("Đã hoàn thành")
    expect(row).to_contain_text(REPORT)
    screenshot(host, "minutes-14-host-done")


def test_the_archive_finds_the_meeting_by_the_minutes_text_and_exports_its_record(
    held, person, world
):
    publish_through_services(held)
    # Another meeting of the province, without minutes: the search must leave it out.
    meeting_schedule(
        actor=world.organizer,
        data=world.meeting_input(start=next_morning(3), title="Họp chuyên đề chuyển đổi số"),
        notify=False,
    )

    organizer = person("organizer")
    organizer.get_by_role("navigation").get_by_role("link", name="Lưu trữ").click()
    expect(organizer.locator("h1")).to_have_text("Lưu trữ cuộc họp")
    expect(organizer.locator("main")).to_contain_text("2 cuộc họp")
    # Typed without diacritics: "tiến độ giải ngân" is in the minutes' notes, not the title.
    organizer.get_by_label("Tìm").fill("tien do giai ngan")
    organizer.get_by_role("button", name="Lọc").click()
    expect(organizer.locator("main")).to_contain_text("1 cuộc họp")
    row = organizer.locator("table.archive tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Họp giao ban tháng 11")
    expect(row).to_contain_text("Hồ sơ hoàn chỉnh")
    screenshot(organizer, "minutes-15-archive")

    name, data = download(organizer, row.get_by_role("link", name="Hồ sơ (.zip)").click)
    assert name.endswith(".zip")
    entries = zip_entries(data)
    assert {"06-bien-ban.pdf", "05-bieu-quyet.csv", "04-diem-danh.pdf"} <= set(entries), entries
    pdf = entries["06-bien-ban.pdf"]
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    assert "BIÊN BẢN" in text and "Họp giao ban tháng 11" in text
