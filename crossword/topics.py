"""Free topics: words about any topic WordNet knows, from ``wordlists/topics.tsv.gz``.

scripts/build_topics.py writes the file: for each topic (a WordNet noun such as
"chess", "volcano" or "greek mythology") the related words, best first, each
with the clue of its sense in that topic (BISHOP in chess is the chess piece)
and, when one fits that sense, an emoji.  The file is read on the first free
topic only; theme puzzles never read it.

    find_topic("Volcanoes")            -> FreeTopic(words=('crater', 'lava', ...))
    topic_sense("chess", "bishop")     -> ('A piece that can be moved diagonally ...', None)

A multi-word topic matches as a whole ("greek mythology") or through words
related to every one of its parts: a word belongs to "ancient egypt" when it is
on the topic "egypt" and "ancient" is on its topic or in its clue.  "harry
potter" is therefore no topic at all, not a list of pottery words.  When only
one part is a topic and few words fit the whole, that part's words fill up the
list (``FreeTopic.rest``; the puzzle's notices say so).
"""

from __future__ import annotations

import gzip
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from .errors import WordListError
from .lexicon import Lexicon, default_lexicon

__all__ = ["FreeTopic", "TopicWord", "find_topic", "normal_topic", "topic_sense"]

TOPICS_FILE = "topics.tsv.gz"

# Words in a typed topic that say nothing about it: "chess words", "types of rock".
# A multi-word topic with fewer words than this as a whole, and one part that is a
# topic of its own and a place (the others only describe it: "ancient egypt"), is
# filled up with that place's words, and the puzzle says so.
FILL_BELOW = 8

_FILLER = {"the", "a", "an", "of", "and", "for", "kids", "words", "things", "types", "kinds"}


@dataclass(frozen=True, slots=True)
class TopicWord:
    """One word in its topic's sense."""

    word: str  # lower-case a-z
    zipf: float  # wordfreq commonness, 0-8
    clues: tuple[str, ...]  # best first; each passes checks.clue_problems
    emoji: str | None  # an emoji of this sense, or None


@dataclass(frozen=True, slots=True)
class FreeTopic:
    """The words of a free topic, best first (most related and most common)."""

    topic: str  # as asked
    keys: tuple[str, ...]  # the topic(s) in the file: ("greek mythology",), ("ancient", "egypt")
    words: tuple[TopicWord, ...]
    whole: bool = True  # False: matched through its parts (see the module docstring)
    rest: str | None = None  # the part whose words fill up a multi-word topic ("egypt")

    def get(self, word: str) -> TopicWord | None:
        key = word.strip().lower()
        return next((w for w in self.words if w.word == key), None)


class _TopicFile:
    """The parsed rows of topics.tsv.gz, kept as raw strings until asked for."""

    def __init__(self, path: Path) -> None:
        try:
            text = gzip.decompress(path.read_bytes()).decode("utf-8")
        except OSError as exc:
            raise WordListError(f"the offline topic file {path.name} cannot be read") from exc
        self.senses: dict[str, str] = {}
        self.topics: dict[str, str] = {}
        for line in text.splitlines():
            kind, _, rest = line.partition("\t")
            key, _, value = rest.partition("\t")
            if kind == "s":
                self.senses[key] = value
            elif kind == "t":
                self.topics[key] = value
        self.found: dict[str, FreeTopic | None] = {}

    def word(self, sense_id: str) -> TopicWord:
        word, zipf, emoji, clues = self.senses[sense_id].split("\t")
        return TopicWord(
            word=word,
            zipf=int(zipf) / 10,
            clues=tuple(c for c in clues.split("|") if c),
            emoji=emoji or None,
        )

    def words(self, key: str) -> tuple[TopicWord, ...]:
        return tuple(self.word(i) for i in self.topics.get(key, "").split())


_FILES: dict[Path, _TopicFile] = {}
_LOCK = threading.Lock()


def _topic_file(lexicon: Lexicon) -> _TopicFile:
    path = lexicon.data_dir / TOPICS_FILE
    with _LOCK:
        if path not in _FILES:
            _FILES[path] = _TopicFile(path)
        return _FILES[path]


