"""One model call, bounded and traced.

Every request to the model goes through ``ModelClient.call``, so the rules
around a call are the same for hint rounds and topic words: skip it while the
circuit breaker is open or the daily budget is spent, hold one of the
process-wide call slots while it runs, and record each attempt instructor makes
with its own tokens, cost, latency, HTTP retries and outcome.  instructor's
usage is cumulative over its retries, so the hooks read each response as it
comes (notes/llm.md §1.7).  The API key goes to the openai client and is only
kept here to scrub it from error texts.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import instructor
import openai
from instructor.core.hooks import Hooks
from pydantic import BaseModel

from ..prices import cost_usd
from ..trace import Attempt, Tracer, redact
from .breaker import CircuitBreaker

__all__ = [
    "HTTP_RETRIES",
    "MAX_CONCURRENT_CALLS",
    "TIMEOUT_S",
    "Counters",
    "ModelClient",
    "set_max_concurrent_calls",
]

MAX_CONCURRENT_CALLS = 8  # model calls in flight in the whole process
TIMEOUT_S = 30.0
HTTP_RETRIES = 2

# --- process-wide limits ------------------------------------------------------

_slots_lock = threading.Lock()
_call_slots = threading.BoundedSemaphore(MAX_CONCURRENT_CALLS)


def set_max_concurrent_calls(limit: int) -> None:
    """How many model calls may be in flight in this process (all providers, all jobs)."""
    global _call_slots
    with _slots_lock:
        _call_slots = threading.BoundedSemaphore(max(1, int(limit)))


# --- what one job spent ------------------------------------------------------------


@dataclass
class Counters:
    """Totals of one job (calls, tokens, cost, ...): the puzzle's stats and its summary."""

    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0
    cache_hits: int = 0
    reasks: int = 0
    fallbacks: int = 0
    no_emoji: int = 0
    http_errors: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, **kw: float) -> None:
        with self.lock:
            for k, v in kw.items():
                setattr(self, k, getattr(self, k) + v)

    def as_stats(self) -> dict[str, float]:
        return {
            "calls": self.calls,
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "cost_usd": round(self.cost_usd, 8),
            "cache_hits": self.cache_hits,
            "reasks": self.reasks,
            "fallbacks": self.fallbacks,
            "no_emoji": self.no_emoji,
            "http_errors": self.http_errors,
        }


class _HttpCounter(threading.local):
    errors = 0


# --- the client --------------------------------------------------------------------


