"""Traces of model calls: one record per attempt, one summary per job.

An *attempt* is one HTTP request to the model, including the ones the openai
client retries by itself (a 500 or a timeout, then a success), so the traces
count exactly the requests the server saw: when, which provider/model, why
(``purpose``: "hints", "re-ask", "topic words"), how many items, prompt and
completion tokens of that request alone, cost from ``crossword.prices``,
latency, the openai client's retry number (``http_retries``: 0 for a first
try) and the outcome - "ok", "failed_checks" (with the problems),
"parse_error", "http_error", "timeout", "error", "skipped" (circuit breaker or
budget; no request was sent).  A *summary* totals one job (the hints of one
puzzle, or one topic-word request): calls, tokens, cost, cache hits, re-asks,
fallbacks; ``Counters`` add them up while the job runs.

``Tracer(db)`` writes both to the shared Database (tables ``traces`` and
``trace_summaries``); ``Tracer()`` keeps the newest in a private in-memory
SQLite database, through the same SQL.  ``recent``,
``summaries``, ``daily_totals`` and ``spent_today`` read them back for the web
page /traces, the API and the CLI.  Nothing secret is stored: ``redact`` removes
anything that looks like an API key from errors and problems, and prompts are
not stored at all.
"""

from __future__ import annotations

import json
import re
import threading
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from .db import connect
from .migrations import migrate

if TYPE_CHECKING:
    from .db import Database

__all__ = ["Attempt", "Counters", "Summary", "Totals", "Tracer", "redact", "new_job_id"]

MAX_TEXT = 500  # characters kept of an error or problem text
MEMORY_LIMIT = 2000  # records a memory Tracer keeps

# API keys of the providers we know (OpenAI sk-..., Google AIza...), bearer tokens.
_SECRET_RE = re.compile(
    r"(sk-[A-Za-z0-9_\-*]{6,}|AIza[0-9A-Za-z_\-]{10,}|(?i:bearer)\s+[A-Za-z0-9._\-]{8,})"
)


def redact(text: str | None, secrets: Iterable[str | None] = ()) -> str:
    """``text`` with API keys (known ones and anything that looks like one) removed, shortened."""
    out = str(text or "")
    for secret in secrets:
        if secret and len(secret) >= 4:
            out = out.replace(secret, "[redacted]")
    out = _SECRET_RE.sub("[redacted]", out)
    return out if len(out) <= MAX_TEXT else out[: MAX_TEXT - 1] + "…"


def new_job_id() -> str:
    return uuid.uuid4().hex[:16]


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True, kw_only=True)
class Attempt:
    """One model call: whose, how it ended, which try, what went wrong, what it cost."""

    job: str
    provider: str
    model: str | None
    purpose: str
    outcome: str
    round: int = 1
    http_retries: int = 0
    problems: tuple[str, ...] = ()
    error: str | None = None
    items: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0
    latency_ms: int = 0
    at: str = ""
    id: str = field(default_factory=lambda: uuid.uuid4().hex)


@dataclass(frozen=True, slots=True, kw_only=True)
class Totals:
    """What one job spent and did: the totals a Summary keeps and Counters add up."""

    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0
    cache_hits: int = 0
    reasks: int = 0
    fallbacks: int = 0
    no_emoji: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class Summary(Totals):
    """One job: the hints of a puzzle, or a topic-word request, with its totals."""

    job: str
    provider: str
    model: str | None
    purpose: str
    items: int = 0
    latency_ms: int = 0
    at: str = ""


@dataclass
class Counters:
    """What one job has spent and done so far (thread-safe); ``summary`` makes its record.

    ``calls`` counts HTTP requests sent (as the traces do), ``http_errors`` those
    that failed (status >= 400, timeout, no connection).  ``http_errors`` is a
    puzzle stat only; the other totals are the job's Summary columns.  ``totals``
    is replaced whole under the lock, so reading it needs none.
    """

    totals: Totals = field(default_factory=Totals)
    http_errors: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def add(self, *, http_errors: float = 0, **counts: float) -> None:
        with self.lock:
            self.http_errors += int(http_errors)
            old = self.totals
            added: dict[str, Any] = {k: getattr(old, k) + v for k, v in counts.items()}
            self.totals = replace(old, **added)

    def as_stats(self) -> dict[str, float]:
        """The totals as the puzzle's stats."""
        with self.lock:
            stats = {**_fields(self.totals), "http_errors": self.http_errors}
        stats["cost_usd"] = round(stats["cost_usd"], 8)
        return stats

    def summary(
        self,
        *,
        job: str,
        provider: str,
        model: str | None,
        purpose: str,
        items: int,
        latency_ms: int,
    ) -> Summary:
        """The job's record: its identity plus its totals."""
        return Summary(
            **_fields(self.totals), job=job, provider=provider, model=model, purpose=purpose,
            items=items, latency_ms=latency_ms,
        )  # fmt: skip


