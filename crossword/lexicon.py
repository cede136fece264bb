"""The offline lexicon shipped in ``wordlists/`` (built by scripts/build_lexicon.py).

Loaded lazily, once per process, with the standard library only::

    lex = default_lexicon()
    lex.get("OTTER")  # -> LexiconEntry(word='otter', pos='n', clues=(...), emoji=('🦦',), ...)

Files (see wordlists/LICENSE-DATA.md for their sources and licences):

* ``lexicon.tsv.gz``  word, zipf*10, parts of speech with WordNet tag counts ("n25 v2"),
  then one field per sense, most frequent first, its parts joined by "^": pos, lexname,
  tag count, clues ("|"), synonyms (","), fill-in-the-blanks ("form:text", "|"),
  emoji clues with their confidence ("🐟:0.80", "|")
* ``theme_clues.tsv`` theme, word, clues and emoji of the theme's sense ("bass" in music)
* ``morphology.tsv``  WordNet's exception lists (MICE -> mouse), read by crossword.inflect
* ``curated_clues.tsv`` theme, word, hand-written clues and emoji for every theme word
* ``everyday_clues.tsv.gz`` word, part of speech, hand-written clues and emoji for the
  everyday sense of the ~38,000 commonest English lemmas (a teacher's own list)
* ``hyponyms.tsv.gz`` ancestor word -> common words below it in WordNet
* ``deny.txt``        words and emoji never used
* ``themes/*.txt``    the curated theme word lists (read by crossword.themes)

An emoji clue is shown from EMOJI_THRESHOLD up: the confidence comes from how
the emoji was found for that sense (exact name 0.9, CLDR keyword that agrees with
the sense 0.8, a hypernym TROUT -> fish 0.64-0.8, ...; see scripts/lexicon_emoji.py),
and the threshold was chosen by reading accepted and rejected samples
(bench/RESULTS-offline.md).  Hand-checked overrides have confidence 1.
"""

from __future__ import annotations

import gzip
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .errors import DataError


def _data_dir() -> Path:
    """The shipped word lists.  Every install (wheel, ``--user``, ``--target``,
    ``--prefix``, Docker) has them inside the package as ``crossword/wordlists``
    (pyproject.toml maps the repository's top-level ``wordlists/`` there); a source
    checkout or an editable install reads ``wordlists/`` beside the package."""
    shipped = resources.files("crossword") / "wordlists"
    if shipped.is_dir():
        return Path(str(shipped))
    return Path(__file__).resolve().parent.parent / "wordlists"


DATA_DIR = _data_dir()
EMOJI_THRESHOLD = 0.6  # chosen by measuring: see bench/RESULTS-offline.md
# The WordNet-category emoji the build may give (scripts/lexicon_emoji.py CATEGORY_EMOJI):
# a hint for the kind of thing, shown alone, never doubled for a plural.
CATEGORY_EMOJI = frozenset(
    ["💰", "⏳", "📏", "👥", "📍", "💭", "🐾", "🌱", "🍽️", "🎯", "🧠", "👀", "🏃"]
    + ["🌦️", "💞", "🤲"]
)
_CATEGORY_FIRST = frozenset(e[:1] for e in CATEGORY_EMOJI)
CONFIDENT_TIER = 2

__all__ = [
    "CATEGORY_EMOJI",
    "CONFIDENT_TIER",
    "DATA_DIR",
    "EMOJI_THRESHOLD",
    "CuratedClue",
    "EverydayClue",
    "Lexicon",
    "LexiconEntry",
    "Sense",
    "default_lexicon",
]


