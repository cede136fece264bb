"""The circuit breaker: stop calling a model API that keeps failing.

A provider down or rate-limiting us should cost one short wait per puzzle, not
a timeout per chunk: after a run of API errors every call is skipped (traced as
"skipped") until the cooldown has passed, and the hints come from the fallback.
``crossword.hints.providers`` shares one breaker per provider, base URL and
model across the whole process.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

__all__ = ["CircuitBreaker"]


class CircuitBreaker:
    """After ``threshold`` consecutive API errors, skip calls for ``cooldown_s`` seconds."""

    def __init__(
        self,
        threshold: int = 5,
        cooldown_s: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.threshold = threshold
        self.cooldown_s = cooldown_s
        self.clock = clock
        self._failures = 0
        self._open_until = 0.0
        self._lock = threading.Lock()

    def allow(self) -> bool:
        with self._lock:
            return self.clock() >= self._open_until

    def success(self) -> None:
        with self._lock:
            self._failures = 0

    def failure(self) -> None:
        with self._lock:
            self._failures += 1
            if self._failures >= self.threshold:
                self._open_until = self.clock() + self.cooldown_s
                self._failures = 0

    @property
    def is_open(self) -> bool:
        return not self.allow()
