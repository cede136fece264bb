"""The JSON wire format shared by the API, the CLI and the browser.

{"version": 1, "title", "width", "height",
 "grid": ["APPLE", "#A###", ...],          # solution rows ('#' = no cell); only with solution
 "shape": ["11111", "01000", ...],         # '1' = a cell to fill (always present)
 "entries": [{"id": "1-across", "number": 1, "direction": "across", "row": 0, "col": 0,
              "length": 5, "enumeration": "5", "clue": "...", "emoji": "🍎" | null, "emoji_label": "red apple" | null,
              "source": "offline", "emoji_source": "offline" | null, "fallback": false,
              "notes": [], "answer": "APPLE" (only with solution)}],
 "provider", "model", "seed", "topic", "unplaced": [{"word", "reason"}],
 "created_at", "stats": {...},
 "notices": ["No word list for 'x': used the theme 'y'", ...]}   # what differs from the request
"""

from __future__ import annotations

from typing import Any

from .errors import PuzzleError
from .grid import BLOCK, Direction, Grid
from .hints.checks import emoji_names
from .puzzle import Clue, Puzzle, Unplaced

VERSION = 1


def puzzle_to_dict(puzzle: Puzzle, *, solution: bool = True) -> dict[str, Any]:
    grid = puzzle.grid
    entries = []
    for e in grid.entries:
        c = puzzle.clue(e)
        item: dict[str, Any] = {
            "id": e.id,
            "number": e.number,
            "direction": e.direction.value,
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
    out: dict[str, Any] = {
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
        clues: dict[str, Clue] = {}
        for item in data["entries"]:
            clues[item["id"]] = Clue(
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
