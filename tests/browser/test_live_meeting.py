"""A whole live meeting in five browsers: the chair's desk, a commune operator, two delegates'
tablets and the secretary; then a delegate's link drops in the middle of a vote.

The pages talk to a real Daphne (tests/browser/live_server_support.py): pytest-django's live
server has no WebSocket.
"""

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from meetings.models import Participant, Role
from realtime.access import room_access
from realtime.events import EVENT_TYPES
from realtime.models import LiveNote, Vote
from realtime.snapshot import room_snapshot
from tests.agenda.agenda_page_support import add_document
from tests.browser.conftest import screenshot, sign_in
from tests.browser.jitsi_support import serve_jitsi_double
from tests.browser.live_server_support import daphne_server, database_for_other_processes
from tests.realtime.conftest import Live, build_live
from tests.world import build_world, make_user

pytestmark = pytest.mark.browser

DESK = {"width": 1366, "height": 768}
TABLET = {"width": 768, "height": 1024}
DOMAIN = "meet.langson.example.gov.vn"
QUESTION = "Thông qua báo cáo kinh tế - xã hội tháng"
LIVE_JS = Path(__file__).resolve().parents[2] / "static" / "realtime" / "live.js"


@dataclass
class Room:
    live: Live
    url: str
    delegate3: object  # attends from rooms[0] without a device: the operator votes for them
    report: object  # the first item's PDF


@pytest.fixture
def room(transactional_db, tmp_path, settings) -> Iterator[Room]:
    settings.JITSI_DOMAIN = DOMAIN
    settings.JITSI_APP_ID = "diemcau"
    settings.JITSI_APP_SECRET = "bi-mat-cua-may-chu-jitsi-dai-it-nhat-32-byte"
    settings.MEDIA_ROOT = tmp_path / "media"
    with database_for_other_processes(tmp_path / "live.sqlite3"):
        live = build_live(build_world())
        delegate3 = make_user("delegate3", live.communes[0], Role.DELEGATE, full_name="Lê Văn Ba")
        Participant.objects.create(meeting=live.meeting, user=delegate3, bridge_point=live.rooms[0])
        report = add_document(live.meeting, live.organizer, item=live.items[0], pages=5)
        with daphne_server() as url:
            yield Room(live, url, delegate3, report.versions.get())


@pytest.fixture
def open_as(browser, room: Room) -> Iterator:
    """A signed-in page of the live room, in its own browser context."""
    contexts = []

    def open_(username: str, viewport: dict) -> Page:
        context = browser.new_context(
            base_url=room.url, viewport=viewport, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh"
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.on("dialog", lambda dialog: dialog.accept())
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        serve_jitsi_double(page, DOMAIN)
        sign_in(page, username)
        page.goto(f"/meetings/{room.live.meeting.pk}/live/")
        expect(page.locator("[data-live='link']")).to_have_text("Trực tuyến")
        return page

    yield open_
    for context in contexts:
        context.close()


def poll_card(page: Page):
    return page.locator("[data-poll-card]").filter(has_text=QUESTION)


def page_state(page: Page) -> dict:
    return page.evaluate("JSON.parse(JSON.stringify(DiemCauLive.room.state))")


def small_controls(page: Page) -> list[str]:
    """Visible buttons and selects of the room lower than 44 px (a finger's width)."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll(
              '.live-room button, .live-room .button, .live-room select, .live-room summary'))
            .filter(el => el.offsetParent !== null && el.getBoundingClientRect().height < 44)
            .map(el => el.textContent.trim() || el.outerHTML.slice(0, 60))"""
    )


def server_state(user, meeting) -> dict:
    state = room_snapshot(room_access(user, meeting.pk))["state"]
    return json.loads(json.dumps(state))


