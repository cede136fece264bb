"""The .ipuz export, checked by the `ipuz` package's validator and against our own numbering.

Golden file: tests/golden/sea.ipuz; regenerate after an intended change with
    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_export_ipuz.py
"""

import json
import os
import string
from pathlib import Path

import ipuz
import pytest
from export_samples import (
    PUZZLES,
    sea_puzzle,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crossword.errors import ExportError
from crossword.export import export
from crossword.grid import Direction, Grid
from crossword.layout import lay_out
from crossword.puzzle import Hints, Puzzle

GOLDEN = Path(__file__).parent / "golden"


def read(data: bytes) -> dict:
    """Parse with the third-party validator (raises IPUZException when invalid)."""
    return ipuz.read(data.decode("utf-8"))


def assert_same_puzzle(doc: dict, puzzle: Puzzle, *, solution: bool = True, gap=None) -> None:
    grid = puzzle.grid
    assert doc["dimensions"] == {"width": grid.width, "height": grid.height}
    assert doc["title"] == puzzle.title
    numbers = grid.numbers()
    assert doc["puzzle"] == [
        [gap if ch == "#" else numbers.get((r, c), 0) for c, ch in enumerate(row)]
        for r, row in enumerate(grid.rows)
    ]
    if solution:
        # The solution grid alone, numbered by the usual rules, gives back our entries.
        rows = tuple(
            "".join(ch if ch not in (None, "#") else "#" for ch in row) for row in doc["solution"]
        )
        assert [(e.id, e.row, e.col, e.answer) for e in Grid(rows).entries] == [
            (e.id, e.row, e.col, e.answer) for e in grid.entries
        ]
    else:
        assert "solution" not in doc
    for direction, name in ((Direction.ACROSS, "Across"), (Direction.DOWN, "Down")):
        expected = []
        for e in grid.entries:
            if e.direction is not direction:
                continue
            clue = puzzle.clue(e)
            item = {
                "number": e.number,
                "clue": clue.text,
                "enumeration": clue.enumeration or str(e.length),
            }
            if clue.emoji:
                item["hints"] = [clue.emoji]
            if solution:
                item["answer"] = e.answer
            expected.append(item)
        assert doc["clues"][name] == expected


@pytest.mark.parametrize("name", PUZZLES)
def test_ipuz_passes_the_validator(name):
    puzzle = PUZZLES[name]()
    doc = read(export(puzzle, "ipuz"))
    assert doc["version"] == "http://ipuz.org/v2"
    assert doc["kind"] == ["http://ipuz.org/crossword#1"]
    assert_same_puzzle(doc, puzzle)


def test_ipuz_without_solution():
    puzzle = sea_puzzle()
    doc = read(export(puzzle, "ipuz", solution=False))
    assert_same_puzzle(doc, puzzle, solution=False)
    assert "WHALE" not in json.dumps(doc)


def test_ipuz_with_blocks_instead_of_omitted_cells():
    puzzle = sea_puzzle()
    doc = read(export(puzzle, "ipuz", gaps="block"))
    assert_same_puzzle(doc, puzzle, gap="#")
    assert doc["solution"][0][:3] == ["#", "#", "W"]
    assert doc["block"] == "#"
    default = read(export(puzzle, "ipuz"))
    assert default["puzzle"][0][:3] == [None, None, 1]
    assert default["solution"][0][:3] == [None, None, "W"]


def test_an_unknown_gap_style_is_an_export_error():
    with pytest.raises(ExportError, match="gap style"):
        export(sea_puzzle(), "ipuz", gaps="hatched")


def test_url_and_uniqueid():
    url = "https://crossword.example/p/Ab3dE5gH"
    doc = read(export(sea_puzzle(), "ipuz", url=url))
    assert (doc["url"], doc["uniqueid"]) == (url, url)
    # Without a URL: no url field, and an id that depends only on the puzzle's content.
    plain = read(export(sea_puzzle(), "ipuz"))
    assert "url" not in plain
    assert plain["uniqueid"].startswith("emoji-crossword:")
    assert plain["uniqueid"] == read(export(sea_puzzle(), "ipuz", solution=False))["uniqueid"]
    other = Puzzle(grid=Grid(("AB",)), clues={"1-across": Hints("ab", None, "2")})
    assert read(export(other, "ipuz"))["uniqueid"] != plain["uniqueid"]


def test_emoji_clues_survive_as_hints():
    doc = read(export(sea_puzzle(), "ipuz"))
    across = {c["number"]: c for c in doc["clues"]["Across"]}
    down = {c["number"]: c for c in doc["clues"]["Down"]}
    assert across[1]["hints"] == ["🌊🏄\u200d♀️"]  # ZWJ sequence intact
    assert across[2]["hints"] == ["🌊🐋🏝️"]  # variation selector intact
    assert "hints" not in down[4]  # ANT has no emoji clue
    assert down[1]["clue"] == "Ocean giant <script>alert('x')</script> & friends"
    assert doc["title"] == "Sea & Space 👩\u200d🚀: “Test” <i>puzzle</i>"


@pytest.mark.parametrize(
    ("created_at", "date"),
    [("2025-11-29T06:53:00+00:00", "11/29/2025"), ("2025-01-02T03:04:05Z", "01/02/2025"),
     ("yesterday", None), (None, None)],
    ids=["iso", "zulu", "junk", "none"],
)  # fmt: skip
def test_date_is_month_day_year(created_at, date):
    puzzle = Puzzle(
        grid=Grid(("AB",)), clues={"1-across": Hints("ab", None, "2")}, created_at=created_at
    )
    doc = read(export(puzzle, "ipuz"))
    assert doc.get("date") == date


def test_golden_ipuz():
    data = export(sea_puzzle(), "ipuz")
    path = GOLDEN / "sea.ipuz"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_bytes(data)
    assert data.decode("utf-8") == path.read_text(encoding="utf-8")


# -- property: any laid-out puzzle with any clue text and emoji is valid ipuz -----------------

words = st.lists(
    st.text(alphabet=string.ascii_uppercase, min_size=2, max_size=7),
    min_size=1,
    max_size=8,
    unique=True,
)
text = st.text(max_size=40)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers=words, seed=st.integers(0, 3), solution=st.booleans(), data=st.data())
def test_any_puzzle_is_valid_ipuz(answers, seed, solution, data):
    grid = lay_out(answers, seed=seed, budget=2_000).grid()
    clues = {
        e.id: Hints(data.draw(text), data.draw(st.one_of(st.none(), text)), str(e.length))
        for e in grid.entries
    }
    puzzle = Puzzle(grid=grid, clues=clues, title=data.draw(text))
    doc = read(export(puzzle, "ipuz", solution=solution))
    assert_same_puzzle(doc, puzzle, solution=solution)
