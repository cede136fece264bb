"""A maker's review: a new puzzle from an existing one with edited hints or fewer words.

    problems = edit_problems(puzzle, {"3-across": HintEdit(clue="Playful swimmer")})
    new = edit_puzzle(puzzle, {"3-across": HintEdit(emoji="🦦")}, remove=["5-down"])

The puzzle given is never changed (it may already be shared); the result is a new
Puzzle.  Edited hints pass the same checks as model-written ones
(`crossword.hints.checks`), with the maker's own length limit for clues.  Removing a
word lays the remaining answers out again (same seed, no larger than the old grid's
longest side) and keeps every hint with its answer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from .errors import LayoutError, PuzzleError
from .grid import Entry, Grid
from .hints.checks import clue_problems, emoji_problems, normalize_emoji
from .layout import DEFAULT_BUDGET, lay_out
from .limits import MAX_CLUE_CHARS, MAX_TITLE_CHARS
from .puzzle import NO_EMOJI_NOTE, Hints, Puzzle, Unplaced

__all__ = ["HintEdit", "edit_problems", "edit_puzzle", "entry_label"]

MIN_PLACED = 2  # as in generate: fewer placed words is not a crossword


@dataclass(frozen=True, slots=True)
class HintEdit:
    """New hints for one entry; None leaves a hint as it is, emoji "" removes it."""

    clue: str | None = None
    emoji: str | None = None


def entry_label(entry: Entry) -> str:
    """'3 across (OTTER)': how a message names an entry to the maker."""
    return f"{entry.number} {entry.direction.value} ({entry.answer})"


def edit_problems(
    puzzle: Puzzle, edits: Mapping[str, HintEdit], remove: Iterable[str] = ()
) -> dict[str, list[str]]:
    """Problems keyed "3-across.clue", "3-across.emoji", "3-across" (unknown entry)
    or "remove"; an empty dict means the edit can be made."""
    entries = {e.id: e for e in puzzle.entries}
    removed = set(remove)
    out = _unknown_entries(entries, edits, removed)
    if out:
        return out
    kept = [e for e in puzzle.entries if e.id not in removed]
    texts = {e.id: _new_text(puzzle, edits, e.id) for e in kept}
    emojis = {e.id: _new_emoji(puzzle, edits, e.id) for e in kept}
    for entry_id, edit in _changes(puzzle, edits).items():
        others = [k for k in texts if k != entry_id]
        out.update(
            _hint_problems(
                entry_id,
                entries[entry_id].answer,
                edit,
                other_clues=[texts[k] for k in others],
                other_answers=[entries[k].answer for k in others],
                other_emoji=[e for k in others if (e := emojis[k])],
            )
        )
    return out


def _hint_problems(
    entry_id: str,
    answer: str,
    edit: HintEdit,
    *,
    other_clues: list[str],
    other_answers: list[str],
    other_emoji: list[str],
) -> dict[str, list[str]]:
    """The problems of one entry's edited hints, with the rest of the puzzle in view."""
    out: dict[str, list[str]] = {}
    if edit.clue is not None:
        problems = clue_problems(
            edit.clue,
            answer,
            others=other_clues,
            other_answers=other_answers,
            max_length=MAX_CLUE_CHARS,
        )
        if problems:
            out[f"{entry_id}.clue"] = problems
    if edit.emoji is not None and normalize_emoji(edit.emoji):
        problems = emoji_problems(edit.emoji, answer=answer, others=other_emoji)
        if problems:
            out[f"{entry_id}.emoji"] = problems
    return out


def _unknown_entries(
    entries: Mapping[str, Entry], edits: Mapping[str, HintEdit], removed: set[str]
) -> dict[str, list[str]]:
    """Edits and removals of entries the puzzle does not have, and entries both edited
    and removed."""
    out: dict[str, list[str]] = {}
    unknown = sorted(removed - set(entries))
    if unknown:
        out["remove"] = [f"there is no entry {', '.join(unknown)} in this puzzle"]
    for entry_id in edits:
        if entry_id not in entries:
            out[entry_id] = [f"there is no entry {entry_id} in this puzzle"]
        elif entry_id in removed:
            out[entry_id] = ["this entry is being removed; edit it or remove it, not both"]
    return out


