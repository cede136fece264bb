import sys
import threading
import time
from pathlib import Path

import pytest

from crossword.db import Database, DatabaseError


@pytest.fixture
def db(tmp_path):
    database = Database(str(tmp_path / "t.sqlite3"))
    database.execute("CREATE TABLE IF NOT EXISTS kv (k TEXT PRIMARY KEY, v INTEGER)")
    return database


def test_transaction_commits_all_or_nothing(db):
    with pytest.raises(RuntimeError), db.transaction() as tx:
        tx.execute("INSERT INTO kv VALUES (?, ?)", ("a", 1))
        raise RuntimeError("crash half-way")
    assert db.query("SELECT * FROM kv") == []
    with db.transaction() as tx:
        tx.execute("INSERT INTO kv VALUES (?, ?)", ("a", 1))
    assert db.query_one("SELECT v FROM kv WHERE k = ?", ("a",)) == {"v": 1}


def test_upsert_is_portable(db):
    sql = "INSERT INTO kv VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = kv.v + excluded.v"
    db.execute(sql, ("a", 1))
    db.execute(sql, ("a", 2))
    assert db.query_one("SELECT v FROM kv") == {"v": 3}


def test_concurrent_writers_lose_nothing(db):
    def write(n):
        for i in range(20):
            db.execute("INSERT INTO kv VALUES (?, ?)", (f"{n}-{i}", i))

    threads = [threading.Thread(target=write, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert db.query_one("SELECT COUNT(*) AS n FROM kv") == {"n": 120}


def test_errors_are_crossword_errors(db):
    with pytest.raises(DatabaseError, match="a database operation failed"):
        db.query("SELECT * FROM missing_table")


# -- PostgreSQL: one bounded pool per process ------------------------------------------
@pytest.fixture
def pg(postgres_url):
    """A pool of two connections over a fresh table in a schema of its own."""
    sys.path.insert(0, str(Path(__file__).resolve().parent / "deploy"))
    from deploy_helpers import fresh_schema_url

    with fresh_schema_url(postgres_url) as url:
        database = Database(url, pool_size=2)
        database.execute("CREATE TABLE pool_probe (k TEXT PRIMARY KEY, backend INTEGER)")
        yield database
        database.close()


@pytest.mark.postgres
def test_threads_queue_for_a_pooled_connection_instead_of_opening_more(pg):
    """Twelve threads, each holding a connection for a moment: all succeed, and no
    more than two server connections (backends) ever serve them."""
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            with pg.transaction() as tx:
                backend = tx.query("SELECT pg_backend_pid() AS pid")[0]["pid"]
                tx.query("SELECT pg_sleep(0.05)")
                tx.execute("INSERT INTO pool_probe VALUES (?, ?)", (str(n), backend))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    rows = pg.query("SELECT backend FROM pool_probe")
    assert len(rows) == 12
    assert len({r["backend"] for r in rows}) <= 2
    assert pg.pool_stats()["open"] <= 2


@pytest.mark.postgres
def test_a_connection_is_given_back_after_every_statement(pg):
    for _ in range(5):
        pg.query("SELECT 1 AS one")
    with pg.transaction() as tx:
        tx.execute("INSERT INTO pool_probe VALUES ('a', 0)")
    # psycopg_pool files a returned connection from its own worker thread: give it a moment
    deadline = time.monotonic() + 5
    while (stats := pg.pool_stats())["idle"] != stats["open"] and time.monotonic() < deadline:
        time.sleep(0.01)
    assert stats["idle"] == stats["open"] >= 1  # nothing held between calls


def test_an_unreachable_database_is_one_plain_sentence(free_port):
    """No host, port or driver text in the message (it may reach an API body);
    the driver's error stays on the cause, for the log."""
    pytest.importorskip("psycopg_pool")
    db = Database(f"postgresql://nobody:secret@127.0.0.1:{free_port}/nothing", pool_timeout=0.5)
    try:
        with pytest.raises(DatabaseError) as info:
            db.query("SELECT 1")
    finally:
        db.close()
    message = info.value.message
    assert message == "the database is unavailable; please try again in a moment"
    assert str(free_port) not in message and "127.0.0.1" not in message
    assert info.value.__cause__ is not None


@pytest.fixture
def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_the_busy_timeout_setting_reaches_the_app_s_sqlite_connections(monkeypatch, make_app):
    """CROSSWORD_DATABASE_BUSY_TIMEOUT: how long a write waits for another process's lock."""
    assert Database(":memory:").query_one("PRAGMA busy_timeout") == {"timeout": 15000}
    monkeypatch.setenv("CROSSWORD_DATABASE_BUSY_TIMEOUT", "0.5")
    db = make_app().extensions["crossword.store"].db
    assert db.query_one("PRAGMA busy_timeout") == {"timeout": 500}
