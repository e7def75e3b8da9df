"""The booking rule (meetings.conflicts) against a brute-force oracle; no database.

Times are whole minutes on a grid. A room is in use over [start, end + buffer): it
needs resetting after a meeting. Two bookings of one room clash when some minute is
in both such periods, which is the same as "less than `buffer` between them";
exactly `buffer` apart is allowed. A chair clashes when some minute is in both plain
[start, end) periods.
"""

from collections import Counter
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from meetings.conflicts import ConflictKind, Slot, find_conflicts, find_series_conflicts

BASE = datetime(2025, 9, 8, 1, 0, tzinfo=UTC)  # 08:00 in Hà Nội
GRID = 5
ROOMS = range(1, 5)
CHAIRS = range(1, 4)
BUFFERS = [0, 5, 15, 30]


def at(minute: int) -> datetime:
    return BASE + timedelta(minutes=minute)


def minute_of(moment: datetime) -> int:
    return int((moment - BASE) / timedelta(minutes=1))


def slot(
    meeting_id: int | None,
    start: int,
    end: int,
    rooms=(),
    chair: int | None = None,
    title: str = "",
) -> Slot:
    return Slot(
        meeting_id, title or f"Họp {meeting_id}", at(start), at(end), frozenset(rooms), chair
    )


# --- the oracle: count minutes, know nothing of the rule's formula -------------------------


def minutes_in_use(s: Slot, buffer: int) -> set[int]:
    return set(range(minute_of(s.start), minute_of(s.end) + buffer))


def oracle(proposed: Slot, existing: list[Slot], buffer: int) -> Counter:
    found: Counter = Counter()
    for other in existing:
        if proposed.meeting_id is not None and other.meeting_id == proposed.meeting_id:
            continue  # a meeting being edited does not clash with itself
        key = (other.meeting_id, other.start)
        room_time_shared = minutes_in_use(proposed, buffer) & minutes_in_use(other, buffer)
        for room in ROOMS:
            both_want_it = room in proposed.bridge_point_ids and room in other.bridge_point_ids
            if both_want_it and room_time_shared:
                found[(ConflictKind.BRIDGE_POINT, room, *key)] += 1
        same_chair = proposed.chair_id is not None and proposed.chair_id == other.chair_id
        if same_chair and minutes_in_use(proposed, 0) & minutes_in_use(other, 0):
            found[(ConflictKind.CHAIR, proposed.chair_id, *key)] += 1
    return found


def as_counter(conflicts) -> Counter:
    return Counter((c.kind, c.resource_id, c.meeting_id, c.start) for c in conflicts)


# --- strategies ----------------------------------------------------------------------------