def test_a_whole_meeting(open_as, room: Room):
    live = room.live
    chair = open_as("chair", DESK)
    operator = open_as("operator", DESK)
    delegate = open_as("delegate", TABLET)
    delegate2 = open_as("delegate2", TABLET)
    secretary = open_as("secretary", DESK)

    # The chair opens the meeting: every screen moves to the first item.
    chair.get_by_role("button", name="Khai mạc cuộc họp").click()
    for page in (chair, operator, delegate, delegate2, secretary):
        expect(page.locator("[data-live='current']")).to_have_text(
            "1. Báo cáo kinh tế - xã hội tháng"
        )
        expect(page.locator("[data-live='status']")).to_have_text("Đang họp")
    expect(chair.locator("[data-live='item-timer'] .live-clock")).to_contain_text("/ 20:00")

    # The item's document is on the tablets; the chair asks everyone to follow its page 3.
    reader = reverse("document-reader", args=[room.report.pk])
    expect(delegate.get_by_role("link", name="Báo cáo tình hình")).to_have_attribute("href", reader)
    follow = delegate.get_by_role("link", name="Mở tài liệu đang trình bày")
    expect(follow).to_have_count(0)
    chair.get_by_text("Trình chiếu tài liệu cho mọi người").click()
    chair.get_by_label("Trang", exact=True).fill("3")
    chair.get_by_role("button", name="Mời mọi người cùng xem").click()
    expect(follow).to_have_attribute("href", f"{reader}?page=3")
    expect(delegate.locator("[data-live='follow']")).to_contain_text("Báo cáo tình hình · trang 3")

    # The operator's video reports its link; the check-in turns the room green on the board.
    board_room = chair.locator(f".board-room[data-room='{live.rooms[0].pk}']")
    expect(board_room).to_have_count(0)
    expect(chair.locator(f".live-missing [data-room='{live.rooms[0].pk}']")).to_have_count(1)
    operator.wait_for_function("window.__jitsi && window.__jitsi.instances === 1")
    operator.evaluate("window.__jitsi.fire('videoConferenceJoined', {id: 'op-video'})")
    checkin = operator.locator("[data-form='checkin']")
    expect(checkin.locator("[data-live='stats']")).to_contain_text(
        "chất lượng 88/100 · mất gói 1,5%"
    )
    checkin.get_by_label("Có cán bộ kỹ thuật tại điểm cầu").check()
    checkin.get_by_label("Đã thử hình ảnh và âm thanh").check()
    checkin.get_by_label("Số người tại điểm cầu").fill("12")
    checkin.get_by_role("button", name="Gửi điểm danh điểm cầu").click()
    expect(board_room).to_contain_text("Sẵn sàng")
    expect(board_room).to_have_class("board-room light-green")
    expect(board_room).to_contain_text("Số người: 12")
    expect(chair.locator(f".live-missing [data-room='{live.rooms[0].pk}']")).to_have_count(0)

    # Roll call: the operator marks their room, the chair the delegate online elsewhere.
    for name in ("Delegate", "Lê Văn Ba"):
        row = operator.locator("[data-live='rollcall'] tr").filter(has_text=name)
        row.get_by_role("button", name="Có mặt tại điểm cầu").click()
        expect(row.get_by_role("button", name="Có mặt tại điểm cầu")).to_have_attribute(
            "aria-pressed", "true"
        )
    chair_row = chair.locator("[data-live='rollcall'] tr").filter(has_text="Trần Thị Hai")
    chair_row.get_by_role("button", name="Có mặt tại điểm cầu").click()
    expect(chair.locator("[data-live='quorum']")).to_contain_text("Có mặt 3/3 đại biểu")

    # A delegate asks to speak; the chair gives the floor; the chair's video pins them.
    delegate.get_by_role("button", name="Xem hình ảnh trực tuyến").click()
    delegate.wait_for_function("window.__jitsi && window.__jitsi.instances === 1")
    delegate.evaluate("window.__jitsi.fire('videoConferenceJoined', {id: 'delegate-video'})")
    delegate.get_by_label("Nội dung muốn phát biểu (không bắt buộc)").fill("Ý kiến về báo cáo")
    delegate.get_by_role("button", name="Đăng ký phát biểu").click()
    expect(delegate.locator("[data-live='my-request']")).to_have_text(
        "Bạn đã đăng ký phát biểu, đang chờ thứ 1."
    )
    queued = chair.locator("[data-live='queue'] li").filter(has_text="Delegate")
    expect(queued).to_contain_text("Ý kiến về báo cáo")
    queued.get_by_role("button", name="Mời phát biểu").click()
    expect(delegate.locator("[data-live='my-request']")).to_have_text("Bạn đang phát biểu.")
    for page in (chair, delegate2):
        expect(page.locator("[data-live='speaker-now']")).to_contain_text("Delegate")
    chair.wait_for_function(
        "window.__jitsi.commands.some(c => c[0] === 'pinParticipant' && c[1] === 'delegate-video')"
    )

    # A hand raised in the video queues a request; lowering it withdraws the request.
    delegate2.get_by_role("button", name="Xem hình ảnh trực tuyến").click()
    delegate2.wait_for_function("window.__jitsi && window.__jitsi.instances === 1")
    delegate2.evaluate("window.__jitsi.fire('videoConferenceJoined', {id: 'hai-video'})")
    delegate2.evaluate("window.__jitsi.fire('raiseHandUpdated', {id: 'hai-video', handRaised: 1})")
    hand = chair.locator("[data-live='queue'] li").filter(has_text="Trần Thị Hai")
    expect(hand).to_contain_text("giơ tay trên hình ảnh")
    delegate2.evaluate("window.__jitsi.fire('raiseHandUpdated', {id: 'hai-video', handRaised: 0})")
    expect(hand).to_have_count(0)

    # The chair prepares a vote and opens it; two rooms vote, one by its operator's proxy.
    chair.get_by_label("Nội dung biểu quyết").fill(QUESTION)
    assert chair.get_by_label("Phương án (mỗi dòng một phương án)").input_value() == (
        "Tán thành\nKhông tán thành\nKhông biểu quyết"
    )
    chair.get_by_role("button", name="Chuẩn bị biểu quyết").click()
    poll_card(chair).get_by_role("button", name="Mở biểu quyết").click()
    expect(poll_card(delegate).get_by_role("button", name="Tán thành", exact=True)).to_be_enabled()
    for page, viewport in ((chair, DESK), (operator, DESK), (delegate, TABLET)):
        assert small_controls(page) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    screenshot(chair, "live-chair-desk")
    screenshot(operator, "live-operator")
    screenshot(delegate, "live-delegate-tablet")
    screenshot(secretary, "live-secretary")

    poll_card(delegate).get_by_role("button", name="Tán thành", exact=True).click()
    expect(poll_card(delegate).locator("[data-live='my-vote']")).to_have_text(
        "Bạn đã biểu quyết: Tán thành"
    )
    poll_card(delegate2).get_by_role("button", name="Không tán thành").click()
    expect(poll_card(delegate2).locator("[data-live='my-vote']")).to_have_text(
        "Bạn đã biểu quyết: Không tán thành"
    )
    proxy = poll_card(operator)
    proxy.get_by_label("Phiếu thay cho").select_option(label="Lê Văn Ba")
    proxy.get_by_role("button", name="Tán thành", exact=True).click()
    expect(proxy).to_contain_text("Đã ghi phiếu “Tán thành” cho Lê Văn Ba.")
    expect(poll_card(chair)).to_contain_text("Đã bỏ phiếu: 3")
    poll_card(chair).get_by_role("button", name="Kết thúc biểu quyết").click()
    for page in (chair, operator, delegate, delegate2, secretary):
        expect(poll_card(page).locator("[data-live='result']")).to_have_text("THÔNG QUA")
        expect(poll_card(page).locator(".tally li").first).to_contain_text("2 (66,67%)")

    # Who chose what is fetched when someone opens the list; a link lost meanwhile delays it.
    ba = [f"Lê Văn Ba · {live.rooms[0]}", "Tán thành", live.operator.display_name]
    poll_card(secretary).get_by_text("Phiếu từng người (3)").click()
    expect(
        poll_card(secretary).locator("tr").filter(has_text="Lê Văn Ba").locator("td")
    ).to_have_text(ba)
    delegate2.evaluate("DiemCauLive.room.dropSocket()")
    poll_card(delegate2).get_by_text("Phiếu từng người (3)").click()
    expect(poll_card(delegate2).locator(".choices-body")).to_have_text("Đang tải…")
    expect(poll_card(delegate2).locator("tbody tr")).to_have_count(3)
    expect(
        poll_card(delegate2).locator("tr").filter(has_text="Lê Văn Ba").locator("td")
    ).to_have_text(ba)
    assert small_controls(delegate2) == []
    screenshot(delegate2, "live-choices-open")

    # The secretary's note reaches the chair as it is typed.
    secretary.get_by_label("Ghi chép", exact=True).fill(
        "Đại biểu xã Thử 1 đề nghị bổ sung số liệu."
    )
    expect(chair.locator("[data-note-text='note']")).to_have_text(
        "Đại biểu xã Thử 1 đề nghị bổ sung số liệu."
    )
    expect(secretary.locator("[data-note-status='note']")).to_contain_text("phiên bản 1")
    screenshot(chair, "live-chair-after-vote")

    # On paper: the record without the controls.
    chair.emulate_media(media="print")
    expect(chair.get_by_role("button", name="Bế mạc cuộc họp")).to_be_hidden()
    expect(chair.get_by_role("button", name="Chuẩn bị biểu quyết")).to_be_hidden()
    expect(poll_card(chair).locator("[data-live='result']")).to_be_visible()
    screenshot(chair, "live-chair-print")
    chair.emulate_media(media="screen")

    # The chair moves on: every screen follows.
    chair.get_by_role("button", name="Nội dung sau ›").click()
    for page in (delegate, operator):
        expect(page.locator("[data-live='current']")).to_have_text(
            "2. Kế hoạch phòng chống lụt bão"
        )

    # Every page's state, built from events, is the room as the server has it now.
    for user, page in ((live.chair, chair), (live.delegate, delegate), (live.operator, operator)):
        assert page_state(page) == server_state(user, live.meeting)
        assert page.errors == []


