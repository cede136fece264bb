"""The LLM hint generator: batched instructor calls, checks in code, re-asks of failures only.

    answers --cache--> hits
       | misses, in chunks of up to ``chunk_size`` (parallel, bounded by a
       v   process-wide semaphore)
    one instructor call per chunk, lenient schema {items: [{answer, clue, emoji}]}
       v
    hints matched to answers by the answer each item repeats (never by position)
       v
    per-item checks (crossword.hints.checks) with the whole puzzle in view
       |-- ok -> result (+ cache)
       '-- failed -> ONE fresh, short call for all failed items with their
                     problems; at most ``reask_rounds`` rounds
       v a clue or an emoji still failing
    the fallback provider's clue (Hints.fallback=True) and/or emoji (its
    emoji_source, e.g. "offline", and a note); a clue that fails there too: a
    last-resort letter-pattern clue; no valid emoji anywhere: None ("no emoji
    clue"), never an invalid one.

instructor's own re-ask (``max_retries=1``) only covers broken JSON or a wrong
shape: the schema carries no semantic validators, so one bad item never
regenerates a batch.  Maker-supplied clues and emoji are kept as written; the
checks only add notes to them.  Every model attempt is traced with its own
token counts (instructor's usage is cumulative over re-asks), and every
HTTP request, retries by the openai client included, is one trace record.

This module runs a job; the parts live beside it:

    client.py       one model call: concurrency bound, breaker, budget, traced attempts
    breaker.py      the circuit breaker
    calls.py        what the process's model calls share: call slots, one breaker per model
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
from dataclasses import dataclass, field

import instructor

from ..puzzle import NO_EMOJI_NOTE, Hints
from ..trace import Counters, Tracer, new_job_id, redact
from . import HintContext, HintProvider, HintRequest
from .breaker import CircuitBreaker
from .cache import CachedHint, HintCache
from .calls import ModelCalls
from .checks import MAX_CLUE_LENGTH, MAX_EMOJI, normalize_emoji
from .client import HTTP_RETRIES, TIMEOUT_S, ModelClient
from .items import Item, PuzzleChecks, accept, keep_maker_hints, last_resort, to_clue
from .prompts import PROMPT_VERSION, hint_messages
from .schema import HintBatch
from .topic_words import words_for_topic

__all__ = [
    "PROMPT_VERSION",
    "CircuitBreaker",
    "LLMHintProvider",
]

CHUNK_SIZE = 16  # answers per call: a 15-word puzzle is one call
MAX_PARALLEL = 8  # chunks of one job in flight
REASK_ROUNDS = 2


@dataclass
class _Job:
    """One hints request in progress: its items, the checks, what it spent."""

    items: dict[str, Item]
    answers: list[str]
    checks: PuzzleChecks
    context: HintContext
    id: str = field(default_factory=new_job_id)
    counters: Counters = field(default_factory=Counters)
    started: float = field(default_factory=time.perf_counter)
    # checks see the whole puzzle, so parallel chunks are accepted one at a time
    lock: threading.Lock = field(default_factory=threading.Lock)

    def progress(self, note: str) -> None:
        if self.context.progress is not None:
            done = sum(1 for it in self.items.values() if not it.pending)
            self.context.progress(done, len(self.items), note)


class LLMHintProvider:
    """A HintProvider over any OpenAI-compatible chat API, through instructor.

    The openai client is built from ``base_url``/``api_key`` with ``timeout``
    seconds per HTTP request and ``http_retries`` retries.  The key is handed to
    the openai client and never kept, printed or traced here.  ``calls`` is the
    process's shared call slots and breakers (built by the edge); without it the
    provider has its own.
    """

    def __init__(
        self,
        *,
        name: str,
        model: str,
        api_key: str | None = None,
        base_url: str | None = None,
        mode: instructor.Mode = instructor.Mode.TOOLS,
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
        calls: ModelCalls | None = None,
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
        # alone (no ``calls`` from an edge) the provider bounds and breaks only itself
        calls = calls or ModelCalls()
        self.breaker = breaker or calls.breaker(name, base_url, model)
        self.daily_budget_usd = daily_budget_usd
        self.prompt_version = prompt_version
        self._calls = ModelClient(
            name=name, model=model, api_key=api_key, base_url=base_url, mode=mode,
            tracer=tracer, breaker=self.breaker, slots=calls.slots, timeout=timeout,
            http_retries=http_retries, temperature=temperature,
            daily_budget_usd=daily_budget_usd,
        )  # fmt: skip

    @property
    def timeout(self) -> float:
        """Seconds one HTTP request to the model may take."""
        return self._calls.timeout

    def __repr__(self) -> str:
        where = f", base_url={self.base_url!r}" if self.base_url else ""
        return f"LLMHintProvider(name={self.name!r}, model={self.model!r}{where})"

    def close(self) -> None:
        """Close the HTTP connections."""
        self._calls.close()

    def __enter__(self) -> LLMHintProvider:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- hints ----------------------------------------------------------------------
    def hints(self, requests: Sequence[HintRequest], context: HintContext) -> dict[str, Hints]:
        """Maker hints, then the cache, then model rounds, then the fallback."""
        job = self._start(requests, context)
        keep_maker_hints(job.items.values(), job.answers, max_emoji=self.max_emoji)
        self._use_cache(job)
        job.progress("cached hints" if job.counters.totals.cache_hits else "asking the model")
        self._ask_model(job)
        self._finish(job)
        job.progress("done")
        self._store(job)
        self._report(job)
        return {answer: to_clue(it, source=self.name) for answer, it in job.items.items()}

    def _start(self, requests: Sequence[HintRequest], context: HintContext) -> _Job:
        items: dict[str, Item] = {}
        for req in requests:
            if req.answer not in items:
                items[req.answer] = Item(req)
        checks = PuzzleChecks(self.max_clue_length, self.max_emoji, self.emoji_name_check)
        return _Job(items, list(context.answers) or list(items), checks, context)

    def _use_cache(self, job: _Job) -> None:
        """Serve cached hints that still pass the checks in this puzzle."""
        if self.cache is None:
            return
        name, model, version = self.name, self.model, self.prompt_version
        wanted = [it.answer for it in job.items.values() if it.pending]
        found = self.cache.get_many(wanted, provider=name, model=model, prompt_version=version)
        served = [a for a in wanted if a in found and self._serve_cached(job, found[a])]
        if served:
            job.counters.add(cache_hits=len(served))
            self.cache.count_hits(served, provider=name, model=model, prompt_version=version)

    def _serve_cached(self, job: _Job, hint: CachedHint) -> bool:
        it = job.items[hint.answer]
        if it.need_clue and job.checks.clue(it, hint.clue, job.items, job.answers):
            return False
        if it.need_emoji and (hint.emoji is None or job.checks.emoji(it, hint.emoji, job.items)):
            return False
        if it.need_clue:
            it.clue, it.clue_source, it.need_clue = hint.clue, self.name, False
        if it.need_emoji:
            it.emoji, it.emoji_source, it.need_emoji = hint.emoji, self.name, False
        it.from_cache = True
        return True

    def _ask_model(self, job: _Job) -> None:
        """The first round, then re-ask rounds for what is still pending."""
        for round_ in range(1, self.reask_rounds + 2):
            pending = [it for it in job.items.values() if it.pending]
            if not pending:
                return
            if round_ > 1:
                job.counters.add(reasks=1)
            self._round(job, pending, round_)
            job.progress(f"round {round_} checked")

    def _chunks(self, pending: list[Item]) -> list[list[Item]]:
        n = math.ceil(len(pending) / self.chunk_size)
        size = math.ceil(len(pending) / n)
        return [pending[i : i + size] for i in range(0, len(pending), size)]

    def _round(self, job: _Job, pending: list[Item], round_: int) -> None:
        """One call per chunk of the pending items, chunks in parallel."""
        chunks = self._chunks(pending)
        if len(chunks) == 1:
            self._ask_chunk(job, chunks[0], round_)
            return
        with ThreadPoolExecutor(max_workers=min(len(chunks), self.max_parallel)) as pool:
            for f in [pool.submit(self._ask_chunk, job, c, round_) for c in chunks]:
                f.result()

    def _ask_chunk(self, job: _Job, chunk: list[Item], round_: int) -> None:
        purpose = "hints" if round_ == 1 else "re-ask"
        messages = hint_messages(
            chunk, job.context.topic, reask=round_ > 1,
            max_clue_length=self.max_clue_length, max_emoji=self.max_emoji,
        )  # fmt: skip
        result, attempts = self._calls.call(
            HintBatch, messages, job=job.id, purpose=purpose, items=len(chunk), round_=round_,
            counters=job.counters,
        )  # fmt: skip
        with job.lock:
            problems = accept(chunk, result, job.items, job.answers, job.checks, source=self.name)
        self._calls.trace(
            attempts, job=job.id, purpose=purpose, items=len(chunk), round_=round_,
            counters=job.counters, problems=problems,
        )  # fmt: skip
        job.progress(f"round {round_}")

    def _finish(self, job: _Job) -> None:
        """What the model could not do comes from the fallback: its clue, its emoji;
        else a last-resort clue and "no emoji clue" - never an invalid hint."""
        pending = [it for it in job.items.values() if it.pending]
        if not pending:
            return
        given = self._ask_fallback(pending, job.context)
        source = getattr(self.fallback, "name", "fallback")
        for it in pending:
            got = given.get(it.answer)
            if it.need_clue:
                self._fallback_clue(job, it, got, source)
            emoji_replaced = it.need_emoji and self._fallback_emoji(job, it, got, source)
            if it.need_emoji:
                it.emoji, it.emoji_source, it.need_emoji = None, None, False
                it.notes.append(NO_EMOJI_NOTE)
                job.counters.add(no_emoji=1)
            job.counters.add(fallbacks=it.fallback or emoji_replaced)

    def _ask_fallback(self, pending: list[Item], context: HintContext) -> dict[str, Hints]:
        if self.fallback is None:
            return {}
        asked = [
            HintRequest(it.answer, it.req.enumeration, sense=None if it.need_clue else it.clue)
            for it in pending
        ]
        try:
            return dict(self.fallback.hints(asked, context))
        except Exception as exc:  # a broken fallback must not break the puzzle
            for it in pending:
                it.notes.append(f"fallback failed: {redact(str(exc))}")
            return {}

    @staticmethod
    def _fallback_clue(job: _Job, it: Item, got: Hints | None, source: str) -> None:
        it.fallback = True
        if (
            got is not None
            and got.text
            and not job.checks.clue(it, got.text, job.items, job.answers)
        ):
            it.clue, it.clue_source = got.text, got.source or source
        else:
            it.clue, it.clue_source = last_resort(it, job.items), "fallback"
        it.need_clue = False

    @staticmethod
    def _fallback_emoji(job: _Job, it: Item, got: Hints | None, source: str) -> bool:
        """The fallback's emoji clue if it passes the checks here; marked by its
        ``emoji_source`` (and a note when the clue is the model's)."""
        if got is None or not got.emoji:
            return False
        emoji = normalize_emoji(got.emoji)
        if job.checks.emoji(it, emoji, job.items):
            return False
        by = got.emoji_source or source
        if not it.fallback:
            it.notes.append(f"emoji clue from {by}: the model's failed every round")
        it.emoji, it.emoji_source, it.need_emoji = emoji, by, False
        return True

    def _store(self, job: _Job) -> None:
        """Cache the hints the model wrote in full for this job."""
        if self.cache is None:
            return
        fresh = [
            CachedHint(it.answer, it.clue or "", it.emoji)
            for it in job.items.values()
            if it.clue_source == self.name and it.emoji_source == self.name
            and not it.from_cache and it.clue and it.emoji
        ]  # fmt: skip
        self.cache.put_many(
            fresh, provider=self.name, model=self.model, prompt_version=self.prompt_version
        )

    def _report(self, job: _Job) -> None:
        """The job's totals into the puzzle's stats and the trace summary."""
        stats = job.counters.as_stats()
        for k, v in stats.items():
            job.context.stats[k] = job.context.stats.get(k, 0) + v  # type: ignore[operator]
        if self.tracer is not None:
            self.tracer.summarize(
                job.counters.summary(
                    job=job.id, provider=self.name, model=self.model, purpose="hints",
                    items=len(job.items), latency_ms=int((time.perf_counter() - job.started) * 1000),
                )
            )  # fmt: skip

    # -- topic words --------------------------------------------------------------------
    def words_for_topic(self, topic: str, count: int, *, seed: int = 0) -> list[str]:
        """Candidate words for a topic (see crossword.hints.topic_words)."""
        return words_for_topic(self._calls, self.fallback, topic, count, seed=seed)
