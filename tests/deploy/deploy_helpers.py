"""Gunicorn as the Procfile starts it, on a fresh PostgreSQL schema, for the deploy tests."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
GUNICORN = Path(sys.executable).with_name("gunicorn")
# The test runner's variables a server does not get: settings and keys (each test sets
# its own), and PYTHONDONTWRITEBYTECODE, so the first server caches the app's bytecode
# (gitignored __pycache__) and the next ones do not compile web/ and crossword/ again
# (0.6 s of CPU per server start when the runner has it set).
NOT_PASSED = (
    "CROSSWORD_", "OPENAI_", "GEMINI_", "GOOGLE_", "DATABASE_URL", "PYTHONDONTWRITEBYTECODE",
)  # fmt: skip
LIMITED_ROLE = "crossword_limited"  # LOGIN PASSWORD 'crossword' CONNECTION LIMIT 20 (.ci/run)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def call(url: str, body: object = None, timeout: float = 30.0) -> tuple[int, object]:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as exc:
        raw = exc.read()
        try:
            return exc.code, json.loads(raw or b"null")
        except ValueError:
            return exc.code, raw.decode("utf-8", "replace")


def with_user(url: str, user: str, password: str) -> str:
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or "127.0.0.1"
    netloc = f"{user}:{password}@{host}" + (f":{parts.port}" if parts.port else "")
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


def with_schema(url: str, schema: str) -> str:
    """The URL with every connection's search_path set to ``schema`` (a fresh, empty one)."""
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}options=-csearch_path%3D{schema}"


@contextlib.contextmanager
def fresh_schema(owner_url: str, grant_to: str | None = None) -> Iterator[str]:
    """A new empty schema (like a fresh database), dropped afterwards with all it holds."""
    import psycopg

    name = f"deploy_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(owner_url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
        if grant_to:
            conn.execute(f"GRANT USAGE, CREATE ON SCHEMA {name} TO {grant_to}")
    try:
        yield name
    finally:
        with psycopg.connect(owner_url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {name} CASCADE")


@contextlib.contextmanager
def fresh_schema_url(owner_url: str) -> Iterator[str]:
    """The URL of a new empty schema (every connection's search_path), dropped afterwards."""
    with fresh_schema(owner_url) as schema:
        yield with_schema(owner_url, schema)


class Gunicorn:
    """``gunicorn boot_app:create() -c gunicorn.conf.py`` (the Procfile's config) on 127.0.0.1."""

    def __init__(self, tmp: Path, workers: int, **env: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.workers = workers
        self.markers = tmp / f"markers-{uuid.uuid4().hex[:6]}"
        self.markers.mkdir()
        self.log_path = tmp / f"gunicorn-{self.port}.log"
        clean = {k: v for k, v in os.environ.items() if not k.startswith(NOT_PASSED)}
        clean.update(
            WEB_CONCURRENCY=str(workers),
            BOOT_MARKERS=str(self.markers),
            PYTHONPATH=os.pathsep.join([str(HERE), str(ROOT)]),
            **env,
        )
        self._log = self.log_path.open("ab")
        self.proc = subprocess.Popen(
            [str(GUNICORN), "boot_app:create()", "-c", str(ROOT / "gunicorn.conf.py"),
             "-b", f"127.0.0.1:{self.port}", "--graceful-timeout", "2"],
            cwd=ROOT, env=clean, stdout=self._log, stderr=self._log, start_new_session=True,
        )  # fmt: skip

    def booted(self, timeout: float = 60.0) -> bool:
        """True once every worker built its app and the master still runs."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            if len(list(self.markers.iterdir())) >= self.workers:
                time.sleep(0.3)  # a worker failing right after its app was built
                return self.proc.poll() is None and "failed to boot" not in self.log()
            time.sleep(0.05)
        return False

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGINT)  # gunicorn: quick shutdown
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        self._log.close()
