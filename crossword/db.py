"""A small database handle over SQLite (default) or PostgreSQL.

The puzzle store, the hint cache and the traces share one database.  SQL is
written once with ``?`` placeholders and portable types (TEXT, INTEGER, REAL);
for PostgreSQL the placeholders become ``%s``.  Each call opens a short-lived
connection (SQLite) or takes one from a per-thread slot (PostgreSQL), so
threads and gunicorn workers never share a connection.

SQLite runs in WAL mode with a busy timeout, and writes go through
``transaction()`` (BEGIN IMMEDIATE), so concurrent writers queue instead of
failing, and a killed process leaves no half-written row.
"""

from __future__ import annotations

import re
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .errors import CrosswordError

BUSY_TIMEOUT_S = 15.0


class DatabaseError(CrosswordError):
    """The database could not be opened or a statement failed."""


class Database:
    def __init__(self, url: str) -> None:
        self.url = url
        if url.startswith(("postgres://", "postgresql://")):
            self.dialect = "postgres"
            try:
                import psycopg  # noqa: F401
            except ImportError as exc:  # pragma: no cover - depends on the install
                raise DatabaseError(
                    "DATABASE_URL points to PostgreSQL but psycopg is not installed "
                    "(pip install 'emoji-crossword[postgres]')"
                ) from exc
        else:
            self.dialect = "sqlite"
            self.path = url.removeprefix("sqlite:///").removeprefix("sqlite://")
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._schema_lock = threading.Lock()

    # -- connections -------------------------------------------------------
    def _sqlite(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
            )
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
            _enable_wal(conn)
            conn.execute("PRAGMA synchronous=NORMAL")
            self._local.conn = conn
        return conn

    def _postgres(self) -> Any:
        import psycopg
        from psycopg.rows import dict_row

        conn = getattr(self._local, "conn", None)
        if conn is None or conn.closed:
            conn = psycopg.connect(self.url, autocommit=True, row_factory=dict_row)
            self._local.conn = conn
        return conn

    def _sql(self, sql: str) -> str:
        if self.dialect == "postgres":
            return re.sub(r"\?", "%s", sql)
        return sql

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """All statements inside commit together or not at all."""
        try:
            if self.dialect == "sqlite":
                conn = self._sqlite()
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield Transaction(self, conn)
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
            else:
                conn = self._postgres()
                with conn.transaction():
                    yield Transaction(self, conn)
        except (sqlite3.Error, _pg_errors()) as exc:
            raise DatabaseError(f"database error: {exc}") from exc

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        with self.transaction() as tx:
            tx.execute(sql, params)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        try:
            if self.dialect == "sqlite":
                rows = self._sqlite().execute(sql, tuple(params)).fetchall()
                return [dict(r) for r in rows]
            with self._postgres().cursor() as cur:
                cur.execute(self._sql(sql), tuple(params))
                return list(cur.fetchall())
        except (sqlite3.Error, _pg_errors()) as exc:
            raise DatabaseError(f"database error: {exc}") from exc

    def query_one(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def ensure_schema(self, statements: Sequence[str]) -> None:
        """Run CREATE ... IF NOT EXISTS statements (idempotent, safe at every start)."""
        with self._schema_lock, self.transaction() as tx:
            for stmt in statements:
                tx.execute(stmt)

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None


class Transaction:
    def __init__(self, db: Database, conn: Any) -> None:
        self._db = db
        self._conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement; return the number of rows it changed."""
        cur = self._conn.execute(self._db._sql(sql), tuple(params))
        return cur.rowcount

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self._conn.execute(self._db._sql(sql), tuple(params))
        return [dict(r) for r in cur.fetchall()]


def _enable_wal(conn: sqlite3.Connection) -> None:
    """Switch a new database to WAL.  The switch needs an exclusive lock, and
    SQLite answers 'locked' at once (without the busy handler) when workers
    open a fresh file together, so wait and try again."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _pg_errors() -> type[Exception]:
    try:
        import psycopg

        return psycopg.Error
    except ImportError:  # pragma: no cover
        return sqlite3.Error


def connect(url: str | None) -> Database:
    """``None`` or a path -> SQLite; ``postgresql://...`` -> PostgreSQL."""
    return Database(url or "crossword.sqlite3")
