import pytest

from meetings.models import Meeting
from meetings.services.scheduling import meeting_schedule
from tests.agenda.tasks_support import Concluded, concluded_meeting
from tests.world import World


@pytest.fixture
def meeting(world: World) -> Meeting:
    """A scheduled meeting of the province with its three communes; the delegate attends
    from the first commune's room, whose operator is `world.operator`."""
    data = world.meeting_input(participants=[(world.delegate.pk, world.rooms[0].pk)])
    return meeting_schedule(actor=world.organizer, data=data, notify=False)


@pytest.fixture
def concluded(world: World) -> Concluded:
    """A meeting that has ended, with a conclusion written for each of its two items."""
    return concluded_meeting(world)
