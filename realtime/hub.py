"""Fan-out: one channel-layer subscription per meeting per process, written to local sockets.

A `group_send` per socket costs 20–40 times a plain broadcast, so a process subscribes once per
meeting, encodes each event once and writes the same frame to each of its sockets. The room
also restores order: events arrive from the layer in publish order, which two workers may
invert, and the layer may drop some (Redis restarted, a full channel): a gap is filled from
the event log. Tallies are coalesced: at most one frame per poll per `tally_interval`, ending
on the latest, and none once the poll's closing event has gone out (a tally counted while
the poll was open would blank the revealed counts of a secret poll).

The layer is never trusted to have delivered everything: after any failure the room joins
its group again (Redis may have restarted empty) and reads what it missed, and every
`CHECK_INTERVAL` it does the same unasked, so a lost last event or last tally reaches the
screens all the same.
"""

import asyncio
import json
import logging
import weakref
from dataclasses import dataclass, field
from typing import Protocol

from channels.db import database_sync_to_async
from channels.layers import get_channel_layer

from meetings.models import Meeting
from realtime import eventlog
from realtime.snapshot import SharedState
from realtime.state import votes as votes_state
from realtime.threads import in_pool

log = logging.getLogger(__name__)

GAP_WAIT = 0.5  # seconds to wait for a missing event before reading it from the log
# Tallies of a poll go out at most once per interval, which grows with the room: writing one
# frame costs ~70 µs per socket under daphne (~70 ms for 1,000), so a full room gets at most
# 5 a second while a small one follows every vote within 20 ms.
TALLY_INTERVAL = 0.2
TALLY_MIN_INTERVAL = 0.02
TALLY_INTERVAL_PER_SOCKET = 0.0002
CHECK_INTERVAL = 5.0  # seconds between two unasked reads of the log and the open tallies
RETRY_DELAYS = (0, 0.2, 0.5, 1, 2, 5)  # the first at once: an idle read timing out is common
STEADY_READ = 1.0  # seconds: a read failing after waiting this long is a timeout, not an outage
SHARED_STATE_MAX_AGE = 1.0  # seconds a room state read for syncing sockets is handed out
SHARED_STATE_ATTEMPTS = 3  # reads overtaken by an event before a socket reads on its own


class Socket(Protocol):
    async def deliver(self, seq: int | None, event_type: str, message: dict) -> None:
        """Send `message` (an ASGI `websocket.send`, shared by every socket: do not change)."""


def _missed(meeting_id: int, after: int) -> tuple[list, list[dict]]:
    """The logged events after `after`, and the current tallies of the open polls."""
    events = eventlog.events_after(meeting_id, after, 10_000) or []
    meeting = Meeting.objects.filter(pk=meeting_id).first()
    tallies = votes_state.open_tallies(meeting) if meeting else []
    return events, [tally.model_dump(mode="json") for tally in tallies]


