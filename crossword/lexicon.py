"""The offline lexicon shipped in ``wordlists/`` (built by scripts/build_lexicon.py).

Loaded lazily, once per process, with the standard library only::

    lex = default_lexicon()
    lex.get("OTTER")  # -> LexiconEntry(word='otter', pos='n', clues=(...), emoji=('🦦',), ...)

Files (see wordlists/LICENSE-DATA.md for their sources and licences):

* ``lexicon.tsv.gz``  word, pos, zipf*10, lexname, emoji tier, emoji candidates, clues
* ``theme_clues.tsv`` theme, word, clues of the theme's sense ("bass" in music)
* ``curated_clues.tsv`` theme, word, hand-written clues and emoji for every theme word
* ``hyponyms.tsv.gz`` ancestor word -> common words below it in WordNet
* ``deny.txt``        words and emoji never used
* ``themes/*.txt``    the curated theme word lists (read by crossword.themes)

Emoji tiers: 4 hand-checked override, 3 exact emoji name, 2 CLDR keyword that
agrees with the word's sense, 0 none.  Only these confident tiers are shipped.
"""

from __future__ import annotations

import gzip
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import WordListError


def _data_dir() -> Path:
    """wordlists/ beside the package in a source tree or editable install; in a
    wheel install, the copy pyproject.toml ships to <prefix>/share/emoji-crossword."""
    beside = Path(__file__).resolve().parent.parent / "wordlists"
    if beside.is_dir():
        return beside
    return Path(sys.prefix) / "share" / "emoji-crossword" / "wordlists"


DATA_DIR = _data_dir()
CONFIDENT_TIER = 2

__all__ = [
    "CONFIDENT_TIER",
    "DATA_DIR",
    "CuratedClue",
    "Lexicon",
    "LexiconEntry",
    "default_lexicon",
]


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    word: str  # lower-case a-z
    pos: str  # n, v, a, r
    zipf: float  # wordfreq commonness, 0-8
    lexname: str  # WordNet category, e.g. "noun.animal"
    emoji_tier: int
    emoji: tuple[str, ...]  # best first; empty when there is no honest emoji clue
    clues: tuple[str, ...]  # best first; each passes checks.clue_problems

    @property
    def has_emoji(self) -> bool:
        return self.emoji_tier >= CONFIDENT_TIER and bool(self.emoji)


@dataclass(frozen=True, slots=True)
class CuratedClue:
    """A hand-written clue set for one theme's sense of a word (``curated_clues.tsv``)."""

    theme: str
    word: str  # lower-case a-z
    clues: tuple[str, ...]  # best first
    emoji: tuple[str, ...]  # best first; empty: use the lexicon's (unless no_emoji)
    no_emoji: bool  # "-": there is no honest emoji clue for this sense


