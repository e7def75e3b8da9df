"""An operator confirms their room's attendance from the meeting page."""

import pytest
from playwright.sync_api import expect

from meetings.models import Invitation
from meetings.services.scheduling import meeting_schedule
from tests.browser.conftest import PHONE, screenshot

pytestmark = pytest.mark.browser


def test_operator_confirms_with_a_headcount(world, signed_in):
    meeting = meeting_schedule(actor=world.organizer, data=world.meeting_input())
    page = signed_in("operator")
    expect(page.locator(".meeting-card")).to_contain_text("Giao ban tuần")
    screenshot(page, "home-operator-tablet")

    page.get_by_role("link", name="Giao ban tuần").click()
    page.fill(f"#respond-{world.rooms[0].pk}-expected_attendees", "15")
    page.get_by_role("button", name="Xác nhận tham dự").click()
    expect(page.locator(".flash")).to_contain_text("Đã xác nhận tham dự.")
    expect(page.locator("table.data").first).to_contain_text("Xác nhận tham dự")
    screenshot(page, "meeting-detail-operator")

    invitation = Invitation.objects.get(meeting=meeting, bridge_point=world.rooms[0])
    assert invitation.response == Invitation.Response.ACCEPTED
    assert invitation.expected_attendees == 15


def test_home_reads_on_a_phone(world, signed_in):
    meeting_schedule(actor=world.organizer, data=world.meeting_input())
    page = signed_in("operator", PHONE)
    card = page.locator(".meeting-card")
    expect(card).to_contain_text("Giao ban tuần")
    # Nothing wider than the screen: no sideways scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "home-operator-phone")
