"""The LLM hint generator against a scripted local OpenAI-compatible server.

Real openai client, real instructor, loopback HTTP only (tests/llm_server.py).
"""

from __future__ import annotations

import importlib.util
import json
import threading

import instructor
import openai
import pytest
from llm_server import LLMServer, Reply, answers_in, hints, items, raw, slow, status, words

from crossword.db import Database
from crossword.errors import HintError
from crossword.hints import HintContext, HintRequest
from crossword.hints.cache import HintCache
from crossword.hints.checks import clue_problems, emoji_problems, puzzle_problems
from crossword.hints.llm import CircuitBreaker, LLMHintProvider
from crossword.hints.providers import make_provider, provider_from_settings
from crossword.puzzle import NO_EMOJI_NOTE, Hints
from crossword.trace import Tracer

KEY = "sk-test-SECRET-0123456789"


class StubFallback:
    """The offline provider's stand-in: always a valid clue, no emoji."""

    name = "offline"
    model = None

    def __init__(self) -> None:
        self.asked: list[str] = []

    def hints(self, requests, context):
        self.asked += [r.answer for r in requests]
        return {
            r.answer: Hints(f"Stand-in hint number {i}", None, source="offline")
            for i, r in enumerate(requests, start=1)
        }

    def words_for_topic(self, topic, count, *, seed=0):
        return ["alpha", "bravo"]


@pytest.fixture
def server():
    with LLMServer() as s:
        yield s


@pytest.fixture
def make(server):
    built = []

    def build(**kw):
        kw.setdefault("name", "openai")
        kw.setdefault("model", "gpt-4o-mini")
        kw.setdefault("api_key", KEY)
        kw.setdefault("base_url", server.base_url)
        kw.setdefault("http_retries", 0)
        kw.setdefault("timeout", 5.0)
        kw.setdefault("fallback", StubFallback())
        kw.setdefault("tracer", Tracer())
        kw.setdefault("breaker", CircuitBreaker(threshold=100))
        provider = LLMHintProvider(**kw)
        built.append(provider)
        return provider

    yield build
    for provider in built:
        provider.close()


def ask(provider, *answers, topic=None, **given):
    requests = [HintRequest(a, str(len(a)), *given.get(a, (None, None))) for a in answers]
    context = HintContext(topic=topic, answers=tuple(answers))
    return provider.hints(requests, context), context


def oldest_first(tracer):
    """Every traced attempt in the order it was made."""
    return sorted(tracer.recent(1000), key=lambda r: r["at"])


def assert_complete_and_valid(result, answers):
    assert set(result) == set(answers)
    for answer, clue in result.items():
        assert clue.text and not clue_problems(clue.text, answer)
        if clue.emoji is not None:
            assert not emoji_problems(clue.emoji, answer=answer)
        else:
            assert NO_EMOJI_NOTE in clue.notes
    assert not {
        k: v for k, v in puzzle_problems(result).items() if any("same as another" in p for p in v)
    }


def test_bad_emoji_then_good_makes_two_calls_and_reasks_only_the_failed_item(server, make):
    server.expect(
        hints(
            {1: ("Striped jungle hunter", "big cat"), 2: ("Sly creature with a bushy tail", "🦊🍂")}
        ),
        hints({1: ("Striped jungle hunter", "🐅🌿")}),
    )
    result, context = ask(make(), "TIGER", "FOX")
    assert len(server.requests) == 2
    assert [a for _, a in answers_in(server.bodies[0])] == ["TIGER", "FOX"]
    assert answers_in(server.bodies[1]) == [(1, "TIGER")]
    reask = server.bodies[1]["messages"]
    assert [m["role"] for m in reask] == ["system", "user"]  # a fresh, short conversation
    assert "only emoji" in reask[1]["content"] and "emoji only" in reask[1]["content"]
    assert result["TIGER"] == Hints(
        "Striped jungle hunter", "🐅🌿", "5", source="openai", emoji_source="openai"
    )
    assert context.stats["calls"] == 2 and context.stats["reasks"] == 1
    assert context.stats["fallbacks"] == 0


def test_request_shape_in_tools_mode(server, make):
    server.expect(hints({1: ("Striped jungle hunter", "🐅🌿")}))
    ask(make(), "TIGER", topic="Zoo")
    body = server.bodies[0]
    assert body["model"] == "gpt-4o-mini"
    assert body["tool_choice"]["function"]["name"] == "HintBatch"
    assert 'Topic: "Zoo"' in body["messages"][1]["content"]
    assert server.requests[0]["headers"]["authorization"] == f"Bearer {KEY}"


