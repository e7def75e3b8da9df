"""The calendars, the directory and the account page, as a person sees them."""

import pytest
from playwright.sync_api import expect

from meetings.models import BridgePoint
from meetings.services.scheduling import meeting_schedule
from tests.browser.conftest import screenshot
from tests.world import next_morning

pytestmark = pytest.mark.browser


def test_month_and_week_show_the_meeting(world, signed_in):
    start = next_morning(days=2)
    meeting_schedule(actor=world.organizer, data=world.meeting_input(start=start))
    busy = start.replace(hour=13)
    for n in range(5):  # drafts hold no rooms, so a day can collect many of them
        data = world.meeting_input(start=busy, hours=1, title=f"Dự thảo họp số {n + 1}")
        meeting_schedule(actor=world.organizer, data=data, as_draft=True)
    page = signed_in("organizer")

    page.goto(f"/calendar/month/?year={start.year}&month={start.month}")
    expect(page.locator("table.month")).to_contain_text("Giao ban tuần")
    expect(page.locator("table.month .more")).to_have_text("+2 cuộc họp khác")
    screenshot(page, "calendar-month")

    page.goto(f"/calendar/week/?date={start:%Y-%m-%d}")
    expect(page.locator(".week-day").filter(has_text="Giao ban tuần")).to_have_count(1)
    screenshot(page, "calendar-week")

    page.select_option("#room-filter", str(world.rooms[2].pk))
    expect(page.locator(".week")).to_contain_text("Giao ban tuần")
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    screenshot(page, "calendar-week-print")


def test_directory_and_account(world, signed_in):
    BridgePoint.objects.filter(pk=world.rooms[0].pk).update(
        technician_name="Lê Văn Kỹ", technician_phone="0912 345 678", address="Thôn Bản Chắt"
    )
    page = signed_in("operator")
    page.goto("/bridge-points/")
    expect(page.locator("table.directory")).to_contain_text("Lê Văn Kỹ")
    page.fill("#q", "Cao Bằng")
    page.get_by_role("button", name="Lọc").click()
    expect(page.locator("table.directory tbody tr")).to_have_count(1)
    page.goto("/bridge-points/")
    screenshot(page, "bridge-points")

    page.goto("/account/")
    expect(page.locator("body")).to_contain_text("Kỹ thuật điểm cầu")
    screenshot(page, "profile")
