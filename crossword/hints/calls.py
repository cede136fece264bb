"""What every model call of one process shares: the call slots and the circuit breakers.

    calls = ModelCalls(max_in_flight=8)        # built once by the edge (create_app, the CLI)
    make_provider("openai", api_key=..., calls=calls)

At most ``max_in_flight`` model calls run at once, whichever provider or job
makes them, and one breaker per (provider, base URL, model) is shared by every
provider object built for it (the web app builds one per job).  The edges own
this object and pass it in, so two apps in one process (as in the tests) never
share a breaker, and nothing here is a module-level global.
"""

from __future__ import annotations

import threading

from .breaker import CircuitBreaker

__all__ = ["MAX_CONCURRENT_CALLS", "ModelCalls"]

MAX_CONCURRENT_CALLS = 8  # model calls in flight at once, when the edge sets no other bound


class ModelCalls:
    """The call slots and the breaker registry of one process."""

    def __init__(self, max_in_flight: int = MAX_CONCURRENT_CALLS) -> None:
        self.max_in_flight = max(1, int(max_in_flight))
        self.slots = threading.BoundedSemaphore(self.max_in_flight)
        self._breakers: dict[tuple[str, str, str], CircuitBreaker] = {}
        self._lock = threading.Lock()

    def breaker(self, provider: str, base_url: str | None, model: str) -> CircuitBreaker:
        """The one breaker for calls to ``model`` of ``provider`` at ``base_url``."""
        key = (provider, base_url or "", model)
        with self._lock:
            if key not in self._breakers:
                self._breakers[key] = CircuitBreaker()
            return self._breakers[key]
