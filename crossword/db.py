"""A small database handle over SQLite (default) or PostgreSQL.

The puzzle store, jobs, the hint cache, the traces and the rate limits share
one database; their tables come from one ordered list, `crossword.migrations`.
SQL is written once with ``?`` placeholders and portable types (TEXT, INTEGER,
REAL); for PostgreSQL the placeholders become ``%s``.

PostgreSQL: each process keeps one bounded pool (``psycopg_pool``) of at most
``pool_size`` connections.  Every statement or transaction borrows a connection
and gives it back at once, so a burst of requests queues for a connection (up to
``POOL_TIMEOUT_S``) instead of opening more than the server allows; the budget
is instances x workers x pool_size (docs/DEPLOY.md).

SQLite: one connection per thread (opening a file is cheap, and SQLite has no
connection limit), WAL mode with a busy timeout, and writes go through
``transaction()`` (BEGIN IMMEDIATE), so concurrent writers queue instead of
failing, and a killed process leaves no half-written row.  ``":memory:"`` is
one private database: a single connection its threads take in turn.

Errors become `DatabaseError` with a plain message; the driver's text (hosts,
ports, file paths) stays on the chained cause, for the log only.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .errors import CrosswordError

BUSY_TIMEOUT_S = 15.0  # SQLite: a write waits this long for the lock (DATABASE_BUSY_TIMEOUT)
POOL_SIZE = 5  # connections per process (the DATABASE_POOL_SIZE setting)
POOL_TIMEOUT_S = 30.0  # how long a request may queue for a pooled connection


class DatabaseError(CrosswordError):
    """The database could not be opened or a statement failed."""


UNAVAILABLE = "the database is unavailable; please try again in a moment"
FAILED = "a database operation failed"


def is_postgres_url(url: str) -> bool:
    return url.startswith(("postgres://", "postgresql://"))


class Database:
    def __init__(
        self,
        url: str,
        *,
        pool_size: int = POOL_SIZE,
        pool_timeout: float = POOL_TIMEOUT_S,
        busy_timeout: float = BUSY_TIMEOUT_S,
    ) -> None:
        self.url = url
        self.pool_size = max(1, int(pool_size))
        self.busy_timeout = float(busy_timeout)
        self.migrated = False  # set by crossword.migrations.migrate
        self._pool: Any = None
        self._local = threading.local()
        self._memory: sqlite3.Connection | None = None
        self._memory_lock = threading.RLock()
        if is_postgres_url(url):
            self.dialect = "postgres"
            self._pool = _open_pool(url, self.pool_size, pool_timeout)
        else:
            self.dialect = "sqlite"
            self.path = url.removeprefix("sqlite:///").removeprefix("sqlite://")
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)

    def __repr__(self) -> str:
        return f"Database({self.dialect})"

    # -- connections -------------------------------------------------------
    def _sqlite(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = self._open_sqlite()
        return conn

    def _open_sqlite(self) -> sqlite3.Connection:
        conn = sqlite3.connect(
            self.path, timeout=self.busy_timeout, isolation_level=None, check_same_thread=False
        )
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout={int(self.busy_timeout * 1000)}")
        _enable_wal(conn, self.busy_timeout)
        conn.execute("PRAGMA synchronous=NORMAL")
        return conn

    @contextmanager
    def _connection(self) -> Iterator[Any]:
        """A connection for one statement or transaction (pooled on PostgreSQL)."""
        if self._pool is None and self.path == ":memory:":
            # one private database, so one connection that threads take in turn
            with self._memory_lock:
                if self._memory is None:
                    self._memory = self._open_sqlite()
                yield self._memory
            return
        if self._pool is None:
            yield self._sqlite()
            return
        with self._pool.connection() as conn:
            yield conn

    @contextmanager
    def borrow(self) -> Iterator[Any]:
        """PostgreSQL: a driver connection from this process's pool, given back on exit
        (for a library that speaks psycopg itself: the job queue, web/tasks.py)."""
        if self._pool is None:
            raise DatabaseError("borrow() is for PostgreSQL connections")
        with self._pool.connection() as conn:
            yield conn

    def _sql(self, sql: str) -> str:
        if self.dialect == "postgres":
            return re.sub(r"\?", "%s", sql)
        return sql

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """All statements inside commit together or not at all (one connection throughout)."""
        with _translated_errors(), self._connection() as conn:
            if self.dialect == "sqlite":
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield Transaction(self, conn)
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
            else:
                with conn.transaction():
                    yield Transaction(self, conn)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        with self.transaction() as tx:
            tx.execute(sql, params)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        with _translated_errors(), self._connection() as conn:
            rows = conn.execute(self._sql(sql), tuple(params)).fetchall()
            return [dict(r) for r in rows]

    def query_one(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def pool_stats(self) -> dict[str, int]:
        """PostgreSQL: connections open and in use now (for /api/health and the tests)."""
        if self._pool is None:
            return {}
        stats = self._pool.get_stats()
        return {
            "size": int(self.pool_size),
            "open": int(stats.get("pool_size", 0)),
            "idle": int(stats.get("pool_available", 0)),
            "waiting": int(stats.get("requests_waiting", 0)),
        }

    def close(self) -> None:
        """Close the pool (PostgreSQL) or this thread's connection (SQLite)."""
        if self._pool is not None:
            self._pool.close()
        conn = getattr(self._local, "conn", None)  # SQLite: this thread's (others may be in use)
        if conn is not None:
            conn.close()
            self._local.conn = None


