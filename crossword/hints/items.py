"""One hints job, answer by answer: what is still needed, and the checks that decide it.

An ``Item`` follows one answer through a job: maker hints first, then the
cache, then the model rounds, then the fallback.  A reply's hints are matched
to items by the answer each hint repeats (``match_hints``), so no reply can put
a hint on another answer.  The clue and the emoji are
settled separately, so a re-ask can ask for only the half that failed.  The
checks here are those of ``crossword.hints.checks`` with the whole puzzle in
view (no clue may reuse another entry's clue or answer), which is why accepting
one chunk needs every item of the job.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pydantic import BaseModel

from ..puzzle import Hints
from ..words import normalize
from . import HintRequest
from .checks import clue_problems, emoji_problems, normalize_emoji
from .schema import HintItem

__all__ = [
    "Item",
    "PuzzleChecks",
    "accept",
    "keep_maker_hints",
    "last_resort",
    "match_hints",
    "to_clue",
]


@dataclass
class Item:
    """The state of one answer in a job; the ``last_*`` fields feed the re-ask."""

    req: HintRequest
    # still to settle; at first, what the maker did not give
    need_clue: bool = field(init=False)
    need_emoji: bool = field(init=False)
    clue: str | None = None
    emoji: str | None = None
    clue_source: str | None = None
    emoji_source: str | None = None
    last_clue: str | None = None
    last_emoji: str | None = None
    problems: list[str] = field(default_factory=list)
    from_cache: bool = False
    fallback: bool = False
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.need_clue = not self.req.clue
        self.need_emoji = not self.req.emoji

    @property
    def answer(self) -> str:
        return self.req.answer

    @property
    def pending(self) -> bool:
        return self.need_clue or self.need_emoji


@dataclass(frozen=True)
class PuzzleChecks:
    """The provider's limits for the checks, applied against the rest of the puzzle."""

    max_clue_length: int
    max_emoji: int
    emoji_name_check: bool

    def clue(self, it: Item, clue: str, items: dict[str, Item], answers: list[str]) -> list[str]:
        others = [o.clue for o in items.values() if o is not it and o.clue]
        other_answers = [a for a in answers if a != it.answer]
        return clue_problems(
            clue, it.answer, others=others, other_answers=other_answers,
            max_length=self.max_clue_length,
        )  # fmt: skip

    def emoji(self, it: Item, emoji: str, items: dict[str, Item]) -> list[str]:
        others = [o.emoji for o in items.values() if o is not it and o.emoji]
        return emoji_problems(
            emoji, answer=it.answer, others=others, max_emoji=self.max_emoji,
            name_check=self.emoji_name_check,
        )  # fmt: skip


def keep_maker_hints(items: Iterable[Item], answers: list[str], *, max_emoji: int) -> None:
    """Maker-supplied hints are kept as written; problems become notes."""
    for it in items:
        others = [a for a in answers if a != it.answer]
        if it.req.clue:
            it.clue, it.clue_source = it.req.clue, "user"
            for p in clue_problems(it.req.clue, it.answer, other_answers=others, max_length=10_000):
                it.notes.append(f"your clue: {p}")
        if it.req.emoji:
            it.emoji, it.emoji_source = it.req.emoji, "user"
            for p in emoji_problems(it.req.emoji, answer=it.answer, max_emoji=max_emoji):
                it.notes.append(f"your emoji: {p}")


NO_HINT = "no hint was returned for this answer (every item must repeat its answer exactly)"
SEVERAL_HINTS = "the reply had different hints for this answer; give exactly one"


def match_hints(chunk: Sequence[Item], result: BaseModel | None) -> dict[str, HintItem | str]:
    """Each asked answer's hint from a reply, matched by the answer the item repeats -
    never by its position or number - or the problem to tell the model."""
    found: dict[str, list[HintItem]] = {}
    for hint in getattr(result, "items", None) or []:
        echoed, _ = normalize(str(hint.answer or ""))
        found.setdefault(echoed, []).append(hint)
    matched: dict[str, HintItem | str] = {}
    for it in chunk:
        hints = found.get(it.answer, [])
        if not hints:
            matched[it.answer] = NO_HINT
        elif len({(h.clue, h.emoji) for h in hints}) > 1:
            matched[it.answer] = SEVERAL_HINTS
        else:
            matched[it.answer] = hints[0]
    return matched


def accept(
    chunk: list[Item],
    result: BaseModel | None,
    items: dict[str, Item],
    answers: list[str],
    checks: PuzzleChecks,
    *,
    source: str,
) -> list[str]:
    """Check the returned hints; keep what passes, note what fails.  Returns
    the problems (for the trace)."""
    for it in chunk:
        it.problems = []
    if result is None:
        return []  # the call failed: ask again next round, nothing to tell the model
    all_problems: list[str] = []
    for it, hint in zip(chunk, match_hints(chunk, result).values(), strict=True):
        if isinstance(hint, str):
            it.problems.append(hint)
            it.last_clue = it.last_emoji = None
        else:
            _take_clue(it, hint, items, answers, checks, source)
            _take_emoji(it, hint, items, checks, source)
        all_problems += [f"{it.answer}: {p}" for p in it.problems]
    return all_problems


def _take_clue(
    it: Item,
    hint: HintItem,
    items: dict[str, Item],
    answers: list[str],
    checks: PuzzleChecks,
    source: str,
) -> None:
    if not it.need_clue:
        return
    clue = " ".join(str(hint.clue or "").split())
    it.last_clue = clue
    problems = checks.clue(it, clue, items, answers)
    if problems:
        it.problems += [f"clue: {p}" for p in problems]
    else:
        it.clue, it.clue_source, it.need_clue = clue, source, False


def _take_emoji(
    it: Item, hint: HintItem, items: dict[str, Item], checks: PuzzleChecks, source: str
) -> None:
    if not it.need_emoji:
        return
    it.last_emoji = hint.emoji or ""
    emoji = normalize_emoji(hint.emoji)
    problems = checks.emoji(it, emoji, items)
    if problems:
        it.problems += [f"emoji: {p}" for p in problems]
    else:
        it.emoji, it.emoji_source, it.need_emoji = emoji, source, False


def last_resort(it: Item, items: dict[str, Item]) -> str:
    """A clue that always passes, unique within the puzzle, when even the fallback failed."""
    taken = {o.clue for o in items.values() if o is not it and o.clue}
    base = f"Starts with {it.answer[:1]}, {len(it.answer)} letters"
    text, n = base, 2
    while text in taken:
        text, n = f"{base} ({n})", n + 1
    return text


def to_clue(it: Item, *, source: str) -> Hints:
    """The finished item as the provider returns it; repeated notes are kept once."""
    return Hints(
        text=it.clue or "",
        emoji=it.emoji,
        enumeration=it.req.enumeration,
        source=it.clue_source or source,
        emoji_source=it.emoji_source if it.emoji else None,
        fallback=it.fallback,
        notes=tuple(dict.fromkeys(it.notes)),
    )
