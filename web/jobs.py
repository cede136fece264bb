"""Generation jobs in the shared database: created by the web, leased by workers.

A job row is the one truth about a generation, whichever process looks:

    queued --claim--> running --finish--> done      (the puzzle in the same transaction)
       ^                 |   \\--fail----> failed
       +---requeue-------+ (lease expired, attempts left)    --reap--> failed

- `create` writes the row (status ``queued``) with what to make (``payload``:
  the generate Request, the provider name) before the queue hears of it.
- A worker `claim`s it (``attempts`` + 1, its own attempt number) and holds a
  *lease*: `beat` renews ``heartbeat_at`` every few seconds and saves progress.
- `finish` stores the puzzle and marks the job done in one transaction, and
  only while the worker still holds the lease (same attempt, still running):
  a worker that lost its lease stores nothing.  `finish` and `fail` retry on
  database errors for ~15 s, longer than a short outage, so the final state is
  written even when the first write fails.
- `expired` finds jobs whose worker stopped beating for ``lease`` seconds (it
  was killed, its machine died) and queued jobs no worker took within
  ``queue_timeout``; `reap` (web/tasks.py) queues an expired job once more or
  marks it failed.  So no job stays "running" for minutes.

Times are UNIX seconds (REAL) from ``clock``, so leases compare without parsing.
"""

from __future__ import annotations

import json
import logging
import secrets
import time
from collections.abc import Callable, Sequence
from typing import Any

from crossword import Database, DatabaseError, Puzzle, migrate

from .store import Store

log = logging.getLogger(__name__)

JOB_ID_BYTES = 9  # 12 URL-safe characters
LEASE_SECONDS = 30.0  # a running job whose worker did not beat for this long has lost it
MAX_ATTEMPTS = 2  # a job whose worker died is run once more, then reported failed
QUEUE_TIMEOUT_SECONDS = 600.0  # a queued job no worker took within this is failed
KEEP_SECONDS = 2 * 24 * 3600  # finished jobs are deleted after two days
WRITE_RETRY_DELAYS = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0)  # ~16 s: outlasts a short outage


INTERRUPTED = {
    "ok": False,
    "status": 503,
    "error": "this generation was interrupted (its worker stopped); please try again",
}
NOT_TAKEN = {
    "ok": False,
    "status": 503,
    "error": "no generation worker took this puzzle in time; please try again",
}


class LeaseLost(Exception):
    """The job is no longer this worker's (it was reaped and queued again, or failed)."""


def new_job_id() -> str:
    return secrets.token_urlsafe(JOB_ID_BYTES)


