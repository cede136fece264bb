"""The .puz export, read back by a third-party reader (puzpy verifies every checksum on load).

Golden file: tests/golden/sea.puz; regenerate after an intended change with
    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_export_puz.py
"""

import os
import string
from pathlib import Path

import puz
import pytest
from export_samples import (
    PUZZLES,
    sea_puzzle,
    tiny_puzzle,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crossword.errors import ExportError
from crossword.export import export
from crossword.export.puz import EMPTY_CLUE, clue_order, to_latin1
from crossword.grid import Direction, Grid
from crossword.layout import lay_out
from crossword.puzzle import Hints, Puzzle

GOLDEN = Path(__file__).parent / "golden"


def assert_same_puzzle(data: bytes, puzzle: Puzzle, enumerations: bool = True) -> None:
    """puzpy reads ``data`` back as ``puzzle``: grid, numbering and clues."""
    p = puz.load(data)  # raises PuzzleFormatError on any bad checksum
    grid = puzzle.grid
    assert (p.width, p.height) == (grid.width, grid.height)
    assert p.solution == "".join(grid.rows).replace("#", ".")
    assert p.fill == "".join("." if ch == "#" else "-" for row in grid.rows for ch in row)
    assert p.title == to_latin1(puzzle.title)
    numbering = p.clue_numbering()
    theirs = [
        (c["num"], Direction(c["dir"]), c["row"], c["col"], c["len"])
        for c in numbering.across + numbering.down
    ]
    ours = [(e.number, e.direction, e.row, e.col, e.length) for e in grid.entries]
    assert theirs == ours
    expected = []
    for e in clue_order(puzzle):
        text = to_latin1(puzzle.clue(e).text) or EMPTY_CLUE
        enum = f"({puzzle.clue(e).enumeration or e.length})"
        if enumerations and enum not in text:  # once, even if the clue already shows it
            text += f" {enum}"
        expected.append(text)
    assert p.clues == expected
    # puzpy writes the same bytes back: our checksums are its checksums.
    assert p.tobytes() == data


@pytest.mark.parametrize("name", PUZZLES)
def test_puz_reads_back_in_puzpy(name):
    puzzle = PUZZLES[name]()
    assert_same_puzzle(export(puzzle, "puz"), puzzle)


def test_puz_without_enumerations():
    puzzle = tiny_puzzle()
    data = export(puzzle, "puz", enumerations=False)
    assert_same_puzzle(data, puzzle, enumerations=False)
    assert puz.load(data).clues == ["Purring pet", "Spinning toy"]


def test_clue_order_is_by_number_across_first():
    p = puz.load(export(sea_puzzle(), "puz"))
    assert p.clues == [
        'Surf\'s up! A "breaker" - or a hello (4)',  # 1 across
        "Ocean giant <script>alert('x')</script> & friends (5)",  # 1 down
        'Pacific or Atlantic, e.g. "big blue" (5)',  # 2 across
        "Où l'on boit un café, from Lódz to Orléans (4)",  # 3 down: Ł, ź are not Latin-1
        "Tiny worker... six-legged (3)",  # 4 down
    ]
    assert p.title == 'Sea & Space : "Test" <i>puzzle</i>'


def test_author_copyright_notes_round_trip():
    data = export(
        tiny_puzzle(), "puz", author="Zoë “Z” Smith", copyright="© 2025", notes="Have fun 🎉"
    )
    p = puz.load(data)
    assert (p.author, p.copyright) == ('Zoë "Z" Smith', "© 2025")
    assert p.notes == (
        "This .puz file holds the text clues only: the emoji clues are in the .ipuz file. Have fun"
    )


def test_notes_give_the_play_url_and_say_where_the_emoji_clues_are():
    url = "https://crossword.example/p/Ab3dE5gH"
    p = puz.load(export(sea_puzzle(), "puz", url=url))
    assert p.notes == (
        f"Play online: {url} This .puz file holds the text clues only:"
        " the emoji clues are in the .ipuz file and on the play page."
    )


def test_no_emoji_sentence_when_there_are_no_emoji_clues():
    grid = Grid(("AB",))
    puzzle = Puzzle(grid=grid, clues={"1-across": Hints("First two letters", None, "2")})
    assert puz.load(export(puzzle, "puz")).notes == ""


def test_an_enumeration_the_clue_already_shows_is_not_doubled():
    """The offline pattern clue for a phrase carries its enumeration in the text."""
    grid = Grid(("RAINORSHINE",))
    clue = Hints("Phrase (4,2,5) starting with R", None, "4,2,5")
    puzzle = Puzzle(grid=grid, clues={"1-across": clue})
    assert puz.load(export(puzzle, "puz")).clues == ["Phrase (4,2,5) starting with R"]
    plain = Puzzle(grid=grid, clues={"1-across": Hints("Come what may", None, "4,2,5")})
    assert puz.load(export(plain, "puz")).clues == ["Come what may (4,2,5)"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain", "plain"),
        ("café crème, naïve, Ñandú", "café crème, naïve, Ñandú"),
        ("‘single’ “double” – — …", "'single' \"double\" - - ..."),
        ("whale 🐋 and astronaut 👩‍🚀 and island 🏝️", "whale and astronaut and island"),
        ("🌊🐋🏝️", ""),
        ("flag 🇫🇷!", "flag !"),
        ("Łódź, Dvořák, Œuvre", "Lódz, Dvorák, OEuvre"),
        ("Đakovo, ħelu, Straẞe, ıstanbul", "Dakovo, helu, StraSSe, istanbul"),
        ("Ελλάδα", "??????"),
        ("tab\tnew\nline\x00nul\x7f", "tab new linenul"),
        ("  spaced   out  ", "spaced out"),
    ],
    ids=["ascii", "latin-1", "typography", "emoji", "emoji-only", "flag", "accents", "transliterated", "greek",
         "controls", "spaces"],
)  # fmt: skip
def test_to_latin1(text, expected):
    assert to_latin1(text) == expected
    expected.encode("iso-8859-1")


