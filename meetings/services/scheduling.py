"""Booking, changing and cancelling meetings, and recurring series."""

from datetime import datetime, timedelta
from functools import partial

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from psycopg.errors import DeadlockDetected

from meetings import conflict_details, notifications, selectors
from meetings.conflicts import Slot, find_series_conflicts
from meetings.meeting_input import MeetingInput, shape_errors
from meetings.models import (
    Booking,
    BridgePoint,
    Invitation,
    Meeting,
    MeetingSeries,
    Participant,
    Role,
    Unit,
    User,
)
from meetings.services.errors import ConflictError, PermissionDenied

EDITABLE = (Meeting.Status.DRAFT, Meeting.Status.SCHEDULED)


def meeting_validate(
    *, actor: User, data: MeetingInput, now: datetime | None = None, allow_past: bool = False
) -> None:
    """Raise ValidationError with a message per field, or return quietly."""
    errors = shape_errors(data, now=now or timezone.now(), allow_past=allow_past)
    managed = None if actor.is_superuser else selectors.managed_unit_ids(actor)

    host = Unit.objects.filter(pk=data.host_unit_id).first()
    if host is None:
        errors.setdefault("host_unit_id", []).append(_("Đơn vị chủ trì không tồn tại."))
    elif managed is not None and host.pk not in managed:
        errors.setdefault("host_unit_id", []).append(
            _("Bạn không quản lý đơn vị %(unit)s.") % {"unit": host.name}
        )

    rooms = {
        bp.pk: bp
        for bp in BridgePoint.objects.filter(pk__in=data.room_ids()).select_related("unit")
    }
    for bp_id in sorted(data.room_ids() - rooms.keys()):
        field = "main_bridge_point_id" if bp_id == data.main_bridge_point_id else "bridge_point_ids"
        errors.setdefault(field, []).append(_("Điểm cầu số %(id)s không tồn tại.") % {"id": bp_id})
    for bp in rooms.values():
        field = "main_bridge_point_id" if bp.pk == data.main_bridge_point_id else "bridge_point_ids"
        if not bp.is_active:
            errors.setdefault(field, []).append(
                _("Điểm cầu %(bp)s đang ngừng hoạt động.") % {"bp": bp}
            )
        if managed is not None and bp.unit_id not in managed:
            errors.setdefault(field, []).append(
                _("Điểm cầu %(bp)s thuộc đơn vị bạn không quản lý.") % {"bp": bp}
            )

    if host is not None:
        leaders = selectors.unit_ancestor_ids(host)
        _check_person(
            errors,
            "chair_id",
            data.chair_id,
            Role.CHAIR,
            leaders,
            _("Người chủ trì phải có vai trò chủ trì tại %(unit)s hoặc cấp trên."),
            host,
        )
        if data.secretary_id is not None:
            _check_person(
                errors,
                "secretary_id",
                data.secretary_id,
                Role.SECRETARY,
                leaders,
                _("Thư ký phải có vai trò thư ký tại %(unit)s hoặc cấp trên."),
                host,
            )

    people = set(
        User.objects.filter(pk__in=[u for u, _bp in data.participants], is_active=True).values_list(
            "pk", flat=True
        )
    )
    for user_id, bp_id in data.participants:
        if user_id not in people:
            errors.setdefault("participants", []).append(
                _("Người dùng số %(id)s không tồn tại.") % {"id": user_id}
            )
        if bp_id is not None and bp_id not in data.room_ids():
            errors.setdefault("participants", []).append(
                _("Đại biểu chỉ dự được tại một điểm cầu đã mời.")
            )
    if errors:
        raise ValidationError(errors)


def _check_person(errors, field, user_id, role, unit_ids, message, host) -> None:
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        errors.setdefault(field, []).append(
            _("Người dùng số %(id)s không tồn tại.") % {"id": user_id}
        )
    elif not selectors.user_has_role(user, role, unit_ids):
        errors.setdefault(field, []).append(message % {"unit": host.name})


def _slot(data: MeetingInput, meeting_id: int | None = None) -> Slot:
    return Slot(meeting_id, data.title, data.start, data.end, data.room_ids(), data.chair_id)


def meeting_conflicts(*, data: MeetingInput, exclude_meeting_id: int | None = None):
    """The described conflicts of a proposed booking (a read; used by the live check)."""
    return conflict_details.describe(selectors.conflicts_for(_slot(data, exclude_meeting_id)))


def _raise_if_conflicts(data: MeetingInput, meeting_id: int | None) -> None:
    conflicts = meeting_conflicts(data=data, exclude_meeting_id=meeting_id)
    if conflicts:
        raise ConflictError(conflicts)


