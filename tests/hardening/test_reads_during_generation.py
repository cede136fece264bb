"""Concurrent generation does not stop reads: gunicorn as the Procfile starts it (web
processes plus the embedded generation workers, the real offline provider) makes
several large puzzles at once, while client threads keep reading /api/health and a
stored puzzle.  Every read is answered, none waits past a generous bound, and their
median stays within a loose multiple of the median of the same reads, at the same
moments, from a second, identical server that generates nothing (the control: both
feel the same load from the rest of the machine, so the comparison holds on a busy
2-core box where a before/after comparison would not).

What this catches is generation back in the web processes, where the layout search
holds the interpreter the request threads need: with CROSSWORD_QUEUE=memory (worker
threads inside each web process) the median was 8-12 times the control's when this
test was written (load average 17-20 on 2 cores), against about 2 with the worker
processes (their lower priority counts within the server's process group, and the
feeder's polls reach the tested server only).  Timed numbers belong to
bench/load_test.py, not here."""

from __future__ import annotations

import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hardening_helpers import GUNICORN, Gunicorn, call

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not GUNICORN.exists(), reason="gunicorn is not installed in this venv"),
]

READERS = 8  # client threads, each reading from both servers in turn
IN_FLIGHT = 8  # generations kept queued or running while the reads go on
BIG = {"topic": "animals", "count": 40, "max_size": 21, "async": True}  # ~1.5 s of CPU each
READ_SECONDS = 6.0
READ_LIMIT_S = 5.0  # no single read may wait longer than this
MEDIAN_FACTOR, MEDIAN_FLOOR_S = 5.0, 0.05  # median <= max(5 x the control's, 50 ms)
WORDS = ["otter", "beaver", "heron", "salmon", "trout", "reed"]
APP = "web:create_app()"


def stored_puzzle(base: str) -> str:
    """The id of a new small puzzle on the server at ``base``."""
    status, body = call(base + "/api/puzzles", {"words": WORDS, "async": True})
    assert status == 202, body
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        job = call(body["job"]["url"])[1]["job"]
        if job["status"] in ("done", "failed"):
            assert job["status"] == "done", job
            return str(job["puzzle_id"])
        time.sleep(0.1)
    raise AssertionError("the first puzzle was not made within 30 s")


def paired_reads(tested: list[str], control: list[str], seconds: float) -> dict[str, list]:
    """READERS threads read a url from the tested server, then the same from the control,
    for ``seconds``; {"tested": [(status, latency)...], "control": [...]}."""
    results: dict[str, list] = {"tested": [], "control": []}
    lock = threading.Lock()
    ends = time.monotonic() + seconds

    def one(url: str) -> tuple[int, float]:
        started = time.monotonic()
        try:
            status = call(url, timeout=READ_LIMIT_S + 10)[0]
        except OSError:
            status = 0  # refused or timed out: not answered
        return status, time.monotonic() - started

    def reader(n: int) -> None:
        while time.monotonic() < ends:
            pair = one(tested[n % len(tested)]), one(control[n % len(control)])
            with lock:
                results["tested"].append(pair[0])
                results["control"].append(pair[1])
            n += 1

    threads = [threading.Thread(target=reader, args=(i,)) for i in range(READERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


class Feeder:
    """Keeps IN_FLIGHT big generations queued or running, and samples whether any runs."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jobs: list[str] = []
        self.samples: list[bool] = []
        self.problems: list[object] = []  # POSTs not accepted, failed jobs, errors
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def start(self) -> Feeder:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=30)

    def _loop(self) -> None:
        try:
            while not self._stop.is_set():
                self._top_up()
                self.samples.append(self._running() > 0)
                self._stop.wait(1.0)  # light: its own polls load the tested server only
        except Exception as exc:  # seen by the test, not lost with this thread
            self.problems.append(exc)

    def _top_up(self) -> None:
        while len(self.jobs) < IN_FLIGHT:
            status, body = call(self.base + "/api/puzzles", BIG)
            if status != 202:
                self.problems.append((status, body))
                return
            self.jobs.append(body["job"]["url"])

    def _running(self) -> int:
        statuses = [call(url)[1]["job"]["status"] for url in self.jobs]
        self.problems += [s for s in statuses if s == "failed"]
        self.jobs = [
            u for u, s in zip(self.jobs, statuses, strict=True) if s in ("queued", "running")
        ]
        return statuses.count("running")


def start(tmp_path: Path, name: str) -> Gunicorn:
    return Gunicorn(
        tmp_path / f"{name}.sqlite3", tmp_path / f"{name}.log", app=APP,
        CROSSWORD_JOB_QUEUE_LIMIT="50",
    )  # fmt: skip


def start_both(tmp_path: Path) -> list[Gunicorn]:
    """The tested server and the control, booted side by side (seconds each under load)."""
    with ThreadPoolExecutor(2) as boot:
        futures = [boot.submit(start, tmp_path, name) for name in ("tested", "control")]
    started = [f.result() for f in futures if f.exception() is None]
    if len(started) < 2:
        for server in started:
            server.kill()
        raise next(f.exception() for f in futures if f.exception() is not None)
    return started


def test_reads_keep_answering_while_puzzles_are_generated(tmp_path):
    servers = start_both(tmp_path)
    tested, control = servers
    feeder = Feeder(tested.url)
    try:
        urls = {
            s.url: [s.url + "/api/health", f"{s.url}/api/puzzles/{stored_puzzle(s.url)}"]
            for s in servers
        }
        feeder.start()
        deadline = time.monotonic() + 30
        while not any(feeder.samples):  # until a worker is generating
            assert time.monotonic() < deadline and not feeder.problems, feeder.problems
            time.sleep(0.1)
        reads = paired_reads(urls[tested.url], urls[control.url], READ_SECONDS)
    finally:
        feeder.stop()
        for server in servers:
            server.kill()

    assert feeder.problems == [], feeder.problems[:3]
    # generation really ran beside the reads: a worker was busy at (nearly) every look
    assert sum(feeder.samples) >= 0.8 * len(feeder.samples), feeder.samples
    for name, results in reads.items():
        statuses = [status for status, _ in results]
        assert results and set(statuses) == {200}, (name, sorted(set(statuses)))
    slowest = max(seconds for _, seconds in reads["tested"])
    assert slowest < READ_LIMIT_S, f"a read took {slowest:.2f} s during generation"
    median = {name: statistics.median(s for _, s in results) for name, results in reads.items()}
    bound = max(MEDIAN_FACTOR * median["control"], MEDIAN_FLOOR_S)
    assert median["tested"] <= bound, (
        f"read median {median['tested'] * 1000:.0f} ms during generation, "
        f"{median['control'] * 1000:.0f} ms from the control ({len(reads['tested'])} reads each)"
    )