def test_emoji_only_text_clue_gets_a_placeholder():
    grid = Grid(("AB",))
    puzzle = Puzzle(grid=grid, clues={"1-across": Hints("🅰️🅱️", "🅰️🅱️", "2")})
    assert puz.load(export(puzzle, "puz")).clues == [f"{EMPTY_CLUE} (2)"]


def test_puz_always_holds_the_solution():
    with pytest.raises(ExportError, match="always holds the solution"):
        export(tiny_puzzle(), "puz", solution=False)


def test_puz_grid_side_is_at_most_255():
    grid = Grid(("A" * 256,))
    puzzle = Puzzle(grid=grid, clues={"1-across": Hints("long", None, "256")})
    with pytest.raises(ExportError, match="255"):
        export(puzzle, "puz")


def test_golden_puz():
    data = export(sea_puzzle(), "puz")
    path = GOLDEN / "sea.puz"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_bytes(data)
    assert data == path.read_bytes()


# -- property: any laid-out puzzle with any clue text survives .puz and puzpy ----------------

words = st.lists(
    st.text(alphabet=string.ascii_uppercase, min_size=2, max_size=7),
    min_size=1,
    max_size=8,
    unique=True,
)
clue_text = st.text(max_size=40)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers=words, seed=st.integers(0, 3), data=st.data())
def test_any_puzzle_reads_back_identically(answers, seed, data):
    grid = lay_out(answers, seed=seed, budget=2_000).grid()
    clues = {
        e.id: Hints(data.draw(clue_text), data.draw(st.one_of(st.none(), clue_text)), str(e.length))
        for e in grid.entries
    }
    puzzle = Puzzle(grid=grid, clues=clues, title=data.draw(clue_text))
    assert_same_puzzle(export(puzzle, "puz"), puzzle)
