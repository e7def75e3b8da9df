"""The savings dashboard on a tablet: figures, the charts drawn as SVG, the period chooser."""

from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import BridgePoint
from tests.browser.conftest import PHONE, screenshot
from tests.meetings.savings_support import held_meeting, local

pytestmark = pytest.mark.browser


def _months_this_year() -> list[date]:
    """Up to six first-Tuesdays of months before today, in this year."""
    today = timezone.localdate()
    return [date(today.year, month, 3) for month in range(1, today.month)][-6:]


def test_the_dashboard_shows_the_year_with_its_charts(world, signed_in):
    BridgePoint.objects.filter(pk=world.rooms[2].pk).update(is_hardship=True)
    days = _months_this_year()
    if not days:
        pytest.skip("January: no month of this year is over yet")
    for number, day in enumerate(days):
        people = {0: 2 + number % 3, 1: 3, 2: 4} if number % 2 else {1: 5, 2: 3}
        held_meeting(world, local(day.year, day.month, day.day), headcounts=people)

    page = signed_in("organizer")
    page.get_by_role("link", name="Tiết kiệm").click()
    expect(page.locator("h1")).to_have_text("Tiết kiệm nhờ họp trực tuyến")
    meetings = page.locator(".stat", has_text="cuộc họp trực tuyến").locator(".stat-value")
    expect(meetings).to_have_text(str(len(days)))
    expect(page.locator("svg.chart-vertical rect.bar")).to_have_count(12)
    expect(page.locator("svg.chart-horizontal rect.bar")).to_have_count(3)
    # Only the year field shows for a year; choosing "Tùy chọn" shows the two dates.
    expect(page.locator("#id_month")).to_be_hidden()
    page.select_option("#id_period", "custom")
    expect(page.locator("#id_start")).to_be_visible()
    expect(page.locator("#id_year")).to_be_hidden()
    page.select_option("#id_period", "year")
    screenshot(page, "savings-dashboard")

    page.emulate_media(media="print")
    expect(page.locator(".period-form")).to_be_hidden()
    screenshot(page, "savings-dashboard-print")

    phone = signed_in("organizer", PHONE)
    phone.goto("/savings/")
    expect(phone.locator("svg.chart-vertical")).to_be_visible()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the page scrolls sideways on a phone"
    screenshot(phone, "savings-dashboard-phone")
