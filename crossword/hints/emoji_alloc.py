"""Emoji clues for a whole puzzle at once: unique, and true to each text clue's sense.

Each entry brings its emoji choices best first, each graded FITS (it pictures the
sense of the entry's text clue), UNKNOWN (nothing shows it is of another sense, but
nothing shows it fits either) or OTHER (never shown).  Choosing entry by entry, the first entry to want ⚓
(HARBOUR) took it and ANCHOR fell to 📺, a news anchor beside "Ship's mooring weight".
Here the fitting choices are matched for the whole puzzle (Kuhn's augmenting paths):
when ANCHOR wants ⚓, HARBOUR moves to 🚢, another of its own fitting choices, so as
many entries as possible get an emoji of their sense, each its best one that is still
free.  Only then does an entry left without one take a choice that merely does not
contradict its clue (its holder moving to another fitting one if it can); else it has
no emoji clue (the caller notes why).
Deterministic: entries and choices are tried in the order given.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .checks import normalize_emoji
from .emoji_sense import FITS, UNKNOWN

__all__ = ["Choice", "allocate"]


class Choice:
    """One emoji clue an entry may show, and how it stands to the entry's text clue:
    FITS, UNKNOWN or OTHER (crossword.hints.emoji_sense).  The grade may be given as a
    function, worked out only when the allocation looks past the entry's first choice."""

    __slots__ = ("_grade", "emoji")

    def __init__(self, emoji: str, grade: str | Callable[[], str] = FITS) -> None:
        self.emoji = emoji
        self._grade = grade

    @property
    def grade(self) -> str:
        if callable(self._grade):
            self._grade = self._grade()
        return self._grade

    def __repr__(self) -> str:
        return f"Choice({self.emoji!r}, {self._grade!r})"


def _key(emoji: str) -> str:
    """Emoji clues that look the same count as the same (with or without VS16)."""
    return normalize_emoji(emoji).replace("\ufe0f", "")


def allocate(wishes: Sequence[Sequence[Choice]], taken: Sequence[str] = ()) -> list[str | None]:
    """One emoji clue (or None) per entry of ``wishes``, none of them alike or in
    ``taken`` (the maker's own emoji clues)."""
    reserved = {_key(e) for e in taken if e}
    owner: dict[str, int] = {}  # emoji key -> entry holding it
    held: list[Choice | None] = [None] * len(wishes)

    def place(entry: int, seen: set[str], grades: tuple[str, ...] = (FITS,)) -> bool:
        """Give ``entry`` one of its choices of ``grades``: a free one if it has one,
        else one whose holder can move to another of its own fitting choices (an
        augmenting path), so an entry never displaces another it need not displace."""
        choices = wishes[entry]
        if len(grades) > 1:  # the fitting ones first (grading them all: it is rare)
            choices = sorted(choices, key=lambda c: c.grade != FITS)
        wanted = []
        for choice in choices:
            key = _key(choice.emoji)
            if key in reserved or key in seen or choice.grade not in grades:
                continue
            if key not in owner:
                owner[key], held[entry] = entry, choice
                return True
            wanted.append((key, choice))
        for key, choice in wanted:
            if key in seen:
                continue
            seen.add(key)
            if place(owner[key], seen):
                owner[key], held[entry] = entry, choice
                return True
        return False

    for entry in range(len(wishes)):
        place(entry, set())
    for entry in range(len(wishes)):  # then what merely does not contradict its clue
        if held[entry] is None:
            place(entry, set(), (FITS, UNKNOWN))
    return [c.emoji if c is not None else None for c in held]
