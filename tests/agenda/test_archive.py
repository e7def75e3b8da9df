"""The archive page: whose meetings, the search (accents optional), dates, rooms, pages."""

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agenda.selectors_archive import (
    ArchiveFilters,
    archive_access,
    archive_search,
    fold_text,
    search_words,
)
from agenda.services.minutes_publish import minutes_publish
from meetings.models import Meeting
from tests.agenda.archive_support import (
    approved_minutes,
    archived_meeting,
    media,  # noqa: F401 (autouse fixture)
    signed_in,
)


def on(day: int, month: int = 3, hour: int = 8) -> datetime:
    return timezone.make_aware(datetime(2026, month, day, hour, 0))


def titles(user, **filters) -> list[str]:
    return [m.title for m in archive_search(archive_access(user), ArchiveFilters(**filters))]


def page_text(user, **params) -> tuple[int, str]:
    response = signed_in(user).get(reverse("archive"), params)
    return response.status_code, response.content.decode()


def test_folding_drops_marks_and_case():
    assert fold_text("  Biên BẢN   Đại hội Đảng  ") == "bien ban dai hoi dang"
    assert fold_text("Thường trực HĐND tỉnh") == "thuong truc hdnd tinh"
    assert search_words("Giao   ban, tuần a") == ["giao", "ban,", "tuan"]


def test_host_staff_see_their_units_meetings_newest_first(world):
    archived_meeting(world, title="Họp tháng 2", start=on(2, month=2))
    archived_meeting(world, title="Họp tháng 3", start=on(2))
    archived_meeting(world, title="Bản nháp", start=on(3), status=Meeting.Status.DRAFT)
    archived_meeting(
        world, title="Họp Cao Bằng", host=world.other_province, main_room=world.other_room, rooms=[]
    )
    for person in (world.organizer, world.chair, world.secretary):
        assert titles(person) == ["Họp tháng 3", "Họp tháng 2"]
    assert titles(world.other_organizer) == ["Họp Cao Bằng"]


def test_meetings_still_to_come_are_listed_after_those_held(world):
    archived_meeting(world, title="Họp tháng 3", start=on(2))
    archived_meeting(world, title="Họp tuần sau", start=timezone.now() + timedelta(days=7))
    archived_meeting(world, title="Họp tháng 2", start=on(2, month=2))
    assert titles(world.organizer) == ["Họp tháng 3", "Họp tháng 2", "Họp tuần sau"]


@pytest.mark.parametrize("persona", ["delegate", "operator", "outsider"])
def test_people_who_are_not_host_staff_have_no_archive(world, persona):
    assert signed_in(getattr(world, persona)).get(reverse("archive")).status_code == 403


def test_anonymous_is_sent_to_sign_in(world):
    response = Client().get(reverse("archive"))
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_titles_are_found_with_or_without_diacritics(world):
    archived_meeting(world, title="Họp giao ban tuần 47", start=on(2))
    archived_meeting(world, title="Hội nghị trực tuyến về đất đai", start=on(3))
    assert titles(world.organizer, query="giao ban") == ["Họp giao ban tuần 47"]
    assert titles(world.organizer, query="GIAO BAN TUAN") == ["Họp giao ban tuần 47"]
    assert titles(world.organizer, query="đất đai") == ["Hội nghị trực tuyến về đất đai"]
    assert titles(world.organizer, query="dat dai") == ["Hội nghị trực tuyến về đất đai"]
    assert titles(world.organizer, query="hop") == ["Họp giao ban tuần 47"]
    assert titles(world.organizer, query="khong co") == []


def test_the_text_of_published_minutes_is_searched(world):
    published = archived_meeting(world, title="Giao ban tháng 3", start=on(2))
    approved_minutes(published, world, code="PUB00001")
    minutes_publish(actor=world.secretary, minutes=published.minutes)
    unpublished = archived_meeting(world, title="Giao ban tháng 4", start=on(2, month=4))
    approved_minutes(unpublished, world, code="UNP00001")

    # Only published minutes are searched: a draft's words are not the record.
    assert titles(world.organizer, query="ke hoach dau tu cong") == ["Giao ban tháng 3"]
    assert titles(world.organizer, query="kế hoạch ĐẦU TƯ công") == ["Giao ban tháng 3"]
    # Every word must match, in the title or in the text.
    assert titles(world.organizer, query="giao ban dau tu") == ["Giao ban tháng 3"]
    assert titles(world.organizer, query="giao ban thuy loi") == []