class Transaction:
    def __init__(self, db: Database, conn: Any) -> None:
        self._db = db
        self._conn = conn

    @property
    def dialect(self) -> str:
        return self._db.dialect

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement; return the number of rows it changed."""
        cur = self._conn.execute(self._db._sql(sql), tuple(params))
        return int(cur.rowcount)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self._conn.execute(self._db._sql(sql), tuple(params))
        return [dict(r) for r in cur.fetchall()]


def _open_pool(url: str, size: int, timeout: float) -> Any:
    try:
        from psycopg.rows import dict_row
        from psycopg_pool import ConnectionPool
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise DatabaseError(
            "the database is PostgreSQL but its driver is not installed "
            "(pip install 'emoji-crossword[postgres]')"
        ) from exc
    return ConnectionPool(
        url,
        min_size=1,
        max_size=size,
        timeout=timeout,
        kwargs={"autocommit": True, "row_factory": dict_row, **_application_name(url)},
        # a connection the server dropped (restart, idle timeout) is replaced, not handed out
        check=ConnectionPool.check_connection,
        open=True,
        name="crossword",
    )


def _application_name(url: str) -> dict[str, str]:
    """Each connection named after its process (``crossword:<pid>``), so
    ``pg_stat_activity`` shows which process holds which connections (the budget in
    docs/DEPLOY.md); a name the URL gives wins."""
    if "application_name" in url:
        return {}
    return {"application_name": f"crossword:{os.getpid()}"}


@contextmanager
def _translated_errors() -> Iterator[None]:
    """Driver errors -> DatabaseError with a message safe to show anyone."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        raise DatabaseError(UNAVAILABLE if _is_unavailable(exc) else FAILED) from exc
    except sqlite3.Error as exc:
        raise DatabaseError(FAILED) from exc
    except Exception as exc:
        kind = _postgres_error_kind(exc)
        if kind is None:
            raise
        raise DatabaseError(UNAVAILABLE if kind == "unavailable" else FAILED) from exc


def _is_unavailable(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "unable to open" in text or "locked" in text or "disk i/o" in text


def _postgres_error_kind(exc: Exception) -> str | None:
    """ "unavailable" (cannot connect, pool timeout), "failed" (a statement), None (not ours)."""
    try:
        import psycopg
        from psycopg_pool import PoolTimeout, TooManyRequests
    except ImportError:  # pragma: no cover - SQLite-only install
        return None
    if isinstance(exc, PoolTimeout | TooManyRequests | psycopg.OperationalError):
        return "unavailable"
    if isinstance(exc, psycopg.Error):
        return "failed"
    return None


def _enable_wal(conn: sqlite3.Connection, timeout: float) -> None:
    """Switch a new database to WAL.  The switch needs an exclusive lock, and
    SQLite answers 'locked' at once (without the busy handler) when workers
    open a fresh file together, so wait and try again."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def connect(url: str, *, pool_size: int = POOL_SIZE) -> Database:
    """Open the database at ``url`` (a SQLite path or a ``postgresql://`` URL) with
    every table of `crossword.migrations` in place."""
    from .migrations import migrate

    db = Database(url, pool_size=pool_size)
    migrate(db)
    return db
