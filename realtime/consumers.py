"""The meeting socket `/ws/meetings/<id>/`: thin, it parses, checks, dispatches and delivers.

Close codes: 4403 refused (not signed in or not invited), 1009 message too large,
4429 flooding. Every other refusal is an `error` answer and the socket stays open.
"""

import json
import logging
import time
from urllib.parse import parse_qs

from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.http import Http404
from django.utils import translation

from realtime import protocol, snapshot
from realtime.access import RoomAccess, room_access
from realtime.hub import hub
from realtime.openings import open_room, replay_missed
from realtime.protocol import Refused
from realtime.ratelimit import TokenBucket
from realtime.services import presence as presence_services
from realtime.threads import in_pool

log = logging.getLogger(__name__)

CLOSE_REFUSED = 4403
CLOSE_TOO_LARGE = 1009
CLOSE_FLOOD = 4429
# Messages per second a person can send, with room for a burst (typing notes, votes).
RATE, BURST = 10, 40
# Refused messages in a row before the socket is closed as a flood.
FLOOD_LIMIT = 200
# Events that may change what someone is allowed to do in the room.
ACCESS_EVENTS = {"room.settings", "meeting.state"}


class MeetingConsumer(AsyncWebsocketConsumer):
    access: RoomAccess
    # The rate limiter's time source (tests stop it to count a burst exactly).
    clock = staticmethod(time.monotonic)
    # No channel of its own: events come through the hub's one subscription per meeting.
    # A per-socket channel would also tie every socket's life to Redis (a failed read
    # there ends the consumer and drops the socket).
    channel_layer_alias = None

    async def dispatch(self, message: dict) -> None:
        # Channels first closes stale database connections on its one shared sync thread,
        # for every frame of every socket: a queue through one thread in front of each vote.
        # This consumer reaches the database only through `in_pool`, which does that itself.
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def connect(self) -> None:
        user = self.scope.get("user")
        self.meeting_id = int(self.scope["url_route"]["kwargs"]["meeting_id"])
        self.joined = False
        if user is None or not user.is_authenticated:
            await self.close(code=CLOSE_REFUSED)
            return
        opening = await open_room((self.meeting_id, user))
        if opening is None:
            await self.close(code=CLOSE_REFUSED)
            return
        self.access = opening.access
        self.language = self._language()
        self.synced_seq: int | None = None
        self.buffer: list[tuple[int | None, str, dict]] = []
        self.bucket = TokenBucket(RATE, BURST)
        self.refused_in_a_row = 0
        self.access_stale = False
        self.video_sessions: set[int] = set()
        await self.accept()
        self.room = await hub().join(self.meeting_id, self)
        self.joined = True
        await self.sync(self._since_from_query(), message_id=None, opening=opening.mine)

    async def disconnect(self, code: int) -> None:
        if not getattr(self, "joined", False):
            return
        await hub().leave(self.meeting_id, self)
        if self.video_sessions:
            await database_sync_to_async(presence_services.video_sessions_end)(
                meeting_id=self.meeting_id, session_ids=sorted(self.video_sessions)
            )

    # --- From the hub ------------------------------------------------------------

    async def deliver(self, seq: int | None, event_type: str, message: dict) -> None:
        if self.synced_seq is None:
            # Tallies too: one sent while the snapshot was read may be newer than its counts.
            self.buffer.append((seq, event_type, message))
            return
        if seq is not None:
            if seq <= self.synced_seq:
                return
            self.synced_seq = seq
            if event_type in ACCESS_EVENTS:
                self.access_stale = True
        # The hot path: the hub's message as it is, straight to the server (self.send would
        # only build the same message again, once per socket).
        await self.base_send(message)

    async def sync(
        self, since: int | None, message_id: str | None, *, opening: snapshot.Mine | None = None
    ) -> None:
        """Send what this socket missed, then release what arrived meanwhile. On opening, the
        access and the user's own part were just read (`opening`)."""
        self.synced_seq = None
        try:
            if opening is None:
                replayed, mine = await in_pool(self._catch_up)(since)
            elif since is None:
                replayed, mine = None, opening
            else:
                replayed, mine = await replay_missed((self.meeting_id, since)), opening
        except Http404:
            await self.close(code=CLOSE_REFUSED)
            return
        if replayed is None:
            state = await self.room.shared_state()
            await self.send(text_data=state.frame_text(mine))
            seq = state.seq
        else:
            for frame in replayed.frames:
                await self.send_json(frame)
            seq = replayed.seq
        if message_id is not None:
            await self.send_json(protocol.ack(message_id, {"seq": seq}))
        self.synced_seq = seq
        buffered, self.buffer = self.buffer, []
        for seq, event_type, message in buffered:
            await self.deliver(seq, event_type, message)

    # --- From the client ---------------------------------------------------------

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        if not self.bucket.take(self.clock()):
            self.refused_in_a_row += 1
            if self.refused_in_a_row > FLOOD_LIMIT:
                await self.close(code=CLOSE_FLOOD)
                return
            await self.send_error(None, protocol.rate_limited())
            return
        self.refused_in_a_row = 0
        try:
            envelope = protocol.parse_envelope(text_data)
        except Refused as refusal:
            await self.send_error(refusal.details.pop("in_response", None), refusal)
            if refusal.code == "too_large":
                await self.close(code=CLOSE_TOO_LARGE)
            return
        if envelope.type == "sync":
            await self.sync(protocol.since_from(envelope.payload), envelope.id)
            return
        if envelope.type == "ping":
            await self.send_json(protocol.ack(envelope.id, {}))
            return
        try:
            data = await in_pool(self._dispatch)(envelope)
        except Refused as refusal:
            await self.send_error(envelope.id, refusal)
            return
        except Http404:
            await self.close(code=CLOSE_REFUSED)  # no longer invited
            return
        except Exception:
            # A fault of ours (database away…): the client keeps the message and sends it again.
            log.exception("message %s failed", envelope.type)
            await self.send_error(envelope.id, protocol.server_fault())
            return
        if envelope.type == "video.joined" and "session_id" in data:
            self.video_sessions.add(data["session_id"])
        if envelope.type == "video.left":
            self.video_sessions.clear()
        await self.send_json(protocol.ack(envelope.id, data))

    # --- Helpers (the synchronous ones run in a worker thread) ---------------------

    def _dispatch(self, envelope: protocol.Envelope) -> dict:
        with translation.override(self.language):
            if self.access_stale:
                self.access = room_access(self.access.user, self.meeting_id)
                self.access_stale = False
            return protocol.dispatch(self.access, envelope)

    def _catch_up(self, since: int | None) -> tuple[snapshot.CatchUp | None, snapshot.Mine | None]:
        """The missed events, or (None, this user's part) when a snapshot must be sent: the
        room's part is shared by the sockets of the room (`Room.shared_state`)."""
        with translation.override(self.language):
            # A `sync` after opening: rights may have changed meanwhile.
            self.access = room_access(self.access.user, self.meeting_id)
            replayed = snapshot.replay(self.access, since)
            if replayed is not None:
                return replayed, None
            return None, snapshot.my_part(self.access)

    async def send_json(self, data: dict) -> None:
        await self.send(text_data=json.dumps(data, ensure_ascii=False))

    async def send_error(self, message_id: str | None, refusal: Refused) -> None:
        await self.send_json(protocol.error(message_id, refusal))

    def _since_from_query(self) -> int | None:
        query = parse_qs(self.scope.get("query_string", b"").decode(errors="replace"))
        return protocol.since_from({"since": (query.get("since") or [None])[0]})

    def _language(self) -> str:
        cookies = self.scope.get("cookies") or {}
        chosen = cookies.get(settings.LANGUAGE_COOKIE_NAME, settings.LANGUAGE_CODE)
        return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
