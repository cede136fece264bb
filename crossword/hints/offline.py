"""Hints from the shipped lexicon: no network, no API key.

Each answer is first read as a word form (crossword.inflect): MILES is the plural
of MILE, SMILED the past of SMILE, LEAVES the plural of LEAF or a form of LEAVE,
whichever the lexicon says is commoner.  The text clue is then, in order:

1. the maker's own clue, kept as written (problems go into ``Hints.notes``);
2. in a theme puzzle, the hand-written clue for the word in that theme
   (``curated_clues.tsv``: PIRATE in *ocean* is "Buccaneer of the high seas"), or the
   WordNet gloss of the theme's sense ("bass" in music);
3. in a free-topic puzzle, the clue of the word's topic sense (crossword.topics:
   BISHOP in chess is the piece), even for words the main lexicon lacks (MAAR);
4. the hand-written clue of the word's everyday sense (``everyday_clues.tsv.gz``, the
   ~38,000 commonest lemmas: PLAYED "Took part in a game"), put in the answer's form;
5. a hand-written clue from another theme;
6. the lexicon's senses, most common first: the gloss, a fill-in-the-blank, or a
   one-word synonym — all in the answer's own form (plural answers get plural
   clues, past tenses past-tense clues; hints/forms.py);
7. only when the lexicon knows nothing of the word, a clue from its letter pattern
   (counted in the puzzle's stats; the puzzle's notices say so).

The emoji clue always comes from the same sense as the text clue, so it pictures
what the clue describes (HEEL "Back of the foot" never gets 👠): the curated,
everyday or theme-sense emoji, or the lexicon sense's confident ones.  Emoji clues are
unique in a puzzle, so they are allocated for the whole puzzle once every text clue is
chosen (hints/emoji_alloc.py): an entry whose first emoji another entry needs more moves
to another of its own, and an everyday row's alternative that pictures another of the
row's clues is never shown (hints/emoji_sense.py: ANCHOR "Ship's mooring weight" keeps ⚓
and never shows 📺).  With no honest emoji clue the emoji is None and the player says
"no emoji clue".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from ..errors import WordListError
from ..inflect import Form, lemmas
from ..lexicon import (
    CATEGORY_EMOJI,
    EverydayClue,
    Lexicon,
    LexiconEntry,
    Sense,
    default_lexicon,
)
from ..puzzle import NO_EMOJI_NOTE, Hints
from ..themes import resolve_topic, words_for_topic
from ..topics import topic_sense
from . import HintContext, HintRequest, TopicWords
from .checks import clue_problems, emoji_names, emoji_problems
from .emoji_alloc import Choice, allocate
from .emoji_sense import SenseEvidence
from .forms import clue_in_form, synonym_in_form
from .gloss import cut_before, cut_clause

__all__ = ["OfflineHintProvider", "Reading", "pattern_clues", "tidy_gloss"]

# Why an entry whose lexicon has emoji clues shows none (beside NO_EMOJI_NOTE).
TAKEN_NOTE = "its emoji clues of this sense went to other entries of the puzzle"
TIDY_LENGTH = 60  # lexicon clues longer than this are cut at a clause boundary if possible
# Senses whose plural reads badly ("Brittle transparent solids" for GLASSES).
MASS_LEXNAMES = frozenset(["noun.substance", "noun.attribute", "noun.state", "noun.feeling"])

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
    count = _count(n) if _count(n).upper() not in answer.upper() else str(n)  # FOUR: "4-letter"
    multi = enumeration and not enumeration.isdigit()
    thing = "Phrase" if multi else f"{count.capitalize()}-letter word"  # enumeration shown apart
    out: list[str] = []
    if topic:
        out.append(f"{thing} on the topic {topic.strip()[:30]!r}, starting with {first}")
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


def tidy_gloss(text: str, limit: int = TIDY_LENGTH) -> str:
    """A long gloss cut at a clause boundary to at most ``limit`` characters, or
    unchanged when it has no such boundary (it is at most 80 characters)."""
    return cut_clause(text, limit) or text


_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "for",
        "and",
        "or",
        "with",
        "by",
        "as",
        "at",
        "from",
        "that",
        "this",
        "is",
        "be",
        "it",
        "its",
    ]
)


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if w not in _STOP and len(w) > 2}


# Words too general to tell two senses apart ("Small car" is no "small mammal").
_VAGUE = frozenset(
    [
        "small",
        "large",
        "big",
        "little",
        "long",
        "short",
        "kind",
        "type",
        "sort",
        "part",
        "piece",
        "form",
        "used",
        "made",
        "make",
        "having",
        "something",
        "someone",
        "thing",
        "person",
        "people",
        "one",
        "any",
        "various",
        "other",
        "common",
        "usually",
        "especially",
        "often",
        "very",
        "much",
        "many",
        "more",
        "most",
        "state",
        "act",
        "process",
        "quality",
    ]
)


# A word as common as this or more (wordfreq's Zipf scale) says little on its own
# ("upper", "back", "front"); rarer ones do ("molten", "dealer", "sequence").
TELLING_ZIPF = 4.5


def _sense_words(text: str) -> dict[str, set[str]]:
    """A clue's content words, keyed by their first five letters so that "volcanic"
    meets "volcano" and "Sicilian" meets "Sicily"."""
    out: dict[str, set[str]] = {}
    for w in _content_words(text):
        if len(w) > 3 and w not in _VAGUE:
            out.setdefault(w[:5], set()).add(w)
    return out


@dataclass(frozen=True, slots=True)
class Reading:
    """How the offline provider reads an answer: the form it is in (MICE: mouse, n,
    plural), the lexicon entry of its lemma and the lemma's everyday clues, if any."""

    entry: LexiconEntry | None
    form: Form
    everyday: EverydayClue | None = None

    def senses(self) -> tuple[Sense, ...]:
        """The lemma's senses in the answer's part of speech (countable ones for plurals)."""
        if self.entry is None:
            return ()
        own = self.entry.senses_of(self.form.pos)
        if self.form.form == "plural":
            own = tuple(s for s in own if s.lexname not in MASS_LEXNAMES) or own
        return own


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible text clue, the emoji clues of the same sense, and where it came from."""

    text: str
    emoji: tuple[str, ...]
    kind: str  # curated, theme, topic, everyday, lexicon, synonym, blank, user
    # an everyday row's clue as written and the row, when its emoji must be checked
    # against it (a row's clues and emoji may span senses: ANCHOR "...|News presenter", ⚓|📺)
    sense: str | None = None
    row: EverydayClue | None = None


@dataclass
class _Draft:
    """An entry's text clue and the emoji clues it may show, before allocation."""

    req: HintRequest
    text: str
    source: str
    notes: list[str]
    choices: list[Choice]


