"""The web side of generation jobs: submit with back-pressure, wait briefly, read.

- `submit` answers 503 with Retry-After when ``JOB_QUEUE_LIMIT`` jobs already
  wait for a worker (all machines), else writes the job row and queues its id.
- `wait` lets a request wait up to SYNC_WAIT for the outcome, so an offline
  puzzle (~0.3 s) comes back as 201 at once.  Waiting holds a web thread, so at
  most ``SYNC_WAIT_SLOTS`` requests per process wait at the same time; the
  others get their 202 at once.  Reads therefore always find a free thread.
  One `Waiter` thread per process polls the database for all waiting requests
  together (one query every 50 ms, only while someone waits).
- `get` reads the job row; a job whose lease ran out is settled on the spot
  (queued once more or failed), so a poll never shows a dead job as running.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from .errors import ApiError
from .jobs import JobRecords, new_job_id
from .tasks import Queue, Reaper

POLL_SECONDS = 0.05
BUSY = "the server is busy making other puzzles; please try again in a minute"


class Waiter:
    """Wakes waiting requests when their job ends; one polling thread per process."""

    def __init__(self, records: JobRecords) -> None:
        self.records = records
        self._events: dict[str, threading.Event] = {}
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._thread: threading.Thread | None = None

    def wait(self, job_id: str, seconds: float) -> None:
        event = threading.Event()
        with self._lock:
            self._events[job_id] = event
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, name="job-waiter", daemon=True)
                self._thread.start()
            self._wake.notify()
        try:
            event.wait(seconds)
        finally:
            with self._lock:
                self._events.pop(job_id, None)

    def _loop(self) -> None:
        while True:
            with self._lock:
                while not self._events:
                    self._wake.wait()
                ids = list(self._events)
            try:
                statuses = self.records.statuses(ids)
            except Exception:  # the database is away: the waiters time out into a 202
                statuses = {}
            with self._lock:
                for job_id, status in statuses.items():
                    if status in ("done", "failed") and job_id in self._events:
                        self._events[job_id].set()
            time.sleep(POLL_SECONDS)


class Jobs:
    """Submit, wait for and read generation jobs (one per app)."""

    def __init__(
        self,
        records: JobRecords,
        queue: Queue,
        *,
        queue_limit: int = 16,
        wait_slots: int = 4,
        threads: int = 0,
    ) -> None:
        self.records = records
        self.queue = queue
        self.queue_limit = max(1, int(queue_limit))
        self.threads = int(threads)  # > 0: QUEUE = "memory", worker threads in this process
        self._slots = threading.BoundedSemaphore(max(1, int(wait_slots)))
        self._waiter = Waiter(records)
        self._reaper: Reaper | None = None

    def submit(self, payload: dict[str, Any], notices: list[str]) -> str:
        if self.records.queued() >= self.queue_limit:
            raise ApiError(503, BUSY, headers={"Retry-After": "30"})
        if self.threads and self._reaper is None:
            self.queue.start_threads(self.threads)
            self._reaper = Reaper(self.records, self.queue).start()
        job_id = new_job_id()
        self.records.create(job_id, payload, notices)
        self.queue.enqueue(job_id)
        return job_id

    def wait(self, job_id: str, seconds: float) -> None:
        """Wait up to ``seconds`` for the job to end, when a waiting slot is free."""
        if seconds <= 0 or not self._slots.acquire(blocking=False):
            return
        try:
            self._waiter.wait(job_id, seconds)
        finally:
            self._slots.release()

    def get(self, job_id: str) -> dict[str, Any] | None:
        job = self.records.get(job_id)
        if job is not None and self._expired(job):
            outcome = self.records.requeue_or_fail(
                {"id": job_id, "status": job["status"], "attempts": job["attempts"],
                 "heartbeat_at": job["heartbeat_at"]}
            )  # fmt: skip
            if outcome == "queued":
                self.queue.enqueue(job_id)
            job = self.records.get(job_id)
        if job is not None:
            job.pop("heartbeat_at", None)
        return job

    def _expired(self, job: dict[str, Any]) -> bool:
        age = self.records.clock() - job["heartbeat_at"]
        if job["status"] == "running":
            return age > self.records.lease
        return job["status"] == "queued" and age > self.records.queue_timeout

    def shutdown(self, wait: bool = True) -> None:
        """Stop this process's worker threads (QUEUE = "memory")."""
        if self._reaper is not None:
            self._reaper.stop()
            self._reaper = None
        self.queue.stop_threads()
