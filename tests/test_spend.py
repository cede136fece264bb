"""The daily spending cap (crossword/spend.py): reserve before a call, settle after, so
concurrent calls cannot spend past the cap by more than one call's estimate."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

import pytest

from crossword.db import Database
from crossword.spend import SpendCap, estimate_usd


def spend_concurrently(cap: SpendCap, calls: int, estimate: float, actual: float) -> int:
    """``calls`` threads at once: reserve, "call" (a short sleep), settle; returns calls made."""
    made = []
    start = threading.Barrier(calls)

    def one() -> None:
        start.wait()
        try:
            reservation = cap.reserve(estimate)
            if reservation is None:
                return
            time.sleep(0.05)  # the model call, during which the others decide
            cap.settle(reservation, actual)
            made.append(1)
        finally:
            if cap.db is not None:
                cap.db.close()  # this thread's connection

    threads = [threading.Thread(target=one) for _ in range(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return len(made)


@pytest.fixture(params=["memory", "sqlite", "postgres"])
def make_cap(request, tmp_path):
    if request.param == "memory":
        yield lambda usd: SpendCap(None, usd)
        return
    if request.param == "sqlite":
        db = Database(str(tmp_path / "spend.sqlite3"))
    else:
        db = Database(request.getfixturevalue("postgres_url"))
        db.ensure_schema(["CREATE TABLE IF NOT EXISTS spend_ledger (id TEXT PRIMARY KEY)"])
        db.execute("DROP TABLE spend_ledger")
    yield lambda usd: SpendCap(db, usd)
    db.close()


def test_twenty_concurrent_calls_stay_under_the_cap(make_cap):
    """The issue's case: cap $0.10, 20 generations at once, ~$0.01 a call."""
    cap = make_cap(0.10)
    made = spend_concurrently(cap, 20, estimate=0.012, actual=0.01)
    # 8 reservations fit (8 x 0.012 = 0.096); one settled early may make room for a ninth
    assert 8 <= made <= 9
    assert cap.spent_today() == pytest.approx(made * 0.01)  # settled at what calls cost
    assert cap.spent_today() <= 0.10
    assert cap.reserve(0.03) is None


def test_the_overshoot_is_at_most_what_calls_cost_beyond_their_estimate(make_cap):
    cap = make_cap(0.10)
    spend_concurrently(cap, 20, estimate=0.01, actual=0.011)  # each call 10% over its estimate
    assert cap.spent_today() <= 0.10 + 0.01  # under one call's estimate past the cap


def test_unsettled_reservations_count_and_a_new_day_starts_afresh(tmp_path):
    now = [datetime(2026, 5, 1, 23, 59, tzinfo=UTC)]
    cap = SpendCap(Database(str(tmp_path / "s.sqlite3")), 1.0, clock=lambda: now[0])
    held = cap.reserve(0.7)
    assert held is not None and cap.reserve(0.4) is None  # 0.7 held, not yet settled
    cap.settle(held, 0.2)
    assert cap.spent_today() == pytest.approx(0.2) and cap.reserve(0.4) is not None
    now[0] += timedelta(minutes=2)
    assert cap.spent_today() == 0 and cap.reserve(0.9) is not None


def test_the_estimate_grows_with_the_prompt_and_the_items():
    short = estimate_usd("gpt-4o-mini", [{"role": "user", "content": "x" * 300}], 5)
    long = estimate_usd("gpt-4o-mini", [{"role": "user", "content": "x" * 3000}], 20)
    assert 0 < short < long
