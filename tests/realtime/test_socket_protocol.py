"""Bad input on the socket: each answered with a clear error or close code, never a crash."""

import json

import pytest

from realtime.consumers import BURST, CLOSE_FLOOD, CLOSE_TOO_LARGE, FLOOD_LIMIT, MeetingConsumer
from realtime.protocol import HANDLERS, MAX_MESSAGE_BYTES, Handler, Payload
from tests.realtime.conftest import Live
from tests.realtime.live_support import connect

pytestmark = pytest.mark.asyncio


async def _error_for(client, text: str) -> dict:
    await client.send_raw(text)
    while True:
        frame = await client.receive()
        if frame["type"] == "error":
            return frame


async def test_malformed_json_gets_an_error_and_the_socket_stays(live: Live):
    client = await connect(live.delegate, live.meeting)
    error = await _error_for(client, "{not json")
    assert error["code"] == "bad_json"
    assert "JSON" in error["message"]
    assert (await client.request("ping"))["type"] == "ack"
    await client.close()


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("[1, 2]", "bad_message"),
        ('{"type": "ping", "payload": {}}', "bad_message"),  # no id
        ('{"type": "ping", "id": "", "payload": {}}', "bad_message"),
        ('{"type": "ping", "id": "a", "payload": []}', "bad_message"),
        ('{"type": "ping", "id": "a", "payload": {}, "extra": 1}', "bad_message"),
        ('{"type": "nope.nope", "id": "a", "payload": {}}', "unknown_type"),
        ('{"type": "receive", "id": "a", "payload": {}}', "unknown_type"),  # a method name
    ],
)
async def test_envelopes_that_are_refused(live: Live, body: str, code: str):
    client = await connect(live.delegate, live.meeting)
    error = await _error_for(client, body)
    assert error["code"] == code
    assert error["message"]
    await client.close()


async def test_missing_and_mistyped_fields_are_named(live: Live):
    client = await connect(live.chair, live.meeting)
    answer = await client.request("agenda.goto", {"item": 3})
    assert answer["type"] == "error"
    assert answer["code"] == "invalid"
    assert set(answer["errors"]) == {"item_id", "item"}
    answer = await client.request("agenda.goto", {"item_id": "ba"})
    assert answer["errors"]["item_id"] == ["Nhập một số nguyên."]
    await client.close()


async def test_a_message_over_the_size_limit_closes_with_1009(live: Live):
    client = await connect(live.delegate, live.meeting)
    big = json.dumps({"type": "ping", "id": "big", "payload": {"x": "a" * MAX_MESSAGE_BYTES}})
    error = await _error_for(client, big)
    assert error["code"] == "too_large"
    closed = await client.communicator.receive_output(timeout=2)
    assert closed == {"type": "websocket.close", "code": CLOSE_TOO_LARGE}


async def test_a_burst_is_rate_limited_and_a_flood_closes_the_socket(live: Live, monkeypatch):
    monkeypatch.setattr(MeetingConsumer, "clock", staticmethod(lambda: 1000.0))  # no refill
    client = await connect(live.delegate, live.meeting)
    await client.event("snapshot")
    for n in range(BURST + 5):
        await client.send_raw(json.dumps({"type": "ping", "id": f"p{n}", "payload": {}}))
    answers = [await client.receive() for _ in range(BURST + 5)]
    assert [a["type"] for a in answers] == ["ack"] * BURST + ["error"] * 5
    assert {a["code"] for a in answers[BURST:]} == {"rate_limited"}
    for n in range(FLOOD_LIMIT + 5):
        await client.send_raw(json.dumps({"type": "ping", "id": f"f{n}", "payload": {}}))
    while True:
        output = await client.communicator.receive_output(timeout=5)
        if output["type"] == "websocket.close":
            break
    assert output["code"] == CLOSE_FLOOD


async def test_binary_frames_are_refused(live: Live):
    client = await connect(live.delegate, live.meeting)
    await client.communicator.send_to(bytes_data=b"\x00\x01")
    while True:
        frame = await client.receive()
        if frame["type"] == "error":
            break
    assert frame["code"] == "bad_message"
    await client.close()


async def test_a_fault_in_a_handler_is_answered_and_the_socket_keeps_serving(
    live: Live, monkeypatch
):
    def broken(access, payload, message_id):
        raise RuntimeError("database went away")

    monkeypatch.setitem(HANDLERS, "test.broken", Handler(Payload, broken))
    client = await connect(live.delegate, live.meeting)
    answer = await client.request("test.broken")
    assert answer["code"] == "server_error"
    assert answer["message"]
    assert (await client.request("ping"))["type"] == "ack"
    await client.close()