def test_dates_bound_the_start_in_vietnam_time(world):
    archived_meeting(
        world, title="Sáng 1/3", start=on(1, hour=0)
    )  # 00:00 local, 17:00Z the day before
    archived_meeting(world, title="Tối 31/3", start=on(31, hour=22))
    archived_meeting(world, title="1/4", start=on(1, month=4))
    status, html = page_text(world.organizer, date_from="01/03/2026", date_to="31/03/2026")
    assert status == 200
    assert "Sáng 1/3" in html and "Tối 31/3" in html and "1/4" not in html
    assert titles(world.organizer, date_from=on(1).date(), date_to=on(1).date()) == ["Sáng 1/3"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"date_from": "2026-03-01"}, "Nhập ngày theo dạng dd/mm/yyyy"),
        ({"date_to": "31/02/2026"}, "Nhập ngày theo dạng dd/mm/yyyy"),
        ({"date_from": "02/03/2026", "date_to": "01/03/2026"}, "“Từ ngày” phải trước"),
        ({"bridge_point": "999999"}, "Điểm cầu này không thuộc lưu trữ của bạn."),
    ],
)
def test_bad_filters_answer_400_with_the_reason(world, params, message):
    status, html = page_text(world.organizer, **params)
    assert status == 400
    assert message in html


def test_a_bridge_point_finds_meetings_it_hosted_or_was_invited_to(world):
    archived_meeting(world, title="Cả ba xã", start=on(2))
    archived_meeting(world, title="Chỉ xã 2", start=on(3), rooms=[world.rooms[1]])
    archived_meeting(world, title="Không mời xã", start=on(4), rooms=[])
    assert titles(world.organizer, bridge_point_id=world.rooms[0].pk) == ["Cả ba xã"]
    assert titles(world.organizer, bridge_point_id=world.rooms[1].pk) == ["Chỉ xã 2", "Cả ba xã"]
    assert len(titles(world.organizer, bridge_point_id=world.main_room.pk)) == 3
    status, html = page_text(world.organizer, bridge_point=str(world.rooms[1].pk))
    assert status == 200 and "Chỉ xã 2" in html and "Không mời xã" not in html


def test_pages_of_25_in_a_constant_number_of_queries(world):
    for day in range(30):
        meeting = archived_meeting(
            world, title=f"Cuộc họp số {day + 1}", start=on(1) + timedelta(days=day)
        )
        if day % 2:
            approved_minutes(meeting, world, code=f"CODE{day:04d}")
    client = signed_in(world.organizer)
    client.get(reverse("archive"))  # sessions, caches and the like settle first

    with CaptureQueriesContext(connection) as full:
        first = client.get(reverse("archive"))
    with CaptureQueriesContext(connection) as short:
        second = client.get(reverse("archive"), {"page": "2"})

    assert first.content.decode().count("<tr>") == 26  # the header row and 25 meetings
    assert second.content.decode().count("<tr>") == 6
    assert "Trang 1/2" in first.content.decode()
    assert len(full) == len(short)


def test_a_published_record_is_marked_complete_with_its_links(world):
    meeting = archived_meeting(world, title="Giao ban đã xong", start=on(2))
    approved_minutes(meeting, world, code="DONE0001")
    minutes_publish(actor=world.secretary, minutes=meeting.minutes)
    archived_meeting(world, title="Chưa có biên bản", start=on(3))

    status, html = page_text(world.chair)
    assert status == 200
    assert html.count('<span class="badge response-accepted">Hồ sơ hoàn chỉnh</span>') == 1
    assert "DONE0001" in html
    assert reverse("minutes-published-pdf", args=[meeting.pk]) in html
    assert reverse("meeting-record-zip", args=[meeting.pk]) in html
    assert "Chưa có biên bản" in html


def test_the_secretary_gets_a_publish_button_for_signed_minutes_only(world):
    ready = archived_meeting(world, title="Đã ký", start=on(2))
    approved_minutes(ready, world, code="READY001")
    unsigned = archived_meeting(world, title="Chưa ký", start=on(3))
    approved_minutes(unsigned, world, code="UNSIGNED", signed_kind=None)

    _status, html = page_text(world.secretary)
    assert reverse("minutes-publish", args=[ready.pk]) in html
    assert reverse("minutes-publish", args=[unsigned.pk]) not in html
    _status, html = page_text(world.chair)
    assert reverse("minutes-publish", args=[ready.pk]) not in html


def test_the_header_links_to_the_archive(world):
    _status, html = page_text(world.chair)
    assert f'<a href="{reverse("archive")}" aria-current="page">Lưu trữ</a>' in html
