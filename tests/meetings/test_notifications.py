import logging
import socket

import pytest
from django.core import mail

from meetings.models import Meeting
from meetings.services.scheduling import meeting_cancel, meeting_schedule, meeting_update
from meetings.vietnamese_dates import date_time_short
from tests.meetings.calendar_support import only_event


def _invite(message: mail.EmailMessage) -> tuple:
    """The attached calendar of a message, parsed, with its declared content type."""
    (attachment,) = message.attachments
    filename, content, mimetype = attachment
    assert filename == "invite.ics"
    return mimetype, *only_event(content)


def _by_recipient(messages) -> dict[str, mail.EmailMessage]:
    found = {}
    for message in messages:
        (address,) = message.to
        found[address] = message
    return found


@pytest.fixture
def scheduled(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        meeting = meeting_schedule(
            actor=world.organizer, data=world.meeting_input(title="Giao ban tuần")
        )
    return meeting


def test_schedule_sends_every_invitee_a_request(world, scheduled):
    sent = _by_recipient(mail.outbox)

    assert set(sent) == {
        "chair@example.gov.vn",
        "secretary@example.gov.vn",
        "operator@example.gov.vn",
    }
    for message in sent.values():
        assert message.subject.startswith("Giấy mời họp: Giao ban tuần")
        mimetype, calendar, event = _invite(message)
        assert mimetype == "text/calendar; method=REQUEST"
        assert calendar["METHOD"] == "REQUEST"
        assert event["UID"] == f"{scheduled.uid}@diemcau"
        assert event["SEQUENCE"] == 0


def test_the_letter_gives_time_place_and_link(world, scheduled):
    message = _by_recipient(mail.outbox)["operator@example.gov.vn"]

    assert date_time_short(scheduled.start) in message.body  # dd/mm/yyyy HH:MM
    assert "Phòng họp trực tuyến tỉnh" in message.body
    assert f"/meetings/{scheduled.pk}/" in message.body
    assert f"/meetings/{scheduled.pk}/invitation.pdf" in message.body
    assert "Kính gửi Operator" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "Giao ban tuần" in html


def test_update_sends_sequence_one_with_the_same_uid(
    world, scheduled, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    data = world.meeting_input(
        start=scheduled.start + (scheduled.end - scheduled.start) * 3, title="Giao ban tuần"
    )
    with django_capture_on_commit_callbacks(execute=True):
        meeting_update(actor=world.organizer, meeting_id=scheduled.pk, data=data)

    assert len(mail.outbox) == 3
    for message in mail.outbox:
        assert message.subject.startswith("Thay đổi lịch họp: Giao ban tuần")
        _mimetype, calendar, event = _invite(message)
        assert calendar["METHOD"] == "REQUEST"
        assert event["UID"] == f"{scheduled.uid}@diemcau"
        assert event["SEQUENCE"] == 1
        assert data.start == event.DTSTART


def test_cancel_sends_method_cancel_with_the_reason(
    world, scheduled, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meeting_cancel(
            actor=world.organizer, meeting_id=scheduled.pk, reason="Lãnh đạo đi công tác"
        )

    assert len(mail.outbox) == 3
    for message in mail.outbox:
        assert message.subject.startswith("Hủy cuộc họp: Giao ban tuần")
        assert "Lãnh đạo đi công tác" in message.body
        mimetype, calendar, event = _invite(message)
        assert mimetype == "text/calendar; method=CANCEL"
        assert calendar["METHOD"] == "CANCEL"
        assert event["STATUS"] == "CANCELLED"
        assert event["UID"] == f"{scheduled.uid}@diemcau"


def test_room_dropped_on_update_gets_a_cancel_others_a_request(
    world, scheduled, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    data = world.meeting_input(rooms=world.rooms[1:], title="Giao ban tuần", start=scheduled.start)
    with django_capture_on_commit_callbacks(execute=True):
        meeting_update(actor=world.organizer, meeting_id=scheduled.pk, data=data)

    sent = _by_recipient(mail.outbox)
    dropped = sent.pop("operator@example.gov.vn")
    mimetype, calendar, event = _invite(dropped)
    assert mimetype == "text/calendar; method=CANCEL"
    assert calendar["METHOD"] == "CANCEL" and event["SEQUENCE"] == 1
    assert str(event["ATTENDEE"]) == "mailto:operator@example.gov.vn"
    assert dropped.subject.startswith("Hủy giấy mời họp: Giao ban tuần")
    assert set(sent) == {"chair@example.gov.vn", "secretary@example.gov.vn"}
    for message in sent.values():
        assert _invite(message)[1]["METHOD"] == "REQUEST"
    assert Meeting.objects.get(pk=scheduled.pk).status == Meeting.Status.SCHEDULED


def test_invitee_without_address_is_skipped(world, django_capture_on_commit_callbacks):
    world.operator.email = ""
    world.operator.save()
    with django_capture_on_commit_callbacks(execute=True):
        meeting_schedule(actor=world.organizer, data=world.meeting_input())

    assert {m.to[0] for m in mail.outbox} == {"chair@example.gov.vn", "secretary@example.gov.vn"}


def test_draft_sends_nothing(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        meeting_schedule(actor=world.organizer, data=world.meeting_input(), as_draft=True)

    assert mail.outbox == []


@pytest.fixture
def closed_port() -> int:
    """A local port nobody listens on: connecting is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_mail_server_down_does_not_undo_the_booking(
    world, settings, closed_port, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port, 2
    settings.EMAIL_USE_TLS = False

    with (
        caplog.at_level(logging.ERROR, logger="meetings.mail"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        meeting = meeting_schedule(actor=world.organizer, data=world.meeting_input())

    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.SCHEDULED
    assert "Could not send REQUEST invitations" in caplog.text