@dataclass
class Room:
    meeting_id: int
    sockets: set = field(default_factory=set)
    last_seq: int = 0
    pending: dict[int, tuple[str, str]] = field(default_factory=dict)
    channel: str = ""
    gap_timer: asyncio.TimerHandle | None = None
    draining: bool = False
    tallies: dict[int, dict] = field(default_factory=dict)
    tally_sent_at: dict[int, float] = field(default_factory=dict)
    tally_timers: dict[int, asyncio.TimerHandle] = field(default_factory=dict)
    # Polls whose closing (or removal) was sent, by the seq of that event until it is sent.
    ending: dict[int, int] = field(default_factory=dict)
    ended_polls: set[int] = field(default_factory=set)
    # The listener, the regular check, and work started from timers: kept so the loop does
    # not drop them half-way, and cancelled with the room.
    tasks: set[asyncio.Task] = field(default_factory=set)
    # The room state shared by the sockets syncing together (see `shared_state`), and a count
    # of the events and tallies received, by which a state read across one is known stale.
    state: SharedState | None = None
    state_read_at: float = 0.0
    state_reading: asyncio.Future | None = None
    received: int = 0

    @property
    def group(self) -> str:
        return eventlog.group_name(self.meeting_id)

    async def start(self) -> None:
        layer = get_channel_layer()
        self.channel = await layer.new_channel()
        try:
            await layer.group_add(self.group, self.channel)
            joined = True
        except Exception as error:  # Redis away: serve from the database, join when it is back
            log.warning("meeting %s: cannot join its group yet (%r)", self.meeting_id, error)
            joined = False
        # Subscribed first, then read where the log stands: nothing falls in between.
        self.last_seq = await database_sync_to_async(eventlog.last_seq)(self.meeting_id)
        self._spawn(self._listen(failures=0 if joined else 1))
        self._spawn(self._check_regularly())

    async def stop(self) -> None:
        for task in list(self.tasks):
            task.cancel()
        for timer in [self.gap_timer, *self.tally_timers.values()]:
            if timer:
                timer.cancel()
        try:
            await get_channel_layer().group_discard(self.group, self.channel)
        except Exception:
            log.warning("could not leave group of meeting %s", self.meeting_id)

    async def _listen(self, failures: int) -> None:
        layer = get_channel_layer()
        loop = asyncio.get_running_loop()
        while True:
            reading_since = None
            try:
                if failures:
                    # Redis may have restarted empty: join again before reading, then catch up.
                    await layer.group_add(self.group, self.channel)
                    await self.catch_up()
                reading_since = loop.time()
                message = await layer.receive(self.channel)
            except asyncio.CancelledError:
                raise
            except Exception as error:
                if asyncio.current_task().cancelling():
                    # The layer turned our cancellation into its own error (a connection
                    # closed mid-read): we are being stopped, not failing.
                    raise asyncio.CancelledError from error
                steady = reading_since is not None and loop.time() - reading_since >= STEADY_READ
                if steady:
                    # A read that had waited long failed (an idle read timing out): the layer
                    # was working, so no backing off, or a quiet meeting's next event would
                    # wait out the longest delay.
                    failures = 0
                delay = RETRY_DELAYS[min(failures, len(RETRY_DELAYS) - 1)]
                failures += 1
                log.log(
                    logging.INFO if steady else logging.WARNING,
                    "meeting %s: channel layer failed (%r); retrying in %ss",
                    self.meeting_id,
                    error,
                    delay,
                )
                await asyncio.sleep(delay)
                continue
            failures = 0
            await self.on_message(message)

    async def _check_regularly(self) -> None:
        while True:
            await asyncio.sleep(CHECK_INTERVAL)
            try:
                await get_channel_layer().group_add(self.group, self.channel)
                await self.catch_up()
            except Exception as error:
                log.warning("meeting %s: regular check failed (%r)", self.meeting_id, error)

    async def shared_state(self) -> SharedState:
        """The room state for a socket of this room, read once for all those syncing at once.

        A thousand screens opening together would otherwise each read and encode the whole
        room. A read is handed out only if no event or tally reached this room while it ran:
        a socket that joined meanwhile may have missed that one, and it is newer than the
        read. Age bounds it too, in case the layer lost something the log will bring.
        """
        loop = asyncio.get_running_loop()
        for _attempt in range(SHARED_STATE_ATTEMPTS):
            fresh = loop.time() - self.state_read_at <= SHARED_STATE_MAX_AGE
            if self.state is not None and fresh:
                return self.state
            if self.state_reading is None:
                self.state_reading = asyncio.ensure_future(self._read_state())
            state = await asyncio.shield(self.state_reading)
            if state is not None:
                return state
        # Events keep overtaking the shared reads: a read begun after joining is always safe.
        return await in_pool(SharedState.read)(self.meeting_id)

    async def _read_state(self) -> SharedState | None:
        began, received = asyncio.get_running_loop().time(), self.received
        try:
            state = await in_pool(SharedState.read)(self.meeting_id)
        finally:
            self.state_reading = None
        if self.received != received:
            return None
        self.state, self.state_read_at = state, began
        return state

    def _received(self) -> None:
        self.received += 1
        self.state = None

    def take(self, message: dict) -> None:
        """A message handed over from this process, delivered in its turn on the loop."""
        self._spawn(self.on_message(message))

    async def on_message(self, message: dict) -> None:
        self._received()
        seq, event_type, payload = message.get("seq"), message.get("event"), message.get("payload")
        if seq is None:
            if event_type == "poll.tally":
                self._coalesce_tally(payload)
            else:
                await self._broadcast(None, event_type, encode(None, event_type, payload))
            return
        if seq <= self.last_seq:
            return
        self._add(seq, event_type, payload)
        await self._drain()
        if self.pending and self.gap_timer is None:
            loop = asyncio.get_running_loop()
            self.gap_timer = loop.call_later(GAP_WAIT, self._gap_timeout)

    async def _drain(self) -> None:
        if self.draining:
            return  # the running drain takes what was added, in order
        self.draining = True
        try:
            while self.last_seq + 1 in self.pending:
                self.last_seq += 1
                await self._broadcast(self.last_seq, *self.pending.pop(self.last_seq))
                if (poll_id := self.ending.pop(self.last_seq, None)) is not None:
                    self._end_tallies(poll_id)
        finally:
            self.draining = False
        if not self.pending and self.gap_timer:
            self.gap_timer.cancel()
            self.gap_timer = None

    def _gap_timeout(self) -> None:
        self.gap_timer = None
        self._spawn(self.catch_up())

    async def catch_up(self) -> None:
        """Deliver, from the log, every event after the last one this room sent, and the
        open polls' tallies where they moved on (the layer may have lost the last one)."""
        events, tallies = await database_sync_to_async(_missed)(self.meeting_id, self.last_seq)
        if events or tallies:
            self._received()
        for event in events:
            if event.seq > self.last_seq:
                self._add(event.seq, event.type, event.payload)
        # Numbers are taken under the meeting's row lock and rolled back with their change,
        # so the log has no holes: after this read, every pending event can be delivered.
        await self._drain()
        for tally in tallies:
            self._coalesce_tally(tally)

    def _add(self, seq: int, event_type: str, payload: dict) -> None:
        self.pending[seq] = (event_type, encode(seq, event_type, payload))
        if event_type == "poll.removed":
            self.ending[seq] = payload["poll_id"]
        elif event_type == "poll.updated" and payload["poll"]["status"] == "closed":
            self.ending[seq] = payload["poll"]["id"]

    def _end_tallies(self, poll_id: int) -> None:
        self.ended_polls.add(poll_id)
        self.tallies.pop(poll_id, None)
        if timer := self.tally_timers.pop(poll_id, None):
            timer.cancel()

    def _coalesce_tally(self, payload: dict) -> None:
        poll_id = payload["poll_id"]
        if poll_id in self.ended_polls:
            return
        known = self.tallies.get(poll_id)
        if known is not None and (known["total"] > payload["total"] or known == payload):
            return  # an older count overtaken by a newer one, or the one already sent
        self.tallies[poll_id] = payload
        if poll_id in self.tally_timers:
            return
        loop = asyncio.get_running_loop()
        interval = tally_interval(len(self.sockets))
        wait = max(0.0, self.tally_sent_at.get(poll_id, 0.0) + interval - loop.time())
        self.tally_timers[poll_id] = loop.call_later(wait, self._send_tally, poll_id)

    def _send_tally(self, poll_id: int) -> None:
        if self.tally_timers.pop(poll_id, None) is None:
            return  # ended meanwhile
        self.tally_sent_at[poll_id] = asyncio.get_running_loop().time()
        payload = self.tallies[poll_id]
        frame = encode(None, "poll.tally", payload)
        self._spawn(self._broadcast(None, "poll.tally", frame))

    def _spawn(self, work) -> None:
        task = asyncio.ensure_future(work)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def _broadcast(self, seq: int | None, event_type: str, text: str) -> None:
        message = {"type": "websocket.send", "text": text}
        for socket in list(self.sockets):
            try:
                await socket.deliver(seq, event_type, message)
            except Exception:
                log.exception("delivery to a socket failed")


def tally_interval(sockets: int) -> float:
    """Seconds between two tallies of a poll for a room of this many sockets."""
    return min(TALLY_INTERVAL, max(TALLY_MIN_INTERVAL, sockets * TALLY_INTERVAL_PER_SOCKET))


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

    def hand_over(self, meeting_id: int, message: dict) -> None:
        """A message published in this process, for this process's sockets of the meeting."""
        room = self.rooms.get(meeting_id)
        if room is not None:
            room.take(message)

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
