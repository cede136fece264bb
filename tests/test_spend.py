"""The daily spending cap (crossword/spend.py): reserve before a call, settle after, so
concurrent calls cannot spend past the cap by more than one call's estimate."""

from __future__ import annotations

import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

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
            if cap.db is not None and cap.db.dialect == "sqlite":
                cap.db.close()  # this thread's connection (on PostgreSQL: the shared pool)

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
        # an empty schema of its own (tables from crossword.migrations), apart from
        # tests running at the same time
        sys.path.insert(0, str(Path(__file__).resolve().parent / "deploy"))
        from deploy_helpers import fresh_schema_url

        with fresh_schema_url(request.getfixturevalue("postgres_url")) as url:
            db = Database(url)
            yield lambda usd: SpendCap(db, usd)
            db.close()
        return
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


def test_todays_spending_adds_up_to_the_cent_and_beyond(make_cap):
    """PostgreSQL's REAL kept about 7 digits and summed in 4 bytes: 200 calls of
    $0.123456789 came to $24.69135 and some, not $24.6913578."""
    cap = make_cap(100.0)
    for _ in range(200):
        held = cap.reserve(0.2)
        assert held is not None
        cap.settle(held, 0.123456789)
    assert cap.spent_today() == pytest.approx(200 * 0.123456789, abs=1e-7)


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


# -- through the model client: 20 generations at once against a local model server -------
def test_concurrent_generations_do_not_overshoot_the_daily_cap(tmp_path):
    """The issue's probe: 20 generations at once used to spend twice the cap, because each
    call checked "spent < cap" before any of them had spent.  Each "generation" has its own
    provider (as each web job does), sharing one database; every model call costs what its
    tokens cost (the server counts them), and takes 0.3 s so they all overlap."""
    from llm_server import LLMServer, hints, slow

    from crossword.trace import Tracer

    db = Database(str(tmp_path / "cap.sqlite3"))
    tracer = Tracer(db)
    with LLMServer() as server:
        server.responder = lambda body: slow(0.3, hints({1: ("Striped jungle hunter", "🐅🌿")}))
        one = _generate_once(server, tracer, None)
        per_call = tracer.spent_today()
        assert per_call > 0
        cap = per_call * 5.5  # room for five calls
        estimate = 2 * estimate_usd("gpt-4o-mini", [{"content": "x" * 2000}], 1)
        threads = [
            threading.Thread(target=_generate_once, args=(server, tracer, cap + per_call))
            for _ in range(20)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    spent = tracer.spent_today() - per_call  # the 20, without the first measuring call
    assert one is not None
    assert spent <= cap + estimate, (spent, cap, estimate)
    assert spent >= per_call  # calls were made, not refused wholesale
    assert 20 * per_call > cap + estimate  # what checking "spent < cap" used to let through
    db.close()


def _generate_once(server, tracer, budget):
    from crossword.hints import HintContext, HintRequest
    from crossword.hints.llm import CircuitBreaker, LLMHintProvider
    from crossword.puzzle import Hints

    class Fallback:
        name, model = "offline", None

        def hints(self, requests, context):
            return {r.answer: Hints("Stand-in", None, source="offline") for r in requests}

    provider = LLMHintProvider(
        name="openai", model="gpt-4o-mini", api_key="sk-test-0123456789", base_url=server.base_url,
        http_retries=0, timeout=10.0, fallback=Fallback(), tracer=tracer,
        breaker=CircuitBreaker(threshold=100), daily_budget_usd=budget,
    )  # fmt: skip
    try:
        return provider.hints([HintRequest("TIGER", "5")], HintContext(answers=("TIGER",)))
    finally:
        provider.close()
        tracer.db.close()