class JobRecords:
    """Job rows over a `crossword.db.Database` (SQLite or PostgreSQL)."""

    def __init__(
        self,
        db: Database,
        *,
        lease: float = LEASE_SECONDS,
        max_attempts: int = MAX_ATTEMPTS,
        queue_timeout: float = QUEUE_TIMEOUT_SECONDS,
        clock: Callable[[], float] = time.time,
        retry_delays: Sequence[float] = WRITE_RETRY_DELAYS,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.db = db
        self.lease = float(lease)
        self.max_attempts = max(1, int(max_attempts))
        self.queue_timeout = float(queue_timeout)
        self.clock = clock
        self.retry_delays = tuple(retry_delays)
        self.sleep = sleep
        migrate(db)  # the table comes from crossword.migrations

    # -- the web side ----------------------------------------------------------
    def create(self, job_id: str, payload: dict[str, Any], notices: Sequence[str] = ()) -> None:
        now = self.clock()
        self.db.execute(
            "INSERT INTO generation_jobs (id, status, payload, notices, created_at, heartbeat_at)"
            " VALUES (?, 'queued', ?, ?, ?, ?)",
            (job_id, json.dumps(payload), json.dumps(list(notices)), now, now),
        )

    def queued(self) -> int:
        """Jobs waiting for a worker (all machines): the queue's length."""
        row = self.db.query_one("SELECT COUNT(*) AS n FROM generation_jobs WHERE status = 'queued'")
        return int(row["n"]) if row else 0

    def get(self, job_id: str) -> dict[str, Any] | None:
        """The job as the API shows it (no payload, no worker name)."""
        row = self.db.query_one(
            "SELECT id, status, stage, progress, puzzle_id, error, notices, attempts,"
            " heartbeat_at FROM generation_jobs WHERE id = ?",
            (job_id,),
        )
        return None if row is None else _public(row)

    def statuses(self, job_ids: Sequence[str]) -> dict[str, str]:
        """{job id: status} for many jobs in one query (the web's sync waiters)."""
        if not job_ids:
            return {}
        marks = ", ".join("?" for _ in job_ids)
        rows = self.db.query(
            f"SELECT id, status FROM generation_jobs WHERE id IN ({marks})", tuple(job_ids)
        )
        return {r["id"]: r["status"] for r in rows}

    # -- the worker side -------------------------------------------------------
    def claim(self, job_id: str, worker: str) -> dict[str, Any] | None:
        """Take a queued job: returns {payload, notices, attempt} or None (not queued)."""
        now = self.clock()
        with self.db.transaction() as tx:
            changed = tx.execute(
                "UPDATE generation_jobs SET status = 'running', attempts = attempts + 1,"
                " worker = ?, heartbeat_at = ? WHERE id = ? AND status = 'queued'",
                (worker[:200], now, job_id),
            )
            if changed != 1:
                return None
            row = tx.query(
                "SELECT payload, notices, attempts FROM generation_jobs WHERE id = ?", (job_id,)
            )[0]
        return {
            "payload": json.loads(row["payload"]),
            "notices": json.loads(row["notices"]),
            "attempt": int(row["attempts"]),
        }

    def beat(self, job_id: str, attempt: int, stage: str | None, progress: dict[str, Any]) -> None:
        """Renew the lease and save progress; raises LeaseLost when it is gone."""
        with self.db.transaction() as tx:
            changed = tx.execute(
                "UPDATE generation_jobs SET heartbeat_at = ?, stage = ?, progress = ?"
                " WHERE id = ? AND attempts = ? AND status = 'running'",
                (self.clock(), stage, json.dumps(progress), job_id, attempt),
            )
        if changed != 1:
            raise LeaseLost(job_id)

    def finish(
        self,
        job_id: str,
        attempt: int,
        puzzle: Puzzle,
        store: Store,
        progress: dict[str, Any] | None = None,
    ) -> str:
        """Store the puzzle and mark the job done, together; returns the puzzle id."""

        def write() -> str:
            with self.db.transaction() as tx:
                puzzle_id = store.insert(tx, puzzle)
                self._end(tx, job_id, attempt, "done", puzzle_id=puzzle_id, progress=progress)
            return puzzle_id

        return self._retrying(write, f"store the puzzle of job {job_id}")

    def fail(self, job_id: str, attempt: int, body: dict[str, Any]) -> None:
        def write() -> None:
            with self.db.transaction() as tx:
                self._end(tx, job_id, attempt, "failed", error=body)

        self._retrying(write, f"record the failure of job {job_id}")

    def _end(self, tx: Any, job_id: str, attempt: int, status: str, **outcome: Any) -> None:
        progress = outcome.get("progress")
        changed = tx.execute(
            "UPDATE generation_jobs SET status = ?, stage = ?, puzzle_id = ?, error = ?,"
            " progress = COALESCE(?, progress), finished_at = ?, heartbeat_at = ?"
            " WHERE id = ? AND attempts = ? AND status = 'running'",
            (
                status, "done" if status == "done" else None, outcome.get("puzzle_id"),
                json.dumps(outcome["error"]) if outcome.get("error") else None,
                json.dumps(progress) if progress is not None else None,
                self.clock(), self.clock(), job_id, attempt,
            ),
        )  # fmt: skip
        if changed != 1:
            raise LeaseLost(job_id)  # rolls back: a puzzle without its job is never stored

    def _retrying(self, write: Callable[[], Any], what: str) -> Any:
        for delay in (*self.retry_delays, None):
            try:
                return write()
            except DatabaseError:
                if delay is None:
                    raise
                log.warning("could not %s; trying again in %.2f s", what, delay, exc_info=True)
                self.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    # -- leases ------------------------------------------------------------------
    def expired(self) -> list[dict[str, Any]]:
        """Running jobs past their lease and queued jobs past the queue timeout."""
        now = self.clock()
        return self.db.query(
            "SELECT id, status, attempts, heartbeat_at FROM generation_jobs"
            " WHERE (status = 'running' AND heartbeat_at < ?)"
            " OR (status = 'queued' AND heartbeat_at < ?) ORDER BY heartbeat_at LIMIT 100",
            (now - self.lease, now - self.queue_timeout),
        )

    def requeue_or_fail(self, row: dict[str, Any]) -> str | None:
        """Settle one expired job (as `expired` returned it): "queued" (run it once
        more), "failed", or None when another process settled it first."""
        retry = row["status"] == "running" and int(row["attempts"]) < self.max_attempts
        body = INTERRUPTED if row["status"] == "running" else NOT_TAKEN
        now = self.clock()
        with self.db.transaction() as tx:
            if retry:
                changed = tx.execute(
                    "UPDATE generation_jobs SET status = 'queued', heartbeat_at = ?, worker = NULL"
                    " WHERE id = ? AND status = 'running' AND heartbeat_at = ?",
                    (now, row["id"], row["heartbeat_at"]),
                )
            else:
                changed = tx.execute(
                    "UPDATE generation_jobs SET status = 'failed', error = ?, stage = NULL,"
                    " finished_at = ?, heartbeat_at = ?"
                    " WHERE id = ? AND status = ? AND heartbeat_at = ?",
                    (json.dumps(body), now, now, row["id"], row["status"], row["heartbeat_at"]),
                )
        if changed != 1:
            return None
        return "queued" if retry else "failed"

    def prune(self) -> None:
        cutoff = self.clock() - KEEP_SECONDS
        self.db.execute(
            "DELETE FROM generation_jobs WHERE status IN ('done', 'failed') AND finished_at < ?",
            (cutoff,),
        )


def _public(row: dict[str, Any]) -> dict[str, Any]:
    done = row["status"] == "done"
    return {
        "id": row["id"],
        "status": row["status"],
        "stage": "done" if done else row["stage"],
        "progress": json.loads(row["progress"] or "{}"),
        "puzzle_id": row["puzzle_id"],
        "error": json.loads(row["error"]) if row["error"] else None,
        "notices": json.loads(row["notices"] or "[]"),
        "attempts": int(row["attempts"]),
        "heartbeat_at": float(row["heartbeat_at"]),
    }