def edit_puzzle(
    puzzle: Puzzle,
    edits: Mapping[str, HintEdit] | None = None,
    *,
    remove: Iterable[str] = (),
    title: str | None = None,
    budget: int = DEFAULT_BUDGET,
    time_limit: float | None = None,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> Puzzle:
    """The edited puzzle, new; raises PuzzleError listing `edit_problems`, or
    LayoutError when removing words leaves fewer than two that cross."""
    edits = _changes(puzzle, edits or {})
    removed = set(remove)
    problems = edit_problems(puzzle, edits, removed)
    if problems:
        lines = [f"{key}: {p}" for key, found in problems.items() for p in found]
        raise PuzzleError("some edits cannot be used", problems=lines)
    by_answer = {e.answer: _edited(puzzle.clue(e), edits.get(e.id)) for e in puzzle.entries}
    gone = {e.answer for e in puzzle.entries if e.id in removed}
    grid, unplaced = puzzle.grid, puzzle.unplaced
    if gone:
        grid, lost = _lay_out_again(
            puzzle, [a for a in by_answer if a not in gone], budget, time_limit
        )
        unplaced = unplaced + lost
    clues = {e.id: by_answer[e.answer] for e in grid.entries}
    notices = _notices(puzzle, edits, gone, unplaced[len(puzzle.unplaced) :])
    new_title = (title or "").strip()[:MAX_TITLE_CHARS] or puzzle.title
    return replace(
        puzzle,
        grid=grid,
        clues=clues,
        title=new_title,
        unplaced=unplaced,
        stats=_stats(puzzle, grid, clues),
        notices=notices,
        created_at=clock().isoformat(timespec="seconds"),
    )


def _lay_out_again(
    puzzle: Puzzle, answers: list[str], budget: int, time_limit: float | None
) -> tuple[Grid, tuple[Unplaced, ...]]:
    side = max(puzzle.grid.width, puzzle.grid.height)
    if len(answers) < MIN_PLACED:
        raise LayoutError("a crossword needs at least two words; keep at least two")
    layout = lay_out(
        answers,
        seed=puzzle.seed,
        max_width=side,
        max_height=side,
        budget=budget,
        time_limit=time_limit,
    )
    if len(layout.placements) < MIN_PLACED:
        raise LayoutError(
            "without the removed words, the rest do not cross: a crossword needs at least "
            "two words that share a letter",
            problems=[f"{u.word}: {u.reason}" for u in layout.unplaced],
        )
    lost = tuple(Unplaced(u.word, u.reason) for u in layout.unplaced)
    return layout.grid(), lost


def _new_text(puzzle: Puzzle, edits: Mapping[str, HintEdit], entry_id: str) -> str:
    edit = edits.get(entry_id)
    return edit.clue if edit and edit.clue is not None else puzzle.clue(entry_id).text


def _new_emoji(puzzle: Puzzle, edits: Mapping[str, HintEdit], entry_id: str) -> str | None:
    edit = edits.get(entry_id)
    if edit and edit.emoji is not None:
        return normalize_emoji(edit.emoji) or None
    return puzzle.clue(entry_id).emoji


def _changes(puzzle: Puzzle, edits: Mapping[str, HintEdit]) -> dict[str, HintEdit]:
    """The edits without the hints sent back unchanged (a maker's own clue kept as
    given at creation is not checked again just because the form sent it)."""
    out = {}
    for entry_id, edit in edits.items():
        if entry_id not in puzzle.clues:
            out[entry_id] = edit
            continue
        old = puzzle.clues[entry_id]
        clue = None if edit.clue is None or edit.clue.strip() == old.text else edit.clue
        emoji = edit.emoji
        if emoji is not None and (normalize_emoji(emoji) or None) == (
            normalize_emoji(old.emoji) or None
        ):
            emoji = None
        if clue is not None or emoji is not None:
            out[entry_id] = HintEdit(clue=clue, emoji=emoji)
    return out


def _notices(
    puzzle: Puzzle,
    edits: Mapping[str, HintEdit],
    gone: set[str],
    lost: tuple[Unplaced, ...],
) -> tuple[str, ...]:
    """The old notices, less the warnings on hints the maker has just replaced or
    words removed (generate words them "Your clue for OTTER ..."), plus the words
    that no longer fit."""
    stale = set()
    for e in puzzle.entries:
        edit = edits.get(e.id)
        if e.answer in gone or (edit and edit.clue is not None):
            stale.add(f"Your clue for {e.answer} ")
        if e.answer in gone or (edit and edit.emoji is not None):
            stale.add(f"Your emoji clue for {e.answer} ")
    kept = [n for n in puzzle.notices if not any(n.startswith(s) for s in stale)]
    if lost:
        names = ", ".join(u.word for u in lost)
        kept.append(f"Without {', '.join(sorted(gone))}, these words no longer fit: {names}.")
    return tuple(kept)


def _stats(puzzle: Puzzle, grid: Grid, clues: Mapping[str, Hints]) -> dict[str, object]:
    """The old generation stats, with the counts that describe the grid made current."""
    stats = dict(puzzle.stats)
    stats.update(
        placed=len(grid.entries),
        crossings=grid.crossings(),
        emoji_coverage=round(sum(1 for c in clues.values() if c.emoji) / max(1, len(clues)), 3),
        edited=True,
    )
    return stats


def _edited(clue: Hints, edit: HintEdit | None) -> Hints:
    """The hints with the maker's edit applied; edited hints are the maker's ("user")."""
    if edit is None or (edit.clue is None and edit.emoji is None):
        return clue
    if edit.clue is not None:
        clue = replace(clue, text=" ".join(edit.clue.split()), source="user")
    if edit.emoji is not None:
        emoji = normalize_emoji(edit.emoji) or None
        notes = tuple(n for n in clue.notes if n != NO_EMOJI_NOTE)
        clue = replace(
            clue,
            emoji=emoji,
            emoji_source="user" if emoji else None,
            notes=notes if emoji else (*notes, NO_EMOJI_NOTE),
        )
    both = edit.clue is not None and edit.emoji is not None
    return replace(clue, fallback=False) if both else clue
