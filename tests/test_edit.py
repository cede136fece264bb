"""crossword.edit: a new puzzle from an old one with edited hints or fewer words."""

from __future__ import annotations

from dataclasses import replace

import pytest

from crossword.edit import HintEdit, edit_problems, edit_puzzle
from crossword.errors import LayoutError, PuzzleError
from crossword.layout import lay_out
from crossword.puzzle import NO_EMOJI_NOTE, Hints, Puzzle

WORDS = {
    "OTTER": ("Playful river swimmer", "🦦🌊"),
    "HERON": ("Wading bird", "🐦🌾"),
    "TROUT": ("Speckled fish", "🎣"),
    "REED": ("Marsh grass", None),
    "BEAVER": ("Dam builder", "🦫🪵"),
}


def river() -> Puzzle:
    grid = lay_out(list(WORDS), seed=4).grid()
    clues = {}
    for e in grid.entries:
        text, emoji = WORDS[e.answer]
        notes = () if emoji else (NO_EMOJI_NOTE,)
        clues[e.id] = Hints(text, emoji, str(e.length), emoji_source="offline", notes=notes)
    return Puzzle(grid=grid, clues=clues, title="River", seed=4, stats={"placed": 5})


def entry_id(puzzle: Puzzle, answer: str) -> str:
    return next(e.id for e in puzzle.entries if e.answer == answer)


def hints(puzzle: Puzzle) -> dict[str, tuple[str, str | None]]:
    return {e.answer: (puzzle.clue(e).text, puzzle.clue(e).emoji) for e in puzzle.entries}


def test_the_old_puzzle_is_left_as_it_was():
    old = river()
    before = hints(old)
    new = edit_puzzle(old, {entry_id(old, "REED"): HintEdit(clue="Tall marsh plant", emoji="🌿")})
    assert hints(old) == before
    assert hints(new)["REED"] == ("Tall marsh plant", "🌿")
    reed = new.clue(entry_id(new, "REED"))
    assert (reed.source, reed.emoji_source, reed.notes) == ("user", "user", ())
    assert new.grid == old.grid and new.stats["edited"] is True


def test_a_hint_sent_back_unchanged_is_not_checked_or_marked_as_the_makers():
    old = river()
    otter = entry_id(old, "OTTER")
    same = HintEdit(clue="Playful river swimmer", emoji="🦦🌊")
    assert edit_problems(old, {otter: same}) == {}
    assert edit_puzzle(old, {otter: same}).clue(otter).source == "offline"


def test_problems_are_keyed_by_entry_and_field():
    old = river()
    otter, heron = entry_id(old, "OTTER"), entry_id(old, "HERON")
    problems = edit_problems(
        old,
        {otter: HintEdit(clue="Otters!"), heron: HintEdit(emoji="🦦🌊")},
        remove=["77-down"],
    )
    assert set(problems) == {"remove"}  # an unknown entry is reported before any check
    problems = edit_problems(old, {otter: HintEdit(clue="Otters!"), heron: HintEdit(emoji="🦦🌊")})
    assert set(problems) == {f"{otter}.clue", f"{heron}.emoji"}
    with pytest.raises(PuzzleError) as caught:
        edit_puzzle(old, {otter: HintEdit(clue="Otters!")})
    assert caught.value.problems[0].startswith(f"{otter}.clue: the clue contains the answer")


def test_a_removed_answer_may_appear_in_another_clue():
    old = river()
    problems = edit_problems(
        old, {entry_id(old, "OTTER"): HintEdit(clue="Eats trout")}, [entry_id(old, "TROUT")]
    )
    assert problems == {}


def test_removing_words_lays_out_the_rest_within_the_old_size():
    old = river()
    new = edit_puzzle(old, remove=[entry_id(old, "BEAVER"), entry_id(old, "HERON")])
    assert set(hints(new)) == {"OTTER", "TROUT", "REED"}
    assert {a: h for a, h in hints(old).items() if a in hints(new)} == hints(new)
    assert max(new.grid.width, new.grid.height) <= max(old.grid.width, old.grid.height)
    assert new.stats["placed"] == 3


def test_words_that_no_longer_cross_are_listed_as_unplaced():
    # XYLOPHONE shares a letter only with TAXI; CAT and ACT cross each other
    grid = lay_out(["CAT", "ACT", "TAXI", "XYLOPHONE"], seed=1).grid()
    clues = {e.id: Hints(f"Hints {len(e.answer)}", None, str(e.length)) for e in grid.entries}
    old = Puzzle(grid=grid, clues=clues)
    new = edit_puzzle(old, remove=[entry_id(old, "TAXI")])
    assert {e.answer for e in new.entries} == {"CAT", "ACT"}
    assert [(u.word, u.reason) for u in new.unplaced] == [
        ("XYLOPHONE", "shares no letter with the other words")
    ]
    with pytest.raises(LayoutError, match="at least two"):
        edit_puzzle(old, remove=[e.id for e in old.entries if e.answer != "CAT"])


def test_notices_on_replaced_hints_go_and_words_that_no_longer_fit_are_said():
    old = replace(
        river(),
        notices=(
            "Your clue for OTTER gives the answer away: 'Otters!'.",
            "Your emoji clue for HERON is not purely emoji or spells letters.",
            "Only 5 words fit the topic 'rivers', so the puzzle has fewer than the 8 asked for.",
        ),
    )
    new = edit_puzzle(old, {entry_id(old, "OTTER"): HintEdit(clue="Whiskered swimmer")})
    assert new.notices == old.notices[1:]
    grid = lay_out(["CAT", "ACT", "TAXI", "XYLOPHONE"], seed=1).grid()
    clues = {e.id: Hints(f"Hints {len(e.answer)}", None, str(e.length)) for e in grid.entries}
    small = Puzzle(grid=grid, clues=clues, notices=("Your clue for TAXI gives the answer away.",))
    new = edit_puzzle(small, remove=[entry_id(small, "TAXI")])
    assert new.notices == ("Without TAXI, these words no longer fit: XYLOPHONE.",)
