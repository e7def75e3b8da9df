"""Real server processes for the multi-process tests (and the fan-out bench).

`AppServer` runs daphne on a free port against a given database and Redis; `RedisServer` is a
private redis-server on a free port, so a test can kill and restart it without touching the
Redis that other work shares. `WireClient` is a browser-like socket over TCP (session cookie,
Origin) that keeps the room's state the way the page does: snapshot, then events in `seq`
order, asking for a `sync` when it sees a gap.
"""

import asyncio
import contextlib
import itertools
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import websockets
from websockets.asyncio.client import ClientConnection
from websockets.asyncio.client import connect as ws_connect

from tests.realtime import reducer

PROJECT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 30  # seconds for a server to accept connections (not a measurement)
STOP_TIMEOUT = 3  # seconds for a graceful stop before SIGKILL
_ids = itertools.count(1)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = START_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server on port {port} exited with {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on port {port} after {timeout} s")


def database_url(settings_dict: dict) -> str:
    """A PostgreSQL URL for Django's connection settings (the test database's, say)."""
    user = quote(settings_dict.get("USER") or "")
    password = settings_dict.get("PASSWORD")
    auth = f"{user}:{quote(password)}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{auth}{host}:{port}/{settings_dict['NAME']}"


class _Process:
    """A child process on a port, with its output kept in a file for failure messages."""

    port: int
    process: subprocess.Popen | None = None
    log = None  # one file for every start (a restarted Redis writes on after the first run)

    def _spawn(self, command: list[str], env: dict[str, str] | None = None) -> None:
        if self.log is None:
            self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115 (kept open while it runs)
                prefix=f"{type(self).__name__.lower()}_{self.port}_", suffix=".log", delete=False
            )
        self.process = subprocess.Popen(
            command, cwd=PROJECT, env=env, stdout=self.log, stderr=subprocess.STDOUT
        )
        wait_for_port(self.port, self.process)

    def kill(self) -> None:
        """SIGKILL: no goodbye to sockets, connections or the channel layer."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.kill()

    def output(self) -> str:
        self.log.flush()
        return Path(self.log.name).read_text(errors="replace")

    def close(self) -> None:
        self.stop()
        self.log.close()
        Path(self.log.name).unlink(missing_ok=True)


class RedisServer(_Process):
    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> "RedisServer":
        self._spawn(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
            ]
        )
        return self


class AppServer(_Process):
    """`daphne config.asgi:application` on a free port; settings come from `env`."""

    def __init__(self, env: dict[str, str], *options: str) -> None:
        self.port = free_port()
        self.env = {**os.environ, "PYTHONUNBUFFERED": "1", **env}
        self.options = options  # daphne's own, such as "-v", "0"

    def start(self) -> "AppServer":
        daphne = str(Path(sys.executable).with_name("daphne"))
        command = [daphne, *self.options, "-b", "127.0.0.1", "-p", str(self.port)]
        command.append("config.asgi:application")
        self._spawn(command, env=self.env)
        return self

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def socket_url(self, meeting_id: int, since: int | None = None) -> str:
        query = "" if since is None else f"?since={since}"
        return f"ws://127.0.0.1:{self.port}/ws/meetings/{meeting_id}/{query}"


class WireClient:
    """One person's socket to one server; `state` follows the room as the page's script does."""

    def __init__(self, cookie: str, meeting_id: int) -> None:
        self.cookie = cookie
        self.meeting_id = meeting_id
        self.connection: ClientConnection | None = None
        self.reader: asyncio.Task | None = None
        self.state: dict[str, Any] | None = None
        self.seq: int | None = None
        self.seqs: list[int] = []  # every numbered event applied, in the order applied
        self.answers: dict[str, dict] = {}
        self.syncing: str | None = None  # id of the `sync` asked for and not yet answered
        self.gaps = 0
        self.connects = 0
        self.changed = asyncio.Condition()
        self.closed = asyncio.Event()

    async def connect(self, server: AppServer) -> None:
        """Open a socket (with `?since` once this client has seen something) and read it."""
        self.closed.clear()
        self.syncing = None
        self.connection = await ws_connect(
            server.socket_url(self.meeting_id, self.seq),
            origin=server.origin,
            additional_headers={"Cookie": self.cookie},
            open_timeout=START_TIMEOUT,
        )
        self.connects += 1
        self.reader = asyncio.create_task(self._read(self.connection))

    async def _read(self, connection: ClientConnection) -> None:
        try:
            async for text in connection:
                await self._on_frame(json.loads(text))
        except websockets.ConnectionClosed:
            pass
        finally:
            self.closed.set()
            async with self.changed:
                self.changed.notify_all()

    async def _on_frame(self, frame: dict) -> None:
        kind, seq = frame.get("type"), frame.get("seq")
        if kind in ("ack", "error"):
            self.answers[frame["in_response"]] = frame
            if frame["in_response"] == self.syncing:
                self.syncing = None
        elif kind == "snapshot":
            self.state, self.seq = frame["payload"]["state"], seq
        elif self.state is None:
            pass  # nothing to apply it to before the first snapshot
        elif seq is None:
            self.state = reducer.apply(self.state, frame)
        elif seq == self.seq + 1:
            self.state, self.seq = reducer.apply(self.state, frame), seq
            self.seqs.append(seq)
        elif seq > self.seq + 1 and self.syncing is None:
            # Something was missed: ask for it, as the page does; what follows is resent.
            self.gaps += 1
            self.syncing = await self._send("sync", {"since": self.seq})
        async with self.changed:
            self.changed.notify_all()

    async def _send(self, message_type: str, payload: dict, message_id: str | None = None) -> str:
        message_id = message_id or f"w{next(_ids)}"
        body = {"type": message_type, "id": message_id, "payload": payload}
        await self.connection.send(json.dumps(body))
        return message_id

    async def request(
        self, message_type: str, payload: dict | None = None, message_id: str | None = None
    ) -> dict:
        """Send a message (again, with the `message_id` of an unanswered one) and wait for its
        answer; raises ConnectionClosed if the socket dies first."""
        message_id = await self._send(message_type, payload or {}, message_id)
        await self.wait_for(lambda: message_id in self.answers or self.closed.is_set())
        if message_id not in self.answers:
            raise websockets.ConnectionClosed(None, None)
        return self.answers[message_id]

    async def wait_for(self, condition, timeout: float = START_TIMEOUT) -> None:
        async with self.changed:
            await asyncio.wait_for(self.changed.wait_for(condition), timeout)

    async def synced_to(self, seq: int) -> None:
        await self.wait_for(lambda: self.seq is not None and self.seq >= seq)

    async def close(self) -> None:
        if self.connection is not None:
            await self.connection.close()
        if self.reader is not None:
            await self.reader
