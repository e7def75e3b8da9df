"""Fan-out: one channel-layer subscription per meeting per process, written to local sockets.

A `group_send` per socket costs 20–40 times a plain broadcast, so a process subscribes once per
meeting, encodes each event once and writes the same frame to each of its sockets. The room
also restores order: events arrive from the layer in publish order, which two workers may
invert, and the layer may drop some (Redis restarted): a gap is filled from the event log.
Tallies are coalesced: at most one frame per poll per `TALLY_INTERVAL`, ending on the latest.
"""

import asyncio
import json
import logging
import weakref
from dataclasses import dataclass, field
from typing import Protocol

from channels.db import database_sync_to_async
from channels.layers import get_channel_layer

from realtime import eventlog

log = logging.getLogger(__name__)

GAP_WAIT = 0.5  # seconds to wait for a missing event before reading it from the log
TALLY_INTERVAL = 0.2
RETRY_DELAYS = (0.2, 0.5, 1, 2, 5)


class Socket(Protocol):
    async def deliver(self, seq: int | None, event_type: str, text: str) -> None: ...


@dataclass
class Room:
    meeting_id: int
    sockets: set = field(default_factory=set)
    last_seq: int = 0
    pending: dict[int, tuple[str, str]] = field(default_factory=dict)
    channel: str = ""
    listener: asyncio.Task | None = None
    gap_timer: asyncio.TimerHandle | None = None
    tallies: dict[int, dict] = field(default_factory=dict)
    tally_sent_at: dict[int, float] = field(default_factory=dict)
    tally_timers: dict[int, asyncio.TimerHandle] = field(default_factory=dict)
    # Work started from timers; kept so the loop does not drop it half-way.
    tasks: set[asyncio.Task] = field(default_factory=set)

    async def start(self) -> None:
        layer = get_channel_layer()
        self.channel = await layer.new_channel()
        await layer.group_add(eventlog.group_name(self.meeting_id), self.channel)
        # Subscribed first, then read where the log stands: nothing falls in between.
        self.last_seq = await database_sync_to_async(eventlog.last_seq)(self.meeting_id)
        self.listener = asyncio.create_task(self._listen())

    async def stop(self) -> None:
        if self.listener:
            self.listener.cancel()
        for timer in [self.gap_timer, *self.tally_timers.values()]:
            if timer:
                timer.cancel()
        try:
            await get_channel_layer().group_discard(
                eventlog.group_name(self.meeting_id), self.channel
            )
        except Exception:
            log.warning("could not leave group of meeting %s", self.meeting_id)

    async def _listen(self) -> None:
        layer = get_channel_layer()
        failures = 0
        while True:
            try:
                message = await layer.receive(self.channel)
                failures = 0
            except asyncio.CancelledError:
                raise
            except Exception:
                # The layer went away (Redis restart): join again, then read what was missed.
                delay = RETRY_DELAYS[min(failures, len(RETRY_DELAYS) - 1)]
                failures += 1
                log.warning("channel layer receive failed; retrying in %ss", delay)
                await asyncio.sleep(delay)
                await self._rejoin()
                continue
            await self.on_message(message)

    async def _rejoin(self) -> None:
        try:
            await get_channel_layer().group_add(eventlog.group_name(self.meeting_id), self.channel)
        except Exception:
            return
        await self.fill_gap()

    async def on_message(self, message: dict) -> None:
        seq, event_type, payload = message.get("seq"), message.get("event"), message.get("payload")
        if seq is None:
            if event_type == "poll.tally":
                self._coalesce_tally(payload)
            else:
                await self._broadcast(None, event_type, encode(None, event_type, payload))
            return
        if seq <= self.last_seq:
            return
        self.pending[seq] = (event_type, encode(seq, event_type, payload))
        await self._drain()
        if self.pending and self.gap_timer is None:
            loop = asyncio.get_running_loop()
            self.gap_timer = loop.call_later(GAP_WAIT, self._gap_timeout)

    async def _drain(self) -> None:
        while self.last_seq + 1 in self.pending:
            self.last_seq += 1
            await self._broadcast(self.last_seq, *self.pending.pop(self.last_seq))
        if not self.pending and self.gap_timer:
            self.gap_timer.cancel()
            self.gap_timer = None

    def _gap_timeout(self) -> None:
        self.gap_timer = None
        self._spawn(self.fill_gap())

    async def fill_gap(self) -> None:
        """Deliver, from the log, every event after the last one this room sent."""
        events = await database_sync_to_async(eventlog.events_after)(
            self.meeting_id, self.last_seq, 10_000
        )
        for event in events or []:
            if event.seq > self.last_seq:
                self.pending[event.seq] = (event.type, encode(event.seq, event.type, event.payload))
        # Numbers are taken under the meeting's row lock and rolled back with their change,
        # so the log has no holes: after this read, every pending event can be delivered.
        await self._drain()

    def _coalesce_tally(self, payload: dict) -> None:
        poll_id = payload["poll_id"]
        known = self.tallies.get(poll_id)
        if known is not None and known["total"] > payload["total"]:
            return  # an older count overtaken by a newer one
        self.tallies[poll_id] = payload
        if poll_id in self.tally_timers:
            return
        loop = asyncio.get_running_loop()
        wait = max(0.0, self.tally_sent_at.get(poll_id, 0.0) + TALLY_INTERVAL - loop.time())
        self.tally_timers[poll_id] = loop.call_later(wait, self._send_tally, poll_id)

    def _send_tally(self, poll_id: int) -> None:
        self.tally_timers.pop(poll_id, None)
        self.tally_sent_at[poll_id] = asyncio.get_running_loop().time()
        payload = self.tallies[poll_id]
        frame = encode(None, "poll.tally", payload)
        self._spawn(self._broadcast(None, "poll.tally", frame))

    def _spawn(self, work) -> None:
        task = asyncio.ensure_future(work)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def _broadcast(self, seq: int | None, event_type: str, text: str) -> None:
        for socket in list(self.sockets):
            try:
                await socket.deliver(seq, event_type, text)
            except Exception:
                log.exception("delivery to a socket failed")


def encode(seq: int | None, event_type: str, payload: dict) -> str:
    return json.dumps(eventlog.frame(seq, event_type, payload), ensure_ascii=False)


class Hub:
    """The rooms of this process, created with their first socket and closed with their last."""

    def __init__(self) -> None:
        self.rooms: dict[int, Room] = {}
        self._lock = asyncio.Lock()

    async def join(self, meeting_id: int, socket: Socket) -> Room:
        async with self._lock:
            room = self.rooms.get(meeting_id)
            if room is None:
                room = Room(meeting_id)
                await room.start()
                self.rooms[meeting_id] = room
            room.sockets.add(socket)
            return room

    async def leave(self, meeting_id: int, socket: Socket) -> None:
        async with self._lock:
            room = self.rooms.get(meeting_id)
            if room is None:
                return
            room.sockets.discard(socket)
            if not room.sockets:
                del self.rooms[meeting_id]
                await room.stop()


# Rooms belong to one event loop (a server has one; tests start one per test).
_hubs: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Hub]" = weakref.WeakKeyDictionary()


def hub() -> Hub:
    loop = asyncio.get_running_loop()
    if loop not in _hubs:
        _hubs[loop] = Hub()
    return _hubs[loop]
