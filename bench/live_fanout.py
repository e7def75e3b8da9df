"""A live vote reaching every screen: the meeting socket beside a bare `websockets` broadcast.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/live_fanout.py

PostgreSQL only (a throwaway `bench_<pid>` database, see throwaway.py) and a redis-server of
its own on a free port (the channel layer). One meeting with 1,000 invited delegates, each
with a session of their own. For 20, 100 and 1,000 connected delegates, three servers are
driven by the same client code (asyncio + `websockets`, one socket per delegate):

  app x1     daphne, production settings (DEBUG off), Redis channel layer
  app x2     two daphne processes, the delegates split between them, no proxy
  bare       a bare `websockets` server (this file, --bare-server) that counts a vote and
             `websockets.broadcast`s the tally to every socket: the baseline

and two workloads per server:

  paced      one vote at a time, the next once every screen has the tally and 250 ms have
             passed (so the app's tally coalescing never holds one back): the voter's answer
             ("ack", p50) and vote-to-tally latency at every screen, the cost of one fan-out
  burst      every delegate votes at once: votes accepted per second (first send to last
             ack), latency from each vote to the first tally at each screen that counts it
             (its place among the recorded votes), the time until every screen has the
             final count, acknowledged votes missing from the database ("lost") and screens
             whose tally never counted every acknowledged vote ("short")

Then a connect storm: 1,000 sockets opened evenly over one second (to one process, then
split over two), the time from the first until every one has its snapshot, and errors.
Prints figures; asserts nothing. Options: --clients (none: the storm only), --paced, --storm,
--skip-bare, --connect-timeout (daphne's --websocket_connect_timeout: a socket the app has
not accepted by then is dropped; daphne's default is 5 s).
"""

import argparse
import asyncio
import contextlib
import json
import os
import resource
import subprocess
import sys
import time
from bisect import bisect_left
from dataclasses import dataclass, field
from itertools import accumulate
from statistics import quantiles

import websockets
from throwaway import PROJECT, throwaway_database
from websockets.asyncio.client import connect
from websockets.asyncio.server import serve

from tests.realtime.server_support import AppServer, RedisServer, free_port, wait_for_port

SECRET_KEY = "bench-only-" + "k" * 50
os.environ["SECRET_KEY"] = SECRET_KEY  # the sessions made here must be valid in daphne
PACE = 0.25  # seconds between two paced votes: longer than realtime.hub.TALLY_INTERVAL
CONNECT_TRIES = 5
MISSED = 3  # events a reconnecting screen missed in the reconnect storm
WAIT = 120  # seconds before a phase gives up waiting (then it counts what is missing)


# --- The bare baseline ------------------------------------------------------------


def bare_server(port: int) -> None:
    """Count each vote, answer the voter, broadcast the tally to every socket. Nothing else."""
    sockets: set = set()
    counts: dict[int, int] = {}

    async def handle(socket) -> None:
        sockets.add(socket)
        try:
            await socket.send(json.dumps({"seq": 0, "type": "snapshot", "payload": {}}))
            async for text in socket:
                message = json.loads(text)
                poll_id = message["payload"]["poll_id"]
                total = counts[poll_id] = counts.get(poll_id, 0) + 1
                tally = {"poll_id": poll_id, "counts": [total], "total": total}
                frame = {"seq": None, "type": "poll.tally", "payload": tally}
                websockets.broadcast(sockets, json.dumps(frame))
                answer = {"type": "ack", "in_response": message["id"], "total": total}
                await socket.send(json.dumps(answer))
        finally:
            sockets.discard(socket)

    async def main() -> None:
        async with serve(handle, "127.0.0.1", port, compression=None, ping_interval=None):
            await asyncio.Future()

    asyncio.run(main())


class BareServer:
    def __init__(self) -> None:
        self.port = free_port()
        self.origin = f"http://127.0.0.1:{self.port}"

    def start(self) -> "BareServer":
        command = [sys.executable, __file__, "--bare-server", str(self.port)]
        self.process = subprocess.Popen(command, cwd=PROJECT)
        wait_for_port(self.port, self.process)
        return self

    def socket_url(self, meeting_id: int) -> str:
        return f"ws://127.0.0.1:{self.port}/"

    def close(self) -> None:
        self.process.terminate()
        self.process.wait()


# --- The data ---------------------------------------------------------------------


@dataclass
class Room:
    meeting_id: int
    chair_cookie: str
    delegate_cookies: list[str]
    delegate_ids: list[int]