class Tracer:
    """Records attempts and summaries to a Database, or to memory when ``db`` is None."""

    def __init__(
        self,
        db: Database | None = None,
        *,
        clock: Callable[[], datetime] = _utcnow,
        memory_limit: int = MEMORY_LIMIT,
    ) -> None:
        # no database: a private in-memory one, so both kinds run the same SQL
        self.memory_limit = memory_limit if db is None else None
        self.db = db if db is not None else connect(":memory:")
        self.clock = clock
        migrate(self.db)  # the tables come from crossword.migrations

    def __repr__(self) -> str:
        where = "memory" if self.memory_limit else self.db.dialect
        return f"Tracer({where})"

    # -- writing -------------------------------------------------------------
    def _stamp(self, at: str) -> tuple[str, str]:
        when = datetime.fromisoformat(at) if at else self.clock()
        when = when.astimezone(UTC)
        return when.isoformat(timespec="microseconds"), when.date().isoformat()

    def record(self, attempt: Attempt) -> Attempt:
        at, day = self._stamp(attempt.at)
        problems = tuple(redact(p) for p in attempt.problems[:50])
        error = redact(attempt.error) if attempt.error else None
        kept = Attempt(**{**_fields(attempt), "at": at, "problems": problems, "error": error})
        self.db.execute(
            "INSERT INTO traces (id, job, at, day, provider, model, purpose, round, items,"
            " prompt_tokens, completion_tokens, cost_usd, latency_ms, http_retries, outcome,"
            " problems, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                kept.id, kept.job, at, day, kept.provider, kept.model, kept.purpose, kept.round,
                kept.items, kept.prompt_tokens, kept.completion_tokens, kept.cost_usd,
                kept.latency_ms, kept.http_retries, kept.outcome,
                json.dumps(list(problems), ensure_ascii=False), error,
            ),
        )  # fmt: skip
        self._forget_old("traces")
        return kept

    def summarize(self, summary: Summary) -> Summary:
        at, day = self._stamp(summary.at)
        kept = Summary(**{**_fields(summary), "at": at})
        cols = [f for f in _fields(kept) if f != "at"]
        self.db.execute(
            f"INSERT INTO trace_summaries (at, day, {', '.join(cols)})"
            f" VALUES (?, ?, {', '.join('?' for _ in cols)})"
            f" ON CONFLICT (job) DO UPDATE SET "
            + ", ".join(f"{c} = excluded.{c}" for c in cols if c != "job"),
            (at, day, *(getattr(kept, c) for c in cols)),
        )
        self._forget_old("trace_summaries")
        return kept

    def _forget_old(self, table: str) -> None:
        """A memory tracer keeps the newest ``memory_limit`` rows of each table."""
        if self.memory_limit:
            self.db.execute(
                f"DELETE FROM {table} WHERE at < (SELECT at FROM {table}"
                " ORDER BY at DESC LIMIT 1 OFFSET ?)",
                (self.memory_limit - 1,),
            )

    # -- reading -------------------------------------------------------------
    def recent(self, limit: int = 50) -> list[dict[str, Any]]:
        """The newest attempts first, as plain dicts (problems as a list)."""
        rows = self._newest("SELECT * FROM traces ORDER BY at DESC, id LIMIT ?", limit)
        for r in rows:
            r["problems"] = json.loads(r.get("problems") or "[]")
        return rows

    def summaries(self, limit: int = 50) -> list[dict[str, Any]]:
        """The newest job summaries first."""
        return self._newest("SELECT * FROM trace_summaries ORDER BY at DESC LIMIT ?", limit)

    def _newest(self, sql: str, limit: int) -> list[dict[str, Any]]:
        rows = self.db.query(sql, (max(0, int(limit)),))
        for r in rows:
            r.pop("day", None)
        return rows

    def daily_totals(self, days: int = 7) -> list[dict[str, Any]]:
        """Per UTC day, newest first: calls, tokens, cost, errors, jobs, cache hits, fallbacks."""
        since = (self.clock().astimezone(UTC).date() - timedelta(days=max(1, days) - 1)).isoformat()
        rows = self.db.query(
            "SELECT day,"
            " SUM(CASE WHEN outcome = 'skipped' THEN 0 ELSE 1 END) AS calls,"
            " SUM(prompt_tokens) AS prompt_tokens, SUM(completion_tokens) AS completion_tokens,"
            " SUM(cost_usd) AS cost_usd,"
            " SUM(CASE WHEN outcome IN ('http_error', 'timeout', 'error') THEN 1 ELSE 0 END)"
            " AS errors"
            " FROM traces WHERE day >= ? GROUP BY day",
            (since,),
        )
        jobs = self.db.query(
            "SELECT day, COUNT(*) AS jobs, SUM(cache_hits) AS cache_hits,"
            " SUM(fallbacks) AS fallbacks FROM trace_summaries WHERE day >= ? GROUP BY day",
            (since,),
        )
        by_day = {r["day"]: {**_empty_day(r["day"]), **r} for r in rows}
        for j in jobs:
            by_day.setdefault(j["day"], _empty_day(j["day"])).update(j)
        out = sorted(by_day.values(), key=lambda r: r["day"], reverse=True)
        for r in out:
            for k in ("calls", "prompt_tokens", "completion_tokens", "errors", "jobs"):
                r[k] = int(r.get(k) or 0)
            r["cache_hits"] = int(r.get("cache_hits") or 0)
            r["fallbacks"] = int(r.get("fallbacks") or 0)
            r["cost_usd"] = round(float(r.get("cost_usd") or 0.0), 6)
        return out

    def spent_today(self) -> float:
        """USD spent on model calls since midnight UTC (for a daily spending cap)."""
        today = self.clock().astimezone(UTC).date().isoformat()
        row = self.db.query_one("SELECT SUM(cost_usd) AS spent FROM traces WHERE day = ?", (today,))
        return round(float((row or {}).get("spent") or 0.0), 8)


def _fields(obj: Any) -> dict[str, Any]:
    """A dataclass's fields by name, shallow (``asdict`` would copy the tuples)."""
    return {f.name: getattr(obj, f.name) for f in fields(obj)}


def _empty_day(day: str) -> dict[str, Any]:
    return {
        "day": day, "calls": 0, "prompt_tokens": 0, "completion_tokens": 0, "cost_usd": 0.0,
        "errors": 0, "jobs": 0, "cache_hits": 0, "fallbacks": 0,
    }  # fmt: skip
