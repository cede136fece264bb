"""The queue between the web and the generation workers (Huey), and what a worker does.

Why Huey: one small, well-kept library whose storage follows the database we
already have - `SqliteHuey` (a file beside the SQLite database: no server at
all, the embedded default) and PostgreSQL (the one ``DATABASE_URL`` names, on
the process's connection pool: `PooledPostgresStorage`; workers on other
machines need nothing else) - with a
consumer that runs N worker *processes* and restarts one that dies.  ``QUEUE =
"memory"`` keeps queue and worker threads inside the web process (tests).

The queue carries only a job id; what to make lives in the job row
(web/jobs.py), so a job can be queued again after its worker died, and keys
never travel through the queue.  A worker process:

1. claims the job (status running, its attempt number),
2. renews the lease from a `Heartbeat` thread, which also saves the progress,
3. generates, then stores the puzzle and the job outcome in one transaction
   (retried through a short database outage), or records the failure,
4. runs a `Reaper` thread that queues once more, or fails, jobs whose worker
   stopped beating.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from huey import Huey, MemoryHuey, SqliteHuey
from huey.consumer import Consumer
from huey.storage import PostgresStorage

from crossword import CrosswordError, Database, DatabaseError

from .errors import crossword_error_body, error_body
from .jobs import JobRecords, LeaseLost

log = logging.getLogger(__name__)

QUEUE_NAME = "crossword"
PROGRESS_EVERY = 0.5  # seconds between progress writes while something changed
REAP_EVERY = 5.0  # seconds between two looks for expired leases
POLL_DELAYS = {"initial_delay": 0.05, "backoff": 1.2, "max_delay": 0.25}  # an idle worker polls

# run(app-side work builder) -> Puzzle; see web/generation.py work_for()
RunJob = Callable[[str], None]


def make_huey(kind: str, db: Database) -> Huey:
    """The Huey instance for QUEUE ("database" or "memory") over this database."""
    kind = (kind or "database").strip().lower()
    if kind == "memory":
        return MemoryHuey(QUEUE_NAME, results=False)
    if kind != "database":
        raise ValueError(f"QUEUE must be 'database' or 'memory', not {kind!r}")
    if db.dialect == "postgres":
        return PooledPostgresHuey(QUEUE_NAME, database=db, results=False)
    return SqliteHuey(QUEUE_NAME, filename=queue_path(db.url), results=False)


class PooledPostgresStorage(PostgresStorage):
    """Huey's PostgreSQL storage on this process's one pool (crossword.db).

    - Its tables come from crossword.migrations (step 0007, under the advisory
      lock): Huey's own CREATEs, run by every process at start, raced between
      workers booting together on a fresh database (UniqueViolation on pg_type).
    - Every operation borrows a pooled connection and gives it back, so a
      process holds at most DATABASE_POOL_SIZE connections, queue included
      (Huey alone kept one of its own, plus one per LISTENing thread).
    - No LISTEN: workers poll (POLL_DELAYS, at most a quarter second apart).
    - A forked process (Huey's scheduler) opens a one-connection pool of its
      own on first use; a worker process `bind`s its app's database.
    """

    def __init__(self, name: str, database: Database, **kwargs: Any) -> None:
        super().__init__(name, dsn=database.url, blocking=False, create_tables=False, **kwargs)
        self._bind_lock = threading.Lock()
        self._owned = False
        self.bind(database)

    def bind(self, database: Database | None, owned: bool = False) -> None:
        self._database, self._owned, self._pid = database, owned, os.getpid()

    def _current(self) -> Database:
        with self._bind_lock:
            if self._database is None or self._pid != os.getpid():
                self.bind(Database(self.dsn, pool_size=1), owned=True)
            assert self._database is not None
            return self._database

    @contextlib.contextmanager
    def db(self, commit: bool = False, close: bool = False) -> Iterator[Any]:
        from psycopg.rows import tuple_row  # Huey reads rows as tuples; the pool's are dicts

        with self._current().borrow() as conn, conn.cursor(row_factory=tuple_row) as curs:
            if commit:
                with conn.transaction():
                    yield curs
            else:
                yield curs

    def close(self) -> bool:
        """Let go of the pool (Huey calls this before forking); close it if it is ours."""
        with self._bind_lock:
            database, owned = self._database, self._owned
            self.bind(None)
        if owned and database is not None:
            database.close()
        return database is not None


class PooledPostgresHuey(Huey):
    storage_class = PooledPostgresStorage


def queue_path(database_url: str) -> str:
    """instance/crossword.sqlite3 -> instance/crossword-queue.sqlite3 (its own file:
    queue polls and the puzzle writes never wait for each other's lock)."""
    path = Path(database_url.removeprefix("sqlite:///").removeprefix("sqlite://"))
    return str(path.with_name(f"{path.stem}-queue.sqlite3"))


class Queue:
    """`enqueue(job_id)` where jobs are made; `runner` set where they are run."""

    def __init__(self, huey: Huey) -> None:
        self.huey = huey
        self.runner: RunJob | None = None
        self._task = huey.task(name="generate")(self._run)
        self._consumer: Consumer | None = None
        self._lock = threading.Lock()

    def enqueue(self, job_id: str) -> None:
        self._task(job_id)

    def use_database(self, db: Database) -> None:
        """A forked worker process: reach the queue through its own app's pool."""
        if isinstance(self.huey.storage, PooledPostgresStorage):
            self.huey.storage.bind(db)

    def _run(self, job_id: str) -> None:
        if self.runner is None:  # pragma: no cover - a worker always sets it first
            raise RuntimeError("this process runs no generation worker")
        self.runner(job_id)

    # -- QUEUE = "memory": worker threads in this process -------------------------
    def start_threads(self, workers: int) -> None:
        with self._lock:
            if self._consumer is None:
                self._consumer = ThreadConsumer(
                    self.huey, workers=max(1, workers), worker_type="thread",
                    periodic=False, check_worker_health=False, **POLL_DELAYS,
                )  # fmt: skip
                self._consumer.start()

    def stop_threads(self) -> None:
        with self._lock:
            consumer, self._consumer = self._consumer, None
        if consumer is not None:
            consumer.stop(graceful=True)


class ThreadConsumer(Consumer):
    """Huey's consumer with thread workers inside a web process: the server owns signals."""

    def _set_signal_handlers(self) -> None:
        pass


# -- one job, in a worker ----------------------------------------------------------
def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


class Heartbeat:
    """Renews a job's lease every ``every`` seconds and saves progress as it comes."""

    def __init__(self, records: JobRecords, job_id: str, attempt: int) -> None:
        self.records = records
        self.job_id = job_id
        self.attempt = attempt
        self.every = max(0.5, records.lease / 6)
        self.stage: str | None = None
        self.progress: dict[str, dict[str, Any]] = {}
        self.lost = False
        self._changed = threading.Event()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._loop, name=f"beat-{job_id}", daemon=True)

    def on_progress(self, stage: str, info: dict[str, Any]) -> None:
        """The library's progress callback (any thread)."""
        with self._lock:
            self.stage = stage
            merged = dict(self.progress.get(stage, {}))
            merged.update({k: v for k, v in info.items() if _plain(v)})
            self.progress[stage] = merged
        self._changed.set()

    def snapshot(self) -> dict[str, dict[str, Any]]:
        with self._lock:
            return {k: dict(v) for k, v in self.progress.items()}

    def start(self) -> Heartbeat:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._changed.set()
        self._thread.join(timeout=5)

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._changed.wait(self.every)
            if self._stop.is_set():
                return
            self._changed.clear()
            try:
                self.records.beat(self.job_id, self.attempt, self.stage, self.snapshot())
            except LeaseLost:
                self.lost = True
                return
            except DatabaseError:  # a short outage: the lease is long enough to try again
                log.warning("could not renew the lease of job %s", self.job_id, exc_info=True)
            self._stop.wait(PROGRESS_EVERY)


def _plain(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def run_job(records: JobRecords, store: Any, job_id: str, build: Callable[..., Any]) -> None:
    """Claim, generate with a heartbeat, and store the outcome (see the module docstring).

    ``build(payload)`` -> ``work(on_progress) -> Puzzle`` (web/generation.py).
    """
    claimed = records.claim(job_id, worker_name())
    if claimed is None:
        return  # already taken, finished or failed: a duplicate delivery
    attempt = claimed["attempt"]
    beat = Heartbeat(records, job_id, attempt).start()
    try:
        puzzle, body = _generate(build, claimed["payload"], beat)
        if puzzle is not None:
            records.finish(job_id, attempt, puzzle, store, progress=beat.snapshot())
        else:
            records.fail(job_id, attempt, body)
    except LeaseLost:
        log.warning(
            "job %s was taken from this worker (lease expired); its result is dropped", job_id
        )
    finally:
        beat.stop()


def _generate(build: Callable[..., Any], payload: dict[str, Any], beat: Heartbeat) -> Any:
    try:
        return build(payload)(beat.on_progress), None
    except CrosswordError as exc:
        return None, crossword_error_body(exc, payload.get("field"))
    except Exception:
        log.exception("a generation failed unexpectedly")
        return None, error_body(500, "making the puzzle failed unexpectedly; please try again")


# -- leases that ran out -----------------------------------------------------------
def reap(records: JobRecords, queue: Queue) -> dict[str, int]:
    """Queue once more, or fail, every job whose lease expired; returns the counts."""
    counts = {"queued": 0, "failed": 0}
    for row in records.expired():
        outcome = records.requeue_or_fail(row)
        if outcome == "queued":
            queue.enqueue(row["id"])
        if outcome is not None:
            log.warning("job %s lost its worker: %s", row["id"], outcome)
            counts[outcome] += 1
    return counts


class Reaper:
    """A daemon thread calling `reap` every REAP_EVERY seconds."""

    def __init__(self, records: JobRecords, queue: Queue, every: float = REAP_EVERY) -> None:
        self.records = records
        self.queue = queue
        self.every = every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="reaper", daemon=True)

    def start(self) -> Reaper:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _loop(self) -> None:
        while not self._stop.wait(self.every):
            try:
                reap(self.records, self.queue)
                self.records.prune()
            except Exception:  # housekeeping: log and look again next time
                log.warning("could not reap expired jobs", exc_info=True)
