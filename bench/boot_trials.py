"""Fresh-database starts: gunicorn with several workers on an empty PostgreSQL schema.

    .venv/bin/python bench/boot_trials.py --database postgresql://... [--trials 10] [--write]

Starts gunicorn as the Procfile does (gunicorn.conf.py, the embedded generation
workers) on a new empty schema --trials times for each worker count (2 and 4), and
counts the starts that failed: a worker that did not boot, or no answer from
/api/health (target 0 in 10 with 4 workers).  Every worker and the generation
workers run the migrations on first use, so they race for the migration lock.
Prints the seconds each start took to boot, with the machine's load.  The test
suite (tests/deploy/test_postgres_workers.py) runs fewer starts as a guard; this
is where the issue's count is measured.  --write appends to bench/RESULTS-load.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT / "tests" / "deploy"), str(ROOT)]

from deploy_helpers import Gunicorn, call, fresh_schema, with_schema  # noqa: E402

RESULTS = HERE / "RESULTS-load.md"


def one_start(url: str, workers: int, tmp: Path) -> tuple[bool, float]:
    """(booted and answered, seconds to boot) for one start on a fresh schema."""
    with fresh_schema(url) as schema:
        started = time.monotonic()
        server = Gunicorn(tmp, workers, CROSSWORD_DATABASE=with_schema(url, schema))
        try:
            booted = server.booted()
            seconds = time.monotonic() - started
            ok = booted and call(server.url + "/api/health")[0] == 200
        finally:
            server.stop()
    return ok, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", required=True, help="a PostgreSQL URL (schemas are made)")
    parser.add_argument("--trials", type=int, default=10)
    parser.add_argument("--workers", type=int, nargs="+", default=[2, 4])
    parser.add_argument("--write", action="store_true", help=f"append to {RESULTS.name}")
    args = parser.parse_args()
    lines = [
        f"### Fresh-database starts, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"load before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}",
        "",
        "| workers | starts | failed | boot s (median / max) |",
        "| --- | --- | --- | --- |",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        for workers in args.workers:
            results = [one_start(args.database, workers, Path(tmp)) for _ in range(args.trials)]
            failed = sum(1 for ok, _ in results if not ok)
            seconds = [s for _, s in results]
            lines.append(
                f"| {workers} | {args.trials} | {failed} | "
                f"{statistics.median(seconds):.1f} / {max(seconds):.1f} |"
            )
            print(lines[-1], flush=True)
    lines += ["", f"load after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}", ""]
    print("\n".join(lines))
    if args.write:
        with RESULTS.open("a", encoding="utf-8") as out:
            out.write("\n" + "\n".join(lines))


if __name__ == "__main__":
    main()
