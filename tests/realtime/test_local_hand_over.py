"""What a process publishes reaches its own screens at once, without the round trip through
the channel layer (which still carries it to the other processes)."""

import pytest

from realtime import hub
from tests.realtime.conftest import Live
from tests.realtime.live_support import connect
from tests.realtime.server_support import free_port

pytestmark = pytest.mark.asyncio


async def test_this_process_screens_follow_while_the_layer_is_away(
    live: Live, monkeypatch, settings
):
    # A Redis that is not there, and no regular read of the log to make up for it: what the
    # screens get can only have come straight from this process.
    monkeypatch.setattr(hub, "CHECK_INTERVAL", 3600)
    address = f"redis://127.0.0.1:{free_port()}/0"
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [address]},
        }
    }
    chair = await connect(live.chair, live.meeting)
    delegate = await connect(live.delegate, live.meeting)
    assert (await chair.request("meeting.start"))["type"] == "ack"
    started = await delegate.event("meeting.state")
    assert started["payload"]["meeting"]["status"] == "live"
    asked = await delegate.request("speaker.request", {"topic": "Giải ngân vốn đầu tư công"})
    assert asked["type"] == "ack"
    queue = await chair.event("speakers.updated")
    assert [s["topic"] for s in queue["payload"]["speakers"]] == ["Giải ngân vốn đầu tư công"]
    await chair.close()
    await delegate.close()
