"""A maker's review before sharing: POST /api/puzzles/<id>/edits makes a new puzzle.

Why a new puzzle and not an edit in place: a link may already be shared, and a
puzzle must never change under a solver.  So every edit (a clue, an emoji clue,
a removed word, the title) stores a new puzzle under a new id; the old one stays
as it was.  The library does the work (`crossword.edit`); this module turns its
problems into field errors a form can show next to each input.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from crossword import (
    DEFAULT_BUDGET,
    HintEdit,
    LayoutError,
    Puzzle,
    edit_problems,
    edit_puzzle,
    entry_label,
)

from .errors import ApiError, crossword_error_body
from .schemas import EditIn


def revise(original: Puzzle, body: EditIn, config: Mapping[str, Any], *, based_on: str) -> Puzzle:
    """The edited puzzle (not stored yet); ApiError 422 with one error per bad field."""
    edits = {k: HintEdit(clue=v.clue, emoji=v.emoji) for k, v in body.entries.items()}
    if not edits and not body.remove and not body.title:
        message = "nothing to change: give entries to edit, entries to remove or a title"
        raise ApiError(422, message, [{"field": None, "message": message}])
    problems = edit_problems(original, edits, body.remove)
    if problems:
        raise _rejected(original, problems)
    time_limit = float(config.get("LAYOUT_TIME_LIMIT") or 0) or None
    try:
        puzzle = edit_puzzle(
            original,
            edits,
            remove=body.remove,
            title=body.title,
            budget=DEFAULT_BUDGET,
            time_limit=time_limit,
        )
    except LayoutError as exc:
        error = crossword_error_body(exc, field="remove")
        raise ApiError(error["status"], error["error"], error.get("errors")) from None
    return replace(puzzle, stats={**puzzle.stats, "edited_from": based_on})


def _rejected(puzzle: Puzzle, problems: Mapping[str, list[str]]) -> ApiError:
    """422 naming each field ("entries.3-across.clue") with sentences for a person."""
    labels = {e.id: entry_label(e) for e in puzzle.entries}
    errors = [
        {"field": "remove" if key == "remove" else f"entries.{key}", "message": _sentence(m)}
        for key, found in problems.items()
        for m in found
    ]
    key, found = next(iter(problems.items()))
    entry_id, _, part = key.partition(".")
    where = "" if key == "remove" else f"{labels.get(entry_id, entry_id)}, {part or 'entry'}: "
    headline = where + found[0] + (f" (and {len(errors) - 1} more)" if len(errors) > 1 else "")
    return ApiError(422, headline, errors)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text
