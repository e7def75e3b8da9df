"""A throwaway database for a benchmark, set up before Django starts.

SQLite by default (a temporary file); with DATABASE_URL set, a fresh `bench_<pid>`
database on the same PostgreSQL server, created here and dropped at the end.
Import this module first: it also puts the project on sys.path.
"""

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from statistics import median, quantiles
from urllib.parse import urlsplit, urlunsplit

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")


def _admin_execute(server_url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(sql)


@contextmanager
def throwaway_database() -> Iterator[str]:
    """Point Django at an empty, migrated database; yield a description of it."""
    import django
    from django.core.management import call_command
    from django.db import connections

    server_url = os.environ.get("DATABASE_URL", "")
    if server_url:
        name = f"bench_{os.getpid()}"
        parts = urlsplit(server_url)
        _admin_execute(server_url, f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))
        where = f"PostgreSQL database {name} (dropped at the end)"
        cleanup = lambda: _admin_execute(server_url, f'DROP DATABASE IF EXISTS "{name}"')  # noqa: E731
    else:
        folder = tempfile.mkdtemp(prefix="bench_")
        os.environ["SQLITE_PATH"] = str(Path(folder) / "bench.sqlite3")
        where = f"SQLite file {os.environ['SQLITE_PATH']} (deleted at the end)"
        cleanup = lambda: shutil.rmtree(folder, ignore_errors=True)  # noqa: E731
    try:
        django.setup()
        call_command("migrate", verbosity=0)
        yield where
    finally:
        connections.close_all()
        cleanup()


def report(label: str, samples_ms: list[float]) -> None:
    p95 = quantiles(samples_ms, n=20)[-1] if len(samples_ms) > 1 else samples_ms[0]
    print(
        f"{label}: median {median(samples_ms):.2f} ms, p95 {p95:.2f} ms, "
        f"max {max(samples_ms):.2f} ms over {len(samples_ms)} runs"
    )