class ModelClient:
    """instructor over an openai client, with the breaker, budget and tracer of one provider.

    ``client`` may be given (tests, shared clients); otherwise one is built
    from ``base_url``/``api_key`` with an HTTP hook that counts error
    responses, i.e. the openai client's own retries.
    """

    def __init__(
        self,
        *,
        name: str,
        model: str | None,
        api_key: str | None,
        base_url: str | None,
        mode: instructor.Mode,
        client: openai.OpenAI | None,
        tracer: Tracer | None,
        breaker: CircuitBreaker,
        timeout: float = TIMEOUT_S,
        http_retries: int = HTTP_RETRIES,
        temperature: float | None = None,
        daily_budget_usd: float | None = None,
    ) -> None:
        self.name = name
        self.model = model
        self.tracer = tracer
        self.breaker = breaker
        self.temperature = temperature
        self.daily_budget_usd = daily_budget_usd
        self._http = _HttpCounter()
        self._secret = api_key  # only used to scrub error texts
        self._owned: openai.OpenAI | None = None
        if client is None:
            http_client = openai.DefaultHttpxClient(
                event_hooks={"response": [self._on_http_response]}
            )
            client = openai.OpenAI(
                api_key=api_key or "none",
                base_url=base_url,
                timeout=timeout,
                max_retries=http_retries,
                http_client=http_client,
            )
            self._owned = client
        self._client = instructor.from_openai(client, mode=mode)

    def close(self) -> None:
        """Close the HTTP connections of a client built here."""
        if self._owned is not None:
            self._owned.close()

    def _on_http_response(self, response: Any) -> None:
        if getattr(response, "status_code", 200) >= 400:
            self._http.errors += 1

    def call(
        self,
        response_model: type[BaseModel],
        messages: list[dict[str, str]],
        *,
        job: str,
        purpose: str,
        items: int,
        round_: int,
        counters: Counters,
    ) -> tuple[BaseModel | None, list[dict[str, Any]]]:
        """One instructor create(); returns (result or None, per-attempt records).

        The records are traced by the caller (``trace``) once it has checked
        the result, so the last attempt can carry the problems found.
        """
        if not self.breaker.allow() or self._over_budget():
            self.trace(
                [{"outcome": "skipped", "error": "circuit open or daily budget reached"}],
                job=job, purpose=purpose, items=items, round_=round_, counters=counters,
            )  # fmt: skip
            return None, []
        attempts: list[dict[str, Any]] = []
        start = [time.perf_counter()]

        def on_kwargs(*_a: Any, **_kw: Any) -> None:
            start[0] = time.perf_counter()
            self._http.errors = 0

        def on_response(response: Any) -> None:
            usage = getattr(response, "usage", None)
            details = getattr(usage, "prompt_tokens_details", None)
            attempts.append(
                {
                    "outcome": "ok",
                    "prompt_tokens": int(getattr(usage, "prompt_tokens", 0) or 0),
                    "completion_tokens": int(getattr(usage, "completion_tokens", 0) or 0),
                    "cached_tokens": int(getattr(details, "cached_tokens", 0) or 0),
                    "latency_ms": int((time.perf_counter() - start[0]) * 1000),
                    "http_retries": self._http.errors,
                }
            )

        def on_parse_error(error: Exception, **_kw: Any) -> None:
            if attempts:
                attempts[-1]["outcome"] = "parse_error"
                attempts[-1]["error"] = f"{type(error).__name__}: {error}"

        def on_error(error: Exception, **_kw: Any) -> None:
            attempts.append(
                {
                    "outcome": _error_outcome(error),
                    "error": f"{type(error).__name__}: {error}",
                    "latency_ms": int((time.perf_counter() - start[0]) * 1000),
                    "http_retries": self._http.errors,
                }
            )

        hooks = Hooks()
        hooks.on("completion:kwargs", on_kwargs)
        hooks.on("completion:response", on_response)
        hooks.on("parse:error", on_parse_error)
        hooks.on("completion:error", on_error)
        extra: dict[str, Any] = {}
        if self.temperature is not None:
            extra["temperature"] = self.temperature
        result: BaseModel | None = None
        with _call_slots:
            try:
                result = self._client.chat.completions.create(
                    model=self.model,
                    response_model=response_model,
                    messages=messages,  # type: ignore[arg-type]
                    max_retries=1,
                    strict=False,
                    hooks=hooks,
                    **extra,
                )
            except Exception as exc:  # model output and the network are untrusted
                cause = exc.__cause__ or exc
                if not attempts or attempts[-1]["outcome"] == "ok":
                    attempts.append(
                        {
                            "outcome": _error_outcome(cause),
                            "error": f"{type(cause).__name__}: {cause}",
                            "latency_ms": int((time.perf_counter() - start[0]) * 1000),
                            "http_retries": self._http.errors,
                        }
                    )
        api_failed = any(a["outcome"] in ("http_error", "timeout") for a in attempts)
        if api_failed and result is None:
            self.breaker.failure()
        elif attempts:
            self.breaker.success()
        return result, attempts

    def _over_budget(self) -> bool:
        if self.daily_budget_usd is None or self.tracer is None:
            return False
        return self.tracer.spent_today() >= self.daily_budget_usd

    def trace(
        self,
        attempts: list[dict[str, Any]],
        *,
        job: str,
        purpose: str,
        items: int,
        round_: int,
        counters: Counters,
        problems: Sequence[str] = (),
    ) -> None:
        """Count the attempts into ``counters`` and record them; an "ok" last
        attempt whose items failed the checks becomes "failed_checks"."""
        for i, a in enumerate(attempts):
            prompt = a.get("prompt_tokens", 0)
            completion = a.get("completion_tokens", 0)
            cost = cost_usd(self.model, prompt, completion, a.get("cached_tokens", 0))
            outcome = a["outcome"]
            last = i == len(attempts) - 1
            if last and outcome == "ok" and problems:
                outcome = "failed_checks"
            if outcome != "skipped":
                counters.add(
                    calls=1,
                    prompt_tokens=prompt,
                    completion_tokens=completion,
                    cost_usd=cost,
                    http_errors=a.get("http_retries", 0) + (outcome == "timeout"),
                )
            if self.tracer is not None:
                self.tracer.record(
                    Attempt(
                        job=job, provider=self.name, model=self.model, purpose=purpose,
                        outcome=outcome, items=items, round=round_, prompt_tokens=prompt,
                        completion_tokens=completion, cost_usd=cost,
                        latency_ms=a.get("latency_ms", 0), http_retries=a.get("http_retries", 0),
                        problems=tuple(problems) if last else (),
                        error=redact(a.get("error"), [self._secret]) if a.get("error") else None,
                    )
                )  # fmt: skip


def _error_outcome(error: BaseException) -> str:
    if isinstance(error, openai.APITimeoutError):
        return "timeout"
    if isinstance(error, openai.APIError):
        return "http_error"
    name = type(error).__name__
    if "Validation" in name or "JSON" in name or "Incomplete" in name:
        return "parse_error"
    return "error"