def test_json_mode_for_gemini_style_servers(server, make):
    server.expect(hints({1: ("Striped jungle hunter", "🐅🌿")}))
    result, _ = ask(
        make(name="gemini", model="gemini-2.0-flash", mode=instructor.Mode.JSON), "TIGER"
    )
    body = server.bodies[0]
    assert "tools" not in body and body["response_format"] == {"type": "json_object"}
    assert result["TIGER"].source == "gemini"


def test_leak_is_reasked_with_the_problem(server, make):
    server.expect(
        hints({1: ("A tiger's stripes", "🐅🌿")}),
        hints({1: ("Striped jungle hunter", "🐅🌿")}),
    )
    result, _ = ask(make(), "TIGER")
    text = server.bodies[1]["messages"][1]["content"]
    assert "contains the answer 'TIGER'" in text and "clue only" in text
    assert result["TIGER"].text == "Striped jungle hunter"


def test_letter_spelling_emoji_is_reasked(server, make):
    server.expect(
        hints({1: ("Rodent that squeaks", "🆒🐭"), 2: ("Fiery mountain", "🌋🔥")}),
        hints({1: ("Rodent that squeaks", "🧀🐭")}),
    )
    result, _ = ask(make(), "MOUSE", "VOLCANO")
    assert answers_in(server.bodies[1]) == [(1, "MOUSE")]
    assert "write letters" in server.bodies[1]["messages"][1]["content"]
    assert result["MOUSE"].emoji == "🧀🐭"


def test_duplicate_clues_and_emoji_reask_only_the_second(server, make):
    server.expect(
        hints({1: ("Big cat", "🐈🌍"), 2: ("Big cat", "🐈🌍")}),
        hints({1: ("Maned savanna hunter", "🦁👑")}),
    )
    result, _ = ask(make(), "TIGER", "LION")
    assert answers_in(server.bodies[1]) == [(1, "LION")]
    text = server.bodies[1]["messages"][1]["content"]
    assert "same as another entry's clue" in text and "same as another entry's emoji" in text
    assert_complete_and_valid(result, ["TIGER", "LION"])


def test_another_answer_in_a_clue_is_reasked(server, make):
    server.expect(
        hints({1: ("Bigger than a cat", "🐅"), 2: ("Pet that purrs", "🐈")}),
        hints({1: ("Striped jungle hunter", "🐅🌿")}),
    )
    result, _ = ask(make(), "TIGER", "CAT")
    assert "'CAT', another answer" in server.bodies[1]["messages"][1]["content"]
    assert result["TIGER"].text == "Striped jungle hunter"


def test_malformed_json_is_retried_once_by_instructor(server, make):
    server.expect(
        raw('{"items": [{"id": 1, "clue": "Striped'), hints({1: ("Striped jungle hunter", "🐅🌿")})
    )
    tracer = Tracer()
    result, context = ask(make(tracer=tracer), "TIGER")
    assert len(server.requests) == 2
    assert result["TIGER"].text == "Striped jungle hunter"
    outcomes = [r["outcome"] for r in oldest_first(tracer)]
    assert outcomes == ["parse_error", "ok"]
    assert context.stats["calls"] == 2 and context.stats["reasks"] == 0


def test_missing_items_and_wrong_ids_are_reasked(server, make):
    server.expect(
        hints({7: ("Nonsense", "🐅")}),
        hints({1: ("Striped jungle hunter", "🐅🌿")}),
    )
    result, _ = ask(make(), "TIGER")
    assert "no hint was returned" in server.bodies[1]["messages"][1]["content"]
    assert result["TIGER"].emoji == "🐅🌿"


def retry_waits(monkeypatch) -> list[float]:
    """The seconds the openai client decides to wait before each of its retries."""
    waits: list[float] = []
    decide = openai.OpenAI._calculate_retry_timeout

    def recorded(self, *args, **kwargs):
        waits.append(decide(self, *args, **kwargs))
        return waits[-1]

    monkeypatch.setattr(openai.OpenAI, "_calculate_retry_timeout", recorded)
    return waits


