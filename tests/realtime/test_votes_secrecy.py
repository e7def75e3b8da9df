"""Secret votes: who took part is kept apart from the ballots, and no screen can link them."""

import asyncio
import re

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.models import User
from realtime import hub
from realtime.access import room_access
from realtime.models import MeetingEvent
from realtime.services import room as room_services
from realtime.services import votes as services
from tests.realtime.conftest import Live
from tests.realtime.live_support import connect
from tests.realtime.test_votes_cast import open_poll, poll_event, tally_reaching

WRITE = re.compile(r'^\s*(?:INSERT INTO|UPDATE)\s+"(\w+)"', re.IGNORECASE)


def user_columns(table: str) -> set[str]:
    """Columns of `table` that point at a person."""
    model = next(m for m in apps.get_models() if m._meta.db_table == table)
    return {
        field.column
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model is User
    }


def rows(table: str) -> list[dict]:
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - table names from our own SQL
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def test_no_row_links_a_person_to_a_choice(live: Live):
    chair = room_access(live.chair, live.meeting.pk)
    room_services.meeting_start(access=chair)
    poll = services.poll_create(
        access=chair, question="Bầu trưởng ban", secret=True, electorate="delegates"
    )
    services.poll_open(access=chair, poll_id=poll.pk)
    with CaptureQueriesContext(connection) as writes:
        for user, option, message_id in [(live.delegate, 0, "a"), (live.delegate2, 1, "b")]:
            services.vote_cast(
                access=room_access(user, live.meeting.pk),
                poll_id=poll.pk,
                option=option,
                message_id=message_id,
            )
    touched = {m.group(1) for q in writes.captured_queries if (m := WRITE.match(q["sql"]))}
    assert touched == {"realtime_vote", "realtime_optioncount"}
    voters = {live.delegate.pk, live.delegate2.pk}
    for table in touched:
        people = user_columns(table)
        for row in rows(table):
            names_a_voter = any(row[column] in voters for column in people)
            holds_a_choice = row.get("option") is not None
            assert not (names_a_voter and holds_a_choice), (table, row)
    # Both took part, and both choices are counted, but only apart from each other.
    assert {row["voter_id"] for row in rows("realtime_vote")} == voters
    counts = {row["option"]: row["count"] for row in rows("realtime_optioncount")}
    assert counts == {0: 1, 1: 1, 2: 0}
    services.poll_close(access=chair, poll_id=poll.pk)
    names = [live.delegate.display_name, live.delegate2.display_name]
    for event in MeetingEvent.objects.filter(type="poll.updated"):
        assert event.payload["poll"]["choices_count"] == 0
        assert not any(name in str(event.payload) for name in names)


@pytest.mark.asyncio
async def test_a_secret_poll_shows_only_how_many_voted_until_it_closes(live: Live):
    chair = await connect(live.chair, live.meeting)
    delegate = await connect(live.delegate, live.meeting)
    delegate2 = await connect(live.delegate2, live.meeting)
    poll_id = await open_poll(chair, secret=True)
    opened = await poll_event(delegate, "open")
    assert (opened["counts"], opened["total"]) == ([], 0)

    answer = await delegate.request("vote.cast", {"poll_id": poll_id, "option": 1})
    assert (answer["type"], answer["option"]) == ("ack", None)
    assert (await tally_reaching(chair, poll_id, 1))["counts"] == []
    await delegate2.request("vote.cast", {"poll_id": poll_id, "option": 0})
    assert (await tally_reaching(chair, poll_id, 2))["counts"] == []

    late = await connect(live.delegate, live.meeting)
    snapshot = (await late.event("snapshot"))["payload"]
    (poll,) = snapshot["state"]["polls"]
    assert (poll["counts"], poll["total"], poll["choices_count"]) == ([], 2, 0)
    # The voter's own screen knows they voted, not what.
    assert snapshot["me"]["votes"] == {str(poll_id): None}

    await chair.request("poll.close", {"poll_id": poll_id})
    closed = await poll_event(delegate, "closed")
    assert (closed["counts"], closed["total"], closed["choices_count"]) == ([1, 1, 0], 2, 0)
    assert (closed["passed"], closed["percents"]) == (False, [50.0, 50.0, 0.0])
    for client in (chair, delegate, delegate2, late):
        await client.close()


@pytest.mark.asyncio
async def test_no_tally_follows_the_close(live: Live, monkeypatch):
    """A tally that arrives after the close would blank the revealed counts of a secret poll."""
    # A long interval holds the second tally back for certain while the chair closes.
    monkeypatch.setattr(hub, "tally_interval", lambda sockets: 1.0)
    chair = await connect(live.chair, live.meeting)
    delegate = await connect(live.delegate, live.meeting)
    delegate2 = await connect(live.delegate2, live.meeting)
    poll_id = await open_poll(chair, secret=True)
    await delegate.request("vote.cast", {"poll_id": poll_id, "option": 0})
    await delegate2.request("vote.cast", {"poll_id": poll_id, "option": 1})
    await chair.request("poll.close", {"poll_id": poll_id})
    await poll_event(chair, "closed")
    await asyncio.sleep(1.0)  # past the moment a held-back tally goes out
    while not await chair.nothing_more():
        await chair.receive()
    closed_at = max(i for i, f in enumerate(chair.frames) if f["type"] == "poll.updated")
    late = [f for f in chair.frames[closed_at:] if f["type"] == "poll.tally"]
    for client in (chair, delegate, delegate2):
        await client.close()
    assert late == []
