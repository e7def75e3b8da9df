"""Held meetings for the savings tests: booked, answered by the rooms, then ended.

The world's communes are 10, 20 and 30 km from the host (20, 40 and 60 minutes), none a
hardship commune; the tests change that where they need to.
"""

from datetime import datetime, timedelta

from django.utils import timezone

from meetings.demo import meeting_end_past
from meetings.models import Meeting
from meetings.services.responses import invitation_respond
from meetings.services.savings import ledger_compute
from meetings.services.scheduling import meeting_schedule
from tests.world import World


def local(year: int, month: int, day: int, hour: int = 8) -> datetime:
    return timezone.make_aware(datetime(year, month, day, hour))


def held_meeting(
    world: World,
    start: datetime,
    *,
    headcounts: dict[int, int] | None = None,
    compute: bool = True,
    **extra,
) -> Meeting:
    """A meeting at `start` (in the past) where room i confirmed headcounts[i] people
    (default: every room, 3 people), ended, with its ledger computed."""
    headcounts = {0: 3, 1: 3, 2: 3} if headcounts is None else headcounts
    meeting = meeting_schedule(
        actor=world.organizer,
        data=world.meeting_input(start=start, **extra),
        allow_past=True,
        notify=False,
    )
    for index, people in headcounts.items():
        invitation_respond(
            actor=world.organizer,
            meeting_id=meeting.pk,
            bridge_point_id=world.rooms[index].pk,
            accept=True,
            expected_attendees=people,
        )
    meeting_end_past(meeting=meeting, now=start + timedelta(days=1))
    if compute:
        ledger_compute(meeting_id=meeting.pk)
    meeting.refresh_from_db()
    return meeting
