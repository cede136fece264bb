"""Restart safety: kill -9 gunicorn in the middle of a generation, start it again, and
the store is consistent: no puzzle row without its data, earlier puzzles intact, the
interrupted job reported failed."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
GUNICORN = Path(sys.executable).with_name("gunicorn")
WORDS = ["otter", "beaver", "heron", "salmon", "trout", "reed"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(url, body=None, timeout=10.0):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"null")


class Server:
    def __init__(self, db: Path, log: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("CROSSWORD_", "OPENAI_", "GEMINI_"))
        }
        env.update(
            CROSSWORD_DATABASE=str(db), CROSSWORD_RATE_LIMIT_PER_MINUTE="0",
            CROSSWORD_SYNC_WAIT="5", CROSSWORD_JOB_STALE_SECONDS="1",
            PYTHONPATH=os.pathsep.join([str(HERE), str(ROOT)]),
        )  # fmt: skip
        self.log = log.open("ab")
        self.proc = subprocess.Popen(
            [str(GUNICORN), "-w", "2", "--threads", "4", "-b", f"127.0.0.1:{self.port}",
             "--graceful-timeout", "1", "slow_app:create()"],
            cwd=ROOT, env=env, stdout=self.log, stderr=self.log, start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 20
        while True:
            try:
                if call(self.url + "/api/health", timeout=1)[0] == 200:
                    return
            except OSError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.kill()
                raise AssertionError(f"gunicorn did not start: {log.read_text()[-2000:]}")
            time.sleep(0.1)

    def kill(self) -> None:
        """SIGKILL the master and its workers (their own process group), nothing else."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)
        self.log.close()


@pytest.mark.skipif(not GUNICORN.exists(), reason="gunicorn is not installed in this venv")
def test_kill_9_mid_generation_leaves_a_consistent_store(tmp_path):
    db = tmp_path / "restart.sqlite3"
    server = Server(db, tmp_path / "gunicorn.log")
    try:
        earlier = {}
        for i in range(3):
            status, body = call(server.url + "/api/puzzles", {"words": WORDS, "seed": i})
            assert status == 201, body
            earlier[body["id"]] = body["puzzle"]
        status, body = call(server.url + "/api/puzzles", {"topic": "slow", "async": True})
        assert status == 202, body
        job_url = body["job"]["url"]
        job_id = body["job"]["id"]
        deadline = time.monotonic() + 10
        while call(job_url)[1]["job"].get("stage") != "hints":  # generation under way
            assert time.monotonic() < deadline
            time.sleep(0.05)
    finally:
        server.kill()

    with sqlite3.connect(db) as conn:  # straight after the kill, before any restart
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = conn.execute("SELECT id, data FROM puzzles").fetchall()
        assert {r[0] for r in rows} == set(earlier)  # nothing half-made, nothing lost
        assert all(json.loads(r[1])["entries"] for r in rows)
        job = conn.execute("SELECT status, puzzle_id FROM jobs WHERE id = ?", (job_id,)).fetchone()
        assert job == ("running", None)

    time.sleep(1.2)  # past JOB_STALE_SECONDS
    server = Server(db, tmp_path / "gunicorn.log")
    try:
        status, body = call(job_url.replace(job_url.split("/api/")[0], server.url))
        assert status == 200 and body["job"]["status"] == "failed", body
        assert "interrupted" in body["job"]["error"]["error"]
        for puzzle_id, puzzle in earlier.items():
            status, body = call(f"{server.url}/api/puzzles/{puzzle_id}")
            assert status == 200 and body["puzzle"] == puzzle
        status, body = call(server.url + "/api/puzzles", {"words": WORDS})
        assert status == 201, body  # and it works as before
    finally:
        server.kill()
