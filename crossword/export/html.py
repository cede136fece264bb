"""The printable page: a self-contained HTML document that prints on A4 and Letter.

Page 1 (and on): title, the empty grid, the numbered clues in two columns
(Across, Down, with enumerations), optionally a word bank (the answers A to Z).
Then, on a page of its own, the answer key: the filled grid and the answers.
No external requests, no colour needed to read anything.  Gaps inside the
grid's bounding box are hatched grey with no borders, so on paper no gap (and
no run of gaps) can pass for a square.

With ``controls=True`` (the web app's print page) the page also has a form to
choose the variant, the key, the word bank and the paper, and (given the URL of
its script) a Print button: screen only, hidden in print.  The page never has
an inline script.

The grid is an inline SVG sized in millimetres here, so that any grid fits the
width both paper sizes share (A4 is 210 mm wide, Letter 215.9 mm) and a small
grid does not balloon.  The template is rendered by Jinja2 with autoescaping on:
titles and clues come from users and models and are never trusted.  (Jinja2 is
already installed as Flask's dependency, the web app renders its pages with it,
and escaping by default beats remembering to escape in a hand-made renderer.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from jinja2 import Environment, StrictUndefined, Template
from markupsafe import Markup

from ..errors import ExportError
from ..grid import BLOCK, Direction, Entry, Grid, Position
from ..puzzle import Puzzle
from . import enumeration

# The one list of print variants and paper sizes: the CLI, the web app and the
# OpenAPI document read these.
VARIANTS = {"text": "text clues", "emoji": "emoji clues", "both": "text and emoji clues"}


@dataclass(frozen=True, slots=True)
class Paper:
    size: str  # the CSS @page size
    height_mm: float


PAPERS = {"a4": Paper("A4", 297.0), "letter": Paper("letter", 279.4)}
PAGE_MARGIN_MM = 12.0  # print.css's @page margin

# Printable area both A4 and Letter offer with print.css's 12 mm page margins, less some slack.
GRID_MAX_WIDTH_MM = 182.0
GRID_MAX_HEIGHT_MM = 165.0  # leaves room for the title and the first clues on page 1
GRID_MIN_HEIGHT_MM = 110.0  # below this, clues rather spill onto page 2 than the grid shrinks
# Page 1 estimates (print.css): title and meta, a clue group's heading, one clue line and
# the characters that fit on it in a column, the word bank's lines and its box.
HEADER_MM = 20.0
GROUP_HEAD_MM = 8.0
CLUE_LINE_MM = 5.0
EMOJI_EXTRA_MM = 0.9  # a line with emoji (drawn 1.2 times as large) is this much taller
CLUE_GAP_MM = 1.2
CLUE_LINE_CHARS = 44
BANK_COLUMNS = 4
BANK_ROW_MM = 5.0
BANK_EXTRA_MM = 12.0
SLACK_MM = 8.0
FIRST_CLUES_MM = 30.0  # the clue headings and a few clues, when the rest spill onto page 2
CELL_MAX_MM = 9.0
KEY_MAX_WIDTH_MM = 120.0
KEY_MAX_HEIGHT_MM = 120.0
KEY_CELL_MAX_MM = 7.0
# The key lists its answers in two columns a group when the longest fits one: about 11
# letters of 9.5pt bold on A4 (a wider answer would run into the next column).
KEY_COLUMN_LETTERS = 11
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
    enumeration: str  # "" when the text already shows it
    answer: str


def dumps(puzzle: Puzzle, **options: Any) -> bytes:
    """The page as UTF-8 bytes; ``options`` as for `render`."""
    return render(puzzle, **options).encode("utf-8")


def render(
    puzzle: Puzzle,
    *,
    variant: str = "text",
    solution: bool = True,
    paper: str | None = None,
    word_bank: bool = False,
    controls: bool = False,
    script_src: str | None = None,
    nonce: str | None = None,
) -> str:
    """The page as a string.

    ``variant``: "text" (text clues; prints anywhere), "emoji" (emoji clues;
    an entry without one shows its text clue, marked), or "both".
    ``solution``: add the answer key on its own page.
    ``paper``: None lets the printer dialog choose; "a4" or "letter" fix it.
    ``word_bank``: list the answers A to Z under the grid.
    ``controls``: add the on-screen options form (screen only).
    ``script_src``: with ``controls``, the URL of the script that shows its Print
    button (the web app's ``print.js``); the page itself has no inline script.
    ``nonce``: a CSP nonce for the page's one inline ``<style>`` element, for a
    page served with ``Content-Security-Policy: style-src 'nonce-...'``.
    """
    if variant not in VARIANTS:
        raise ExportError(f"unknown print variant {variant!r}; choose one of {', '.join(VARIANTS)}")
    paper = paper.lower() if paper else None
    if paper is not None and paper not in PAPERS:
        raise ExportError(f"unknown paper size {paper!r}; choose one of {', '.join(PAPERS)}")
    grid = puzzle.grid
    entries = grid.entries
    bank = sorted(spelled(e.answer, puzzle.clue(e).enumeration) for e in entries)
    groups = [
        (name, [_line(puzzle, e) for e in entries if e.direction is direction])
        for name, direction in (("Across", Direction.ACROSS), ("Down", Direction.DOWN))
    ]
    max_height = _grid_max_height(
        [lines for _, lines in groups],
        variant,
        PAPERS[paper or "letter"],
        bank if word_bank else [],
    )
    return _template().render(
        css=Markup(_css()),
        puzzle=puzzle,
        variant=variant,
        solution=solution,
        paper=paper,
        variants=VARIANTS,
        papers=PAPERS,
        page_size=PAPERS[paper].size if paper else None,
        word_bank=bank if word_bank else None,
        controls=controls,
        script_src=script_src,
        nonce=nonce,
        cells=_cells(grid),
        gaps=_gaps(grid),
        view_box=f"-0.5 -0.5 {grid.width * UNIT + 1} {grid.height * UNIT + 1}",
        size=_size(grid.width, grid.height, CELL_MAX_MM, GRID_MAX_WIDTH_MM, max_height),
        key_size=_size(
            grid.width, grid.height, KEY_CELL_MAX_MM, KEY_MAX_WIDTH_MM, KEY_MAX_HEIGHT_MM
        ),
        groups=groups,
        key_columns=2 if max(map(len, bank), default=0) <= KEY_COLUMN_LETTERS else 1,
        clue_count=len(entries),
    )


def _grid_max_height(
    columns: list[list[ClueLine]], variant: str, paper: Paper, bank: list[str]
) -> float:
    """The tallest grid that leaves page 1 room for the word bank and every clue.

    An estimate from print.css's sizes; with no paper chosen it plans for Letter,
    the shorter page.  When the clues cannot all fit beside a grid of
    GRID_MIN_HEIGHT_MM, they spill onto page 2 anyway: then the grid stays large
    and page 1 keeps the bank and the first clues.
    """
    room = paper.height_mm - 2 * PAGE_MARGIN_MM - HEADER_MM - SLACK_MM
    if bank:
        room -= -(-len(bank) // BANK_COLUMNS) * BANK_ROW_MM + BANK_EXTRA_MM
    clues = max((_clues_height(lines, variant) for lines in columns), default=0.0)
    if room - clues >= GRID_MIN_HEIGHT_MM:
        return min(GRID_MAX_HEIGHT_MM, room - clues)
    return max(GRID_MIN_HEIGHT_MM, min(GRID_MAX_HEIGHT_MM, room - FIRST_CLUES_MM))


def _clues_height(lines: list[ClueLine], variant: str) -> float:
    if not lines:
        return 0.0
    total = GROUP_HEAD_MM
    for line in lines:
        chars = len(line.enumeration) + 3
        if variant != "emoji" or not line.emoji:
            chars += len(line.text)
        extra = 0.0
        if variant != "text" and line.emoji:
            chars += 2 * len(line.emoji)  # an emoji is about two letters wide
            extra = EMOJI_EXTRA_MM
        total += -(-chars // CLUE_LINE_CHARS) * CLUE_LINE_MM + extra + CLUE_GAP_MM
    return total


def _cells(grid: Grid) -> list[Cell]:
    numbers = grid.numbers()
    return [
        Cell(c * UNIT, r * UNIT, numbers.get(Position(r, c)), ch)
        for r, row in enumerate(grid.rows)
        for c, ch in enumerate(row)
        if ch != BLOCK
    ]


def _gaps(grid: Grid) -> str:
    """Every gap in the bounding box as one SVG path, so that a run of gaps is one
    hatched area with no lines inside it (drawn under the squares' borders)."""
    return "".join(
        f"M{c * UNIT} {r * UNIT}h{UNIT}v{UNIT}h-{UNIT}z"
        for r, row in enumerate(grid.rows)
        for c, ch in enumerate(row)
        if ch == BLOCK
    )


def _line(puzzle: Puzzle, entry: Entry) -> ClueLine:
    clue = puzzle.clue(entry)
    enum = clue.enumeration or str(entry.length)
    return ClueLine(
        number=entry.number,
        text=clue.text,
        emoji=clue.emoji or None,
        enumeration="" if enumeration.in_text(clue.text, enum) else enum,
        answer=spelled(entry.answer, enum),
    )


def spelled(answer: str, enum: str) -> str:
    """The answer as written: ("ICECREAM", "3,5") -> "ICE CREAM", ("XRAY", "1-3") -> "X-RAY"."""
    parts = re.split(r"([,-])", enum)
    lengths = parts[::2]
    if not all(n.isdigit() for n in lengths) or sum(map(int, lengths)) != len(answer):
        return answer
    out, start = [], 0
    for i, n in enumerate(lengths):
        out.append(answer[start : start + int(n)])
        start += int(n)
        if i < len(lengths) - 1:
            out.append(" " if parts[2 * i + 1] == "," else "-")
    return "".join(out)


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
