"""Background generation: a bounded thread pool per worker process.

Why: an LLM generation takes seconds to minutes; a request must never hold the
page (or a gunicorn thread) that long without telling the maker what happens.

How:
- ``POST /api/puzzles`` validates the body, then `Jobs.submit` writes a job row
  (status ``running``) and hands the work to a ``ThreadPoolExecutor`` of
  ``JOB_WORKERS`` threads.  More than ``JOB_QUEUE_LIMIT`` unfinished jobs in this
  process -> 503 with Retry-After, so a burst cannot pile up unbounded work.
- The request waits up to ``SYNC_WAIT`` seconds (0 when the body says
  ``"async": true``): finished -> 201 with the puzzle (offline takes ~0.3 s);
  otherwise -> 202 with the job and its URL ``/api/jobs/<id>`` to poll.
- While it runs, the job record lives in this process's memory with the
  progress the library reports (stage words/layout/hints/done and counters).
- Its final outcome goes to the database: the puzzle and ``jobs.status = done``
  in one transaction, or ``failed`` with the API error body.  A failed
  generation stores no puzzle.
- ``GET /api/jobs/<id>`` answers from memory when this process runs the job,
  else from the database, so polling works whichever gunicorn worker answers
  (another worker sees ``running`` without counters until the job ends).  A row
  still ``running`` after ``JOB_STALE_SECONDS`` is reported failed (its process
  died).

The pool is created lazily on the first submit, i.e. after gunicorn forks.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from crossword.errors import CrosswordError
from crossword.puzzle import Puzzle

from .errors import ApiError, crossword_error_body, error_body
from .store import Store

log = logging.getLogger(__name__)

KEEP_FINISHED_SECONDS = 600

# work(on_progress) -> Puzzle; on_progress(stage, info) as in crossword.generate
Work = Callable[[Callable[[str, dict[str, Any]], None]], Puzzle]


@dataclass
class Job:
    id: str
    input_field: str | None = None  # the request input a library error concerns
    status: str = "queued"  # queued | running | done | failed
    stage: str | None = None  # words | layout | hints | done
    progress: dict[str, dict[str, Any]] = field(default_factory=dict)
    puzzle_id: str | None = None
    error: dict[str, Any] | None = None
    notices: list[str] = field(default_factory=list)  # e.g. "the model budget is spent"
    created: float = field(default_factory=time.monotonic)
    finished_at: float | None = None
    finished: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def on_progress(self, stage: str, info: dict[str, Any]) -> None:
        with self.lock:
            self.stage = stage
            merged = dict(self.progress.get(stage, {}))
            merged.update({k: v for k, v in info.items() if _plain(v)})
            self.progress[stage] = merged

    def snapshot(self) -> dict[str, Any]:
        with self.lock:
            return {
                "id": self.id,
                "status": self.status,
                "stage": self.stage,
                "progress": {k: dict(v) for k, v in self.progress.items()},
                "puzzle_id": self.puzzle_id,
                "error": self.error,
                "notices": list(self.notices),
            }


def _plain(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


class Jobs:
    def __init__(
        self, store: Store, *, workers: int = 4, queue_limit: int = 16, stale_after: float = 900
    ) -> None:
        self.store = store
        self.workers = max(1, int(workers))
        self.queue_limit = max(1, int(queue_limit))
        self.stale_after = stale_after
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None

    def _executor(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="crossword-job")
            return self._pool

    def submit(
        self, work: Work, *, field: str | None = None, notices: list[str] | None = None
    ) -> Job:
        with self._lock:
            self._prune()
            active = sum(1 for j in self._jobs.values() if not j.finished.is_set())
            if active >= self.queue_limit:
                raise ApiError(
                    503,
                    "the server is busy making other puzzles; please try again in a minute",
                    headers={"Retry-After": "30"},
                )
            job = Job(id=self.store.new_job_id(), input_field=field, notices=list(notices or []))
            self._jobs[job.id] = job
        try:
            self.store.create_job(job.id)
        except Exception:
            with self._lock:
                self._jobs.pop(job.id, None)
            raise
        self._executor().submit(self._run, job, work)
        return job

    def _run(self, job: Job, work: Work) -> None:
        with job.lock:
            job.status = "running"
        try:
            puzzle = work(job.on_progress)
            puzzle_id = self.store.save(puzzle, job_id=job.id)
        except CrosswordError as exc:
            self._fail(job, crossword_error_body(exc, job.input_field))
        except Exception:
            log.exception("generation job %s failed", job.id)
            self._fail(
                job, error_body(500, "making the puzzle failed unexpectedly; please try again")
            )
        else:
            with job.lock:
                job.status, job.puzzle_id, job.stage = "done", puzzle_id, "done"
            self._finish(job)

    def _fail(self, job: Job, body: dict[str, Any]) -> None:
        with job.lock:
            job.status, job.error = "failed", body
        try:
            self.store.fail_job(job.id, body)
        except Exception:
            log.exception("could not record the failure of job %s", job.id)
        self._finish(job)

    def _finish(self, job: Job) -> None:
        job.finished_at = time.monotonic()
        job.finished.set()

    def get(self, job_id: str) -> dict[str, Any] | None:
        """The job as the API shows it, from this process or from the database."""
        with self._lock:
            job = self._jobs.get(job_id)
        if job is not None:
            return job.snapshot()
        row = self.store.job(job_id, stale_after=self.stale_after)
        if row is None:
            return None
        return {
            "id": row["id"],
            "status": row["status"],
            "stage": "done" if row["status"] == "done" else None,
            "progress": {},
            "puzzle_id": row["puzzle_id"],
            "error": row["error"],
            "notices": [],
        }

    def _prune(self) -> None:
        now = time.monotonic()
        for job_id, job in list(self._jobs.items()):
            if job.finished_at is not None and now - job.finished_at > KEEP_FINISHED_SECONDS:
                del self._jobs[job_id]

    def shutdown(self, wait: bool = True) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=wait)
