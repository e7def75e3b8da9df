"""static/js/live-video.js against the local IFrame API double, on a bare page.

The live room's pages are built elsewhere; these tests hold the module to its contract:
the server's config reaches Jitsi's constructor, Jitsi's events reach the page's hooks,
and a missing video never takes the rest of the page down.
"""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from meetings.jitsi import video_config
from meetings.services.scheduling import meeting_schedule
from tests.browser.conftest import screenshot
from tests.browser.jitsi_support import fail_jitsi_script, serve_jitsi_double

pytestmark = pytest.mark.browser

LIVE_VIDEO = Path(__file__).resolve().parents[2] / "static" / "js" / "live-video.js"
DOMAIN = "meet.langson.example.gov.vn"
PAGE = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Phòng họp</title>
<style>body{font-family:sans-serif} #video{height:240px;border:1px solid #888;padding:8px}</style>
</head><body>
<h1>Phòng họp trực tuyến</h1>
<div id="video"></div>
<button id="ask" type="button" onclick="this.textContent = 'Đã đăng ký phát biểu'">
Đăng ký phát biểu</button>
</body></html>"""
START = """config => {
  window.calls = [];
  const record = name => value => window.calls.push([name, value === undefined ? null : value]);
  window.player = DiemCauVideo.start(document.getElementById("video"), config, {
    onJoined: record("joined"),
    onLeft: record("left"),
    onHandRaised: record("hand"),
    onStats: record("stats"),
    onError: record("error"),
  });
}"""


@pytest.fixture
def config(world, settings) -> dict:
    settings.JITSI_DOMAIN = DOMAIN
    settings.JITSI_APP_ID = "diemcau"
    settings.JITSI_APP_SECRET = "bi-mat-cua-may-chu-jitsi-dai-it-nhat-32-byte"
    meeting = meeting_schedule(actor=world.organizer, data=world.meeting_input(), notify=False)
    return video_config(world.chair, meeting)


def bare_page(open_page, errors: list):
    page = open_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_content(PAGE)
    page.add_script_tag(path=str(LIVE_VIDEO))
    return page


def calls(page) -> list:
    return page.evaluate("window.calls")


def test_jitsi_is_constructed_with_the_servers_room_and_token(open_page, config):
    errors: list = []
    page = bare_page(open_page, errors)
    serve_jitsi_double(page, DOMAIN)
    page.evaluate(START, config)
    page.wait_for_function("window.__jitsi && window.__jitsi.instances === 1")

    constructed = page.evaluate(
        """() => {
          const o = window.__jitsi.options;
          return {
            domain: window.__jitsi.domain,
            roomName: o.roomName,
            jwt: o.jwt,
            displayName: o.userInfo.displayName,
            subject: o.configOverwrite.subject,
            inContainer: o.parentNode === document.getElementById("video"),
          };
        }"""
    )
    assert constructed == {
        "domain": DOMAIN,
        "roomName": config["room"],
        "jwt": config["jwt"],
        "displayName": "Nguyễn Văn Chủ · Tỉnh Lạng Sơn",
        "subject": "Giao ban tuần",
        "inContainer": True,
    }
    expect(page.locator("#video .jitsi-double")).to_contain_text(config["room"])
    screenshot(page, "live-video-double")
    assert errors == []


def test_video_events_reach_the_pages_hooks(open_page, config):
    errors: list = []
    page = bare_page(open_page, errors)
    serve_jitsi_double(page, DOMAIN)
    page.evaluate(START, config)
    page.wait_for_function("window.__jitsi && window.__jitsi.instances === 1")

    page.evaluate("window.__jitsi.fire('videoConferenceJoined', {id: 'abc', roomName: 'x'})")
    page.wait_for_function("window.calls.some(c => c[0] === 'stats')")
    assert calls(page) == [
        ["joined", {"participantId": "abc"}],
        ["stats", {"quality": 87.5, "packetLoss": 1.5, "rtt": 42}],
    ]

    # Someone else's hand is not ours; ours is reported once per change.
    def fire_hand(participant: str, raised_at: int) -> list:
        page.evaluate(
            "([id, at]) => window.__jitsi.fire('raiseHandUpdated', {id, handRaised: at})",
            [participant, raised_at],
        )
        return calls(page)[2:]

    assert fire_hand("other", 1717171700) == []
    assert fire_hand("abc", 1717171717) == [["hand", True]]
    assert fire_hand("abc", 1717171718) == [["hand", True]]
    assert fire_hand("other", 0) == [["hand", True]]
    assert fire_hand("abc", 0) == [["hand", True], ["hand", False]]
    page.evaluate("window.__jitsi.fire('videoConferenceLeft', {roomName: 'x'})")
    assert calls(page)[-1] == ["left", None]
    assert errors == []


def test_pin_and_dispose_drive_the_iframe_api(open_page, config):
    errors: list = []
    page = bare_page(open_page, errors)
    serve_jitsi_double(page, DOMAIN)
    page.evaluate(START, config)
    page.wait_for_function("window.__jitsi && window.__jitsi.instances === 1")

    page.evaluate("window.player.pin('speaker-1')")
    assert page.evaluate("window.__jitsi.commands") == [["pinParticipant", "speaker-1"]]
    # The pin survives a reconnect of the video: it is applied again on joining.
    page.evaluate("window.__jitsi.fire('videoConferenceJoined', {id: 'me'})")
    assert page.evaluate("window.__jitsi.commands")[-1] == ["pinParticipant", "speaker-1"]

    page.evaluate("window.player.dispose()")
    assert page.evaluate("window.__jitsi.disposed") is True
    expect(page.locator("#video .jitsi-double")).to_have_count(0)
    assert errors == []


def test_unreachable_jitsi_shows_a_plain_message_and_the_page_keeps_working(open_page, config):
    errors: list = []
    page = bare_page(open_page, errors)
    fail_jitsi_script(page, DOMAIN)
    page.evaluate(START, config)

    expect(page.locator("#video [role=status]")).to_contain_text(
        "Không tải được hình ảnh trực tuyến"
    )
    assert calls(page)[0][0] == "error"
    page.get_by_role("button", name="Đăng ký phát biểu").click()
    expect(page.locator("#ask")).to_have_text("Đã đăng ký phát biểu")
    screenshot(page, "live-video-unreachable")
    assert errors == []


def test_without_jitsi_configured_the_container_says_so(open_page, world):
    errors: list = []
    page = bare_page(open_page, errors)
    page.evaluate(START, None)
    expect(page.locator("#video [role=status]")).to_contain_text(
        "Chưa cấu hình hội nghị truyền hình (Jitsi)"
    )
    assert page.evaluate("DiemCauVideo.NOT_CONFIGURED").startswith("Chưa cấu hình")
    assert calls(page) == []
    assert errors == []