def test_a_vote_cast_offline_is_sent_and_counted_on_reconnecting(open_as, room: Room):
    live = room.live
    chair = open_as("chair", DESK)
    delegate = open_as("delegate", TABLET)
    # A refusal is shown next to the control that caused it, in the server's words.
    delegate.get_by_role("button", name="Đăng ký phát biểu").click()
    expect(delegate.locator("[data-error='ask']")).to_have_text(
        "Cuộc họp chưa khai mạc hoặc đã kết thúc."
    )
    chair.get_by_role("button", name="Khai mạc cuộc họp").click()
    chair.get_by_label("Nội dung biểu quyết").fill(QUESTION)
    chair.get_by_role("button", name="Chuẩn bị biểu quyết").click()
    poll_card(chair).get_by_role("button", name="Mở biểu quyết").click()
    expect(poll_card(delegate).get_by_role("button", name="Tán thành", exact=True)).to_be_enabled()

    delegate.context.set_offline(True)
    delegate.evaluate("DiemCauLive.room.dropSocket()")
    banner = delegate.locator("[data-live='connection']")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Đang kết nối lại… (lần thử 1)")
    poll_card(delegate).get_by_role("button", name="Tán thành", exact=True).click()
    expect(poll_card(delegate).locator("[data-live='my-vote']")).to_have_text(
        "Phiếu “Tán thành” sẽ được gửi khi có kết nối."
    )
    expect(banner).to_contain_text("1 thao tác đang chờ gửi")
    outbox = delegate.evaluate(
        f"JSON.parse(localStorage.getItem('diemcau.outbox.{live.meeting.pk}.{live.delegate.pk}'))"
    )
    assert [(m["type"], m["payload"]["option"]) for m in outbox] == [("vote.cast", 0)]
    screenshot(delegate, "live-delegate-reconnecting")

    delegate.context.set_offline(False)
    expect(banner).to_be_hidden(timeout=20_000)
    expect(poll_card(delegate).locator("[data-live='my-vote']")).to_have_text(
        "Bạn đã biểu quyết: Tán thành"
    )
    expect(poll_card(chair)).to_contain_text("Đã bỏ phiếu: 1")
    assert delegate.evaluate("localStorage.length") == 0 or not delegate.evaluate(
        f"localStorage.getItem('diemcau.outbox.{live.meeting.pk}.{live.delegate.pk}')"
    )
    vote = Vote.objects.get(poll__meeting=live.meeting)
    assert (vote.voter_id, vote.option, vote.message_id) == (
        live.delegate.pk,
        0,
        outbox[0]["id"],
    )
    assert delegate.errors == []


