"""Where puzzles live: one table in the shared Database (SQLite or PostgreSQL).

A puzzle is written once, in one transaction, only after its generation fully
succeeded, under a short unguessable id (``secrets.token_urlsafe``).  The same
database holds generation jobs (their final outcome, so any gunicorn worker can
answer a poll), the hint cache and the traces.

Its tables (like every table of the app) come from the one ordered list in
`crossword.migrations`, applied at start under a lock so that workers starting
together do not race.
"""

from __future__ import annotations

import json
import os
import secrets
import threading
from collections import OrderedDict
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import Flask, current_app

from crossword import (
    Database,
    Puzzle,
    Transaction,
    migrate,
    puzzle_from_dict,
    puzzle_to_dict,
)
from crossword import database_url as resolve_database_url

ID_BYTES = 7  # 10 URL-safe characters, 56 bits
JOB_ID_BYTES = 9


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """Puzzles and job outcomes over a `crossword.db.Database`."""

    def __init__(self, db: Database, *, cache_size: int = 512) -> None:
        self.db = db
        # A stored puzzle never changes, so reads of recent ones skip the database
        # and the JSON parse (share links are read far more often than written).
        self._cache: OrderedDict[str, Puzzle] = OrderedDict()
        self._cache_size = cache_size
        self._cache_lock = threading.Lock()

    # -- schema --------------------------------------------------------------
    def migrate(self) -> list[str]:
        """Apply pending migrations (every table of the app); return the names applied now."""
        return migrate(self.db)

    def ping(self) -> bool:
        return self.db.query_one("SELECT 1 AS one") is not None

    # -- puzzles -------------------------------------------------------------
    def save(self, puzzle: Puzzle, *, job_id: str | None = None) -> str:
        """Store a finished puzzle (and mark its job done) in one transaction."""
        with self.db.transaction() as tx:
            puzzle_id = self.insert(tx, puzzle)
            if job_id is not None:
                _finish_job(tx, job_id, "done", puzzle_id=puzzle_id)
        return puzzle_id

    def insert(self, tx: Transaction, puzzle: Puzzle) -> str:
        """Write a finished puzzle inside the caller's transaction (with its job's outcome)."""
        data = json.dumps(puzzle_to_dict(puzzle, solution=True), ensure_ascii=False)
        stats = json.dumps(dict(puzzle.stats), ensure_ascii=False, default=str)
        for _ in range(5):
            puzzle_id = secrets.token_urlsafe(ID_BYTES)
            changed = tx.execute(
                "INSERT INTO puzzles (id, created_at, title, topic, provider, model, seed,"
                " width, height, entries, data, stats)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                (
                    puzzle_id,
                    puzzle.created_at or _now(),
                    puzzle.title,
                    puzzle.topic,
                    puzzle.provider,
                    puzzle.model,
                    int(puzzle.seed),
                    puzzle.grid.width,
                    puzzle.grid.height,
                    len(puzzle.entries),
                    data,
                    stats,
                ),
            )
            if changed == 1:
                return puzzle_id
        raise RuntimeError("could not find a free puzzle id")  # pragma: no cover - 56 random bits

    def get(self, puzzle_id: str) -> Puzzle | None:
        with self._cache_lock:
            cached = self._cache.get(puzzle_id)
            if cached is not None:
                self._cache.move_to_end(puzzle_id)
                return cached
        row = self.db.query_one("SELECT data FROM puzzles WHERE id = ?", (puzzle_id,))
        if row is None:
            return None
        puzzle = puzzle_from_dict(json.loads(row["data"]))
        with self._cache_lock:
            self._cache[puzzle_id] = puzzle
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return puzzle

    def recent(self, limit: int = 50) -> list[dict[str, Any]]:
        """Newest puzzles first, with their generation summary (stats)."""
        rows = self.db.query(
            "SELECT id, created_at, title, topic, provider, model, seed, width, height,"
            " entries, stats FROM puzzles ORDER BY created_at DESC, id LIMIT ?",
            (int(limit),),
        )
        for row in rows:
            row["stats"] = json.loads(row["stats"] or "{}")
        return rows

    def count(self) -> int:
        row = self.db.query_one("SELECT COUNT(*) AS n FROM puzzles")
        return int(row["n"]) if row else 0

    # -- jobs ----------------------------------------------------------------
    def new_job_id(self) -> str:
        return secrets.token_urlsafe(JOB_ID_BYTES)

    def create_job(self, job_id: str) -> None:
        now = _now()
        self.db.execute(
            "INSERT INTO jobs (id, status, created_at, updated_at) VALUES (?, 'running', ?, ?)",
            (job_id, now, now),
        )

    def fail_job(self, job_id: str, error: dict[str, Any]) -> None:
        with self.db.transaction() as tx:
            _finish_job(tx, job_id, "failed", error=error)

    def job(self, job_id: str, *, stale_after: float | None = None) -> dict[str, Any] | None:
        """A job's stored outcome: status running|done|failed, puzzle_id, error body."""
        row = self.db.query_one(
            "SELECT id, status, puzzle_id, error, created_at, updated_at FROM jobs WHERE id = ?",
            (job_id,),
        )
        if row is None:
            return None
        row["error"] = json.loads(row["error"]) if row["error"] else None
        if row["status"] == "running" and stale_after is not None:
            started = datetime.fromisoformat(row["created_at"])
            if datetime.now(UTC) - started > timedelta(seconds=stale_after):
                row["status"] = "failed"
                row["error"] = {
                    "ok": False,
                    "status": 503,
                    "error": "this generation was interrupted (the server restarted); please try again",
                }
        return row

    def prune_jobs(self, older_than: timedelta = timedelta(days=2)) -> None:
        cutoff = (datetime.now(UTC) - older_than).isoformat(timespec="seconds")
        self.db.execute("DELETE FROM jobs WHERE updated_at < ?", (cutoff,))


def _finish_job(
    tx: Transaction,
    job_id: str,
    status: str,
    *,
    puzzle_id: str | None = None,
    error: dict[str, Any] | None = None,
) -> None:
    now = _now()
    tx.execute(
        "INSERT INTO jobs (id, status, puzzle_id, error, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET status = excluded.status,"
        " puzzle_id = excluded.puzzle_id, error = excluded.error, updated_at = excluded.updated_at",
        (job_id, status, puzzle_id, json.dumps(error) if error else None, now, now),
    )


def database_url(app: Flask) -> str:
    """DATABASE (CROSSWORD_DATABASE), else DATABASE_URL, else the default file every
    command uses (`crossword.settings.default_database`)."""
    configured = app.config.get("DATABASE") or app.config.get("DATABASE_URL")
    return resolve_database_url(os.environ, configured)


def init_app(app: Flask) -> Store:
    """Open the database, create or migrate the schema, and keep the store on the app."""
    config = app.config  # web/config.py DEFAULTS
    store = Store(
        Database(
            database_url(app),
            pool_size=int(config["DATABASE_POOL_SIZE"]),
            busy_timeout=float(config["DATABASE_BUSY_TIMEOUT"]),
        )
    )
    store.migrate()
    store.prune_jobs()
    app.extensions["crossword.store"] = store
    return store


def get_store() -> Store:
    return current_app.extensions["crossword.store"]
