"""Standard numbering, entries, crossings and connectivity of crossword.grid."""

from __future__ import annotations

import pytest

from crossword.errors import PuzzleError
from crossword.grid import BLOCK, Direction, Grid, Position


@pytest.fixture
def cat_grid() -> Grid:
    """
    C A T #
    A # O #
    R # P #
    """
    return Grid(("CAT#", "A#O#", "R#P#"))


def test_standard_numbering(cat_grid: Grid) -> None:
    got = [(e.id, e.row, e.col, e.answer) for e in cat_grid.entries]
    assert got == [
        ("1-across", 0, 0, "CAT"),
        ("1-down", 0, 0, "CAR"),
        ("2-down", 0, 2, "TOP"),
    ]
    assert cat_grid.numbers() == {Position(0, 0): 1, Position(0, 2): 2}


def test_numbering_goes_row_by_row_and_shares_numbers() -> None:
    """
    # A B
    C D #
    """
    grid = Grid(("#AB", "CD#"))
    assert [(e.id, e.answer) for e in grid.entries] == [
        ("1-across", "AB"),
        ("2-across", "CD"),
        ("1-down", "AD"),
    ]
    assert grid.crossings() == 2
    assert grid.is_connected()


def test_single_letters_are_not_entries() -> None:
    grid = Grid(("A#", "#B"))
    assert grid.entries == ()
    assert not grid.is_connected()


def test_entry_lookup_and_cells(cat_grid: Grid) -> None:
    down = cat_grid.entry("2-down")
    assert down.direction is Direction.DOWN
    assert down.length == 3
    assert down.cells == (Position(0, 2), Position(1, 2), Position(2, 2))
    assert {e.id for e in cat_grid.entries_at(Position(0, 0))} == {"1-across", "1-down"}
    with pytest.raises(PuzzleError):
        cat_grid.entry("9-across")


def test_crossings_and_connectivity(cat_grid: Grid) -> None:
    assert cat_grid.crossings() == 2
    assert cat_grid.is_connected()
    split = Grid(("AB#", "###", "#CD"))
    assert split.crossings() == 0
    assert not split.is_connected()


def test_from_letters_and_render() -> None:
    letters = {Position(0, 0): "H", Position(0, 1): "I", Position(1, 0): "A"}
    grid = Grid.from_letters(letters, width=2, height=2)
    assert grid.rows == ("HI", "A" + BLOCK)
    assert grid.render() == "H I\nA ."
    assert grid.width == 2 and grid.height == 2
    assert grid[5, 5] == BLOCK
    assert list(grid.letter_cells()) == [Position(0, 0), Position(0, 1), Position(1, 0)]


@pytest.mark.parametrize(
    "rows",
    [
        pytest.param(("AB", "C"), id="ragged"),
        pytest.param(("ab",), id="lower-case"),
        pytest.param((), id="empty"),
    ],
)
def test_malformed_grids_are_rejected(rows: tuple[str, ...]) -> None:
    with pytest.raises(PuzzleError):
        Grid(rows)
