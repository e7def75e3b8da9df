"""Opening a socket reads only the user's own part: a thousand screens opening at once each
pay it, so it must not grow with the number of people invited."""

import re

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.models import Meeting, Participant, Role, User
from meetings.selectors import meetings_visible_to
from realtime.access import room_access, room_accesses
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
        assert len(queries) == count <= 4, queries
        # The meeting's people are read one row at a time: this user's, never the list.
        for sql in queries:
            if 'FROM "meetings_participant"' in sql:
                assert re.search(r'user_id" (= \d+|IN \(\d+\))', sql), sql
    assert room_access(live.operator, live.meeting.pk).operated_rooms == {live.rooms[0].pk}
    assert room_access(live.delegate, live.meeting.pk).participant_room == live.rooms[0].pk


def test_people_opening_together_cost_the_queries_of_one(live: Live):
    """A batch of sockets opening at once is read in the same few queries as one socket."""
    crowd = []
    for n in range(30):
        extra = make_user(f"crowd{n}", live.communes[1], Role.DELEGATE)
        Participant.objects.create(meeting=live.meeting, user=extra, bridge_point=live.rooms[1])
        crowd.append(extra)
    everyone = [live.chair, live.secretary, live.operator, live.delegate, live.organizer, *crowd]
    # An organizer's units are walked level by level, once per batch.
    with CaptureQueriesContext(connection) as few:
        room_accesses(live.meeting.pk, [live.operator, live.organizer])
    with CaptureQueriesContext(connection) as many:
        together = room_accesses(live.meeting.pk, everyone)
    assert len(many.captured_queries) == len(few.captured_queries) <= 7
    for person in everyone:
        assert together[person.pk] == room_access(person, live.meeting.pk)


def test_the_room_is_open_to_exactly_those_the_meeting_is_visible_to(live: Live):
    """The socket's rule and the meeting pages' rule (`meetings_visible_to`) agree on everyone."""
    User.objects.filter(pk=live.other_organizer.pk).update(is_superuser=False)
    admin = make_user("admin", live.province, Role.OBSERVER)
    User.objects.filter(pk=admin.pk).update(is_superuser=True)
    people = list(User.objects.all())
    allowed = room_accesses(live.meeting.pk, people)
    for person in people:
        visible = meetings_visible_to(person).filter(pk=live.meeting.pk).exists()
        assert (person.pk in allowed) == visible, person.username
    assert live.outsider.pk not in allowed and live.other_organizer.pk not in allowed
    # A meeting without a secretary is not open to someone signed out (no id of their own).
    Meeting.objects.filter(pk=live.meeting.pk).update(secretary=None)
    assert room_accesses(live.meeting.pk, [AnonymousUser()]) == {}
    assert {live.chair.pk, live.secretary.pk, live.operator.pk, admin.pk} <= set(allowed)
