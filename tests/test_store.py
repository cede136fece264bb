"""The puzzle store over SQLite, and over PostgreSQL when one is configured."""

from __future__ import annotations

import re
import sys
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from crossword.db import Database
from crossword.migrations import MIGRATIONS
from crossword.serialize import puzzle_to_dict
from web.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent / "deploy"))
from deploy_helpers import fresh_schema_url as fresh_schema  # noqa: E402


@pytest.fixture(
    params=[
        "sqlite",
        pytest.param("postgres", marks=pytest.mark.postgres),
    ]
)
def database_url(request, tmp_path):
    if request.param == "sqlite":
        yield str(tmp_path / "store.sqlite3")
        return
    # a fresh schema of its own: empty like a new database, and apart from tests
    # running at the same time in other processes (pytest -n)
    with fresh_schema(request.getfixturevalue("postgres_url")) as url:
        yield url


@pytest.fixture
def open_store(database_url):
    """open_store() -> a new Store (a new Database handle, like another worker)."""
    opened: list[Store] = []

    def _open() -> Store:
        s = Store(Database(database_url))
        opened.append(s)
        return s

    yield _open
    for s in opened:
        s.db.close()


@pytest.fixture
def store(open_store):
    s = open_store()
    s.migrate()
    return s


def test_migrations_run_once_and_are_recorded(open_store):
    first = open_store()
    assert first.migrate() == [name for name, _ in MIGRATIONS]
    assert open_store().migrate() == []
    rows = first.db.query("SELECT name FROM schema_migrations")
    assert {r["name"] for r in rows} == {name for name, _ in MIGRATIONS}


def test_a_saved_puzzle_reads_back_equal(store, small_puzzle):
    puzzle_id = store.save(small_puzzle)
    assert re.fullmatch(r"[A-Za-z0-9_-]{10}", puzzle_id)
    again = store.get(puzzle_id)
    assert puzzle_to_dict(again) == puzzle_to_dict(small_puzzle)
    assert again.stats["cache_hits"] == 2


def test_ids_are_unique(store, small_puzzle):
    ids = {store.save(small_puzzle) for _ in range(20)}
    assert len(ids) == 20


def test_an_unknown_id_is_none(store):
    assert store.get("nosuchpuzzle") is None


def test_emoji_and_markup_survive(store, small_puzzle):
    title = 'Fish 🐟 <script>alert("x")</script> & "quotes"'
    puzzle_id = store.save(replace(small_puzzle, title=title))
    assert store.get(puzzle_id).title == title


def test_recent_lists_newest_first_with_stats(store, small_puzzle):
    store.save(replace(small_puzzle, title="old", created_at="2024-01-01T00:00:00+00:00"))
    store.save(replace(small_puzzle, title="new", created_at="2025-06-01T00:00:00+00:00"))
    rows = store.recent(10)
    assert [r["title"] for r in rows] == ["new", "old"]
    assert rows[0]["stats"]["total_ms"] == 12.5
    assert rows[0]["entries"] == 2 and rows[0]["width"] == 5


def test_puzzles_survive_a_restart(open_store, small_puzzle):
    first = open_store()
    first.migrate()
    puzzle_id = first.save(small_puzzle)
    first.db.close()
    second = open_store()
    second.migrate()
    assert second.get(puzzle_id).title == "River life"


def test_a_job_finishes_with_its_puzzle_in_one_transaction(store, small_puzzle):
    job_id = store.new_job_id()
    store.create_job(job_id)
    assert store.job(job_id)["status"] == "running"
    puzzle_id = store.save(small_puzzle, job_id=job_id)
    job = store.job(job_id)
    assert job["status"] == "done" and job["puzzle_id"] == puzzle_id and job["error"] is None


def test_a_failed_job_keeps_its_error_and_stores_no_puzzle(store):
    job_id = store.new_job_id()
    store.create_job(job_id)
    body = {"ok": False, "status": 422, "error": "no usable words"}
    store.fail_job(job_id, body)
    assert store.job(job_id)["error"] == body
    assert store.count() == 0


def test_a_job_left_running_by_a_dead_worker_reads_as_failed(store):
    job_id = store.new_job_id()
    store.create_job(job_id)
    store.db.execute(
        "UPDATE jobs SET created_at = ? WHERE id = ?", ("2000-01-01T00:00:00+00:00", job_id)
    )
    job = store.job(job_id, stale_after=60)
    assert job["status"] == "failed"
    assert "interrupted" in job["error"]["error"]
    assert store.job("nosuchjob") is None


def test_concurrent_writers_lose_nothing(database_url, open_store, small_puzzle):
    """Eight threads, each with its own Database handle (like gunicorn workers)."""
    open_store().migrate()
    saved: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    start = threading.Barrier(8)

    def writer(n: int) -> None:
        own = Store(Database(database_url))
        try:
            start.wait()
            for i in range(6):
                puzzle_id = own.save(replace(small_puzzle, title=f"writer {n} puzzle {i}"))
                with lock:
                    saved.append(puzzle_id)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            own.db.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    reader = open_store()
    assert len(set(saved)) == 48
    assert reader.count() == 48
    titles = {reader.get(pid).title for pid in saved}
    assert len(titles) == 48


def test_concurrent_migrations_do_not_race(database_url):
    errors: list[BaseException] = []

    def migrate() -> None:
        own = Store(Database(database_url))
        try:
            own.migrate()
        except BaseException as exc:  # pragma: no cover
            errors.append(exc)
        finally:
            own.db.close()

    threads = [threading.Thread(target=migrate) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors


def test_reads_of_a_stored_puzzle_are_served_from_memory(store, small_puzzle):
    puzzle_id = store.save(small_puzzle)
    first = store.get(puzzle_id)
    store.db.execute(
        "DELETE FROM puzzles WHERE id = ?", (puzzle_id,)
    )  # stored puzzles never change
    assert store.get(puzzle_id) is first
    assert store.get("no-such-id") is None  # misses are not remembered
