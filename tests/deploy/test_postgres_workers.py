"""gunicorn on PostgreSQL as docs/DEPLOY.md runs it: workers starting together on a fresh
database, and bursts of requests under a role with a 20-connection limit.

Each trial gets a fresh, empty schema (the same as a fresh database for the app: every
table is created by the first worker that takes the migration lock)."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from deploy_helpers import (
    GUNICORN,
    LIMITED_ROLE,
    Gunicorn,
    call,
    fresh_schema,
    with_schema,
    with_user,
)

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.slow,
    pytest.mark.skipif(not GUNICORN.exists(), reason="gunicorn is not installed in this venv"),
]

WORDS = ["otter", "beaver", "heron", "salmon", "trout", "reed"]


TRIALS = 3  # per test; two tests per worker count, so xdist runs them side by side.
# The migration race this guards against failed 9 starts in 10.


@pytest.mark.parametrize("batch", [1, 2], ids=["a", "b"])
@pytest.mark.parametrize("workers", [2, 4], ids=["2-workers", "4-workers"])
def test_workers_boot_together_on_a_fresh_database(postgres_url, tmp_path, workers, batch):
    failures = []
    for trial in range(TRIALS):
        with fresh_schema(postgres_url) as schema:
            server = Gunicorn(
                tmp_path, workers, CROSSWORD_DATABASE=with_schema(postgres_url, schema)
            )
            try:
                ok = server.booted() and call(server.url + "/api/health")[0] == 200
                if not ok:
                    failures.append((trial, server.log()[-1500:]))
            finally:
                server.stop()
    assert failures == [], f"{len(failures)} of {TRIALS} starts failed; first: {failures[0]}"


@pytest.fixture
def limited_url(postgres_url):
    """The test database as the role with CONNECTION LIMIT 20 (.ci/run creates it)."""
    import psycopg

    url = with_user(postgres_url, LIMITED_ROLE, "crossword")
    try:
        with psycopg.connect(url, connect_timeout=2) as conn:
            limit = conn.execute(
                "SELECT rolconnlimit FROM pg_roles WHERE rolname = current_user"
            ).fetchone()[0]
    except psycopg.Error as exc:
        pytest.skip(
            f"no role {LIMITED_ROLE} to test a connection limit with ({type(exc).__name__})"
        )
    assert limit == 20, f"{LIMITED_ROLE} should have CONNECTION LIMIT 20, has {limit}"
    return url


class ConnectionWatch:
    """Samples how many connections the limited role holds, until stopped."""

    def __init__(self, owner_url: str) -> None:
        import psycopg

        self.conn = psycopg.connect(owner_url, autocommit=True)
        self.samples: list[int] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            row = self.conn.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE usename = %s", (LIMITED_ROLE,)
            ).fetchone()
            self.samples.append(int(row[0]))
            time.sleep(0.02)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        self.conn.close()
        return max(self.samples)


def one_request(base: str, n: int) -> tuple[int, object]:
    """A mix that reaches the database: health (a query), unknown ids, new puzzles."""
    if n % 4 == 0:
        return call(base + "/api/puzzles", {"words": WORDS, "seed": n})
    if n % 4 == 1:
        return call(base + f"/api/puzzles/missing{n:04d}")
    return call(base + "/api/health")


def test_bursts_under_a_connection_limit_queue_instead_of_failing(
    postgres_url, limited_url, tmp_path
):
    # docs/DEPLOY.md's budget: (web workers + job workers) x pool + 1 (the queue's
    # scheduler) = (4 + 2) x 3 + 1 = 19 connections at most, under the role's 20
    workers, job_workers, pool = 4, 2, 3
    budget = (workers + job_workers) * pool + 1
    with fresh_schema(postgres_url, grant_to=LIMITED_ROLE) as schema:
        server = Gunicorn(
            tmp_path, workers,
            CROSSWORD_DATABASE=with_schema(limited_url, schema),
            CROSSWORD_DATABASE_POOL_SIZE=str(pool),
            CROSSWORD_JOB_WORKERS=str(job_workers),
            CROSSWORD_RATE_LIMIT_PER_MINUTE="0",
            # 30 puzzles are asked for in 3 bursts: the queue's own back-pressure (503 "busy
            # making other puzzles" past JOB_QUEUE_LIMIT) is not what this test is about
            CROSSWORD_JOB_QUEUE_LIMIT="100",
        )  # fmt: skip
        watch = ConnectionWatch(postgres_url)
        try:
            assert server.booted(), server.log()[-2000:]
            statuses = []
            with ThreadPoolExecutor(40) as pool_of_clients:
                for burst in range(3):
                    results = list(
                        pool_of_clients.map(
                            lambda n, b=burst: one_request(server.url, b * 40 + n), range(40)
                        )
                    )
                    statuses += [status for status, _ in results]
                    bad = [(s, body) for s, body in results if s not in (200, 201, 202, 404)]
                    assert bad == [], f"burst {burst + 1}: {len(bad)} errors, e.g. {bad[:3]}"
        finally:
            held = watch.stop()
            server.stop()
    assert len(statuses) == 120
    assert statuses.count(404) == 30  # the unknown ids were looked up, not refused
    assert 0 < held <= budget, f"held {held} connections; the budget is {budget}"