@dataclass
class _Puzzle:
    """What the provider tracks across one puzzle's answers."""

    answers: tuple[str, ...]
    themes: tuple[str, ...]
    topic: str | None
    used_clues: list[str]
    used_emoji: list[str]
    counts: dict[str, int] = field(default_factory=dict)

    def count(self, key: str) -> None:
        self.counts[key] = self.counts.get(key, 0) + 1


class OfflineHintProvider:
    """The embedded default provider (HintProvider protocol)."""

    name = "offline"
    model: str | None = None

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or default_lexicon()
        self.evidence = SenseEvidence(self.lexicon)

    # -- words ---------------------------------------------------------

    def words_for_topic(self, topic: str, count: int, *, seed: int = 0) -> TopicWords:
        found = words_for_topic(topic, count, seed, lexicon=self.lexicon)
        return found if isinstance(found, TopicWords) else TopicWords(tuple(found))

    # -- reading an answer ---------------------------------------------

    def reading(self, answer: str) -> Reading | None:
        """The likeliest (lemma, part of speech, form) of ``answer`` the lexicon knows."""
        readings = self.readings(answer)
        return readings[0] if readings else None

    def readings(self, answer: str) -> list[Reading]:
        """Every reading of ``answer`` the lexicon can clue, likeliest first."""
        scored: list[tuple[float, int, Reading]] = []
        for order, form in enumerate(self._forms(answer.lower())):
            entry = self.lexicon.get(form.lemma)
            everyday = self.lexicon.everyday_sense(form.lemma, form.pos)
            if everyday is None and (entry is None or not self._clueable(entry, form)):
                continue
            score = self._commonness(entry, form) if entry else 1.0
            if form.form == "base" and self.lexicon.curated_senses(form.lemma):
                score += 1000  # SKIING is a theme word with its own clues, not a form of SKI
            if everyday is not None:  # the sense an editor chose for the common word
                rows = self.lexicon.everyday(form.lemma)
                score += 500 - 100 * rows.index(everyday)
                if form.lemma == answer.lower() and any(row.emoji for row in rows):
                    # the editors gave the word as written both hints: OWNER "Proprietor",
                    # not OWN's comparative; SEED "Pip", not "Looked at"
                    score += 1000
            scored.append((-score, order, Reading(entry, form, everyday)))
        return [reading for *_, reading in sorted(scored, key=lambda t: t[:2])]

    def _forms(self, word: str) -> tuple[Form, ...]:
        """Every reading of ``word`` the lexicon or the everyday clues know; a word
        clued only as written (YOURS, pos "x") is its own base form."""
        lex = self.lexicon

        def known(lemma: str, pos: str) -> bool:
            return lex.has(lemma, pos) or lex.everyday_sense(lemma, pos) is not None

        as_written = tuple(Form(word, r.pos, "base") for r in lex.everyday(word) if r.pos == "x")
        return lemmas(word, known) + as_written

    def _clueable(self, entry: LexiconEntry, form: Form) -> bool:
        """Is there anything to clue the lemma with in that part of speech?"""
        if any(s.clues or s.synonyms for s in entry.senses_of(form.pos)):
            return True
        return form.form == "base" and bool(self.lexicon.curated_senses(form.lemma))

    @staticmethod
    def _commonness(entry: LexiconEntry, form: Form) -> float:
        """Tag count of the lemma's part of speech; the answer as written gets a head
        start, and a plural noun a little more (word lists are mostly nouns)."""
        count = dict(entry.pos_counts).get(form.pos, 0) + 1.0
        if form.form == "base":
            return count + 2
        return count * (1.5 if form.form == "plural" else 1.0)

    # -- hints ---------------------------------------------------------

    def hints(self, requests: Sequence[HintRequest], context: HintContext) -> dict[str, Hints]:
        puzzle = _Puzzle(
            answers=tuple(dict.fromkeys(context.answers or [r.answer for r in requests])),
            themes=self._themes(context.topic),
            topic=context.topic,
            used_clues=[r.clue for r in requests if r.clue],
            used_emoji=[r.emoji for r in requests if r.emoji],
        )
        drafts: dict[str, _Draft] = {}
        for done, req in enumerate(requests, start=1):
            if req.answer not in drafts:
                drafts[req.answer] = self._hint(req, puzzle, done)
            if context.progress is not None:
                context.progress(done, len(requests), req.answer)
        out = self._with_emoji(drafts, puzzle)
        for key, value in puzzle.counts.items():
            name = f"offline_{key}"
            context.stats[name] = int(context.stats.get(name, 0) or 0) + value  # type: ignore[call-overload]
        return out

    def _themes(self, topic: str | None) -> tuple[str, ...]:
        """The themes whose words the puzzle has (none for a free topic)."""
        if not topic:
            return ()
        try:
            match = resolve_topic(topic, self.lexicon)
        except WordListError:
            return ()
        return () if match.how == "topic" else match.themes

    def _hint(self, req: HintRequest, puzzle: _Puzzle, index: int) -> _Draft:
        """The entry's text clue and its emoji choices (chosen for the whole puzzle later)."""
        others = [a for a in puzzle.answers if a != req.answer]
        readings = self.readings(req.answer)
        reading = readings[0] if readings else None
        notes: list[str] = []
        if req.clue:
            text, source, sense = req.clue, "user", self._emoji_for_clue(reading, req.clue)
            puzzle.count("user")
            clean = [c for c in puzzle.used_clues if c is not req.clue]
            for problem in clue_problems(req.clue, req.answer, others=clean, other_answers=others):
                notes.append(f"maker's clue: {problem}")
        else:
            sense = self._text_clue(req, readings, puzzle, others, index)
            text, source = sense.text, "offline"
            if req.sense:  # the emoji goes with someone else's clue: picture its sense
                sense = self._emoji_for_clue(reading, req.sense)
            puzzle.used_clues.append(text)
        choices = [] if req.emoji else self._choices(req, reading, sense)
        return _Draft(req, text, source, notes, choices)

    # -- the text clue -------------------------------------------------

    def _text_clue(
        self,
        req: HintRequest,
        readings: list[Reading],
        puzzle: _Puzzle,
        others: list[str],
        index: int,
    ) -> Candidate:
        def fits(text: str) -> bool:
            return not clue_problems(
                text, req.answer, others=puzzle.used_clues, other_answers=others
            )

        candidates: list[Candidate] = []
        # the likeliest reading first; the others only when none of its clues fits
        # (FEWER: "Not many" has no comparative, the row for FEWER as written does)
        groups = [self._topic_candidates(req.answer, puzzle)]
        groups += [self._candidates(reading, puzzle) for reading in readings]
        for n, group in enumerate(groups):
            for c in group:
                candidates.append(c)
                if fits(c.text):
                    puzzle.count(c.kind)
                    return c
            # the topic's sense cut short beats another sense: MEMPHIS in Egypt is "An
            # ancient city of Egypt" (before NILE, another answer), not "Elvis's city"
            cut = self._cut_short(candidates, others, fits) if n == 0 else None
            if cut is not None:
                puzzle.count(cut.kind)
                return cut
        cut = self._cut_short(candidates, others, fits)
        if cut is not None:
            puzzle.count(cut.kind)
            return cut
        puzzle.count("pattern")
        topic = puzzle.topic if puzzle.topic and not puzzle.themes else None
        texts = pattern_clues(req.answer, req.enumeration, topic)
        numbered = [f"{t} (entry {index})" for t in pattern_clues(req.answer, req.enumeration)]
        text = next((t for t in texts + numbered if fits(t)), numbered[-1])
        return Candidate(text, (), "pattern")

    def _topic_candidates(self, answer: str, puzzle: _Puzzle) -> Iterator[Candidate]:
        """In a free-topic puzzle, the clue of the word's topic sense (BISHOP in chess):
        an editor's everyday clue of that sense first (ETNA "Sicilian volcano" 🌋, not
        WordNet's "An inactive volcano in Sicily"), then the topic file's gloss."""
        if not puzzle.topic or puzzle.themes:
            return
        found = topic_sense(puzzle.topic, answer.lower(), self.lexicon)
        if found is None:
            return
        clue, emoji = found
        own = (emoji,) if emoji else ()
        sense, topic = _sense_words(clue), _sense_words(puzzle.topic)
        for row in self.lexicon.everyday(answer.lower()):
            for text in row.clues:
                if not self._same_sense(_sense_words(text), sense, topic):
                    continue  # CRATER: "Volcano's mouth", not "Moon hole"
                if text == row.clues[0]:  # the row's emoji are its first clue's
                    yield Candidate(text, row.emoji, "everyday", sense=text, row=row)
                else:  # NIKE "Greek goddess of victory": not the brand's 👟
                    fit = [e for e in row.emoji if self.evidence.fits(e, None, text, ())]
                    yield Candidate(text, tuple(dict.fromkeys(fit + list(own))), "everyday")
        yield Candidate(clue, own, "topic")

    def _same_sense(
        self, words: dict[str, set[str]], sense: dict[str, set[str]], topic: dict[str, set[str]]
    ) -> bool:
        """Does an editor's clue (its ``words``) say what the topic gloss says?  It names
        the topic (BISHOP "Chess piece"), or shares two words with the gloss, or one
        telling (less common) word: LAVA "Molten rock"; not QUEEN "Female ruler" beside
        "The only fertile female in a colony of social insects"."""
        if words.keys() & topic.keys():
            return True
        shared = words.keys() & sense.keys()
        if len(shared) >= 2:
            return True
        return any(self._telling(key, words[key] | sense[key]) for key in shared)

    def _telling(self, key: str, words: set[str]) -> bool:
        """A rare word says something; so does a rare form of a common one only when
        the stem is rare too ("lightest" is "light": WHITE in chess is no colour)."""
        if (stem := self.lexicon.get(key)) is not None and stem.zipf >= TELLING_ZIPF:
            return False
        return any((e := self.lexicon.get(w)) is None or e.zipf < TELLING_ZIPF for w in words)

    def _candidates(self, reading: Reading, puzzle: _Puzzle) -> Iterator[Candidate]:
        """Every text clue for the answer, best first (see the module docstring)."""
        form = reading.form
        if puzzle.themes:
            yield from self._curated(reading, puzzle.themes)
        for theme in puzzle.themes:
            emoji = self.lexicon.theme_sense_emoji(theme, form.lemma)
            for text in self.lexicon.theme_clues(theme, form.lemma):
                shaped = self._shaped(tidy_gloss(text), reading)
                if shaped:
                    yield Candidate(shaped, emoji, "theme")
        yield from self._everyday(reading)
        if not puzzle.themes:
            yield from self._curated(reading, ())
        for sense in reading.senses():
            yield from self._sense_clues(sense, reading)

    def _curated(self, reading: Reading, themes: tuple[str, ...]) -> Iterator[Candidate]:
        """Hand-written clues: the puzzle's theme(s); with ``themes`` empty, the word's
        only (or first-by-name) curated sense, with that theme's emoji."""
        lemma = reading.form.lemma
        if reading.form.pos != "n" and reading.form.form != "base":
            return  # hand-written clues are for the theme's noun: HEADED is not "Top of the body"
        if themes:
            rows = [r for t in themes if (r := self.lexicon.curated(t, lemma)) is not None]
        else:
            rows = [r for r in [self.lexicon.curated_any(lemma)] if r is not None]
        for row in rows:
            # "-" (no emoji) was decided for the theme's puzzles; elsewhere the sense's own
            no_emoji = row.no_emoji and bool(themes)
            emoji = row.emoji or (
                () if no_emoji else self.lexicon.theme_sense_emoji(row.theme, lemma)
            )
            for text in row.clues:
                shaped = self._shaped(text, reading)
                if shaped:
                    yield Candidate(shaped, emoji, "curated")

    def _everyday(self, reading: Reading) -> Iterator[Candidate]:
        """The everyday sense's hand-written clues, in the answer's form, with its emoji."""
        row = reading.everyday
        if row is None:
            return
        for text in row.clues:
            shaped = text if reading.form.form == "base" else self._shaped(text, reading)
            if shaped:
                yield Candidate(shaped, row.emoji, "everyday", sense=text, row=row)

    def _sense_clues(self, sense: Sense, reading: Reading) -> Iterator[Candidate]:
        form = reading.form
        emoji = sense.confident_emoji()
        glosses = [
            Candidate(shaped, emoji, "lexicon")
            for text in sense.clues
            if (shaped := self._shaped(tidy_gloss(text), reading))
        ]
        synonyms = [
            Candidate(synonym_in_form(w, form.pos, form.form), emoji, "synonym")
            for w in sense.synonyms
            if min(len(t) for t in w.split()) >= 3  # not "stat mi" for MILE
        ]
        blanks = [Candidate(text, emoji, "blank") for f, text in sense.blanks if f == form.form]
        if form.form == "base":
            yield from glosses + blanks + synonyms
        else:  # "Grinned" for SMILED is the classic; then the gloss put in the form
            yield from synonyms + glosses + blanks

    def _shaped(self, text: str, reading: Reading) -> str | None:
        form = reading.form
        return clue_in_form(text, form.pos, form.form, self.lexicon.has)

    def _cut_short(
        self, candidates: list[Candidate], others: Sequence[str], fits: Callable[[str], bool]
    ) -> Candidate | None:
        """The first clue naming another answer that still fits cut before it."""
        for c in candidates:
            cut = self._cut_before_answers(c.text, others)
            if cut and fits(cut):
                return Candidate(cut, c.emoji, c.kind, c.sense, c.row)
        return None

    @staticmethod
    def _cut_before_answers(text: str, others: Sequence[str]) -> str | None:
        """'The sport of riding, on a bicycle' with BICYCLE in the puzzle -> 'The sport of riding'."""
        for i, word in enumerate(text.split()):
            if clue_problems(word, "", other_answers=others):
                return cut_before(text, i)
        return None

    # -- the emoji clue ------------------------------------------------

    def _pictures(self, emoji: str) -> bool:
        """One emoji that pictures the thing itself (not a category like 💬), so two
        of them read as a plural."""
        return len(emoji_names(emoji)) == 1 and emoji not in CATEGORY_EMOJI

    def _emoji_for_clue(self, reading: Reading | None, clue: str) -> Candidate:
        """The emoji of the sense the maker's clue seems to mean (SAKE "Japanese rice
        wine" -> 🍶, the drink, not the "for the sake of" sense): the sense whose clues
        share the most words with it; with no word in common, the everyday or main sense.
        The everyday row's emoji are checked against the clue itself (see _choices)."""
        if reading is None:
            return Candidate(clue, (), "user")
        senses = [
            Candidate(" ".join(s.clues + s.synonyms), s.confident_emoji(), "user")
            for s in reading.senses()
        ]
        if reading.everyday is not None:  # its first emoji pictures its first clue
            row = reading.everyday
            senses.insert(0, Candidate(row.clues[0], row.emoji, "user", sense=clue, row=row))
        words = _content_words(clue)
        shared = [(len(words & _content_words(s.text)), s) for s in senses]
        ranked = [s for n, s in sorted(shared, key=lambda t: -t[0]) if n and s.emoji]
        best = ranked[0] if ranked else (senses[0] if senses else Candidate(clue, (), "user"))
        return Candidate(clue, best.emoji, "user", best.sense, best.row)

    def _choices(
        self, req: HintRequest, reading: Reading | None, chosen: Candidate
    ) -> list[Choice]:
        """The emoji clues the entry may show, best first.  An everyday row's emoji are
        checked against the chosen clue: one that pictures another of the row's clues
        is left out (ANCHOR "Ship's mooring weight" never shows the news anchor's 📺)."""
        plural = reading is not None and reading.form.form == "plural"
        out: list[Choice] = []
        for rank, e in enumerate(chosen.emoji):
            shown = e * 2 if plural and self._pictures(e) else e  # MICE: 🐭🐭
            if e in self.lexicon.deny_emoji or emoji_problems(shown, answer=req.answer):
                continue
            if chosen.row is None or chosen.sense is None or reading is None:
                out.append(Choice(shown))  # the emoji of one sense: all of them fit
            else:
                grade = self._grader(e, rank, chosen.sense, chosen.row, reading)
                out.append(Choice(shown, grade))
        return out

    def _grader(
        self, emoji: str, rank: int, clue: str, row: EverydayClue, reading: Reading
    ) -> Callable[[], str]:
        """How ``emoji`` stands to the clue, worked out only if the allocation asks."""
        return lambda: self.evidence.grade(emoji, rank, clue, row, reading.senses())

    def _with_emoji(self, drafts: dict[str, _Draft], puzzle: _Puzzle) -> dict[str, Hints]:
        """Every entry's hints, with emoji clues allocated across the whole puzzle."""
        picked = allocate([d.choices for d in drafts.values()], taken=puzzle.used_emoji)
        out: dict[str, Hints] = {}
        for (answer, draft), emoji in zip(drafts.items(), picked, strict=True):
            req, notes = draft.req, draft.notes
            source: str | None = "offline"
            if req.emoji:
                clean = [e for e in puzzle.used_emoji if e is not req.emoji]
                for problem in emoji_problems(req.emoji, answer=req.answer, others=clean):
                    notes.append(f"maker's emoji: {problem}")
                emoji, source = req.emoji, "user"
            elif emoji is not None:
                puzzle.count("emoji")
            else:
                notes.append(NO_EMOJI_NOTE)
                if draft.choices:  # it had some: taken by other entries, say so
                    notes.append(TAKEN_NOTE)
                puzzle.count("no_emoji")
                source = None
            out[answer] = Hints(
                text=draft.text,
                emoji=emoji,
                enumeration=req.enumeration or str(len(req.answer)),
                source=draft.source,
                emoji_source=source,
                notes=tuple(notes),
            )
        return out