def _hold_rooms(meeting: Meeting, data: MeetingInput) -> None:
    """Replace the meeting's room bookings; the database refuses a racing overlap."""
    buffer = selectors.setup_buffer()
    Booking.objects.filter(meeting=meeting).delete()
    bookings = [
        Booking(
            meeting=meeting,
            bridge_point_id=bp_id,
            starts_at=meeting.start,
            ends_at=meeting.end + buffer,
        )
        for bp_id in sorted(data.room_ids())
    ]
    try:
        _insert_bookings(bookings)
    except IntegrityError:
        # Another booking committed between our check and our insert.
        _raise_if_conflicts(data, meeting.pk)
        raise


def _insert_bookings(bookings: list[Booking]) -> None:
    """Insert the rows; once more after a deadlock. Two transactions inserting overlapping
    bookings each wait, inside the exclusion check, for the other's row, and PostgreSQL aborts
    one of them: inserted again, it now waits behind the other and gets the overlap refused."""
    for attempt in (1, 2):
        try:
            with transaction.atomic():
                Booking.objects.bulk_create(bookings)
            return
        except OperationalError as error:
            if attempt == 2 or not isinstance(error.__cause__, DeadlockDetected):
                raise
            for booking in bookings:
                booking.pk = None


def _write_invitees(meeting: Meeting, data: MeetingInput) -> None:
    wanted = set(data.bridge_point_ids)
    meeting.invitations.exclude(bridge_point_id__in=wanted).delete()
    have = set(meeting.invitations.values_list("bridge_point_id", flat=True))
    Invitation.objects.bulk_create(
        Invitation(meeting=meeting, bridge_point_id=bp_id) for bp_id in sorted(wanted - have)
    )
    people = dict(data.participants)
    meeting.participants.exclude(user_id__in=people).delete()
    for user_id, bp_id in people.items():
        Participant.objects.update_or_create(
            meeting=meeting, user_id=user_id, defaults={"bridge_point_id": bp_id}
        )


def _apply(meeting: Meeting, data: MeetingInput) -> None:
    for name in (
        "title",
        "host_unit_id",
        "main_bridge_point_id",
        "chair_id",
        "secretary_id",
        "start",
        "end",
        "kind",
        "description",
    ):
        setattr(meeting, name, getattr(data, name))


def _notify_after_commit(meeting: Meeting, method: str, user_ids: list[int]) -> None:
    if user_ids:
        transaction.on_commit(
            partial(notifications.send_calendar_invitations, meeting.pk, method, user_ids)
        )


def _invitee_ids(meeting: Meeting) -> list[int]:
    return [u.pk for u in selectors.meeting_invitees(meeting)]


@transaction.atomic
def meeting_schedule(
    *,
    actor: User,
    data: MeetingInput,
    as_draft: bool = False,
    now: datetime | None = None,
    allow_past: bool = False,
    notify: bool = True,
    series: MeetingSeries | None = None,
) -> Meeting:
    """Create a meeting; unless a draft, hold its rooms and send the invitations."""
    meeting_validate(actor=actor, data=data, now=now, allow_past=allow_past)
    if not as_draft:
        _raise_if_conflicts(data, None)
    meeting = Meeting(
        created_by=actor,
        series=series,
        status=Meeting.Status.DRAFT if as_draft else Meeting.Status.SCHEDULED,
    )
    _apply(meeting, data)
    meeting.save()
    _write_invitees(meeting, data)
    if not as_draft:
        _hold_rooms(meeting, data)
        if notify:
            _notify_after_commit(meeting, "REQUEST", _invitee_ids(meeting))
    return meeting


def _editable(actor: User, meeting_id: int) -> Meeting:
    meeting = selectors.meeting_get(actor, meeting_id)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not selectors.meeting_manageable_by(actor, meeting):
        raise PermissionDenied(_("Chỉ văn phòng đơn vị chủ trì được sửa cuộc họp này."))
    return meeting


@transaction.atomic
def meeting_update(
    *, actor: User, meeting_id: int, data: MeetingInput, now: datetime | None = None
) -> Meeting:
    """Change a draft or scheduled meeting; invitees get an updated invitation."""
    meeting = _editable(actor, meeting_id)
    if meeting.status not in EDITABLE:
        raise ValidationError(_("Không thể sửa cuộc họp đang diễn ra, đã kết thúc hoặc đã hủy."))
    meeting_validate(actor=actor, data=data, now=now)
    before = set(_invitee_ids(meeting))
    holds = meeting.status == Meeting.Status.SCHEDULED
    if holds:
        _raise_if_conflicts(data, meeting.pk)
    _apply(meeting, data)
    if holds:  # a draft has sent no invitation yet, so there is no version to supersede
        meeting.sequence += 1
    meeting.save()
    _write_invitees(meeting, data)
    if holds:
        _hold_rooms(meeting, data)
        after = _invitee_ids(meeting)
        _notify_after_commit(meeting, "REQUEST", after)
        _notify_after_commit(meeting, "CANCEL", sorted(before - set(after)))
    return meeting


