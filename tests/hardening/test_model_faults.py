"""Model faults end to end: the web API over the real LLM provider (openai client +
instructor) talking to the scripted local server (tests/llm_server.py) on 127.0.0.1.

Error rates, latency and garbage must all end in a complete puzzle whose every hint
is valid, with the fallback hints marked; the key never shows up anywhere.
"""

from __future__ import annotations

import itertools
import threading
import time

import pytest
from llm_server import LLMServer, answers_in, hints, raw, slow, status

pytest.importorskip("crossword.hints.llm")
pytest.importorskip("crossword.hints.offline")

from crossword.hints.checks import clue_problems, emoji_problems  # noqa: E402

KEY = "sk-fault-SECRET-abcdef0123456789"
EMOJI = [
    "🐾🌿",
    "🌊🐟",
    "🏔️❄️",
    "🌞🏖️",
    "🎵🎸",
    "🚀🌌",
    "🍎🌳",
    "🔥🪵",
    "🌧️☂️",
    "🐝🍯",
    "🎨🖌️",
    "⚽🥅",
    "📚🦉",
    "🧀🐭",
    "🌵🏜️",
    "🍕🇮🇹",
]
POOL = [
    "apple",
    "bridge",
    "candle",
    "desert",
    "eagle",
    "forest",
    "garden",
    "harbor",
    "island",
    "jungle",
    "kettle",
    "lantern",
    "meadow",
    "needle",
    "orange",
    "pepper",
    "quartz",
    "river",
    "saddle",
    "tunnel",
    "valley",
    "walnut",
    "yogurt",
    "zebra",
    "anchor",
    "basket",
    "canyon",
    "dolphin",
    "engine",
    "falcon",
    "glacier",
    "hammer",
    "igloo",
    "jacket",
    "koala",
    "ladder",
    "magnet",
    "nectar",
    "oyster",
    "parrot",
    "quiver",
    "rocket",
    "salmon",
    "temple",
    "violin",
    "wizard",
    "button",
    "cactus",
    "donkey",
    "feather",
    "goblet",
    "helmet",
    "insect",
    "jigsaw",
    "kitten",
    "lemon",
    "marble",
    "noodle",
    "pillow",
    "rabbit",
    "spider",
    "tomato",
    "umbrella",
    "velvet",
    "window",
]


def good_reply(body):
    return hints(
        {n: (f"Scripted hint for a thing of {len(a)} letters, item {n}", EMOJI[n % len(EMOJI)])
         for n, a in answers_in(body)}
    )  # fmt: skip


def words_for(i: int, n: int = 6) -> list[str]:
    return POOL[(i * n) % len(POOL) :][:n] if (i * n) % len(POOL) + n <= len(POOL) else POOL[:n]


@pytest.fixture
def server():
    with LLMServer() as s:
        yield s


@pytest.fixture
def llm_app(make_app, server):
    def build(**config):
        config.setdefault("LLM_TIMEOUT", 2.0)
        return make_app(
            PROVIDER="compatible", BASE_URL=server.base_url, MODEL="test-model",
            LLM_API_KEY=KEY, PROVIDER_FACTORY=None, SYNC_WAIT=0.0, **config,
        )  # fmt: skip

    return build


def finish(client, response, timeout=30.0):
    """Follow a 201/202 to the finished puzzle (with its solution)."""
    body = response.get_json()
    assert response.status_code in (201, 202), body
    job = body["job"]
    deadline = time.monotonic() + timeout
    while job["status"] not in ("done", "failed"):
        assert time.monotonic() < deadline, job
        time.sleep(0.05)
        job = client.get(job["url"]).get_json()["job"]
    assert job["status"] == "done", job
    return client.get(f"/api/puzzles/{job['puzzle_id']}?solution=1").get_json()["puzzle"]


def assert_valid_hints(puzzle):
    assert puzzle["entries"]
    for e in puzzle["entries"]:
        assert e["clue"] and not clue_problems(e["clue"], e["answer"]), e
        if e["emoji"] is not None:
            assert not emoji_problems(e["emoji"], answer=e["answer"]), e
        assert isinstance(e["fallback"], bool)
        if e["fallback"]:
            assert e["source"] != "compatible", e  # the user can tell who wrote it


