"""Publishing the signed minutes: who may, what must be ready, what everyone receives."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from agenda.models import Minutes, MinutesDocument, Notice
from agenda.services import minutes_publish as publishing
from agenda.services.minutes_publish import minutes_publish
from meetings.services.errors import PermissionDenied
from tests.agenda.archive_support import (
    CONTENT_ITEM_TEXT,
    add_document,
    approved_minutes,
    media,  # noqa: F401 (autouse fixture)
    signed_in,
)
from tests.agenda.document_support import pdf_bytes


def test_the_secretary_publishes_the_uploaded_signed_pdf(
    world, meeting, django_capture_on_commit_callbacks
):
    minutes = approved_minutes(meeting, world)
    uploaded = MinutesDocument.objects.get(kind=MinutesDocument.Kind.UPLOADED)

    with django_capture_on_commit_callbacks(execute=True):
        publication = minutes_publish(actor=world.secretary, minutes=minutes)

    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.PUBLISHED
    assert minutes.published_document == uploaded
    assert minutes.published_by == world.secretary
    assert minutes.published_at is not None
    assert CONTENT_ITEM_TEXT in minutes.search_text
    assert "Tán thành" in minutes.search_text
    assert "<p>" not in minutes.search_text
    assert "thong qua ke hoach dau tu cong nam 2026" in minutes.search_folded
    assert "giao ban tuan" in minutes.search_folded  # the title, for the archive's search
    # The chair, the secretary, the delegate and the first commune's operator.
    assert publication.recipients == 4
    assert publication.document == uploaded


def test_every_participant_and_room_operator_gets_a_notice_and_an_email_with_the_pdf(
    world, meeting, django_capture_on_commit_callbacks
):
    minutes = approved_minutes(meeting, world)
    signed = MinutesDocument.objects.get(kind=MinutesDocument.Kind.UPLOADED)

    with django_capture_on_commit_callbacks(execute=True):
        minutes_publish(actor=world.secretary, minutes=minutes)

    people = {world.chair, world.secretary, world.delegate, world.operator}
    notices = Notice.objects.filter(meeting=meeting)
    assert {n.user for n in notices} == people
    notice = notices.first()
    assert "Biên bản cuộc họp “Giao ban tuần”" in notice.text
    assert "đã được ký số và phát hành" in notice.text
    assert notice.url == reverse("minutes", args=[meeting.pk])

    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    letter = next(m for m in mail.outbox if m.to == [world.delegate.email])
    assert letter.subject.startswith("Biên bản cuộc họp: Giao ban tuần")
    assert "AB12CD34" in letter.body
    assert f"/meetings/{meeting.pk}/minutes/published.pdf" in letter.body
    assert f"/meetings/{meeting.pk}/minutes/\n" in letter.body  # the minutes page
    assert "/verify/AB12CD34/" in letter.body
    assert "được đính kèm" in letter.body
    [(name, content, content_type)] = letter.attachments
    assert (name, content_type) == (f"bien-ban-cuoc-hop-{meeting.pk}.pdf", "application/pdf")
    with signed.file.open("rb") as stored:
        assert content == stored.read()


def test_a_pdf_too_large_to_attach_goes_as_a_link_only(
    world, meeting, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(publishing, "EMAIL_ATTACHMENT_MAX_BYTES", 100)
    minutes = approved_minutes(meeting, world)

    with django_capture_on_commit_callbacks(execute=True):
        minutes_publish(actor=world.secretary, minutes=minutes)

    assert mail.outbox
    for letter in mail.outbox:
        assert letter.attachments == []
        assert "không đính kèm" in letter.body


def test_the_host_organizer_may_publish_too(world, meeting):
    minutes = approved_minutes(meeting, world)
    minutes_publish(actor=world.organizer, minutes=minutes)
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.PUBLISHED


@pytest.mark.parametrize("persona", ["chair", "delegate", "operator", "other_organizer"])
def test_nobody_else_may_publish(world, meeting, persona):
    minutes = approved_minutes(meeting, world)
    with pytest.raises(PermissionDenied, match="Chỉ thư ký cuộc họp"):
        minutes_publish(actor=getattr(world, persona), minutes=minutes)
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.APPROVED
    assert not Notice.objects.exists()


def test_minutes_approved_but_not_signed_are_refused(world, meeting):
    minutes = approved_minutes(meeting, world, signed_kind=None)
    with pytest.raises(ValidationError) as refused:
        minutes_publish(actor=world.secretary, minutes=minutes)
    assert "Biên bản chưa được ký số" in refused.value.messages[0]
    minutes.refresh_from_db()
    assert (minutes.status, minutes.published_document) == (Minutes.Status.APPROVED, None)
    assert not Notice.objects.exists()


@pytest.mark.parametrize(
    "status", [Minutes.Status.DRAFT, Minutes.Status.SUBMITTED, Minutes.Status.RETURNED]
)
def test_minutes_not_approved_are_refused(world, meeting, status):
    minutes = approved_minutes(meeting, world, status=status)
    with pytest.raises(ValidationError, match="chưa được chủ trì duyệt"):
        minutes_publish(actor=world.secretary, minutes=minutes)
    assert not Notice.objects.exists()


def test_publishing_twice_is_refused(world, meeting, django_capture_on_commit_callbacks):
    minutes = approved_minutes(meeting, world)
    with django_capture_on_commit_callbacks(execute=True):
        minutes_publish(actor=world.secretary, minutes=minutes)
    sent, notices = len(mail.outbox), Notice.objects.count()

    with pytest.raises(ValidationError, match=r"đã được phát hành lúc .*không phát hành lại"):
        minutes_publish(actor=world.secretary, minutes=minutes)
    assert (len(mail.outbox), Notice.objects.count()) == (sent, notices)


def test_the_pdf_signed_here_is_published_when_nothing_was_uploaded(world, meeting):
    minutes = approved_minutes(meeting, world, signed_kind=MinutesDocument.Kind.SIGNED)
    publication = minutes_publish(actor=world.secretary, minutes=minutes)
    assert publication.document.kind == MinutesDocument.Kind.SIGNED


def test_an_upload_after_signing_here_wins(world, meeting):
    minutes = approved_minutes(meeting, world, signed_kind=MinutesDocument.Kind.SIGNED)
    uploaded = add_document(
        minutes.versions.get(), MinutesDocument.Kind.UPLOADED, data=pdf_bytes(2)
    )
    assert minutes_publish(actor=world.secretary, minutes=minutes).document == uploaded


# --- The page's button and the published PDF -------------------------------------------


def test_the_publish_button_publishes_and_goes_back(world, meeting):
    approved_minutes(meeting, world)
    response = signed_in(world.secretary).post(
        reverse("minutes-publish", args=[meeting.pk]), {"next": "/archive/?q=giao"}, follow=True
    )
    assert response.redirect_chain == [("/archive/?q=giao", 302)]
    assert "Đã phát hành biên bản và gửi tới 4 người." in response.content.decode()
    assert Minutes.objects.get().status == Minutes.Status.PUBLISHED


def test_the_publish_button_explains_a_refusal(world, meeting):
    approved_minutes(meeting, world, signed_kind=None)
    response = signed_in(world.secretary).post(reverse("minutes-publish", args=[meeting.pk]))
    assert response.status_code == 422
    assert "Biên bản chưa được ký số" in response.content.decode()
    assert Minutes.objects.get().status == Minutes.Status.APPROVED


def test_the_publish_button_answers_403_404_and_405(world, meeting):
    approved_minutes(meeting, world)
    url = reverse("minutes-publish", args=[meeting.pk])
    assert signed_in(world.chair).post(url).status_code == 403
    assert signed_in(world.outsider).post(url).status_code == 404
    assert signed_in(world.secretary).get(url).status_code == 405
    assert Client().post(url).status_code == 302  # to the sign-in page
    assert Minutes.objects.get().status == Minutes.Status.APPROVED


def test_a_meeting_without_minutes_answers_404(world, meeting):
    response = signed_in(world.secretary).post(reverse("minutes-publish", args=[meeting.pk]))
    assert response.status_code == 404


def test_anyone_in_the_meeting_reads_the_published_pdf(world, meeting):
    minutes = approved_minutes(meeting, world)
    url = reverse("minutes-published-pdf", args=[meeting.pk])
    assert signed_in(world.delegate).get(url).status_code == 404  # not yet published

    minutes_publish(actor=world.secretary, minutes=minutes)
    response = signed_in(world.delegate).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline; filename=")
    document = MinutesDocument.objects.get(kind=MinutesDocument.Kind.UPLOADED)
    with document.file.open("rb") as stored:
        assert b"".join(response.streaming_content) == stored.read()
    assert signed_in(world.outsider).get(url).status_code == 404
