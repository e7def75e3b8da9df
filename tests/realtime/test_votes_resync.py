"""A screen that reconnects during votes ends up where a fresh screen starts."""

import pytest
from channels.db import database_sync_to_async

from realtime import eventlog
from realtime.models import Poll
from tests.realtime import reducer
from tests.realtime.conftest import Live
from tests.realtime.live_support import LiveClient, connect
from tests.realtime.test_votes_cast import QUESTION, open_poll

pytestmark = pytest.mark.asyncio


async def catch_up(live: Live, since: int) -> tuple[LiveClient, list[dict]]:
    """Reconnect from `since`: every missed event, then the tallies of the open polls."""
    client = await connect(live.delegate, live.meeting, since=since)

    def expected() -> int:
        missed = eventlog.last_seq(live.meeting.pk) - since
        return missed + Poll.objects.filter(status=Poll.Status.OPEN).count()

    frames = [await client.receive() for _ in range(await database_sync_to_async(expected)())]
    return client, frames


async def fresh_state(live: Live) -> dict:
    client = await connect(live.delegate, live.meeting)
    snapshot = (await client.event("snapshot"))["payload"]
    await client.close()
    return snapshot


async def test_old_snapshot_plus_poll_events_equals_a_fresh_snapshot(live: Live):
    delegate = await connect(live.delegate, live.meeting)
    old = (await delegate.event("snapshot"))["payload"]
    await delegate.close()

    chair = await connect(live.chair, live.meeting)
    voter = await connect(live.delegate, live.meeting)
    voter2 = await connect(live.delegate2, live.meeting)
    named = await open_poll(chair, rule="two_thirds", item_id=live.items[0].pk)
    await voter.request("vote.cast", {"poll_id": named, "option": 0})
    await voter2.request("vote.cast", {"poll_id": named, "option": 0})
    await chair.request("poll.close", {"poll_id": named})
    draft = {
        "question": "Bỏ đi",
        "secret": False,
        "electorate": "delegates",
        "rule": "half_present",
    }
    dropped = (await chair.request("poll.create", draft))["poll_id"]
    await chair.request("poll.update", {"poll_id": dropped, "question": "Vẫn bỏ đi"})
    await chair.request("poll.delete", {"poll_id": dropped})
    secret = await open_poll(chair, start=False, secret=True, question=f"{QUESTION} (kín)")
    await voter.request("vote.cast", {"poll_id": secret, "option": 2})
    for client in (chair, voter, voter2):
        await client.close()

    again, frames = await catch_up(live, old["seq"])
    assert frames[-1]["type"] == "poll.tally"
    assert frames[-1]["payload"] == {"poll_id": secret, "counts": [], "total": 1}
    state = old["state"]
    for frame in frames:
        state = reducer.apply(state, frame)
    await again.close()
    fresh = await fresh_state(live)
    assert state == fresh["state"]
    assert [poll["id"] for poll in state["polls"]] == [named, secret]
    assert state["polls"][0]["passed"] is True
    assert fresh["me"]["votes"] == {str(named): 0, str(secret): None}


async def test_votes_missed_while_away_arrive_as_the_current_tally(live: Live):
    chair = await connect(live.chair, live.meeting)
    poll_id = await open_poll(chair)
    away = await connect(live.delegate, live.meeting)
    old = (await away.event("snapshot"))["payload"]
    await away.close()
    voter2 = await connect(live.delegate2, live.meeting)
    await voter2.request("vote.cast", {"poll_id": poll_id, "option": 1})
    await voter2.close()

    # Votes are not numbered events: nothing was missed but the tally.
    again, frames = await catch_up(live, old["seq"])
    assert [f["type"] for f in frames] == ["poll.tally"]
    assert frames[0]["payload"] == {"poll_id": poll_id, "counts": [0, 1, 0], "total": 1}
    state = reducer.apply(old["state"], frames[0])
    await again.close()
    assert state == (await fresh_state(live))["state"]
    await chair.close()