def build(delegates: int) -> Room:
    """A meeting with `delegates` invited delegates; a session cookie for each and the chair."""
    from datetime import timedelta

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from meetings.models import Participant, User
    from meetings.services.scheduling import meeting_schedule
    from tests.world import build_world

    world = build_world()
    start = timezone.now().replace(microsecond=0) + timedelta(minutes=30)
    data = world.meeting_input(start=start)
    meeting = meeting_schedule(actor=world.organizer, data=data, notify=False)
    password = make_password(None)
    people = User.objects.bulk_create(
        User(username=f"daibieu{n}", full_name=f"Đại biểu {n}", password=password)
        for n in range(delegates)
    )
    Participant.objects.bulk_create(
        Participant(meeting=meeting, user=person, bridge_point=world.rooms[n % len(world.rooms)])
        for n, person in enumerate(people)
    )
    store = SessionStore()
    expires = timezone.now() + timedelta(days=1)
    sessions = []
    for user in [world.chair, *people]:
        data = {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
        key = store._get_new_session_key()
        sessions.append(
            Session(session_key=key, session_data=store.encode(data), expire_date=expires)
        )
    Session.objects.bulk_create(sessions)
    cookies = [f"{settings.SESSION_COOKIE_NAME}={s.session_key}" for s in sessions]
    return Room(meeting.pk, cookies[0], cookies[1:], [p.pk for p in people])


def recorded_order(poll_id: int) -> dict[int, int]:
    """{voter id: place among the poll's recorded votes, from 1}."""
    from realtime.models import Vote

    voters = Vote.objects.filter(poll_id=poll_id).order_by("pk").values_list("voter_id", flat=True)
    return {voter: place for place, voter in enumerate(voters, start=1)}


# --- Clients ----------------------------------------------------------------------


class Crowd:
    """Screens waiting together for one poll's tally to reach a total."""

    def __init__(self) -> None:
        self.poll_id: int | None = None
        self.total = 0
        self.reached = 0
        self.expected = 0
        self.done = asyncio.Event()

    def aim(self, poll_id: int, total: int, screens: list["Screen"]) -> None:
        self.poll_id, self.total, self.expected = poll_id, total, len(screens)
        self.reached = sum(1 for s in screens if s.best.get(poll_id, 0) >= total)
        self.done = asyncio.Event()
        if self.reached >= self.expected:
            self.done.set()

    def saw(self, poll_id: int, before: int, after: int) -> None:
        if poll_id == self.poll_id and before < self.total <= after:
            self.reached += 1
            if self.reached >= self.expected:
                self.done.set()


class Screen:
    """One delegate's socket: keeps every tally it received, with the time it arrived."""

    def __init__(self, crowd: Crowd, cookie: str | None = None) -> None:
        self.crowd = crowd
        self.cookie = cookie
        self.tallies: dict[int, list[tuple[float, int]]] = {}
        self.best: dict[int, int] = {}
        self.answers: dict[str, asyncio.Future] = {}
        self.synced: asyncio.Future | None = None
        self.socket = None
        self.ids = 0
        self.snapshot_bytes = 0
        self.seq = 0  # the snapshot's
        self.until = float("inf")  # reconnecting: the last event missed

    async def open(self, server, meeting_id: int, since: int | None = None) -> float:
        """Connect; answers the time the snapshot arrived (or, reconnecting with `since`, the
        last missed event: the one numbered `self.until`)."""
        headers = {"Cookie": self.cookie} if self.cookie else {}
        self.synced = asyncio.get_running_loop().create_future()
        url = (
            server.socket_url(meeting_id) if since is None else server.socket_url(meeting_id, since)
        )
        self.socket = await connect(
            url,
            origin=server.origin,
            additional_headers=headers,
            compression=None,
            ping_interval=None,
            open_timeout=WAIT,
            max_queue=None,
        )
        self.reader = asyncio.create_task(self._read())
        return await self.synced

    async def _read(self) -> None:
        try:
            async for text in self.socket:
                now = time.perf_counter()
                frame = json.loads(text)
                kind = frame.get("type")
                if kind == "poll.tally":
                    payload = frame["payload"]
                    poll_id, total = payload["poll_id"], payload["total"]
                    self.tallies.setdefault(poll_id, []).append((now, total))
                    before = self.best.get(poll_id, 0)
                    if total > before:
                        self.best[poll_id] = total
                        self.crowd.saw(poll_id, before, total)
                elif kind in ("ack", "error"):
                    answer = self.answers.pop(frame.get("in_response"), None)
                    if answer is not None:
                        answer.set_result((now, frame))
                elif kind == "snapshot" and not self.synced.done():
                    self.snapshot_bytes = len(text.encode())
                    self.seq = frame["seq"]
                    self.synced.set_result(now)
                elif (frame.get("seq") or 0) >= self.until and not self.synced.done():
                    self.synced.set_result(now)
        except websockets.ConnectionClosed:
            pass
        finally:
            if not self.synced.done():
                self.synced.set_exception(ConnectionError("closed before the snapshot"))

    async def request(self, message_type: str, payload: dict) -> tuple[float, float, dict]:
        """(sent at, answered at, answer)."""
        self.ids += 1
        message_id = f"b{self.ids}"
        answer = asyncio.get_running_loop().create_future()
        self.answers[message_id] = answer
        sent = time.perf_counter()
        await self.socket.send(
            json.dumps({"type": message_type, "id": message_id, "payload": payload})
        )
        answered, frame = await asyncio.wait_for(answer, WAIT)
        return sent, answered, frame

    async def close(self) -> None:
        await self.socket.close()
        await self.reader


class Arrivals:
    """When one screen first saw a poll's tally reach each total."""

    def __init__(self, screen: Screen, poll_id: int) -> None:
        rows = screen.tallies.get(poll_id, [])
        self.times = [at for at, _ in rows]
        self.best = list(accumulate((total for _, total in rows), max))

    def first(self, total: int) -> float | None:
        index = bisect_left(self.best, total)
        return self.times[index] if index < len(self.times) else None


def percentile(samples: list[float], p: int) -> float:
    if len(samples) < 2:
        return samples[0] if samples else float("nan")
    return quantiles(samples, n=100, method="inclusive")[p - 1]


@dataclass
class Figures:
    paced_ms: list[float] = field(default_factory=list)
    ack_ms: list[float] = field(default_factory=list)  # paced: until the voter's answer
    burst_ms: list[float] = field(default_factory=list)
    votes_per_s: float = 0.0
    acked: int = 0
    refused: int = 0
    lost: int = 0  # acknowledged, and missing from the database
    short_screens: int = 0  # screens that never saw the tally count every acknowledged vote
    final_s: float = 0.0  # from the first vote of the burst until every screen has the last


class Driver:
    """Runs the workloads against one server set-up (the app's, or the bare baseline)."""

    def __init__(self, room: Room, servers: list, chair: Screen | None) -> None:
        self.room = room
        self.servers = servers
        self.chair = chair  # None: the bare server, which has no polls to open
        self.crowd = Crowd()
        self.polls = 0

    async def connect(self, count: int) -> list[Screen]:
        """`count` connected screens, opened 20 at a time (the storm is measured apart)."""
        cookies = self.room.delegate_cookies[:count]
        screens = [Screen(self.crowd, c if self.chair else None) for c in cookies]

        async def open_one(n: int, screen: Screen) -> None:
            for _ in range(CONNECT_TRIES):
                try:
                    await screen.open(self.servers[n % len(self.servers)], self.room.meeting_id)
                    return
                except (OSError, websockets.InvalidHandshake, ConnectionError):
                    await asyncio.sleep(1)
            raise RuntimeError(f"screen {n} could not connect")

        for start in range(0, count, 20):
            batch = enumerate(screens[start : start + 20], start=start)
            await asyncio.gather(*(open_one(n, s) for n, s in batch))
        return screens

    async def new_poll(self) -> int:
        self.polls += 1
        if self.chair is None:
            return self.polls
        poll = {"question": f"Thông qua nội dung {self.polls}", "secret": False}
        poll |= {"electorate": "delegates", "rule": "half_present"}
        _, _, answer = await self.chair.request("poll.create", poll)
        await self.chair.request("poll.open", {"poll_id": answer["poll_id"]})
        return answer["poll_id"]

    async def close_poll(self, poll_id: int) -> None:
        if self.chair is not None:
            await self.chair.request("poll.close", {"poll_id": poll_id})

    async def wait_for(self, poll_id: int, total: int, screens: list[Screen]) -> None:
        self.crowd.aim(poll_id, total, screens)
        with contextlib.suppress(TimeoutError):  # what never arrived shows in the figures
            await asyncio.wait_for(self.crowd.done.wait(), WAIT)

    async def paced(self, screens: list[Screen], votes: int, figures: Figures) -> None:
        poll_id = await self.new_poll()
        for n in range(votes):
            vote = {"poll_id": poll_id, "option": 0}
            sent, answered, answer = await screens[n].request("vote.cast", vote)
            if answer["type"] != "ack":
                figures.refused += 1
                continue
            figures.ack_ms.append((answered - sent) * 1000)
            await self.wait_for(poll_id, n + 1, screens)
            for screen in screens:
                seen = Arrivals(screen, poll_id).first(n + 1)
                if seen is not None:
                    figures.paced_ms.append((seen - sent) * 1000)
            await asyncio.sleep(PACE)
        await self.close_poll(poll_id)

    async def burst(self, screens: list[Screen], figures: Figures) -> None:
        from channels.db import database_sync_to_async

        poll_id = await self.new_poll()
        results = await asyncio.gather(
            *(
                screen.request("vote.cast", {"poll_id": poll_id, "option": n % 3})
                for n, screen in enumerate(screens)
            )
        )
        first = min(sent for sent, _, _ in results)
        acked = [(n, sent, a) for n, (sent, _, a) in enumerate(results) if a["type"] == "ack"]
        figures.acked = len(acked)
        figures.refused += len(results) - len(acked)
        figures.votes_per_s = len(acked) / (max(at for _, at, _ in results) - first)
        await self.wait_for(poll_id, len(acked), screens)
        if self.chair is None:
            place = {n: answer["total"] for n, _, answer in acked}
        else:
            order = await database_sync_to_async(recorded_order)(poll_id)
            place = {n: order.get(self.room.delegate_ids[n]) for n, _, _ in acked}
            figures.lost = sum(1 for n, _, _ in acked if place[n] is None)
        arrivals = [Arrivals(screen, poll_id) for screen in screens]
        finals = [a.first(len(acked)) for a in arrivals]
        figures.short_screens = sum(1 for at in finals if at is None)
        figures.final_s = max(at for at in finals if at is not None) - first
        for n, sent, _ in acked:
            if place[n] is not None:
                for a in arrivals:
                    seen = a.first(place[n])
                    if seen is not None:
                        figures.burst_ms.append((seen - sent) * 1000)
        await self.close_poll(poll_id)

    async def run(self, count: int, paced_votes: int) -> Figures:
        figures = Figures()
        screens = await self.connect(count)
        await self.paced(screens, min(paced_votes, count), figures)
        await self.burst(screens, figures)
        await asyncio.gather(*(screen.close() for screen in screens))
        return figures


async def storm(
    room: Room, servers: list[AppServer], count: int, missed: tuple[int, int] | None = None
) -> tuple[float, list[float], int]:
    """`count` sockets opened evenly over one second: (seconds until all are synced, each
    socket's connect-to-synced seconds, errors). With `missed` (since, last), the sockets
    reconnect after a server went away: they give `since` and are synced at event `last`."""
    crowd = Crowd()
    screens = [Screen(crowd, cookie) for cookie in room.delegate_cookies[:count]]
    since = None
    if missed:
        since = missed[0]
        for screen in screens:
            screen.until = missed[1]
    began = time.perf_counter()

    async def one(n: int, screen: Screen) -> float:
        await asyncio.sleep(began + n / count - time.perf_counter())
        started = time.perf_counter()
        synced = await screen.open(servers[n % len(servers)], room.meeting_id, since)
        return synced - started

    results = await asyncio.gather(
        *(one(n, s) for n, s in enumerate(screens)), return_exceptions=True
    )
    done = time.perf_counter() - began
    errors = [r for r in results if isinstance(r, BaseException)]
    for error in errors[:3]:
        print(f"    storm error: {error!r}")
    await asyncio.gather(
        *(s.close() for s in screens if s.socket is not None), return_exceptions=True
    )
    sizes = [s.snapshot_bytes for s in screens if s.snapshot_bytes]
    if sizes:
        print(f"    snapshot frame {sum(sizes) / len(sizes) / 1024:.0f} KB per socket")
    return done, [r for r in results if not isinstance(r, BaseException)], len(errors)


# --- The run ----------------------------------------------------------------------


def app_env(redis_url: str) -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "false",
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": os.environ["DATABASE_URL"],  # the throwaway database
        "REDIS_URL": redis_url,
        "LOG_LEVEL": "WARNING",
    }