def test_429_and_500_then_success_traces_every_http_attempt(server, make, monkeypatch):
    server.expect(status(429), status(500), hints({1: ("Striped jungle hunter", "🐅🌿")}))
    tracer = Tracer()
    provider = make(http_retries=2, tracer=tracer)
    waits = retry_waits(monkeypatch)
    result, context = ask(provider, "TIGER")
    # the server's retry-after-ms (1 ms), not the client's own backoff of 0.5 s and up
    # (what was a wall-clock bound of 2 s failed on a loaded machine)
    assert waits == [0.001, 0.001]
    assert len(server.requests) == 3
    assert [r["headers"].get("x-stainless-retry-count") for r in server.requests] == ["0", "1", "2"]
    assert result["TIGER"].source == "openai"
    rows = oldest_first(tracer)
    assert [(r["outcome"], r["http_retries"]) for r in rows] == [
        ("http_error", 0),
        ("http_error", 1),
        ("ok", 2),
    ]
    assert rows[0]["error"] == "HTTP 429" and rows[2]["prompt_tokens"] > 0
    assert context.stats["http_errors"] == 2 and context.stats["calls"] == 3


def test_http_errors_exhausting_client_retries_are_retried_next_round(server, make):
    server.expect(status(503), status(503), hints({1: ("Striped jungle hunter", "🐅🌿")}))
    tracer = Tracer()
    result, _ = ask(make(http_retries=1, tracer=tracer), "TIGER")
    assert len(server.requests) == 3
    rows = oldest_first(tracer)
    assert [(r["outcome"], r["round"]) for r in rows] == [
        ("http_error", 1),
        ("http_error", 1),
        ("ok", 2),
    ]
    assert "503" in rows[1]["error"] and "error" in rows[1]["error"]  # the API's own message
    assert not result["TIGER"].fallback


def test_a_timeout_the_client_retries_is_traced(server, make):
    """openai retries a timed-out request by itself; the trace still shows both."""
    good = hints({1: ("Striped jungle hunter", "🐅🌿")})
    server.expect(slow(3.0, hints({1: ("Too late to count", "🐢🐌")})), good)
    tracer = Tracer()
    result, context = ask(make(timeout=1.0, http_retries=1, tracer=tracer), "TIGER")
    assert len(server.requests) == 2
    assert result["TIGER"].text == "Striped jungle hunter" and not result["TIGER"].fallback
    rows = oldest_first(tracer)
    assert [(r["outcome"], r["http_retries"]) for r in rows] == [("timeout", 0), ("ok", 1)]
    assert 1000 <= rows[0]["latency_ms"] < 3000  # given up at the timeout, not the reply
    assert context.stats["calls"] == 2 and context.stats["http_errors"] == 1
    [summary] = tracer.summaries()
    assert summary["calls"] == 2


def test_traced_attempts_are_the_requests_the_server_saw(server, make):
    server.expect(
        status(500),  # round 1, instructor attempt 1: the client retries ...
        slow(3.0, hints({1: ("Striped jungle hunter", "🐅🌿")})),  # ... a timeout ...
        raw("not json"),  # ... and gets a reply instructor cannot parse
        hints({1: ("Striped jungle hunter", "big cat")}),  # its re-ask: a text "emoji"
        status(429),  # round 2
        hints({1: ("Striped jungle hunter", "🐅🌿")}),
    )
    tracer = Tracer()
    result, context = ask(make(timeout=1.0, http_retries=2, tracer=tracer), "TIGER")
    assert result["TIGER"].emoji == "🐅🌿"
    rows = oldest_first(tracer)
    assert len(rows) == len(server.requests) == context.stats["calls"] == 6
    assert [r["outcome"] for r in rows] == [
        "http_error", "timeout", "parse_error", "failed_checks", "http_error", "ok",
    ]  # fmt: skip
    assert [r["round"] for r in rows] == [1, 1, 1, 1, 2, 2]
    assert context.stats["http_errors"] == 3


def test_timeouts_end_in_fallback_quickly(server, make):
    reply = hints({1: ("Striped jungle hunter", "🐅🌿")})
    server.expect(*(slow(1.0, reply) for _ in range(3)))
    tracer = Tracer()
    fallback = StubFallback()
    provider = make(timeout=0.2, tracer=tracer, fallback=fallback)
    result, context = ask(provider, "TIGER")
    # every attempt was cut at 0.2 s: the server would have answered them after 1 s
    assert [r["outcome"] for r in tracer.recent()] == ["timeout"] * 3
    assert len(server.requests) == 3
    assert result["TIGER"].fallback and result["TIGER"].source == "offline"
    assert result["TIGER"].emoji is None and NO_EMOJI_NOTE in result["TIGER"].notes
    assert fallback.asked == ["TIGER"]
    assert context.stats["fallbacks"] == 1


