"""Demo data for the savings ledger: the province's rate set and the ledgers of the demo's
meetings that have ended. Idempotent: the rate set is found by its date, and a meeting
that already has a ledger keeps it.

    demo_savings(organizer=User.objects.get(username="organizer"))
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from meetings.demo import PROVINCE_CODE
from meetings.models import Ledger, Meeting, RateSet, Unit, User
from meetings.savings import ALLOWANCE_RAISED_ON, legal_default_rates
from meetings.services.savings import (
    RATE_FIELDS,
    ledger_compute,
    ledgers_reapply,
    level_of,
    rate_set_create,
)
from meetings.services.units import province_unit_code

# The demo's rates: the legal defaults in force since the allowance was last raised.
DEMO_RATES_FROM: date = ALLOWANCE_RAISED_ON
DEMO_RATES_NOTE = "Định mức theo Thông tư 40/2017/TT-BTC và Thông tư 12/2025/TT-BTC"


@dataclass
class SavingsDemo:
    rate_set_created: bool
    ledgers_created: int
    ledgers_total: int

    def lines(self) -> list[str]:
        return [
            f"bộ định mức tiết kiệm: 1 ({int(self.rate_set_created)} mới)",
            f"sổ tiết kiệm: {self.ledgers_total} ({self.ledgers_created} mới)",
        ]


@transaction.atomic
def demo_savings(*, organizer: User) -> SavingsDemo:
    """Give the demo province its rate set, and every ended meeting of it a ledger."""
    province = Unit.objects.get(code=province_unit_code(PROVINCE_CODE))
    created = not RateSet.objects.filter(host_unit=province, valid_from=DEMO_RATES_FROM).exists()
    if created:
        rates = legal_default_rates(DEMO_RATES_FROM, level_of(province)).as_json()
        rate_set = rate_set_create(
            actor=organizer,
            host_unit_id=province.pk,
            valid_from=DEMO_RATES_FROM,
            values={name: rates[name] for name in RATE_FIELDS},
            note=DEMO_RATES_NOTE,
        )
        # Ledgers made when the demo's meetings ended, before this rate set, take it now.
        ledgers_reapply(actor=organizer, rate_set_id=rate_set.pk)
    ended = Meeting.objects.filter(
        host_unit=province, status=Meeting.Status.ENDED, savings_ledger__isnull=True
    ).order_by("start")
    count = 0
    for meeting_id in ended.values_list("pk", flat=True):
        ledger_compute(meeting_id=meeting_id)
        count += 1
    return SavingsDemo(
        rate_set_created=created,
        ledgers_created=count,
        ledgers_total=Ledger.objects.filter(host_unit=province).count(),
    )
