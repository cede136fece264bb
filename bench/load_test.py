"""Load test against gunicorn on 127.0.0.1: reads with and without generation traffic.

    .venv/bin/python bench/load_test.py [--requests 1100] [--concurrency 220] [--write]

Starts gunicorn as the Procfile does (gunicorn.conf.py: 2 web processes x 16 threads,
and the embedded generation workers) over a fresh SQLite file with the offline
provider, then, in one run against the same server:
  0. reads only: --requests GET /api/puzzles/<id> from --concurrency threads at once;
  1. mixed: the same, but 20% are POST /api/puzzles offline generations (the rate
     limit is off: every client is 127.0.0.1); expected answers are 200/201/202 and
     503 (a full queue, intended) only; every 201/202 id is then read back and
     compared (no lost or corrupted puzzle).  The **ratio** of the read medians
     (mixed / reads only) is the headline (target <= 3);
  2. rps: GET /api/puzzles/<id> vs GET /api/health for --seconds each, same threads;
  3. latency: sequential offline POSTs of a 15-word theme puzzle; the median.
Bounded in count and time (--deadline), loopback only; stops gunicorn itself.
--write appends the results to bench/RESULTS-load.md.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "RESULTS-load.md"
HOST = "127.0.0.1"
WORDS = [
    "otter",
    "beaver",
    "heron",
    "salmon",
    "trout",
    "reed",
    "swan",
    "newt",
    "frog",
    "pike",
    "carp",
    "eel",
    "moss",
    "fern",
]


class Gunicorn:
    """gunicorn 'web:create_app()' on a free loopback port, in its own process group."""

    def __init__(self, workdir: Path, *, env=None, app="web:create_app()"):
        with socket.socket() as s:
            s.bind((HOST, 0))
            self.port = s.getsockname()[1]
        base = {k: v for k, v in os.environ.items()
                if not k.startswith(("CROSSWORD_", "OPENAI_", "GEMINI_", "DATABASE_URL"))}  # fmt: skip
        base.update({"CROSSWORD_DATABASE": str(workdir / "load.sqlite3"), "PYTHONPATH": str(ROOT)})
        base.update(env or {})
        self.log = (workdir / "gunicorn.log").open("ab")
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.proc = subprocess.Popen(
            [str(gunicorn), "-c", str(ROOT / "gunicorn.conf.py"), "-b", f"{HOST}:{self.port}",
             "--graceful-timeout", "5", "--backlog", "2048", "--access-logfile", "/dev/null",
             app],
            cwd=ROOT, env=base, stdout=self.log, stderr=self.log, start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if request("GET", self.port, "/api/health")[0] == 200:
                    return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("gunicorn did not start; see " + str(workdir / "gunicorn.log"))

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.log.close()


_local = threading.local()


def request(method, port, path, body=None, timeout=60.0):
    """(status, parsed JSON or None, seconds) over a per-thread keep-alive connection."""
    conn = getattr(_local, "conn", None)
    idle = time.monotonic() - getattr(_local, "used", 0.0)
    if conn is not None and (idle > 1.0 or getattr(_local, "port", None) != port):
        conn.close()  # gunicorn closes idle keep-alive connections after 5 s (keepalive)
        conn = None
    if conn is None:
        conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
        _local.conn, _local.port = conn, port
    _local.used = time.monotonic()
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Content-Type": "application/json"} if data is not None else {}
    started = time.perf_counter()
    try:
        conn.request(method, path, body=data, headers=headers)
        response = conn.getresponse()
        raw = response.read()
    except (OSError, http.client.HTTPException):
        conn.close()
        _local.conn = None
        raise
    elapsed = time.perf_counter() - started
    if response.getheader("Connection", "").lower() == "close":
        conn.close()
        _local.conn = None
    try:
        parsed = json.loads(raw) if raw else None
    except ValueError:
        parsed = None
    return response.status, parsed, elapsed


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else 0.0


def wait_job(port, job, deadline):
    while job["status"] not in ("done", "failed") and time.monotonic() < deadline:
        time.sleep(0.2)
        status, body, _ = request("GET", port, f"/api/jobs/{job['id']}")
        if status == 200:
            job = body["job"]
    return job


def mixed(port, n, concurrency, seed_ids, deadline, theme, share=0.2):
    rng = random.Random(7)
    plan = ["post" if rng.random() < share else "get" for _ in range(n)]
    statuses: Counter = Counter()
    reads: list[float] = []
    created: dict[str, dict] = {}
    jobs: list[dict] = []
    errors: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(min(concurrency, n))

    def one(i_kind):
        i, kind = i_kind
        if i < concurrency:
            with contextlib.suppress(threading.BrokenBarrierError):
                start.wait(timeout=30)  # the first wave starts at the same moment
        if time.monotonic() > deadline:
            return
        try:
            if kind == "post":
                body = (
                    {"topic": theme, "count": 15, "seed": i}
                    if i % 2
                    else {"words": rng.sample(WORDS, 8), "seed": i}
                )
                status, data, _ = request("POST", port, "/api/puzzles", body)
            else:
                status, data, took = request("GET", port, f"/api/puzzles/{rng.choice(seed_ids)}")
                with lock:
                    reads.append(took)
        except Exception as exc:  # noqa: BLE001 - a transport error is a failure to report
            with lock:
                statuses["transport-error"] += 1
                errors.append(f"{kind}: {type(exc).__name__}: {exc}")
            return
        with lock:
            statuses[status] += 1
            if status == 201:
                created[data["id"]] = data["puzzle"]
            elif status == 202:
                jobs.append(data["job"])
            elif status not in (200, 429, 503):
                errors.append(f"{kind} -> {status}: {json.dumps(data)[:200]}")

    began = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(one, enumerate(plan)))
    wall = time.perf_counter() - began
    for job in jobs:
        job = wait_job(port, job, deadline)
        if job.get("status") == "done":
            created[job["puzzle_id"]] = None
        else:
            errors.append(f"job {job['id']} ended {job.get('status')}: {job.get('error')}")
    lost = []
    for puzzle_id, puzzle in created.items():
        status, body, _ = request("GET", port, f"/api/puzzles/{puzzle_id}")
        if status != 200 or (puzzle is not None and body["puzzle"] != puzzle):
            lost.append(puzzle_id)
    return {
        "requests": sum(statuses.values()), "statuses": dict(statuses), "wall_s": wall,
        "reads": len(reads),
        "created": len(created), "async_jobs": len(jobs), "lost_or_corrupted": len(lost),
        "errors": errors[:10], "error_count": len(errors),
        "read_p50_ms": pct(reads, 50) * 1000, "read_p99_ms": pct(reads, 99) * 1000,
        "read_max_ms": max(reads, default=0) * 1000,
    }  # fmt: skip


def rps(port, path, seconds, threads):
    counts = [0] * threads
    bad = [0] * threads
    stop = time.monotonic() + seconds

    def run(k):
        while time.monotonic() < stop:
            status, _, _ = request("GET", port, path)
            counts[k] += 1
            bad[k] += status != 200

    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(run, range(threads)))
    return sum(counts) / seconds, sum(bad)


def seed(port, deadline):
    """Five stored puzzles to read (waiting for the generation workers to start)."""
    ids = []
    for i in range(5):
        status, body, _ = request(
            "POST", port, "/api/puzzles", {"words": WORDS[:8], "seed": 100 + i}
        )
        if status == 202:
            job = wait_job(port, body["job"], deadline)
            assert job["status"] == "done", job
            ids.append(job["puzzle_id"])
        else:
            assert status == 201, body
            ids.append(body["id"])
    return ids


def offline_posts(port, theme, runs):
    request("POST", port, "/api/puzzles", {"topic": theme, "count": 15, "seed": 0})  # warm-up
    times, statuses = [], Counter()
    for i in range(runs):
        status, _, took = request(
            "POST", port, "/api/puzzles", {"topic": theme, "count": 15, "seed": 1 + i}
        )
        statuses[status] += 1
        times.append(took)
    return {"theme": theme, "runs": len(times), "statuses": dict(statuses),
            "median_ms": statistics.median(times) * 1000, "p90_ms": pct(times, 90) * 1000}  # fmt: skip


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=1100, help="per phase")
    parser.add_argument("--concurrency", type=int, default=220)
    parser.add_argument("--share", type=float, default=0.2, help="of generation requests")
    parser.add_argument("--queue-limit", type=int, default=16, help="CROSSWORD_JOB_QUEUE_LIMIT")
    parser.add_argument("--seconds", type=float, default=5.0, help="per RPS measurement")
    parser.add_argument("--rps-threads", type=int, default=8)
    parser.add_argument("--latency-runs", type=int, default=20)
    parser.add_argument("--deadline", type=float, default=400.0, help="stop everything after")
    parser.add_argument("--write", action="store_true", help=f"append to {RESULTS.name}")
    args = parser.parse_args(argv)
    deadline = time.monotonic() + args.deadline
    workdir = Path(tempfile.mkdtemp(prefix="crossword-load-"))
    server = Gunicorn(
        workdir,
        env={
            "CROSSWORD_RATE_LIMIT_PER_MINUTE": "0",
            "CROSSWORD_JOB_QUEUE_LIMIT": str(args.queue_limit),
        },
    )
    port = server.port
    load = os.getloadavg()
    try:
        themes = request("GET", port, "/api/themes")[1]["themes"]
        theme = themes[0]["name"] if themes else "space"
        ids = seed(port, deadline)
        n, c = args.requests, args.concurrency
        result = {"load_before": load, "reads_only": mixed(port, n, c, ids, deadline, theme, 0.0)}
        result["mixed"] = mixed(port, n, c, ids, deadline, theme, args.share)
        result["ratio_p50"] = result["mixed"]["read_p50_ms"] / result["reads_only"]["read_p50_ms"]
        result["load_after"] = os.getloadavg()
        puzzle_rps, puzzle_bad = rps(port, f"/api/puzzles/{ids[0]}", args.seconds, args.rps_threads)
        health_rps, health_bad = rps(port, "/api/health", args.seconds, args.rps_threads)
        result["rps"] = {"puzzle": puzzle_rps, "health": health_rps, "ratio": puzzle_rps / health_rps,
                         "non_200": puzzle_bad + health_bad}  # fmt: skip
        result["offline_post"] = offline_posts(port, theme, args.latency_runs)
    finally:
        server.stop()
        log = (workdir / "gunicorn.log").read_text(errors="replace")
        shutil.rmtree(workdir, ignore_errors=True)
    if "Traceback" in log:
        first = log.index("Traceback")
        print(
            f"server log: {log.count('Traceback')} tracebacks; the first:\n"
            + log[first : first + 3000]
        )
    print(json.dumps(result, indent=2))
    if args.write:
        write(result, args)
    m = result["mixed"]
    ok = m["error_count"] == 0 and m["lost_or_corrupted"] == 0
    return 0 if ok else 1


def write(result, args):
    m, r, o, a = result["mixed"], result["rps"], result["offline_post"], result["reads_only"]
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    load = " / ".join(f"{x:.1f}" for x in result["load_before"])
    text = f"""