def test_half_the_model_calls_failing_still_completes_every_puzzle(server, llm_app):
    counter = itertools.count()
    lock = threading.Lock()

    def flaky(body):
        with lock:
            n = next(counter)
        return status(500, "overloaded") if n % 2 == 0 else good_reply(body)

    server.responder = flaky
    client = llm_app().test_client()
    puzzles = []
    for i in range(8):
        response = client.post("/api/puzzles", json={"words": words_for(i), "seed": i})
        puzzles.append(finish(client, response))
    for puzzle in puzzles:
        assert_valid_hints(puzzle)
    sources = {e["source"] for p in puzzles for e in p["entries"]}
    assert "compatible" in sources  # the model did write some hints
    failed = sum(1 for r in server.requests) - sum(1 for _ in server.requests[1::2])
    assert failed >= 4  # half the calls really failed


@pytest.mark.parametrize(
    "garbage",
    [
        lambda body: raw("{{{ this is not JSON"),
        lambda body: raw('{"items": "nope"}'),
        lambda body: hints({99: ("Wrong id", "🐾")}),
        lambda body: hints({n: ("x" * 5000, "🐾" * 200) for n, _ in answers_in(body)}),
        lambda body: hints({n: (a, a) for n, a in answers_in(body)}),  # the answer itself
        lambda body: hints(
            {n: ("<script>window.__pwned=1</script>", "<img src=x>") for n, _ in answers_in(body)}
        ),
        lambda body: hints({n: ("ok\x00\x1b[31m", "\u202e🐾") for n, _ in answers_in(body)}),
    ],
    ids=["not-json", "wrong-shape", "wrong-ids", "huge", "leaks-answer", "markup", "controls"],
)
def test_garbage_from_the_model_never_reaches_a_puzzle(server, llm_app, garbage):
    server.responder = garbage
    client = llm_app().test_client()
    puzzle = finish(client, client.post("/api/puzzles", json={"words": words_for(1)}))
    assert_valid_hints(puzzle)
    for e in puzzle["entries"]:
        assert (
            len(e["clue"]) <= 200 and "\x00" not in e["clue"] and "\u202e" not in (e["emoji"] or "")
        )


def test_a_slow_model_times_out_and_offline_takes_over(server, llm_app):
    server.responder = lambda body: slow(3.0, good_reply(body))
    client = llm_app(LLM_TIMEOUT=0.3).test_client()
    started = time.monotonic()
    puzzle = finish(client, client.post("/api/puzzles", json={"words": words_for(2)}), timeout=40)
    elapsed = time.monotonic() - started
    assert_valid_hints(puzzle)
    assert all(e["fallback"] for e in puzzle["entries"])
    assert elapsed < 30, elapsed


def test_the_circuit_opens_and_later_puzzles_skip_the_model(server, llm_app):
    server.responder = lambda body: status(503, "down", retry_after_ms=1)
    client = llm_app().test_client()
    finish(client, client.post("/api/puzzles", json={"words": words_for(3)}))
    finish(client, client.post("/api/puzzles", json={"words": words_for(4)}))
    calls = len(server.requests)
    puzzle = finish(client, client.post("/api/puzzles", json={"words": words_for(5)}))
    # the breaker is open: no more calls, so nothing waits on the model (a wall-clock
    # bound here said the same less reliably on a loaded machine)
    assert len(server.requests) == calls
    assert_valid_hints(puzzle)
    assert all(e["fallback"] for e in puzzle["entries"])


def test_the_key_is_sent_to_the_model_and_nowhere_else(server, llm_app):
    server.responder = lambda body: status(401, f"Incorrect API key provided: {KEY}")
    app = llm_app()
    client = app.test_client()
    puzzle = finish(client, client.post("/api/puzzles", json={"words": words_for(6)}))
    assert server.requests[0]["headers"]["authorization"] == f"Bearer {KEY}"
    for url in ("/api/traces", "/traces", "/api/health", "/"):
        assert "SECRET" not in client.get(url).get_data(as_text=True), url
    assert "SECRET" not in str(puzzle)
