from datetime import UTC, datetime, timedelta

import pytest

from crossword.db import Database
from crossword.prices import cost_usd, price_for
from crossword.trace import Attempt, Summary, Tracer, redact


class Clock:
    def __init__(self):
        self.now = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)

    def __call__(self):
        return self.now


@pytest.fixture(params=["memory", "sqlite"])
def tracer(request, tmp_path):
    clock = Clock()
    db = Database(str(tmp_path / "t.sqlite3")) if request.param == "sqlite" else None
    t = Tracer(db, clock=clock)
    t.test_clock = clock
    return t


def attempt(**kw):
    base = dict(job="j1", provider="openai", model="gpt-4o-mini", purpose="hints", outcome="ok")
    return Attempt(**{**base, **kw})


def test_recent_newest_first_with_problems(tracer):
    tracer.record(attempt(prompt_tokens=100, completion_tokens=20, cost_usd=0.1))
    tracer.test_clock.now += timedelta(seconds=1)
    tracer.record(attempt(outcome="failed_checks", problems=("TIGER: clue: leaks",), round=2))
    rows = tracer.recent(10)
    assert [r["outcome"] for r in rows] == ["failed_checks", "ok"]
    assert rows[0]["problems"] == ["TIGER: clue: leaks"]
    assert rows[1]["prompt_tokens"] == 100
    assert tracer.recent(1)[0]["round"] == 2


def test_daily_totals_and_spent_today(tracer):
    clock = tracer.test_clock
    clock.now -= timedelta(days=1)
    tracer.record(attempt(cost_usd=1.0, prompt_tokens=10))
    clock.now += timedelta(days=1)
    tracer.record(attempt(cost_usd=0.25, prompt_tokens=5, completion_tokens=1))
    tracer.record(attempt(outcome="http_error", error="boom"))
    tracer.record(attempt(outcome="skipped"))
    tracer.summarize(
        Summary(job="j1", provider="openai", model="m", purpose="hints", cache_hits=3, fallbacks=1)
    )
    days = tracer.daily_totals(7)
    assert [d["day"] for d in days] == ["2026-05-01", "2026-04-30"]
    today = days[0]
    assert (
        today["calls"],
        today["errors"],
        today["prompt_tokens"],
        today["completion_tokens"],
    ) == (2, 1, 5, 1)
    assert (today["jobs"], today["cache_hits"], today["fallbacks"]) == (1, 3, 1)
    assert today["cost_usd"] == pytest.approx(0.25)
    assert tracer.spent_today() == pytest.approx(0.25)
    assert [d["day"] for d in tracer.daily_totals(1)] == ["2026-05-01"]


def test_summary_is_upserted_per_job(tracer):
    tracer.summarize(Summary(job="j1", provider="openai", model="m", purpose="hints", calls=1))
    tracer.summarize(Summary(job="j1", provider="openai", model="m", purpose="hints", calls=2))
    rows = tracer.summaries()
    assert len(rows) == 1
    assert rows[0]["calls"] == 2


def test_secrets_are_redacted(tracer):
    tracer.record(
        attempt(outcome="http_error", error="Incorrect API key provided: sk-proj-abcdef123456")
    )
    tracer.record(
        attempt(
            outcome="http_error",
            error="key=AIzaSyA1234567890abcdefgh",
            problems=("Bearer abcdefghijkl",),
        )
    )
    text = repr(tracer.recent())
    assert "sk-proj" not in text and "AIza" not in text and "abcdefghijkl" not in text
    assert redact("x" * 1000).endswith("…") and len(redact("x" * 1000)) == 500
    assert redact("my key is hunter2secret", ["hunter2secret"]) == "my key is [redacted]"


def test_prices():
    assert price_for("gpt-4o-mini-2024-07-18").model == "gpt-4o-mini"
    assert price_for("models/gemini-2.0-flash").model == "gemini-2.0-flash"
    assert price_for("gemini-2.5-flash-lite").model == "gemini-2.5-flash-lite"
    assert price_for("llama3.1:8b") is None and price_for(None) is None
    assert cost_usd("gpt-4o-mini", 1_000_000, 1_000_000) == pytest.approx(0.75)
    assert cost_usd("gpt-4o-mini", 1_000_000, 0, cached_tokens=500_000) == pytest.approx(0.1125)
    assert cost_usd("qwen3", 10**6, 10**6) == 0.0


def test_cli_traces(tmp_path):
    from click.testing import CliRunner

    from crossword.cli import main

    path = str(tmp_path / "t.sqlite3")
    tracer = Tracer(Database(path))
    tracer.record(
        attempt(prompt_tokens=400, completion_tokens=500, problems=("TIGER: clue: leaks",))
    )
    result = CliRunner().invoke(main, ["traces", "--database", path])
    assert result.exit_code == 0, result.output
    assert "gpt-4o-mini" in result.output and "TIGER: clue: leaks" in result.output
    result = CliRunner().invoke(main, ["traces", "--database", path, "--json"])
    assert '"prompt_tokens": 400' in result.output


def test_a_memory_tracer_keeps_the_newest_records_only():
    clock = Clock()
    tracer = Tracer(clock=clock, memory_limit=3)
    for n in range(5):
        clock.now += timedelta(seconds=1)
        tracer.record(attempt(job=f"j{n}", items=n))
        tracer.summarize(Summary(job=f"j{n}", provider="openai", model=None, purpose="hints"))
    assert [r["items"] for r in tracer.recent(10)] == [4, 3, 2]
    assert [s["job"] for s in tracer.summaries(10)] == ["j4", "j3", "j2"]
