"""seed_demo holds two past meetings in the live room: one's minutes are signed with a demo
certificate and published, the other's wait for the chair; communes have tasks from them."""

import io
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from agenda.demo_minutes import DEMO_LABEL, PENDING_TITLE, PUBLISHED_TITLE
from agenda.models import (
    ConclusionTask,
    Minutes,
    MinutesDocument,
    MinutesReview,
    MinutesVersion,
    Notice,
    SigningCertificate,
)
from agenda.services.tasks import local_today
from agenda.signing import signature_report
from meetings.models import Meeting, Participant, User
from realtime.models import CheckIn, LiveNote, MeetingEvent, Poll, RollCallEntry, SpeakerRequest
from realtime.models import Vote as Ballot
from tests.agenda.document_support import isolated_media

pytestmark = pytest.mark.django_db
PASSWORD = "mat-khau-demo"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    return isolated_media(settings, tmp_path)


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", "--password", PASSWORD, stdout=out)
    return out.getvalue()


def published_pdf() -> tuple[Minutes, bytes]:
    minutes = Minutes.objects.select_related("published_document__version").get(
        meeting__title=PUBLISHED_TITLE
    )
    with minutes.published_document.file.open("rb") as stored:
        return minutes, stored.read()


def test_the_published_demo_minutes_verify_with_the_demo_certificate():
    out = seed()

    assert "biên bản mẫu: 2 (2 mới)" in out
    minutes, pdf = published_pdf()
    assert minutes.status == Minutes.Status.PUBLISHED
    signers = signature_report(pdf)
    assert [s["role"] for s in signers] == ["secretary", "chair"]
    assert all(s["intact"] and s["trusted"] for s in signers)
    assert {s["name"] for s in signers} == {DEMO_LABEL}
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "Thông qua danh sách công trình giao thông nông thôn" in text
    assert "Kiến nghị bổ sung vốn làm đường giao thông nông thôn" in text
    certificate = SigningCertificate.objects.get(unit=minutes.meeting.host_unit)
    assert DEMO_LABEL in certificate.subject

    code = minutes.published_document.version.verification_code
    page = Client().get(reverse("minutes-verify", args=[code]))
    assert page.status_code == 200
    assert "Biên bản này đã được phát hành chính thức." in page.content.decode()
    assert DEMO_LABEL in page.content.decode()
    check = Client().post(
        reverse("minutes-verify", args=[code]),
        {"file": SimpleUploadedFile("ban-sao.pdf", pdf, content_type="application/pdf")},
    )
    assert "Bản này trùng khớp từng byte với bản gốc." in check.content.decode()


def test_the_demo_has_minutes_waiting_for_the_chair_and_tasks_in_every_state():
    seed()

    meeting = Meeting.objects.get(title=PENDING_TITLE)
    assert meeting.status == Meeting.Status.ENDED
    assert meeting.minutes.status == Minutes.Status.SUBMITTED
    chair = User.objects.get(username="chair")
    assert Notice.objects.filter(user=chair, meeting=meeting, text__contains="trình duyệt")
    published = Meeting.objects.get(title=PUBLISHED_TITLE)
    assert published.start < meeting.start
    today = local_today()
    tasks = ConclusionTask.objects.order_by("deadline", "assignee_unit__name")
    done = [t for t in tasks if t.status == ConclusionTask.Status.DONE]
    overdue = [t for t in tasks if t.status == "open" and t.deadline < today]
    waiting = [t for t in tasks if t.status == "open" and t.deadline >= today]
    assert (len(done), len(overdue), len(waiting)) == (1, 1, 1)
    assert done[0].report and done[0].done_by.username.startswith("operator")
    # The host heard of the overdue task, as the daily flag_overdue_tasks would have said.
    assert Notice.objects.filter(url__contains="qua-han", text__startswith="Quá hạn").exists()
    # The meetings' records come from the live room.
    assert RollCallEntry.objects.filter(meeting=published, status="absent").exclude(reason="")
    assert Poll.objects.filter(meeting=published, secret=True, status="closed").exists()
    assert Poll.objects.filter(meeting=published, secret=False, status="closed").exists()
    assert SpeakerRequest.objects.filter(meeting=published, ended_at__isnull=False).count() == 4


def test_seeding_again_adds_nothing():
    seed()
    models = [
        Meeting,
        Participant,
        User,
        Minutes,
        MinutesVersion,
        MinutesReview,
        MinutesDocument,
        SigningCertificate,
        ConclusionTask,
        Notice,
        CheckIn,
        RollCallEntry,
        SpeakerRequest,
        LiveNote,
        Poll,
        Ballot,
        MeetingEvent,
    ]
    before = {model.__name__: model.objects.count() for model in models}

    out = seed()

    assert {model.__name__: model.objects.count() for model in models} == before
    assert "biên bản mẫu: 2 (0 mới)" in out
