"""Two server processes share a meeting through Redis, and survive losing a process or Redis.

Real daphne processes on free ports, real sockets, the test's PostgreSQL database: what a
screen on one process sees of a change made on the other, what a screen sees after its
process is killed, and what everyone sees after Redis restarts. An action counts once it is
acknowledged; every acknowledged vote and check-in must be in the database afterwards, and
every screen must end with the state a fresh snapshot shows.
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

from meetings.models import Participant, Role, User
from realtime import eventlog
from realtime.models import MeetingEvent, Vote
from tests.realtime.conftest import Live
from tests.realtime.live_support import session_cookie
from tests.realtime.server_support import AppServer, RedisServer, WireClient, database_url
from tests.world import make_user

pytestmark = [
    pytest.mark.skipif(
        not (os.environ.get("REDIS_URL") and os.environ.get("DATABASE_URL")),
        reason="needs PostgreSQL and Redis (DATABASE_URL and REDIS_URL)",
    ),
    pytest.mark.asyncio,
]

VOTERS = 12
RECONNECT_TRIES = 100
RECONNECT_PAUSE = 0.1  # seconds between two attempts, as a page backs off
# channels_redis cleans up after each read in a task of its own; when Redis dies under it,
# asyncio reports the task's lost connection. Noise of the library, not an error of ours.
LIBRARY_NOISE = "RedisChannelLayer._clean_receive_backup()"


def start_servers(redis_url: str, count: int = 2) -> list[AppServer]:
    env = {
        "DJANGO_SETTINGS_MODULE": "config.test_settings",
        "DATABASE_URL": database_url(connection.settings_dict),  # the test database
        "REDIS_URL": redis_url,
        "LOG_LEVEL": "WARNING",
    }
    return [AppServer(env).start() for _ in range(count)]


def assert_no_server_error(servers: list[AppServer]) -> None:
    for server in servers:
        output = server.output()
        for found in re.finditer("Traceback", output):
            context = output[max(0, found.start() - 300) : found.start()]
            if LIBRARY_NOISE not in context:
                raise AssertionError(output[max(0, found.start() - 500) : found.start() + 3000])


@pytest.fixture
def voters(live: Live) -> list[User]:
    """Delegates beside the two of `live`, in the three commune rooms."""
    people = [make_user(f"voter{n}", live.communes[n % 3], Role.DELEGATE) for n in range(VOTERS)]
    Participant.objects.bulk_create(
        Participant(meeting=live.meeting, user=person, bridge_point=live.rooms[n % 3])
        for n, person in enumerate(people)
    )
    return people


@pytest.fixture
def servers(live: Live, voters: list[User]) -> Iterator[list[AppServer]]:
    started = start_servers(os.environ["REDIS_URL"])
    yield started
    for server in started:
        server.close()


@pytest.fixture
def own_redis() -> Iterator[RedisServer]:
    """A Redis of this test's own, to kill and restart without disturbing anyone else's."""
    if shutil.which("redis-server") is None:
        pytest.skip("needs the redis-server program to restart a Redis of its own")
    server = RedisServer().start()
    yield server
    server.close()


@pytest.fixture
def own_servers(live: Live, voters: list[User], own_redis: RedisServer) -> Iterator[list]:
    started = start_servers(own_redis.url)
    yield started
    for server in started:
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


def shared(state: dict) -> dict:
    """The room as every screen has it: `members` lists whom each screen works with."""
    return {key: value for key, value in state.items() if key != "members"}


async def converge(live: Live, clients: list[WireClient], server: AppServer) -> dict:
    """Wait until every screen has the last event; return the room a fresh screen gets."""
    for client in clients:
        if client.closed.is_set():
            await reconnect(client, server)
    final = await database_sync_to_async(eventlog.last_seq)(live.meeting.pk)
    for client in clients:
        await client.synced_to(final)
    fresh = await screen(live.chair, live, server)
    await fresh.close()
    return shared(fresh.state)


async def open_poll(chair: WireClient) -> int:
    assert (await chair.request("meeting.start"))["type"] == "ack"
    poll = {"question": "Thông qua kế hoạch", "secret": False, "electorate": "delegates"}
    created = await chair.request("poll.create", {**poll, "rule": "half_present"})
    assert (await chair.request("poll.open", {"poll_id": created["poll_id"]}))["type"] == "ack"
    return created["poll_id"]


@dataclass
class Voter:
    """A delegate's screen that votes once, sending the same message again until answered."""

    client: WireClient
    user: User
    fallback: Callable[[], AppServer]  # where to reconnect when the socket dies
    answer: dict | None = None

    async def vote(self, poll_id: int, pause: float = 0.0) -> None:
        await asyncio.sleep(pause)
        payload = {"poll_id": poll_id, "option": self.user.pk % 3}
        message_id = f"vote-{poll_id}-{self.user.pk}"
        while self.answer is None:
            try:
                self.answer = await self.client.request("vote.cast", payload, message_id)
            except websockets.ConnectionClosed:
                await reconnect(self.client, self.fallback())


