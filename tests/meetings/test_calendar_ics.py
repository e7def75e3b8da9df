from datetime import timedelta
from email.utils import parseaddr

import pytest
from django.conf import settings

from meetings.calendar_ics import meeting_ics
from meetings.models import Participant
from meetings.services.scheduling import meeting_cancel, meeting_schedule
from tests.meetings.calendar_support import attendee_emails, only_event


@pytest.fixture
def meeting(world):
    return meeting_schedule(
        actor=world.organizer,
        data=world.meeting_input(title="Giao ban chuyển đổi số", description="Đề án 06"),
    )


def test_request_describes_the_meeting(world, meeting):
    calendar, event = only_event(meeting_ics(meeting, "REQUEST"))

    assert calendar["METHOD"] == "REQUEST"
    assert calendar["VERSION"] == "2.0"
    assert "Điểm Cầu" in calendar["PRODID"]
    assert event["UID"] == f"{meeting.uid}@diemcau"
    assert event["SEQUENCE"] == 0
    assert event["STATUS"] == "CONFIRMED"
    assert event["SUMMARY"] == "Giao ban chuyển đổi số"
    assert meeting.start == event.DTSTART and meeting.end == event.DTEND
    assert "DTSTAMP" in event
    description = str(event["DESCRIPTION"])
    for expected in (
        "Đề án 06",
        "Tỉnh Lạng Sơn",
        "Nguyễn Văn Chủ",
        "Phòng họp trực tuyến tỉnh",
        *(c.name for c in world.communes),
        f"{settings.SITE_URL}/meetings/{meeting.pk}/",
    ):
        assert expected in description
    location = str(event["LOCATION"])
    assert location == "Tỉnh Lạng Sơn — Phòng họp trực tuyến tỉnh và các điểm cầu trực tuyến"


def test_times_carry_the_vietnam_time_zone(meeting):
    calendar, event = only_event(meeting_ics(meeting, "REQUEST"))

    assert event["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
    assert event.DTSTART.utcoffset() == timedelta(hours=7)


def test_organizer_and_every_invitee_are_named(world, meeting):
    Participant.objects.create(meeting=meeting, user=world.delegate, bridge_point=world.rooms[0])
    _calendar, event = only_event(meeting_ics(meeting, "REQUEST"))

    assert str(event["ORGANIZER"]) == "mailto:organizer@example.gov.vn"
    assert attendee_emails(event) == {
        f"{u.username}@example.gov.vn"
        for u in (world.chair, world.secretary, world.operator, world.delegate)
    }
    roles = {str(a): a.params["ROLE"] for a in event["ATTENDEE"]}
    assert roles["mailto:chair@example.gov.vn"] == "CHAIR"
    assert roles["mailto:operator@example.gov.vn"] == "REQ-PARTICIPANT"


def test_invitee_without_address_is_left_out(world, meeting):
    world.secretary.email = ""
    world.secretary.save()

    _calendar, event = only_event(meeting_ics(meeting, "REQUEST"))

    assert "secretary@example.gov.vn" not in attendee_emails(event)
    assert "chair@example.gov.vn" in attendee_emails(event)


def test_organizer_without_address_falls_back_to_the_site_sender(world, meeting):
    world.organizer.email = ""
    world.organizer.save()

    _calendar, event = only_event(meeting_ics(meeting, "REQUEST"))

    assert str(event["ORGANIZER"]) == f"mailto:{parseaddr(settings.DEFAULT_FROM_EMAIL)[1]}"


def test_cancel_keeps_the_uid_and_raises_the_sequence(world, meeting):
    first_uid = only_event(meeting_ics(meeting, "REQUEST"))[1]["UID"]
    meeting = meeting_cancel(
        actor=world.organizer, meeting_id=meeting.pk, reason="Lãnh đạo đi công tác"
    )

    calendar, event = only_event(meeting_ics(meeting, "CANCEL"))

    assert calendar["METHOD"] == "CANCEL"
    assert event["UID"] == first_uid
    assert event["SEQUENCE"] == 1
    assert event["STATUS"] == "CANCELLED"
    assert "Lãnh đạo đi công tác" in str(event["DESCRIPTION"])


def test_unknown_method_is_refused(meeting):
    with pytest.raises(ValueError, match="PUBLISH"):
        meeting_ics(meeting, "PUBLISH")
