"""seed_demo also gives the upcoming weekly briefings an agenda, a report and a publication."""

from io import StringIO

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from agenda.models import AgendaItem, Document, Notice, Receipt
from meetings.models import Meeting
from tests.agenda.document_support import isolated_media

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    return isolated_media(settings, tmp_path)


def _rows() -> dict[str, int]:
    return {
        model.__name__: model.objects.count() for model in (AgendaItem, Document, Notice, Receipt)
    }


def test_seed_gives_the_briefings_an_agenda_a_report_and_publishes_the_first():
    call_command("seed_demo", "--password", "mat-khau-demo", stdout=StringIO())
    briefings = list(
        Meeting.objects.filter(series__isnull=False, status=Meeting.Status.SCHEDULED).order_by(
            "start"
        )
    )
    assert briefings
    for meeting in briefings:
        assert meeting.agenda_items.count() == 4
        report = meeting.documents.get()
        version = report.versions.get()
        assert (
            "Báo cáo tình hình tuần" in PdfReader(version.file.open("rb")).pages[0].extract_text()
        )
    assert briefings[0].agenda_published_at is not None
    assert all(m.agenda_published_at is None for m in briefings[1:])
    assert Notice.objects.filter(meeting=briefings[0]).exists()


def test_second_seed_adds_no_agenda_rows():
    call_command("seed_demo", "--password", "mat-khau-demo", stdout=StringIO())
    before = _rows()
    call_command("seed_demo", "--password", "mat-khau-demo", stdout=StringIO())
    assert _rows() == before
