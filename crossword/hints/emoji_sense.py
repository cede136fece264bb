"""Does an alternative emoji picture the sense of the chosen text clue?

An everyday row lists its clues and its emoji best first, and a row's clues may span
senses: ANCHOR is "Ship's mooring weight|News presenter" with ⚓|📺.  The first emoji
pictures the first clue; a later one may picture another clue (📺, the news anchor).
Emoji are unique in a puzzle, so when ⚓ is taken an entry falls to its alternatives,
and an alternative is offered only when something shows it pictures the clue's sense
(`SenseEvidence.fits`):

* its CLDR name, or the clues the editors gave it as a first emoji (its *profile*),
  share a word with the text clue: MONEY "Cash" and 💵 (given for CASH);
* it is a variant of the first emoji: the two share a name word (🌍 🌎 "globe");
* the lexicon's WordNet sense that the clue describes lists it (HARBOUR's "sheltered
  port where ships..." has 🚢).

Nothing says 📺 is a mooring weight, so ANCHOR never shows it beside that clue.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ..inflect import stems
from ..lexicon import EverydayClue, Lexicon, Sense
from .checks import emoji_names

__all__ = ["FITS", "OTHER", "UNKNOWN", "SenseEvidence"]

FITS, UNKNOWN, OTHER = "fits", "unknown", "other"  # how an emoji stands to a clue

# Name words that say what kind of picture it is, not what it pictures.
_GENERIC = frozenset(
    ["face", "button", "sign", "symbol", "mark", "with", "and", "the", "of", "in", "on", "at"]
    + ["light", "medium", "dark", "skin", "tone", "person", "hand", "flag", "small", "large"]
)
_STOP = frozenset(
    ["a", "an", "the", "of", "to", "in", "on", "for", "and", "or", "with", "by", "as", "at"]
    + ["from", "that", "this", "is", "be", "it", "its", "one", "one's", "someone", "something"]
    + ["not", "e.g", "eg", "who", "which", "what", "very", "kind", "sort", "type", "thing"]
    + ["abbr", "briefly", "short", "informal", "slang", "word", "name", "famous", "like"]
    + ["get", "give", "take", "make", "put", "have", "way", "part", "place", "set", "help"]
    # modifiers too common to tell two senses apart ("Large church" is no "Large quantity")
    + ["large", "small", "big", "little", "great", "good", "bad", "old", "new", "young"]
    + ["long", "high", "low", "main", "common", "general", "major", "minor", "first", "last"]
    + ["full", "whole", "person", "people", "time", "area", "group", "form", "used", "using"]
)
_NOT_PLURAL = frozenset(["news", "lens", "axis", "this", "thus", "plus", "less", "bass"])


def _words(text: str, stop: frozenset[str] = _STOP) -> frozenset[str]:
    """Content words of ``text`` and their stems (SHIPS -> ships, ship; PIGS -> pig),
    but a three-letter stem only from a plain plural (NEWS is not NEW)."""
    out: set[str] = set()
    for w in re.findall(r"[a-z]+", text.lower()):
        if len(w) > 2 and w not in stop:
            out.add(w)
            plain = w[:-1] if len(w) == 4 and w.endswith("s") and w not in _NOT_PLURAL else ""
            out.update(s for s in stems(w) if len(s) >= 4 or s == plain)
    return frozenset(out)


def _plain_words(text: str) -> frozenset[str]:
    """Like _words for a long text, with a plain suffix strip instead of crossword.inflect
    (ten times cheaper: a popular emoji's profile has thousands of words)."""
    out: set[str] = set()
    for w in re.findall(r"[a-z]+", text.lower()):
        if len(w) > 2 and w not in _STOP:
            out.add(w)
            for suffix, repl in _SUFFIXES:
                stem = w[: -len(suffix)] + repl
                if w.endswith(suffix) and len(stem) >= 4 and w not in _NOT_PLURAL:
                    out.add(stem)
    if any(len(w) == 4 and w.endswith("s") for w in out):  # PIGS -> pig
        out.update(w[:-1] for w in list(out) if len(w) == 4 and w.endswith("s"))
    return frozenset(out - {w[:-1] for w in _NOT_PLURAL})


_SUFFIXES = (
    ("ies", "y"),
    ("es", ""),
    ("s", ""),
    ("ing", ""),
    ("ing", "e"),
    ("ed", ""),
    ("ed", "e"),
)


@lru_cache(maxsize=4096)
def _name_words(emoji: str) -> frozenset[str]:
    return _words(" ".join(emoji_names(emoji)), _STOP | _GENERIC)


class SenseEvidence:
    """Evidence that an alternative emoji pictures a chosen clue's sense."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._texts: dict[str, list[str]] | None = None
        self._profiles: dict[str, frozenset[str]] = {}

    def grade(
        self, emoji: str, rank: int, clue: str, row: EverydayClue, senses: Iterable[Sense]
    ) -> str:
        """How the ``rank``-th emoji of an everyday ``row`` stands to its ``clue``: FITS
        (the first emoji beside the first clue, some evidence, or a row whose clues all
        seem to be of one sense), OTHER (it pictures another of the row's clues, of
        another sense, and nothing shows it fits this one), else UNKNOWN.  The first
        emoji is never OTHER: the editor gave it to the row's sense."""
        first_clue = clue == row.clues[0]
        if rank == 0 and first_clue:
            return FITS
        first = row.emoji[0] if first_clue and row.emoji else None
        if self.fits(emoji, first, clue, senses, answer=row.word):
            return FITS
        elsewhere = self._elsewhere(clue, row)
        if first_clue and not elsewhere:  # one sense: TROUT "Speckled river fish" 🐟|🎣
            return FITS
        if rank > 0 and any(self.fits(emoji, None, c, ()) for c in elsewhere):
            return OTHER
        return UNKNOWN

    def _elsewhere(self, clue: str, row: EverydayClue) -> list[str]:
        """The row's clues that seem to be of another sense than ``clue``: they share no
        word with it, and the row's first emoji does not picture them (ANCHOR "News
        presenter" beside "Ship's mooring weight"; not CAR "Vehicle" beside "Automobile",
        which 🚗 pictures too)."""
        words = _words(clue)
        first = row.emoji[0] if row.emoji else None
        return [
            c
            for c in row.clues
            if c != clue
            and not _words(c) & words
            and not (first is not None and self.fits(first, None, c, ()))
        ]

    def fits(
        self, emoji: str, first: str | None, clue: str, senses: Iterable[Sense], answer: str = ""
    ) -> bool:
        """Is ``emoji`` a fair picture of ``clue``, whose best emoji is ``first``?"""
        clue_words = _words(clue)
        if _name_words(emoji) & clue_words:
            return True
        # A profile is long and plainly stemmed: match it plainly too, or a generous stem
        # of the clue finds a word in it (WAVE "Breaker" -> "break", in 👋's "Break up").
        if self.profile(emoji) & _plain_words(clue):
            return True
        shared = _name_words(emoji) & _name_words(first) if first and first != emoji else set()
        if shared - _words(answer):  # the answer's own word says nothing of the sense:
            return True  # a variant of the first emoji: 🌍 🌎 "globe"; not WAVE's 🌊 👋
        return any(self._sense_lists(s, emoji, clue_words) for s in senses)

    @staticmethod
    def _sense_lists(sense: Sense, emoji: str, clue_words: frozenset[str]) -> bool:
        """Does the WordNet sense the clue describes list ``emoji``?"""
        if emoji not in sense.confident_emoji():
            return False
        return bool(_words(" ".join(sense.clues + sense.synonyms)) & clue_words)

    def profile(self, emoji: str) -> frozenset[str]:
        """The words of every everyday row whose first emoji is ``emoji``: its head word
        and first clue (what the editors used it for).  Worked out per emoji, on first
        use: stemming the whole table would take seconds."""
        key = emoji.replace("\ufe0f", "")
        found = self._profiles.get(key)
        if found is None:
            if self._texts is None:
                self._texts = self._read_texts()
            found = _plain_words(" ".join(self._texts.get(key, ())))
            self._profiles[key] = found
        return found

    def _read_texts(self) -> dict[str, list[str]]:
        """First emoji -> "word first-clue" of each everyday row that has it."""
        texts: dict[str, list[str]] = {}
        for row in self.lexicon.everyday_rows():
            if row.emoji:
                key = row.emoji[0].replace("\ufe0f", "")
                texts.setdefault(key, []).append(f"{row.word} {row.clues[0]}")
        return texts
