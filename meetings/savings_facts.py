"""The facts a meeting's savings ledger is computed from, read from the database.

Who was present comes from the best record the meeting has, in this order:
1. the live meeting's check-in (realtime.CheckIn): each room's reported headcount, and
   whether it checked in before the start (readiness);
2. its roll call (realtime.RollCallEntry): the people marked present in each room;
3. the invitations: the headcount each accepting bridge point announced.
The first source with any record for the meeting is used for all of its rooms.
"""

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from agenda.models import DocumentVersion
from meetings.models import Invitation, Meeting, Participant
from meetings.savings import BridgePointFacts, DocumentFacts, MeetingFacts
from realtime.models import CheckIn, RollCallEntry

CHECK_IN, ROLL_CALL, INVITATIONS = "checkin", "rollcall", "invitations"


@dataclass
class Attendance:
    """People present per bridge point, guests among them, and who checked in on time."""

    source: str
    people: dict[int, int]
    guests: dict[int, int]
    ready: dict[int, bool] | None  # None: no check-in records for this meeting


def _observers(meeting: Meeting) -> dict[int, set[int]]:
    """Invited guests (observers) by the bridge point they attend from."""
    found: dict[int, set[int]] = {}
    rows = Participant.objects.filter(
        meeting=meeting, role=Participant.ParticipantRole.OBSERVER, bridge_point__isnull=False
    ).values_list("bridge_point_id", "user_id")
    for bridge_point_id, user_id in rows:
        found.setdefault(bridge_point_id, set()).add(user_id)
    return found


def _from_check_in(meeting: Meeting) -> Attendance | None:
    rows = list(
        CheckIn.objects.filter(meeting=meeting).values_list(
            "bridge_point_id", "headcount", "checked_in_at"
        )
    )
    if not rows:
        return None
    observers = _observers(meeting)
    people = {bp: headcount for bp, headcount, _at in rows}
    return Attendance(
        CHECK_IN,
        people,
        {bp: min(len(observers.get(bp, ())), count) for bp, count in people.items()},
        {bp: at <= meeting.start for bp, _headcount, at in rows},
    )


def _from_roll_call(meeting: Meeting) -> Attendance | None:
    entries = list(
        RollCallEntry.objects.filter(meeting=meeting).values_list(
            "bridge_point_id", "user_id", "status"
        )
    )
    if not entries:
        return None
    present = [
        (bp, user)
        for bp, user, status in entries
        if status == RollCallEntry.Status.PRESENT_ROOM and bp is not None
    ]
    observers = _observers(meeting)
    return Attendance(
        ROLL_CALL,
        dict(Counter(bp for bp, _user in present)),
        dict(Counter(bp for bp, user in present if user in observers.get(bp, ()))),
        None,
    )


def _from_invitations(meeting: Meeting, invitations: list[Invitation]) -> Attendance:
    accepted = [i for i in invitations if i.response == Invitation.Response.ACCEPTED]
    people = {i.bridge_point_id: i.expected_attendees or 0 for i in accepted}
    observers = _observers(meeting)
    return Attendance(
        INVITATIONS,
        people,
        {bp: min(len(observers.get(bp, ())), count) for bp, count in people.items()},
        None,
    )


def attendance(meeting: Meeting, invitations: list[Invitation]) -> Attendance:
    return (
        _from_check_in(meeting)
        or _from_roll_call(meeting)
        or _from_invitations(meeting, invitations)
    )


def _host_people(meeting: Meeting, found: Attendance) -> int:
    """People in the main room: as recorded live, else the chair, secretary and those
    invited to attend there."""
    recorded = found.people.get(meeting.main_bridge_point_id)
    if recorded is not None and found.source != INVITATIONS:
        return recorded
    invited_there = Participant.objects.filter(
        meeting=meeting, bridge_point_id=meeting.main_bridge_point_id
    ).exclude(user_id__in=[meeting.chair_id, meeting.secretary_id])
    return 1 + (meeting.secretary_id is not None) + invited_there.count()


def _documents(meeting: Meeting) -> tuple[DocumentFacts, ...]:
    """Each document's latest version (a document with no file yet is left out)."""
    versions = (
        DocumentVersion.objects.filter(document__meeting=meeting)
        .order_by("document__created_at", "document_id", "-number")
        .values_list("document_id", "document__title", "page_count")
    )
    latest: dict[int, DocumentFacts] = {}
    for document_id, title, pages in versions:
        latest.setdefault(document_id, DocumentFacts(title, pages))
    return tuple(latest.values())


def meeting_facts(meeting: Meeting) -> MeetingFacts:
    """Everything the ledger of `meeting` needs, in a fixed number of queries."""
    invitations = list(
        Invitation.objects.filter(meeting=meeting)
        .exclude(bridge_point_id=meeting.main_bridge_point_id)
        .select_related("bridge_point__unit")
        .order_by("bridge_point__unit__name", "bridge_point__name")
    )
    found = attendance(meeting, invitations)
    first, last = timezone.localdate(meeting.start), timezone.localdate(meeting.end)
    return MeetingFacts(
        meeting_id=meeting.pk,
        title=meeting.title,
        day=first,
        days=(last - first).days + 1,
        kind=meeting.kind,
        status=meeting.status,
        host_people=_host_people(meeting, found),
        attendance_source=found.source,
        bridge_points=tuple(
            BridgePointFacts(
                bridge_point_id=invitation.bridge_point_id,
                name=str(invitation.bridge_point),
                people=found.people.get(invitation.bridge_point_id, 0),
                distance_km=None
                if invitation.bridge_point.distance_km is None
                else Decimal(invitation.bridge_point.distance_km),
                travel_minutes=invitation.bridge_point.travel_minutes,
                is_hardship=invitation.bridge_point.is_hardship,
                guests=found.guests.get(invitation.bridge_point_id, 0),
                ready_on_time=None
                if found.ready is None
                else found.ready.get(invitation.bridge_point_id, False),
            )
            for invitation in invitations
        ),
        documents=_documents(meeting),
    )
