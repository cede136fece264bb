"""The grid: cells, standard numbering and the entries derived from them.

The grid is the truth: entries (numbers, across/down runs) are derived from the
cells, never stored beside them.  A cell is a capital letter or ``BLOCK``; in a
free-form puzzle every cell outside an entry is a block.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

from .errors import PuzzleError

BLOCK = "#"


class Direction(StrEnum):
    ACROSS = "across"
    DOWN = "down"

    @property
    def step(self) -> tuple[int, int]:
        return (0, 1) if self is Direction.ACROSS else (1, 0)

    @property
    def other(self) -> Direction:
        return Direction.DOWN if self is Direction.ACROSS else Direction.ACROSS


class Position(NamedTuple):
    row: int
    col: int


@dataclass(frozen=True, slots=True)
class Entry:
    """A numbered across or down run of 2+ letters."""

    number: int
    direction: Direction
    row: int
    col: int
    answer: str

    @property
    def id(self) -> str:
        return f"{self.number}-{self.direction.value}"

    @property
    def length(self) -> int:
        return len(self.answer)

    @property
    def cells(self) -> tuple[Position, ...]:
        dr, dc = self.direction.step
        return tuple(Position(self.row + dr * i, self.col + dc * i) for i in range(self.length))


@dataclass(frozen=True)
class Grid:
    """A rectangle of cells, each a letter A-Z or BLOCK, stored row by row."""

    rows: tuple[str, ...]
    entries: tuple[Entry, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.rows or not self.rows[0]:
            raise PuzzleError("a grid needs at least one row and one column")
        width = len(self.rows[0])
        for r, row in enumerate(self.rows):
            if len(row) != width:
                raise PuzzleError(f"row {r} has {len(row)} cells, expected {width}")
            bad = set(row) - set("ABCDEFGHIJKLMNOPQRSTUVWXYZ" + BLOCK)
            if bad:
                raise PuzzleError(f"row {r} holds characters that are not letters: {sorted(bad)}")
        object.__setattr__(self, "entries", tuple(_number(self.rows)))

    @classmethod
    def from_letters(cls, letters: dict[Position, str], width: int, height: int) -> Grid:
        rows = []
        for r in range(height):
            rows.append("".join(letters.get(Position(r, c), BLOCK) for c in range(width)))
        return cls(tuple(rows))

    @property
    def height(self) -> int:
        return len(self.rows)

    @property
    def width(self) -> int:
        return len(self.rows[0])

    def __getitem__(self, pos: tuple[int, int]) -> str:
        r, c = pos
        if 0 <= r < self.height and 0 <= c < self.width:
            return self.rows[r][c]
        return BLOCK

    def letter_cells(self) -> Iterator[Position]:
        for r, row in enumerate(self.rows):
            for c, ch in enumerate(row):
                if ch != BLOCK:
                    yield Position(r, c)

    def entry(self, entry_id: str) -> Entry:
        for e in self.entries:
            if e.id == entry_id:
                return e
        raise PuzzleError(f"no entry {entry_id!r} in this grid")

    def entries_at(self, pos: Position) -> list[Entry]:
        return [e for e in self.entries if pos in e.cells]

    def numbers(self) -> dict[Position, int]:
        """Cell -> clue number, for every cell that starts an entry."""
        return {Position(e.row, e.col): e.number for e in self.entries}

    def crossings(self) -> int:
        """Cells shared by an across and a down entry."""
        across = {p for e in self.entries if e.direction is Direction.ACROSS for p in e.cells}
        down = {p for e in self.entries if e.direction is Direction.DOWN for p in e.cells}
        return len(across & down)

    def is_connected(self) -> bool:
        cells = set(self.letter_cells())
        if not cells:
            return True
        start = next(iter(cells))
        seen = {start}
        stack = [start]
        while stack:
            r, c = stack.pop()
            for n in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
                p = Position(*n)
                if p in cells and p not in seen:
                    seen.add(p)
                    stack.append(p)
        return len(seen) == len(cells)

    def render(self, blank: str = ".") -> str:
        return "\n".join(" ".join(ch if ch != BLOCK else blank for ch in row) for row in self.rows)


def _number(rows: Sequence[str]) -> Iterator[Entry]:
    """Standard numbering: scan row by row; a cell gets the next number if it
    starts an across or a down run of two or more letters."""
    height, width = len(rows), len(rows[0])

    def letter(r: int, c: int) -> bool:
        return 0 <= r < height and 0 <= c < width and rows[r][c] != BLOCK

    number = 0
    found: list[Entry] = []
    for r in range(height):
        for c in range(width):
            if not letter(r, c):
                continue
            starts_across = not letter(r, c - 1) and letter(r, c + 1)
            starts_down = not letter(r - 1, c) and letter(r + 1, c)
            if not (starts_across or starts_down):
                continue
            number += 1
            if starts_across:
                end = c
                while letter(r, end):
                    end += 1
                found.append(Entry(number, Direction.ACROSS, r, c, rows[r][c:end]))
            if starts_down:
                end = r
                while letter(end, c):
                    end += 1
                found.append(
                    Entry(number, Direction.DOWN, r, c, "".join(rows[i][c] for i in range(r, end)))
                )
    # Across entries first, then down, each in number order (the usual clue lists).
    found.sort(key=lambda e: (e.direction is Direction.DOWN, e.number))
    yield from found
