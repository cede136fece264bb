"""A puzzle: the grid, the two hints of every entry, and where they came from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .errors import PuzzleError
from .grid import Entry, Grid
from .words import Unplaced

NO_EMOJI_NOTE = "no emoji clue for this answer"


@dataclass(frozen=True, slots=True)
class Hints:
    """The hints of one entry: a text clue and an emoji-only clue.

    ``emoji`` is None when there is no honest emoji clue; the player says so
    instead of showing a wrong one.  ``source``/``emoji_source`` name who wrote
    each hint: "user", "offline", or an LLM provider name ("openai", ...).
    ``fallback`` is True when the hint replaced a failed model answer.
    """

    text: str
    emoji: str | None = None
    enumeration: str = ""
    source: str = "offline"
    emoji_source: str | None = None
    fallback: bool = False
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Puzzle:
    grid: Grid
    clues: Mapping[str, Hints]  # entry id ("12-across") -> its hints
    title: str = "Crossword"
    provider: str = "offline"
    model: str | None = None
    seed: int = 0
    topic: str | None = None
    unplaced: tuple[Unplaced, ...] = ()
    created_at: str | None = None
    stats: Mapping[str, object] = field(default_factory=dict)
    # What the puzzle does differently from what was asked, in plain sentences
    # ("No word list for 'X': used the theme 'Y'"); shown by the maker and the player.
    notices: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        ids = {e.id for e in self.grid.entries}
        missing = ids - set(self.clues)
        extra = set(self.clues) - ids
        if missing or extra:
            raise PuzzleError(
                "clues do not match the grid's entries"
                + (f"; missing {sorted(missing)}" if missing else "")
                + (f"; unknown {sorted(extra)}" if extra else "")
            )

    @property
    def entries(self) -> tuple[Entry, ...]:
        return self.grid.entries

    def clue(self, entry: Entry | str) -> Hints:
        return self.clues[entry if isinstance(entry, str) else entry.id]

    def emoji_coverage(self) -> float:
        if not self.clues:
            return 0.0
        return sum(1 for c in self.clues.values() if c.emoji) / len(self.clues)
