"""The generation worker: `crossword worker` (the Procfile's `worker:` process), or
started beside the web server by `crossword serve` and gunicorn.conf.py (embedded).

    python -m web.worker [--app 'web:create_app()'] [--workers N] [--parent-pid PID]

Huey's consumer runs ``JOB_WORKERS`` worker processes (it restarts one that
dies); each builds its own app after the fork (its own database connections),
lowers its CPU priority by ``WORKER_NICE`` so the web's reads come first, runs
jobs one at a time (web/tasks.py) and looks for expired leases.  With
``--parent-pid`` (embedded) the worker stops when that process is gone, so a
killed web server leaves no worker behind.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Mapping
from typing import Any

from flask import Flask
from gunicorn.util import import_app
from huey.consumer import Consumer, ConsumerStopped

from .tasks import POLL_DELAYS, Queue, Reaper, run_job

log = logging.getLogger(__name__)

DEFAULT_APP = "web:create_app()"
# Huey looks for dead worker processes (and starts new ones) this often; its default of
# 10 s left a killed worker's share of the jobs waiting that long (a look is a waitpid)
HEALTH_CHECK_EVERY = 1.0


class WorkerConsumer(Consumer):
    """Huey's process consumer; stops when the embedding web server has gone."""

    def __init__(self, *args: Any, parent_pid: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.parent_pid = parent_pid

    def loop(self, health_check_ts: float | None = None) -> float | None:
        if self.parent_pid is not None and os.getppid() != self.parent_pid:
            log.info("the web server (pid %s) has gone; stopping the workers", self.parent_pid)
            self.stop(graceful=False)
            raise ConsumerStopped
        return super().loop(health_check_ts)


def run(
    spec: str = DEFAULT_APP, *, workers: int | None = None, parent_pid: int | None = None
) -> int:
    """Run the consumer until a signal (or the parent's exit) stops it."""

    def factory() -> Flask:
        return import_app(spec)  # type: ignore[no-any-return]

    app = factory()
    config = app.config
    if str(config["QUEUE"]).strip().lower() == "memory":
        log.error("QUEUE is 'memory': the web process runs its own worker threads")
        return 2
    queue: Queue = app.extensions["crossword.queue"]
    _close_database(app)  # the worker processes open their own after the fork
    _warm_up()  # here, once: the forked worker processes start with the lexicon loaded
    queue.huey.on_startup()(_worker_startup(queue, factory, int(config["WORKER_NICE"] or 0)))
    consumer = WorkerConsumer(
        queue.huey,
        workers=int(workers or config["JOB_WORKERS"]),
        worker_type="process",
        periodic=False,
        health_check_interval=HEALTH_CHECK_EVERY,
        parent_pid=parent_pid,
        **POLL_DELAYS,
    )
    consumer.run()
    return 0


def _worker_startup(queue: Queue, factory: Callable[[], Flask], nice: int) -> Callable[[], None]:
    def startup() -> None:  # in each worker process, after the fork
        if nice > 0:
            os.nice(nice)
        app = factory()
        from .generation import work_for

        records = app.extensions["crossword.job_records"]
        store = app.extensions["crossword.store"]
        queue.use_database(store.db)  # one pool per process, the queue's calls included
        build = work_for(app)
        _warm_up()  # quick when forked from the warmed consumer; not when spawned
        queue.runner = lambda job_id: run_job(records, store, job_id, build)
        Reaper(records, queue).start()

    return startup


def _warm_up() -> None:
    """Load the offline lexicon now, not during the first maker's wait.

    A whole offline puzzle touches every table the provider reads; its layout gets no
    search budget (one construction): the search has nothing to load, and its restarts
    cost each process a tenth of a CPU-second at every start."""
    from crossword import Request, generate, offline_provider

    try:
        words = ["otter", "heron", "trout"]
        generate(Request(words=words, seed=0, layout_budget=0), offline_provider())
    except Exception:  # a warm-up only: the first job will say what is wrong
        log.warning("warming up the offline provider failed", exc_info=True)


def _close_database(app: Flask) -> None:
    with contextlib.suppress(Exception):
        app.extensions["crossword.store"].db.close()


# -- embedded: started and stopped by the web command ---------------------------------
def embedded_wanted(config: Mapping[str, Any]) -> bool:
    queue = str(config.get("QUEUE") or "database").strip().lower()
    return queue != "memory" and _truthy(config.get("EMBEDDED_WORKER", True))


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() not in ("0", "false", "no", "off", "")
    return bool(value)


def start_embedded(
    spec: str = DEFAULT_APP, env: Mapping[str, str] | None = None
) -> subprocess.Popen:
    """Start `python -m web.worker` for this (parent) process; its output goes to ours."""
    command = [sys.executable, "-m", "web.worker", "--app", spec, "--parent-pid", str(os.getpid())]
    return subprocess.Popen(command, env=dict(env) if env is not None else None)


class Supervised:
    """The embedded workers, started again when their process dies (kill -9, an
    out-of-memory kill): Huey's consumer restarts its worker processes, but nothing
    restarted the consumer itself, so generation stopped (jobs waited as "queued")
    until the web server was restarted.  A daemon thread of the web server's master
    looks every ``every`` seconds; gunicorn's master may reap the dead process first,
    which `poll` also reports."""

    def __init__(self, start: Callable[[], subprocess.Popen], every: float = 2.0) -> None:
        self._start = start
        self.every = every
        self.proc = start()
        self.restarts = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="embedded-workers", daemon=True)
        self._thread.start()

    @property
    def pid(self) -> int:
        return self.proc.pid

    def _loop(self) -> None:
        while not self._stop.wait(self.every):
            if self.proc.poll() is None:
                continue
            log.warning("the generation workers (pid %s) stopped; starting them again", self.pid)
            try:
                self.proc = self._start()
                self.restarts += 1
            except OSError:  # look again next time
                log.warning("could not start the generation workers", exc_info=True)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=self.every + 5)
        stop_embedded(self.proc)


def stop_embedded(proc: subprocess.Popen | None, timeout: float = 10.0) -> None:
    """SIGINT: Huey's graceful stop (running jobs finish), then SIGTERM, then SIGKILL."""
    if proc is None or proc.poll() is not None:
        return
    for sig, wait in ((signal.SIGINT, timeout), (signal.SIGTERM, 3.0)):
        with contextlib.suppress(ProcessLookupError):
            proc.send_signal(sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(wait)
            return
    proc.kill()
    proc.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="crossword worker", description=__doc__.split("\n")[0])
    parser.add_argument("--app", default=DEFAULT_APP, help="the app factory, as for gunicorn")
    parser.add_argument("--workers", type=int, default=None, help="default: JOB_WORKERS")
    parser.add_argument("--parent-pid", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s [worker %(process)d] %(message)s")
    return run(args.app, workers=args.workers, parent_pid=args.parent_pid)


if __name__ == "__main__":
    sys.exit(main())
