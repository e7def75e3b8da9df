"""Sockets asking at the same moment share one read; alone, a socket is read at once."""

import asyncio
import threading

import pytest

from realtime.batching import Batcher

# The reads run as the sockets' database work does (channels closes stale connections first).
pytestmark = [pytest.mark.asyncio, pytest.mark.django_db]


class Reads:
    """A read that records its batches and, when asked, holds the first one until released."""

    def __init__(self, hold_first: bool = False, fail_on: str | None = None) -> None:
        self.batches: list[list[str]] = []
        self.started = threading.Event()
        self.release = threading.Event()
        if not hold_first:
            self.release.set()
        self.fail_on = fail_on

    def __call__(self, keys: list[str]) -> dict[str, str]:
        self.batches.append(list(keys))
        self.started.set()
        self.release.wait(timeout=5)
        if self.fail_on in keys:
            raise RuntimeError("database away")
        return {key: key.upper() for key in keys if key != "unknown"}


async def _started(reads: Reads) -> None:
    await asyncio.get_running_loop().run_in_executor(None, reads.started.wait, 5)


async def test_alone_a_key_is_read_at_once():
    reads = Reads()
    assert await Batcher(reads).get("a") == "A"
    assert reads.batches == [["a"]]


async def test_keys_asked_during_a_read_are_read_together_next():
    reads = Reads(hold_first=True)
    batcher = Batcher(reads)
    first = asyncio.ensure_future(batcher.get("a"))
    await _started(reads)
    rest = [asyncio.ensure_future(batcher.get(key)) for key in ["b", "c", "b", "d"]]
    await asyncio.sleep(0)
    reads.release.set()
    assert await first == "A"
    assert await asyncio.gather(*rest) == ["B", "C", "B", "D"]
    # Two reads for five sockets; the key asked twice is read once.
    assert reads.batches == [["a"], ["b", "c", "d"]]


async def test_a_key_the_read_does_not_find_answers_none():
    assert await Batcher(Reads()).get("unknown") is None


async def test_a_failed_read_fails_its_own_batch_only():
    reads = Reads(hold_first=True, fail_on="bad")
    batcher = Batcher(reads)
    first = asyncio.ensure_future(batcher.get("bad"))
    await _started(reads)
    later = asyncio.ensure_future(batcher.get("fine"))
    await asyncio.sleep(0)
    reads.release.set()
    with pytest.raises(RuntimeError, match="database away"):
        await first
    assert await later == "FINE"


async def test_a_socket_gone_while_waiting_does_not_disturb_the_others():
    reads = Reads(hold_first=True)
    batcher = Batcher(reads)
    first = asyncio.ensure_future(batcher.get("a"))
    await _started(reads)
    gone = asyncio.ensure_future(batcher.get("b"))
    staying = asyncio.ensure_future(batcher.get("b"))
    await asyncio.sleep(0)
    gone.cancel()
    reads.release.set()
    assert await first == "A"
    assert await staying == "B"
    assert gone.cancelled()
