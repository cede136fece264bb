"""Checks for hints: plain functions that return problems written *for the model*.

Every function returns a list of short sentences such as
"the clue contains the answer 'OTTER'; describe it without the word".  An
empty list means the hint is fine.  The LLM generator re-asks with exactly
these sentences, the tests call them directly and the trace stores them.

    emoji_problems(emoji, answer=..., others=...)   the emoji-only clue
    clue_problems(clue, answer, others=..., other_answers=...)   the text clue
    puzzle_problems(clues)                          both, across a whole puzzle
    leaks(text, answer)                             does a text give the answer away?
    normalize_emoji(emoji)                          whitespace dropped, fully-qualified forms

Why each emoji is checked on its own: ``emoji.purely_emoji`` alone accepts "", a lone U+FE0F, keycaps, squared letters and (c)/(r)/TM, which can
spell the answer.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import emoji as emoji_lib

from ..inflect import stem_prefix, stems
from ..puzzle import Hints
from ..words import fold

__all__ = [
    "MAX_CLUE_LENGTH",
    "MAX_EMOJI",
    "EMOJI_VERSION",
    "clue_problems",
    "emoji_problems",
    "emoji_names",
    "inflection_bases",
    "leaks",
    "normalize_emoji",
    "puzzle_problems",
]

MAX_CLUE_LENGTH = 80
MAX_EMOJI = 5
EMOJI_VERSION = 14.0  # newer emoji show as boxes on many phones still in use

_FE0F, _FE0E, _ZWJ, _KEYCAP = "\ufe0f", "\ufe0e", "\u200d", "\u20e3"
_RI_FIRST, _RI_LAST = 0x1F1E6, 0x1F1FF
_STATUS_FULLY_QUALIFIED = emoji_lib.STATUS["fully_qualified"]
_STATUS_COMPONENT = emoji_lib.STATUS["component"]

# Emoji that are letters, digits or words in a box: they can spell the answer.
_SPELLING = set(
    "🅰🅱🅾🅿🆎🆑🆒🆓🆔🆕🆖🆗🆘🆙🆚ℹⓂ🔟©®™🔠🔡🔢🔤🔣💯🔙🔚🔛🔜🔝🏧🚾🔞"
    "🈁🈂🈷🈶🈯🉐🈹🈚🈲🉑🈸🈴🈳㊗㊙🈺🈵"
)

_WORD_RE = re.compile(r"[A-Z]+")
_KEY_RE = re.compile(r"[A-Z0-9]+")

# One function per emoji rule below, in the order the problems are reported.  Each takes
# the clue's tokens: (chars, emoji.EmojiMatch) for an emoji, (char, str) for anything else.
Tokens = tuple[tuple[str, object], ...]


# --- emoji -----------------------------------------------------------------


def _qualified(token: str) -> str:
    """The fully-qualified spelling of one emoji token ('❤' -> '❤️'), if there is one."""
    data = emoji_lib.EMOJI_DATA.get(token)
    if data is None or data.get("status") == _STATUS_FULLY_QUALIFIED:
        return token
    bare = token.replace(_FE0F, "")
    for i in range(1, len(bare) + 1):
        candidate = bare[:i] + _FE0F + bare[i:]
        found = emoji_lib.EMOJI_DATA.get(candidate)
        if found is not None and found.get("status") == _STATUS_FULLY_QUALIFIED:
            return candidate
    return token


@lru_cache(maxsize=16384)
def normalize_emoji(text: str | None) -> str:
    """Drop whitespace and text-style selectors; write emoji in fully-qualified form.

    The result is what gets checked and stored: "🐯 🦁\\n" -> "🐯🦁", "❤" -> "❤️".
    Characters that are not emoji are kept, so the checks still see them.
    """
    compact = "".join(unicodedata.normalize("NFC", text or "").split()).replace(_FE0E, "")
    out = []
    for tok in emoji_lib.analyze(compact, non_emoji=True, join_emoji=True):
        out.append(
            _qualified(tok.chars) if isinstance(tok.value, emoji_lib.EmojiMatch) else tok.chars
        )
    return "".join(out)


@lru_cache(maxsize=16384)  # the same few thousand emoji clues come back again and again
def _tokens(compact: str) -> Tokens:
    return tuple(
        (t.chars, t.value) for t in emoji_lib.analyze(compact, non_emoji=True, join_emoji=True)
    )


def emoji_names(text: str) -> list[str]:
    """The English CLDR names of the emoji in ``text`` ('🐯' -> 'tiger face')."""
    names = []
    for chars, value in _tokens(normalize_emoji(text)):
        data = getattr(value, "data", None) or emoji_lib.EMOJI_DATA.get(chars)
        if data:
            names.append(data["en"].strip(":").replace("_", " "))
    return names


def _spells_letters(chars: str) -> bool:
    bare = chars.replace(_FE0F, "")
    return bare in _SPELLING or _KEYCAP in chars


@lru_cache(maxsize=16384)
def _emoji_key(text: str) -> str:
    return normalize_emoji(text).replace(_FE0F, "")


def emoji_problems(
    emoji: str,
    *,
    answer: str = "",
    others: Iterable[str] = (),
    max_emoji: int = MAX_EMOJI,
    emoji_version: float = EMOJI_VERSION,
    name_check: bool = False,
) -> list[str]:
    """Problems of an emoji-only clue.

    Rules: only emoji once whitespace is dropped; each a fully-qualified RGI
    emoji no newer than ``emoji_version``; 1 to ``max_emoji`` of them; no
    symbols that write letters or digits (keycaps, squared letters, flags whose
    letters spell the answer, (c) (r) TM ...); not the same as another entry's
    emoji clue (``others``).  With ``name_check`` an emoji whose name contains
    the answer is refused too (screen readers read the name aloud).
    """
    compact = normalize_emoji(emoji)
    if not compact:
        return [f"the emoji clue is empty; give 1-{max_emoji} emoji that evoke the answer"]
    tokens = _tokens(compact)
    target = _letters(answer)
    return [
        *_emoji_rules(compact, emoji_version),
        *_flags_spell(compact, target),
        *_emoji_count(tokens, max_emoji),
        *_same_as_another(compact, others),
        *(_names_say(compact, tokens, target) if name_check and target else []),
    ]


@lru_cache(maxsize=16384)
def _emoji_rules(compact: str, emoji_version: float) -> tuple[str, ...]:
    """The problems of the rules that look at the emoji alone (not the answer or the
    other entries), kept per emoji clue."""
    tokens = _tokens(compact)
    return (
        *_not_emoji(tokens),
        *_not_standard(tokens),
        *_components(tokens),
        *_unqualified(tokens),
        *_too_new(tokens, emoji_version),
        *_spelling_emoji(tokens),
    )


def _non_emoji_chars(tokens: Tokens) -> list[str]:
    return sorted({c for c, v in tokens if isinstance(v, str)} - {_FE0F, _ZWJ})


def _emoji_data(tokens: Tokens) -> list[tuple[str, dict]]:
    """(chars, emoji data) of each standard emoji: not text, not a non-RGI ZWJ sequence."""
    return [
        (chars, value.data or {})
        for chars, value in tokens
        if isinstance(value, emoji_lib.EmojiMatch)
        and not isinstance(value, emoji_lib.EmojiMatchZWJNonRGI)
    ]


def _not_emoji(tokens: Tokens) -> list[str]:
    bad = _non_emoji_chars(tokens)
    if not bad:
        return []
    shown = " ".join(repr(c) for c in bad[:8])
    return [
        "the emoji clue must contain only emoji, no letters, digits, punctuation or text; "
        f"remove {shown}"
    ]


def _not_standard(tokens: Tokens) -> list[str]:
    non_rgi = [c for c, v in tokens if isinstance(v, emoji_lib.EmojiMatchZWJNonRGI)]
    if not non_rgi:
        return []
    return [
        "use standard emoji only; these are not standard combinations: "
        + " ".join(non_rgi)
        + " (put the emoji side by side without joiners)"
    ]


def _components(tokens: Tokens) -> list[str]:
    found = [c for c, data in _emoji_data(tokens) if data.get("status") == _STATUS_COMPONENT]
    if not found:
        return []
    return ["skin-tone or hair components are not emoji on their own: " + " ".join(found)]


def _unqualified(tokens: Tokens) -> list[str]:
    found = [
        c
        for c, data in _emoji_data(tokens)
        if data.get("status") not in (_STATUS_COMPONENT, _STATUS_FULLY_QUALIFIED)
    ]
    return ["use the standard emoji form of: " + " ".join(found)] if found else []


def _too_new(tokens: Tokens, emoji_version: float) -> list[str]:
    found = [
        f"{c} (Emoji {data['E']})"
        for c, data in _emoji_data(tokens)
        if data.get("E") is not None and float(data["E"]) > emoji_version
    ]
    if not found:
        return []
    return [
        f"these emoji are newer than Emoji {emoji_version:g} and do not show on many devices: "
        + ", ".join(found)
    ]


def _spelling_emoji(tokens: Tokens) -> list[str]:
    found = [c for c, _ in _emoji_data(tokens) if _spells_letters(c)]
    if not found:
        return []
    return [
        "do not use emoji that write letters, digits or words (keycaps, letter buttons, "
        "(c) (r) TM, ...): " + " ".join(found)
    ]


def _flags_spell(compact: str, target: str) -> list[str]:
    """Regional-indicator letters (flags) that spell the answer, or a long part of it."""
    ri = "".join(chr(ord(c) - _RI_FIRST + 65) for c in compact if _RI_FIRST <= ord(c) <= _RI_LAST)
    if ri and target and (target in ri or (len(ri) >= 4 and ri in target)):
        return ["the flags spell the answer with their letters; use other emoji"]
    return []


def _emoji_count(tokens: Tokens, max_emoji: int) -> list[str]:
    # as drawn: a non-standard ZWJ sequence shows as its parts side by side
    drawn = sum(
        len(c.split(_ZWJ)) if isinstance(v, emoji_lib.EmojiMatchZWJNonRGI) else 1
        for c, v in tokens
        if isinstance(v, emoji_lib.EmojiMatch)
    )
    if not drawn and not _non_emoji_chars(tokens):
        return [f"the emoji clue has no emoji; give 1-{max_emoji} emoji"]
    if drawn > max_emoji:
        return [f"the emoji clue has {drawn} emoji; use at most {max_emoji}"]
    return []


def _same_as_another(compact: str, others: Iterable[str]) -> list[str]:
    key = compact.replace(_FE0F, "")
    if key and any(key == _emoji_key(o) for o in others if o):
        return [
            "the emoji clue is the same as another entry's emoji clue in this puzzle; "
            "make it different"
        ]
    return []


def _names_say(compact: str, tokens: Tokens, target: str) -> list[str]:
    """Emoji whose spoken name contains the answer (a screen reader would say it)."""
    named = [
        f"{chars} ({name})"
        for (chars, _), name in zip(
            [t for t in tokens if isinstance(t[1], emoji_lib.EmojiMatch)],
            emoji_names(compact),
            strict=False,
        )
        if leaks(name, target)
    ]
    if not named:
        return []
    return [
        "screen readers read emoji names aloud and these names contain the answer: "
        + ", ".join(named)
        + "; evoke the answer without naming it"
    ]


# --- text ------------------------------------------------------------------


@lru_cache(maxsize=65536)
def _fold(text: str) -> str:
    if text.isascii():
        return text.upper()
    return fold(text)


@lru_cache(maxsize=65536)
def _letters(text: str) -> str:
    return "".join(_WORD_RE.findall(_fold(text or "")))


@lru_cache(maxsize=65536)
def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD_RE.findall(_fold(text or "")))


@lru_cache(maxsize=65536)  # a clue's words come back for every answer checked
def inflection_bases(word: str, *, derived: bool = False) -> frozenset[str]:
    """The word and what it may be a form of (crossword.inflect.stems, upper case):
    TIGERS -> {TIGERS, TIGER}, MICE -> {MICE, MOUSE}; with ``derived`` also -ER,
    -ERS, -EST, -LY stems.  Bases shorter than 3 letters are left out."""
    w = _letters(word)
    return frozenset(s.upper() for s in stems(w, derived=derived)) | {w}


@lru_cache(maxsize=65536)
def _same_word(token: str, target: str) -> bool:
    """Is ``token`` the word ``target`` or an obvious form of it?"""
    if token == target:
        return True
    if len(target) >= 3 and target in inflection_bases(token, derived=len(target) >= 4):
        return True
    target_bases = inflection_bases(target)
    if len(token) >= 4 and token in target_bases:
        return True
    return any(len(b) >= 4 for b in inflection_bases(token) & target_bases)


@dataclass(frozen=True, slots=True)
class _Target:
    """A word of an answer (A-Z) as the leak checks compare with it, worked out once."""

    letters: str
    bases: frozenset[str]  # inflection_bases(letters)
    cores: tuple[str, ...]  # its bases of 4+ letters, what compounds are built on
    shortest_core: int  # the length of the shortest core (a word shorter has no core)
    core_heads: str  # the first letters of the cores
    near: str  # all but its last letter, for 6+ letters: VOLCANIC for VOLCANO


@lru_cache(maxsize=4096)  # a puzzle's answers, each checked against many clues
def _target(letters: str) -> _Target:
    bases = inflection_bases(letters)
    cores = tuple(b for b in bases if len(b) >= 4)
    shortest = min((len(c) for c in cores), default=sys.maxsize)
    heads = "".join(c[0] for c in cores)
    near = letters[:-1] if len(letters) >= 6 else ""
    return _Target(letters, bases, cores, shortest, heads, near)


def _is_part(bases: tuple[str, ...], whole: str) -> bool:
    """Is one of ``bases`` (of 4+ letters) a start or an end of ``whole`` of 4+ letters,
    or inside it with 6+ letters, at least 2 letters short of it: TELEPHONE's PHONE,
    DISPROPORTIONATE's PROPORTION?  Asked of the word, not of a set of every part of
    the answer: that set took longer to build than all the asking."""
    longest = len(whole) - 2
    for base in bases:
        size = len(base)
        if size <= longest and (
            base in whole if size >= 6 else whole.startswith(base) or whole.endswith(base)
        ):
            return True
    return False


def _is_same_word(token: str, target: _Target) -> bool:
    """`_same_word` for an A-Z ``token``, ruling most tokens out without their bases.

    The split spellings make a new string per join of a clue's words, which no cache
    holds, so this is what keeps `leaks` fast."""
    return _may_be_same(token, _stem_key(token), target) and _same_word(token, target.letters)


def _may_be_same(token: str, key: str | None, target: _Target) -> bool:
    """False when ``token`` (with ``key``, its `_stem_key`) cannot be `_same_word` as the
    target.  Outside the exception lists, every base of ``token`` starts with its
    `stem_prefix` and is no longer than it, so `_same_word` can only find the target
    among them if the target is like that, ``token`` among the target's bases, or a
    shared base of 4+ letters among the target's cores."""
    return (
        key is None
        or token in target.bases
        or (len(target.letters) <= len(token) and target.letters.startswith(key))
        or (
            # most words: too short for a core, or no core starts with their first letter
            len(token) >= target.shortest_core
            and key[:1] in target.core_heads
            and _core_within(key, len(token), target.cores)
        )
    )


