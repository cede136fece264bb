"""The job queue's PostgreSQL tables come from the one migration list, not from Huey.

Huey's PostgresStorage creates its tables when a process starts, outside any lock, so
gunicorn workers booting together on a fresh database raced on ``CREATE TABLE``
(``UniqueViolation ... huey_kv``).  Step 0007 creates them under the advisory lock,
and `make_huey` tells Huey not to.  The queue also borrows from the process's one
connection pool instead of holding connections of its own."""

from __future__ import annotations

import os
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from huey.storage import PostgresStorage

from crossword.db import Database
from crossword.migrations import MIGRATIONS, Only, migrate
from web.tasks import QUEUE_NAME, make_huey

sys.path.insert(0, str(Path(__file__).resolve().parent / "deploy"))
from deploy_helpers import fresh_schema_url  # noqa: E402

QUEUE_STEP = dict(MIGRATIONS)["0007-queue-postgres"]


def test_the_queue_step_creates_exactly_the_tables_huey_expects():
    """A Huey upgrade that changes its schema fails here: add a new step for it."""
    huey_ddl = PostgresStorage(QUEUE_NAME, dsn="", create_tables=False).ddl
    assert [s.sql for s in QUEUE_STEP if isinstance(s, Only)] == huey_ddl
    assert all(isinstance(s, Only) and s.dialect == "postgres" for s in QUEUE_STEP)


def test_the_queue_step_leaves_sqlite_alone(tmp_path):
    db = Database(str(tmp_path / "app.sqlite3"))
    assert "0007-queue-postgres" in migrate(db)  # recorded, so it is never looked at again
    tables = {r["name"] for r in db.query("SELECT name FROM sqlite_master WHERE type='table'")}
    assert not any(name.startswith("huey_") for name in tables)
    db.close()


def huey_tables(db: Database) -> set[str]:
    rows = db.query(
        "SELECT table_name FROM information_schema.tables"
        " WHERE table_schema = current_schema() AND table_name LIKE ?",
        ("huey%",),
    )
    return {r["table_name"] for r in rows}


@pytest.mark.postgres
def test_huey_creates_no_tables_and_works_on_the_migrated_ones(postgres_url):
    with fresh_schema_url(postgres_url) as url:
        db = Database(url)
        huey = make_huey("database", db)
        assert huey_tables(db) == set()  # Huey ran no CREATE of its own at start
        migrate(db)
        assert huey_tables(db) == {"huey_kv", "huey_schedule", "huey_task", "huey_counter"}
        storage = huey.storage
        storage.enqueue(b"job-1")
        assert storage.queue_size() == 1
        assert storage.dequeue() == b"job-1"
        storage.put_data("k", b"v")
        assert storage.pop_data("k") == b"v"
        db.close()


@pytest.mark.postgres
def test_the_queue_holds_no_connection_beyond_the_process_pool(postgres_url):
    """Huey's own storage kept a connection of its own (and one per LISTENing thread)."""
    name = f"pooltest{os.getpid()}"
    with fresh_schema_url(postgres_url) as url:
        url += f"&application_name={name}"
        db = Database(url, pool_size=1)  # so a connection of Huey's own would show
        migrate(db)
        storage = make_huey("database", db).storage
        with ThreadPoolExecutor(8) as threads:
            list(threads.map(lambda n: storage.enqueue(f"job-{n}".encode()), range(40)))
            taken = list(threads.map(lambda n: storage.dequeue(), range(40)))
        assert sorted(taken) == sorted(f"job-{n}".encode() for n in range(40))
        held = db.query(
            "SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = ?", (name,)
        )[0]["n"]
        assert held == 1
        db.close()


@pytest.mark.postgres
def test_after_huey_closes_the_storage_before_forking_it_opens_its_own_pool(postgres_url):
    with fresh_schema_url(postgres_url) as url:
        db = Database(url, pool_size=2)
        migrate(db)
        storage = make_huey("database", db).storage
        assert storage.close() is True  # the consumer does this before it forks
        assert db.query_one("SELECT 1 AS one") == {"one": 1}  # the app's pool stays open
        storage.enqueue(b"after")  # a forked process: a one-connection pool of its own
        assert storage.dequeue() == b"after"
        storage.close()
        db.close()
