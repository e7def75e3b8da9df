"""Playwright against Debian's Chromium and pytest-django's live server.

Browser tests skip when /usr/bin/chromium is missing, unless REQUIRE_BROWSER=1
(as in CI), where a missing browser fails them instead.
"""

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.world import PASSWORD, World, build_world

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by
# the test itself are still plain synchronous code.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
TABLET = {"width": 1024, "height": 768}
PHONE = {"width": 390, "height": 844}


# Package, not session: Playwright's sync API marks an event loop running in this thread
# while it is open, and the async socket tests that run after the browser tests need none.
@pytest.fixture(scope="package")
def browser():
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing (apt-get install chromium)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def world(transactional_db) -> World:
    """The usual personas, committed so the live server's thread sees them."""
    return build_world()


@pytest.fixture
def open_page(browser, live_server):
    """Open a fresh browser context (its own cookies) at a viewport; closes them after."""
    contexts = []

    def open_(viewport: dict = TABLET):
        # Vietnamese is the product's first language; the browser asks for it too.
        context = browser.new_context(
            base_url=live_server.url,
            viewport=viewport,
            locale="vi-VN",
            timezone_id="Asia/Ho_Chi_Minh",
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_
    for context in contexts:
        context.close()


def sign_in(page, username: str) -> None:
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(lambda url: urlsplit(url).path == "/")


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def signed_in(open_page) -> Iterator:
    """A page signed in as the given persona."""

    def open_as(username: str, viewport: dict = TABLET):
        page = open_page(viewport)
        sign_in(page, username)
        return page

    yield open_as