@dataclass(frozen=True, slots=True)
class Sense:
    """One WordNet sense of a word, with what can clue it."""

    pos: str  # n, v, a, r
    lexname: str  # WordNet category, e.g. "noun.animal"
    count: int  # how often the sense was tagged in WordNet's corpus (its commonness)
    clues: tuple[str, ...]  # best first; each passes checks.clue_problems
    synonyms: tuple[str, ...]  # common one-word synonyms ("grin" for smile)
    blanks: tuple[tuple[str, str], ...]  # (form, "The raft ___ and ..."): the form fills it
    emoji: tuple[tuple[str, float], ...]  # (emoji clue, confidence), best first

    def confident_emoji(self, threshold: float = EMOJI_THRESHOLD) -> tuple[str, ...]:
        """Emoji clues from ``threshold`` up; a category emoji stands alone (🐾, not 🐾👂)."""
        return tuple(
            e
            for e, conf in self.emoji
            if conf >= threshold and not (e[:1] in _CATEGORY_FIRST and len(e) > 2)
        )


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    word: str  # lower-case a-z
    zipf: float  # wordfreq commonness, 0-8
    pos_counts: tuple[tuple[str, int], ...]  # parts of speech, with tag counts
    senses: tuple[Sense, ...]  # the main part of speech's senses first

    @property
    def pos(self) -> str:
        return self.senses[0].pos

    @property
    def lexname(self) -> str:
        return self.senses[0].lexname

    @property
    def clues(self) -> tuple[str, ...]:
        """Every sense's clues, the main sense's first."""
        return tuple(dict.fromkeys(c for s in self.senses for c in s.clues))

    @property
    def emoji(self) -> tuple[str, ...]:
        """The main sense's confident emoji clues (empty: no honest emoji clue)."""
        return self.senses[0].confident_emoji()

    @property
    def emoji_tier(self) -> int:
        """4 hand-checked, 3 exact, 2 confident, 0 none (for older callers and the bench)."""
        best = max((c for _, c in self.senses[0].emoji), default=0.0)
        return 4 if best >= 1.0 else 3 if best >= 0.85 else 2 if best >= EMOJI_THRESHOLD else 0

    @property
    def has_emoji(self) -> bool:
        return bool(self.emoji)

    def senses_of(self, pos: str) -> tuple[Sense, ...]:
        return tuple(s for s in self.senses if s.pos == pos)


def _parse_sense(field: str) -> Sense:
    parts = field.split("^")
    pos, lexname, count = parts[:3]
    synonyms, blanks, emoji = parts[-3:]
    clues = "^".join(parts[3:-3])  # a clue may hold a caret ("10^9 bits")
    return Sense(
        pos=pos,
        lexname=lexname,
        count=int(count),
        clues=tuple(c for c in clues.split("|") if c),
        synonyms=tuple(w for w in synonyms.split(",") if w),
        blanks=tuple(tuple(b.split(":", 1)) for b in blanks.split("|") if ":" in b),  # type: ignore[misc]
        emoji=tuple(
            (e, float(conf)) for e, _, conf in (x.rpartition(":") for x in emoji.split("|") if x)
        ),
    )


@dataclass(frozen=True, slots=True)
class CuratedClue:
    """A hand-written clue set for one theme's sense of a word (``curated_clues.tsv``)."""

    theme: str
    word: str  # lower-case a-z
    clues: tuple[str, ...]  # best first
    emoji: tuple[str, ...]  # best first; empty: use the theme sense's (unless no_emoji)
    no_emoji: bool  # "-": there is no honest emoji clue for this sense


@dataclass(frozen=True, slots=True)
class EverydayClue:
    """Hand-written clues for the everyday sense of a common word (``everyday_clues.tsv.gz``)."""

    word: str  # lower-case a-z: a lemma, or (pos "x") a word clued only as written
    pos: str  # n, v, a, r; "x" for any other word class (YOURS, LOS)
    clues: tuple[str, ...]  # best first, written for the base form
    emoji: tuple[str, ...]  # best first; empty: no honest emoji clue for this sense


def _parse_everyday(line: str) -> EverydayClue | None:
    parts = line.split("\t")
    if len(parts) != 4 or line.startswith("#"):
        return None
    word, pos, clues, emoji = (p.strip() for p in parts)
    row = EverydayClue(
        word=word.lower(),
        pos=pos,
        clues=tuple(c.strip() for c in clues.split("|") if c.strip()),
        emoji=tuple(e.strip() for e in emoji.split("|") if e.strip() not in ("", "-")),
    )
    return row if row.clues else None


