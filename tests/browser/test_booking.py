"""An organizer books a meeting, then tries to double-book it."""

import re

import pytest
from playwright.sync_api import expect

from meetings.models import BridgePointGroup, Meeting
from meetings.services.scheduling import meeting_schedule
from tests.browser.conftest import screenshot
from tests.world import next_morning

pytestmark = pytest.mark.browser


def _group(world) -> BridgePointGroup:
    group = BridgePointGroup.objects.create(owner_unit=world.province, name="Cụm xã phía Bắc")
    group.bridge_points.set(world.rooms[:2])
    return group


def _fill_booking(page, title: str) -> None:
    start = next_morning()
    page.goto("/meetings/new/")
    page.fill("#id_title", title)
    page.fill("#id_date", f"{start:%d/%m/%Y}")
    page.fill("#id_start_time", "08:00")
    page.fill("#id_end_time", "10h")  # as people write it
    page.select_option("#id_chair", label="Nguyễn Văn Chủ")
    page.get_by_role("button", name="Cụm xã phía Bắc (2)").click()
    expect(page.locator("[data-picker-counter] b")).to_have_text("2")


def test_book_with_a_group_then_land_on_the_meeting(world, signed_in):
    _group(world)
    page = signed_in("organizer")
    _fill_booking(page, "Giao ban trực tuyến tháng 11")
    expect(page.locator("#check-result")).to_contain_text("Không có trùng lịch")
    screenshot(page, "meeting-form")

    page.get_by_role("button", name="Đặt lịch", exact=True).click()
    expect(page.locator(".flash")).to_contain_text("Đã đặt lịch họp.")
    meeting = Meeting.objects.get()
    expect(page).to_have_url(re.compile(rf"/meetings/{meeting.pk}/$"))
    expect(page.locator("h1")).to_have_text("Giao ban trực tuyến tháng 11")
    assert {inv.bridge_point for inv in meeting.invitations.all()} == set(world.rooms[:2])
    screenshot(page, "meeting-detail-organizer")


def test_conflict_is_shown_before_submitting_and_the_booking_refused(world, signed_in):
    _group(world)
    meeting_schedule(actor=world.organizer, data=world.meeting_input(title="Họp đã có"))
    page = signed_in("organizer")
    _fill_booking(page, "Họp trùng giờ")

    result = page.locator("#check-result")
    expect(result).to_contain_text("Trùng lịch")
    expect(result).to_contain_text("đã có cuộc họp “Họp đã có”")
    taken = page.locator(f'.picker-room[data-room="{world.rooms[0].pk}"]')
    expect(taken).to_have_class(re.compile("in-conflict"))
    expect(taken.locator(".conflict-mark")).to_be_visible()
    screenshot(page, "meeting-form-conflict")

    page.get_by_role("button", name="Đặt lịch", exact=True).click()
    expect(page.locator(".alert-error")).to_contain_text("Trùng lịch: cuộc họp chưa được lưu.")
    expect(page.locator("#id_title")).to_have_value("Họp trùng giờ")
    assert list(Meeting.objects.values_list("title", flat=True)) == ["Họp đã có"]
    screenshot(page, "meeting-form-refused")


def test_search_filters_the_rooms_and_select_all_takes_what_is_shown(world, signed_in):
    page = signed_in("organizer")
    page.goto("/meetings/new/")
    page.fill("[data-picker-search]", "xa thu 2")  # without diacritics, as people type
    expect(page.locator(".picker-room:visible")).to_have_count(1)
    page.get_by_role("button", name="Chọn tất cả").click()
    expect(page.locator("[data-picker-counter] b")).to_have_text("1")
    page.fill("[data-picker-search]", "")
    expect(page.locator(".picker-room:visible")).to_have_count(4)
    page.get_by_role("button", name="Bỏ chọn").click()
    expect(page.locator("[data-picker-counter] b")).to_have_text("0")
