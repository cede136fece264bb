"""One model call, bounded and traced.

Every request to the model goes through ``ModelClient.call``, so the rules
around a call are the same for hint rounds and topic words: skip it while the
circuit breaker is open or the daily budget is spent, hold one of the
process's call slots (``calls.ModelCalls``, passed in by the edge) while it runs, and record every HTTP attempt with its
own tokens, cost, latency and outcome.

Attempts are counted where they happen: the HTTP client handed to openai notes
each request it sends, with its status or error, so the retries the openai
client makes by itself (a 500 or a timeout, then a success) are traced too and
the traces count exactly the requests the server saw.  instructor's hooks then
add each response's own token counts (its usage is cumulative over re-asks)
and mark the responses it could not parse.  The API key goes
to the openai client and is only kept here to scrub it from error texts.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import httpx2
import instructor
import openai
from instructor.core.hooks import Hooks
from pydantic import BaseModel

from ..prices import cost_usd
from ..spend import SpendCap, estimate_usd
from ..trace import Attempt, Counters, Tracer, redact
from .breaker import CircuitBreaker

__all__ = [
    "HTTP_RETRIES",
    "TIMEOUT_S",
    "Counters",
    "HttpAttempt",
    "ModelClient",
]

TIMEOUT_S = 30.0  # seconds one HTTP request to the model may take
HTTP_RETRIES = 2  # the openai client's own retries of 408/429/5xx/timeouts
API_FAILURES = ("http_error", "timeout")

# --- attempts ----------------------------------------------------------------------


@dataclass
class HttpAttempt:
    """One HTTP request to the model and what came of it.

    ``outcome`` starts as "ok" (a 2xx), "http_error" (status >= 400 or no
    connection) or "timeout"; a 2xx instructor could not parse becomes
    "parse_error".  ``sent`` is False only for the record of a call that failed
    before any request left (so it is not counted as a call).
    """

    outcome: str
    latency_ms: int = 0
    retry: int = 0  # the openai client's retry number: 0 = first try
    error: str | None = None
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached_tokens: int = 0
    sent: bool = True


def _ms_since(started: float) -> int:
    return int((time.perf_counter() - started) * 1000)


class _RecordingHttpClient(openai.DefaultHttpxClient):  # type: ignore[misc]
    """openai's default HTTP client, reporting every request it sends (retries included)."""

    def __init__(self, on_attempt: Callable[[HttpAttempt], None], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._on_attempt = on_attempt

    def __del__(self) -> None:  # as openai's own client: a dropped provider frees its sockets
        try:
            if not self.is_closed:
                self.close()
        except Exception:
            pass

    def send(self, request: httpx2.Request, **kwargs: Any) -> httpx2.Response:
        started = time.perf_counter()
        retry = int(request.headers.get("x-stainless-retry-count") or 0)
        try:
            response: httpx2.Response = super().send(request, **kwargs)
        except httpx2.TimeoutException as exc:
            self._on_attempt(HttpAttempt("timeout", _ms_since(started), retry, _describe(exc)))
            raise
        except httpx2.HTTPError as exc:
            self._on_attempt(HttpAttempt("http_error", _ms_since(started), retry, _describe(exc)))
            raise
        failed = response.status_code >= 400
        self._on_attempt(
            HttpAttempt(
                "http_error" if failed else "ok",
                _ms_since(started),
                retry,
                f"HTTP {response.status_code}" if failed else None,
            )
        )
        return response


class _CallLog:
    """The HTTP attempts of one call, completed by instructor's hooks."""

    def __init__(self) -> None:
        self.attempts: list[HttpAttempt] = []

    def add(self, attempt: HttpAttempt) -> None:
        self.attempts.append(attempt)

    def _last_ok(self) -> HttpAttempt | None:
        last = self.attempts[-1] if self.attempts else None
        return last if last is not None and last.outcome == "ok" else None

    def on_response(self, response: Any) -> None:
        """instructor's completion:response: this response's own usage (read now, it is
        overwritten with running totals later)."""
        last = self._last_ok()
        if last is None:
            return
        usage = getattr(response, "usage", None)
        details = getattr(usage, "prompt_tokens_details", None)
        last.prompt_tokens = int(getattr(usage, "prompt_tokens", 0) or 0)
        last.completion_tokens = int(getattr(usage, "completion_tokens", 0) or 0)
        last.cached_tokens = int(getattr(details, "cached_tokens", 0) or 0)

    def on_parse_error(self, error: Exception, **_kw: Any) -> None:
        last = self._last_ok()
        if last is not None:
            last.outcome, last.error = "parse_error", _describe(error)

    def hooks(self) -> Hooks:
        hooks = Hooks()
        hooks.on("completion:response", self.on_response)
        hooks.on("parse:error", self.on_parse_error)
        return hooks

    def failed(self, exc: BaseException) -> None:
        """The call raised: name the cause on the attempt it ended with."""
        cause = exc.__cause__ or exc
        last = self.attempts[-1] if self.attempts else None
        if last is None:  # nothing was sent
            self.attempts.append(
                HttpAttempt(_error_outcome(cause), error=_describe(cause), sent=False)
            )
        elif last.outcome == "ok":  # a 2xx that could not be used
            last.outcome, last.error = _error_outcome(cause), _describe(cause)
        elif last.outcome in API_FAILURES:
            last.error = _describe(cause)  # the API's message beats "HTTP 500"

    @property
    def api_failed(self) -> bool:
        return bool(self.attempts) and self.attempts[-1].outcome in API_FAILURES


# --- the client --------------------------------------------------------------------


class ModelClient:
    """instructor over an openai client, with the breaker, budget and tracer of one provider.

    The openai client is built here, with ``timeout`` seconds per HTTP request
    and ``http_retries`` retries of 408/429/5xx/timeouts, over an HTTP client
    that reports every request to the call that sent it.
    """

    def __init__(
        self,
        *,
        name: str,
        model: str | None,
        api_key: str | None,
        base_url: str | None,
        mode: instructor.Mode,
        tracer: Tracer | None,
        breaker: CircuitBreaker,
        slots: threading.BoundedSemaphore,
        timeout: float = TIMEOUT_S,
        http_retries: int = HTTP_RETRIES,
        temperature: float | None = None,
        daily_budget_usd: float | None = None,
    ) -> None:
        self.name = name
        self.model = model
        self.tracer = tracer
        self.breaker = breaker
        self.slots = slots  # shared by every client of the process (calls.ModelCalls)
        self.timeout = float(timeout)
        self.temperature = temperature
        self.daily_budget_usd = daily_budget_usd
        # the cap's ledger lives beside the traces, so every process counts against one cap
        self.spend = (
            SpendCap(getattr(tracer, "db", None), daily_budget_usd)
            if daily_budget_usd is not None
            else None
        )
        self._secret = api_key  # only used to scrub error texts
        self._local = threading.local()  # the _CallLog of the call running in this thread
        self._openai = openai.OpenAI(
            api_key=api_key or "none",
            base_url=base_url,
            timeout=self.timeout,
            max_retries=http_retries,
            http_client=_RecordingHttpClient(self._on_attempt, timeout=self.timeout),
        )
        self._client = instructor.from_openai(self._openai, mode=mode)

    def close(self) -> None:
        """Close the HTTP connections."""
        self._openai.close()

    def _on_attempt(self, attempt: HttpAttempt) -> None:
        log: _CallLog | None = getattr(self._local, "log", None)
        if log is not None:
            log.add(attempt)

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
    ) -> tuple[BaseModel | None, list[HttpAttempt]]:
        """One instructor create(); returns (result or None, its HTTP attempts).

        The attempts are traced by the caller (``trace``) once it has checked
        the result, so the last attempt can carry the problems found.
        """
        # the estimate covers instructor's one re-ask (max_retries=1 below)
        reservation = None
        if self.breaker.allow() and self.spend is not None:
            reservation = self.spend.reserve(2 * estimate_usd(self.model, messages, items))
        if not self.breaker.allow() or (self.spend is not None and reservation is None):
            skipped = HttpAttempt(
                "skipped", error="circuit open or daily budget reached", sent=False
            )
            self.trace(
                [skipped], job=job, purpose=purpose, items=items, round_=round_,
                counters=counters,
            )  # fmt: skip
            return None, []
        log = _CallLog()
        try:
            result = self._create(response_model, messages, log)
        finally:
            if self.spend is not None and reservation is not None:
                self.spend.settle(reservation, self._cost(log.attempts))
        if result is None and log.api_failed:
            self.breaker.failure()
        elif log.attempts:
            self.breaker.success()
        return result, log.attempts

    def _create(
        self, response_model: type[BaseModel], messages: list[dict[str, str]], log: _CallLog
    ) -> BaseModel | None:
        """instructor's create() in a call slot, with ``log`` collecting its attempts."""
        extra: dict[str, Any] = {}
        if self.temperature is not None:
            extra["temperature"] = self.temperature
        self._local.log = log
        try:
            with self.slots:
                return self._client.chat.completions.create(  # type: ignore[no-any-return]
                    model=self.model,
                    response_model=response_model,
                    messages=messages,  # type: ignore[arg-type]
                    max_retries=1,  # one re-ask for broken JSON or a wrong shape
                    strict=False,
                    hooks=log.hooks(),
                    **extra,
                )
        except Exception as exc:  # model output and the network are untrusted
            log.failed(exc)
            return None
        finally:
            self._local.log = None

    def _cost(self, attempts: Sequence[HttpAttempt]) -> float:
        return sum(
            cost_usd(self.model, a.prompt_tokens, a.completion_tokens, a.cached_tokens)
            for a in attempts
        )

    def trace(
        self,
        attempts: Sequence[HttpAttempt],
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
            last = i == len(attempts) - 1
            outcome = "failed_checks" if last and a.outcome == "ok" and problems else a.outcome
            cost = cost_usd(self.model, a.prompt_tokens, a.completion_tokens, a.cached_tokens)
            if a.sent:
                counters.add(
                    calls=1, prompt_tokens=a.prompt_tokens, cost_usd=cost,
                    completion_tokens=a.completion_tokens, http_errors=outcome in API_FAILURES,
                )  # fmt: skip
            if self.tracer is None:
                continue
            self.tracer.record(
                Attempt(
                    job=job, provider=self.name, model=self.model, purpose=purpose,
                    outcome=outcome, items=items, round=round_, prompt_tokens=a.prompt_tokens,
                    completion_tokens=a.completion_tokens, cost_usd=cost,
                    latency_ms=a.latency_ms, http_retries=a.retry,
                    problems=tuple(problems) if last else (),
                    error=redact(a.error, [self._secret]) if a.error else None,
                )
            )  # fmt: skip


def _describe(error: BaseException) -> str:
    text = str(error) or "no details"
    return f"{type(error).__name__}: {text}"


def _error_outcome(error: BaseException) -> str:
    if isinstance(error, openai.APITimeoutError | httpx2.TimeoutException):
        return "timeout"
    if isinstance(error, openai.APIError | httpx2.HTTPError):
        return "http_error"
    name = type(error).__name__
    if "Validation" in name or "JSON" in name or "Incomplete" in name:
        return "parse_error"
    return "error"
