"""Across Lite ``.puz`` v1.3: the binary format most crossword apps open.

Layout (see alexdej/puzpy ``FileFormat.md``): a 52-byte header with checksums,
the solution and the empty fill (one byte per cell, ``.`` = block, ``-`` =
white), then NUL-terminated title, author, copyright, the clues and the notes.
The file stores no numbering: readers number the grid themselves and take the
clues in order of number, across before down at the same number.

What the format cannot hold is left out on purpose:
- emoji clues (v1.3 strings are ISO-8859-1): only the text clue is written,
  and the notes say the emoji clues are in the .ipuz (and give the play URL);
- characters outside ISO-8859-1 in titles and clues: typographic quotes and
  dashes become ASCII, accents outside Latin-1 are dropped ("ő" -> "o"),
  emoji and other symbols vanish, letters that do not decompose ("Ł") use
  ``words.TRANSLITERATIONS``, any other letter becomes "?";
- free-form gaps: every cell outside an entry is a block.
"""

from __future__ import annotations

import re
import struct
import unicodedata

from ..errors import ExportError
from ..grid import BLOCK, Direction, Entry
from ..puzzle import Puzzle
from ..words import TRANSLITERATIONS
from . import enumeration

ENCODING = "ISO-8859-1"
VERSION = b"1.3\0"
MAGIC = b"ACROSS&DOWN\0"
MASK = b"ICHEATED"
MAX_SIDE = 255
EMPTY_CLUE = "[no text clue]"

# Punctuation with a conventional ASCII stand-in (Latin-1 has none of these);
# letters outside Latin-1 use the one table in crossword.words.
_PUNCTUATION = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u2015": "-", "\u2212": "-", "\u2026": "...", "\u2022": "*", "\u20ac": "EUR",
    "\u2122": "(TM)", "\u2039": "<", "\u203a": ">",
}  # fmt: skip
_SPACES = re.compile(r"\s+")


def dumps(
    puzzle: Puzzle,
    *,
    solution: bool = True,
    enumerations: bool = True,
    author: str = "",
    copyright: str = "",  # noqa: A002 - the .puz field's name
    notes: str = "",
    url: str | None = None,
) -> bytes:
    """The puzzle as a .puz v1.3 file, text clues only.

    ``enumerations`` appends "(5)" / "(3,4)" to each clue, as the print and the
    player show them (once: not when the clue text already shows it).
    ``url`` (the play page) and a sentence on where the emoji clues are go into
    the notes, before ``notes``.
    """
    if not solution:
        raise ExportError("a .puz file always holds the solution; use ipuz or json without it")
    grid = puzzle.grid
    if grid.width > MAX_SIDE or grid.height > MAX_SIDE:
        raise ExportError(f"a .puz grid is at most {MAX_SIDE} cells a side")

    solution_bytes = "".join(row.replace(BLOCK, ".") for row in grid.rows).encode("ascii")
    fill_bytes = "".join(re.sub("[A-Z]", "-", row.replace(BLOCK, ".")) for row in grid.rows).encode(
        "ascii"
    )
    clues = [_clue_text(puzzle, e, enumerations) for e in clue_order(puzzle)]
    strings = [to_latin1(puzzle.title), to_latin1(author), to_latin1(copyright)]
    note_text = to_latin1(notes_text(puzzle, url, notes))

    cib = struct.pack("<BBHHH", grid.width, grid.height, len(clues), 0x0001, 0x0000)
    c_cib = checksum(cib)
    c_text = _text_checksum(strings, clues, note_text)
    c_global = checksum(fill_bytes, checksum(solution_bytes, c_cib))
    c_global = _text_checksum(strings, clues, note_text, c_global)
    parts = (c_cib, checksum(solution_bytes), checksum(fill_bytes), c_text)
    low = bytes(MASK[i] ^ (c & 0xFF) for i, c in enumerate(parts))
    high = bytes(MASK[i + 4] ^ (c >> 8) for i, c in enumerate(parts))

    out = bytearray()
    out += struct.pack("<H", c_global) + MAGIC + struct.pack("<H", c_cib) + low + high
    out += VERSION + b"\0\0" + struct.pack("<H", 0) + b"\0" * 12 + cib
    out += solution_bytes + fill_bytes
    for text in (*strings, *clues, note_text):
        out += text.encode(ENCODING) + b"\0"
    return bytes(out)


def clue_order(puzzle: Puzzle) -> list[Entry]:
    """Entries in .puz order: by number, across before down at the same number."""
    return sorted(puzzle.entries, key=lambda e: (e.number, e.direction is Direction.DOWN))


def _clue_text(puzzle: Puzzle, entry: Entry, enumerations: bool) -> str:
    clue = puzzle.clue(entry)
    text = to_latin1(clue.text) or EMPTY_CLUE
    if enumerations:
        text = enumeration.append(text, to_latin1(clue.enumeration) or str(entry.length))
    return text


def notes_text(puzzle: Puzzle, url: str | None = None, notes: str = "") -> str:
    """The notes: where to play, where the emoji clues went, then ``notes``."""
    lines = []
    if url:
        lines.append(f"Play online: {url}")
    if any(clue.emoji for clue in puzzle.clues.values()):
        where = "the .ipuz file and on the play page" if url else "the .ipuz file"
        lines.append(f"This .puz file holds the text clues only: the emoji clues are in {where}.")
    if notes:
        lines.append(notes)
    return " ".join(lines)


def to_latin1(text: str) -> str:
    """``text`` made writable in ISO-8859-1 (see the module docstring)."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in _PUNCTUATION:
            out.append(_PUNCTUATION[ch])
        elif ch.isspace():
            out.append(" ")
        elif ord(ch) < 0x100:
            if unicodedata.category(ch)[0] != "C":  # no NULs or control characters
                out.append(ch)
        elif ch in TRANSLITERATIONS:
            out.append(TRANSLITERATIONS[ch])
        else:
            out.append(_fallback(ch))
    return _SPACES.sub(" ", "".join(out)).strip()


def _fallback(ch: str) -> str:
    category = unicodedata.category(ch)
    if category[0] != "L":
        # Emoji, ZWJ, variation selectors, other symbols and marks: dropped.
        return ""
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    if base and all(ord(c) < 0x100 for c in base):
        return base
    return "?"


def checksum(data: bytes, cksum: int = 0) -> int:
    """The .puz checksum: rotate right one bit, add the byte, keep 16 bits."""
    for byte in data:
        cksum = ((cksum >> 1) | ((cksum & 1) << 15)) + byte
        cksum &= 0xFFFF
    return cksum


def _text_checksum(strings: list[str], clues: list[str], notes: str, cksum: int = 0) -> int:
    # Title, author, copyright with their NUL if non-empty, the clues without
    # it, and (v1.3) the notes with their NUL if non-empty.
    for text in strings:
        if text:
            cksum = checksum(text.encode(ENCODING) + b"\0", cksum)
    for clue in clues:
        if clue:
            cksum = checksum(clue.encode(ENCODING), cksum)
    if notes:
        cksum = checksum(notes.encode(ENCODING) + b"\0", cksum)
    return cksum
