"""Job rows and leases (web/jobs.py), the worker's run (web/tasks.py) and the web side
(web/dispatch.py), over a real SQLite database with a hand-moved clock."""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from huey import MemoryHuey

from crossword.db import Database, DatabaseError
from web.jobs import INTERRUPTED, NOT_TAKEN, JobRecords, LeaseLost
from web.store import Store
from web.tasks import Queue, reap, run_job

sys.path.insert(0, str(Path(__file__).resolve().parent / "deploy"))
from deploy_helpers import fresh_schema_url  # noqa: E402


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


class FlakyDatabase(Database):
    """A Database whose next ``failures`` transactions fail, as in an outage."""

    failures = 0

    @contextmanager
    def transaction(self):
        if self.failures > 0:
            self.failures -= 1
            raise DatabaseError("database error: the server closed the connection")
        with super().transaction() as tx:
            yield tx


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def db(tmp_path):
    database = FlakyDatabase(str(tmp_path / "jobs.sqlite3"))
    Store(database).migrate()
    return database


@pytest.fixture
def records(db, clock):
    return JobRecords(db, lease=30, max_attempts=2, queue_timeout=600, clock=clock,
                      sleep=lambda s: None)  # fmt: skip


def puzzles(db) -> int:
    return db.query_one("SELECT COUNT(*) AS n FROM puzzles")["n"]


def test_a_job_is_claimed_once_and_finished_with_its_puzzle(records, db, small_puzzle):
    records.create("j1", {"request": {}, "provider": "offline"}, ["a notice"])
    assert records.get("j1")["status"] == "queued" and records.queued() == 1
    claimed = records.claim("j1", "host:1")
    assert claimed["attempt"] == 1 and claimed["notices"] == ["a notice"]
    assert records.claim("j1", "host:2") is None  # a second delivery does nothing
    records.beat("j1", 1, "hints", {"hints": {"done": 1}})
    assert records.get("j1")["progress"] == {"hints": {"done": 1}}
    puzzle_id = records.finish("j1", 1, small_puzzle, Store(db), progress={"done": {}})
    job = records.get("j1")
    assert job["status"] == "done" and job["puzzle_id"] == puzzle_id and job["stage"] == "done"
    assert Store(db).get(puzzle_id).title == small_puzzle.title


def test_the_final_write_is_retried_through_an_outage(records, db, small_puzzle):
    records.create("j1", {}, [])
    records.claim("j1", "host:1")
    db.failures = 3  # the first three writes fail
    records.finish("j1", 1, small_puzzle, Store(db))
    assert records.get("j1")["status"] == "done" and puzzles(db) == 1
    records.create("j2", {}, [])
    records.claim("j2", "host:1")
    db.failures = 2
    records.fail("j2", 1, {"ok": False, "status": 422, "error": "no"})
    assert records.get("j2")["error"]["error"] == "no"


def test_an_outage_longer_than_the_retries_is_raised(records, db, small_puzzle):
    records.create("j1", {}, [])
    records.claim("j1", "host:1")
    db.failures = 100
    with pytest.raises(DatabaseError):
        records.finish("j1", 1, small_puzzle, Store(db))
    db.failures = 0
    assert records.get("j1")["status"] == "running" and puzzles(db) == 0  # the lease decides


def test_a_worker_that_lost_its_lease_stores_nothing(records, db, clock, small_puzzle):
    records.create("j1", {}, [])
    records.claim("j1", "host:1")
    clock.now += 31
    [row] = records.expired()
    assert records.requeue_or_fail(row) == "queued"
    with pytest.raises(LeaseLost):
        records.beat("j1", 1, "hints", {})
    with pytest.raises(LeaseLost):
        records.finish("j1", 1, small_puzzle, Store(db))
    assert puzzles(db) == 0  # the puzzle insert was rolled back with the job update
    assert records.claim("j1", "host:2")["attempt"] == 2


def test_a_second_expiry_fails_the_job(records, clock):
    records.create("j1", {}, [])
    for attempt in (1, 2):
        assert records.claim("j1", "host")["attempt"] == attempt
        clock.now += 31
        [row] = records.expired()
        outcome = records.requeue_or_fail(row)
    assert outcome == "failed"
    assert records.get("j1")["error"] == INTERRUPTED
    assert records.requeue_or_fail(row) is None  # another process settled it already


def test_a_queued_job_no_worker_takes_is_failed(records, clock):
    records.create("j1", {}, [])
    clock.now += 599
    assert records.expired() == []
    clock.now += 2
    [row] = records.expired()
    assert records.requeue_or_fail(row) == "failed"
    assert records.get("j1")["error"] == NOT_TAKEN


def test_a_fresh_heartbeat_keeps_the_lease(records, clock):
    records.create("j1", {}, [])
    records.claim("j1", "host")
    for _ in range(5):
        clock.now += 20
        records.beat("j1", 1, "layout", {})
        assert records.expired() == []


