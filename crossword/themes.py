"""Themes for offline puzzles, and free-text topics mapped onto them.

The curated lists live in ``wordlists/themes/<name>.txt``: a header of
``# title:``, ``# aliases:`` (comma-separated), ``# roots:`` (WordNet ancestor
words, for "nearest theme") and ``# senses:`` (used by the build only), then one
word per line.  A topic is matched, in this order, to

1. a theme by name, title or alias ("colours", "sea animals", "Pets");
2. a theme named by one of its words ("wild animals", "jobs people do");
3. the WordNet hyponyms of the topic word ("reptiles" -> lizard, snake, ...);
4. the theme(s) whose roots are WordNet ancestors of the topic word ("poodle" -> animals),
   or which list the word itself ("guitar" -> music).

When nothing fits, `WordListError` says so and lists the themes.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import WordListError
from .inflect import lemmas
from .lexicon import DATA_DIR, Lexicon, default_lexicon

MIN_TOPIC_WORDS = 8  # fewer hyponyms than this: use the nearest theme instead

__all__ = [
    "Theme",
    "TopicMatch",
    "get_theme",
    "load_themes",
    "parse_theme",
    "resolve_topic",
    "theme_emoji",
    "words_for_topic",
]


@dataclass(frozen=True, slots=True)
class Theme:
    name: str
    title: str
    aliases: tuple[str, ...]
    roots: tuple[str, ...]
    words: tuple[str, ...]
    icon: str | None = None  # an emoji for the theme picker
    senses: tuple[str, ...] = ()  # WordNet senses of the theme ("bass.n.07"), for the build


@dataclass(frozen=True, slots=True)
class TopicMatch:
    """What a topic resolved to: theme names (may be empty) and the candidate words."""

    topic: str
    themes: tuple[str, ...]
    words: tuple[str, ...]
    how: str  # "theme", "hyponyms" or "nearest"


def parse_theme(name: str, text: str) -> Theme:
    """One ``wordlists/themes/<name>.txt``: ``# key: value`` header lines, then words."""
    head: dict[str, str] = {}
    words: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("#"):
            key, sep, value = line[1:].partition(":")
            if sep:
                head[key.strip()] = value.strip()
        elif line:
            words.append(line.lower())
    return Theme(
        name=name,
        title=head.get("title", name.capitalize()),
        aliases=tuple(a.strip().lower() for a in head.get("aliases", "").split(",") if a.strip()),
        roots=tuple(head.get("roots", "").replace(",", " ").split()),
        words=tuple(dict.fromkeys(words)),
        icon=head.get("icon") or None,
        senses=tuple(head.get("senses", "").replace(",", " ").split()),
    )


@lru_cache(maxsize=4)
def _load(folder: Path) -> dict[str, Theme]:
    return {
        path.stem: parse_theme(path.stem, path.read_text(encoding="utf-8"))
        for path in sorted(folder.glob("*.txt"))
    }


def load_themes(data_dir: Path | str | None = None) -> dict[str, Theme]:
    """name -> Theme, read once per folder."""
    return _load((Path(data_dir) if data_dir is not None else DATA_DIR) / "themes")


def get_theme(name: str, data_dir: Path | str | None = None) -> Theme:
    themes = load_themes(data_dir)
    if name in themes:
        return themes[name]
    raise WordListError(_no_match(name, themes))


def _no_match(topic: str, themes: dict[str, Theme]) -> str:
    names = ", ".join(sorted(themes))
    return (
        f"no offline word list fits the topic {topic!r}; "
        f"pick one of these themes: {names} (or give your own words)"
    )


def _normal(text: str) -> str:
    text = re.sub(r"[^a-z ]+", " ", text.lower().replace("&", " and "))
    text = re.sub(r"\b(the|a|an|of|and|for|kids|words|things|types|kinds)\b", " ", text)
    return " ".join(text.split())


def _singulars(word: str) -> list[str]:
    """'colours' -> ['colours', 'colour'] (crossword.inflect's plural readings)."""
    found = lemmas(word, lambda _lemma, pos: pos == "n")
    return [word, *dict.fromkeys(f.lemma for f in found if f.form == "plural")]


def _theme_keys(theme: Theme) -> set[str]:
    keys = {theme.name, theme.name.replace("-", " "), _normal(theme.title), *theme.aliases}
    return {k for key in keys for k in _singulars(_normal(key))}


