"""Many people downloading one 5 MB PDF at once: the app beside a plain static file server.

    .venv/bin/python bench/document_download.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python \\
        bench/document_download.py

One meeting with 500 invited delegates, each with an API token, and one 5 MB PDF uploaded
through agenda.services.documents. Then 100, and after them 500, concurrent clients
(asyncio + aiohttp, one keep-alive connection each, each with its own bearer token)
download it again and again for --seconds, in each mode, all on 127.0.0.1 in one run:

  static     the same file from a plain static server, no access check: the baseline
             (nginx when installed — `apt-get install -y nginx` —, else python's
             http.server)
  app        daphne alone: token, access check and read receipt
             (GET /api/document-versions/<id>/download), then Django streams the file
  app+accel  nginx in front of daphne, DOCUMENT_SENDFILE_HEADER=X-Accel-Redirect:
             Django checks access and answers an empty body with the header; nginx
             sends the file from an `internal` location aliased to MEDIA_ROOT
             (nginx only)

Each app mode starts a fresh daphne (production settings, DEBUG off). Peak memory is
the RSS of the daphne process (and of nginx's processes where nginx serves), sampled
every 20 ms. Prints MB/s, requests/s and the app/static ratio; asserts nothing.
Options: --clients 100 500 --seconds N --size-mb N --nginx-workers N.
"""

import argparse
import asyncio
import io
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from throwaway import PROJECT, throwaway_database

VENV_BIN = Path(sys.executable).parent
MB = 1024 * 1024
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
READY_TIMEOUT = 30


# --- The data -------------------------------------------------------------------


def big_pdf(size_mb: float) -> bytes:
    """A real one-page PDF carrying a photo-like image of noise, which does not compress."""
    from PIL import Image
    from reportlab import rl_config
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    rl_config.useA85 = 0  # binary streams: the file is as big as its picture
    width = 1024
    height = int(size_mb * MB / (width * 3))
    picture = Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.drawImage(ImageReader(picture), 20, 20, width=555, height=800)
    canvas.drawString(40, 820, "Tai lieu hop - ban do quy hoach")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def build(clients: int, size_mb: float) -> tuple[int, list[str], Path]:
    """The meeting, its delegates' tokens and the document; answers (version id, tokens,
    the stored file's path)."""
    from django.contrib.auth.hashers import make_password
    from django.core.files.uploadedfile import SimpleUploadedFile

    from agenda.services.documents import DocumentFields, document_create
    from meetings.models import Participant, User
    from meetings.services.scheduling import meeting_schedule
    from meetings.services.tokens import api_token_issue
    from tests.world import build_world

    world = build_world()
    meeting = meeting_schedule(actor=world.organizer, data=world.meeting_input(), notify=False)
    password = make_password(None)
    people = User.objects.bulk_create(
        User(username=f"daibieu{n}", full_name=f"Đại biểu {n}", password=password)
        for n in range(clients)
    )
    Participant.objects.bulk_create(
        Participant(meeting=meeting, user=person, bridge_point=world.rooms[n % len(world.rooms)])
        for n, person in enumerate(people)
    )
    tokens = [api_token_issue(user=person, name="bench") for person in people]
    document = document_create(
        actor=world.organizer,
        meeting_id=meeting.pk,
        fields=DocumentFields(title="Bản đồ quy hoạch"),
        upload=SimpleUploadedFile("ban-do.pdf", big_pdf(size_mb)),
    )
    version = document.versions.get()
    return version.pk, tokens, Path(version.file.path)


# --- Servers --------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_serving(port: int, path: str = "/") -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as conn:
                conn.sendall(f"GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".encode())
                if conn.recv(12).startswith(b"HTTP/1."):
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing answers on 127.0.0.1:{port}")


@contextmanager
def process(command: list[str], *, env: dict[str, str], log: Path, port: int, path: str = "/"):
    with log.open("w") as out:
        child = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            wait_until_serving(port, path)
            yield child
        finally:
            child.terminate()
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()


# Production settings, except one: config.settings keeps PostgreSQL connections for 60 s
# (CONN_MAX_AGE), and under ASGI every request runs in a thread of its own, so each
# request leaves a connection open until the server runs out ("too many clients
# already"). Django's advice for ASGI is CONN_MAX_AGE = 0 (or its connection pool).
BENCH_SETTINGS = """
from config.settings import *  # noqa: F403

DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
"""