def test_persistent_failure_gives_a_complete_valid_puzzle(server, make):
    server.responder = lambda body: hints(
        {n: (f"The {a.lower()} itself", "big cat") for n, a in answers_in(body)}
    )
    answers = ["TIGER", "LION", "OTTER", "BEAVER"]
    result, context = ask(make(), *answers)
    assert len(server.requests) == 3  # first call + 2 re-ask rounds, then fallback
    assert_complete_and_valid(result, answers)
    assert all(c.fallback and c.emoji is None for c in result.values())
    assert context.stats["fallbacks"] == 4 and context.stats["no_emoji"] == 4


def test_good_emoji_is_kept_when_the_clue_falls_back(server, make):
    server.responder = lambda body: hints({n: (f"{a} {a}", "🐅🌿") for n, a in answers_in(body)})
    result, _ = ask(make(), "TIGER")
    assert result["TIGER"].fallback and result["TIGER"].emoji == "🐅🌿"
    assert result["TIGER"].emoji_source == "openai"
    assert len(server.requests) == 3


class EmojiFallback(StubFallback):
    """A fallback that also has an emoji clue for every answer."""

    EMOJI = {"JUDO": "🥋", "TROLLEY": "🚎", "OTTER": "🦦", "TIGER": "🐅", "LION": "🦁"}

    def hints(self, requests, context):
        out = super().hints(requests, context)
        return {
            a: Hints(c.text, self.EMOJI.get(a), source="offline", emoji_source="offline")
            for a, c in out.items()
        }


def test_an_emoji_failing_every_round_comes_from_the_fallback_marked(server, make):
    clues = {"JUDO": "Martial art of throws", "TROLLEY": "Shopping cart", "OTTER": "River swimmer"}
    server.responder = lambda body: hints(
        {n: (clues[a], "a picture of it") for n, a in answers_in(body)}
    )
    fallback = EmojiFallback()
    result, context = ask(make(fallback=fallback), "JUDO", "TROLLEY", "OTTER")
    assert len(server.requests) == 3  # first call + 2 re-ask rounds
    assert sorted(fallback.asked) == ["JUDO", "OTTER", "TROLLEY"]
    assert {a: c.emoji for a, c in result.items()} == {"JUDO": "🥋", "TROLLEY": "🚎", "OTTER": "🦦"}
    for answer, clue in result.items():
        assert clue.text == clues[answer] and clue.source == "openai"  # the model's clue stays
        assert clue.emoji_source == "offline" and not clue.fallback  # fallback: the clue's
        assert NO_EMOJI_NOTE not in clue.notes
        assert "emoji clue from offline: the model's failed every round" in clue.notes
    assert context.stats["fallbacks"] == 3 and context.stats["no_emoji"] == 0
    assert_complete_and_valid(result, list(clues))


def test_the_real_offline_provider_fills_failed_emoji(server, make):
    """The issue's case: every emoji clue from the model is text."""
    from crossword.hints.offline import OfflineHintProvider

    answers = ["JUDO", "SUITCASE", "OTTER", "TIGER", "TROLLEY", "SAKE", "ROCKET", "BISON"]
    senses = {"TROLLEY": "Streetcar on rails", "SAKE": "Japanese rice wine"}

    def clue(n: int, answer: str) -> str:
        return senses.get(answer, f"Scripted clue number {n} of {len(answer)}")

    server.responder = lambda body: hints(
        {n: (clue(n, a), "not emoji") for n, a in answers_in(body)}
    )
    result, context = ask(make(fallback=OfflineHintProvider()), *answers)
    assert [result[a].emoji for a in ("JUDO", "OTTER")] == ["🥋", "🦦"]
    # the emoji pictures the model's clue: the streetcar, not the shopping trolley 🛒;
    # the drink, not "for the sake of"
    assert [result[a].emoji for a in ("TROLLEY", "SAKE")] == ["🚋", "🍶"]
    assert all(c.emoji and c.emoji_source == "offline" for c in result.values())
    assert not any(c.fallback for c in result.values())  # every clue is the model's
    assert context.stats["no_emoji"] == 0
    assert_complete_and_valid(result, answers)