@st.composite
def periods(draw) -> tuple[int, int]:
    start = draw(st.integers(0, 300 // GRID)) * GRID
    length = draw(st.integers(1, 120 // GRID)) * GRID
    return start, start + length


@st.composite
def slots(draw, meeting_id: int | None) -> Slot:
    start, end = draw(periods())
    rooms = draw(st.frozensets(st.sampled_from(ROOMS), max_size=len(ROOMS)))
    chair = draw(st.none() | st.sampled_from(CHAIRS))
    return slot(meeting_id, start, end, rooms, chair)


@st.composite
def bookings(draw) -> tuple[Slot, list[Slot]]:
    count = draw(st.integers(0, 8))
    existing = [draw(slots(meeting_id)) for meeting_id in range(1, count + 1)]
    # Sometimes the proposal is an edit of one of the existing meetings.
    proposed_id = draw(st.none() | st.sampled_from(range(1, count + 1))) if count else None
    return draw(slots(proposed_id)), existing


# --- properties ----------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(bookings(), st.sampled_from(BUFFERS))
def test_find_conflicts_matches_the_oracle(case, buffer):
    proposed, existing = case
    found = find_conflicts(proposed, existing, timedelta(minutes=buffer))
    assert as_counter(found) == oracle(proposed, existing, buffer)


@settings(max_examples=200, deadline=None)
@given(bookings(), st.sampled_from(BUFFERS))
def test_conflicts_come_in_time_order(case, buffer):
    proposed, existing = case
    found = find_conflicts(proposed, existing, timedelta(minutes=buffer))
    keys = [(c.start, c.kind, c.resource_id, c.meeting_id) for c in found]
    assert keys == sorted(keys)


@settings(max_examples=200, deadline=None)
@given(slots(1), slots(2), st.sampled_from(BUFFERS))
def test_a_clash_is_mutual(a, b, buffer):
    gap = timedelta(minutes=buffer)
    a_sees = {(c.kind, c.resource_id) for c in find_conflicts(a, [b], gap)}
    b_sees = {(c.kind, c.resource_id) for c in find_conflicts(b, [a], gap)}
    assert a_sees == b_sees


@settings(max_examples=200, deadline=None)
@given(bookings(), st.sampled_from(BUFFERS))
def test_a_larger_buffer_never_removes_a_conflict(case, buffer):
    proposed, existing = case
    small = as_counter(find_conflicts(proposed, existing, timedelta(minutes=buffer)))
    large = as_counter(find_conflicts(proposed, existing, timedelta(minutes=buffer + 15)))
    assert small <= large


@st.composite
def series_cases(draw) -> tuple[list[Slot], list[Slot]]:
    _proposed, existing = draw(bookings())
    rooms = draw(st.frozensets(st.sampled_from(ROOMS), min_size=1))
    chair = draw(st.none() | st.sampled_from(CHAIRS))
    first, end = draw(periods())
    step = draw(st.integers(0, 60 // GRID)) * GRID  # zero: occurrences on top of each other
    count = draw(st.integers(1, 5))
    occurrences = [
        slot(None, first + i * step, end + i * step, rooms, chair, title="Giao ban")
        for i in range(count)
    ]
    return occurrences, existing


def series_oracle(occurrences: list[Slot], existing: list[Slot], buffer: int) -> Counter:
    found: Counter = Counter()
    for index, occurrence in enumerate(occurrences):
        # Each occurrence meets the booked meetings and the occurrences before it.
        for key, n in oracle(occurrence, existing + occurrences[:index], buffer).items():
            found[(index, *key)] += n
    return found


@settings(max_examples=200, deadline=None)
@given(series_cases(), st.sampled_from(BUFFERS))
def test_find_series_conflicts_matches_the_oracle(case, buffer):
    occurrences, existing = case
    found = find_series_conflicts(occurrences, existing, timedelta(minutes=buffer))
    got = Counter((index, c.kind, c.resource_id, c.meeting_id, c.start) for index, c in found)
    assert got == series_oracle(occurrences, existing, buffer)


@settings(max_examples=200, deadline=None)
@given(series_cases(), st.sampled_from(BUFFERS))
def test_series_is_clear_exactly_when_each_occurrence_could_be_booked_in_turn(case, buffer):
    occurrences, existing = case
    gap = timedelta(minutes=buffer)
    booked, one_by_one_clear = list(existing), True
    for occurrence in occurrences:
        one_by_one_clear &= not find_conflicts(occurrence, booked, gap)
        booked.append(occurrence)
    assert (not find_series_conflicts(occurrences, existing, gap)) == one_by_one_clear


# --- examples at the boundaries ------------------------------------------------------------

BUFFER = timedelta(minutes=15)
BRIEFING = slot(1, 0, 120, rooms={1, 2}, chair=1)  # 08:00–10:00 in rooms 1 and 2


def kinds(proposed: Slot, existing=(BRIEFING,), buffer=BUFFER) -> set[tuple[str, int]]:
    return {(c.kind, c.resource_id) for c in find_conflicts(proposed, list(existing), buffer)}


def test_room_is_free_exactly_one_buffer_after_a_meeting():
    assert kinds(slot(None, 135, 180, rooms={1})) == set()
    assert kinds(slot(None, 134, 180, rooms={1})) == {(ConflictKind.BRIDGE_POINT, 1)}


def test_meeting_must_end_one_buffer_before_the_next_in_the_same_room():
    assert kinds(slot(None, -60, -15, rooms={2})) == set()
    assert kinds(slot(None, -60, -14, rooms={2})) == {(ConflictKind.BRIDGE_POINT, 2)}


def test_chair_may_go_straight_from_one_meeting_to_the_next():
    assert kinds(slot(None, 120, 150, rooms={3}, chair=1)) == set()
    assert kinds(slot(None, 119, 150, rooms={3}, chair=1)) == {(ConflictKind.CHAIR, 1)}


def test_without_buffer_touching_meetings_share_a_room():
    assert kinds(slot(None, 120, 150, rooms={1}), buffer=timedelta(0)) == set()


def test_every_shared_room_and_the_chair_are_reported():
    assert kinds(slot(None, 60, 90, rooms={1, 2, 3}, chair=1)) == {
        (ConflictKind.BRIDGE_POINT, 1),
        (ConflictKind.BRIDGE_POINT, 2),
        (ConflictKind.CHAIR, 1),
    }


def test_edited_meeting_does_not_clash_with_its_old_self():
    assert kinds(slot(1, 30, 150, rooms={1, 2}, chair=1)) == set()


def test_other_rooms_and_other_chairs_never_clash():
    assert kinds(slot(None, 0, 120, rooms={3, 4}, chair=2)) == set()
    assert kinds(slot(None, 0, 120, rooms={3}, chair=None)) == set()


def test_series_occurrences_that_overlap_each_other_are_refused():
    first = slot(None, 0, 60, rooms={1}, title="Giao ban")
    second = slot(None, 70, 130, rooms={1}, title="Giao ban")
    found = find_series_conflicts([first, second], [], BUFFER)
    assert [(index, c.kind, c.start) for index, c in found] == [
        (1, ConflictKind.BRIDGE_POINT, first.start)
    ]
