"""Opening a socket reads only the user's own part: a thousand screens opening at once each
pay it, so it must not grow with the number of people invited."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.models import Participant, Role
from realtime.access import room_access
from tests.realtime.conftest import Live
from tests.world import make_user


def _queries(live: Live, user) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        access = room_access(user, live.meeting.pk)
    assert access.meeting.pk == live.meeting.pk
    return [q["sql"] for q in captured.captured_queries]


def test_room_access_does_not_read_everyone_invited(live: Live):
    before = {name: len(_queries(live, getattr(live, name))) for name in ("delegate", "operator")}
    for n in range(40):
        extra = make_user(f"extra{n}", live.communes[1], Role.DELEGATE)
        Participant.objects.create(meeting=live.meeting, user=extra, bridge_point=live.rooms[1])
    for name, count in before.items():
        queries = _queries(live, getattr(live, name))
        assert len(queries) == count <= 3, queries
        # The meeting's people are read one row at a time: this user's, never the list.
        for sql in queries:
            if 'FROM "meetings_participant"' in sql:
                assert re.search(r'user_id" = \d+', sql), sql
    assert room_access(live.operator, live.meeting.pk).operated_rooms == {live.rooms[0].pk}
    assert room_access(live.delegate, live.meeting.pk).participant_room == live.rooms[0].pk
