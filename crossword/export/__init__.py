"""Writing a puzzle in a file format: one module per format, one registry here.

    export(puzzle, "ipuz", gaps="block")        -> bytes (UTF-8 JSON)
    export(puzzle, "puz", url=play_url)         -> bytes (Across Lite v1.3, text clues only)
    export(puzzle, "html", variant="both")      -> bytes (printable page, UTF-8)
    export(puzzle, "json", solution=False)      -> bytes (the project's wire format)

``content_type(fmt)`` and ``filename(puzzle, fmt)`` give what an HTTP download
or a file on disk needs.  Unknown formats and options raise ``ExportError``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import ExportError
from ..puzzle import Puzzle
from ..serialize import puzzle_to_dict
from ..words import fold
from . import html, ipuz, puz
from .html import PAPERS, VARIANTS
from .ipuz import GAP_STYLES

__all__ = [
    "FORMATS",
    "GAP_STYLES",
    "PAPERS",
    "VARIANTS",
    "Format",
    "content_type",
    "export",
    "filename",
]


@dataclass(frozen=True, slots=True)
class Format:
    """A file format: its name, file extension, media type and writer."""

    name: str
    extension: str
    content_type: str
    write: Callable[..., bytes]
    description: str


def _json(puzzle: Puzzle, *, solution: bool = True) -> bytes:
    data = puzzle_to_dict(puzzle, solution=solution)
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("ipuz", "ipuz", "application/json; charset=utf-8", ipuz.dumps,
               "ipuz v2 crossword (text clues; emoji clues as hints)"),
        Format("puz", "puz", "application/x-crossword", puz.dumps,
               "Across Lite .puz v1.3 (text clues only, ISO-8859-1)"),
        Format("html", "html", "text/html; charset=utf-8", html.dumps,
               "printable page: grid, clues, answer key on its own page"),
        Format("json", "json", "application/json; charset=utf-8", _json,
               "this project's JSON wire format"),
    )
}  # fmt: skip


def _format(fmt: str) -> Format:
    try:
        return FORMATS[fmt.lower()]
    except KeyError:
        known = ", ".join(FORMATS)
        raise ExportError(f"unknown export format {fmt!r}; choose one of {known}") from None


def export(puzzle: Puzzle, fmt: str, **options: Any) -> bytes:
    """Write ``puzzle`` in format ``fmt``; options go to that format's writer."""
    writer = _format(fmt).write
    try:
        return writer(puzzle, **options)
    except TypeError as exc:
        # An option this writer does not take: say so in the library's own terms.
        if "unexpected keyword argument" in str(exc):
            raise ExportError(f"the {fmt} export does not take that option: {exc}") from exc
        raise


def content_type(fmt: str) -> str:
    return _format(fmt).content_type


def filename(puzzle: Puzzle, fmt: str) -> str:
    """A safe ASCII file name from the title: "Sea life!" -> "sea-life.ipuz"."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(puzzle.title).lower()).strip("-")[:60].strip("-")
    return f"{slug or 'crossword'}.{_format(fmt).extension}"
