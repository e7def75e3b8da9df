"""Who may open the meeting socket: invited people only, from an allowed origin."""

import pytest
from django.test import override_settings

from config.asgi import websocket_application
from tests.realtime.conftest import Live
from tests.realtime.live_support import connect, open_socket

pytestmark = pytest.mark.asyncio


@pytest.mark.parametrize("who", ["chair", "secretary", "organizer", "operator", "delegate"])
async def test_invited_people_connect_and_receive_the_room(live: Live, who: str):
    client = await connect(getattr(live, who), live.meeting)
    snapshot = await client.event("snapshot")
    assert snapshot["payload"]["state"]["meeting"]["status"] == "scheduled"
    assert [i["title"] for i in snapshot["payload"]["state"]["agenda"]] == [
        "Báo cáo kinh tế - xã hội tháng",
        "Kế hoạch phòng chống lụt bão",
    ]
    assert snapshot["payload"]["me"]["user_id"] == getattr(live, who).pk
    await client.close()


async def test_outsider_is_refused(live: Live):
    _, connected, _code = await open_socket(live.outsider, live.meeting)
    assert not connected


async def test_other_province_organizer_is_refused(live: Live):
    _, connected, _code = await open_socket(live.other_organizer, live.meeting)
    assert not connected


async def test_anonymous_is_refused(live: Live):
    _, connected, _code = await open_socket(None, live.meeting)
    assert not connected


async def test_socket_from_a_foreign_origin_is_refused(live: Live):
    with override_settings(ALLOWED_HOSTS=["diemcau.example.gov.vn"]):
        app = websocket_application()
        _, connected, _code = await open_socket(
            live.chair, live.meeting, origin=b"https://evil.example.com", app=app
        )
        assert not connected
        client = await connect(
            live.chair, live.meeting, origin=b"https://diemcau.example.gov.vn", app=app
        )
        await client.event("snapshot")
        await client.close()