def test_two_writers_of_one_note_choose_instead_of_overwriting(open_as, room: Room):
    live = room.live
    chair = open_as("chair", DESK)
    desk = open_as("secretary", DESK)
    tablet = open_as("secretary", TABLET)  # the same secretary, on a second device

    def note(page: Page):
        return page.get_by_label("Ghi chép", exact=True)

    chair.get_by_role("button", name="Khai mạc cuộc họp").click()
    for page in (desk, tablet):  # the editors follow the item under discussion
        expect(page.locator("[data-live='current']")).to_have_text(
            "1. Báo cáo kinh tế - xã hội tháng"
        )
    note(desk).fill("Bản A")
    expect(note(tablet)).to_have_value("Bản A")

    # The tablet loses its link and edits on; the desk saves another text meanwhile.
    tablet.context.set_offline(True)
    tablet.evaluate("DiemCauLive.room.dropSocket()")
    note(tablet).fill("Bản B")
    expect(tablet.locator("[data-note-status='note']")).to_contain_text("Chưa gửi được")
    note(desk).fill("Bản A, sửa lại")
    expect(desk.locator("[data-note-status='note']")).to_contain_text("phiên bản 2")

    tablet.context.set_offline(False)
    conflict = tablet.locator("[data-conflict='note']")
    expect(conflict.locator("[data-conflict-text='theirs']")).to_have_text("Bản A, sửa lại")
    expect(conflict.locator("[data-conflict-text='mine']")).to_have_text("Bản B")
    expect(chair.locator("[data-note-text='note']")).to_have_text("Bản A, sửa lại")
    screenshot(tablet, "live-notes-conflict")

    conflict.get_by_role("button", name="Giữ bản của tôi").click()
    expect(conflict).to_be_hidden()
    expect(chair.locator("[data-note-text='note']")).to_have_text("Bản B")
    expect(note(desk)).to_have_value("Bản B")
    saved = LiveNote.objects.get(meeting=live.meeting, item=live.items[0], kind="note")
    assert (saved.text, saved.version) == ("Bản B", 3)
    assert desk.errors == tablet.errors == []