def normal_topic(text: str) -> str:
    """'The Volcanoes!' -> 'the volcanoes' without filler words -> 'volcanoes'."""
    text = re.sub(r"[^a-z ]+", " ", (text or "").lower().replace("&", " and "))
    return " ".join(w for w in text.split() if w not in _FILLER)


def _lemmas(word: str) -> list[str]:
    """The word and what it may be the plural of: volcanoes -> volcanoe, volcano."""
    out = [word]
    if word.endswith("ies") and len(word) > 4:
        out.append(word[:-3] + "y")
    if word.endswith("es") and len(word) > 3:
        out.append(word[:-2])
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        out.append(word[:-1])
    return out


def _key(table: _TopicFile, phrase: str) -> str | None:
    """The topic key for a phrase, its last word made singular if need be."""
    *head, last = phrase.split()
    for form in _lemmas(last):
        key = " ".join([*head, form])
        if key in table.topics:
            return key
    return None


def _mentions(word: TopicWord, part: str) -> bool:
    text = " ".join(word.clues).lower()
    return any(re.search(rf"\b{re.escape(p)}s?\b", text) for p in _lemmas(part))


def _all_parts(table: _TopicFile, parts: list[str]) -> tuple[tuple[str, ...], list[TopicWord]]:
    """Words related to every part of a multi-word topic (see the module docstring)."""
    keys = [k for p in parts if (k := _key(table, p)) is not None]
    if not keys:
        return (), []
    on: dict[str, set[str]] = {k: {w.word for w in table.words(k)} for k in keys}
    found: dict[str, TopicWord] = {}
    for key in keys:
        for w in table.words(key):
            if w.word in found:
                continue
            if all(
                w.word in on[k] if (k := _key(table, p)) is not None else _mentions(w, p)
                for p in parts
            ):
                found[w.word] = w
    return tuple(keys), list(found.values())


def _a_place(word: str, lexicon: Lexicon) -> bool:
    """Is ``word`` (first of all) a place: Egypt, Rome, Japan?"""
    entry = lexicon.get(word)
    return entry is not None and any(s.lexname == "noun.location" for s in entry.senses[:2])


def find_topic(topic: str, lexicon: Lexicon | None = None) -> FreeTopic | None:
    """The free topic for ``topic`` ("Volcanoes", "greek mythology"), or None when the
    topic file has no words for it.  Results are cached per topic."""
    lex = lexicon or default_lexicon()
    table = _topic_file(lex)
    norm = normal_topic(topic)
    if not norm:
        return None
    if norm not in table.found:
        key = _key(table, norm)
        result: FreeTopic | None = None
        if key is not None:
            result = FreeTopic(topic, (key,), table.words(key))
        elif " " in norm:
            keys, words = _all_parts(table, norm.split())
            rest = keys[0] if len(keys) == 1 and len(words) < FILL_BELOW else None
            if rest is not None and not _a_place(rest, lex):
                rest = None  # "british history": history's words are not British
            if rest is not None:  # "ancient egypt": its few words, then Egypt's
                have = {w.word for w in words}
                words += [w for w in table.words(rest) if w.word not in have]
            if words:
                result = FreeTopic(topic, keys, tuple(words), whole=False, rest=rest)
        table.found[norm] = result
    found = table.found[norm]
    if found is None or found.topic == topic:
        return found
    return FreeTopic(topic, found.keys, found.words, found.whole, found.rest)


def topic_sense(
    topic: str, word: str, lexicon: Lexicon | None = None
) -> tuple[str, str | None] | None:
    """(clue, emoji) of ``word``'s sense in the free topic ``topic``; emoji may be None.

    None when ``topic`` is no free topic or ``word`` is not one of its words.  The
    offline hint provider asks this first for a free-topic puzzle, so that BISHOP
    in a chess puzzle is the chess piece, not the clergyman.
    """
    found = find_topic(topic, lexicon)
    entry = found.get(word) if found is not None else None
    if entry is None or not entry.clues:
        return None
    return entry.clues[0], entry.emoji