def _core_within(key: str, size: int, cores: tuple[str, ...]) -> bool:
    """Does a core of at most ``size`` letters start with ``key``?"""
    # one or two cores: quicker to ask each than to build a table of their prefixes
    return any(len(core) <= size and core.startswith(key) for core in cores)


def _stem_key(token: str) -> str | None:
    # not cached: `_word` holds it for a clue's words, and a join of them is new each time
    key = stem_prefix(token)
    return None if key is None else key.upper()


@lru_cache(maxsize=65536)  # a clue's words come back for every answer checked
def _word(token: str) -> tuple[str | None, tuple[str, ...], tuple[str, ...]]:
    """What the leak checks use of an A-Z word of a clue, looked up once: its
    `_stem_key`, its inflection bases of 4+ letters (the shortest part of an answer),
    and those of 6+ letters (only they can hold a core of 4+ letters and 2 more)."""
    bases = [b for b in inflection_bases(token) if len(b) >= 4]
    return _stem_key(token), tuple(bases), tuple(b for b in bases if len(b) >= 6)


def _leaking_word(tokens: tuple[str, ...], target: _Target) -> bool:
    """Is a word of the clue `_same_word` as the target, or a compound with it?

    SUNFLOWERS contains FLOWER, KNEECAP contains KNEE, UNUSUAL contains USUAL,
    VOLCANIC is VOLCANO, TELEPHONE ends in PHONE, DISPROPORTIONATE holds PROPORTION;
    POTTER does not contain OTTER, HEARTH is not HEART (one extra letter makes another
    word more often than a compound).  One loop with each word's `_word` looked up
    once: this runs for every word of every clue checked."""
    for token in tokens:
        key, mid_bases, long_bases = _word(token)
        if _may_be_same(token, key, target) and _same_word(token, target.letters):
            return True
        # all but the last letter in common: VOLCANIC for VOLCANO
        if target.near and token.startswith(target.near) and not token.startswith(target.letters):
            return True
        # the other way round: TELEPHONE clued with "Phone", RASPBERRY with "berry", and
        # a long word inside: DISPROPORTIONATE clued with "proportion"
        if target.near and mid_bases and _is_part(mid_bases, target.letters):
            return True
        if long_bases and target.cores and _holds_core(long_bases, target.cores):
            return True
    return False


