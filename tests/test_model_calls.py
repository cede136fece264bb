"""What the model calls of one process share (crossword.hints.calls.ModelCalls): the edge
builds one and passes it in, so providers built with it share the call slots and one
breaker per model, and two apps (or two ModelCalls) never share either."""

from __future__ import annotations

import threading
import time

import pytest
from llm_server import LLMServer, answers_in, hints, slow

from crossword import ModelCalls, make_provider
from crossword.hints import HintContext, HintRequest
from crossword.puzzle import Hints

ANIMALS = "🐟🐘🦒🦓🐯🦁🐻🐼🐨🐸"


class Fallback:
    name = "offline"
    model = None

    def hints(self, requests, context):
        return {r.answer: Hints("A stand-in clue here", None, source="offline") for r in requests}

    def words_for_topic(self, topic, count, *, seed=0):
        return []


@pytest.fixture
def server():
    with LLMServer() as s:
        s.responder = lambda body: hints(
            {n: ("Some fair clue text", "🐟") for n, _ in answers_in(body)}
        )
        yield s


def provider(server, calls=None, model="m"):
    return make_provider(
        "compatible", base_url=server.base_url, model=model, calls=calls,
        fallback=Fallback(), http_retries=0, timeout=5.0,
    )  # fmt: skip


def ask(p, answer):
    return p.hints([HintRequest(answer, str(len(answer)))], HintContext(answers=(answer,)))


def test_providers_built_with_one_model_calls_share_the_breaker_of_their_model(server):
    calls = ModelCalls()
    first, second = provider(server, calls), provider(server, calls)
    assert first.breaker is second.breaker
    assert provider(server, calls, model="other").breaker is not first.breaker
    while not calls.breaker("compatible", server.base_url, "m").is_open:
        calls.breaker("compatible", server.base_url, "m").failure()
    assert ask(second, "TIGER")["TIGER"].fallback  # skipped: the model's breaker is open
    assert server.requests == []
    assert not ask(provider(server, ModelCalls()), "TIGER")["TIGER"].fallback  # another process
    assert not ask(provider(server), "LION")["LION"].fallback  # a provider alone has its own
    assert len(server.requests) == 2


def test_the_call_slots_bound_calls_across_providers(server):
    arrivals = []

    def respond(body):
        arrivals.append(time.perf_counter())
        return slow(
            0.3, hints({n: ("Some fair clue text", ANIMALS[0]) for n, _ in answers_in(body)})
        )

    server.responder = respond
    calls = ModelCalls(max_in_flight=1)
    threads = [
        threading.Thread(target=ask, args=(provider(server, calls), word))
        for word in ("OTTER", "HERON")
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # one slot: the second request left only after the first reply (0.3 s) came back
    assert len(arrivals) == 2 and arrivals[1] - arrivals[0] >= 0.3


def test_every_app_builds_its_own_model_calls(make_app):
    one, two = make_app(), make_app(MAX_MODEL_CALLS=3)
    assert one.extensions["crossword.model_calls"] is not two.extensions["crossword.model_calls"]
    assert two.extensions["crossword.model_calls"].max_in_flight == 3
