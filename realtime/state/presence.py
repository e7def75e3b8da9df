"""Readiness of each bridge point, the roll call, the quorum and the video attendance log."""

from collections.abc import Iterable
from dataclasses import asdict

from meetings.models import Meeting, Participant
from realtime import events, readiness
from realtime import quorum as quorum_rule
from realtime.models import CheckIn, RollCallEntry, VideoSession


def check_in(entry: CheckIn) -> events.CheckInOut:
    return events.CheckInOut(
        bridge_point_id=entry.bridge_point_id,
        technician_present=entry.technician_present,
        video_tested=entry.video_tested,
        connection_quality=entry.connection_quality,
        headcount=entry.headcount,
        note=entry.note,
        checked_in_at=entry.checked_in_at,
        checked_in_by=entry.checked_in_by.display_name if entry.checked_in_by else "",
        readiness=readiness.light(
            technician_present=entry.technician_present,
            video_tested=entry.video_tested,
            connection_quality=entry.connection_quality,
        ),
    )


def check_ins(meeting: Meeting) -> list[events.CheckInOut]:
    entries = CheckIn.objects.filter(meeting=meeting).select_related("checked_in_by")
    return [check_in(entry) for entry in entries.order_by("bridge_point_id")]


def delegate_ids(meeting: Meeting) -> set[int]:
    """The members entitled to vote: invited people with the delegate role."""
    return set(
        Participant.objects.filter(
            meeting=meeting, role=Participant.ParticipantRole.DELEGATE
        ).values_list("user_id", flat=True)
    )


def marked_user_ids(meeting: Meeting, *statuses: str) -> set[int]:
    return set(
        RollCallEntry.objects.filter(meeting=meeting, status__in=statuses).values_list(
            "user_id", flat=True
        )
    )


def present_user_ids(meeting: Meeting) -> set[int]:
    present = (RollCallEntry.Status.PRESENT_ROOM, RollCallEntry.Status.PRESENT_ONLINE)
    return marked_user_ids(meeting, *present)


def absent_user_ids(meeting: Meeting) -> set[int]:
    return marked_user_ids(meeting, RollCallEntry.Status.ABSENT)


def checked_in_room_ids(meeting: Meeting) -> set[int]:
    return set(CheckIn.objects.filter(meeting=meeting).values_list("bridge_point_id", flat=True))


def roll_call_entry(entry: RollCallEntry) -> events.RollCallOut:
    return events.RollCallOut(
        user_id=entry.user_id,
        bridge_point_id=entry.bridge_point_id,
        status=entry.status,
        reason=entry.reason,
        marked_by=entry.marked_by.display_name if entry.marked_by else "",
    )


def roll_call(meeting: Meeting) -> list[events.RollCallOut]:
    entries = RollCallEntry.objects.filter(meeting=meeting).select_related("marked_by")
    return [roll_call_entry(entry) for entry in entries.order_by("user_id")]


def members(meeting: Meeting, rooms: Iterable[int] | None = None) -> list[dict]:
    """Everyone invited (delegates and observers), room by room: the roll call table's rows;
    only those attending from `rooms` when given."""
    participants = Participant.objects.filter(meeting=meeting).select_related("user")
    if rooms is not None:
        participants = participants.filter(bridge_point_id__in=list(rooms))
    rows = [
        {
            "user_id": p.user_id,
            "name": p.user.display_name,
            "position": p.user.position,
            "bridge_point_id": p.bridge_point_id,
            "role": p.role,
        }
        for p in participants
    ]
    return sorted(rows, key=lambda row: (row["bridge_point_id"] or 0, row["name"]))


def quorum(meeting: Meeting, quorum_percent: int) -> events.QuorumOut:
    """Delegates marked present against all delegates (observers never count)."""
    delegates = delegate_ids(meeting)
    counted = quorum_rule.quorum(
        members=len(delegates),
        present=len(delegates & present_user_ids(meeting)),
        percent=quorum_percent,
    )
    return events.QuorumOut(**asdict(counted))


def video_session(session: VideoSession) -> events.VideoSessionOut:
    return events.VideoSessionOut(
        id=session.pk,
        user_id=session.user_id,
        name=session.user.display_name,
        bridge_point_id=session.bridge_point_id,
        participant_id=session.participant_id,
        joined_at=session.joined_at,
        left_at=session.left_at,
    )


def video_sessions(meeting: Meeting) -> list[events.VideoSessionOut]:
    sessions = VideoSession.objects.filter(meeting=meeting).select_related("user")
    return [video_session(session) for session in sessions.order_by("pk")]