def ms(samples: list[float], p: int) -> str:
    return f"{percentile(samples, p):8.1f}"


def row(clients: int, label: str, f: Figures) -> None:
    print(
        f"{clients:>7} {label:<8} {ms(f.ack_ms, 50)} {ms(f.paced_ms, 50)} {ms(f.paced_ms, 99)} "
        f"{ms(f.burst_ms, 50)} {ms(f.burst_ms, 99)} {f.votes_per_s:9.0f} {f.final_s:8.2f} "
        f"{f.lost:5} {f.short_screens:6} {f.refused:8}"
    )


async def measure(args, room: Room, apps: list[AppServer]) -> None:
    chair = Screen(Crowd(), room.chair_cookie)
    await chair.open(apps[0], room.meeting_id)
    await chair.request("meeting.start", {})
    print(
        "clients server   ack p50  paced ms p50/p99    burst ms p50/p99   votes/s  final s  "
        "lost  short  refused"
    )
    for count in args.clients:
        results = {}
        for label, servers in (("app x1", apps[:1]), ("app x2", apps)):
            results[label] = await Driver(room, servers, chair).run(count, args.paced)
            row(count, label, results[label])
        if not args.skip_bare:
            bare = BareServer().start()
            try:
                results["bare"] = await Driver(room, [bare], None).run(count, args.paced)
            finally:
                bare.close()
            row(count, "bare", results["bare"])
            bare_paced = percentile(results["bare"].paced_ms, 99)
            bare_burst = percentile(results["bare"].burst_ms, 99)
            for label in ("app x1", "app x2"):
                paced = percentile(results[label].paced_ms, 99) / bare_paced
                burst = percentile(results[label].burst_ms, 99) / bare_burst
                print(f"{'':>7} {label}/bare p99: paced {paced:.2f}x, burst {burst:.2f}x")
    for label, servers in (("1 process", apps[:1]), ("2 processes", apps)):
        done, each, errors = await storm(room, servers, args.storm)
        report(f"storm {args.storm} sockets in 1 s, {label}", done, each, errors)
    # Reconnecting after a server went away: each screen missed the last MISSED events.
    since = await chair_seq(chair, room, apps[0])
    for percent in range(60, 60 + MISSED):
        await chair.request("room.settings", {"quorum_percent": percent})
    for label, servers in (("1 process", apps[:1]), ("2 processes", apps)):
        done, each, errors = await storm(room, servers, args.storm, (since, since + MISSED))
        report(f"reconnect {args.storm} in 1 s with ?since, {label}", done, each, errors)
    await chair.close()


