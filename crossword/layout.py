"""The layout engine: answers in, one connected free-form grid out.

    layout = lay_out(["APPLE", "PEAR", "PLUM"], seed=1)
    layout.grid()       # crossword.grid.Grid, numbered by the usual rules
    layout.unplaced     # words left out, each with the reason

The grid is valid by construction: letters never clash, no two letters touch
except where an across and a down word cross, every across/down run of two or
more letters is exactly one placed word, and the placed words form one
connected grid.  Only words that cannot be crossed are left out: words that
share no letter with the others, words too long for the size limit, and words
for which no free crossing remains.

The search is deterministic: its budget counts candidate placements evaluated
(not seconds), and all randomness comes from ``random.Random(seed)``, so the
same words, options and seed give the same layout on any machine.  An optional
``time_limit`` (seconds) may stop it earlier; the best layout found so far is
returned.  How it searches: ``crossword._layout_search``.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass

from ._layout_board import ACROSS, STRIDE, Board
from ._layout_search import Search
from .errors import LayoutError
from .grid import Direction, Grid, Position
from .puzzle import Unplaced

__all__ = ["DEFAULT_BUDGET", "Layout", "Placement", "lay_out"]

# Candidate placements evaluated per layout: 0.6-1.2 s for 30-200 words on the
# project's 2-core machine; lists under ~20 words stop earlier on the restart and
# repair-move caps, so the web's 15-word puzzles do not pay for it.
DEFAULT_BUDGET = 700_000

_ANSWER = re.compile(r"[A-Z]+")

NO_SHARED_LETTER = "shares no letter with the other words"
NOT_CONNECTED = "shares no letter with the placed words"
NO_FREE_SPOT = "no free spot: every crossing with the placed words would touch other letters"
DUPLICATE = "appears more than once in the list"
TOO_SHORT = "a one-letter word cannot be an entry"


@dataclass(frozen=True, slots=True)
class Placement:
    """One answer in the grid: its first letter at (row, col), read in `direction`."""

    answer: str
    row: int
    col: int
    direction: Direction

    @property
    def cells(self) -> tuple[Position, ...]:
        dr, dc = self.direction.step
        return tuple(
            Position(self.row + dr * i, self.col + dc * i) for i in range(len(self.answer))
        )


@dataclass(frozen=True)
class Layout:
    """The engine's result; coordinates start at (0, 0) in the top-left corner."""

    placements: tuple[Placement, ...]
    unplaced: tuple[Unplaced, ...]
    width: int
    height: int

    def letters(self) -> dict[Position, str]:
        out: dict[Position, str] = {}
        for p in self.placements:
            for pos, ch in zip(p.cells, p.answer, strict=True):
                out[pos] = ch
        return out

    def grid(self) -> Grid:
        return Grid.from_letters(self.letters(), max(self.width, 1), max(self.height, 1))

    @property
    def crossings(self) -> int:
        """Cells shared by an across and a down answer."""
        return sum(len(p.answer) for p in self.placements) - len(self.letters())

    @property
    def density(self) -> float:
        """Letter cells / bounding-box area (0 when nothing is placed)."""
        area = self.width * self.height
        return len(self.letters()) / area if area else 0.0

    @property
    def aspect(self) -> float:
        """Long side / short side of the grid (0 when nothing is placed)."""
        if not self.width or not self.height:
            return 0.0
        return max(self.width, self.height) / min(self.width, self.height)

    def stats(self) -> dict[str, float | int]:
        placed = len(self.placements)
        return {
            "placed": placed,
            "unplaced": len(self.unplaced),
            "crossings": self.crossings,
            "crossings_per_word": round(self.crossings / placed, 3) if placed else 0.0,
            "density": round(self.density, 3),
            "aspect": round(self.aspect, 3),
            "width": self.width,
            "height": self.height,
        }


