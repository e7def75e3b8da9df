from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from agenda.models import AgendaItem
from meetings.models import Meeting, Participant, Role, User
from meetings.services.scheduling import meeting_schedule
from tests.world import World, build_world, make_user


@dataclass
class Live:
    """A meeting about to start: two agenda items, a delegate in each of two communes."""

    world: World
    meeting: Meeting
    items: list[AgendaItem]
    delegate2: User  # attends from world.rooms[1], which has no operator
    observer: User

    def __getattr__(self, name: str):
        return getattr(self.world, name)


def build_live(world: World) -> Live:
    delegate2 = make_user("delegate2", world.communes[1], Role.DELEGATE, full_name="Trần Thị Hai")
    observer = make_user("observer", world.communes[2], Role.OBSERVER)
    start = timezone.now().replace(microsecond=0) + timedelta(minutes=30)
    data = world.meeting_input(
        start=start,
        participants=[
            (world.delegate.pk, world.rooms[0].pk),
            (delegate2.pk, world.rooms[1].pk),
            (observer.pk, world.rooms[2].pk),
        ],
    )
    meeting = meeting_schedule(actor=world.organizer, data=data, notify=False)
    Participant.objects.filter(meeting=meeting, user=observer).update(
        role=Participant.ParticipantRole.OBSERVER
    )
    items = [
        AgendaItem.objects.create(
            meeting=meeting, position=i, title=title, planned_minutes=20, presenter_user=presenter
        )
        for i, (title, presenter) in enumerate(
            [
                ("Báo cáo kinh tế - xã hội tháng", world.delegate),
                ("Kế hoạch phòng chống lụt bão", None),
            ],
            start=1,
        )
    ]
    return Live(world, meeting, items, delegate2, observer)


@pytest.fixture
def live(transactional_db) -> Live:
    return build_live(build_world())
