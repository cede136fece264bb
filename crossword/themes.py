"""Themes for offline puzzles, and free-text topics mapped onto them.

The curated lists live in ``wordlists/themes/<name>.txt``: a header of
``# title:``, ``# aliases:`` (comma-separated), ``# roots:`` (WordNet ancestor
words, for "nearest theme") and ``# senses:`` (used by the build only), then one
word per line.  A topic is matched, in this order, to

1. a theme by name, title or alias ("colours", "sea animals", "Pets");
2. a free topic as a whole (crossword.topics: "volcanoes", "greek mythology");
3. a theme named by one of its words ("wild animals", "jobs people do"), with a notice;
4. a free topic through words related to all of its parts ("ancient egypt");
5. for a one-word topic with too few words of its own, the theme(s) whose roots are
   WordNet ancestors of it ("poodle" -> animals) or which list it, with a notice.

When nothing fits, `WordListError` names the nearest themes and says that a model
provider or the maker's own words can do any topic.  Words never come from
elsewhere than the topic asked without a notice saying so (`TopicMatch.notices`,
passed on as `TopicWords.notices` to the puzzle's notices); a free topic with
fewer words than asked gives a smaller puzzle, down to `limits.MIN_COUNT`, and
says so too.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import WordListError
from .hints import TopicWords
from .inflect import lemmas
from .lexicon import DATA_DIR, Lexicon, default_lexicon
from .limits import MIN_COUNT
from .topics import FreeTopic, find_topic

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
    themes: tuple[str, ...]  # the matched themes; for a free topic, the nearest ones
    words: tuple[str, ...]
    how: str  # "theme", "topic" (a free topic, crossword.topics) or "nearest"
    notices: tuple[str, ...] = ()  # for the puzzle: words not simply the topic asked for
    free: FreeTopic | None = None


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
    """Map a free-text topic to theme(s) or a free topic (see the module docstring)."""
    lex = lexicon or default_lexicon(data_dir)
    themes = load_themes(data_dir)
    norm = _normal(topic or "")
    if not norm:
        raise WordListError(_refusal(topic, []))
    found = _themes_named(themes, norm)
    if found:
        return TopicMatch(topic, tuple(found), _theme_words(themes, found), "theme")
    tokens = norm.split()
    free = find_topic(topic, lex)
    if free is not None and free.whole and len(free.words) >= MIN_COUNT:
        # a theme that lists the topic itself gives its words' senses ("guitar" in music)
        near = [n for n, t in themes.items() if any(k in t.words for k in free.keys)]
        return TopicMatch(topic, tuple(near), _free_words(free), "topic", free=free)
    found = _themes_named(themes, *tokens)
    if found:  # a theme named by one of the topic's words: "wild animals", "jobs people do"
        notice = f"The words come from the theme {_titles(found, themes)}, the nearest offline word list to {topic!r}."
        return TopicMatch(topic, tuple(found), _theme_words(themes, found), "theme", (notice,))
    if free is not None and len(free.words) >= MIN_COUNT:
        notices: tuple[str, ...] = ()
        if free.rest is not None:
            notices = (
                f"The offline word list knows few words about {topic!r} as a whole; "
                f"the others are about {free.rest!r}.",
            )
        return TopicMatch(topic, (), _free_words(free), "topic", notices, free)
    return _nearest_theme(topic, tokens, free, lex, themes)


def _themes_named(themes: dict[str, Theme], *candidates: str) -> list[str]:
    """The themes whose name, title or an alias is one of ``candidates`` (or its singular)."""
    forms = {f for c in candidates for f in _singulars(c)}
    return [name for name, theme in themes.items() if _theme_keys(theme) & forms]


def _theme_words(themes: dict[str, Theme], names: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(w for n in names for w in themes[n].words))


def _nearest_theme(
    topic: str, tokens: list[str], free: FreeTopic | None, lex: Lexicon, themes: dict[str, Theme]
) -> TopicMatch:
    """The nearest theme's words for a topic with too few words of its own, or the refusal."""
    near = _nearest(tokens, lex, themes)
    if near and (len(tokens) == 1 or (free is not None and free.whole)):
        # "poodle": too few words of its own, but it is one of the theme's things
        own = _free_words(free) if free is not None else ()
        notice = (
            f"The offline word list knows too few words about {topic!r}; "
            f"the words come from the nearest theme, {_titles(near, themes)}."
        )
        words = tuple(dict.fromkeys(own + _theme_words(themes, near)))
        return TopicMatch(topic, tuple(near), words, "nearest", (notice,), free)
    raise WordListError(_refusal(topic, [themes[n].title for n in near]))


