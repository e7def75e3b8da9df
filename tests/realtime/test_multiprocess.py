"""Two server processes share a meeting through Redis, and survive losing a process or Redis.

Real daphne processes on free ports, real sockets, the test's PostgreSQL database: what a
screen on one process sees of a change made on the other, what a screen sees after its
process is killed, and what everyone sees after Redis restarts. An action counts once it is
acknowledged; every acknowledged action must be in the database afterwards, and every screen
must end with the state a fresh snapshot shows.
"""

import asyncio
import os
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
import websockets
from channels.db import database_sync_to_async
from django.db import connection

from meetings.models import User
from realtime import eventlog
from realtime.models import MeetingEvent
from tests.realtime.conftest import Live
from tests.realtime.live_support import session_cookie
from tests.realtime.server_support import AppServer, RedisServer, WireClient, database_url

pytestmark = [
    pytest.mark.skipif(
        not (os.environ.get("REDIS_URL") and os.environ.get("DATABASE_URL")),
        reason="needs PostgreSQL and Redis (DATABASE_URL and REDIS_URL)",
    ),
    pytest.mark.asyncio,
]

RECONNECT_TRIES = 100
RECONNECT_PAUSE = 0.1  # seconds between two attempts, as a page backs off


def start_servers(redis_url: str, count: int = 2) -> list[AppServer]:
    env = {
        "DJANGO_SETTINGS_MODULE": "config.test_settings",
        "DATABASE_URL": database_url(connection.settings_dict),  # the test database
        "REDIS_URL": redis_url,
        "LOG_LEVEL": "WARNING",
    }
    return [AppServer(env).start() for _ in range(count)]


# channels_redis cleans up after each read in a task of its own; when Redis dies under it,
# asyncio reports the task's lost connection. Noise of the library, not an error of ours.
LIBRARY_NOISE = "RedisChannelLayer._clean_receive_backup()"


def assert_no_server_error(servers: list[AppServer]) -> None:
    for server in servers:
        output = server.output()
        for found in re.finditer("Traceback", output):
            context = output[max(0, found.start() - 300) : found.start()]
            if LIBRARY_NOISE not in context:
                raise AssertionError(output[max(0, found.start() - 500) : found.start() + 3000])


@pytest.fixture
def redis_url() -> str:
    return os.environ["REDIS_URL"]


@pytest.fixture
def servers(live: Live, redis_url: str) -> Iterator[list[AppServer]]:
    started = start_servers(redis_url)
    yield started
    for server in started:
        server.close()


@pytest.fixture
def own_redis() -> Iterator[RedisServer]:
    if shutil.which("redis-server") is None:
        pytest.skip("needs the redis-server program to restart a Redis of its own")
    server = RedisServer().start()
    yield server
    server.close()


async def screen(user: User, live: Live, server: AppServer) -> WireClient:
    cookie = (await database_sync_to_async(session_cookie)(user)).decode()
    client = WireClient(cookie, live.meeting.pk)
    await client.connect(server)
    await client.wait_for(lambda: client.state is not None)
    return client


async def reconnect(client: WireClient, server: AppServer) -> None:
    """Connect again (with `?since`), as the page does, until the server takes the socket."""
    for _ in range(RECONNECT_TRIES):
        try:
            await client.connect(server)
            return
        except (OSError, websockets.InvalidHandshake, TimeoutError):
            await asyncio.sleep(RECONNECT_PAUSE)
    raise AssertionError(f"could not reconnect to port {server.port}")


async def last_seq(live: Live) -> int:
    return await database_sync_to_async(eventlog.last_seq)(live.meeting.pk)


async def converge(live: Live, clients: list[WireClient], server: AppServer) -> dict:
    """Wait until every screen has the last event; return the state a fresh screen gets."""
    for client in clients:
        if client.closed.is_set():
            await reconnect(client, server)
    final = await last_seq(live)
    for client in clients:
        await client.synced_to(final)
    fresh = await screen(live.chair, live, server)
    await fresh.close()
    return fresh.state


@dataclass
class Writer:
    """Someone who sends one action after another; keeps what was acknowledged."""

    client: WireClient
    action: Callable[[int], tuple[str, dict]]
    fallback: Callable[[], AppServer]  # where to reconnect when the socket dies
    acked: list[dict] = field(default_factory=list)

    async def run(self, count: int, pause: float = 0.0) -> None:
        for step in range(count):
            message_type, payload = self.action(step)
            try:
                answer = await self.client.request(message_type, payload)
            except websockets.ConnectionClosed:
                await reconnect(self.client, self.fallback())
                continue  # unknown outcome: neither counted nor retried
            assert answer["type"] == "ack", answer
            self.acked.append(payload)
            await asyncio.sleep(pause)


def check_in(bridge_point_id: int) -> Callable[[int], tuple[str, dict]]:
    def action(step: int) -> tuple[str, dict]:
        payload = {
            "bridge_point_id": bridge_point_id,
            "technician_present": True,
            "video_tested": True,
            "headcount": step + 1,  # tells the acknowledged reports apart in the log
        }
        return "checkin.submit", payload

    return action