def test_reap_queues_the_job_again_on_the_queue(records, clock):
    queue = Queue(MemoryHuey("test", results=False))
    records.create("j1", {}, [])
    records.claim("j1", "host")
    clock.now += 31
    assert reap(records, queue) == {"queued": 1, "failed": 0}
    assert queue.huey.pending_count() == 1


def test_run_job_records_a_library_error_as_the_api_body(records, db):
    from crossword.errors import WordListError

    def build(payload):
        def work(on_progress):
            on_progress("words", {"count": 0})
            raise WordListError("none of these words can be used")

        return work

    records.create("j1", {"field": "words"}, [])
    run_job(records, Store(db), "j1", build)
    job = records.get("j1")
    assert job["status"] == "failed" and job["error"]["status"] == 422
    assert job["error"]["errors"][0]["field"] == "words"


# -- the web side ------------------------------------------------------------------
def test_a_poll_settles_a_job_whose_worker_died(make_app):
    app = make_app()
    records = app.extensions["crossword.job_records"]
    records.create("deadjob1", {}, [])
    records.claim("deadjob1", "gone:1")
    records.db.execute("UPDATE generation_jobs SET heartbeat_at = heartbeat_at - 3600")
    job = app.test_client().get("/api/jobs/deadjob1").get_json()["job"]
    assert job["status"] == "queued" and job["attempts"] == 1  # run once more
    assert "heartbeat_at" not in job


ID_ROUTES = [
    ("GET", "/api/jobs/{}"), ("GET", "/api/puzzles/{}"), ("GET", "/api/puzzles/{}.json"),
    ("GET", "/api/puzzles/{}/print"), ("POST", "/api/puzzles/{}/edits"),
    ("GET", "/p/{}"), ("GET", "/p/{}/print"),
]  # fmt: skip


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_database_app(request, make_app):
    """An app on SQLite, or on a fresh PostgreSQL schema (a NUL was 503 there, not 404)."""
    if request.param == "sqlite":
        yield make_app()
        return
    with fresh_schema_url(request.getfixturevalue("postgres_url")) as url:
        app = make_app(DATABASE=url)
        yield app
        app.extensions["crossword.jobs"].shutdown(wait=True)
        app.extensions["crossword.store"].db.close()


@pytest.mark.parametrize(("method", "route"), ID_ROUTES, ids=[r for _, r in ID_ROUTES])
def test_a_nul_in_any_id_is_404(any_database_app, method, route):
    client = any_database_app.test_client()
    for raw in ("abc%00def", "%00", "abcdef%00"):
        response = client.open(
            route.format(raw), method=method, json={} if method == "POST" else None
        )
        assert response.status_code == 404, (route, raw, response.status_code)
        if route.startswith("/api/"):
            assert response.get_json()["ok"] is False


def test_invalid_bodies_do_not_use_up_the_quota(make_app):
    client = make_app(RATE_LIMIT_PER_MINUTE=2).test_client()
    for _ in range(5):
        assert client.post("/api/puzzles", json={"words": "not a list"}).status_code == 422
        assert (
            client.post("/api/puzzles", data="{", content_type="application/json").status_code
            == 400
        )
    assert (
        client.post("/api/puzzles", json={"words": ["otter", "heron", "trout"]}).status_code == 201
    )


def test_a_failed_generation_503_says_when_to_retry(make_app, fake_provider):
    from crossword.errors import HintError

    app = make_app(provider=fake_provider(error=HintError("the model is unavailable")))
    response = app.test_client().post("/api/puzzles", json={"words": ["otter", "heron"]})
    assert response.status_code == 503 and int(response.headers["Retry-After"]) > 0
    assert json.loads(response.data)["error"] == "the model is unavailable"


def test_share_urls_come_from_the_public_url_not_the_host_header(make_app):
    client = make_app(PUBLIC_URL="https://crossword.example/", PROXY_COUNT=1).test_client()
    response = client.post(
        "/api/puzzles", json={"words": ["otter", "heron", "trout"]},
        headers={"Host": "evil.example", "X-Forwarded-Host": "evil2.example"},
    )  # fmt: skip
    body = response.get_json()
    assert body["urls"]["play"].startswith("https://crossword.example/p/")
    assert body["job"]["url"].startswith("https://crossword.example/api/jobs/")
    assert "evil" not in response.get_data(as_text=True)


@pytest.mark.postgres
def test_leases_run_out_on_time_on_postgresql(postgres_url):
    """UNIX times keep their fractions there too (PostgreSQL's REAL rounded them to 128 s,
    so a 30 s lease ran out a minute late or at once)."""
    clock = Clock()
    clock.now = 1_764_768_017.25  # a time of this decade, not a multiple of 128
    with fresh_schema_url(postgres_url) as url:
        db = Database(url, pool_size=1)
        try:
            records = JobRecords(db, lease=30, clock=clock)
            records.create("j1", {}, [])
            records.claim("j1", "host:1")
            assert records.get("j1")["heartbeat_at"] == clock.now
            clock.now += 29.5
            assert records.expired() == []
            clock.now += 1
            [row] = records.expired()
            assert records.requeue_or_fail(row) == "queued"
        finally:
            db.close()
