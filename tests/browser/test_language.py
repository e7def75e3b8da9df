"""The English switch in the header."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser


def test_switch_to_english_and_back(world, signed_in):
    page = signed_in("organizer")
    expect(page.locator("h1")).to_have_text("Cuộc họp sắp tới")
    page.get_by_role("button", name="English").click()
    expect(page.locator("h1")).to_have_text("Upcoming meetings")
    expect(page.locator(".site-nav")).to_contain_text("Book a meeting")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    screenshot(page, "home-english")

    page.goto("/meetings/new/")
    expect(page.locator("legend").first).to_have_text("General")
    screenshot(page, "meeting-form-english")

    page.get_by_role("button", name="Tiếng Việt").click()
    expect(page.locator("h1")).to_have_text("Đặt lịch họp")


def test_sign_in_refuses_a_wrong_password_in_vietnamese(world, open_page):
    page = open_page()
    page.goto("/meetings/new/")
    expect(page.locator("h1")).to_have_text("Đăng nhập")
    page.fill("#id_username", "organizer")
    page.fill("#id_password", "sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.locator("[role=alert]")).to_have_text("Sai tên đăng nhập hoặc mật khẩu.")
    screenshot(page, "login")