def _holds_core(long_bases: tuple[str, ...], cores: tuple[str, ...]) -> bool:
    """A base that starts or ends with a core of the target and is 2+ letters longer."""
    return any(
        len(base) - len(core) >= 2 and (base.startswith(core) or base.endswith(core))
        for base in long_bases
        for core in cores
    )


def leaks(text: str, answer: str) -> bool:
    """Does ``text`` contain ``answer`` or an obvious form of it?

    Case-, accent- and punctuation-blind: "Tigers' den", "t-i-g-e-r",
    "ice cream" (ICECREAM) all count; plurals, -ed/-ing/-er forms and compounds
    (SUNFLOWER for FLOWER) count too.  Multi-word answers ("ice cream") are
    also checked word by word for words of 4+ letters.
    """
    letters = _letters(answer)
    if not letters:
        return False
    tokens = _words(text)
    if not tokens:
        return False
    target = _target(letters)
    if _leaking_word(tokens, target):
        return True
    if _split_spelling(tokens, target):
        return True
    parts = _words(answer)
    if len(parts) > 1:
        for part in parts:
            if len(part) >= 4 and any(_is_same_word(tok, _target(part)) for tok in tokens):
                return True
    return False


def _split_spelling(tokens: tuple[str, ...], target: _Target) -> bool:
    """The answer spelt across words: "ice cream", "O.T.T.E.R", "st-ar"."""
    longest = len(target.letters) + 4
    for i, joined in enumerate(tokens):
        for token in tokens[i + 1 :]:
            joined += token
            if len(joined) > longest:
                break
            if _is_same_word(joined, target):
                return True
    return False


