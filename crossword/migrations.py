"""Every table of the app, in one ordered list of migrations (simonw/llm style).

    migrate(db)   apply the pending steps; return the names applied now

One list for every table - puzzles (web/store.py), the hint cache
(hints/cache.py), traces (trace.py), rate limits (web/ratelimit.py), the spend
ledger (spend.py), job records (web/jobs.py) and the job queue (web/tasks.py) - so
there is one way a table comes to exist.  The list is append-only: a released
step is never edited; a change is a new step at the end.  Each step runs once,
recorded in ``schema_migrations``.

All steps run in one transaction under a lock - ``pg_advisory_xact_lock`` on
PostgreSQL, ``BEGIN IMMEDIATE`` on SQLite - so gunicorn workers (or app
instances) starting together on an empty database wait for each other instead
of racing on ``CREATE TABLE`` (PostgreSQL answers that race with a unique
violation on ``pg_type``).  A worker that finds every step recorded takes the
lock only for one short read.

Steps use ``IF NOT EXISTS`` so a database made by an older version (whose
tables were created outside this list) is adopted as it is.  A statement
wrapped in `Only` runs on that dialect alone (the job queue's PostgreSQL
tables: on SQLite the queue keeps its own file, web/tasks.py).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .db import Database

__all__ = ["ADVISORY_LOCK", "MIGRATIONS", "Only", "migrate"]

ADVISORY_LOCK = 7_202_411  # any constant; shared by every process of this app


class Only(NamedTuple):
    """A statement for one dialect ("postgres" or "sqlite"); skipped on the other."""

    dialect: str
    sql: str


MIGRATIONS: tuple[tuple[str, tuple[str | Only, ...]], ...] = (
    (
        "web-0001-puzzles-and-jobs",  # the name of an older release's step: kept as it was
        (
            """CREATE TABLE IF NOT EXISTS puzzles (
                id TEXT PRIMARY KEY,
                created_at TEXT NOT NULL,
                title TEXT NOT NULL,
                topic TEXT,
                provider TEXT NOT NULL,
                model TEXT,
                seed INTEGER NOT NULL,
                width INTEGER NOT NULL,
                height INTEGER NOT NULL,
                entries INTEGER NOT NULL,
                data TEXT NOT NULL,
                stats TEXT NOT NULL
            )""",
            "CREATE INDEX IF NOT EXISTS puzzles_created_at ON puzzles (created_at)",
            """CREATE TABLE IF NOT EXISTS jobs (
                id TEXT PRIMARY KEY,
                status TEXT NOT NULL,
                puzzle_id TEXT,
                error TEXT,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )""",
        ),
    ),
    (
        "0002-hint-cache",
        (
            """CREATE TABLE IF NOT EXISTS hint_cache (
                answer TEXT NOT NULL,
                provider TEXT NOT NULL,
                model TEXT NOT NULL,
                prompt_version TEXT NOT NULL,
                clue TEXT NOT NULL,
                emoji TEXT,
                created_at TEXT NOT NULL,
                hits INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (answer, provider, model, prompt_version)
            )""",
        ),
    ),
    (
        "0003-traces",
        (
            """CREATE TABLE IF NOT EXISTS traces (
                id TEXT PRIMARY KEY,
                job TEXT NOT NULL,
                at TEXT NOT NULL,
                day TEXT NOT NULL,
                provider TEXT NOT NULL,
                model TEXT,
                purpose TEXT NOT NULL,
                round INTEGER NOT NULL DEFAULT 1,
                items INTEGER NOT NULL DEFAULT 0,
                prompt_tokens INTEGER NOT NULL DEFAULT 0,
                completion_tokens INTEGER NOT NULL DEFAULT 0,
                cost_usd REAL NOT NULL DEFAULT 0,
                latency_ms INTEGER NOT NULL DEFAULT 0,
                http_retries INTEGER NOT NULL DEFAULT 0,
                outcome TEXT NOT NULL,
                problems TEXT NOT NULL DEFAULT '[]',
                error TEXT
            )""",
            "CREATE INDEX IF NOT EXISTS traces_at ON traces (at)",
            "CREATE INDEX IF NOT EXISTS traces_day ON traces (day)",
            """CREATE TABLE IF NOT EXISTS trace_summaries (
                job TEXT PRIMARY KEY,
                at TEXT NOT NULL,
                day TEXT NOT NULL,
                provider TEXT NOT NULL,
                model TEXT,
                purpose TEXT NOT NULL,
                items INTEGER NOT NULL DEFAULT 0,
                calls INTEGER NOT NULL DEFAULT 0,
                prompt_tokens INTEGER NOT NULL DEFAULT 0,
                completion_tokens INTEGER NOT NULL DEFAULT 0,
                cost_usd REAL NOT NULL DEFAULT 0,
                cache_hits INTEGER NOT NULL DEFAULT 0,
                reasks INTEGER NOT NULL DEFAULT 0,
                fallbacks INTEGER NOT NULL DEFAULT 0,
                no_emoji INTEGER NOT NULL DEFAULT 0,
                latency_ms INTEGER NOT NULL DEFAULT 0
            )""",
            "CREATE INDEX IF NOT EXISTS trace_summaries_at ON trace_summaries (at)",
        ),
    ),
    (
        "0004-rate-limits",
        (
            """CREATE TABLE IF NOT EXISTS rate_limits (
                client TEXT NOT NULL,
                minute INTEGER NOT NULL,
                hits INTEGER NOT NULL,
                PRIMARY KEY (client, minute)
            )""",
        ),
    ),
    (
        "0005-spend-ledger",  # crossword/spend.py: the daily spend cap's reservations
        (
            """CREATE TABLE IF NOT EXISTS spend_ledger (
                id TEXT PRIMARY KEY,
                day TEXT NOT NULL,
                at TEXT NOT NULL,
                reserved_usd REAL NOT NULL,
                spent_usd REAL
            )""",
            "CREATE INDEX IF NOT EXISTS spend_ledger_day ON spend_ledger (day)",
        ),
    ),
    (
        "0006-generation-jobs",  # web/jobs.py: the generation queue's job records
        (
            """CREATE TABLE IF NOT EXISTS generation_jobs (
                id TEXT PRIMARY KEY,
                status TEXT NOT NULL,
                payload TEXT NOT NULL,
                notices TEXT NOT NULL DEFAULT '[]',
                attempts INTEGER NOT NULL DEFAULT 0,
                worker TEXT,
                stage TEXT,
                progress TEXT NOT NULL DEFAULT '{}',
                puzzle_id TEXT,
                error TEXT,
                created_at REAL NOT NULL,
                heartbeat_at REAL NOT NULL,
                finished_at REAL
            )""",
            "CREATE INDEX IF NOT EXISTS generation_jobs_status"
            " ON generation_jobs (status, heartbeat_at)",
        ),
    ),
    (
        # web/tasks.py: Huey's PostgreSQL queue tables, exactly as huey 3.5's
        # PostgresStorage.ddl writes them (tests/test_tasks_postgres.py compares).  Huey
        # itself is told not to create them: its own CREATEs, run by every process at
        # start outside any lock, raced on a fresh database.
        "0007-queue-postgres",
        (
            Only(
                "postgres",
                "create table if not exists huey_kv ("
                "queue text not null, key text not null, value bytea not null, "
                "primary key(queue, key))",
            ),
            Only(
                "postgres",
                "create table if not exists huey_schedule ("
                "id bigserial primary key, queue text not null, "
                "data bytea not null, timestamp double precision not null)",
            ),
            Only(
                "postgres",
                "create index if not exists huey_schedule_queue_timestamp "
                "on huey_schedule (queue, timestamp)",
            ),
            Only(
                "postgres",
                "create table if not exists huey_task ("
                "id bigserial primary key, queue text not null, "
                "data bytea not null, "
                "priority double precision not null default 0.0)",
            ),
            Only(
                "postgres",
                "create index if not exists huey_task_queue_priority_id "
                "on huey_task (queue, priority desc, id)",
            ),
            Only(
                "postgres",
                "create table if not exists huey_counter ("
                "queue text not null, key text not null, "
                "value bigint not null default 0, primary key(queue, key))",
            ),
        ),
    ),
    (
        # PostgreSQL's REAL is a 4-byte float: a UNIX time in it is rounded to 128 s, so a
        # job's lease (30 s) could not expire for a minute or more and the leases compared
        # wrong; DOUBLE PRECISION holds the time to a microsecond (SQLite's REAL already does)
        "0008-job-times-double-precision",
        (
            Only(
                "postgres",
                "ALTER TABLE generation_jobs ALTER COLUMN created_at TYPE DOUBLE PRECISION,"
                " ALTER COLUMN heartbeat_at TYPE DOUBLE PRECISION,"
                " ALTER COLUMN finished_at TYPE DOUBLE PRECISION",
            ),
        ),
    ),
    (
        # the same for money: a 4-byte float keeps about 7 digits, and SUM over a REAL
        # column is a REAL, so the spend cap and the trace totals drifted by cents a day
        "0009-money-double-precision",
        (
            Only(
                "postgres",
                "ALTER TABLE spend_ledger ALTER COLUMN reserved_usd TYPE DOUBLE PRECISION,"
                " ALTER COLUMN spent_usd TYPE DOUBLE PRECISION",
            ),
            Only("postgres", "ALTER TABLE traces ALTER COLUMN cost_usd TYPE DOUBLE PRECISION"),
            Only(
                "postgres",
                "ALTER TABLE trace_summaries ALTER COLUMN cost_usd TYPE DOUBLE PRECISION",
            ),
        ),
    ),
)


def migrate(db: Database) -> list[str]:
    """Apply the pending steps under the lock; return the names applied now.

    Cheap to call again: a handle that has migrated once returns at once.
    """
    if db.migrated:
        return []
    applied_now: list[str] = []
    with db.transaction() as tx:
        if tx.dialect == "postgres":
            tx.query("SELECT pg_advisory_xact_lock(?)", (ADVISORY_LOCK,))
        tx.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        done = {r["name"] for r in tx.query("SELECT name FROM schema_migrations")}
        for name, statements in MIGRATIONS:
            if name in done:
                continue
            for stmt in statements:
                if isinstance(stmt, Only):
                    if stmt.dialect != tx.dialect:
                        continue
                    stmt = stmt.sql
                tx.execute(stmt)
            tx.execute(
                "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
                (name, datetime.now(UTC).isoformat(timespec="seconds")),
            )
            applied_now.append(name)
    db.migrated = True
    return applied_now
