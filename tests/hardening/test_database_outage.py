"""A database outage end to end, on SQLite: gunicorn as the Procfile starts it (embedded
generation workers) is making a puzzle when the test takes the database's write lock
and holds it past SQLite's busy timeout (DATABASE_BUSY_TIMEOUT, 3 s here: 15 s by
default), so the worker's first write of the puzzle and its job outcome fails.  The worker writes them once the lock is gone (the
job is done with its one puzzle, not left "running"), and a request that needed a
write meanwhile got a JSON 503 with Retry-After that names no host, port or path.
(tests/test_jobs.py checks the retries and their limit with a scripted database.)"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import urllib.error
import urllib.request

import pytest
from hardening_helpers import GUNICORN, Gunicorn, call

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not GUNICORN.exists(), reason="gunicorn is not installed in this venv"),
]

WORDS = ["otter", "beaver", "heron", "salmon", "trout", "reed"]
OUTAGE_LIMIT_S = 45  # the lock is held until the worker's first write failed (3 s + load)
BUSY_TIMEOUT = "3"  # seconds a write waits for the lock (a fresh schema boots within it)


def post(url: str, body: object) -> tuple[int, dict[str, str], str]:
    """(status, headers, text) of a JSON POST, whatever the status."""
    req = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, dict(r.headers), r.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read().decode()


def wait_for(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"{what} within {seconds} s"
        time.sleep(0.1)


def test_an_outage_delays_a_job_s_final_write_and_503s_say_when_to_retry(tmp_path):
    db, log = tmp_path / "outage.sqlite3", tmp_path / "gunicorn.log"
    # a long lease: the outage must not look like a dead worker here
    server = Gunicorn(
        db, log, CROSSWORD_JOB_LEASE_SECONDS="300", SLOW_SECONDS="1",
        CROSSWORD_DATABASE_BUSY_TIMEOUT=BUSY_TIMEOUT,
    )  # fmt: skip
    try:
        status, body = call(server.url + "/api/puzzles", {"topic": "slow", "async": True})
        assert status == 202, body
        job_url, job_id = body["job"]["url"], body["job"]["id"]
        wait_for(lambda: call(job_url)[1]["job"]["stage"] == "hints", 30, "no hints stage")

        lock = sqlite3.connect(db, isolation_level=None)
        lock.execute("BEGIN EXCLUSIVE")  # the outage: no process can write
        refused: list[tuple[int, dict[str, str], str]] = []
        during = threading.Thread(
            target=lambda: refused.append(post(server.url + "/api/puzzles", {"words": WORDS}))
        )
        try:
            during.start()
            failed_write = f"could not store the puzzle of job {job_id}"
            wait_for(
                lambda: failed_write in log.read_text(errors="replace"),
                OUTAGE_LIMIT_S, "the worker's write did not fail",
            )  # fmt: skip
            during.join(OUTAGE_LIMIT_S)
            assert call(job_url)[1]["job"]["status"] == "running"  # reads still answer (WAL)
        finally:
            lock.execute("ROLLBACK")
            lock.close()

        status, headers, text = refused[0]
        assert status == 503 and int(headers["Retry-After"]) > 0, (status, headers)
        body = json.loads(text)
        assert body["ok"] is False and body["status"] == 503 and body["error"]
        for internal in ("127.0.0.1", str(server.port), str(tmp_path), "sqlite", "Traceback"):
            assert internal not in text, (internal, text)

        wait_for(lambda: call(job_url)[1]["job"]["status"] != "running", 20, "job not settled")
        job = call(job_url)[1]["job"]
        assert job["status"] == "done" and job["attempts"] == 1, job
        assert call(f"{server.url}/api/puzzles/{job['puzzle_id']}")[0] == 200
    finally:
        server.kill()
    with sqlite3.connect(db) as conn:  # the one puzzle, stored once, with its job
        assert conn.execute("SELECT id FROM puzzles").fetchall() == [(job["puzzle_id"],)]