class Lexicon:
    """Word -> LexiconEntry, read from ``data_dir`` on first use."""

    def __init__(self, data_dir: Path | str | None = None) -> None:
        self.data_dir = Path(data_dir) if data_dir is not None else DATA_DIR
        self._rows: dict[str, str] | None = None
        self._theme_clues: dict[tuple[str, str], tuple[tuple[str, ...], str]] | None = None
        self._hyponyms: dict[str, str] | None = None
        self._ancestors: dict[str, list[str]] | None = None
        self._deny: tuple[frozenset[str], frozenset[str]] | None = None
        self._curated: dict[str, tuple[CuratedClue, ...]] | None = None
        self._everyday: dict[str, list[str]] | None = None
        self._everyday_rows: dict[str, tuple[EverydayClue, ...]] = {}
        self._lock = threading.Lock()

    # -- loading --------------------------------------------------------

    def _read(self, name: str) -> str:
        path = self.data_dir / name
        try:
            raw = path.read_bytes()
        except OSError as exc:
            # an installation problem, not the maker's: no path in the message (it may reach
            # an API body); the cause keeps it for the log
            raise DataError(
                f"the offline word lists ({name}) are missing from this installation"
            ) from exc
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
        zipf, pos, *senses = rest.split("\t")
        return LexiconEntry(
            word=key,
            zipf=int(zipf) / 10,
            pos_counts=tuple((p[0], int(p[1:])) for p in pos.split()),
            senses=tuple(_parse_sense(f) for f in senses),
        )

    def has(self, word: str, pos: str) -> bool:
        """Does the lexicon know ``word`` as a ``pos`` (n, v, a, r)?  (crossword.inflect's
        ``known``.)"""
        rest = self.rows.get(word)
        if rest is None:
            return False
        return any(p[:1] == pos for p in rest.split("\t", 2)[1].split())

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and word.strip().lower() in self.rows

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[str]:
        return iter(self.rows)

    def _theme_senses(self) -> dict[tuple[str, str], tuple[tuple[str, ...], str]]:
        if self._theme_clues is None:
            table = {}
            for line in self._read("theme_clues.tsv").splitlines():
                parts = line.split("\t")
                if len(parts) == 4:
                    clues = tuple(c for c in parts[2].split("|") if c)
                    table[(parts[0], parts[1])] = (clues, parts[3])
            self._theme_clues = table
        return self._theme_clues

    def theme_clues(self, theme: str, word: str) -> tuple[str, ...]:
        """Clues of the theme's sense of ``word`` ("bass" in music is the instrument)."""
        return self._theme_senses().get((theme, word.strip().lower()), ((), ""))[0]

    def theme_emoji(self, theme: str, word: str) -> tuple[str, ...]:
        """Confident emoji clues of the theme's sense of ``word`` (HEEL in body: no 👠)."""
        field = self._theme_senses().get((theme, word.strip().lower()), ((), ""))[1]
        return tuple(
            e
            for e, _, conf in (x.rpartition(":") for x in field.split("|") if x)
            if float(conf) >= EMOJI_THRESHOLD
        )

    def theme_sense_emoji(self, theme: str, word: str) -> tuple[str, ...]:
        """The emoji clues of the theme's sense of ``word``; when it has none, the word's
        main sense's, if both senses are the same kind of thing (SILVER the colour gets no
        🥈, HEEL in *body* no 👠, but GOOSE the bird may use the bird's)."""
        found = self.theme_emoji(theme, word)
        entry = self.get(word)
        if found or entry is None:
            return found
        main = entry.senses[0]
        clues = self.theme_clues(theme, word)
        sense = next((s for s in entry.senses if clues and clues[0] in s.clues), None)
        return main.confident_emoji() if sense is None or sense.lexname == main.lexname else ()

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

    def everyday(self, word: str) -> tuple[EverydayClue, ...]:
        """The hand-written everyday clues for ``word`` (one row per part of speech,
        the commonest first), or () when it is not among the common words."""
        key = word.strip().lower()
        rows = self._everyday_rows.get(key)
        if rows is None:  # parsed once per word: inflect's lookups ask several times
            lines = self._everyday_lines().get(key, ())
            rows = tuple(row for line in lines if (row := _parse_everyday(line)) is not None)
            self._everyday_rows[key] = rows
        return rows

    def everyday_rows(self) -> Iterator[EverydayClue]:
        """Every everyday row, word by word (parsed as they come, not kept)."""
        for lines in self._everyday_lines().values():
            for line in lines:
                if (row := _parse_everyday(line)) is not None:
                    yield row

    def _everyday_lines(self) -> dict[str, list[str]]:
        if self._everyday is None:
            with self._lock:
                if self._everyday is None:  # rows are parsed when asked for: 22k lines
                    table: dict[str, list[str]] = {}
                    for line in self._read("everyday_clues.tsv.gz").splitlines():
                        key, _, rest = line.partition("\t")
                        if rest and not key.startswith("#"):
                            table.setdefault(key, []).append(line)
                    self._everyday = table
        return self._everyday

    def everyday_sense(self, word: str, pos: str) -> EverydayClue | None:
        """The everyday clues of ``word`` as a ``pos``, if written."""
        return next((r for r in self.everyday(word) if r.pos == pos), None)

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
