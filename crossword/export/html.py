"""The printable page: a self-contained HTML document that prints on A4 and Letter.

Page 1 (and on): title, the empty grid, the numbered clues in two columns
(Across, Down, with enumerations).  Then, on a page of its own, the answer key:
the filled grid and the answers.  No scripts, no external requests, no colour
needed to read anything; cells outside entries are simply not drawn.

The grid is an inline SVG sized in millimetres here, so that any grid fits the
width both paper sizes share (A4 is 210 mm wide, Letter 215.9 mm) and a small
grid does not balloon.  The template is rendered by Jinja2 with autoescaping on:
titles and clues come from users and models and are never trusted.  (Jinja2 is
already installed as Flask's dependency, the web app renders its pages with it,
and escaping by default beats remembering to escape in a hand-made renderer.)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from jinja2 import Environment, StrictUndefined, Template
from markupsafe import Markup

from ..errors import ExportError
from ..grid import BLOCK, Direction, Entry, Position
from ..puzzle import Puzzle

VARIANTS = ("text", "emoji", "both")
PAPERS = {"a4": "A4", "letter": "letter"}

# Printable area both A4 and Letter offer with print.css's 12 mm page margins, less some slack.
GRID_MAX_WIDTH_MM = 182.0
GRID_MAX_HEIGHT_MM = 165.0  # leaves room for the title and the first clues on page 1
CELL_MAX_MM = 9.0
KEY_MAX_WIDTH_MM = 120.0
KEY_MAX_HEIGHT_MM = 120.0
KEY_CELL_MAX_MM = 7.0
UNIT = 10  # SVG user units per cell


@dataclass(frozen=True, slots=True)
class Cell:
    x: int
    y: int
    number: int | None
    letter: str


@dataclass(frozen=True, slots=True)
class ClueLine:
    number: int
    text: str
    emoji: str | None
    enumeration: str
    answer: str


def dumps(
    puzzle: Puzzle,
    *,
    variant: str = "text",
    solution: bool = True,
    paper: str | None = None,
    nonce: str | None = None,
) -> bytes:
    return render(puzzle, variant=variant, solution=solution, paper=paper, nonce=nonce).encode(
        "utf-8"
    )


def render(
    puzzle: Puzzle,
    *,
    variant: str = "text",
    solution: bool = True,
    paper: str | None = None,
    nonce: str | None = None,
) -> str:
    """The page as a string.

    ``variant``: "text" (text clues; prints anywhere), "emoji" (emoji clues;
    an entry without one shows its text clue, marked), or "both".
    ``solution``: add the answer key on its own page.
    ``paper``: None lets the printer dialog choose; "a4" or "letter" fix it.
    ``nonce``: a CSP nonce for the page's one inline ``<style>`` element, for
    a web page served with ``Content-Security-Policy: style-src 'nonce-...'``.
    """
    if variant not in VARIANTS:
        raise ExportError(f"unknown print variant {variant!r}; choose one of {', '.join(VARIANTS)}")
    if paper is not None and paper.lower() not in PAPERS:
        raise ExportError(f"unknown paper size {paper!r}; choose a4 or letter")
    grid = puzzle.grid
    numbers = grid.numbers()
    cells = [
        Cell(c * UNIT, r * UNIT, numbers.get(Position(r, c)), ch)
        for r, row in enumerate(grid.rows)
        for c, ch in enumerate(row)
        if ch != BLOCK
    ]
    across = [_line(puzzle, e) for e in grid.entries if e.direction is Direction.ACROSS]
    down = [_line(puzzle, e) for e in grid.entries if e.direction is Direction.DOWN]
    return _template().render(
        css=Markup(_css()),
        puzzle=puzzle,
        variant=variant,
        solution=solution,
        page_size=PAPERS[paper.lower()] if paper else None,
        nonce=nonce,
        cells=cells,
        view_box=f"-0.5 -0.5 {grid.width * UNIT + 1} {grid.height * UNIT + 1}",
        size=_size(grid.width, grid.height, CELL_MAX_MM, GRID_MAX_WIDTH_MM, GRID_MAX_HEIGHT_MM),
        key_size=_size(
            grid.width, grid.height, KEY_CELL_MAX_MM, KEY_MAX_WIDTH_MM, KEY_MAX_HEIGHT_MM
        ),
        groups=[("Across", across), ("Down", down)],
        clue_count=len(grid.entries),
    )


def _line(puzzle: Puzzle, entry: Entry) -> ClueLine:
    clue = puzzle.clue(entry)
    return ClueLine(
        number=entry.number,
        text=clue.text,
        emoji=clue.emoji or None,
        enumeration=clue.enumeration or str(entry.length),
        answer=entry.answer,
    )


def _size(
    width: int, height: int, cell_max: float, max_width: float, max_height: float
) -> tuple[str, str]:
    """(width, height) in mm of a grid whose cells are as large as fits, up to cell_max."""
    cell = min(cell_max, max_width / width, max_height / height)
    return f"{width * cell:.1f}mm", f"{height * cell:.1f}mm"


@cache
def _css() -> str:
    return files(__package__).joinpath("print.css").read_text(encoding="utf-8")


@cache
def _template() -> Template:
    env = Environment(
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env.from_string(files(__package__).joinpath("print.html").read_text(encoding="utf-8"))
