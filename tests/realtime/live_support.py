"""Talking to the meeting socket the way a browser does: session cookie, origin, envelopes."""

import itertools
import json
from typing import Any

from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client

from config.asgi import application
from meetings.models import Meeting, User

ORIGIN = b"http://localhost"
TIMEOUT = 5  # seconds to wait for an answer before the test fails (not a measurement)
_ids = itertools.count(1)


def session_cookie(user: User) -> bytes:
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}".encode()


class LiveClient:
    """One socket; keeps every frame it received so tests can look for events in order."""

    def __init__(self, communicator: WebsocketCommunicator):
        self.communicator = communicator
        self.frames: list[dict[str, Any]] = []
        self.read = 0  # frames before this index were already looked at by `event()`

    async def receive(self) -> dict[str, Any]:
        frame = json.loads(await self.communicator.receive_from(timeout=TIMEOUT))
        self.frames.append(frame)
        return frame

    async def send_raw(self, text: str) -> None:
        await self.communicator.send_to(text_data=text)

    async def request(self, message_type: str, payload: dict | None = None, **envelope) -> dict:
        """Send a message and wait for its answer (ack or error)."""
        message_id = envelope.pop("id", None) or f"m{next(_ids)}"
        body = {"type": message_type, "id": message_id, "payload": payload or {}, **envelope}
        sent_after = len(self.frames)
        await self.send_raw(json.dumps(body))
        return await self.answer(message_id, sent_after)

    async def answer(self, message_id: str, sent_after: int = 0) -> dict:
        """The answer to `message_id` among frames from index `sent_after` on."""
        for frame in self.frames[sent_after:]:
            if frame.get("in_response") == message_id:
                return frame
        while True:
            frame = await self.receive()
            if frame.get("in_response") == message_id:
                return frame

    async def event(self, event_type: str) -> dict[str, Any]:
        """The next not yet seen frame of this type (events, snapshot)."""
        while True:
            for index in range(self.read, len(self.frames)):
                if self.frames[index].get("type") == event_type:
                    self.read = index + 1
                    return self.frames[index]
            await self.receive()

    async def nothing_more(self) -> bool:
        return await self.communicator.receive_nothing(timeout=0.2)

    async def close(self) -> None:
        await self.communicator.disconnect()


async def open_socket(
    user: User | None,
    meeting: Meeting,
    *,
    since: int | None = None,
    origin: bytes = ORIGIN,
    app=application,
) -> tuple[WebsocketCommunicator, bool, int | None]:
    headers = [(b"origin", origin)]
    if user is not None:
        headers.append((b"cookie", await database_sync_to_async(session_cookie)(user)))
    path = f"/ws/meetings/{meeting.pk}/" + ("" if since is None else f"?since={since}")
    communicator = WebsocketCommunicator(app, path, headers=headers)
    connected, code = await communicator.connect(timeout=TIMEOUT)
    return communicator, connected, code


async def connect(user: User, meeting: Meeting, **kwargs) -> LiveClient:
    """A connected client whose first frame (snapshot or replay) is already received."""
    communicator, connected, code = await open_socket(user, meeting, **kwargs)
    assert connected, f"refused with {code}"
    return LiveClient(communicator)
