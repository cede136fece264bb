"""The Procfile as a platform runs it: its ``web:`` and ``worker:`` lines, unchanged, as
two processes on a fresh PostgreSQL (``DATABASE_URL`` spelled ``postgres://`` as Heroku
sets it), then the API as a user calls it: make a puzzle, read it back from every web
worker, poll a job made in the background."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from deploy_helpers import (
    GUNICORN,
    NOT_PASSED,
    ROOT,
    call,
    free_port,
    fresh_schema,
    with_schema,
)

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.slow,
    pytest.mark.skipif(not GUNICORN.exists(), reason="gunicorn is not installed in this venv"),
]

WORDS = ["otter", "beaver", "heron", "salmon", "trout", "reed"]


def procfile() -> dict[str, str]:
    lines = (ROOT / "Procfile").read_text(encoding="utf-8").splitlines()
    return dict(line.split(": ", 1) for line in lines if line.strip())


def start(command: str, env: dict[str, str], log: Path) -> subprocess.Popen:
    with log.open("ab") as out:
        return subprocess.Popen(
            ["bash", "-c", f"exec {command}"], cwd=ROOT, env=env, stdout=out, stderr=out,
            start_new_session=True,
        )  # fmt: skip


def stop(proc: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


def heroku_env(database_url: str, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(NOT_PASSED)}
    env.update(
        PATH=os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")]),
        DATABASE_URL=database_url.replace("postgresql://", "postgres://", 1),
        PORT=str(port),
        WEB_CONCURRENCY="3",
        CROSSWORD_EMBEDDED_WORKER="false",  # the worker: line runs them (docs/DEPLOY.md)
        CROSSWORD_JOB_WORKERS="1",
        CROSSWORD_DATABASE_POOL_SIZE="2",
        # the access log names the web process that answered
        GUNICORN_CMD_ARGS="--access-logformat '%(p)s \"%(m)s %(U)s\" %(s)s'",
    )
    return env


def wait_for(url: str, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            if call(url, timeout=2)[0] == 200:
                return True
        time.sleep(0.2)
    return False


def readers(log: Path, puzzle_id: str) -> set[str]:
    """The web processes (the access log's ``<pid>``) that answered a read of the puzzle."""
    lines = log.read_text(errors="replace").splitlines()
    return {line.split()[0] for line in lines if f'"GET /api/puzzles/{puzzle_id}"' in line}


def read_back_from_two_processes(base: str, made: dict, log: Path) -> None:
    """Reads of the new puzzle, in bursts of 16 at once, until two web processes have
    answered (the kernel gives a connection to whichever process accepts first, so 24
    reads one after another all went to one process in a run); every read is the same."""
    url = f"{base}/api/puzzles/{made['id']}"
    with ThreadPoolExecutor(16) as pool:
        for _ in range(10):
            reads = list(pool.map(lambda _: call(url), range(16)))
            assert {s for s, _ in reads} == {200}
            assert all(body["puzzle"] == made["puzzle"] for _, body in reads)
            if len(readers(log, made["id"])) >= 2:
                return


def test_the_procfile_serves_makes_and_shares_a_puzzle(postgres_url, tmp_path):
    lines = procfile()
    assert set(lines) == {"web", "worker"}
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with fresh_schema(postgres_url) as schema:
        env = heroku_env(with_schema(postgres_url, schema), port)
        web = start(lines["web"], env, tmp_path / "web.log")
        worker = start(lines["worker"], env, tmp_path / "worker.log")
        try:
            assert wait_for(base + "/api/health"), (tmp_path / "web.log").read_text()[-2000:]
            # the job in the background first: the web answers /api/health before the
            # worker: process has built its app, and the sync wait below is not for that
            status, queued = call(base + "/api/puzzles", {"words": WORDS, "seed": 2, "async": True})
            assert status == 202, queued
            job = queued["job"]
            deadline = time.monotonic() + 60
            while job["status"] not in ("done", "failed") and time.monotonic() < deadline:
                time.sleep(0.3)
                job = call(job["url"])[1]["job"]
            assert job["status"] == "done", job
            assert call(f"{base}/api/puzzles/{job['puzzle_id']}")[0] == 200
            status, made = call(base + "/api/puzzles", {"words": WORDS, "seed": 1})
            assert status == 201, made  # made by the worker: process within the sync wait
            puzzle_id = made["id"]
            read_back_from_two_processes(base, made, tmp_path / "web.log")
            with urllib.request.urlopen(f"{base}/p/{puzzle_id}", timeout=30) as page:
                assert page.status == 200 and b"<html" in page.read(2000).lower()
        finally:
            stop(web)
            stop(worker)
    answered = readers(tmp_path / "web.log", puzzle_id)
    assert len(answered) >= 2, f"one web process answered every read: {answered}"
    assert "Executing web.tasks.generate" in (tmp_path / "worker.log").read_text()