@lru_cache(maxsize=16384)
def _clue_key(text: str) -> str:
    return " ".join(_KEY_RE.findall(_fold(text or "")))


def clue_problems(
    clue: str,
    answer: str,
    *,
    others: Iterable[str] = (),
    other_answers: Iterable[str] = (),
    max_length: int = MAX_CLUE_LENGTH,
) -> list[str]:
    """Problems of a text clue for ``answer``.

    Rules: non-empty, one line, at most ``max_length`` characters, no emoji,
    no form of the answer, no other answer of the puzzle as a whole word
    (``other_answers``), not the same as another clue (``others``).
    """
    text = (clue or "").strip()
    if not text:
        return ["the clue is empty; write a short clue that defines the answer"]
    return [
        *_not_one_line(text),
        *_invisible(text),
        *_too_long(text, max_length),
        *_has_emoji(text),
        *_leaks_answer(text, answer),
        *_names_other_answers(text, answer, other_answers),
        *_same_clue(text, others),
    ]


# One function per clue rule, in the order the problems are reported.


def _not_one_line(text: str) -> list[str]:
    if "\n" in text or "\r" in text or "\u2028" in text:
        return ["the clue must be a single line"]
    return []


# The ASCII characters of Unicode category Cc (none is Cf), less line breaks.
_ASCII_CONTROL = re.compile(r"[\x00-\x09\x0b\x0c\x0e-\x1f\x7f]")


