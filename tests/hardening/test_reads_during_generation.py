"""Concurrent generation does not stop reads: gunicorn as the Procfile starts it (web
processes plus the embedded generation workers, the real offline provider) makes
several large puzzles at once, while client threads keep reading /api/health and a
stored puzzle.  Every read is answered, none waits past a generous bound, and the
generation's CPU is spent in the worker processes, not in the web processes.

That last check is what catches generation back in the web processes, where the
layout search holds the interpreter the request threads need.  It compares CPU time
(from /proc), not wall time, so it holds on a busy 2-core box: the tested server's
web processes may use little more CPU than those of a second, identical server that
answered the same reads at the same moments and generates nothing (the control),
while the worker processes spend seconds.  With CROSSWORD_QUEUE=memory (worker
threads inside each web process) the generation's seconds land on the web side and
this fails.  Read latencies under load are numbers for bench/load_test.py (the
issue's "median within 3x" target is measured there), not for a test: an earlier
version compared medians here and failed on a loaded CI machine."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hardening_helpers import GUNICORN, Gunicorn, call, processes

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not GUNICORN.exists(), reason="gunicorn is not installed in this venv"),
]

READERS = 8  # client threads, each reading from both servers in turn
IN_FLIGHT = 8  # generations kept queued or running while the reads go on
BIG = {"topic": "animals", "count": 40, "max_size": 21, "async": True}  # ~1.5 s of CPU each
READ_SECONDS, READ_MAX_S = 6.0, 60.0  # reads go on until the workers spent GENERATION_CPU_S
READ_LIMIT_S = 5.0  # no single read may wait longer than this
GENERATION_CPU_S = 2.0  # the worker processes must spend at least this while reads go on
WEB_EXTRA_FACTOR = 0.5  # the web processes' CPU over the control's < this x the workers'
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


def paired_reads(
    tested: list[str], control: list[str], enough: Callable[[], bool]
) -> dict[str, list]:
    """READERS threads read a url from the tested server, then the same from the control,
    for at least READ_SECONDS and until ``enough()`` (at most READ_MAX_S);
    {"tested": [(status, latency)...], "control": [...]}."""
    results: dict[str, list] = {"tested": [], "control": []}
    lock = threading.Lock()
    stop = threading.Event()

    def one(url: str) -> tuple[int, float]:
        started = time.monotonic()
        try:
            status = call(url, timeout=READ_LIMIT_S + 10)[0]
        except OSError:
            status = 0  # refused or timed out: not answered
        return status, time.monotonic() - started

    def reader(n: int) -> None:
        while not stop.is_set():
            pair = one(tested[n % len(tested)]), one(control[n % len(control)])
            with lock:
                results["tested"].append(pair[0])
                results["control"].append(pair[1])
            n += 1

    threads = [threading.Thread(target=reader, args=(i,)) for i in range(READERS)]
    for t in threads:
        t.start()
    started = time.monotonic()
    while not stop.wait(0.5):
        elapsed = time.monotonic() - started
        if elapsed >= READ_MAX_S or (elapsed >= READ_SECONDS and enough()):
            stop.set()
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


def cpu_seconds(server: Gunicorn) -> dict[str, float]:
    """CPU time (user + system) so far of the server's processes, split into
    "workers" (the generation workers: `python -m web.worker` and the processes it
    forks) and "web" (the gunicorn master and web processes)."""
    spent = {"workers": 0.0, "web": 0.0}
    for proc in processes().values():
        if proc.session == server.proc.pid:
            spent["workers" if b"web.worker" in proc.cmdline else "web"] += proc.cpu
    return spent


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
        before = [cpu_seconds(s) for s in servers]
        reads = paired_reads(
            urls[tested.url],
            urls[control.url],
            lambda: cpu_seconds(tested)["workers"] - before[0]["workers"] >= GENERATION_CPU_S,
        )
        after = [cpu_seconds(s) for s in servers]
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
    spent = [{k: a[k] - b[k] for k in a} for a, b in zip(after, before, strict=True)]
    tested_cpu, control_cpu = spent
    assert tested_cpu["workers"] >= GENERATION_CPU_S, spent  # the workers generated
    extra = tested_cpu["web"] - control_cpu["web"]  # the same reads, plus the feeder's polls
    assert extra < WEB_EXTRA_FACTOR * tested_cpu["workers"], (
        f"the web processes spent {extra:.2f} s of CPU more than the control's while the "
        f"workers spent {tested_cpu['workers']:.2f} s: generation runs in the web processes"
    )