@dataclass
class Writer:
    """An operator checking a room in again and again; keeps what was acknowledged."""

    client: WireClient
    bridge_point_id: int
    fallback: Callable[[], AppServer]
    acked: list[int] = field(default_factory=list)  # headcounts, one per report

    async def run(self, count: int, pause: float = 0.0) -> None:
        for headcount in range(1, count + 1):
            report = {"bridge_point_id": self.bridge_point_id, "headcount": headcount}
            report |= {"technician_present": True, "video_tested": True}
            try:
                answer = await self.client.request("checkin.submit", report)
            except websockets.ConnectionClosed:
                await reconnect(self.client, self.fallback())
                continue  # unknown outcome: neither counted nor sent again
            assert answer["type"] == "ack", answer
            self.acked.append(headcount)
            await asyncio.sleep(pause)


async def assert_nothing_acknowledged_is_lost(
    live: Live, poll_id: int, voters: list[Voter], writers: list[Writer]
) -> None:
    def recorded() -> tuple[dict[int, str], set[tuple[int, int]]]:
        votes = dict(Vote.objects.filter(poll_id=poll_id).values_list("voter_id", "message_id"))
        reports = MeetingEvent.objects.filter(meeting=live.meeting, type="checkin.updated")
        check_ins = {
            (p["check_in"]["bridge_point_id"], p["check_in"]["headcount"])
            for p in reports.values_list("payload", flat=True)
        }
        return votes, check_ins

    votes, check_ins = await database_sync_to_async(recorded)()
    assert [voter.answer["type"] for voter in voters] == ["ack"] * len(voters)
    assert votes == {v.user.pk: f"vote-{poll_id}-{v.user.pk}" for v in voters}
    for writer in writers:
        assert {(writer.bridge_point_id, n) for n in writer.acked} <= check_ins


async def test_an_event_made_on_one_process_reaches_the_other_in_order(
    live: Live, servers: list[AppServer]
):
    a, b = servers
    chair = await screen(live.chair, live, a)
    operator = await screen(live.operator, live, b)
    watchers = [await screen(user, live, b) for user in (live.delegate, live.delegate2)]
    start = chair.seq
    await chair.request("meeting.start")
    report = {"bridge_point_id": live.rooms[0].pk, "technician_present": True}
    await operator.request("checkin.submit", {**report, "video_tested": False, "headcount": 4})
    await chair.request("agenda.goto", {"item_id": live.items[1].pk})
    await chair.request("room.settings", {"quorum_percent": 70})
    await operator.request("checkin.submit", {**report, "video_tested": True, "headcount": 7})
    everyone = [chair, operator, *watchers]
    fresh = await converge(live, everyone, b)
    for client in everyone:
        assert client.seqs == list(range(start + 1, start + 6))
        assert client.gaps == 0
        assert shared(client.state) == fresh
    assert watchers[0].state["check_ins"][0]["headcount"] == 7
    assert watchers[0].state["current"]["item_id"] == live.items[1].pk
    for client in everyone:
        await client.close()
    assert_no_server_error(servers)