def test_the_puzzle_notices_say_which_emoji_clues_are_stand_ins(server, make):
    from crossword.generate import Request, generate

    clues = {"JUDO": "Martial art of throws", "TROLLEY": "Shopping cart", "OTTER": "River swimmer"}
    server.responder = lambda body: hints(
        {n: (clues[a], "a picture of it") for n, a in answers_in(body)}
    )
    puzzle = generate(Request(words=tuple(clues), seed=1), make(fallback=EmojiFallback()))
    [notice] = [n for n in puzzle.notices if "emoji clue" in n]
    assert notice.startswith("3 emoji clues came from the offline lexicon")
    assert all(a in notice for a in clues)


def test_without_an_emoji_anywhere_the_entry_says_so(server, make):
    server.responder = lambda body: hints(
        {n: ("Striped jungle hunter", "big cat") for n, _ in answers_in(body)}
    )
    result, context = ask(make(), "TIGER")  # StubFallback has no emoji either
    tiger = result["TIGER"]
    assert tiger.emoji is None and NO_EMOJI_NOTE in tiger.notes and not tiger.fallback
    assert context.stats["no_emoji"] == 1 and context.stats["fallbacks"] == 0


GOOD = {
    "TIGER": ("Striped jungle hunter", "🐅🌿"),
    "FOX": ("Sly creature with a bushy tail", "🦊🍂"),
    "OWL": ("Night bird that hoots", "🦉🌙"),
}


def item(answer, id_, answer_as=None):
    clue, emoji = GOOD[answer]
    return {"id": id_, "answer": answer_as or answer, "clue": clue, "emoji": emoji}


LION = {"id": 1, "answer": "LION", "clue": "Maned king of beasts", "emoji": "🦁👑"}


@pytest.mark.parametrize(
    ("reply", "reasked"),
    [
        (items(item("TIGER", 0), item("FOX", 1), item("OWL", 2)), []),
        (items(item("OWL", 1), item("TIGER", 2), item("FOX", 3)), []),
        (items(item("TIGER", 1), item("OWL", 2)), ["FOX"]),
        (items(LION, item("TIGER", 2), item("FOX", 3), item("OWL", 4)), []),
        (items(item("TIGER", 1), item("FOX", 2, "FOXES"), item("OWL", 3)), ["FOX"]),
        (items(item("TIGER", 1), {**item("FOX", 2), "answer": None}, item("OWL", 3)), ["FOX"]),
        (items(item("TIGER", 1), {**item("OWL", 2), "answer": "tiger"}, item("OWL", 3)), ["FOX", "TIGER"]),
    ],
    ids=["ids-from-0", "reordered", "missing", "extra", "wrong-answer", "no-answer", "two-for-one"],
)  # fmt: skip
def test_a_hint_only_ever_lands_on_the_answer_it_names(server, make, reply, reasked):
    server.expect(reply)
    server.responder = lambda body: items(*(item(a, n) for n, a in answers_in(body)))
    result, _ = ask(make(), "TIGER", "FOX", "OWL")
    assert {a: (c.text, c.emoji) for a, c in result.items()} == GOOD
    assert not any(c.fallback for c in result.values())
    asked_again = [a for body in server.bodies[1:] for _, a in answers_in(body)]
    assert sorted(asked_again) == reasked
    assert len(server.requests) == (2 if reasked else 1)


def test_the_request_asks_for_the_answer_echo(server, make):
    server.expect(hints({1: ("Striped jungle hunter", "🐅🌿")}))
    ask(make(), "TIGER")
    body = server.bodies[0]
    schema = body["tools"][0]["function"]["parameters"]
    item_schema = next(iter(schema["$defs"].values()))
    assert "answer" in item_schema["properties"] and "id" not in item_schema["properties"]
    assert '"answer": the answer exactly as listed' in body["messages"][0]["content"]
    assert "- TIGER (5)" in body["messages"][1]["content"]


