"""The hint cache: model-written hints per (answer, provider, model, prompt version).

A cached answer costs no model call.  The checks run again on every read, so a
stricter check retires hints that were cached under a looser one (they are
deleted and written anew).  A new prompt version is a new key space.  The cache
lives in the shared Database (table ``hint_cache``, made by `crossword.migrations`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from ..db import Database
from ..migrations import migrate
from .checks import clue_problems, emoji_problems

__all__ = ["CachedHint", "HintCache"]


@dataclass(frozen=True, slots=True)
class CachedHint:
    answer: str
    clue: str
    emoji: str | None


class HintCache:
    def __init__(
        self,
        db: Database,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.db = db
        self.clock = clock
        migrate(db)  # the table comes from crossword.migrations

    def __repr__(self) -> str:
        return f"HintCache({self.db.dialect})"

    def get_many(
        self, answers: Iterable[str], *, provider: str, model: str | None, prompt_version: str
    ) -> dict[str, CachedHint]:
        """Cached hints that still pass the checks, by answer.  Bad rows are deleted."""
        wanted = list(dict.fromkeys(answers))
        if not wanted:
            return {}
        key = (provider, model or "", prompt_version)
        found: dict[str, CachedHint] = {}
        stale: list[str] = []
        for start in range(0, len(wanted), 200):
            part = wanted[start : start + 200]
            rows = self.db.query(
                "SELECT answer, clue, emoji FROM hint_cache WHERE provider = ? AND model = ?"
                f" AND prompt_version = ? AND answer IN ({', '.join('?' for _ in part)})",
                (*key, *part),
            )
            for row in rows:
                hint = CachedHint(row["answer"], row["clue"], row["emoji"])
                if clue_problems(hint.clue, hint.answer) or (
                    hint.emoji is not None and emoji_problems(hint.emoji, answer=hint.answer)
                ):
                    stale.append(hint.answer)
                else:
                    found[hint.answer] = hint
        if stale:
            with self.db.transaction() as tx:
                for answer in stale:
                    tx.execute(
                        "DELETE FROM hint_cache WHERE answer = ? AND provider = ? AND model = ?"
                        " AND prompt_version = ?",
                        (answer, *key),
                    )
        return found

    def count_hits(
        self, answers: Iterable[str], *, provider: str, model: str | None, prompt_version: str
    ) -> None:
        """Note that these cached hints were served."""
        with self.db.transaction() as tx:
            for answer in dict.fromkeys(answers):
                tx.execute(
                    "UPDATE hint_cache SET hits = hits + 1 WHERE answer = ? AND provider = ?"
                    " AND model = ? AND prompt_version = ?",
                    (answer, provider, model or "", prompt_version),
                )

    def put_many(
        self,
        hints: Iterable[CachedHint],
        *,
        provider: str,
        model: str | None,
        prompt_version: str,
    ) -> None:
        rows = list(hints)
        if not rows:
            return
        now = self.clock().astimezone(UTC).isoformat(timespec="seconds")
        with self.db.transaction() as tx:
            for h in rows:
                tx.execute(
                    "INSERT INTO hint_cache (answer, provider, model, prompt_version, clue, emoji,"
                    " created_at, hits) VALUES (?, ?, ?, ?, ?, ?, ?, 0)"
                    " ON CONFLICT (answer, provider, model, prompt_version)"
                    " DO UPDATE SET clue = excluded.clue, emoji = excluded.emoji,"
                    " created_at = excluded.created_at",
                    (h.answer, provider, model or "", prompt_version, h.clue, h.emoji, now),
                )

    def get(
        self, answer: str, *, provider: str, model: str | None, prompt_version: str
    ) -> CachedHint | None:
        return self.get_many(
            [answer], provider=provider, model=model, prompt_version=prompt_version
        ).get(answer)

    def clear(self) -> int:
        with self.db.transaction() as tx:
            return tx.execute("DELETE FROM hint_cache")