async def test_screens_of_a_killed_process_reconnect_to_the_other_and_lose_nothing(
    live: Live, voters: list[User], servers: list[AppServer]
):
    a, b = servers
    chair = await screen(live.chair, live, a)
    poll_id = await open_poll(chair)
    ballots = [
        Voter(await screen(user, live, (a, b)[n % 2]), user, lambda: a)
        for n, user in enumerate(voters)
    ]
    writers = [
        Writer(await screen(live.operator, live, b), live.rooms[0].pk, lambda: a),
        Writer(await screen(live.organizer, live, b), live.rooms[2].pk, lambda: a),
    ]
    watcher = await screen(live.delegate, live, b)
    burst = asyncio.gather(
        *(writer.run(20) for writer in writers),
        *(voter.vote(poll_id, pause=0.02 * n) for n, voter in enumerate(ballots)),
    )

    def answered() -> int:
        return sum(1 for voter in ballots if voter.answer is not None)

    await chair.wait_for(lambda: answered() >= 3 or burst.done())
    b.kill()
    await burst
    assert any(voter.client.connects > 1 for voter in ballots)  # killed mid-vote
    everyone = [chair, watcher, *(v.client for v in ballots), *(w.client for w in writers)]
    fresh = await converge(live, everyone, a)
    await assert_nothing_acknowledged_is_lost(live, poll_id, ballots, writers)
    assert fresh["polls"][0]["total"] == len(voters)
    for client in everyone:
        assert shared(client.state) == fresh
    for client in everyone:
        await client.close()
    assert_no_server_error([a])


async def test_after_redis_restarts_every_screen_converges_and_nothing_acknowledged_is_lost(
    live: Live, voters: list[User], own_redis: RedisServer, own_servers: list[AppServer]
):
    a, b = own_servers
    chair = await screen(live.chair, live, b)
    poll_id = await open_poll(chair)
    ballots = [
        Voter(await screen(user, live, (a, b)[n % 2]), user, lambda: a)
        for n, user in enumerate(voters)
    ]
    writers = [Writer(await screen(live.operator, live, a), live.rooms[0].pk, lambda: a)]
    watcher = await screen(live.delegate, live, a)

    async def outage() -> None:
        await chair.wait_for(lambda: sum(1 for v in ballots if v.answer) >= 3)
        own_redis.kill()
        await asyncio.sleep(1.5)  # votes go on while Redis is down
        own_redis.start()

    await asyncio.gather(
        outage(),
        writers[0].run(20, pause=0.05),
        *(voter.vote(poll_id, pause=0.15 * n) for n, voter in enumerate(ballots)),
    )
    everyone = [chair, watcher, *(v.client for v in ballots), *(w.client for w in writers)]
    # Sockets do not depend on Redis: nobody was dropped, nobody had to reconnect.
    assert [client.connects for client in everyone] == [1] * len(everyone)
    fresh = await converge(live, everyone, a)
    await assert_nothing_acknowledged_is_lost(live, poll_id, ballots, writers)
    # The poll is still open: its count on every screen came from tallies, some sent while
    # Redis was away.
    assert fresh["polls"][0]["total"] == len(voters)
    for client in everyone:
        await client.wait_for(lambda c=client: c.state["polls"] == fresh["polls"])
        assert shared(client.state) == fresh
    for client in everyone:
        await client.close()
    assert_no_server_error(own_servers)


async def test_a_screen_opened_while_redis_is_down_works_and_catches_up(
    live: Live, own_redis: RedisServer, own_servers: list[AppServer]
):
    a, b = own_servers
    own_redis.kill()
    chair = await screen(live.chair, live, a)  # the meeting's first socket on both processes
    watcher = await screen(live.delegate, live, b)
    assert (await chair.request("room.settings", {"quorum_percent": 80}))["type"] == "ack"
    own_redis.start()
    fresh = await converge(live, [chair, watcher], a)
    assert fresh["settings"]["quorum_percent"] == 80
    assert shared(chair.state) == fresh
    assert shared(watcher.state) == fresh
    assert [chair.connects, watcher.connects] == [1, 1]
    await chair.close()
    await watcher.close()
    assert_no_server_error(own_servers)
