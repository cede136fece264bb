"""The errors the crossword library raises.

    CrosswordError
     +-- WordListError    a word list that cannot be used at all
     +-- LayoutError      the engine could not lay out the words
     +-- PuzzleError      a puzzle that is malformed or inconsistent
     +-- HintError        hints could not be generated or checked
     +-- ExportError      a puzzle could not be written in a file format
     +-- DataError        the data shipped with the package is missing (an install problem)

Every error carries a message written for a person; causes are chained.
"""

from __future__ import annotations

__all__ = [
    "CrosswordError",
    "DataError",
    "ExportError",
    "HintError",
    "LayoutError",
    "PuzzleError",
    "WordListError",
]


class CrosswordError(Exception):
    """Base class for every error this library raises on purpose."""

    def __init__(self, message: str, *, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems: list[str] = list(problems or [])


class WordListError(CrosswordError):
    """The word list is empty, too long, or has no usable word."""


class LayoutError(CrosswordError):
    """The words could not be laid out into one connected grid."""


class PuzzleError(CrosswordError):
    """A puzzle (or its wire format) is malformed or inconsistent."""


class HintError(CrosswordError):
    """Hints could not be produced or failed the checks."""


class ExportError(CrosswordError):
    """A puzzle could not be exported in the requested format."""


class DataError(CrosswordError):
    """Data shipped with the package (the word lists) is missing or unreadable."""
