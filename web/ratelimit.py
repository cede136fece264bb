"""Per-client limits for expensive requests (POST /api/puzzles).

Two counters with one interface, ``hit(client)``: the ``RateLimit-*`` headers
(limit, remaining, reset, policy) for the response, or a 429 ApiError with
``Retry-After`` and the same headers over the limit:

- `DatabaseRateLimit` (the default, ``RATE_LIMIT_STORE = "database"``): a fixed
  one-minute window per client in the shared database, so the limit holds
  across gunicorn workers and processes.  One upsert-and-read per POST in one
  short transaction; old windows are deleted now and then.  A fixed window lets
  a client make up to twice the limit across a minute boundary, which is fine
  for a cost guard and much cheaper than a sliding log.
- `RateLimit` (``"memory"``): a sliding window in this process only (tests,
  a single-process ``crossword serve``).

Either way a deployment behind a CDN should also limit at the edge.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Protocol

from crossword import Database, migrate

from .errors import ApiError

log = logging.getLogger(__name__)

WINDOW_SECONDS = 60.0
MAX_CLIENTS = 10_000
MAX_CLIENT_CHARS = 100  # client keys are addresses; never store an attacker's novel
PRUNE_EVERY = 200  # hits between deletions of old windows (per process)


class Limiter(Protocol):
    per_minute: int

    def hit(self, client: str) -> dict[str, str]: ...


def quota_headers(per_minute: int, remaining: int, reset: float) -> dict[str, str]:
    """The IETF RateLimit fields: the limit, what is left of it, seconds until it resets."""
    return {
        "RateLimit-Limit": str(per_minute),
        "RateLimit-Remaining": str(max(0, remaining)),
        "RateLimit-Reset": str(max(1, int(reset))),
        "RateLimit-Policy": f"{per_minute};w={int(WINDOW_SECONDS)}",
    }


def too_many(per_minute: int, retry: float) -> ApiError:
    retry = max(1, int(retry))
    return ApiError(
        429,
        f"too many puzzles at once: at most {per_minute} a minute; try again in {retry} s",
        headers={"Retry-After": str(retry), **quota_headers(per_minute, 0, retry)},
    )


class RateLimit:
    """A sliding window per client, in this process's memory."""

    def __init__(self, per_minute: int, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = int(per_minute)
        self.clock = clock
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def hit(self, client: str) -> dict[str, str]:
        """Count one request from ``client``: its quota headers, or a 429 ApiError over
        the limit."""
        if self.per_minute <= 0:
            return {}
        now = self.clock()
        with self._lock:
            if len(self._hits) > MAX_CLIENTS:
                self._forget(now)
            hits = self._hits.setdefault(client[:MAX_CLIENT_CHARS], deque())
            while hits and now - hits[0] >= WINDOW_SECONDS:
                hits.popleft()
            if len(hits) >= self.per_minute:
                raise too_many(self.per_minute, WINDOW_SECONDS - (now - hits[0]) + 1)
            hits.append(now)
            left, reset = self.per_minute - len(hits), WINDOW_SECONDS - (now - hits[0])
        return quota_headers(self.per_minute, left, reset)

    def _forget(self, now: float) -> None:
        for client, hits in list(self._hits.items()):
            if not hits or now - hits[-1] >= WINDOW_SECONDS:
                del self._hits[client]


class DatabaseRateLimit:
    """A fixed one-minute window per client in the shared database (all workers)."""

    def __init__(
        self, db: Database, per_minute: int, *, clock: Callable[[], float] = time.time
    ) -> None:
        self.db = db
        self.per_minute = int(per_minute)
        self.clock = clock
        self._count = 0
        migrate(db)  # the table comes from crossword.migrations

    def hit(self, client: str) -> dict[str, str]:
        if self.per_minute <= 0:
            return {}
        now = self.clock()
        window = int(now // WINDOW_SECONDS)
        with self.db.transaction() as tx:
            tx.execute(
                "INSERT INTO rate_limits (client, minute, hits) VALUES (?, ?, 1)"
                " ON CONFLICT (client, minute) DO UPDATE SET hits = rate_limits.hits + 1",
                (client[:MAX_CLIENT_CHARS], window),
            )
            rows = tx.query(
                "SELECT hits FROM rate_limits WHERE client = ? AND minute = ?",
                (client[:MAX_CLIENT_CHARS], window),
            )
        self._count += 1
        if self._count % PRUNE_EVERY == 1:
            self._prune(window)
        hits = int(rows[0]["hits"]) if rows else 1
        reset = (window + 1) * WINDOW_SECONDS - now
        if hits > self.per_minute:
            raise too_many(self.per_minute, reset + 1)
        return quota_headers(self.per_minute, self.per_minute - hits, reset)

    def _prune(self, window: int) -> None:
        try:
            self.db.execute("DELETE FROM rate_limits WHERE minute < ?", (window - 1,))
        except Exception:  # pruning is housekeeping; never fail a request for it
            log.warning("could not prune old rate-limit windows", exc_info=True)


def make_limiter(config: dict, db: Database) -> Limiter:
    per_minute = int(config.get("RATE_LIMIT_PER_MINUTE") or 0)
    store = str(config.get("RATE_LIMIT_STORE") or "database").strip().lower()
    if store == "memory":
        return RateLimit(per_minute)
    if store != "database":
        raise ValueError(f"RATE_LIMIT_STORE must be 'database' or 'memory', not {store!r}")
    return DatabaseRateLimit(db, per_minute)