def test_one_vote_per_bridge_point_is_cast_by_its_operator(open_as, room: Room):
    chair = open_as("chair", DESK)
    operator = open_as("operator", DESK)
    delegate = open_as("delegate", TABLET)
    chair.get_by_role("button", name="Khai mạc cuộc họp").click()
    chair.get_by_label("Nội dung biểu quyết").fill(QUESTION)
    chair.get_by_label("Người biểu quyết").select_option(label="Mỗi điểm cầu một phiếu")
    chair.get_by_role("button", name="Chuẩn bị biểu quyết").click()
    poll_card(chair).get_by_role("button", name="Mở biểu quyết").click()

    card = poll_card(operator)
    expect(card).to_contain_text("Phiếu của điểm cầu Xã Thử 1 — Hội trường UBND xã")
    card.get_by_role("button", name="Không tán thành").click()
    expect(card.locator("[data-live='room-vote']")).to_have_text(
        "Điểm cầu đã biểu quyết: Không tán thành"
    )
    expect(poll_card(chair).locator("[data-live='total']")).to_have_text("Đã bỏ phiếu: 1")
    # A delegate has no ballot of their own in such a vote.
    expect(poll_card(delegate).locator("[data-live='total']")).to_have_text("Đã bỏ phiếu: 1")
    expect(poll_card(delegate).get_by_role("button")).to_have_count(0)
    vote = Vote.objects.get(poll__meeting=room.live.meeting)
    assert (vote.voter_id, vote.bridge_point_id, vote.option, vote.cast_by_id) == (
        None,
        room.live.rooms[0].pk,
        1,
        room.live.operator.pk,
    )
    assert operator.errors == []