async def chair_seq(chair: Screen, room: Room, server: AppServer) -> int:
    """The last event's number, from a fresh snapshot."""
    probe = Screen(Crowd(), room.chair_cookie)
    await probe.open(server, room.meeting_id)
    await probe.close()
    return probe.seq


def report(label: str, done: float, each: list[float], errors: int) -> None:
    print(
        f"{label}: all synced after {done:.2f} s, "
        f"connect-to-synced p50 {percentile(each, 50) * 1000:.0f} ms, "
        f"p99 {percentile(each, 99) * 1000:.0f} ms, errors {errors}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, nargs="*", default=[20, 100, 1000])
    parser.add_argument("--paced", type=int, default=30, help="paced votes per run")
    parser.add_argument("--storm", type=int, default=1000, help="sockets in the connect storm")
    parser.add_argument("--connect-timeout", type=int, help="seconds (daphne's default: 5)")
    parser.add_argument("--skip-bare", action="store_true")
    parser.add_argument("--bare-server", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare_server:
        bare_server(args.bare_server)
        return
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("live_fanout.py needs PostgreSQL: set DATABASE_URL=postgres://…")
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # daphne inherits it too
    people = max([*args.clients, args.storm])
    with throwaway_database() as where:
        print(f"database: {where}; {os.cpu_count()} cores; file limit {hard}")
        room = build(people)
        redis = RedisServer().start()
        options = ["-v", "0"]
        if args.connect_timeout:
            options += ["--websocket_connect_timeout", str(args.connect_timeout)]
        apps = [AppServer(app_env(redis.url), *options).start() for _ in range(2)]
        try:
            asyncio.run(measure(args, room, apps))
        finally:
            for server in [*apps, redis]:
                server.close()


if __name__ == "__main__":
    main()