def resolve_topic(
    topic: str, lexicon: Lexicon | None = None, data_dir: Path | str | None = None
) -> TopicMatch:
    """Map a free-text topic to theme(s) or WordNet hyponyms (see the module docstring)."""
    lex = lexicon or default_lexicon(data_dir)
    themes = load_themes(data_dir)
    norm = _normal(topic or "")
    if not norm:
        raise WordListError(_no_match(topic, themes))
    keys = {name: _theme_keys(t) for name, t in themes.items()}

    def match(*candidates: str) -> list[str]:
        forms = {f for c in candidates for f in _singulars(c)}
        return [name for name, k in keys.items() if k & forms]

    def theme_words(names: list[str]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(w for n in names for w in themes[n].words))

    found = match(norm)
    if found:
        return TopicMatch(topic, tuple(found), theme_words(found), "theme")
    tokens = norm.split()
    found = match(*tokens)
    if found:
        return TopicMatch(topic, tuple(found), theme_words(found), "theme")
    for word in [w for t in reversed(tokens) for w in _singulars(t)]:
        below = [w for w in lex.hyponyms(word) if w in lex and not lex.denied(w)]
        if len(below) >= MIN_TOPIC_WORDS:
            return TopicMatch(topic, (), tuple(below), "hyponyms")
    for word in [w for t in reversed(tokens) for w in _singulars(t)]:
        if word not in lex:
            continue
        above = set(lex.ancestors(word)) | {word}
        scored = [
            (sum(1 for r in t.roots if r in above) + (word in t.words), name)
            for name, t in themes.items()
        ]
        best = max(score for score, _ in scored)
        if best > 0:
            found = [name for score, name in scored if score == best]
            below = [w for w in lex.hyponyms(word) if w in lex and not lex.denied(w)]
            return TopicMatch(
                topic,
                tuple(found),
                tuple(dict.fromkeys(below + list(theme_words(found)))),
                "nearest",
            )
    raise WordListError(_no_match(topic, themes))


def theme_emoji(word: str, themes: tuple[str, ...], lexicon: Lexicon) -> tuple[str, ...]:
    """The emoji clues for ``word`` in the first of ``themes`` that has a curated
    clue for it (empty when that sense has no honest emoji), else the lexicon's
    confident ones."""
    for name in themes:
        row = lexicon.curated(name, word)
        if row is not None and (row.emoji or row.no_emoji):
            return row.emoji
    if themes:  # the emoji the offline provider will show for the theme's sense
        return lexicon.theme_sense_emoji(themes[0], word)
    entry = lexicon.get(word)
    return entry.emoji if entry is not None and entry.has_emoji else ()


def words_for_topic(
    topic: str,
    count: int,
    seed: int = 0,
    *,
    lexicon: Lexicon | None = None,
    data_dir: Path | str | None = None,
) -> list[str]:
    """Candidate answers for ``topic``, best first, deterministic for a seed.

    Words with a confident emoji clue for the theme's sense (`theme_emoji`) come first (so that an offline puzzle has
    emoji clues for nearly every entry), common words are likelier, and a word
    whose emoji is already taken by an earlier pick moves back.  Returns up to
    ``max(3 * count, 30)`` words (fewer when the topic has fewer).
    """
    lex = lexicon or default_lexicon(data_dir)
    match = resolve_topic(topic, lex, data_dir)
    rng = random.Random(f"{seed}\x00{_normal(topic)}")
    pool = []
    for word in match.words:
        entry = lex.get(word)
        if entry is None or lex.denied(word) or not entry.clues or not 3 <= len(word) <= 12:
            continue
        weight = max(0.5, entry.zipf - 2.0)
        pool.append((rng.random() ** (1.0 / weight), entry))
    pool.sort(key=lambda item: item[0], reverse=True)
    first, later = [], []
    used_emoji: set[str] = set()
    for _, entry in pool:
        emoji = theme_emoji(entry.word, match.themes, lex)
        fresh = [e for e in emoji if e not in used_emoji]
        if fresh:
            first.append(entry.word)
            used_emoji.add(fresh[0])
        else:
            later.append(entry.word)
    return (first + later)[: max(3 * count, 30)]
