from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from meetings.conflicts import Slot, find_conflicts
from meetings.demo import TODAY_TITLE, demo_build
from meetings.models import (
    Booking,
    BridgePoint,
    BridgePointGroup,
    Invitation,
    Meeting,
    MeetingSeries,
    Membership,
    Participant,
    Role,
    Unit,
    User,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """The seed uploads demo documents; keep them out of the project's media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


PASSWORD = "mat-khau-demo"


def snapshot() -> dict[str, list]:
    """Every row the demo writes, field by field."""
    models = [
        Unit,
        BridgePoint,
        User,
        Membership,
        Meeting,
        MeetingSeries,
        Invitation,
        Participant,
        Booking,
    ]
    rows = {m.__name__: list(m.objects.order_by("pk").values()) for m in models}
    rows["groups"] = list(BridgePointGroup.bridge_points.through.objects.order_by("pk").values())
    return rows


def test_seed_demo_builds_province_rooms_people_and_a_year_of_meetings():
    out = StringIO()
    call_command("seed_demo", "--password", PASSWORD, stdout=out)

    province = Unit.objects.get(code="20")
    main_room = BridgePoint.objects.get(unit=province)
    assert main_room.name == "Phòng họp trực tuyến UBND tỉnh"
    group = BridgePointGroup.objects.get(owner_unit=province, name="19 xã điểm cầu")
    rooms = list(group.bridge_points.select_related("unit"))
    assert len(rooms) == 19
    assert {room.unit.parent_id for room in rooms} == {province.pk}
    assert all(5 <= room.distance_km <= 60 for room in rooms)
    assert all(1.5 <= room.travel_minutes / float(room.distance_km) <= 2.5 for room in rooms)
    assert any(room.is_hardship for room in rooms)
    assert all(room.technician_name and room.technician_phone for room in rooms)

    for number in range(1, 20):
        operator = User.objects.get(username=f"operator{number}")
        membership = Membership.objects.get(user=operator, role=Role.OPERATOR)
        assert membership.bridge_point in rooms
        assert operator.check_password(PASSWORD)
    assert len({m.bridge_point_id for m in Membership.objects.filter(role=Role.OPERATOR)}) == 19
    for username in ("organizer", "chair", "secretary", "delegate", "observer"):
        person = User.objects.get(username=username)
        assert person.full_name and person.email.startswith(username)
        assert person.check_password(PASSWORD)
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff and admin.check_password(PASSWORD)

    now = timezone.now()
    past = Meeting.objects.filter(status=Meeting.Status.ENDED)
    assert 55 <= past.count() <= 65
    assert not past.filter(end__gt=now).exists()
    assert not Booking.objects.filter(meeting__in=past).exists()
    weekly = past.filter(title__startswith="Giao ban")
    assert {timezone.localtime(m.start).strftime("%a %H:%M") for m in weekly} == {"Mon 08:00"}
    assert past.first().start >= now - timedelta(weeks=53)

    answers = Invitation.objects.filter(meeting__in=past)
    assert not answers.filter(response=Invitation.Response.PENDING).exists()
    declined = answers.filter(response=Invitation.Response.DECLINED)
    assert 0 < declined.count() < answers.count() / 5
    assert not declined.filter(decline_reason="").exists()
    accepted = answers.filter(response=Invitation.Response.ACCEPTED)
    assert set(accepted.values_list("expected_attendees", flat=True)) <= {2, 3, 4, 5}

    upcoming = Meeting.objects.filter(status=Meeting.Status.SCHEDULED)
    assert upcoming.count() == 9
    today = upcoming.get(title=TODAY_TITLE)
    # Soon enough for operators to check in at once, and its agenda is ready.
    assert now < today.start <= now + timedelta(minutes=40)
    assert today.agenda_items.exists()
    assert not upcoming.filter(start__lt=now).exists()
    series = MeetingSeries.objects.get()
    assert series.meetings.count() == 4
    assert Booking.objects.filter(meeting__in=upcoming).count() == sum(
        m.invitations.count() + 1 for m in upcoming
    )
    assert "cuộc họp đã kết thúc" in out.getvalue()
    assert mail.outbox == []  # the demo's invitations are not e-mailed unless asked


def test_scheduled_demo_meetings_respect_the_booking_rule():
    demo_build(password=PASSWORD)

    slots = [
        Slot(
            m.pk,
            m.title,
            m.start,
            m.end,
            frozenset(m.bookings.values_list("bridge_point_id", flat=True)),
            m.chair_id,
        )
        for m in Meeting.objects.filter(status=Meeting.Status.SCHEDULED)
    ]
    for slot in slots:
        assert find_conflicts(slot, slots, timedelta(minutes=15)) == []


def test_second_run_changes_nothing():
    today = timezone.localdate()
    demo_build(password=PASSWORD, today=today)
    before = snapshot()

    summary = demo_build(password=PASSWORD, today=today)

    assert snapshot() == before
    assert set(summary.created.values()) == {0}


def test_second_run_with_a_new_password_only_changes_passwords():
    today = timezone.localdate()
    demo_build(password=PASSWORD, today=today)

    demo_build(password="mat-khau-moi", today=today)

    assert User.objects.get(username="operator7").check_password("mat-khau-moi")
    assert Meeting.objects.count() == 69


def test_empty_password_is_refused():
    with pytest.raises(CommandError):
        call_command("seed_demo", "--password", "", stdout=StringIO())
    assert not User.objects.exists()