def daphne(port: int, media: Path, work: Path, *, sendfile: bool):
    (work / "bench_settings.py").write_text(BENCH_SETTINGS)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        "DJANGO_DEBUG": "false",
        "SECRET_KEY": "bench-only-" + "k" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "MEDIA_ROOT": str(media),
        "LOG_LEVEL": "WARNING",
        "DOCUMENT_SENDFILE_HEADER": "X-Accel-Redirect" if sendfile else "",
        "DOCUMENT_SENDFILE_PREFIX": "/protected-media/",
        "PYTHONPATH": f"{work}{os.pathsep}{PROJECT}",
    }
    env.pop("REDIS_URL", None)
    command = [str(VENV_BIN / "daphne"), "-v", "0", "-b", "127.0.0.1", "-p", str(port)]
    command.append("config.asgi:application")
    name = "daphne-accel" if sendfile else "daphne"
    return process(command, env=env, log=work / f"{name}.log", port=port, path="/healthz")


NGINX_CONF = """
{user}
worker_processes {workers};
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    types {{ application/pdf pdf; }}
    client_body_temp_path {work}/client_body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;

    # The baseline: a plain folder, no access check.
    server {{
        listen 127.0.0.1:{static_port};
        root {static_root};
    }}

    upstream app {{
        server 127.0.0.1:{daphne_port};
        keepalive 128;
    }}
    # The app behind the proxy: Django checks access, nginx sends the file.
    server {{
        listen 127.0.0.1:{proxy_port};
        location / {{
            proxy_pass http://app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
        }}
        location /protected-media/ {{
            internal;
            alias {media}/;
        }}
    }}
}}
"""


def nginx(work: Path, *, workers: int, **ports_and_paths):
    conf = work / "nginx.conf"
    conf.write_text(
        NGINX_CONF.format(
            user="user root;" if os.geteuid() == 0 else "",
            workers=workers,
            work=work,
            **ports_and_paths,
        )
    )
    command = [NGINX, "-p", str(work), "-c", str(conf), "-g", "daemon off;"]
    return process(
        command, env=dict(os.environ), log=work / "nginx.log", port=ports_and_paths["static_port"]
    )


def http_server(root: Path, port: int, work: Path):
    command = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"]
    command += ["--directory", str(root)]
    return process(command, env=dict(os.environ), log=work / "http-server.log", port=port)


# --- Memory ---------------------------------------------------------------------


def rss_bytes(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def family(pid: int) -> list[int]:
    """The process and its direct children (nginx's master and workers)."""
    pids = [pid]
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    pids.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    return pids


class PeakMemory:
    """Samples the summed RSS of some processes every 20 ms in a thread; keeps the peak."""

    def __init__(self, pids: list[int]) -> None:
        self.pids, self.peak, self._stop = pids, 0, threading.Event()
        self.idle = self.sample()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def sample(self) -> int:
        return sum(rss_bytes(pid) for pid in self.pids)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.sample())
            time.sleep(0.02)

    def __enter__(self) -> "PeakMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


# --- Clients --------------------------------------------------------------------


@dataclass
class Result:
    requests: int
    bytes: int
    errors: int
    seconds: float
    first_error: str

    @property
    def mb_per_s(self) -> float:
        return self.bytes / MB / self.seconds

    @property
    def per_s(self) -> float:
        return self.requests / self.seconds


async def download_loop(url: str, tokens: list[str], clients: int, seconds: float, size: int):
    import aiohttp

    loop = asyncio.get_running_loop()
    errors: list[str] = []
    connector = aiohttp.TCPConnector(limit=clients)
    # Bounded: a client still waiting well after the run's end gives up.
    timeout = aiohttp.ClientTimeout(total=seconds + 60)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        deadline = loop.time() + seconds

        async def client(n: int) -> tuple[int, int]:
            headers = {"Authorization": f"Bearer {tokens[n % len(tokens)]}"} if tokens else {}
            done = received = 0
            while loop.time() < deadline:
                try:
                    async with session.get(url, headers=headers) as response:
                        got = 0
                        async for chunk in response.content.iter_chunked(256 * 1024):
                            got += len(chunk)
                        if response.status == 200 and got == size:
                            done, received = done + 1, received + got
                            continue
                        errors.append(f"HTTP {response.status}, {got} bytes")
                except (aiohttp.ClientError, TimeoutError) as error:
                    errors.append(type(error).__name__)
                await asyncio.sleep(0.05)  # a refused client does not spin
            return done, received

        began = time.perf_counter()
        results = await asyncio.gather(*(client(n) for n in range(clients)))
        elapsed = time.perf_counter() - began
    return Result(
        requests=sum(done for done, _ in results),
        bytes=sum(received for _, received in results),
        errors=len(errors),
        seconds=elapsed,
        first_error=errors[0] if errors else "",
    )


