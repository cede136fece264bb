"""kill -9 of generation workers mid-job: are their jobs settled within 60 s, is any puzzle lost?

    .venv/bin/python bench/kill_workers.py [--jobs 16] [--job-workers 2] [--database URL] [--write]

Starts gunicorn as the Procfile does (gunicorn.conf.py, the embedded generation
workers, the default 30 s lease) with tests/hardening/slow_app.py, whose hints for
the topic "slow" take --slow seconds; submits --jobs slow puzzles at once; once the
workers are generating, kills every process that holds a running job (kill -9, as
a crash or an out-of-memory kill would), and then watches every job:

- the killed jobs: seconds until each left its killed attempt (queued again, or
  failed), and how many were still "running" in that attempt 60 s after the kill
  (target 0);
- all jobs, once they end: done / failed, and lost puzzles (a done job whose
  puzzle cannot be read; target 0) and puzzles stored twice.

SQLite by default (a fresh file); --database takes a PostgreSQL URL, where the run
gets a fresh schema, dropped afterwards.  --write appends to bench/RESULTS-load.md.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]

from load_test import RESULTS, Gunicorn, request  # noqa: E402

from crossword.db import Database  # noqa: E402

TARGET_S = 60.0


@contextlib.contextmanager
def fresh_database(url: str | None, workdir: Path) -> Iterator[str]:
    """A new SQLite file, or a new schema in the PostgreSQL database at ``url``."""
    if not url:
        yield str(workdir / "kill.sqlite3")
        return
    import psycopg

    schema = f"bench_kill_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def job(port: int, job_id: str) -> dict:
    return request("GET", port, f"/api/jobs/{job_id}")[1]["job"]


def kill_running(db: Database) -> dict[str, int]:
    """kill -9 every process holding a running job; {job id: its attempt then}."""
    rows = db.query("SELECT id, worker, attempts FROM generation_jobs WHERE status = 'running'")
    for pid in {int(r["worker"].rsplit(":", 1)[1]) for r in rows}:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    return {r["id"]: int(r["attempts"]) for r in rows}


def watch(port: int, killed: dict[str, int], killed_at: float) -> dict:
    """Seconds until each killed job left its attempt; how many had not after 60 s."""
    left: dict[str, float] = {}
    while time.monotonic() - killed_at < TARGET_S:
        for job_id, attempt in killed.items():
            if job_id in left:
                continue
            now = job(port, job_id)
            if now["status"] != "running" or now["attempts"] > attempt:
                left[job_id] = time.monotonic() - killed_at
        if len(left) == len(killed):
            break
        time.sleep(0.5)
    return {"settled_s": sorted(left.values()), "orphaned": len(killed) - len(left)}


def run(args: argparse.Namespace, workdir: Path, database: str) -> dict:
    env = {
        "CROSSWORD_DATABASE": database, "CROSSWORD_RATE_LIMIT_PER_MINUTE": "0",
        "CROSSWORD_JOB_QUEUE_LIMIT": str(args.jobs + 1), "SLOW_SECONDS": str(args.slow),
        "CROSSWORD_JOB_WORKERS": str(args.job_workers),
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests" / "hardening")]),
    }  # fmt: skip
    server = Gunicorn(workdir, env=env, app="slow_app:create()")
    db = Database(database, pool_size=1)
    try:
        ids = []
        for _ in range(args.jobs):
            status, body, _ = request("POST", server.port, "/api/puzzles", {"topic": "slow", "async": True})  # fmt: skip
            assert status == 202, (status, body)
            ids.append(body["job"]["id"])
        deadline = time.monotonic() + 60
        while not any(job(server.port, i)["stage"] == "hints" for i in ids):
            assert time.monotonic() < deadline, "no job started generating within 60 s"
            time.sleep(0.2)
        killed = kill_running(db)
        killed_at = time.monotonic()
        result = {"jobs": args.jobs, "killed": len(killed), **watch(server.port, killed, killed_at)}
        ends = time.monotonic() + args.deadline
        while (finals := [job(server.port, i) for i in ids]) and any(
            j["status"] in ("queued", "running") for j in finals
        ):
            assert time.monotonic() < ends, Counter(j["status"] for j in finals)
            time.sleep(1)
        done = [j for j in finals if j["status"] == "done"]
        readable = [request("GET", server.port, f"/api/puzzles/{j['puzzle_id']}")[0] for j in done]
        stored = db.query_one("SELECT COUNT(*) AS n FROM puzzles")["n"]
        result.update(
            outcomes=dict(Counter(j["status"] for j in finals)),
            attempts=dict(Counter(j["attempts"] for j in finals)),
            lost=sum(status != 200 for status in readable),
            extra_stored=int(stored) - len(done),
            total_s=time.monotonic() - killed_at,
        )
        return result
    finally:
        db.close()
        server.stop()


def report(result: dict, args: argparse.Namespace, dialect: str, load: str) -> str:
    settled = result["settled_s"]
    spread = f"{settled[0]:.1f} / {settled[-1]:.1f} s" if settled else "-"
    return f"""
## kill -9 of generation workers, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC ({dialect})

`python bench/kill_workers.py --jobs {args.jobs} --slow {args.slow} --job-workers {args.job_workers}{" --database <postgresql>" if args.database else ""}`
(gunicorn as the Procfile starts it, {args.job_workers} embedded generation workers, default lease 30 s;
every process holding a running job killed with SIGKILL; machine load average before the
run (1/5/15 min): {load})

| | |
|---|---|
| jobs submitted at once / running (and killed) | {result["jobs"]} / {result["killed"]} |
| killed jobs queued again or failed: first / last after the kill | {spread} |
| **killed jobs still "running" {TARGET_S:.0f} s after the kill** (target 0) | **{result["orphaned"]}** |
| outcomes once all ended ({result["total_s"]:.0f} s after the kill) | {", ".join(f"{k}: {v}" for k, v in sorted(result["outcomes"].items()))} |
| runs per job (attempts: jobs) | {", ".join(f"{k}: {v}" for k, v in sorted(result["attempts"].items()))} |
| **lost puzzles** (done, unreadable) / stored without their job | **{result["lost"]}** / {result["extra_stored"]} |
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jobs", type=int, default=16)
    parser.add_argument("--slow", type=float, default=10.0, help="seconds per slow puzzle")
    parser.add_argument("--job-workers", type=int, default=2, help="CROSSWORD_JOB_WORKERS")
    parser.add_argument("--database", default=None, help="a PostgreSQL URL (default SQLite)")
    parser.add_argument("--deadline", type=float, default=400.0, help="for all jobs to end")
    parser.add_argument("--write", action="store_true", help=f"append to {RESULTS.name}")
    args = parser.parse_args(argv)
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    with tempfile.TemporaryDirectory() as tmp, fresh_database(args.database, Path(tmp)) as url:
        result = run(args, Path(tmp), url)
    text = report(result, args, "PostgreSQL" if args.database else "SQLite", load)
    print(text)
    if args.write:
        with RESULTS.open("a", encoding="utf-8") as f:
            f.write(text)
    return 0 if result["orphaned"] == 0 and result["lost"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