def lay_out(
    words: Sequence[str],
    *,
    seed: int = 0,
    max_width: int | None = None,
    max_height: int | None = None,
    budget: int = DEFAULT_BUDGET,
    time_limit: float | None = None,
) -> Layout:
    """Lay out normalised answers (A-Z) into one connected grid.

    Raises LayoutError for an empty list, an answer that is not A-Z, or a
    size limit below one cell.  Everything else is a layout, possibly with
    words left out (``Layout.unplaced``, input order, each with its reason).
    """
    words = _checked(words, max_width, max_height, budget)
    reasons, candidates = _screen(words, max_width, max_height)
    main, others = _main_group([words[i] for i in candidates])
    for k, lonely in others:
        reasons[candidates[k]] = NO_SHARED_LETTER if lonely else NOT_CONNECTED
    placed_words = [words[candidates[k]] for k in main]

    placements: tuple[Placement, ...] = ()
    width = height = 0
    if placed_words:
        deadline = None if time_limit is None else time.monotonic() + time_limit
        search = Search(
            placed_words,
            seed=seed,
            max_width=max_width,
            max_height=max_height,
            budget=budget,
            deadline=deadline,
        )
        board, left = search.run()
        left_set = set(left)
        full = max_width is not None or max_height is not None
        for k in main:
            if words[candidates[k]] in left_set:
                reasons[candidates[k]] = (
                    f"no room within {_limit_text(max_width, max_height)}" if full else NO_FREE_SPOT
                )
        placements = _placements(board)
        width, height = board.width, board.height

    unplaced = tuple(Unplaced(words[i], reasons[i]) for i in sorted(reasons))
    return Layout(placements, unplaced, width, height)


def _checked(
    words: Sequence[str], max_width: int | None, max_height: int | None, budget: int
) -> list[str]:
    """The answers as a list; LayoutError for anything lay_out cannot take."""
    if isinstance(words, str):
        raise LayoutError("lay_out expects a list of answers, not a single string")
    words = list(words)
    if not words:
        raise LayoutError("there are no words to lay out")
    bad = [w for w in words if not isinstance(w, str) or not _ANSWER.fullmatch(w)]
    if bad:
        raise LayoutError(
            f"answers must be capital letters A-Z only: {', '.join(map(repr, bad[:5]))}",
            problems=[f"{w!r} is not an answer of letters A-Z" for w in bad],
        )
    for name, limit in (("max_width", max_width), ("max_height", max_height)):
        if limit is not None and limit < 1:
            raise LayoutError(f"{name} must be at least 1 (got {limit})")
    if budget < 0:
        raise LayoutError(f"the budget must not be negative (got {budget})")
    return words


def _screen(
    words: list[str], max_width: int | None, max_height: int | None
) -> tuple[dict[int, str], list[int]]:
    """Reasons for the words that can never be placed (by index), and the rest's indices."""
    reasons: dict[int, str] = {}
    seen: set[str] = set()
    candidates: list[int] = []
    for i, w in enumerate(words):
        if w in seen:
            reasons[i] = DUPLICATE
        elif len(w) < 2:
            reasons[i] = TOO_SHORT
        elif not _fits(len(w), max_width, max_height):
            reasons[i] = f"{len(w)} letters do not fit within {_limit_text(max_width, max_height)}"
        else:
            candidates.append(i)
        seen.add(w)
    return reasons, candidates


def _placements(board: Board) -> tuple[Placement, ...]:
    """The board's words, relative to its top-left corner, in reading order."""
    r0, _, c0, _ = board.box
    out = []
    for word, (start, bit) in board.placed.items():
        r, c = divmod(start, STRIDE)
        direction = Direction.ACROSS if bit == ACROSS else Direction.DOWN
        out.append(Placement(word, r - r0, c - c0, direction))
    out.sort(key=lambda p: (p.row, p.col, p.direction is Direction.DOWN))
    return tuple(out)


def _fits(length: int, max_width: int | None, max_height: int | None) -> bool:
    return (max_width is None or length <= max_width) or (
        max_height is None or length <= max_height
    )


def _limit_text(max_width: int | None, max_height: int | None) -> str:
    if max_width is not None and max_height is not None:
        return f"{max_width}x{max_height}"
    if max_width is not None:
        return f"{max_width} columns"
    return f"{max_height} rows"


def _main_group(words: list[str]) -> tuple[list[int], list[tuple[int, bool]]]:
    """Split word indices into the largest group linked by shared letters and the rest.

    The rest comes as (index, lonely): lonely words share no letter with any
    other word.  Ties between groups go to more letters, then the earliest word.
    """
    parent = list(range(len(words)))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    first_with: dict[str, int] = {}
    for i, w in enumerate(words):
        for ch in w:
            j = first_with.setdefault(ch, i)
            if j != i:
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(words)):
        groups.setdefault(find(i), []).append(i)
    if not groups:
        return [], []
    best = max(groups.values(), key=lambda g: (len(g), sum(len(words[i]) for i in g), -g[0]))
    rest = sorted(i for g in groups.values() if g is not best for i in g)
    return best, [(i, len(groups[find(i)]) == 1) for i in rest]
