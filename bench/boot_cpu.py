"""CPU seconds one server start costs, per process: gunicorn as the Procfile starts it.

    .venv/bin/python bench/boot_cpu.py [--trials 5] [--web 2] [--settle 8]

Starts gunicorn (gunicorn.conf.py, the embedded generation workers) on a new SQLite
file --trials times, waits --settle seconds (every process has booted and gone
idle), then reads each process's user + system CPU from /proc: the master, the web
processes, the generation workers' parent and the workers it forks.  Prints the
median of each kind and the total, with the machine's load.  CPU, not wall time, so
a busy machine changes little.  (The tests that start servers pay this per start.)
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT / "tests" / "hardening"), str(ROOT)]

from hardening_helpers import Gunicorn, processes  # noqa: E402


def cpu_by_kind(master: int) -> dict[str, float]:
    """The server's CPU so far: master, web processes, workers' parent, workers."""
    table = processes()
    spent = {"master": table[master].cpu, "web": 0.0, "workers' parent": 0.0, "workers": 0.0}
    for pid, proc in table.items():
        if proc.parent != master:
            continue
        if b"web.worker" in proc.cmdline:
            spent["workers' parent"] += proc.cpu
            spent["workers"] += sum(p.cpu for p in table.values() if p.parent == pid)
        else:
            spent["web"] += proc.cpu
    return spent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trials", type=int, default=5)
    parser.add_argument("--web", type=int, default=2, help="web processes (WEB_CONCURRENCY)")
    parser.add_argument("--settle", type=float, default=8.0, help="seconds after the start")
    args = parser.parse_args()
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(args.trials):
            server = Gunicorn(
                Path(tmp, f"boot{n}.sqlite3"), Path(tmp, "gunicorn.log"), app="web:create_app()",
                WEB_CONCURRENCY=str(args.web),
            )  # fmt: skip
            try:
                time.sleep(args.settle)
                runs.append(cpu_by_kind(server.proc.pid))
            finally:
                server.kill()
    print(f"{args.trials} starts, {args.web} web processes, load {os.getloadavg()[0]:.1f}")
    for kind in runs[0]:
        print(f"  {kind:16} {statistics.median(r[kind] for r in runs):5.2f} s")
    print(f"  {'total':16} {statistics.median(sum(r.values()) for r in runs):5.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
