"""Screens reopening together after a server went away each get exactly what they missed,
from one read of the log for all of them."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from realtime import snapshot
from realtime.access import room_access
from realtime.services import room as room_services
from realtime.snapshot import replay, replays
from tests.realtime.conftest import Live


def _events(live: Live, count: int) -> int:
    chair = room_access(live.chair, live.meeting.pk)
    for percent in range(60, 60 + count):
        room_services.room_settings_update(access=chair, quorum_percent=percent)
    return snapshot.eventlog.last_seq(live.meeting.pk)


def test_each_screen_gets_its_own_missed_events_from_one_read(live: Live):
    last = _events(live, 6)
    sinces = [None, 0, 2, last - 1, last, last + 5, -1]
    with CaptureQueriesContext(connection) as queries:
        together = replays(live.meeting, sinces)
    # The last number, the log once, the open polls' tallies: whatever the number of screens.
    assert len(queries.captured_queries) <= 3
    delegate = room_access(live.delegate, live.meeting.pk)
    for since in sinces:
        assert together[since] == replay(delegate, since), since
    assert [f["seq"] for f in together[2].frames] == list(range(3, last + 1))
    assert together[last].frames == [] and together[last].seq == last
    # No number, a number from the future or a negative one: a snapshot instead.
    assert together[None] is None and together[last + 5] is None and together[-1] is None


def test_a_screen_too_far_behind_gets_a_snapshot_the_others_their_events(live: Live, monkeypatch):
    monkeypatch.setattr(snapshot, "REPLAY_LIMIT", 3)
    last = _events(live, 6)
    together = replays(live.meeting, [0, last - 3, last - 2])
    assert together[0] is None
    assert [f["seq"] for f in together[last - 3].frames] == [last - 2, last - 1, last]
    assert [f["seq"] for f in together[last - 2].frames] == [last - 1, last]
