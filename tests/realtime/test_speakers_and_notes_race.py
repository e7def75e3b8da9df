"""Writers at the same instant: one request per person, one first version of a note."""

import threading
from collections.abc import Callable

import pytest
from django.db import connection

from realtime.access import room_access
from realtime.models import LiveNote, MeetingEvent, SpeakerRequest
from realtime.protocol import Conflict
from realtime.services.floor import speaker_request
from realtime.services.notes import note_save
from realtime.services.room import meeting_start
from tests.realtime.conftest import Live

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL (SQLite has none)"
    ),
]

WRITERS = 6


def race(calls: list[Callable[[], object]]) -> list[object]:
    """Run each call in its own thread, released together; their results or errors."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[object] = [None] * len(calls)

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            outcomes[index] = calls[index]()
        except Exception as error:
            outcomes[index] = error
        finally:
            connection.close()  # each thread opened its own connection

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def _events(live: Live, event_type: str) -> int:
    return MeetingEvent.objects.filter(meeting_id=live.meeting.pk, type=event_type).count()


def test_a_person_asking_from_several_screens_at_once_gets_one_request(live: Live):
    meeting_start(access=room_access(live.chair, live.meeting.pk))
    access = room_access(live.delegate, live.meeting.pk)
    outcomes = race([lambda: speaker_request(access=access) for _ in range(WRITERS)])
    assert all(isinstance(o, SpeakerRequest) for o in outcomes), outcomes
    assert len({o.pk for o in outcomes}) == 1
    assert SpeakerRequest.objects.filter(meeting=live.meeting).count() == 1
    assert _events(live, "speakers.updated") == 1


def test_two_first_saves_of_a_note_create_it_once(live: Live):
    meeting_start(access=room_access(live.chair, live.meeting.pk))
    access = room_access(live.secretary, live.meeting.pk)
    item = live.items[0].pk

    def save(text: str) -> Callable[[], LiveNote]:
        return lambda: note_save(
            access=access, item_id=item, kind="note", text=text, base_version=0
        )

    outcomes = race([save(f"Bản {n}") for n in range(WRITERS)])
    saved = [o for o in outcomes if isinstance(o, LiveNote)]
    conflicts = [o for o in outcomes if isinstance(o, Conflict)]
    assert len(saved) == 1, outcomes
    assert len(conflicts) == WRITERS - 1, outcomes
    note = LiveNote.objects.get(meeting=live.meeting)
    assert (note.text, note.version) == (saved[0].text, 1)
    assert {c.current["text"] for c in conflicts} == {note.text}
    assert _events(live, "note.saved") == 1
