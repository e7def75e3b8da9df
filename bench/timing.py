"""Timing loops the benchmarks share. Django is imported inside: import `throwaway` first."""

import time
from collections.abc import Callable

from throwaway import report


def timed(call: Callable[[], object], runs: int) -> tuple[list[float], list[float]]:
    """Milliseconds of `runs` calls: wall-clock, and CPU time of this process."""
    wall, cpu = [], []
    for _ in range(runs):
        began, began_cpu = time.perf_counter(), time.process_time()
        call()
        wall.append((time.perf_counter() - began) * 1000)
        cpu.append((time.process_time() - began_cpu) * 1000)
    return wall, cpu


def queries_of(call: Callable[[], object]) -> tuple[int, object]:
    """How many queries one call makes, and what it returns."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        result = call()
    return len(captured.captured_queries), result


def time_page(client, url: str, query: dict, *, runs: int, label: str) -> None:
    """GET a page once to warm templates and the connection, then `runs` times; print the
    times, the queries of one more GET and the size of the page."""
    response = client.get(url, query)
    if response.status_code != 200:
        print(f"{label}: HTTP {response.status_code}, skipped")
        return
    samples, _cpu = timed(lambda: client.get(url, query), runs)
    queries, response = queries_of(lambda: client.get(url, query))
    report(label, samples)
    print(f"    {queries} queries, {len(response.content) // 1024} KiB of HTML")
