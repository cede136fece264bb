"""Turning raw words into answers: A-Z only, with the enumeration kept.

"Ice cream" -> ICECREAM (3,5); "X-ray" -> XRAY (1-3); "Café" -> CAFE.
Words that cannot be used are returned with the reason, never dropped silently.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .errors import WordListError

MIN_LENGTH = 2
MAX_LENGTH = 21
MAX_WORDS = 250

# Letters that NFKD does not decompose into a base letter plus a combining mark,
# with their conventional Latin spelling (case kept: fold() upper-cases, the .puz
# export writes mixed case).  The one transliteration table: crossword.export.puz
# uses it too for letters outside ISO-8859-1.
TRANSLITERATIONS = {
    "ß": "ss", "ẞ": "SS", "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe",
    "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "Ð": "D", "ð": "d",
    "Þ": "TH", "þ": "th", "Ł": "L", "ł": "l", "ı": "i", "Ħ": "H", "ħ": "h",
}  # fmt: skip
# Inside a multi-word answer these separate the parts; they are kept in the enumeration.
_SPACES = re.compile(r"[\s_]+")
_HYPHENS = re.compile(r"[-\u2010-\u2015\u2212]+")
_DROPPED = set("'\u2019\u2018.")  # apostrophes and full stops vanish: "O'Neil" -> ONEIL


@dataclass(frozen=True, slots=True)
class Word:
    """A usable word: its answer (A-Z), how it was written, and its enumeration."""

    answer: str
    text: str
    enumeration: str
    clue: str | None = None
    emoji: str | None = None


@dataclass(frozen=True, slots=True)
class Unplaced:
    """A word that is not in the grid (refused here, or left out by the layout), and why."""

    word: str  # as the maker wrote it
    reason: str  # in plain words


@dataclass(frozen=True, slots=True)
class WordList:
    words: tuple[Word, ...]
    rejected: tuple[Unplaced, ...]

    @property
    def answers(self) -> list[str]:
        return [w.answer for w in self.words]


def fold(text: str) -> str:
    """Upper-case, accents folded, anything else kept (the checks use this too)."""
    out = []
    for ch in unicodedata.normalize("NFKC", text):
        if ch in TRANSLITERATIONS:
            out.append(TRANSLITERATIONS[ch])
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        out.append(base)
    return "".join(out).upper()


def normalize(text: str) -> tuple[str, str]:
    """Return (answer, enumeration) for one raw word; the answer may be '' or
    contain non-letters, which `parse_words` reports."""
    cleaned = "".join(ch for ch in fold(text.strip()) if ch not in _DROPPED)
    cleaned = _HYPHENS.sub("-", _SPACES.sub(" ", cleaned)).strip(" -")
    parts = re.split(r"([ -])", cleaned)
    lengths = [str(len(p)) for p in parts[::2] if p]
    seps = [("," if s == " " else "-") for s in parts[1::2]]
    enumeration = lengths[0] if lengths else "0"
    for sep, length in zip(seps, lengths[1:], strict=False):
        enumeration += sep + length
    answer = "".join(parts[::2])
    return answer, enumeration


def parse_line(line: str) -> tuple[str, str | None]:
    """'word: my clue' -> ('word', 'my clue'); a plain line has no clue."""
    if ":" in line:
        word, clue = line.split(":", 1)
        return word.strip(), (clue.strip() or None)
    return line.strip(), None


def parse_words(
    items: Iterable[str | tuple[str, str | None] | tuple[str, str | None, str | None]],
    *,
    min_length: int = MIN_LENGTH,
    max_length: int = MAX_LENGTH,
    max_words: int = MAX_WORDS,
) -> WordList:
    """Normalise raw words (optionally with a clue and an emoji) into a WordList.

    Raises WordListError only when the list as a whole is unusable (too many
    words, or none usable); single bad words are reported in ``rejected``.
    """
    raw = list(items)
    if len(raw) > max_words:
        raise WordListError(f"too many words: {len(raw)} (the limit is {max_words})")
    words: list[Word] = []
    rejected: list[Unplaced] = []
    seen: dict[str, str] = {}
    for item in raw:
        raw_text, clue, emoji = (item, None, None) if isinstance(item, str) else _fields(item)
        text = (raw_text or "").strip()
        answer, enumeration = normalize(text) if text else ("", "")
        reason = _refusal(text, answer, min_length, max_length, seen)
        if reason:
            rejected.append(Unplaced(text, reason))
        else:
            seen[answer] = text
            words.append(Word(answer, text, enumeration, clue or None, emoji or None))
    if not words:
        reasons = "; ".join(f"{r.word or '(empty)'}: {r.reason}" for r in rejected[:5])
        raise WordListError(
            "no usable words" + (f" ({reasons})" if reasons else ""),
            problems=[f"{r.word}: {r.reason}" for r in rejected],
        )
    return WordList(tuple(words), tuple(rejected))


def _fields(
    item: tuple[str, ...] | tuple[str | None, ...],
) -> tuple[str | None, str | None, str | None]:
    """(word, clue, emoji) from a (word, clue) or (word, clue, emoji) tuple."""
    word, clue, emoji = (tuple(item) + (None, None))[:3]
    return word, clue, emoji


def _refusal(
    text: str, answer: str, min_length: int, max_length: int, seen: dict[str, str]
) -> str | None:
    """Why ``text`` (normalised to ``answer``) cannot be an answer, or None."""
    if not text:
        return "empty word"
    if not answer:
        return "has no letters"
    if not answer.isascii() or not answer.isalpha():
        bad = sorted({ch for ch in answer if not ("A" <= ch <= "Z")})
        return f"contains characters that are not letters: {' '.join(bad)}"
    if len(answer) < min_length:
        return f"shorter than {min_length} letters"
    if len(answer) > max_length:
        return f"longer than {max_length} letters"
    if answer in seen:
        return f"duplicate of {seen[answer]!r}"
    return None
