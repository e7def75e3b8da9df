"""Computing and storing a meeting's ledger: facts from the database, the rates in force,
history kept when rates change later, attendance from check-in, roll call or invitations."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from agenda.models import Document, DocumentVersion
from meetings.models import BridgePoint, Ledger, LedgerLine, Meeting, Participant
from meetings.savings import legal_default_rates
from meetings.selectors_savings import month_period, period_totals
from meetings.services.errors import PermissionDenied
from meetings.services.savings import (
    RATE_FIELDS,
    ledger_after_meeting_end,
    ledger_compute,
    ledger_recompute,
    ledgers_reapply,
    rate_set_create,
    rate_set_update,
)
from meetings.services.scheduling import meeting_cancel, meeting_schedule
from realtime.models import CheckIn, RollCallEntry
from tests.meetings.savings_support import held_meeting, local

DAY = date(2025, 7, 1)


def _values(**changes) -> dict:
    rates = legal_default_rates(DAY).as_json()
    return {**{name: rates[name] for name in RATE_FIELDS}, **changes}


def test_a_held_meeting_gets_lines_for_every_invited_room(world):
    meeting = held_meeting(world, local(2025, 7, 1), headcounts={0: 3, 2: 3})
    ledger = meeting.savings_ledger
    assert ledger.held and ledger.attendance_source == "invitations"
    lines = {line.bridge_point_id: line for line in ledger.lines.all()}
    assert set(lines) == {room.pk for room in world.rooms}
    assert not lines[world.rooms[1].pk].joined  # did not answer: nobody counted
    # Room 1 at 10 km (below 15 km) saves time only; room 3 at 30 km saves fuel too.
    assert lines[world.rooms[0].pk].fuel_cost == 0
    assert lines[world.rooms[0].pk].staff_time == Decimal(80_000)  # 3 × 2 × 20 min = 2 h
    assert lines[world.rooms[2].pk].fuel_cost == Decimal(720_000)  # 180 km × 0,2 l × 20.000
    assert ledger.joins == 2
    assert ledger.total == sum(line.total for line in lines.values()) + ledger.paper_cost
    assert ledger.rates_valid_from is None  # no rate set: the legal defaults


def test_a_rate_change_in_the_middle_of_a_month_applies_from_its_day(world):
    rate_set_create(
        actor=world.organizer,
        host_unit_id=world.province.pk,
        valid_from=date(2025, 7, 1),
        values=_values(petrol_price="20000"),
    )
    rate_set_create(
        actor=world.organizer,
        host_unit_id=world.province.pk,
        valid_from=date(2025, 7, 16),
        values=_values(petrol_price="25000"),
    )
    before = held_meeting(world, local(2025, 7, 15), headcounts={2: 1})
    after = held_meeting(world, local(2025, 7, 16), headcounts={2: 1})
    # Room 3: 1 person × 60 km × 0,2 l = 12 l.
    assert before.savings_ledger.fuel_cost == Decimal(240_000)
    assert after.savings_ledger.fuel_cost == Decimal(300_000)
    assert after.savings_ledger.rates_valid_from == date(2025, 7, 16)
    july = period_totals(world.province, month_period(2025, 7))
    assert july["fuel_cost"] == Decimal(540_000)
    assert july["meetings"] == 2


def test_a_later_rate_change_never_rewrites_a_stored_ledger(world):
    rate_set = rate_set_create(
        actor=world.organizer,
        host_unit_id=world.province.pk,
        valid_from=date(2025, 1, 1),
        values=_values(),
    )
    meeting = held_meeting(world, local(2025, 7, 1), headcounts={2: 1})
    rate_set_update(
        actor=world.organizer,
        rate_set_id=rate_set.pk,
        valid_from=date(2025, 1, 1),
        values=_values(petrol_price="30000"),
    )
    ledger_recompute(actor=world.organizer, meeting_id=meeting.pk)
    ledger = Ledger.objects.get(meeting=meeting)
    assert ledger.fuel_cost == Decimal(240_000)
    assert ledger.rates["petrol_price"] == "20000"
    # Only when the organizer asks for it do the ledgers take the corrected rates.
    assert ledgers_reapply(actor=world.organizer, rate_set_id=rate_set.pk) == 1
    ledger.refresh_from_db()
    assert ledger.fuel_cost == Decimal(360_000)


def test_a_recompute_reads_a_distance_filled_in_later(world):
    BridgePoint.objects.filter(pk=world.rooms[2].pk).update(distance_km=None, travel_minutes=None)
    meeting = held_meeting(world, local(2025, 7, 1), headcounts={2: 2})
    assert meeting.savings_ledger.unknown_distances == 1
    assert meeting.savings_ledger.total == 0
    BridgePoint.objects.filter(pk=world.rooms[2].pk).update(distance_km=30, travel_minutes=60)
    ledger = ledger_recompute(actor=world.organizer, meeting_id=meeting.pk)
    assert ledger.unknown_distances == 0
    assert ledger.person_km == Decimal("120.0")


def test_a_cancelled_meeting_saves_nothing_and_adds_nothing(world):
    meeting = meeting_schedule(
        actor=world.organizer,
        data=world.meeting_input(start=local(2030, 7, 1)),
        notify=False,
    )
    meeting_cancel(actor=world.organizer, meeting_id=meeting.pk, reason="Bão")
    ledger = ledger_compute(meeting_id=meeting.pk)
    assert not ledger.held
    assert ledger.total == 0
    assert not ledger.lines.exists()
    assert period_totals(world.province, month_period(2030, 7))["meetings"] == 0


def test_check_in_headcounts_win_and_give_readiness(world):
    meeting = held_meeting(world, local(2025, 7, 1), compute=False)
    CheckIn.objects.create(
        meeting=meeting,
        bridge_point=world.rooms[0],
        headcount=5,
        checked_in_at=meeting.start - timedelta(minutes=30),
    )
    CheckIn.objects.create(
        meeting=meeting,
        bridge_point=world.rooms[1],
        headcount=2,
        checked_in_at=meeting.start + timedelta(minutes=10),
    )
    CheckIn.objects.create(
        meeting=meeting,
        bridge_point=world.main_room,
        headcount=12,
        checked_in_at=meeting.start - timedelta(minutes=40),
    )
    ledger = ledger_compute(meeting_id=meeting.pk)
    assert ledger.attendance_source == "checkin"
    lines = {line.bridge_point_id: line for line in ledger.lines.all()}
    assert lines[world.rooms[0].pk].people == 5
    assert lines[world.rooms[0].pk].ready_on_time is True
    assert lines[world.rooms[1].pk].ready_on_time is False  # late
    assert lines[world.rooms[2].pk].ready_on_time is False  # never checked in
    assert not lines[world.rooms[2].pk].joined
    assert ledger.facts["host_people"] == 12


def test_roll_call_counts_people_present_in_each_room(world):
    meeting = held_meeting(world, local(2025, 7, 1), compute=False)
    now = timezone.now()
    for user, room, status in (
        (world.delegate, world.rooms[0], RollCallEntry.Status.PRESENT_ROOM),
        (world.operator, world.rooms[0], RollCallEntry.Status.PRESENT_ROOM),
        (world.outsider, world.rooms[1], RollCallEntry.Status.ABSENT),
    ):
        RollCallEntry.objects.create(
            meeting=meeting, user=user, bridge_point=room, status=status, marked_at=now
        )
    Participant.objects.create(
        meeting=meeting,
        user=world.operator,
        bridge_point=world.rooms[0],
        role=Participant.ParticipantRole.OBSERVER,
    )
    ledger = ledger_compute(meeting_id=meeting.pk)
    assert ledger.attendance_source == "rollcall"
    lines = {line.bridge_point_id: line for line in ledger.lines.all()}
    assert lines[world.rooms[0].pk].people == 2
    assert lines[world.rooms[0].pk].meals == Decimal(200_000)  # the guest stayed home
    assert not lines[world.rooms[1].pk].joined
    assert lines[world.rooms[0].pk].ready_on_time is None


def test_hybrid_meeting_counts_only_the_rooms_that_joined_remotely(world):
    meeting = held_meeting(world, local(2025, 7, 1), compute=False, kind=Meeting.Kind.HYBRID)
    now = timezone.now()
    # Room 1's delegate came to the host in person; room 3 joined from its own room.
    RollCallEntry.objects.create(
        meeting=meeting,
        user=world.delegate,
        bridge_point=world.main_room,
        status=RollCallEntry.Status.PRESENT_ROOM,
        marked_at=now,
    )
    RollCallEntry.objects.create(
        meeting=meeting,
        user=world.operator,
        bridge_point=world.rooms[2],
        status=RollCallEntry.Status.PRESENT_ROOM,
        marked_at=now,
    )
    ledger = ledger_compute(meeting_id=meeting.pk)
    assert ledger.joins == 1
    assert ledger.people == 1
    assert ledger.person_km == Decimal("60.0")


def test_pages_come_from_each_documents_latest_version(world, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    meeting = held_meeting(world, local(2025, 7, 1), compute=False)
    report = Document.objects.create(meeting=meeting, title="Báo cáo")
    form = Document.objects.create(meeting=meeting, title="Biểu mẫu")
    for document, number, pages in ((report, 1, 4), (report, 2, 10), (form, 1, None)):
        DocumentVersion.objects.create(
            document=document,
            number=number,
            file=f"documents/{number}.pdf",
            original_name="a.pdf",
            content_type="application/pdf",
            size=1,
            sha256="0" * 64,
            page_count=pages,
        )
    ledger = ledger_compute(meeting_id=meeting.pk)
    # 10 pages × (9 people in the rooms + chair and secretary in the main room).
    assert ledger.document_pages == 10
    assert ledger.pages_not_printed == 110
    assert ledger.paper_cost == Decimal(55_000)
    assert ledger.paperless


def test_the_ledger_is_made_after_the_meeting_ends_commits(
    world, django_capture_on_commit_callbacks
):
    meeting = held_meeting(world, local(2025, 7, 1), compute=False)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        ledger_after_meeting_end(meeting.pk)
        assert not Ledger.objects.filter(meeting=meeting).exists()
    assert len(callbacks) == 1
    assert Ledger.objects.get(meeting=meeting).joins == 3


def test_only_the_host_office_may_recompute(world):
    meeting = held_meeting(world, local(2025, 7, 1))
    with pytest.raises(PermissionDenied):
        ledger_recompute(actor=world.chair, meeting_id=meeting.pk)
    scheduled = meeting_schedule(
        actor=world.organizer, data=world.meeting_input(start=local(2030, 1, 7)), notify=False
    )
    with pytest.raises(ValidationError, match="đã kết thúc"):
        ledger_recompute(actor=world.organizer, meeting_id=scheduled.pk)
    assert LedgerLine.objects.filter(ledger__meeting=scheduled).count() == 0