@transaction.atomic
def meeting_confirm(*, actor: User, meeting_id: int) -> Meeting:
    """Turn a draft into a scheduled meeting: check, hold the rooms, invite."""
    meeting = _editable(actor, meeting_id)
    if meeting.status != Meeting.Status.DRAFT:
        raise ValidationError(_("Chỉ cuộc họp dự thảo mới được lên lịch."))
    data = meeting_input_of(meeting)
    meeting_validate(actor=actor, data=data)
    _raise_if_conflicts(data, meeting.pk)
    meeting.status = Meeting.Status.SCHEDULED
    meeting.save(update_fields=["status", "updated_at"])
    _hold_rooms(meeting, data)
    _notify_after_commit(meeting, "REQUEST", _invitee_ids(meeting))
    return meeting


@transaction.atomic
def meeting_cancel(*, actor: User, meeting_id: int, reason: str) -> Meeting:
    """Cancel with a reason; rooms are freed and invitees get METHOD:CANCEL."""
    meeting = _editable(actor, meeting_id)
    if meeting.status not in EDITABLE:
        raise ValidationError(_("Không thể hủy cuộc họp đang diễn ra, đã kết thúc hoặc đã hủy."))
    if not reason.strip():
        raise ValidationError({"reason": [_("Nhập lý do hủy cuộc họp.")]})
    was_scheduled = meeting.status == Meeting.Status.SCHEDULED
    meeting.status = Meeting.Status.CANCELLED
    meeting.cancel_reason = reason.strip()
    if was_scheduled:
        meeting.sequence += 1
    meeting.save(update_fields=["status", "cancel_reason", "sequence", "updated_at"])
    Booking.objects.filter(meeting=meeting).delete()
    if was_scheduled:
        _notify_after_commit(meeting, "CANCEL", _invitee_ids(meeting))
    return meeting


def meeting_input_of(meeting: Meeting) -> MeetingInput:
    return MeetingInput(
        title=meeting.title,
        host_unit_id=meeting.host_unit_id,
        main_bridge_point_id=meeting.main_bridge_point_id,
        chair_id=meeting.chair_id,
        secretary_id=meeting.secretary_id,
        start=meeting.start,
        end=meeting.end,
        kind=meeting.kind,
        description=meeting.description,
        bridge_point_ids=sorted(meeting.invitations.values_list("bridge_point_id", flat=True)),
        participants=list(meeting.participants.values_list("user_id", "bridge_point_id")),
    )


def series_dates(
    first_start: datetime, frequency: str, interval: int, count: int
) -> list[datetime]:
    """Start times of a series, kept at the same local wall-clock time."""
    local = timezone.localtime(first_start)
    step = (
        relativedelta(weeks=interval)
        if frequency == MeetingSeries.Frequency.WEEKLY
        else relativedelta(months=interval)
    )
    naive = local.replace(tzinfo=None)
    return [timezone.make_aware(naive + step * i) for i in range(count)]


@transaction.atomic
def series_schedule(
    *,
    actor: User,
    data: MeetingInput,
    frequency: str,
    interval: int = 1,
    count: int,
    now: datetime | None = None,
) -> list[Meeting]:
    """Book every occurrence of a recurring briefing, or none if any collides."""
    errors: dict[str, list[str]] = {}
    if frequency not in MeetingSeries.Frequency.values:
        errors["frequency"] = [_("Chọn lặp lại hằng tuần hoặc hằng tháng.")]
    if not 1 <= count <= 60:
        errors["count"] = [_("Số buổi phải từ 1 đến 60.")]
    if not 1 <= interval <= 12:
        errors["interval"] = [_("Khoảng lặp phải từ 1 đến 12.")]
    if errors:
        raise ValidationError(errors)
    meeting_validate(actor=actor, data=data, now=now)
    length: timedelta = data.end - data.start
    starts = series_dates(data.start, frequency, interval, count)
    occurrences = [
        Slot(None, data.title, s, s + length, data.room_ids(), data.chair_id) for s in starts
    ]
    existing = selectors.slots_near(
        start=occurrences[0].start,
        end=occurrences[-1].end,
        bridge_point_ids=data.room_ids(),
        chair_id=data.chair_id,
    )
    found = find_series_conflicts(occurrences, existing, selectors.setup_buffer())
    if found:
        raise ConflictError(
            conflict_details.describe([c for _i, c in found], [i for i, _c in found])
        )
    series = MeetingSeries.objects.create(
        title=data.title, frequency=frequency, interval=interval, count=count, created_by=actor
    )
    meetings = []
    for slot in occurrences:
        data.start, data.end = slot.start, slot.end
        meetings.append(meeting_schedule(actor=actor, data=data, now=now, series=series))
    return meetings