class Lexicon:
    """Word -> LexiconEntry, read from ``data_dir`` on first use."""

    def __init__(self, data_dir: Path | str | None = None) -> None:
        self.data_dir = Path(data_dir) if data_dir is not None else DATA_DIR
        self._rows: dict[str, str] | None = None
        self._theme_clues: dict[tuple[str, str], tuple[str, ...]] | None = None
        self._hyponyms: dict[str, str] | None = None
        self._ancestors: dict[str, list[str]] | None = None
        self._deny: tuple[frozenset[str], frozenset[str]] | None = None
        self._curated: dict[str, tuple[CuratedClue, ...]] | None = None
        self._lock = threading.Lock()

    # -- loading --------------------------------------------------------

    def _read(self, name: str) -> str:
        path = self.data_dir / name
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise WordListError(f"the offline lexicon file {path} cannot be read") from exc
        return (gzip.decompress(raw) if name.endswith(".gz") else raw).decode("utf-8")

    @property
    def rows(self) -> dict[str, str]:
        if self._rows is None:
            with self._lock:
                if self._rows is None:
                    rows = {}
                    for line in self._read("lexicon.tsv.gz").splitlines():
                        word, _, rest = line.partition("\t")
                        if rest:
                            rows[word] = rest
                    self._rows = rows
        return self._rows

    def load(self) -> Lexicon:
        """Read the main file now (it is otherwise read on first use)."""
        _ = self.rows
        return self

    # -- lookups --------------------------------------------------------

    def get(self, word: str) -> LexiconEntry | None:
        key = word.strip().lower()
        rest = self.rows.get(key)
        if rest is None:
            return None
        pos, zipf, lexname, tier, emoji, clues = rest.split("\t")
        return LexiconEntry(
            word=key,
            pos=pos,
            zipf=int(zipf) / 10,
            lexname=lexname,
            emoji_tier=int(tier),
            emoji=tuple(emoji.split()),
            clues=tuple(c for c in clues.split("|") if c),
        )

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and word.strip().lower() in self.rows

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[str]:
        return iter(self.rows)

    def theme_clues(self, theme: str, word: str) -> tuple[str, ...]:
        """Clues of the theme's sense of ``word`` (empty when the general ones fit)."""
        if self._theme_clues is None:
            table = {}
            for line in self._read("theme_clues.tsv").splitlines():
                parts = line.split("\t")
                if len(parts) == 3:
                    table[(parts[0], parts[1])] = tuple(c for c in parts[2].split("|") if c)
            self._theme_clues = table
        return self._theme_clues.get((theme, word.strip().lower()), ())

    def _load_curated(self) -> dict[str, tuple[CuratedClue, ...]]:
        if self._curated is None:
            with self._lock:
                if self._curated is None:
                    table: dict[str, list[CuratedClue]] = {}
                    for line in self._read("curated_clues.tsv").splitlines():
                        if not line or line.startswith("#"):
                            continue
                        parts = line.split("\t")
                        if len(parts) != 4:
                            continue
                        theme, word, clues, emoji = parts
                        word = word.strip().lower()
                        row = CuratedClue(
                            theme=theme.strip(),
                            word=word,
                            clues=tuple(c.strip() for c in clues.split("|") if c.strip()),
                            emoji=tuple(
                                e.strip() for e in emoji.split("|") if e.strip() not in ("", "-")
                            ),
                            no_emoji=emoji.strip() == "-",
                        )
                        if row.clues:
                            table.setdefault(word, []).append(row)
                    self._curated = {
                        w: tuple(sorted(rows, key=lambda r: r.theme)) for w, rows in table.items()
                    }
        return self._curated

    def curated(self, theme: str, word: str) -> CuratedClue | None:
        """The hand-written clues for ``word`` in ``theme`` ("pirate" in ocean), if any."""
        for row in self._load_curated().get(word.strip().lower(), ()):
            if row.theme == theme:
                return row
        return None

    def curated_senses(self, word: str) -> tuple[CuratedClue, ...]:
        """Every theme's hand-written clues for ``word``, by theme name."""
        return self._load_curated().get(word.strip().lower(), ())

    def curated_any(self, word: str) -> CuratedClue | None:
        """The curated clues for ``word`` when the theme is unknown: its only sense, or
        the first theme's by name (deterministic)."""
        senses = self.curated_senses(word)
        return senses[0] if senses else None

    def hyponyms(self, word: str) -> tuple[str, ...]:
        """Common words below ``word`` in WordNet ("reptile" -> lizard, snake, ...)."""
        if self._hyponyms is None:
            table = {}
            for line in self._read("hyponyms.tsv.gz").splitlines():
                key, _, words = line.partition("\t")
                table[key] = words
            self._hyponyms = table
        return tuple(self._hyponyms.get(word.strip().lower(), "").split())

    def ancestors(self, word: str) -> list[str]:
        """Words above ``word`` in WordNet, the reverse of `hyponyms`."""
        if self._ancestors is None:
            self.hyponyms("")
            assert self._hyponyms is not None
            table: dict[str, list[str]] = {}
            for key, words in self._hyponyms.items():
                for w in words.split():
                    table.setdefault(w, []).append(key)
            self._ancestors = table
        return self._ancestors.get(word.strip().lower(), [])

    def _load_deny(self) -> tuple[frozenset[str], frozenset[str]]:
        if self._deny is None:
            words: set[str] = set()
            emoji: set[str] = set()
            for line in self._read("deny.txt").splitlines():
                item = line.split("#", 1)[0].strip()
                if item:
                    (words if item.isascii() else emoji).add(item.lower())
            self._deny = (frozenset(words), frozenset(emoji))
        return self._deny

    @property
    def deny_words(self) -> frozenset[str]:
        return self._load_deny()[0]

    @property
    def deny_emoji(self) -> frozenset[str]:
        return self._load_deny()[1]

    def denied(self, word: str) -> bool:
        return word.strip().lower() in self.deny_words


_DEFAULT: Lexicon | None = None
_DEFAULT_LOCK = threading.Lock()


def default_lexicon(data_dir: Path | str | None = None) -> Lexicon:
    """The shared lexicon for ``data_dir`` (default: the shipped wordlists/)."""
    global _DEFAULT
    if data_dir is not None and Path(data_dir) != DATA_DIR:
        return Lexicon(data_dir)
    if _DEFAULT is None:
        with _DEFAULT_LOCK:
            if _DEFAULT is None:
                _DEFAULT = Lexicon()
    return _DEFAULT
