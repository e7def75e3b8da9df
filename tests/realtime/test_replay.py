"""A message sent again with the same id (its ack was lost with the link) is not done twice."""

import pytest
from channels.db import database_sync_to_async

from realtime.models import HandledMessage, Poll
from tests.realtime.conftest import Live
from tests.realtime.live_support import connect

pytestmark = pytest.mark.asyncio

POLL = {
    "question": "Thông qua kế hoạch phòng chống lụt bão",
    "secret": False,
    "electorate": "delegates",
    "rule": "half_present",
}


async def test_a_resent_poll_is_created_once_and_answered_the_same(live: Live):
    chair = await connect(live.chair, live.meeting)
    first = await chair.request("poll.create", POLL, id="tao-bieu-quyet-1")
    await chair.close()
    again = await connect(live.chair, live.meeting)
    second = await again.request("poll.create", POLL, id="tao-bieu-quyet-1")
    assert second == first
    count = await database_sync_to_async(Poll.objects.filter(meeting=live.meeting).count)()
    assert count == 1
    await again.close()


async def test_the_same_id_from_another_person_is_another_message(live: Live):
    chair = await connect(live.chair, live.meeting)
    organizer = await connect(live.organizer, live.meeting)
    await chair.request("poll.create", POLL, id="m-1")
    await organizer.request("poll.create", POLL, id="m-1")
    count = await database_sync_to_async(Poll.objects.filter(meeting=live.meeting).count)()
    assert count == 2
    await chair.close()
    await organizer.close()


async def test_an_id_reused_for_another_message_type_is_refused(live: Live):
    chair = await connect(live.chair, live.meeting)
    await chair.request("meeting.start", id="m-2")
    answer = await chair.request("meeting.end", id="m-2")
    assert answer["code"] == "reused_id"
    assert answer["message"] == "Mã tin nhắn này đã được dùng cho một tin nhắn khác."
    await chair.close()


async def test_a_refusal_is_not_remembered(live: Live):
    chair = await connect(live.chair, live.meeting)
    refused = await chair.request("agenda.goto", {"item_id": live.items[1].pk}, id="m-3")
    assert refused["code"] == "not_live"
    await chair.request("meeting.start")
    accepted = await chair.request("agenda.goto", {"item_id": live.items[1].pk}, id="m-3")
    assert accepted["type"] == "ack"
    stored = await database_sync_to_async(
        lambda: list(HandledMessage.objects.values_list("message_id", "type"))
    )()
    assert ("m-3", "agenda.goto") in stored
    await chair.close()
