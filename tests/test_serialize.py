import json

import pytest

from crossword.errors import PuzzleError
from crossword.grid import Direction, Grid
from crossword.puzzle import Hints, Puzzle, Unplaced
from crossword.serialize import puzzle_from_dict, puzzle_to_dict


def small_puzzle() -> Puzzle:
    """
        C A T
        # # O
        # # P
    1-across CAT, 2-down TOP (T shared).
    """
    grid = Grid(("CAT", "##O", "##P"))
    return Puzzle(
        grid=grid,
        clues={
            "1-across": Hints("Purring pet", "🐈", "3", source="user", emoji_source="offline"),
            "2-down": Hints('Spinning toy, or "the best"', None, "3"),
        },
        title="Tiny <b>test</b>",
        seed=7,
        unplaced=(Unplaced("QUIZ", "shares no letter with the other words"),),
    )


def test_grid_numbering_of_the_fixture():
    grid = small_puzzle().grid
    assert [(e.id, e.answer) for e in grid.entries] == [("1-across", "CAT"), ("2-down", "TOP")]
    assert grid.entry("2-down").direction is Direction.DOWN
    assert grid.crossings() == 1


def test_round_trip_keeps_everything():
    puzzle = small_puzzle()
    data = json.loads(json.dumps(puzzle_to_dict(puzzle)))
    again = puzzle_from_dict(data)
    assert again.grid == puzzle.grid
    assert dict(again.clues) == dict(puzzle.clues)
    assert (again.title, again.seed, again.unplaced) == (puzzle.title, puzzle.seed, puzzle.unplaced)


def test_without_solution_no_answer_leaks():
    data = puzzle_to_dict(small_puzzle(), solution=False)
    text = json.dumps(data)
    assert "grid" not in data
    assert all("answer" not in e for e in data["entries"])
    assert data["shape"] == ["111", "001", "001"]
    assert "TOP" not in text


def test_a_mismatched_answer_is_rejected():
    data = puzzle_to_dict(small_puzzle())
    data["entries"][0]["answer"] = "DOG"
    with pytest.raises(PuzzleError, match="does not match"):
        puzzle_from_dict(data)


@pytest.mark.parametrize("broken", [{}, {"grid": ["AB"]}, {"grid": "nope", "entries": []}])
def test_garbage_is_a_puzzle_error(broken):
    with pytest.raises(PuzzleError):
        puzzle_from_dict(broken)


def test_clues_must_match_entries():
    with pytest.raises(PuzzleError, match="missing"):
        Puzzle(grid=Grid(("CAT",)), clues={})


def test_emoji_clues_carry_a_spoken_label():
    data = puzzle_to_dict(small_puzzle())
    labels = {e["id"]: e["emoji_label"] for e in data["entries"]}
    assert labels == {"1-across": "cat", "2-down": None}


@pytest.mark.parametrize(
    ("emoji", "label"),
    [
        ("🌊🐋", "water wave, whale"),
        ("👩‍🚀", "woman astronaut"),
        ("🏝️", "desert island"),
        ("", None),
    ],
)
def test_emoji_label(emoji, label):
    from crossword.serialize import emoji_label

    assert emoji_label(emoji) == label
