"""A Daphne server for browser tests of the live room: its pages and its WebSocket.

pytest-django's `live_server` speaks WSGI only; the live room needs the meeting socket. As
channels.testing.ChannelsLiveServerTestCase does, Daphne runs in a forked process on a free
port against the test database: PostgreSQL's test database as it is, and for SQLite a file
copy of the in-memory test database (another process cannot open that one).
"""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from daphne.testing import DaphneProcess
from django.db import connections

HOST = "127.0.0.1"
STARTUP_SECONDS = 20

# Connections the server process inherited from the test process. Closing them there would
# end the test process's own database session, so they are only set aside, never used.
_inherited: list = []


def application():
    """The project's ASGI stack, with static files served as `runserver` would."""
    from channels.routing import get_default_application
    from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler

    return ASGIStaticFilesHandler(get_default_application())


def _server_process_setup() -> None:
    from channels.layers import channel_layers

    for connection in connections.all(initialized_only=True):
        _inherited.append(connection.connection)
        connection.connection = None
    # A fresh channel layer: the inherited one belongs to the test process's event loops.
    channel_layers.backends = {}


@contextmanager
def daphne_server() -> Iterator[str]:
    """Serve the project on a free port; yields its base URL ("http://127.0.0.1:<port>")."""
    process = DaphneProcess(HOST, application, setup=_server_process_setup)
    process.start()
    try:
        if not process.ready.wait(timeout=STARTUP_SECONDS):
            detail = "" if process.errors.empty() else process.errors.get(False)[1]
            raise RuntimeError(f"Daphne did not start:\n{detail}")
        yield f"http://{HOST}:{process.port.value}"
    finally:
        process.terminate()
        process.join(timeout=10)


@contextmanager
def database_for_other_processes(path: Path) -> Iterator[None]:
    """Make the test database reachable from the server process for the block's duration.

    SQLite's in-memory test database is copied to `path` and the test's own connection is
    pointed there too, so both processes see the same rows; the in-memory database is kept
    alive aside and restored afterwards. Other databases are shared already.
    """
    connection = connections["default"]
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    connection.ensure_connection()
    memory = connection.connection
    copy = sqlite3.connect(path)
    memory.backup(copy)
    copy.close()
    name = connection.settings_dict["NAME"]
    # The in-memory database lives as long as a connection to it: keep this one aside.
    connection.connection = None
    connection.settings_dict["NAME"] = connections.settings["default"]["NAME"] = str(path)
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = connections.settings["default"]["NAME"] = name
        connection.connection = memory