## Load test, {when}

`python bench/load_test.py --requests {args.requests} --concurrency {args.concurrency} --queue-limit {args.queue_limit}`
(gunicorn as the Procfile starts it: 2 web processes x 16 threads and 2 embedded
generation workers, on 127.0.0.1, SQLite WAL, offline provider; the client runs on the
same 2 cores; machine load average before the run (1/5/15 min): {load})

| Reads with and without generation, same server, {args.concurrency} clients at once | reads | read p50 / p99 |
|---|---|---|
| reads only (GET /api/puzzles/&lt;id&gt;) | {a["reads"]} | {a["read_p50_ms"]:.0f} / {a["read_p99_ms"]:.0f} ms |
| with {args.share:.0%} POST /api/puzzles generations | {m["reads"]} | {m["read_p50_ms"]:.0f} / {m["read_p99_ms"]:.0f} ms |
| **ratio of the medians** (target <= 3) | | **{result["ratio_p50"]:.2f}** |

| Mixed load | |
|---|---|
| requests ({args.share:.0%} offline POST, the rest GET puzzle), all started by {args.concurrency} threads at once | {m["requests"]} in {m["wall_s"]:.1f} s |
| answers (503: the generation queue is full, intended) | {", ".join(f"{k}: {v}" for k, v in sorted(m["statuses"].items(), key=str))} |
| errors other than intended 503 | **{m["error_count"]}** |
| puzzles created (201 + finished 202 jobs), all read back and compared | {m["created"]} ({m["async_jobs"]} via 202) |
| lost or corrupted puzzles | **{m["lost_or_corrupted"]}** |
| GET /api/puzzles/&lt;id&gt; latency under load: p50 / **p99** / max | {m["read_p50_ms"]:.0f} / **{m["read_p99_ms"]:.0f}** / {m["read_max_ms"]:.0f} ms |

| Throughput ({args.rps_threads} client threads, {args.seconds:.0f} s each, same settings) | req/s |
|---|---|
| GET /api/health (trivial route) | {r["health"]:.0f} |
| GET /api/puzzles/&lt;id&gt; | {r["puzzle"]:.0f} |
| **ratio** (target >= 50%) | **{r["ratio"]:.0%}** |

| Offline POST /api/puzzles, 15-word theme puzzle (`{o["theme"]}`), sequential | |
|---|---|
| runs | {o["runs"]} ({", ".join(f"{k}: {v}" for k, v in o["statuses"].items())}) |
| **median** (target <= 300 ms) / p90 | **{o["median_ms"]:.0f} ms** / {o["p90_ms"]:.0f} ms |
"""
    with RESULTS.open("a", encoding="utf-8") as f:
        if f.tell() == 0:
            f.write(
                "# Load, throughput and fuzz results\n\nWritten by bench/load_test.py and bench/fuzz_api.py (`--write`).\n"
            )
        f.write(text)


if __name__ == "__main__":
    sys.exit(main())