def measure(label: str, url: str, tokens: list[str], pids: list[int], args, size: int) -> dict:
    figures = {}
    for clients in args.clients:
        with PeakMemory(pids) as memory:
            result = asyncio.run(download_loop(url, tokens, clients, args.seconds, size))
        figures[clients] = result
        errors = f", {result.errors} errors (first: {result.first_error})" if result.errors else ""
        print(
            f"{label:<15} {clients:>4} clients: {result.mb_per_s:8.1f} MB/s "
            f"{result.per_s:7.1f} req/s  server RSS peak {memory.peak / MB:7.1f} MB "
            f"(idle {memory.idle / MB:.1f} MB){errors}",
            flush=True,
        )
    return figures


# --- The run --------------------------------------------------------------------


MODES = ("static", "app", "app+accel")


@dataclass
class Setup:
    work: Path
    media: Path
    path: str  # the download's address on the app
    tokens: list[str]
    size: int


def log_errors(log: Path) -> str:
    """The distinct error lines of a server's log, to explain refused downloads."""
    lines = [line.strip() for line in log.read_text(errors="replace").splitlines()]
    found = dict.fromkeys(line for line in lines if "Error" in line or "error" in line)
    return "\n    ".join(list(found)[:5])


def run_modes(setup: Setup, args) -> dict[str, dict[int, Result]]:
    results: dict[str, dict[int, Result]] = {}
    ports = {name: free_port() for name in ("static", "proxy", "daphne")}

    def run(mode: str, url: str, tokens: list[str], pids: list[int], log: Path | None) -> None:
        if mode in args.modes:
            results[mode] = measure(mode, url, tokens, pids, args, setup.size)
            if log is not None and any(r.errors for r in results[mode].values()):
                print(f"    {log.name}:\n    {log_errors(log)}")

    static_url = f"http://127.0.0.1:{ports['static']}/document.pdf"
    if NGINX:
        print(f"static server: nginx, {args.nginx_workers} workers")
        with nginx(
            setup.work,
            workers=args.nginx_workers,
            static_port=ports["static"],
            proxy_port=ports["proxy"],
            daphne_port=ports["daphne"],
            static_root=setup.work / "static",
            media=setup.media,
        ) as proxy:
            proxy_pids = family(proxy.pid)
            run("static", static_url, [], proxy_pids, None)
            if "app+accel" in args.modes:
                with daphne(ports["daphne"], setup.media, setup.work, sendfile=True) as server:
                    url = f"http://127.0.0.1:{ports['proxy']}{setup.path}"
                    log = setup.work / "daphne-accel.log"
                    run("app+accel", url, setup.tokens, [server.pid, *proxy_pids], log)
    else:
        print("static server: python -m http.server (nginx is not installed)")
        with http_server(setup.work / "static", ports["static"], setup.work) as server:
            run("static", static_url, [], [server.pid], None)
    if "app" in args.modes:
        port = free_port()
        with daphne(port, setup.media, setup.work, sendfile=False) as server:
            url = f"http://127.0.0.1:{port}{setup.path}"
            run("app", url, setup.tokens, [server.pid], setup.work / "daphne.log")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, nargs="+", default=[100, 500])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--size-mb", type=float, default=5.0)
    parser.add_argument("--nginx-workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--modes", nargs="+", choices=MODES, default=list(MODES))
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench_download_"))
    media = work / "media"
    (work / "static").mkdir()
    os.environ["MEDIA_ROOT"] = str(media)
    try:
        with throwaway_database() as where:
            from django.db import connections

            print(f"database: {where}")
            version_id, tokens, stored = build(max(args.clients), args.size_mb)
            connections.close_all()  # the servers have the database to themselves
            shutil.copy(stored, work / "static" / "document.pdf")
            setup = Setup(
                work=work,
                media=media,
                path=f"/api/document-versions/{version_id}/download",
                tokens=tokens,
                size=stored.stat().st_size,
            )
            print(
                f"one PDF of {setup.size / MB:.2f} MB; {len(tokens)} delegates with tokens; "
                f"{os.cpu_count()} CPUs shared by servers and clients; {args.seconds:.0f} s a run; "
                f"load average before: {os.getloadavg()[0]:.2f}"
            )
            results = run_modes(setup, args)
            print(f"load average after: {os.getloadavg()[0]:.2f}")
            if "static" in results:
                print("\nratio app/static (MB/s):")
                for mode, figures in results.items():
                    if mode == "static":
                        continue
                    for clients, result in figures.items():
                        ratio = result.mb_per_s / results["static"][clients].mb_per_s
                        print(f"  {mode:<15} {clients:>4} clients: {ratio:.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
