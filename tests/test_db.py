import threading

import pytest

from crossword.db import Database, DatabaseError


@pytest.fixture
def db(tmp_path):
    database = Database(str(tmp_path / "t.sqlite3"))
    database.ensure_schema(["CREATE TABLE IF NOT EXISTS kv (k TEXT PRIMARY KEY, v INTEGER)"])
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
    with pytest.raises(DatabaseError, match="database error"):
        db.query("SELECT * FROM missing_table")
