"""Check-in of bridge points (readiness), roll call and quorum, and the video attendance log."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from meetings import jitsi
from meetings.models import Meeting, Participant
from realtime import events, readiness
from realtime.access import RoomAccess
from realtime.eventlog import emit, live_state_for_update
from realtime.models import CheckIn, RollCallEntry, VideoSession
from realtime.services.common import lock_room
from realtime.state import presence as presence_state

ABSENT = RollCallEntry.Status.ABSENT
# The statuses in which people check in, are marked and join the video.
ATTENDING = (Meeting.Status.SCHEDULED, Meeting.Status.LIVE)


def check_in_opens_at(meeting: Meeting):
    return meeting.start - timedelta(minutes=settings.CHECK_IN_OPENS_MINUTES)


def require_check_in_open(meeting: Meeting) -> None:
    """Check-in and roll call run from the check-in opening until the meeting ends."""
    if meeting.status not in ATTENDING:
        raise ValidationError(_("Cuộc họp không còn nhận điểm danh."), code="wrong_status")
    opens = check_in_opens_at(meeting)
    if timezone.now() < opens:
        raise ValidationError(
            _("Chưa đến giờ điểm danh: mở từ %(time)s.")
            % {"time": formats.date_format(timezone.localtime(opens), "H:i d/m/Y")},
            code="too_early",
        )


@transaction.atomic
def check_in_submit(
    *,
    access: RoomAccess,
    bridge_point_id: int,
    technician_present: bool,
    video_tested: bool,
    connection_quality: str | None,
    connection_stats: dict,
    headcount: int,
    note: str = "",
) -> CheckIn:
    """An operator reports their room ready (again and again: the latest report counts)."""
    access.require(
        bridge_point_id in access.operated_rooms or access.is_host_staff,
        _("Chỉ cán bộ kỹ thuật của điểm cầu này được điểm danh cho điểm cầu."),
    )
    meeting, _state = lock_room(access.meeting.pk)
    require_check_in_open(meeting)
    now = timezone.now()
    quality = connection_quality or readiness.quality_from_stats(connection_stats)
    entry, _created = CheckIn.objects.update_or_create(
        meeting=meeting,
        bridge_point_id=bridge_point_id,
        defaults={
            "technician_present": technician_present,
            "video_tested": video_tested,
            "connection_quality": quality,
            "connection_stats": connection_stats,
            "headcount": headcount,
            "note": note,
            "checked_in_by": access.user,
            "checked_in_at": now,
        },
    )
    emit(meeting.pk, events.CheckInUpdated(check_in=presence_state.check_in(entry)))
    return entry


@transaction.atomic
def video_sessions_end(*, meeting_id: int, session_ids: list[int]) -> int:
    """Close the video sessions of a socket that went away without saying so."""
    # The meeting's lock first, as every writer takes it: locking the sessions first could
    # deadlock against video_leave, which holds the meeting and then closes the same rows.
    live_state_for_update(meeting_id)
    now = timezone.now()
    sessions = list(
        VideoSession.objects.select_for_update().filter(
            meeting_id=meeting_id, pk__in=session_ids, left_at__isnull=True
        )
    )
    for session in sessions:
        session.left_at = now
        session.save(update_fields=["left_at"])
        emit(
            meeting_id,
            events.VideoSessionUpdated(session=presence_state.video_session(session)),
        )
    return len(sessions)


@dataclass(frozen=True)
class RollCallMark:
    user_id: int
    status: str
    reason: str = ""


def _roll_call_errors(
    marks: Sequence[RollCallMark], participants: dict[int, Participant]
) -> dict[str, list[str]]:
    """Field errors keyed "entries.<index>.<field>", naming the person where known."""
    errors: dict[str, list[str]] = {}
    seen: set[int] = set()
    for index, mark in enumerate(marks):
        participant = participants.get(mark.user_id)
        if participant is None:
            errors[f"entries.{index}.user_id"] = [_("Người này không được mời dự cuộc họp.")]
            continue
        name = participant.user.display_name
        if mark.user_id in seen:
            errors[f"entries.{index}.user_id"] = [
                _("%(name)s có hai dòng trong cùng một lần điểm danh.") % {"name": name}
            ]
        seen.add(mark.user_id)
        if mark.status not in RollCallEntry.Status.values:
            errors[f"entries.{index}.status"] = [
                _("Tình trạng của %(name)s không hợp lệ.") % {"name": name}
            ]
        elif mark.status == ABSENT and not mark.reason.strip():
            errors[f"entries.{index}.reason"] = [
                _("Ghi lý do vắng mặt của %(name)s.") % {"name": name}
            ]
    return errors


@transaction.atomic
def roll_call_mark(*, access: RoomAccess, marks: Sequence[RollCallMark]) -> list[RollCallEntry]:
    """Mark people present in the room, online elsewhere or absent: all the marks or none.

    An operator marks the people attending from the rooms they run; the chair, the
    secretaries and the host staff mark anyone (in practice, those in the main room).
    """
    marks_anyone = access.is_chair or access.is_secretary or access.is_host_staff
    access.require(
        marks_anyone or bool(access.operated_rooms),
        _("Chỉ cán bộ kỹ thuật điểm cầu, chủ trì hoặc thư ký được điểm danh đại biểu."),
    )
    meeting, state = lock_room(access.meeting.pk)
    require_check_in_open(meeting)
    participants = {
        p.user_id: p
        for p in Participant.objects.filter(
            meeting=meeting, user_id__in=[mark.user_id for mark in marks]
        ).select_related("user")
    }
    if not marks_anyone:
        elsewhere = [
            p.user.display_name
            for p in participants.values()
            if p.bridge_point_id not in access.operated_rooms
        ]
        access.require(
            not elsewhere,
            _(
                "Bạn chỉ được điểm danh người dự tại điểm cầu mình phụ trách "
                "(không được điểm danh: %(names)s)."
            )
            % {"names": ", ".join(sorted(elsewhere))},
        )
    errors = _roll_call_errors(marks, participants)
    if errors:
        raise ValidationError(errors)
    existing = {
        entry.user_id: entry
        for entry in RollCallEntry.objects.filter(meeting=meeting, user_id__in=participants)
    }
    now = timezone.now()
    entries = []
    for mark in marks:
        entry = existing.get(mark.user_id) or RollCallEntry(meeting=meeting, user_id=mark.user_id)
        entry.bridge_point_id = participants[mark.user_id].bridge_point_id
        entry.status = mark.status
        entry.reason = mark.reason.strip() if mark.status == ABSENT else ""
        entry.marked_by = access.user
        entry.marked_at = now
        entries.append(entry)
    RollCallEntry.objects.bulk_create([e for e in entries if e.user_id not in existing])
    RollCallEntry.objects.bulk_update(
        [e for e in entries if e.user_id in existing],
        fields=["bridge_point", "status", "reason", "marked_by", "marked_at"],
    )
    entries.sort(key=lambda entry: entry.user_id)
    emit(
        meeting.pk,
        events.RollCallUpdated(
            entries=[presence_state.roll_call_entry(entry) for entry in entries],
            quorum=presence_state.quorum(meeting, state.quorum_percent),
        ),
    )
    return entries


def _video_room(access: RoomAccess, bridge_point_id: int | None) -> int | None:
    """The room the client says it joins from when the person may speak for it, else theirs."""
    main_room = access.meeting.main_bridge_point_id
    if bridge_point_id is not None and (
        bridge_point_id in access.room_ids
        or (access.is_host_staff and bridge_point_id == main_room)
    ):
        return bridge_point_id
    room = jitsi.video_bridge_point(access.user, access.meeting)
    return room.pk if room else None


@transaction.atomic
def video_join(
    *, access: RoomAccess, participant_id: str, bridge_point_id: int | None = None
) -> VideoSession:
    """Open an attendance session for a video client (its repeated report: the same one)."""
    meeting, _state = lock_room(access.meeting.pk)
    if meeting.status not in ATTENDING:
        raise ValidationError(
            _("Cuộc họp không diễn ra: không ghi nhận tham gia hình ảnh."), code="wrong_status"
        )
    session = VideoSession.objects.filter(
        meeting=meeting, user=access.user, participant_id=participant_id, left_at__isnull=True
    ).first()
    if session is not None:
        return session
    session = VideoSession.objects.create(
        meeting=meeting,
        user=access.user,
        bridge_point_id=_video_room(access, bridge_point_id),
        participant_id=participant_id,
        joined_at=timezone.now(),
    )
    emit(meeting.pk, events.VideoSessionUpdated(session=presence_state.video_session(session)))
    return session


@transaction.atomic
def video_leave(*, access: RoomAccess) -> int:
    """Close every open video session of the person in this meeting (at any status)."""
    live_state_for_update(access.meeting.pk)
    open_ids = VideoSession.objects.filter(
        meeting_id=access.meeting.pk, user=access.user, left_at__isnull=True
    ).values_list("pk", flat=True)
    return video_sessions_end(meeting_id=access.meeting.pk, session_ids=list(open_ids))