def _free_words(free: FreeTopic) -> tuple[str, ...]:
    return tuple(w.word for w in free.words)


def _titles(names: list[str], themes: dict[str, Theme]) -> str:
    titles = [themes[n].title for n in names]
    return titles[0] if len(titles) == 1 else ", ".join(titles[:-1]) + " and " + titles[-1]


def _nearest(tokens: list[str], lex: Lexicon, themes: dict[str, Theme]) -> list[str]:
    """The themes whose roots are WordNet ancestors of the topic's words, or which list
    them ("poodle" -> animals, "guitar" -> music), best first, at most three."""
    scores: dict[str, int] = {}
    for word in [w for t in reversed(tokens) for w in _singulars(t)]:
        if word not in lex:
            continue
        above = set(lex.ancestors(word)) | {word}
        for name, t in themes.items():
            score = sum(1 for r in t.roots if r in above) + (word in t.words)
            if score:
                scores[name] = max(scores.get(name, 0), score)
    best = sorted(scores, key=lambda n: (-scores[n], n))
    return [n for n in best if scores[n] == scores[best[0]]][:3] if best else []


def _refusal(topic: str, near: list[str]) -> str:
    if near:
        hint = "the nearest themes are " if len(near) > 1 else "the nearest theme is "
        hint += ", ".join(near)
    else:
        hint = "try a theme such as Animals, Food or Space"
    return (
        f"the offline word lists know too little about the topic {topic!r}; {hint}. "
        "A model provider or your own words can do any topic."
    )


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
) -> TopicWords:
    """Candidate answers for ``topic``, best first, deterministic for a seed, with the
    notices the maker must see (words from a nearest theme, a smaller puzzle).

    For a theme, words with a confident emoji clue for the theme's sense
    (`theme_emoji`) come first (so that an offline puzzle has emoji clues for
    nearly every entry), common words are likelier, and a word whose emoji is
    already taken by an earlier pick moves back.  For a free topic, the most
    related words are likelier (`_pick_free`).  Returns up to
    ``max(3 * count, 30)`` words (fewer when the topic has fewer).
    """
    lex = lexicon or default_lexicon(data_dir)
    match = resolve_topic(topic, lex, data_dir)
    rng = random.Random(f"{seed}\x00{_normal(topic)}")
    if match.how == "topic" and match.free is not None:
        return _pick_free(match, count, rng, lex)
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
    return TopicWords(tuple((first + later)[: max(3 * count, 30)]), match.notices)


def _pick_free(match: TopicMatch, count: int, rng: random.Random, lex: Lexicon) -> TopicWords:
    """Words of a free topic: the top of its ranking is likelier (a word's weight falls
    with its rank), a word with an emoji of its sense a little likelier.  When fewer
    words than asked are on topic the puzzle is smaller, and says so."""
    assert match.free is not None
    usable = [w for w in match.free.words if 3 <= len(w.word) <= 12 and not lex.denied(w.word)]
    if len(usable) < MIN_COUNT:
        themes = load_themes(lex.data_dir)
        raise WordListError(_refusal(match.topic, [themes[n].title for n in match.themes]))
    scale = max(count, 8)
    keyed = []
    for rank, w in enumerate(usable):
        familiar = min(1.0, max(0.2, (w.zipf - 1.0) / 2.5))  # CRATER before DACITE
        weight = (1.3 if w.emoji else 1.0) * familiar / (1.0 + 3.0 * rank / scale)
        keyed.append((rng.random() ** (1.0 / weight), w.word))
    keyed.sort(reverse=True)
    words = tuple(word for _, word in keyed[: max(3 * count, 30)])
    # fewer words than asked: generate() says so for every provider
    return TopicWords(words, match.notices)
