"""Hints from the shipped lexicon: no network, no API key.

For each answer, in this order: the maker's clue; the hand-written clue for the
word in the puzzle's theme (``curated_clues.tsv``: PIRATE in *ocean* is
"Buccaneer of the high seas", not the plagiarist); a hand-written clue for the
word from another theme (its only sense, or the first theme by name); then the
WordNet gloss from the lexicon (the theme's sense when the topic is a theme, e.g.
"bass" in music), tidied to a clue-like length at a phrase boundary.  The emoji
clue is the curated one for that sense, else one from the lexicon's confident
tiers (exact emoji names, CLDR keywords that agree with the word's sense, and
hand-checked overrides).  When there is no honest emoji clue the emoji is None
and the player says "no emoji clue".  Answers not in the lexicon (names, user
words) get a clue built from their letter pattern, never an empty one.  A
maker's own clue or emoji is kept as written; problems go into ``Clue.notes``.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import WordListError
from ..lexicon import CuratedClue, Lexicon, LexiconEntry, default_lexicon
from ..puzzle import NO_EMOJI_NOTE, Clue
from ..themes import resolve_topic, words_for_topic
from . import HintContext, HintRequest, TopicWords
from .checks import clue_problems, emoji_problems

__all__ = ["OfflineHintProvider", "pattern_clues", "tidy_gloss"]

TIDY_LENGTH = 60  # glosses longer than this are cut at a phrase boundary when possible

_NUMBERS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "twenty-one",
]


def _count(n: int) -> str:
    return _NUMBERS[n] if 0 <= n < len(_NUMBERS) else str(n)


def pattern_clues(answer: str, enumeration: str = "", topic: str | None = None) -> list[str]:
    """Honest clues for an answer we know nothing about, from its letter pattern."""
    n = len(answer)
    first, last = answer[:1], answer[-1:]
    multi = enumeration and not enumeration.isdigit()
    thing = f"Phrase ({enumeration})" if multi else f"{_count(n).capitalize()}-letter word"
    out: list[str] = []
    if topic:
        short = topic.strip()[:30]
        out.append(f"{thing} on the topic {short!r}, starting with {first}")
    out.append(f"{thing} starting with {first}")
    if n >= 5:
        out.append(f"{thing} starting with {first} and ending with {last}")
        out.append(f"{thing} that starts with {first}, ends with {last}")
    if n >= 6:
        out.append(f"{thing}: {first}, then {_count(n - 2)} letters, then {last}")
    out.append(f"{thing} with {first} first and {answer[1:2] or last} second")
    out.append(f"{thing}, first letter {first}")
    out.append(f"{thing}, initial {first}")
    return out


def _cut_before(text: str, others: Sequence[str]) -> str | None:
    """'The sport of riding a bicycle' with BICYCLE in the puzzle -> 'The sport of riding'."""
    words = text.split()
    for i, w in enumerate(words):
        if clue_problems(w, "", other_answers=others):
            head = words[:i]
            for k in range(len(head) - 1, 0, -1):  # back off to a phrase boundary
                if head[k].lower() in _CUT_AT or head[k - 1].endswith(","):
                    head = head[:k]
                    break
            while head and head[-1].lower() in _DANGLING:
                head.pop()
            cut = " ".join(head).rstrip(" ,;:")
            return cut if len(head) >= 3 and len(cut) >= 15 else None
    return None


_CUT_AT = set(["of", "with", "for", "in", "from", "that", "which", "to", "by", "on", "at", "as"])
_DANGLING = set(
    [
        "of",
        "the",
        "a",
        "an",
        "and",
        "or",
        "to",
        "in",
        "with",
        "for",
        "by",
        "as",
        "at",
        "from",
        "that",
        "which",
        "who",
        "whose",
        "its",
        "on",
    ]
)


# Words before which a long gloss can end and still read as a clue:
# "Nocturnal bird of prey | with hawk-like beak ..." -> "Nocturnal bird of prey".
_TIDY_AT = {
    "that",
    "which",
    "with",
    "having",
    "used",
    "usually",
    "especially",
    "typically",
    "often",
    "found",
    "native",
    "widely",
    "consisting",
    "containing",
    "characterized",
    "where",
    "who",
    "whose",
}


_TIDY_DANGLING = _DANGLING | {"is", "are", "was", "were", "be", "been", "being", "but", "very"}


def tidy_gloss(text: str, limit: int = TIDY_LENGTH) -> str:
    """A long WordNet gloss cut at a phrase boundary to at most ``limit`` characters.

    "Nocturnal bird of prey with hawk-like beak and claws and large head" ->
    "Nocturnal bird of prey".  The longest head that keeps at least three words
    and 15 characters and does not end on a dangling word wins; a gloss with no
    such boundary is returned unchanged (it is at most 80 characters).
    """
    text = text.strip()
    if len(text) <= limit:
        return text
    words = text.split()
    best = ""
    for k in range(3, len(words)):
        head_words = words[:k]
        after_comma = head_words[-1].endswith((",", ";"))
        nxt = words[k].lower().strip(",;")
        if not (after_comma or nxt in _TIDY_AT):
            continue
        if nxt == "with" and head_words[-1].lower().endswith(("ing", "ed")):
            continue  # "dealing with ...", "covered with ...": the phrase goes on
        while head_words and head_words[-1].lower().strip(",;") in _TIDY_DANGLING:
            head_words = head_words[:-1]
        head = " ".join(head_words).rstrip(" ,;:")
        if len(head_words) >= 3 and 15 <= len(head) <= limit and len(head) > len(best):
            best = head
    return best or text


class OfflineHintProvider:
    """The embedded default provider (HintProvider protocol)."""

    name = "offline"
    model: str | None = None

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or default_lexicon()

    # -- words ---------------------------------------------------------

    def words_for_topic(self, topic: str, count: int, *, seed: int = 0) -> TopicWords:
        return words_for_topic(topic, count, seed, lexicon=self.lexicon)

    # -- hints ---------------------------------------------------------

    def _lookup(self, answer: str) -> tuple[LexiconEntry | None, bool]:
        """The entry for an answer, or for its singular (plural=True)."""
        key = answer.lower()
        entry = self.lexicon.get(key)
        if entry is not None:
            return entry, False
        for base in (key[:-3] + "y" if key.endswith("ies") else "", key[:-2], key[:-1]):
            if key.endswith("s") and len(base) >= 3 and base in self.lexicon:
                return self.lexicon.get(base), True
        return None, False

    def _themes(self, topic: str | None) -> tuple[str, ...]:
        if not topic:
            return ()
        try:
            match = resolve_topic(topic, self.lexicon)
        except WordListError:
            return ()
        return match.themes

    def _curated(self, word: str, themes: tuple[str, ...]) -> list[CuratedClue]:
        """Hand-written clue sets for ``word``: the puzzle's theme(s) first; with
        none there, the word's only (or first-by-name) curated sense."""
        rows = [r for t in themes if (r := self.lexicon.curated(t, word)) is not None]
        if not rows:
            any_row = self.lexicon.curated_any(word)
            if any_row is not None:
                rows.append(any_row)
        return rows

    def hints(self, requests: Sequence[HintRequest], context: HintContext) -> dict[str, Clue]:
        answers = tuple(dict.fromkeys(context.answers or [r.answer for r in requests]))
        themes = self._themes(context.topic)
        used_clues = [r.clue for r in requests if r.clue]
        used_emoji = [r.emoji for r in requests if r.emoji]
        counts = {
            "curated": 0,
            "lexicon": 0,
            "plural": 0,
            "pattern": 0,
            "emoji": 0,
            "no_emoji": 0,
            "user": 0,
        }
        out: dict[str, Clue] = {}
        total = len(requests)
        for done, req in enumerate(requests, start=1):
            answer = req.answer
            if answer in out:
                continue
            others = [a for a in answers if a != answer]
            entry, plural = self._lookup(answer)
            curated = self._curated(entry.word, themes) if entry is not None else []
            notes: list[str] = []

            # text clue
            if req.clue:
                text, source = req.clue, "user"
                counts["user"] += 1
                clean = [c for c in used_clues if c is not req.clue]
                for problem in clue_problems(req.clue, answer, others=clean, other_answers=others):
                    notes.append(f"maker's clue: {problem}")
            else:
                source = "offline"
                from_curated: list[str] = []
                from_lexicon: list[str] = []
                if entry is not None:
                    for row in curated:
                        for c in row.clues:
                            from_curated.append(f"{c} (plural)" if plural else c)
                    theme_clues = [
                        c for t in themes for c in self.lexicon.theme_clues(t, entry.word)
                    ]
                    for c in dict.fromkeys(tidy_gloss(c) for c in (*theme_clues, *entry.clues)):
                        from_lexicon.append(f"{c} (plural)" if plural else c)
                topic = context.topic if context.topic and not themes else None

                def fits(c: str, answer: str = answer, others: list[str] = others) -> bool:
                    return not clue_problems(c, answer, others=used_clues, other_answers=others)

                text = next((c for c in from_curated if fits(c)), "")
                if text:
                    counts["curated"] += 1
                else:
                    text = next((c for c in from_lexicon if fits(c)), "")
                    if not text:  # a clue naming another answer: keep the part before it
                        cuts = [_cut_before(c, others) for c in from_lexicon]
                        text = next((c for c in cuts if c and fits(c)), "")
                    if text:
                        counts["plural" if plural else "lexicon"] += 1
                if not text:
                    counts["pattern"] += 1
                    text = next(
                        (c for c in pattern_clues(answer, req.enumeration, topic) if fits(c)), ""
                    )
                if not text:  # every candidate was taken or leaked: number the plainest ones
                    numbered = [
                        f"{c} (entry {done})" for c in pattern_clues(answer, req.enumeration)
                    ]
                    text = next((c for c in numbered if fits(c)), numbered[-1])
                used_clues.append(text)

            # emoji clue
            emoji: str | None
            emoji_source: str | None
            if req.emoji:
                emoji, emoji_source = req.emoji, "user"
                clean = [e for e in used_emoji if e is not req.emoji]
                for problem in emoji_problems(req.emoji, answer=answer, others=clean):
                    notes.append(f"maker's emoji: {problem}")
            else:
                emoji, emoji_source = None, None
                sense = curated[0] if curated else None
                choices: tuple[str, ...] = ()
                if sense is not None and (sense.emoji or sense.no_emoji):
                    choices = sense.emoji  # the curated sense's emoji, or none at all
                elif entry is not None and entry.has_emoji:
                    choices = entry.emoji
                if choices:
                    options = [
                        e * 2 if plural else e for e in choices if e not in self.lexicon.deny_emoji
                    ]
                    emoji = next(
                        (
                            e
                            for e in options
                            if not emoji_problems(e, answer=answer, others=used_emoji)
                        ),
                        None,
                    )
                if emoji is None:
                    notes.append(NO_EMOJI_NOTE)
                    counts["no_emoji"] += 1
                else:
                    emoji_source = "offline"
                    used_emoji.append(emoji)
                    counts["emoji"] += 1

            out[answer] = Clue(
                text=text,
                emoji=emoji,
                enumeration=req.enumeration or str(len(answer)),
                source=source,
                emoji_source=emoji_source,
                notes=tuple(notes),
            )
            if context.progress is not None:
                context.progress(done, total, answer)
        for key, value in counts.items():
            context.stats[f"offline_{key}"] = int(context.stats.get(f"offline_{key}", 0)) + value  # type: ignore[call-overload]
        return out
