"""ipuz v2 (http://ipuz.org): the open JSON crossword format.

    {"version": "http://ipuz.org/v2", "kind": ["http://ipuz.org/crossword#1"],
     "title": "...", "origin": "emoji-crossword 0.1.0",
     "uniqueid": "https://.../p/Ab3dE5gH", "url": "https://.../p/Ab3dE5gH",
     "dimensions": {"width": 5, "height": 4}, "block": "#", "empty": 0,
     "showenumerations": true,
     "puzzle":   [[1, 0, null, ...], ...],     # clue number, 0 = white, null = no cell
     "solution": [["A", "B", null, ...], ...],  # only with solution=True
     "clues": {"Across": [{"number": 1, "clue": "...", "enumeration": "5",
                           "hints": ["🍎"], "answer": "APPLE"}],
               "Down": [...]}}

A free-form puzzle's gaps are *omitted cells* (``null``), which the spec
defines for non-rectangular shapes; ``gaps="block"`` writes them as blocks
(``"#"``) for readers that only know blocked grids (xword-parser draws omitted
cells as white squares).  ``url`` is where the puzzle is played; it is also the
``uniqueid``, which without a URL is a digest of the grid, title and clues.  The emoji clue goes in
the clue's ``hints`` list, the spec's place for extra hints; clues without an
emoji clue have no ``hints``.  The ``ipuz`` package's validator accepts this
shape (and rejects unknown keys inside a clue, so there are none).
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from .. import __version__
from ..errors import ExportError
from ..grid import BLOCK, Direction, Position
from ..puzzle import Puzzle

GAP_STYLES = ("omit", "block")  # null (the default) or "#"
VERSION = "http://ipuz.org/v2"
KIND = "http://ipuz.org/crossword#1"
ORIGIN = f"emoji-crossword {__version__}"


def to_dict(
    puzzle: Puzzle, *, solution: bool = True, gaps: str = "omit", url: str | None = None
) -> dict[str, Any]:
    if gaps not in GAP_STYLES:
        raise ExportError(f"unknown gap style {gaps!r}; choose one of {', '.join(GAP_STYLES)}")
    grid = puzzle.grid
    gap = None if gaps == "omit" else BLOCK
    numbers = grid.numbers()
    cells = [
        [gap if ch == BLOCK else numbers.get(Position(r, c), 0) for c, ch in enumerate(row)]
        for r, row in enumerate(grid.rows)
    ]
    clues: dict[str, list[dict[str, Any]]] = {"Across": [], "Down": []}
    for entry in grid.entries:
        clue = puzzle.clue(entry)
        item: dict[str, Any] = {
            "number": entry.number,
            "clue": clue.text,
            "enumeration": clue.enumeration or str(entry.length),
        }
        if clue.emoji:
            item["hints"] = [clue.emoji]
        if solution:
            item["answer"] = entry.answer
        clues["Across" if entry.direction is Direction.ACROSS else "Down"].append(item)

    out: dict[str, Any] = {
        "version": VERSION,
        "kind": [KIND],
        "title": puzzle.title,
        "origin": ORIGIN,
        "uniqueid": url or digest(puzzle),
    }
    if url:
        out["url"] = url
    date = _date(puzzle.created_at)
    if date:
        out["date"] = date
    out |= {
        "dimensions": {"width": grid.width, "height": grid.height},
        "block": BLOCK,
        "empty": 0,
        "showenumerations": True,
        "puzzle": cells,
    }
    if solution:
        out["solution"] = [[gap if ch == BLOCK else ch for ch in row] for row in grid.rows]
    out["clues"] = clues
    return out


def dumps(
    puzzle: Puzzle, *, solution: bool = True, gaps: str = "omit", url: str | None = None
) -> bytes:
    """UTF-8 JSON, one grid row or one clue per line so that diffs stay readable."""
    data = to_dict(puzzle, solution=solution, gaps=gaps, url=url)

    def one(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))

    def block(items: list[str], indent: str) -> str:
        return "[\n" + ",\n".join(indent + "  " + i for i in items) + "\n" + indent + "]"

    fields = []
    for key, value in data.items():
        if key in ("puzzle", "solution"):
            text = block([one(row) for row in value], "  ")
        elif key == "clues":
            groups = [
                f"    {one(d)}: {block([one(c) for c in cs], '    ')}" for d, cs in value.items()
            ]
            text = "{\n" + ",\n".join(groups) + "\n  }"
        else:
            text = one(value)
        fields.append(f"  {one(key)}: {text}")
    return ("{\n" + ",\n".join(fields) + "\n}\n").encode("utf-8")


def digest(puzzle: Puzzle) -> str:
    """A stable id for a puzzle with no URL: the same grid, title and clues, the same id."""
    clues = sorted((k, c.text, c.emoji or "", c.enumeration) for k, c in puzzle.clues.items())
    text = json.dumps([puzzle.title, puzzle.grid.rows, clues], ensure_ascii=False)
    return "emoji-crossword:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def _date(created_at: str | None) -> str | None:
    """ipuz dates are MM/DD/YYYY (the validator rejects ISO dates)."""
    if not created_at:
        return None
    try:
        return datetime.fromisoformat(created_at.replace("Z", "+00:00")).strftime("%m/%d/%Y")
    except ValueError:
        return None