def quorum(step: int) -> tuple[str, dict]:
    return "room.settings", {"quorum_percent": 51 + step % 49}


async def logged(live: Live, event_type: str) -> list[dict]:
    return await database_sync_to_async(
        lambda: list(
            MeetingEvent.objects.filter(meeting=live.meeting, type=event_type)
            .order_by("seq")
            .values_list("payload", flat=True)
        )
    )()


async def assert_nothing_acknowledged_is_lost(live: Live, writers: list[Writer]) -> None:
    check_ins = {
        (e["check_in"]["bridge_point_id"], e["check_in"]["headcount"])
        for e in await logged(live, "checkin.updated")
    }
    quorums = [e["settings"]["quorum_percent"] for e in await logged(live, "room.settings")]
    for writer in writers:
        for payload in writer.acked:
            if "bridge_point_id" in payload:
                assert (payload["bridge_point_id"], payload["headcount"]) in check_ins
            else:
                assert payload["quorum_percent"] in quorums


async def test_an_event_made_on_one_process_reaches_the_other_in_order(
    live: Live, servers: list[AppServer]
):
    a, b = servers
    chair = await screen(live.chair, live, a)
    operator = await screen(live.operator, live, b)
    watchers = [await screen(user, live, b) for user in (live.delegate, live.delegate2)]
    start = chair.seq
    await chair.request("meeting.start")
    await operator.request("checkin.submit", check_in(live.rooms[0].pk)(4)[1])
    await chair.request("agenda.goto", {"item_id": live.items[1].pk})
    await chair.request("room.settings", {"quorum_percent": 70})
    await operator.request("checkin.submit", check_in(live.rooms[0].pk)(6)[1])
    everyone = [chair, operator, *watchers]
    fresh = await converge(live, everyone, b)
    for client in everyone:
        assert client.seqs == list(range(start + 1, start + 6))
        assert client.gaps == 0
        assert client.state == fresh
    assert watchers[0].state["check_ins"][0]["headcount"] == 7
    assert watchers[0].state["current"]["item_id"] == live.items[1].pk
    for client in everyone:
        await client.close()
    assert_no_server_error(servers)


async def test_screens_of_a_killed_process_reconnect_to_the_other_and_lose_nothing(
    live: Live, servers: list[AppServer]
):
    a, b = servers
    alive = [a, b]
    writers = [
        Writer(await screen(live.operator, live, b), check_in(live.rooms[0].pk), lambda: alive[0]),
        Writer(await screen(live.organizer, live, a), check_in(live.rooms[1].pk), lambda: a),
        Writer(await screen(live.organizer, live, b), check_in(live.rooms[2].pk), lambda: a),
        Writer(await screen(live.chair, live, b), quorum, lambda: a),
    ]
    watchers = [
        await screen(live.delegate, live, b),
        await screen(live.delegate2, live, a),
        await screen(live.observer, live, b),
    ]
    burst = asyncio.gather(*(writer.run(30) for writer in writers))

    def acked() -> int:
        return sum(len(writer.acked) for writer in writers)

    await writers[0].client.wait_for(lambda: acked() >= 30 or burst.done())
    b.kill()
    alive.remove(b)
    await burst
    everyone = [*(writer.client for writer in writers), *watchers]
    fresh = await converge(live, everyone, a)
    await assert_nothing_acknowledged_is_lost(live, writers)
    assert acked() > 30  # the burst went on after the kill
    for client in everyone:
        assert client.state == fresh
    for client in everyone:
        await client.close()
    assert_no_server_error([a])


async def test_after_redis_restarts_every_screen_converges_and_nothing_acknowledged_is_lost(
    live: Live, own_redis: RedisServer
):
    a, b = servers = start_servers(own_redis.url)
    try:
        writers = [
            Writer(await screen(live.operator, live, a), check_in(live.rooms[0].pk), lambda: a),
            Writer(await screen(live.organizer, live, b), check_in(live.rooms[1].pk), lambda: b),
            Writer(await screen(live.chair, live, b), quorum, lambda: b),
        ]
        watchers = [
            await screen(live.delegate, live, a),
            await screen(live.delegate2, live, b),
        ]
        acked_before = None

        async def outage() -> None:
            nonlocal acked_before
            await writers[0].client.wait_for(lambda: len(writers[0].acked) >= 5)
            own_redis.kill()
            acked_before = sum(len(writer.acked) for writer in writers)
            await asyncio.sleep(1.5)  # actions go on while Redis is down
            own_redis.start()

        await asyncio.gather(outage(), *(writer.run(40, pause=0.05) for writer in writers))
        assert sum(len(writer.acked) for writer in writers) > acked_before
        everyone = [*(writer.client for writer in writers), *watchers]
        # Sockets do not depend on Redis: nobody was dropped, nobody had to reconnect.
        assert [client.connects for client in everyone] == [1] * len(everyone)
        fresh = await converge(live, everyone, a)
        await assert_nothing_acknowledged_is_lost(live, writers)
        for client in everyone:
            assert client.state == fresh
        for client in everyone:
            await client.close()
        assert_no_server_error(servers)
    finally:
        for server in servers:
            server.close()
