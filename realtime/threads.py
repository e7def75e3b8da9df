"""Where a socket's database work runs.

Channels runs every `database_sync_to_async` call of a process on one thread, one after
another, so a thousand screens opening or voting at once wait in a single queue while the
database sits mostly idle. On PostgreSQL the socket's work runs on a pool of threads
instead: each call is its own transaction, writes to one meeting are ordered by its live
state's row lock, and a socket still sends its next message only once the last is answered.
SQLite keeps the one thread: its tables lock against a reader beside a writer.
"""

from collections.abc import Callable

from channels.db import database_sync_to_async
from django.db import connection


def in_pool(function: Callable):
    """`function` as a coroutine, run on the event loop's thread pool (one thread on SQLite)."""
    return database_sync_to_async(function, thread_sensitive=connection.vendor == "sqlite")