def test_the_cli_honours_the_model_timeout(server, tmp_path, monkeypatch):
    """CROSSWORD_LLM_TIMEOUT bounds every request of `crossword generate`: a model
    answering after the timeout is never used, the offline hints are."""
    from click.testing import CliRunner

    from crossword.cli import main

    slow_but_good = slow(2.5, hints({1: ("Slow scripted clue", "🐢🐌")}))
    server.expect(slow_but_good)  # then the responder: 400, not retried, to end quickly
    server.responder = lambda body: status(400, "bad request", retry_after_ms=None)
    monkeypatch.setenv("CROSSWORD_BASE_URL", server.base_url)
    monkeypatch.setenv("CROSSWORD_MODEL", "test-model")
    monkeypatch.setenv("CROSSWORD_LLM_TIMEOUT", "1")
    words = tmp_path / "words.txt"
    words.write_text("tiger\notter\n")
    db = tmp_path / "traces.sqlite3"
    result = CliRunner().invoke(main, ["generate", str(words), "--database", str(db)])
    assert result.exit_code == 0, result.output
    puzzle = json.loads(result.output[result.output.index("{") :])
    assert all(e["fallback"] and e["source"] == "offline" for e in puzzle["entries"])
    rows = sorted(Tracer(Database(str(db))).recent(100), key=lambda r: r["at"])
    assert len(rows) == len(server.requests) >= 3
    assert rows[0]["outcome"] == "timeout" and 1000 <= rows[0]["latency_ms"] < 2500
    assert {r["outcome"] for r in rows[1:]} == {"http_error"}


def test_without_fallback_a_last_resort_clue_is_used(server, make):
    server.responder = lambda body: status(400, "bad request", retry_after_ms=None)
    result, _ = ask(make(fallback=None), "TIGER", "TOPAZ")
    assert_complete_and_valid(result, ["TIGER", "TOPAZ"])
    assert result["TIGER"].text == "Starts with T, 5 letters"
    assert result["TOPAZ"].text == "Starts with T, 5 letters (2)"


def test_tokens_are_counted_per_attempt(server, make):
    server.expect(
        raw("not json", prompt_tokens=100, completion_tokens=20),
        hints({1: ("Striped jungle hunter", "big cat")}, prompt_tokens=300, completion_tokens=25),
        hints({1: ("Striped jungle hunter", "🐅🌿")}, prompt_tokens=150, completion_tokens=10),
    )
    tracer = Tracer()
    _, context = ask(make(tracer=tracer), "TIGER")
    rows = oldest_first(tracer)
    assert [(r["prompt_tokens"], r["completion_tokens"]) for r in rows] == [
        (100, 20),
        (300, 25),
        (150, 10),
    ]
    assert [r["outcome"] for r in rows] == ["parse_error", "failed_checks", "ok"]
    assert "only emoji" in rows[1]["problems"][0]
    assert context.stats["prompt_tokens"] == 550 and context.stats["completion_tokens"] == 55
    expected = (550 * 0.15 + 55 * 0.60) / 1e6
    assert context.stats["cost_usd"] == pytest.approx(expected)
    [summary] = tracer.summaries()
    assert summary["calls"] == 3 and summary["prompt_tokens"] == 550


def test_cache_hits_make_zero_calls(server, make, tmp_path):
    db = Database(str(tmp_path / "c.sqlite3"))
    server.expect(hints({1: ("Striped jungle hunter", "🐅🌿"), 2: ("Sly creature", "🦊🍂")}))
    first, _ = ask(make(cache=HintCache(db)), "TIGER", "FOX")
    assert len(server.requests) == 1
    second, context = ask(make(cache=HintCache(db)), "TIGER", "FOX")
    assert len(server.requests) == 1
    assert second == first
    assert context.stats["cache_hits"] == 2 and context.stats["calls"] == 0
    assert db.query_one("SELECT SUM(hits) AS n FROM hint_cache")["n"] == 2


def test_cached_hint_failing_puzzle_checks_is_regenerated(server, make, tmp_path):
    db = Database(str(tmp_path / "c.sqlite3"))
    server.expect(hints({1: ("Big cat", "🐅🌿")}))
    ask(make(cache=HintCache(db)), "TIGER")
    # In a puzzle that also has CAT, the cached "Big cat" gives CAT away: ask again.
    server.expect(hints({1: ("Striped jungle hunter", "🐅🌿")}))
    result, context = ask(make(cache=HintCache(db)), "TIGER", "CAT", CAT=("Pet that purrs", "🐈"))
    assert len(server.requests) == 2 and answers_in(server.bodies[1]) == [(1, "TIGER")]
    assert result["TIGER"].text == "Striped jungle hunter" and context.stats["cache_hits"] == 0


