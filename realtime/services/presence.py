"""Check-in of bridge points (readiness), and the end of video sessions a socket left open."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from meetings.models import Meeting
from realtime import events, readiness
from realtime.access import RoomAccess
from realtime.eventlog import emit, live_state_for_update
from realtime.models import CheckIn, VideoSession
from realtime.state import presence as presence_state


def check_in_opens_at(meeting: Meeting):
    return meeting.start - timedelta(minutes=settings.CHECK_IN_OPENS_MINUTES)


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
    live_state_for_update(access.meeting.pk)
    meeting = Meeting.objects.get(pk=access.meeting.pk)
    if meeting.status not in (Meeting.Status.SCHEDULED, Meeting.Status.LIVE):
        raise ValidationError(_("Cuộc họp không còn nhận điểm danh."), code="wrong_status")
    now = timezone.now()
    opens = check_in_opens_at(meeting)
    if now < opens:
        raise ValidationError(
            _("Chưa đến giờ điểm danh: mở từ %(time)s.")
            % {"time": formats.date_format(timezone.localtime(opens), "H:i d/m/Y")},
            code="too_early",
        )
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
