"""Reads shared by the sockets that ask at the same moment.

A thousand screens opening within a second each need their user, their part in the meeting
and their own votes. Read one socket at a time, every read pays a thread hop, Django
building its queries and the round trips: ~15 ms of one core a socket, GIL-bound. Batched,
a read serves every socket that asked while the previous one ran: alone, a socket is read
at once; in a storm, the batches grow by themselves and the cost per socket falls.
"""

import asyncio
import weakref
from collections.abc import Callable, Hashable
from itertools import islice
from typing import Generic, TypeVar

from realtime.threads import in_pool

Key = TypeVar("Key", bound=Hashable)
Value = TypeVar("Value")

# Keys per read: past this, a read's rows and its Python work would delay its first socket.
BATCH_LIMIT = 250


class Batcher(Generic[Key, Value]):
    """`read(keys) -> {key: value}` on the thread pool, for all the keys asked meanwhile."""

    def __init__(self, read: Callable[[list[Key]], dict[Key, Value]]) -> None:
        self.read = read
        self.waiting: dict[Key, list[asyncio.Future]] = {}
        self.running: asyncio.Task | None = None

    async def get(self, key: Key) -> Value | None:
        """The value read for `key`, or None when the read found none."""
        future = asyncio.get_running_loop().create_future()
        self.waiting.setdefault(key, []).append(future)
        if self.running is None:
            self.running = asyncio.ensure_future(self._run())
        return await future

    async def _run(self) -> None:
        try:
            while self.waiting:
                keys = list(islice(self.waiting, BATCH_LIMIT))
                batch = {key: self.waiting.pop(key) for key in keys}
                try:
                    found = await in_pool(self.read)(keys)
                except Exception as error:  # each socket answers its own failure
                    for futures in batch.values():
                        _settle(futures, error=error)
                    continue
                for key, futures in batch.items():
                    _settle(futures, value=found.get(key))
        finally:
            self.running = None


def _settle(futures: list[asyncio.Future], value=None, error: Exception | None = None) -> None:
    for future in futures:
        if future.done():  # its socket went away while waiting
            continue
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(value)


# Futures belong to one event loop (a server has one; tests start one per test).
_batchers: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[Callable, Batcher]]" = (
    weakref.WeakKeyDictionary()
)


def batched(read: Callable[[list[Key]], dict[Key, Value]]):
    """`read` for one key at a time, as a coroutine whose calls are read together."""

    async def get(key: Key) -> Value | None:
        loop = asyncio.get_running_loop()
        batchers = _batchers.setdefault(loop, {})
        if read not in batchers:
            batchers[read] = Batcher(read)
        return await batchers[read].get(key)

    return get
