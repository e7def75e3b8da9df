"""Under ASGI (daphne), a document leaves in blocks: the server never holds the whole file.

Django buffers a synchronous file iterator whole before sending it over ASGI; with 500
communes fetching one document at once that was gigabytes (bench/README.md)."""

import tracemalloc

import pytest
from asgiref.sync import async_to_sync
from asgiref.testing import ApplicationCommunicator
from django.conf import settings
from django.core.asgi import get_asgi_application
from django.urls import reverse

from tests.agenda.document_support import create_document, isolated_media, latest

MB = 1024 * 1024
SIZE = 8 * MB


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    return isolated_media(settings, tmp_path)


def _asgi_get(path: str, session_key: str) -> tuple[int, int, int]:
    """Status, body bytes received and number of body messages; bodies are dropped as they
    arrive so that only the server's own buffering shows in memory."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "headers": [
            (b"host", b"testserver"),
            (b"cookie", f"{settings.SESSION_COOKIE_NAME}={session_key}".encode()),
        ],
        "server": ("testserver", 80),
        "client": ("127.0.0.1", 50000),
    }

    async def run() -> tuple[int, int, int]:
        communicator = ApplicationCommunicator(get_asgi_application(), scope)
        await communicator.send_input({"type": "http.request", "body": b"", "more_body": False})
        start = await communicator.receive_output(10)
        received = messages = 0
        while True:
            message = await communicator.receive_output(10)
            received += len(message.get("body", b""))
            messages += 1
            if not message.get("more_body"):
                return start["status"], received, messages

    return async_to_sync(run)()


# The ASGI handler runs the view in a worker thread with its own connection.
@pytest.mark.django_db(transaction=True)
def test_a_large_document_is_streamed_without_holding_it_in_memory(client, world, meeting):
    version = latest(create_document(meeting, world.organizer))
    with open(version.file.path, "ab") as stored:  # a bigger file; validation is not the point
        stored.write(b"%" * (SIZE - version.size))
    client.force_login(world.delegate)
    path = reverse("document-download", args=[version.pk])

    tracemalloc.start()
    try:
        status, received, messages = _asgi_get(path, client.cookies["sessionid"].value)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert (status, received) == (200, SIZE)
    assert messages > 1
    assert peak < SIZE / 4
