"""Cost and abuse limits: a rate limit shared by all workers (429 + Retry-After), the
daily spending cap (offline hints with a notice), the bound on model calls in flight."""

from __future__ import annotations

import pytest
from hardening_helpers import WORDS

from crossword.db import Database
from web.ratelimit import DatabaseRateLimit, RateLimit


def make(client, **body):
    return client.post("/api/puzzles", json={"words": WORDS, **body})


def test_two_workers_share_one_limit(make_app, tmp_path):
    """Two app instances over one database stand for two gunicorn workers."""
    apps = [make_app(RATE_LIMIT_PER_MINUTE=3) for _ in range(2)]
    for app in apps:  # one fixed moment: a minute boundary mid-test would reset the window
        app.extensions["crossword.rate_limit"].clock = lambda: 1_000_020.0
    first, second = (app.test_client() for app in apps)
    statuses = [make(c).status_code for c in (first, second, first, second)]
    assert statuses == [201, 201, 201, 429]
    response = make(first)
    assert response.status_code == 429
    retry = int(response.headers["Retry-After"])
    assert 1 <= retry <= 61
    assert response.get_json()["error"].startswith("too many puzzles")


def test_the_limit_is_per_client(make_app):
    client = make_app(RATE_LIMIT_PER_MINUTE=1).test_client()
    assert make(client, seed=1).status_code == 201
    assert make(client, seed=1).status_code == 429
    other = client.post(
        "/api/puzzles", json={"words": WORDS}, environ_base={"REMOTE_ADDR": "10.0.0.9"}
    )
    assert other.status_code == 201


def test_reads_are_not_limited(make_app):
    app = make_app(RATE_LIMIT_PER_MINUTE=1)
    app.extensions["crossword.rate_limit"].clock = lambda: 1_000_020.0  # one window throughout
    client = app.test_client()
    puzzle_id = make(client).get_json()["id"]
    assert make(client).status_code == 429
    for _ in range(20):
        assert client.get(f"/api/puzzles/{puzzle_id}").status_code == 200


def test_the_database_window_rolls_over(tmp_path):
    now = [120.0]
    limiter = DatabaseRateLimit(Database(str(tmp_path / "r.sqlite3")), 2, clock=lambda: now[0])
    limiter.hit("a")
    limiter.hit("a")
    with pytest.raises(Exception) as caught:
        limiter.hit("a")
    assert caught.value.status == 429 and caught.value.headers["Retry-After"] == "61"
    now[0] = 180.0  # the next minute
    limiter.hit("a")


def test_the_memory_limiter_still_exists_and_bounds_its_keys():
    limiter = RateLimit(1, clock=lambda: 0.0)
    limiter.hit("x" * 10_000)
    assert all(len(k) <= 100 for k in limiter._hits)


def test_a_wrong_store_name_fails_at_start(make_app):
    with pytest.raises(ValueError, match="RATE_LIMIT_STORE"):
        make_app(RATE_LIMIT_PER_MINUTE=5, RATE_LIMIT_STORE="redis")


# -- the daily budget ---------------------------------------------------------------
def _spend(app, usd: float) -> None:
    """Spend through the cap's ledger, as the model client does (reserve, then settle)."""
    from crossword.spend import SpendCap

    cap = SpendCap(app.extensions["crossword.store"].db, 1e9)
    cap.settle(cap.reserve(usd), usd)


def test_a_spent_budget_means_offline_hints_with_a_notice(make_app, fake_provider):
    chosen = []

    def factory(settings, db):
        chosen.append(settings.provider)
        return fake_provider()

    app = make_app(
        PROVIDER="compatible", BASE_URL="http://127.0.0.1:9/v1", MODEL="m",
        DAILY_BUDGET_USD=0.5, PROVIDER_FACTORY=factory,
    )  # fmt: skip
    client = app.test_client()
    first = make(client)
    assert first.status_code == 201 and first.get_json()["notices"] == []
    _spend(app, 0.6)
    second = make(client)
    assert second.status_code == 201
    assert chosen == ["compatible", "offline"]
    notices = second.get_json()["notices"]
    assert notices and "budget" in notices[0]
    job = client.get(second.get_json()["job"]["url"]).get_json()["job"]
    assert job["notices"] == notices


def test_offline_requests_ignore_the_budget(make_app):
    app = make_app(DAILY_BUDGET_USD=0.01)
    _spend(app, 1.0)
    assert make(app.test_client()).get_json()["notices"] == []


def test_model_calls_in_flight_are_bounded_per_process(make_app):
    app = make_app(
        PROVIDER="compatible", BASE_URL="http://127.0.0.1:9/v1", MODEL="m", MAX_MODEL_CALLS=3
    )
    slots = app.extensions["crossword.model_calls"].slots
    assert slots._initial_value == 3
