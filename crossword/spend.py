"""A daily spending cap that concurrent model calls cannot overshoot.

Checking "spent today < cap" before a call lets every call in flight pass the
check together (20 concurrent generations under a $0.10 cap spent $0.21).
Instead each call *reserves* its estimated cost before it is made and
*settles* with the actual cost after::

    reservation = cap.reserve(estimate_usd(model, messages, items))
    if reservation is None:        # this call would pass the cap: skip it
        ...
    try: ... the call ...
    finally: cap.settle(reservation, actual_usd)

The reservations are rows of a ledger (``spend_ledger``) in the shared
database, so every process and machine counts against one cap.  `reserve` sums
today's ledger and adds its row in one transaction under a lock (BEGIN
IMMEDIATE on SQLite, an advisory transaction lock on PostgreSQL): two calls can
never both see room for one.  Spending passes the cap only by what calls cost
beyond their estimate.  A reservation that is never settled (its process died)
keeps counting its estimate, so the cap errs towards not spending.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from .migrations import migrate
from .prices import cost_usd

if TYPE_CHECKING:
    from .db import Database

__all__ = ["Reservation", "SpendCap", "estimate_usd"]

LEDGER_LOCK = 7_202_412  # PostgreSQL advisory lock for reservations (any constant)
CHARS_PER_TOKEN = 3  # prompt tokens are estimated high: ~4 characters a token in English
COMPLETION_TOKENS_PER_ITEM = 80  # a clue, an emoji and the JSON around them, with room
COMPLETION_TOKENS_BASE = 100


def estimate_usd(model: str | None, messages: Sequence[dict[str, Any]], items: int) -> float:
    """A generous estimate of one call's cost (prompt from its text, completion per item)."""
    chars = sum(len(str(m.get("content") or "")) + 10 for m in messages)
    prompt = chars // CHARS_PER_TOKEN + 1
    completion = COMPLETION_TOKENS_BASE + COMPLETION_TOKENS_PER_ITEM * max(1, items)
    return cost_usd(model, prompt, completion)


@dataclass(frozen=True)
class Reservation:
    id: str
    day: str
    usd: float


def _utcnow() -> datetime:
    return datetime.now(UTC)


class SpendCap:
    """``daily_usd`` a UTC day over a ledger in ``db`` (or in memory when ``db`` is None)."""

    def __init__(
        self,
        db: Database | None,
        daily_usd: float,
        *,
        clock: Callable[[], datetime] = _utcnow,
    ) -> None:
        self.db = db
        self.daily_usd = float(daily_usd)
        self.clock = clock
        self._lock = threading.Lock()
        self._memory: dict[str, tuple[str, float, float | None]] = {}
        if db is not None:
            migrate(db)  # the table comes from crossword.migrations

    def _today(self) -> tuple[str, str]:
        now = self.clock().astimezone(UTC)
        return now.date().isoformat(), now.isoformat(timespec="seconds")

    def reserve(self, usd: float) -> Reservation | None:
        """Hold ``usd`` of today's cap for one call; None when it would pass the cap."""
        day, at = self._today()
        reservation = Reservation(uuid.uuid4().hex, day, max(0.0, float(usd)))
        if self.db is None:
            with self._lock:
                if self._spent(day) + reservation.usd > self.daily_usd:
                    return None
                self._memory[reservation.id] = (day, reservation.usd, None)
            return reservation
        with self.db.transaction() as tx:
            if self.db.dialect == "postgres":
                tx.query("SELECT pg_advisory_xact_lock(?)", (LEDGER_LOCK,))
            row = tx.query(
                "SELECT SUM(COALESCE(spent_usd, reserved_usd)) AS usd FROM spend_ledger"
                " WHERE day = ?",
                (day,),
            )[0]
            if float(row["usd"] or 0.0) + reservation.usd > self.daily_usd:
                return None
            tx.execute(
                "INSERT INTO spend_ledger (id, day, at, reserved_usd) VALUES (?, ?, ?, ?)",
                (reservation.id, day, at, reservation.usd),
            )
        return reservation

    def settle(self, reservation: Reservation, usd: float) -> None:
        """Replace the reservation by what the call cost."""
        if self.db is None:
            with self._lock:
                self._memory[reservation.id] = (reservation.day, reservation.usd, float(usd))
            return
        self.db.execute(
            "UPDATE spend_ledger SET spent_usd = ? WHERE id = ?", (float(usd), reservation.id)
        )

    def spent_today(self) -> float:
        """Today's spending, reservations in flight included."""
        day, _ = self._today()
        if self.db is None:
            with self._lock:
                return self._spent(day)
        row = self.db.query_one(
            "SELECT SUM(COALESCE(spent_usd, reserved_usd)) AS usd FROM spend_ledger WHERE day = ?",
            (day,),
        )
        return round(float((row or {}).get("usd") or 0.0), 8)

    def _spent(self, day: str) -> float:
        return sum(
            reserved if spent is None else spent
            for d, reserved, spent in self._memory.values()
            if d == day
        )
