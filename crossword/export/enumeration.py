"""Enumerations in exported clue text: "(5)", "(3,4)", "(1-3)" after the clue, once.

Some clues already carry their enumeration in the text (the offline pattern
clue for a phrase reads "Phrase (4,1,4) starting with R"); a writer that adds
one must not add it a second time.
"""

from __future__ import annotations


def in_text(text: str, enumeration: str) -> bool:
    """Does ``text`` already show "(<enumeration>)"?"""
    return bool(enumeration) and f"({enumeration})" in text


def append(text: str, enumeration: str) -> str:
    """``text`` followed by " (<enumeration>)", unless it already shows it."""
    return text if in_text(text, enumeration) else f"{text} ({enumeration})"