def _invisible(text: str) -> list[str]:
    if text.isascii():  # most clues: a regex instead of a category lookup per character
        found = _ASCII_CONTROL.search(text) is not None
    else:
        found = any(unicodedata.category(c) in ("Cc", "Cf") and c not in "\n\r" for c in text)
    if found:
        return ["the clue contains control or invisible characters; use plain text"]
    return []


def _too_long(text: str, max_length: int) -> list[str]:
    if len(text) > max_length:
        return [f"the clue is {len(text)} characters long; keep it under {max_length} characters"]
    return []


def _has_emoji(text: str) -> list[str]:
    if text.isascii():  # most clues; no emoji is ASCII (keycaps add U+20E3)
        return []
    found = [e["emoji"] for e in emoji_lib.emoji_list(text)]
    if found:
        return [
            "the clue must be plain text without emoji (found "
            + " ".join(found[:5])
            + "); emoji belong in the emoji clue"
        ]
    return []


def _leaks_answer(text: str, answer: str) -> list[str]:
    if leaks(text, answer):
        shown = _letters(answer) or answer
        return [
            f"the clue contains the answer '{shown}' or a form of it; describe it without the word"
        ]
    return []


def _names_other_answers(text: str, answer: str, other_answers: Iterable[str]) -> list[str]:
    other_answers = list(other_answers)
    if not other_answers:  # a lone clue, as the offline provider and the tests check them
        return []
    tokens = _words(text)
    target = _letters(answer)
    return [
        f"the clue contains '{other}', another answer in this puzzle; do not give that one away"
        for other in dict.fromkeys(_letters(a) for a in other_answers)
        if other and other != target and any(_is_same_word(tok, _target(other)) for tok in tokens)
    ]


