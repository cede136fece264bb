"""gunicorn on PostgreSQL as docs/DEPLOY.md runs it: workers starting together on a fresh
database, and bursts of requests under a role with a 20-connection limit.

Each trial gets a fresh, empty schema (the same as a fresh database for the app: every
table is created by the first worker that takes the migration lock)."""

from __future__ import annotations

import threading
import time
import urllib.parse
from collections.abc import Iterator
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


# Per test; two tests per worker count, so 4 fresh-database starts each with 2 and with
# 4 workers, and xdist runs the two side by side.  The migration race this guards
# against failed 9 starts in 10, so 4 starts miss it with a chance of 1 in 10,000.
# The count, 0 failures in 10 starts, is measured by bench/boot_trials.py: a
# start costs seconds of CPU (every worker imports the app), and 20 of them were the
# suite's longest test file.
TRIALS = 2


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


BURST_LOCK = 7_202_412  # an advisory lock in the server's `postgres` database


@pytest.fixture
def one_burst_at_a_time(postgres_url: str) -> Iterator[None]:
    """The role's connection limit holds for the whole server: two runs of this test at
    once (other checkouts testing against the same server) would exhaust each other's
    connections, and count each other's.  Wait for the other run, through a lock every
    database's run can see, before touching the role at all."""
    import psycopg

    parts = urllib.parse.urlsplit(postgres_url)
    try:
        conn = psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True)
    except psycopg.Error:  # no access to that database: the test runs unguarded
        yield
        return
    with conn:
        conn.execute("SELECT pg_advisory_lock(%s)", (BURST_LOCK,))
        try:
            yield
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s)", (BURST_LOCK,))


@pytest.fixture
def limited_url(one_burst_at_a_time, postgres_url):
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
    """Samples the connections the app holds in the test database, per process, until stopped.

    crossword.db names every connection after its process (``crossword:<pid>``), so a
    connection that did not come from a process's pool (no such name) would show, and
    so would a process holding more than its pool.  Only this database counts: other
    checkouts sharing the server may use the same role at the same time."""

    def __init__(self, owner_url: str) -> None:
        import psycopg

        self.conn = psycopg.connect(owner_url, autocommit=True)
        self.peak = 0
        self.peak_by_process: dict[str, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            rows = self.conn.execute(
                "SELECT application_name, count(*) FROM pg_stat_activity"
                " WHERE usename = %s AND datname = current_database() GROUP BY 1",
                (LIMITED_ROLE,),
            ).fetchall()
            self.peak = max(self.peak, sum(int(n) for _, n in rows))
            for name, n in rows:
                self.peak_by_process[name] = max(self.peak_by_process.get(name, 0), int(n))
            time.sleep(0.01)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
        self.conn.close()


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
    # scheduler process) = (4 + 2) x 3 + 1 = 19 connections at most, under the role's 20
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
        watch = ConnectionWatch(postgres_url)  # from before the boot: migrations count too
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
            watch.stop()
            server.stop()
    assert len(statuses) == 120
    assert statuses.count(404) == 30  # the unknown ids were looked up, not refused
    held = watch.peak_by_process
    print(f"peak {watch.peak} of a budget of {budget}; per process: {sorted(held.values())}")
    assert 0 < watch.peak <= budget, f"held {watch.peak} connections; the budget is {budget}"
    # every connection came from a process's pool, and no process held more than its pool
    assert all(name.startswith("crossword:") for name in held), held
    assert max(held.values()) <= pool, held
    # web workers, job workers, the scheduler, and the worker's parent (at start, before
    # its children open theirs): nothing else opened the database
    assert len(held) <= workers + job_workers + 2, held
