#!/usr/bin/env python3
"""The two commands of the quick start, with nothing but Python 3.11+ on the machine.

python3 scripts/dev.py serve   # venv, install, migrate, demo data, daphne on :8000
python3 scripts/dev.py test    # venv, install, the whole test suite (args go to pytest)
"""

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".installed-pyproject-sha256"
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "diemcau2026")


def run(*args: str | Path, env: dict[str, str] | None = None) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], cwd=ROOT, env=env, check=True)


def ensure_environment() -> None:
    """Create the venv and install pinned dependencies, again only when pyproject changes."""
    if sys.version_info < (3, 11):  # noqa: UP036 - the message is for an older python3
        sys.exit("Điểm Cầu needs Python 3.11 or newer.")
    if not PYTHON.exists():
        venv.create(VENV, with_pip=True)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(PYTHON, "-m", "pip", "install", "--quiet", "-e", ".[dev]")
    STAMP.write_text(wanted)


def serve() -> None:
    env = dict(os.environ)
    env.setdefault("DJANGO_DEBUG", "true")
    manage = [PYTHON, "manage.py"]
    run(*manage, "migrate", "--noinput", env=env)
    run(*manage, "seed_demo", "--password", DEMO_PASSWORD, env=env)
    print(
        f"\nĐiểm Cầu: http://127.0.0.1:8000 — đăng nhập organizer / {DEMO_PASSWORD}\n", flush=True
    )
    os.chdir(ROOT)
    daphne = str(BIN / "daphne")
    os.execve(daphne, [daphne, "-b", "127.0.0.1", "-p", "8000", "config.asgi:application"], env)


def test(pytest_args: list[str]) -> None:
    result = subprocess.run([str(PYTHON), "-m", "pytest", *pytest_args], cwd=ROOT)
    sys.exit(result.returncode)


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in {"serve", "test"}:
        sys.exit(__doc__)
    ensure_environment()
    if sys.argv[1] == "serve":
        serve()
    else:
        test(sys.argv[2:])


if __name__ == "__main__":
    main()