def _same_clue(text: str, others: Iterable[str]) -> list[str]:
    others = [o for o in others if o]
    if not others:  # a lone clue: no need to work out its key
        return []
    key = _clue_key(text)
    if key and any(key == _clue_key(o) for o in others):
        return [
            "the clue is the same as another entry's clue in this puzzle; write a different one"
        ]
    return []


# --- a whole puzzle --------------------------------------------------------


def _answer_like(key: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z]+", key))


def puzzle_problems(clues: Mapping[str, Hints]) -> dict[str, list[str]]:
    """Problems of every hint in a puzzle, keyed like ``clues`` (answers or entry ids).

    Only keys with problems are returned.  When the keys are answers (A-Z),
    leaks and other answers in clues are checked too; with entry ids
    ("12-across") only the checks that need no answer run.  Duplicated clues or
    emoji are reported on every entry that shares them.
    """
    keys = list(clues)
    by_answer = all(_answer_like(k) for k in keys)
    out: dict[str, list[str]] = {}
    for key in keys:
        clue = clues[key]
        answer = key if by_answer else ""
        other_keys = [k for k in keys if k != key]
        problems = clue_problems(
            clue.text,
            answer,
            others=[clues[k].text for k in other_keys],
            other_answers=other_keys if by_answer else (),
        )
        if clue.emoji is not None:
            problems += emoji_problems(
                clue.emoji,
                answer=answer,
                others=[e for k in other_keys if (e := clues[k].emoji)],
            )
        if problems:
            out[key] = problems
    return out
