"""What one request may ask for: the input limits of the API, the maker page and the CLI.

Every edge reads its limits from here (docs/LIMITS.md lists them with the
answer a maker gets when over one):

- web/schemas.py validates API bodies with these numbers (422 naming the field),
  and crossword/settings.py takes its defaults from them (an operator may lower
  ``MAX_WORDS``/``MAX_COUNT``/``MAX_CONTENT_LENGTH``, never raise past what the
  library accepts);
- the maker page gets them from the same config (``maxlength``, the word count);
- ``crossword generate`` checks a words file with `request_problems` before it
  builds a provider.

`text_problem` is the one rule for free text from strangers (and from models):
no control characters, no lone surrogates (they cannot be stored as UTF-8), no
text-direction overrides (they make text display in a different order than it
is stored).  Zero-width joiners and variation selectors stay: emoji need them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from .words import MAX_LENGTH as MAX_ANSWER_LETTERS
from .words import MIN_LENGTH as MIN_ANSWER_LETTERS

__all__ = [
    "MAX_ANSWER_LETTERS",
    "MAX_BODY_BYTES",
    "MAX_CLUE_CHARS",
    "MAX_COUNT",
    "MAX_EMOJI_CHARS",
    "MAX_SEED",
    "MAX_SIZE",
    "MAX_TITLE_CHARS",
    "MAX_TOPIC_CHARS",
    "MAX_WORDS",
    "MAX_WORD_CHARS",
    "MIN_ANSWER_LETTERS",
    "MIN_COUNT",
    "MIN_SIZE",
    "request_problems",
    "text_problem",
]

MAX_WORDS = 120  # words (or entries) in one request
MAX_WORD_CHARS = 40  # characters of one word or phrase as typed
MAX_CLUE_CHARS = 200  # a maker's own clue
MAX_EMOJI_CHARS = 40  # a maker's own emoji hint (code points: ZWJ sequences are long)
MAX_TOPIC_CHARS = 80
MAX_TITLE_CHARS = 80
MIN_COUNT, MAX_COUNT, DEFAULT_COUNT = 4, 40, 15  # words of a topic puzzle
MIN_SIZE, MAX_SIZE = 5, 60  # max_size: the largest grid side a maker may ask for
MAX_SEED = 2**31 - 1
MAX_BODY_BYTES = 64 * 1024  # an API request body; larger -> 413

# Text-direction embeddings, overrides and isolates (the "Trojan Source" set).
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_LINE_BREAKS = "\t\n\r\u0085\u2028\u2029"


def text_problem(text: str, *, max_chars: int | None = None) -> str | None:
    """Why ``text`` may not be used as a word, clue, emoji, title or topic (else None).

    Line breaks and tabs are not problems here: `one_line` turns them into spaces.
    """
    for ch in text:
        if ch in _LINE_BREAKS:
            continue
        category = unicodedata.category(ch)
        if category == "Cs":
            return "contains an invalid character (a lone UTF-16 surrogate)"
        if category == "Cc":
            return "contains control characters; use plain text"
        if ch in BIDI_CONTROLS:
            return "contains text-direction control characters; use plain text"
    if max_chars is not None and len(text) > max_chars:
        return f"at most {max_chars} characters (got {len(text)})"
    return None


def one_line(text: str) -> str:
    """Tabs and line breaks become single spaces; the ends are stripped."""
    return " ".join(text.split())


def request_problems(
    *,
    words: Sequence[str | tuple[str, str | None] | tuple[str, str | None, str | None]] = (),
    topic: str | None = None,
    title: str | None = None,
    count: int | None = None,
    max_size: int | None = None,
    max_words: int = MAX_WORDS,
) -> list[tuple[str, str]]:
    """[(field, message)] for a request over a limit; empty when it is fine.

    Fields are named as in the API: ``words``, ``words.3``, ``entries.3.clue``,
    ``topic``, ``title``, ``count``, ``max_size``.
    """
    out: list[tuple[str, str]] = []
    if len(words) > max_words:
        out.append(("words", f"at most {max_words} words (got {len(words)})"))
        return out
    with_hints = any(not isinstance(w, str) for w in words)
    for i, item in enumerate(words):
        word, clue, emoji = (item, None, None) if isinstance(item, str) else (*item, None, None)[:3]
        base = f"entries.{i}" if with_hints else f"words.{i}"
        checks: Iterable[tuple[str, str | None, int]] = (
            (f"{base}.word" if with_hints else base, word, MAX_WORD_CHARS),
            (f"{base}.clue", clue, MAX_CLUE_CHARS),
            (f"{base}.emoji", emoji, MAX_EMOJI_CHARS),
        )
        for field, value, limit in checks:
            if value is not None and (problem := text_problem(one_line(value), max_chars=limit)):
                out.append((field, problem))
    for field, value, limit in (
        ("topic", topic, MAX_TOPIC_CHARS),
        ("title", title, MAX_TITLE_CHARS),
    ):
        if value is not None and (problem := text_problem(one_line(value), max_chars=limit)):
            out.append((field, problem))
    if count is not None and not MIN_COUNT <= count <= MAX_COUNT:
        out.append(("count", f"must be from {MIN_COUNT} to {MAX_COUNT}"))
    if max_size is not None and not MIN_SIZE <= max_size <= MAX_SIZE:
        out.append(("max_size", f"must be from {MIN_SIZE} to {MAX_SIZE}"))
    return out
