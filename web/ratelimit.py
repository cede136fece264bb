"""A per-client sliding-window limit for expensive requests (per worker process).

Good enough to stop one client from queueing hundreds of generations; a
deployment with many workers behind a CDN should also limit at the edge.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

from .errors import ApiError

WINDOW_SECONDS = 60.0
MAX_CLIENTS = 10_000


class RateLimit:
    def __init__(self, per_minute: int, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = int(per_minute)
        self.clock = clock
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def hit(self, client: str) -> None:
        """Count one request from ``client``; raise a 429 ApiError over the limit."""
        if self.per_minute <= 0:
            return
        now = self.clock()
        with self._lock:
            if len(self._hits) > MAX_CLIENTS:
                self._forget(now)
            hits = self._hits.setdefault(client, deque())
            while hits and now - hits[0] >= WINDOW_SECONDS:
                hits.popleft()
            if len(hits) >= self.per_minute:
                retry = max(1, int(WINDOW_SECONDS - (now - hits[0])) + 1)
                raise ApiError(
                    429,
                    f"too many puzzles at once: at most {self.per_minute} a minute; "
                    f"try again in {retry} s",
                    headers={"Retry-After": str(retry)},
                )
            hits.append(now)

    def _forget(self, now: float) -> None:
        for client, hits in list(self._hits.items()):
            if not hits or now - hits[-1] >= WINDOW_SECONDS:
                del self._hits[client]
