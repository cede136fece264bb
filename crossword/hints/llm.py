"""The LLM hint generator: batched instructor calls, checks in code, re-asks of failures only.

    answers --cache--> hits
       | misses, in chunks of up to ``chunk_size`` (parallel, bounded by a
       v   process-wide semaphore)
    one instructor call per chunk, lenient schema {items: [{id, clue, emoji}]}
       v
    per-item checks (crossword.hints.checks) with the whole puzzle in view
       |-- ok -> result (+ cache)
       '-- failed -> ONE fresh, short call for all failed items with their
                     problems; at most ``reask_rounds`` rounds
       v still failing
    clue: the fallback provider's clue (Clue.fallback=True); emoji: None
    ("no emoji clue"), never an invalid one.

instructor's own re-ask (``max_retries=1``) only covers broken JSON or a wrong
shape: the schema carries no semantic validators, so one bad item never
regenerates a batch.  Maker-supplied clues and emoji are kept as written; the
checks only add notes to them.  Every model attempt is traced with its own
token counts (instructor's usage is cumulative; notes/llm.md §1.7).

This module runs a job; the parts live beside it:

    client.py       one model call: concurrency bound, breaker, budget, traces
    breaker.py      the circuit breaker
    prompts.py      prompt text and PROMPT_VERSION
    schema.py       the lenient reply shapes
    items.py        per-answer state and the checks with the puzzle in view
    topic_words.py  words_for_topic
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import instructor
import openai

from ..puzzle import NO_EMOJI_NOTE, Clue
from ..trace import Summary, Tracer, new_job_id, redact
from . import HintContext, HintProvider, HintRequest
from .breaker import CircuitBreaker
from .cache import CachedHint, HintCache
from .checks import MAX_CLUE_LENGTH, MAX_EMOJI, normalize_emoji
from .client import (
    HTTP_RETRIES,
    MAX_CONCURRENT_CALLS,
    TIMEOUT_S,
    Counters,
    ModelClient,
    set_max_concurrent_calls,
)
from .items import Item, PuzzleChecks, accept, keep_maker_hints, last_resort, to_clue
from .prompts import PROMPT_VERSION, hint_messages
from .schema import HintBatch
from .topic_words import words_for_topic

__all__ = [
    "MAX_CONCURRENT_CALLS",
    "PROMPT_VERSION",
    "CircuitBreaker",
    "LLMHintProvider",
    "set_max_concurrent_calls",
]

CHUNK_SIZE = 16  # answers per call: a 15-word puzzle is one call
MAX_PARALLEL = 8  # chunks of one job in flight
REASK_ROUNDS = 2


class LLMHintProvider:
    """A HintProvider over any OpenAI-compatible chat API, through instructor.

    ``client`` may be given (tests, shared clients); otherwise one is built from
    ``base_url``/``api_key``.  The key is handed to the openai client and never
    kept, printed or traced here.
    """

    def __init__(
        self,
        *,
        name: str,
        model: str,
        api_key: str | None = None,
        base_url: str | None = None,
        mode: instructor.Mode = instructor.Mode.TOOLS,
        client: openai.OpenAI | None = None,
        fallback: HintProvider | None = None,
        cache: HintCache | None = None,
        tracer: Tracer | None = None,
        chunk_size: int = CHUNK_SIZE,
        max_parallel: int = MAX_PARALLEL,
        reask_rounds: int = REASK_ROUNDS,
        timeout: float = TIMEOUT_S,
        http_retries: int = HTTP_RETRIES,
        temperature: float | None = None,
        emoji_name_check: bool = False,
        max_clue_length: int = MAX_CLUE_LENGTH,
        max_emoji: int = MAX_EMOJI,
        breaker: CircuitBreaker | None = None,
        daily_budget_usd: float | None = None,
        prompt_version: str = PROMPT_VERSION,
    ) -> None:
        self.name = name
        self.model: str | None = model
        self.mode = mode
        self.base_url = base_url
        self.fallback = fallback
        self.cache = cache
        self.tracer = tracer
        self.chunk_size = max(1, chunk_size)
        self.max_parallel = max(1, max_parallel)
        self.reask_rounds = max(0, reask_rounds)
        self.temperature = temperature
        self.emoji_name_check = emoji_name_check
        self.max_clue_length = max_clue_length
        self.max_emoji = max_emoji
        self.breaker = breaker or CircuitBreaker()
        self.daily_budget_usd = daily_budget_usd
        self.prompt_version = prompt_version
        self._calls = ModelClient(
            name=name, model=model, api_key=api_key, base_url=base_url, mode=mode,
            client=client, tracer=tracer, breaker=self.breaker, timeout=timeout,
            http_retries=http_retries, temperature=temperature,
            daily_budget_usd=daily_budget_usd,
        )  # fmt: skip

    def __repr__(self) -> str:
        where = f", base_url={self.base_url!r}" if self.base_url else ""
        return f"LLMHintProvider(name={self.name!r}, model={self.model!r}{where})"

    def close(self) -> None:
        """Close the HTTP connections of a client this provider built."""
        self._calls.close()

    def __enter__(self) -> LLMHintProvider:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- hints ----------------------------------------------------------------------
    def hints(self, requests: Sequence[HintRequest], context: HintContext) -> dict[str, Clue]:
        job = new_job_id()
        started = time.perf_counter()
        counters = Counters()
        checks = PuzzleChecks(self.max_clue_length, self.max_emoji, self.emoji_name_check)
        items: dict[str, Item] = {}
        for req in requests:
            if req.answer in items:
                continue
            items[req.answer] = Item(req, need_clue=not req.clue, need_emoji=not req.emoji)
        answers = list(context.answers) or list(items)
        total = len(items)
        done = [0]

        def progress(note: str) -> None:
            done[0] = sum(1 for it in items.values() if not it.pending)
            if context.progress is not None:
                context.progress(done[0], total, note)

        keep_maker_hints(items.values(), answers, max_emoji=self.max_emoji)
        self._use_cache(items, answers, checks, counters)
        progress("cached hints" if counters.cache_hits else "asking the model")

        for round_ in range(1, self.reask_rounds + 2):
            pending = [it for it in items.values() if it.pending]
            if not pending:
                break
            if round_ > 1:
                counters.add(reasks=1)
            self._round(pending, items, answers, checks, context, job, round_, counters)
            progress(f"round {round_} checked")

        self._finish(items, answers, checks, context, counters)
        progress("done")

        if self.cache is not None:
            fresh = [
                CachedHint(it.answer, it.clue or "", it.emoji)
                for it in items.values()
                if it.clue_source == self.name and it.emoji_source == self.name
                and not it.from_cache and it.clue and it.emoji
            ]  # fmt: skip
            self.cache.put_many(
                fresh, provider=self.name, model=self.model, prompt_version=self.prompt_version
            )
        stats = counters.as_stats()
        for k, v in stats.items():
            context.stats[k] = context.stats.get(k, 0) + v  # type: ignore[operator]
        if self.tracer is not None:
            self.tracer.summarize(
                Summary(
                    job=job, provider=self.name, model=self.model, purpose="hints",
                    items=total, calls=counters.calls, prompt_tokens=counters.prompt_tokens,
                    completion_tokens=counters.completion_tokens, cost_usd=counters.cost_usd,
                    cache_hits=counters.cache_hits, reasks=counters.reasks,
                    fallbacks=counters.fallbacks, no_emoji=counters.no_emoji,
                    latency_ms=int((time.perf_counter() - started) * 1000),
                )
            )  # fmt: skip
        return {answer: to_clue(it, source=self.name) for answer, it in items.items()}

    def _use_cache(
        self,
        items: dict[str, Item],
        answers: list[str],
        checks: PuzzleChecks,
        counters: Counters,
    ) -> None:
        """Serve cached hints that still pass the checks in this puzzle."""
        if self.cache is None:
            return
        wanted = [it.answer for it in items.values() if it.pending]
        found = self.cache.get_many(
            wanted, provider=self.name, model=self.model, prompt_version=self.prompt_version
        )
        served = []
        for answer in wanted:
            hint = found.get(answer)
            if hint is None:
                continue
            it = items[answer]
            clue_ok = not it.need_clue or not checks.clue(it, hint.clue, items, answers)
            emoji_ok = not it.need_emoji or (
                hint.emoji is not None and not checks.emoji(it, hint.emoji, items)
            )
            if clue_ok and emoji_ok:
                if it.need_clue:
                    it.clue, it.clue_source, it.need_clue = hint.clue, self.name, False
                if it.need_emoji:
                    it.emoji, it.emoji_source, it.need_emoji = hint.emoji, self.name, False
                it.from_cache = True
                served.append(answer)
        if served:
            counters.add(cache_hits=len(served))
            self.cache.count_hits(
                served, provider=self.name, model=self.model, prompt_version=self.prompt_version
            )

    def _chunks(self, pending: list[Item]) -> list[list[Item]]:
        n = math.ceil(len(pending) / self.chunk_size)
        size = math.ceil(len(pending) / n)
        return [pending[i : i + size] for i in range(0, len(pending), size)]

    def _round(
        self,
        pending: list[Item],
        items: dict[str, Item],
        answers: list[str],
        checks: PuzzleChecks,
        context: HintContext,
        job: str,
        round_: int,
        counters: Counters,
    ) -> None:
        """One call per chunk of the pending items, chunks in parallel."""
        chunks = self._chunks(pending)
        purpose = "hints" if round_ == 1 else "re-ask"
        lock = threading.Lock()

        def run(chunk: list[Item]) -> None:
            messages = hint_messages(
                chunk, context.topic, reask=round_ > 1,
                max_clue_length=self.max_clue_length, max_emoji=self.max_emoji,
            )  # fmt: skip
            result, attempts = self._calls.call(
                HintBatch, messages, job=job, purpose=purpose, items=len(chunk),
                round_=round_, counters=counters,
            )  # fmt: skip
            with lock:  # checks see the whole puzzle, so they run one chunk at a time
                problems = accept(chunk, result, items, answers, checks, source=self.name)
            self._calls.trace(
                attempts, job=job, purpose=purpose, items=len(chunk), round_=round_,
                counters=counters, problems=problems,
            )  # fmt: skip
            if context.progress is not None:
                finished = sum(1 for it in items.values() if not it.pending)
                context.progress(finished, len(items), f"round {round_}")

        if len(chunks) == 1:
            run(chunks[0])
            return
        with ThreadPoolExecutor(max_workers=min(len(chunks), self.max_parallel)) as pool:
            for f in [pool.submit(run, c) for c in chunks]:
                f.result()

    def _finish(
        self,
        items: dict[str, Item],
        answers: list[str],
        checks: PuzzleChecks,
        context: HintContext,
        counters: Counters,
    ) -> None:
        """What the model could not do: fallback clues, "no emoji clue"."""
        need_clue = [it for it in items.values() if it.need_clue]
        from_fallback: dict[str, Clue] = {}
        if need_clue and self.fallback is not None:
            try:
                from_fallback = dict(
                    self.fallback.hints(
                        [HintRequest(it.answer, it.req.enumeration) for it in need_clue], context
                    )
                )
            except Exception as exc:  # a broken fallback must not break the puzzle
                for it in need_clue:
                    it.notes.append(f"fallback failed: {redact(str(exc))}")
        for it in items.values():
            if it.need_clue:
                counters.add(fallbacks=1)
                it.fallback = True
                got = from_fallback.get(it.answer)
                source = getattr(self.fallback, "name", "fallback")
                if got is not None and got.text and not checks.clue(it, got.text, items, answers):
                    it.clue, it.clue_source = got.text, got.source or source
                else:
                    it.clue, it.clue_source = last_resort(it, items), "fallback"
                it.need_clue = False
                if it.need_emoji and got is not None and got.emoji:
                    emoji = normalize_emoji(got.emoji)
                    if not checks.emoji(it, emoji, items):
                        it.emoji, it.emoji_source, it.need_emoji = (
                            emoji,
                            got.emoji_source or source,
                            False,
                        )
            if it.need_emoji:
                counters.add(no_emoji=1)
                it.emoji, it.emoji_source, it.need_emoji = None, None, False
                it.notes.append(NO_EMOJI_NOTE)

    # -- topic words --------------------------------------------------------------------
    def words_for_topic(self, topic: str, count: int, *, seed: int = 0) -> list[str]:
        """Candidate words for a topic (see crossword.hints.topic_words)."""
        return words_for_topic(self._calls, self.fallback, topic, count, seed=seed)