def test_maker_hints_are_kept_and_only_missing_parts_generated(server, make):
    server.expect(hints({1: ("", "🐅🌿")}))
    result, _ = ask(
        make(), "TIGER", "LION", "OWL",
        TIGER=("A tiger, obviously", None),
        LION=("King of beasts", "🦁👑"),
        OWL=("Night bird", "owl"),
    )  # fmt: skip
    assert answers_in(server.bodies[0]) == [(1, "TIGER")]
    assert "emoji only" in server.bodies[0]["messages"][1]["content"]
    tiger = result["TIGER"]
    assert tiger.text == "A tiger, obviously" and tiger.source == "user"
    assert tiger.emoji == "🐅🌿" and tiger.emoji_source == "openai"
    assert any("contains the answer" in n for n in tiger.notes)
    assert result["LION"] == Hints(
        "King of beasts", "🦁👑", "4", source="user", emoji_source="user"
    )
    assert result["OWL"].emoji == "owl" and any("your emoji" in n for n in result["OWL"].notes)


ANIMALS = "🐅🦊🦁🐻🐼🐨🐸🐵🐔🐧🐦🐤🦆🦅🦉🦇🐺🐗🐴🦄"


def test_chunks_run_in_parallel_and_failures_are_reasked_together(server, make):
    answers = [f"WORD{chr(65 + i)}{chr(65 + j)}" for i in range(4) for j in range(10)]
    seen, apart = [], []
    together = threading.Barrier(3)  # the first three requests wait for each other

    def respond(body):
        asked = answers_in(body)
        seen.append(len(asked))
        first_round = len(seen) <= 3
        if first_round:
            try:  # only chunks asked in parallel can all be in flight at once
                together.wait(timeout=10)
            except threading.BrokenBarrierError:
                apart.append(len(seen))
        items = {}
        for n, a in asked:
            k = answers.index(a)
            emoji = "x" if first_round and n == 1 else ANIMALS[k // 10] + ANIMALS[10 + k % 10]
            items[n] = (f"Clue for item {a[-2:].lower()} here", emoji)
        return slow(0.3, hints(items))

    server.responder = respond
    progress = []
    provider = make(chunk_size=16)
    result = provider.hints(
        [HintRequest(a) for a in answers],
        HintContext(answers=tuple(answers), progress=lambda d, t, n: progress.append((d, t))),
    )
    assert sorted(seen[:3]) == [12, 14, 14] and seen[3:] == [3]  # 3 parallel chunks, 1 re-ask
    # parallel, not one after another: all three chunks were in flight at once (a
    # barrier in the server, not a wall-clock spread, which depends on the load)
    assert apart == []
    assert_complete_and_valid(result, answers)
    assert not any(c.fallback for c in result.values())
    assert progress[-1] == (40, 40)


def test_circuit_breaker_skips_calls_after_errors(server, make):
    server.responder = lambda body: status(500, retry_after_ms=None)
    breaker = CircuitBreaker(threshold=2, cooldown_s=60)
    provider = make(breaker=breaker)
    result, _ = ask(provider, "TIGER")
    assert len(server.requests) == 2 and breaker.is_open
    result, context = ask(provider, "LION")
    assert len(server.requests) == 2 and context.stats["calls"] == 0
    assert result["LION"].fallback


def test_daily_budget_stops_calls(server, make):
    tracer = Tracer()
    server.expect(
        hints({1: ("Striped jungle hunter", "🐅🌿")}, prompt_tokens=10**6, completion_tokens=0)
    )
    provider = make(tracer=tracer, daily_budget_usd=0.10)
    ask(provider, "TIGER")
    assert tracer.spent_today() == pytest.approx(0.15)
    result, _ = ask(provider, "LION")
    assert len(server.requests) == 1 and result["LION"].fallback


def test_api_key_never_appears(server, make):
    server.responder = lambda body: status(
        401, f"Incorrect API key provided: {KEY}", retry_after_ms=None
    )
    tracer = Tracer()
    provider = make(tracer=tracer)
    result, _ = ask(provider, "TIGER")
    dumped = json.dumps([tracer.recent(), tracer.summaries(), repr(provider), repr(result)])
    assert "http_error" in dumped and "401" in dumped
    assert KEY not in dumped and "SECRET" not in dumped


def test_topic_words_filter_and_ask_once_more_for_the_shortfall(server, make):
    server.expect(
        words(
            "Planet", "planets", "Space", "Mars", "Sun", "X", "rocket-ship", "NASA", "the", "Comet"
        ),
        words("Nebula", "Galaxy", "Orbit", "Mars"),
    )
    found = make().words_for_topic("space", 8, seed=1)
    assert len(server.requests) == 2
    first = server.bodies[0]["messages"][1]["content"]
    second = server.bodies[1]["messages"][1]["content"]
    assert "Give 20 different words" in first
    assert "Give 4 different words" in second and "None of these:" in second
    assert sorted(found) == sorted(
        ["Planet", "Mars", "Sun", "rocket-ship", "NASA", "Comet", "Nebula", "Galaxy", "Orbit"]
    )


def test_topic_words_fall_back_when_the_model_fails(server, make):
    server.responder = lambda body: status(500, retry_after_ms=None)
    assert sorted(make().words_for_topic("space", 2)) == ["alpha", "bravo"]


def test_topic_words_enough_in_one_call(server, make):
    server.expect(words("Planet", "Mars", "Comet", "Orbit"))
    assert len(make().words_for_topic("space", 4)) == 4
    assert len(server.requests) == 1


def test_make_provider_and_settings():
    with pytest.raises(HintError, match="needs an API key"):
        make_provider("openai")
    with pytest.raises(HintError, match="unknown hint provider"):
        make_provider("nope")
    with pytest.raises(HintError, match="base URL"):
        make_provider("ollama", model="qwen3")
    p = make_provider("gemini", api_key=KEY, fallback=StubFallback())
    assert (p.name, p.model, p.mode) == ("gemini", "gemini-2.0-flash", instructor.Mode.JSON)
    p = provider_from_settings(
        {"CROSSWORD_BASE_URL": "http://127.0.0.1:9/v1", "CROSSWORD_MODEL": "qwen3"},
        fallback=StubFallback(),
    )
    assert (p.name, p.model, p.mode) == ("compatible", "qwen3", instructor.Mode.JSON_SCHEMA)
    p = provider_from_settings(
        {"OPENAI_API_KEY": KEY, "GEMINI_API_KEY": "x"}, fallback=StubFallback()
    )
    assert (p.name, p.model) == ("openai", "gpt-4o-mini") and KEY not in repr(p)
    p = provider_from_settings(
        {
            "CROSSWORD_PROVIDER": "gemini",
            "GEMINI_API_KEY": "AIzaXXXX",
            "CROSSWORD_LLM_MODE": "TOOLS",
        },
        fallback=StubFallback(),
    )
    assert p.mode == instructor.Mode.TOOLS
    with pytest.raises(HintError, match="needs an API key"):
        provider_from_settings({"CROSSWORD_PROVIDER": "openai", "GEMINI_API_KEY": "x"})


def test_the_timeout_reaches_the_model_client():
    p = make_provider("openai", api_key=KEY, fallback=StubFallback(), timeout=7)
    assert p.timeout == 7.0
    p = provider_from_settings(
        {"CROSSWORD_BASE_URL": "http://127.0.0.1:9/v1", "CROSSWORD_MODEL": "qwen3"},
        fallback=StubFallback(), timeout=2.5,
    )  # fmt: skip
    assert p.timeout == 2.5


HAS_OFFLINE = importlib.util.find_spec("crossword.hints.offline") is not None


@pytest.mark.skipif(not HAS_OFFLINE, reason="crossword.hints.offline is not written yet")
def test_real_offline_provider_as_fallback(server, make):
    from crossword.hints.offline import OfflineHintProvider

    server.responder = lambda body: status(500, retry_after_ms=None)
    result, _ = ask(make(fallback=OfflineHintProvider()), "OCEAN", "GARDEN")
    assert_complete_and_valid(result, ["OCEAN", "GARDEN"])
    assert all(c.fallback for c in result.values())


@pytest.mark.skipif(not HAS_OFFLINE, reason="crossword.hints.offline is not written yet")
def test_no_settings_means_offline():
    from crossword.hints.offline import OfflineHintProvider

    assert isinstance(provider_from_settings({}), OfflineHintProvider)


def test_reply_helper_usage_defaults():
    assert Reply().status == 200
