"""Where a socket's database work runs.

Channels runs every `database_sync_to_async` call of a process on one thread, one after
another, so a thousand screens opening at once wait in a single queue while the database
sits mostly idle. What a socket reads on opening (who the user is, their part in the room,
the missed events) only reads, so on PostgreSQL it runs on a pool of threads instead. The
room's writes stay on the one thread (an ordered queue keeps one socket's messages in
order), and so does everything on SQLite, whose tables lock against a reader beside a writer.
"""

from collections.abc import Callable

from channels.db import database_sync_to_async
from django.db import connection


def read_in_pool(function: Callable):
    """`function` (reads only) as a coroutine run on the event loop's thread pool."""
    return database_sync_to_async(function, thread_sensitive=connection.vendor == "sqlite")
