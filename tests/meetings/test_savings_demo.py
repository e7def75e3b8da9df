"""demo_savings: the demo province gets its rate set and a ledger for every ended meeting,
and a second run changes nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from meetings.demo import demo_build
from meetings.demo_savings import DEMO_RATES_FROM, demo_savings
from meetings.models import Ledger, Meeting, RateSet, User
from meetings.selectors_savings import Period, period_totals
from meetings.services.savings import ledger_compute

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_demo_has_rates_and_ledgers_for_its_past_meetings():
    today = timezone.localdate()
    demo_build(password="mat-khau-demo")
    organizer = User.objects.get(username="organizer")
    ended = Meeting.objects.filter(status=Meeting.Status.ENDED).order_by("start")
    # As if the first meeting's ledger was made when it ended, before the demo's rates.
    assert ledger_compute(meeting_id=ended.first().pk).rates_valid_from is None
    first = demo_savings(organizer=organizer)
    assert first.rate_set_created
    assert first.ledgers_created == ended.count() - 1 > 50
    rate_set = RateSet.objects.get()
    assert rate_set.valid_from == DEMO_RATES_FROM
    assert rate_set.daily_allowance == 300_000
    # The weekly briefings invite all 19 rooms; most confirm 2–5 people.
    totals = period_totals(rate_set.host_unit, Period(today - timedelta(days=400), today))
    assert totals["meetings"] == ended.count()
    assert totals["joins"] > 19 * 40
    assert totals["total"] > 0
    assert set(Ledger.objects.values_list("rates_valid_from", flat=True)) == {DEMO_RATES_FROM}

    second = demo_savings(organizer=organizer)
    assert not second.rate_set_created
    assert second.ledgers_created == 0
    assert second.lines() == [
        "bộ định mức tiết kiệm: 1 (0 mới)",
        f"sổ tiết kiệm: {ended.count()} (0 mới)",
    ]
