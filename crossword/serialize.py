"""The JSON wire format shared by the API, the CLI and the browser.

The format is the typed dicts below, `PuzzleJSON` and the types it holds: the API
answers with them, web/openapi.py generates the OpenAPI schema from them, and mypy
checks `puzzle_to_dict` builds exactly them.  For example::

    {"version": 1, "title": "Fruit", "width": 5, "height": 4,
     "grid": ["APPLE", "#A###", ...],          # solution rows ('#' = no cell); only with solution
     "shape": ["11111", "01000", ...],         # '1' = a cell to fill (always present)
     "entries": [{"id": "1-across", "number": 1, "direction": "across", "row": 0, "col": 0,
                  "length": 5, "enumeration": "5", "clue": "...", "emoji": "🍎",
                  "emoji_label": "red apple", "source": "offline", "emoji_source": "offline",
                  "fallback": false, "notes": [], "answer": "APPLE"}],
     "provider": "offline", "model": null, "seed": 3, "topic": "fruit",
     "unplaced": [{"word": "kiwi", "reason": "..."}], "created_at": "...", "stats": {...},
     "notices": ["No word list for 'x': used the theme 'y'"]}   # what differs from the request
"""

from __future__ import annotations

from typing import Any, Literal, NotRequired

from typing_extensions import TypedDict  # pydantic reads typing.TypedDict only from 3.12

from .errors import PuzzleError
from .grid import BLOCK, Direction, Grid
from .hints.checks import emoji_names
from .puzzle import Hints, Puzzle, Unplaced

__all__ = [
    "VERSION",
    "EntryJSON",
    "PuzzleJSON",
    "UnplacedJSON",
    "puzzle_from_dict",
    "puzzle_to_dict",
]

VERSION = 1


class EntryJSON(TypedDict):
    """One entry: where it is, its two hints, and who wrote them."""

    id: str  # "1-across"
    number: int
    direction: Literal["across", "down"]
    row: int
    col: int
    length: int
    enumeration: str  # "5", or "3,5" for ICE CREAM
    clue: str  # the text clue
    emoji: str | None  # the emoji-only clue; None when there is no honest one
    emoji_label: str | None  # the emoji's names, for screen readers ("red apple")
    source: str  # who wrote the clue: "user", "offline", or a model provider
    emoji_source: str | None
    fallback: bool  # True when a hint replaced a failed model answer
    notes: list[str]
    answer: NotRequired[str]  # only with the solution


class UnplacedJSON(TypedDict):
    """A word that is not in the grid, and why."""

    word: str
    reason: str


class PuzzleJSON(TypedDict):
    """A puzzle: the grid's shape (and solution), its entries and where they came from."""

    version: int
    title: str
    width: int
    height: int
    shape: list[str]  # one string a row: "1" = a cell to fill, "0" = none
    entries: list[EntryJSON]
    provider: str
    model: str | None
    seed: int
    topic: str | None
    unplaced: list[UnplacedJSON]
    created_at: str | None
    stats: dict[str, Any]  # generation counters: calls, cache hits, re-asks, timings
    notices: list[str]  # plain sentences: what differs from what was asked
    grid: NotRequired[list[str]]  # solution rows, "#" = no cell; only with the solution


def puzzle_to_dict(puzzle: Puzzle, *, solution: bool = True) -> PuzzleJSON:
    grid = puzzle.grid
    entries = []
    for e in grid.entries:
        c = puzzle.clue(e)
        item: EntryJSON = {
            "id": e.id,
            "number": e.number,
            "direction": "across" if e.direction is Direction.ACROSS else "down",
            "row": e.row,
            "col": e.col,
            "length": e.length,
            "enumeration": c.enumeration or str(e.length),
            "clue": c.text,
            "emoji": c.emoji,
            "emoji_label": emoji_label(c.emoji),
            "source": c.source,
            "emoji_source": c.emoji_source,
            "fallback": c.fallback,
            "notes": list(c.notes),
        }
        if solution:
            item["answer"] = e.answer
        entries.append(item)
    out: PuzzleJSON = {
        "version": VERSION,
        "title": puzzle.title,
        "width": grid.width,
        "height": grid.height,
        "shape": ["".join("0" if ch == BLOCK else "1" for ch in row) for row in grid.rows],
        "entries": entries,
        "provider": puzzle.provider,
        "model": puzzle.model,
        "seed": puzzle.seed,
        "topic": puzzle.topic,
        "unplaced": [{"word": u.word, "reason": u.reason} for u in puzzle.unplaced],
        "created_at": puzzle.created_at,
        "stats": dict(puzzle.stats),
        "notices": list(puzzle.notices),
    }
    if solution:
        out["grid"] = list(grid.rows)
    return out


def emoji_label(text: str | None) -> str | None:
    """What a screen reader should say for an emoji clue: its emoji names in
    plain words ("water wave, whale"), since voices differ in how they read emoji."""
    if not text:
        return None
    return ", ".join(emoji_names(text)) or None


def puzzle_from_dict(data: dict[str, Any]) -> Puzzle:
    """Read the wire format (with solution) back into a Puzzle."""
    try:
        if "grid" not in data:
            raise PuzzleError(
                "this puzzle JSON has no solution grid ('grid'); export it with the solution"
            )
        grid = Grid(tuple(data["grid"]))
        clues: dict[str, Hints] = {}
        for item in data["entries"]:
            clues[item["id"]] = Hints(
                text=item["clue"],
                emoji=item.get("emoji"),
                enumeration=item.get("enumeration", ""),
                source=item.get("source", "offline"),
                emoji_source=item.get("emoji_source"),
                fallback=bool(item.get("fallback", False)),
                notes=tuple(item.get("notes", ())),
            )
            entry = grid.entry(item["id"])
            if "answer" in item and item["answer"] != entry.answer:
                raise PuzzleError(f"entry {item['id']} answer does not match the grid")
            if entry.direction is not Direction(item["direction"]):
                raise PuzzleError(f"entry {item['id']} has the wrong direction")
        return Puzzle(
            grid=grid,
            clues=clues,
            title=data.get("title") or "Crossword",
            provider=data.get("provider") or "offline",
            model=data.get("model"),
            seed=int(data.get("seed") or 0),
            topic=data.get("topic"),
            unplaced=tuple(Unplaced(u["word"], u["reason"]) for u in data.get("unplaced", ())),
            created_at=data.get("created_at"),
            stats=dict(data.get("stats") or {}),
            notices=tuple(str(n) for n in data.get("notices") or ()),
        )
    except PuzzleError:
        raise
    except (KeyError, TypeError, ValueError) as exc:
        raise PuzzleError(f"not a puzzle in this project's JSON format: {exc}") from exc