def _frames() -> list[dict]:
    """One or more frames of every event type, in an order that tests each list's sorting."""
    at = "2026-05-04T08:00:00+07:00"
    poll = {
        "item_id": None,
        "question": "Q",
        "options": ["A", "B"],
        "secret": False,
        "electorate": "delegates",
        "rule": "half_present",
        "status": "open",
        "opened_at": at,
        "closed_at": None,
        "counts": [0, 0],
        "total": 0,
        "percents": [],
        "members": None,
        "present": None,
        "passed": None,
        "choices_count": 0,
    }
    quorum = {"members": 3, "present": 2, "percent": 50, "needed": 2, "met": True}

    def check_in(room: int, light: str) -> dict:
        return {
            "bridge_point_id": room,
            "technician_present": True,
            "video_tested": light == "green",
            "connection_quality": "good",
            "headcount": 4,
            "note": "",
            "checked_in_at": at,
            "checked_in_by": "Operator",
            "readiness": light,
        }

    def note(item: int | None, kind: str, text: str, version: int) -> dict:
        return {
            "item_id": item,
            "kind": kind,
            "text": text,
            "version": version,
            "updated_by": "Thư ký",
            "updated_at": at,
        }

    def roll(user: int, status: str) -> dict:
        return {
            "user_id": user,
            "bridge_point_id": 5,
            "status": status,
            "reason": "ốm" if status == "absent" else "",
            "marked_by": "Operator",
        }

    def video(session: int, user: int, left: str | None) -> dict:
        return {
            "id": session,
            "user_id": user,
            "name": "Người dự",
            "bridge_point_id": 5,
            "participant_id": f"p{session}",
            "joined_at": at,
            "left_at": left,
        }

    current = {"item_id": 7, "started_at": at, "spent_seconds_before": 0}
    events = [
        (
            "meeting.state",
            {"meeting": {"status": "live", "started_at": at, "ended_at": None}, "current": current},
        ),
        ("agenda.current", {"current": {**current, "item_id": 8, "spent_seconds_before": 30}}),
        (
            "document.follow",
            {
                "follow": {
                    "version_id": 3,
                    "document_title": "Báo cáo",
                    "page": 2,
                    "url": "/r/3?page=2",
                },
                "by": "Chủ trì",
            },
        ),
        (
            "room.settings",
            {"settings": {"quorum_percent": 60, "co_secretary_id": 9}, "quorum": quorum},
        ),
        ("checkin.updated", {"check_in": check_in(9, "amber")}),
        ("checkin.updated", {"check_in": check_in(5, "red")}),
        ("checkin.updated", {"check_in": check_in(9, "green")}),
        (
            "rollcall.updated",
            {"entries": [roll(12, "present_room"), roll(4, "absent")], "quorum": quorum},
        ),
        (
            "rollcall.updated",
            {
                "entries": [roll(12, "present_online")],
                "quorum": {**quorum, "present": 1, "met": False},
            },
        ),
        (
            "speakers.updated",
            {
                "speakers": [
                    {
                        "id": 1,
                        "user_id": 4,
                        "name": "A",
                        "bridge_point_id": None,
                        "bridge_point_name": "",
                        "item_id": 8,
                        "topic": "",
                        "status": "waiting",
                        "source": "app",
                        "requested_at": at,
                        "started_at": None,
                        "ended_at": None,
                    }
                ]
            },
        ),
        ("poll.updated", {"poll": {**poll, "id": 6}}),
        ("poll.updated", {"poll": {**poll, "id": 2, "status": "draft"}}),
        ("poll.tally", {"poll_id": 6, "counts": [2, 1], "total": 3}),
        ("poll.tally", {"poll_id": 6, "counts": [1, 1], "total": 2}),  # older, overtaken
        (
            "poll.updated",
            {"poll": {**poll, "id": 6, "status": "closed", "counts": [2, 1], "total": 3}},
        ),
        ("poll.tally", {"poll_id": 6, "counts": [3, 1], "total": 4}),  # late: the result wins
        ("poll.removed", {"poll_id": 2}),
        ("note.saved", {"note": note(8, "note", "một", 1)}),
        ("note.saved", {"note": note(None, "note", "chung", 1)}),
        ("note.saved", {"note": note(8, "conclusion", "kết luận", 1)}),
        ("note.saved", {"note": note(8, "note", "một, hai", 2)}),
        ("video.session", {"session": video(11, 4, None)}),
        ("video.session", {"session": video(3, 12, None)}),
        ("video.session", {"session": video(11, 4, at)}),
    ]
    return [
        {"seq": None if kind == "poll.tally" else seq, "type": kind, "payload": payload}
        for seq, (kind, payload) in enumerate(events, start=1)
    ]


def test_the_pages_reducer_is_the_tests_reducer(browser):
    """static/realtime/live.js applies every event as tests/realtime/reducer.py does."""
    from functools import reduce

    from tests.realtime import reducer

    empty = {
        "meeting": {"status": "scheduled", "started_at": None, "ended_at": None},
        "agenda": [],
        "current": {"item_id": None, "started_at": None, "spent_seconds_before": 0},
        "follow": {"version_id": None, "document_title": "", "page": None, "url": ""},
        "settings": {"quorum_percent": 50, "co_secretary_id": None},
        "bridge_points": [],
        "check_ins": [],
        "members": [],
        "roll_call": [],
        "quorum": {"members": 0, "present": 0, "percent": 50, "needed": 0, "met": False},
        "video": [],
        "speakers": [],
        "polls": [],
        "notes": [],
    }
    frames = _frames()
    assert {f["type"] for f in frames} == set(EVENT_TYPES)
    expected = reduce(reducer.apply, frames, empty)
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<!doctype html><title>reducer</title>")
    page.add_script_tag(path=str(LIVE_JS))
    applied = page.evaluate(
        "([state, frames]) => frames.reduce(DiemCauLive.apply, state)", [empty, frames]
    )
    context.close()
    assert applied == expected
    assert [c["bridge_point_id"] for c in applied["check_ins"]] == [5, 9]
    assert [(p["id"], p["counts"]) for p in applied["polls"]] == [(6, [2, 1])]
    assert [(n["item_id"], n["kind"]) for n in applied["notes"]] == [
        (None, "note"),
        (8, "conclusion"),
        (8, "note"),
    ]
