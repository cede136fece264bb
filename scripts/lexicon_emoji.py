"""Emoji clues for one WordNet sense, with a confidence (build-only; see build_lexicon.py).

Sources, strongest first (confidence in brackets; the runtime shows an emoji clue
from EMOJI_THRESHOLD in crossword/lexicon.py up, chosen by measuring, see
bench/RESULTS-offline.md):

* the word is an emoji's CLDR name or `emoji`-package alias, and the emoji's
  name/keywords agree with this sense (0.9); with no agreement it is kept only
  when no other sense of the word agrees better (0.75), else (0.3);
* the word is a CLDR keyword of the emoji and they agree (0.8, 0.85 with two shared
  words); a keyword that does not agree with the sense (0.35): WAVE the sea ridge
  is not the waving hand;
* a synonym in the same synset names an emoji (0.85 / 0.6);
* a hypernym names an emoji: TROUT -> fish 🐟 (0.8 at one step, down to 0.64 at six,
  for animals, plants, foods and other concrete nouns; 0.6 at one step for verbs);
* a derivation or pertainym names one: SUNNY -> sun ☀️ (0.75);
* a part/member holonym or meronym names one (0.5);
* the gloss's head noun names one (0.6), another gloss noun (0.45).

When the best emoji stands for a category (a hypernym: KINGFISHER -> bird 🐦) a
second emoji from the gloss, a meronym or a holonym makes a composition
(KINGFISHER -> 🐦🐟, "bird that feeds on fish").  Flags only for countries and
nationalities.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from crossword.inflect import lemmas, stems

STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "or",
        "and",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "that",
        "which",
        "who",
        "is",
        "are",
        "be",
        "been",
        "being",
        "its",
        "it",
        "this",
        "these",
        "those",
        "into",
        "out",
        "up",
        "down",
        "over",
        "under",
        "not",
        "no",
        "any",
        "some",
        "something",
        "someone",
        "used",
        "usually",
        "especially",
        "often",
        "very",
        "more",
        "most",
        "other",
        "such",
        "one",
        "two",
        "than",
    ]
)
# emoji name/keyword tokens too generic to show agreement with a word's sense
GENERIC_TOKENS = STOP | frozenset(
    [
        "face",
        "symbol",
        "sign",
        "button",
        "mark",
        "person",
        "man",
        "woman",
        "emoji",
        "other",
        "object",
        "thing",
    ]
)
# hypernyms too general to picture a word ("person" is not a clue for TEACHER)
GENERIC_LEMMAS = frozenset(
    [
        "entity",
        "physical_entity",
        "abstraction",
        "object",
        "whole",
        "artifact",
        "artefact",
        "instrumentality",
        "device",
        "container",
        "organism",
        "being",
        "living_thing",
        "animate_thing",
        "person",
        "individual",
        "someone",
        "somebody",
        "mortal",
        "soul",
        "causal_agent",
        "matter",
        "substance",
        "part",
        "portion",
        "thing",
        "structure",
        "construction",
        "commodity",
        "solid",
        "fluid",
        "group",
        "act",
        "event",
        "state",
        "attribute",
        "measure",
        "quantity",
        "unit",
        "relation",
        "communication",
        "location",
        "region",
        "area",
        "man",
        "woman",
        "adult",
        "people",
    ]
)
CONCRETE = frozenset(
    [
        "noun.animal",
        "noun.plant",
        "noun.food",
        "noun.artifact",
        "noun.body",
        "noun.object",
        "noun.substance",
        "noun.phenomenon",
    ]
)
# Category emoji, only for categories where the category itself is a fair hint.
CATEGORY_EMOJI = {
    "noun.possession": "💰",
    "noun.time": "⏳",
    "noun.quantity": "📏",
    "noun.group": "👥",
    "noun.location": "📍",
    "noun.feeling": "💭",
    "noun.animal": "🐾",
    "noun.plant": "🌱",
    "noun.food": "🍽️",
    "noun.motive": "🎯",
    "verb.cognition": "🧠",
    "verb.perception": "👀",
    "verb.motion": "🏃",
    "verb.consumption": "🍽️",
    "verb.weather": "🌦️",
    "verb.emotion": "💞",
    "verb.possession": "🤲",
}
CATEGORY_CONF = 0.6  # the runtime shows it, but never doubles it for a plural
LIVING = frozenset(["noun.animal", "noun.plant", "noun.food", "noun.body"])
HYPERNYM_CONF = {1: 0.8, 2: 0.76, 3: 0.72, 4: 0.7, 5: 0.67, 6: 0.64}
MAX_OPTIONS = 3


def tokens(text: str) -> set[str]:
    return {t for t in re.findall(r"[a-z]+", text.lower()) if t not in STOP and len(t) > 2}


def stem(t: str) -> str:
    """One spelling per word, to compare emoji keywords with gloss words: the shortest
    of crossword.inflect.stems ('fishes' -> 'fish', 'waving' -> 'wav')."""
    return min(stems(t), key=lambda x: (len(x), x)) if len(t) > 3 else t


def is_flag(e: str) -> bool:
    return any(0x1F1E6 <= ord(c) <= 0x1F1FF for c in e) or e.startswith("\U0001f3f4")


class EmojiFinder:
    """names: CLDR name -> emoji; aliases: `emoji`-package alias -> emoji;
    keywords: CLDR keyword -> emoji; meta: emoji -> (name, keywords)."""

    def __init__(self, wn, names: dict, aliases: dict, keywords: dict, meta: dict, morph=None):
        self.wn = wn
        self.names = names
        self.aliases = aliases
        self.keywords = keywords
        self.meta = meta
        self.morph = morph
        self._etok: dict[str, set[str]] = {}
        self._sig: dict[tuple, set[str]] = {}
        self._base: dict[str, list[str]] = {}

    # -- agreement between an emoji and a sense ------------------------------

    def emoji_stems(self, e: str, word: str) -> set[str]:
        if e not in self._etok:
            name, kws = self.meta[e]
            toks = tokens(name) | {t for k in kws for t in tokens(k)}
            self._etok[e] = {stem(t) for t in toks - GENERIC_TOKENS}
        return self._etok[e] - {stem(word)}

    def signature(self, word: str, s) -> set[str]:
        """Stems of what WordNet says about the sense: gloss, synonyms, hypernyms
        (3 steps), category, derivations."""
        key = (word, s)
        if key not in self._sig:
            self._sig[key] = self._signature(word, s)
        return self._sig[key]

    def _signature(self, word: str, s) -> set[str]:
        _, lemmas, ptrs, gloss = self.wn.syn[s]
        toks = tokens(gloss) | tokens(" ".join(lemmas).replace("_", " "))
        toks |= tokens(self.wn.lexname(s).split(".")[1])
        for h in self.wn.closure(s, depth=3):
            toks |= tokens(" ".join(self.wn.syn[h][1]).replace("_", " "))
        for sym, p, off in ptrs:
            if sym in ("+", "\\", "="):
                toks |= tokens(" ".join(self.wn.syn[(p, off)][1]).replace("_", " "))
        toks |= {b for t in tokens(gloss) for b in self.base_forms(t)}
        return {stem(t) for t in toks} - {stem(word)}

    def agreement(self, e: str, word: str, sig: set[str]) -> int:
        return len(self.emoji_stems(e, word) & sig)

    # -- candidates -------------------------------------------------------------

    def options(self, word: str, s, other_senses: Iterable) -> list[tuple[str, float]]:
        """Emoji clues for sense ``s`` of ``word``, best first, with confidences."""
        senses = list(other_senses) or [s]
        sig = self.signature(word, s)
        others = [self.signature(word, o) for o in senses if o != s]
        home = self.home_sense(word, senses)
        found: dict[str, tuple[float, str]] = {}

        def add(e: str, conf: float, how: str) -> None:
            if e in self.meta and (e not in found or found[e][0] < conf):
                found[e] = (conf, how)

        same = home is not None and (s == home or self.wn.lexname(s) == self.wn.lexname(home))
        self._direct(word, sig, others, same, add)
        self._synonyms(word, s, sig, add)
        self._hypernyms(s, add)
        self._related(word, s, add)
        self._gloss(word, s, add)
        self._related_keywords(word, s, sig, add)
        self._category(s, add)
        lexname = self.wn.lexname(s)
        ranked = sorted(
            ((e, c, how) for e, (c, how) in found.items() if self._flag_ok(e, how, lexname)),
            key=lambda x: (-x[1], len(self.meta[x[0]][1]), x[0]),
        )
        out = [(e, c) for e, c, _ in ranked]
        composed = self._compose(ranked)
        if composed:
            out.insert(0, composed)
        return out[:MAX_OPTIONS]

    def home_sense(self, word: str, senses: list):
        """The sense the emoji vocabulary means by ``word``: the first whose signature
        agrees with an emoji having ``word`` as a keyword (BANK: the money one)."""
        for s in senses:
            sig = self.signature(word, s)
            if any(self.agreement(e, word, sig) for e in self.keywords.get(word, [])):
                return s
        return senses[0] if senses else None

    def _direct(self, word: str, sig: set[str], others: list[set[str]], home: bool, add) -> None:
        for e in self.names.get(word, []):  # the CLDR name: VOLCANO is 🌋, BANK 🏦 the money one
            add(e, 0.9 if home or self.agreement(e, word, sig) else 0.5, "name")
        for e in self.aliases.get(word, []):  # a shortcode: WAVE is :wave: 👋, the hand
            if self.agreement(e, word, sig):
                add(e, 0.9, "name")
            elif home and not any(self.agreement(e, word, o) for o in others):
                add(e, 0.75, "name")
            else:
                add(e, 0.3, "name")
        for e in self.keywords.get(word, []):
            n = self.agreement(e, word, sig)
            add(e, 0.85 if n >= 2 else 0.8 if n else 0.35, "keyword")
            name = self.meta[e][0].split()
            if home and word in name and len(name) <= 2:  # BLUE -> "blue circle" 🔵
                add(e, 0.65, "keyword")

    def named(self, lemma: str) -> list[str]:
        """Emoji whose CLDR name or alias is ``lemma`` ("freshwater fish" -> its head, 🐟)."""
        key = lemma.lower().replace("_", " ")
        return self.names.get(key, []) + self.aliases.get(key, [])

    def _synonyms(self, word: str, s, sig: set[str], add) -> None:
        for lemma in self.wn.syn[s][1]:
            lem = lemma.lower().replace("_", " ")
            if lem == word or not self.means(lemma, s):
                continue
            for e in self.named(lem):
                n = self.agreement(e, word, sig)
                add(e, 0.85 if n >= 2 else 0.7 if n else 0.5, "synonym")

    def _hypernyms(self, s, add) -> None:
        concrete = s[0] == "n" and self.wn.lexname(s) in CONCRETE
        depth_limit = 6 if concrete else 1
        level, seen = [s], {s}
        for depth in range(1, depth_limit + 1):
            level = [h for cur in level for h in self.wn.hypernyms(cur) if h not in seen]
            seen.update(level)
            conf = HYPERNYM_CONF[depth] if concrete else 0.6
            hits = []
            for h in level:
                for lemma in self.wn.syn[h][1]:
                    if lemma.lower() in GENERIC_LEMMAS:
                        continue
                    hits += [(e, conf) for e in self.named(lemma)]
                    head = lemma.lower().split("_")[-1]  # "freshwater_fish" -> fish
                    if "_" in lemma and head not in GENERIC_LEMMAS:
                        hits += [(e, conf - 0.04) for e in self.named(head)]
            if hits:
                for e, c in hits:
                    add(e, c, "hypernym")
                return

    def _related(self, word: str, s, add) -> None:
        for sym, p, off in self.wn.syn[s][2]:
            conf = 0.75 if sym in ("+", "\\") else 0.5 if sym[:1] in ("#", "%") else 0.0
            if not conf:
                continue
            for lemma in self.wn.syn[(p, off)][1]:
                low = lemma.lower()
                if conf > 0.5 and low[:3] != word[:3]:
                    continue  # SUNNY -> sun; not POST -> station
                if low not in GENERIC_LEMMAS and low != word:
                    for e in self.named(lemma):
                        add(e, conf, "derived" if conf > 0.5 else "part")

    def _gloss(self, word: str, s, add) -> None:
        """Emoji named by the gloss's words; only concrete things ("fish", not "family")
        may join a composition."""
        definition = re.sub(r"\([^)]*\)", "", self.wn.syn[s][3].split('"')[0].lower())
        words = [t for t in re.findall(r"[a-z]+", definition) if t not in STOP and t != word]
        for i, t in enumerate(words[:16]):
            for lemma in self.base_forms(t):
                concrete = self.concrete_noun(lemma)
                for e in self.named(lemma):
                    add(
                        e,
                        (0.6 if i == 0 else 0.45) if concrete else 0.4,
                        "gloss" if concrete else "word",
                    )

    def _related_keywords(self, word: str, s, sig: set[str], add) -> None:
        """A CLDR keyword of a synonym, derivation or near hypernym, when the emoji's
        other words agree with the sense too: ARRIVE -> come? no; APPLAUD -> clap 👏."""
        related = [lem for lem in self.wn.syn[s][1] if self.means(lem, s)]
        for sym, p, off in self.wn.syn[s][2]:
            if sym in ("+", "\\", "@"):
                related += self.wn.syn[(p, off)][1]
        for lemma in dict.fromkeys(x.lower() for x in related):
            if lemma == word or lemma in GENERIC_LEMMAS:
                continue
            derived = lemma[:4] == word[:4]  # DELIVER -> delivery 🚚, HEALTHY -> health
            for e in self.keywords.get(lemma.replace("_", " "), []):
                if derived or len(self.emoji_stems(e, word) & sig - {stem(lemma)}) >= 1:
                    add(e, 0.5, "related")  # measured: mostly wrong at 0.62 (🍿 for popularity)

    def means(self, lemma: str, s) -> bool:
        """Is ``s`` one of the first two senses of ``lemma`` (a synonym that commonly
        means this: POTATO for SPUD, not STATION for POST)?"""
        return s in self.wn.senses(lemma.lower(), s[0])[:2]

    def _category(self, s, add) -> None:
        """The WordNet category's emoji when it is a real hint (💬 for a statement)."""
        e = CATEGORY_EMOJI.get(self.wn.lexname(s))
        if e and e in self.meta:
            add(e, CATEGORY_CONF, "category")

    def concrete_noun(self, lemma: str) -> bool:
        """A living thing, a food or a body part: FISH in "bird that feeds on fish"."""
        first = self.wn.senses(lemma, "n")[:1]
        return bool(first) and self.wn.lexname(first[0]) in LIVING

    def base_forms(self, token: str) -> list[str]:
        """'fishes' -> ['fishes', 'fish'], 'coldest' -> ['coldest', 'cold']."""
        if self.morph is None or len(token) < 3:
            return [token]
        if token not in self._base:
            found = lemmas(token, lambda lem, p: (lem, p) in self.wn.index, self.morph)
            self._base[token] = list(dict.fromkeys([token] + [f.lemma for f in found]))
        return self._base[token]

    def _compose(self, ranked: list) -> tuple[str, float] | None:
        """A category emoji plus a distinguishing one: KINGFISHER -> 🐦🐟."""
        if not ranked or ranked[0][2] not in ("hypernym", "category"):
            return None
        first, conf = ranked[0][0], ranked[0][1]
        for e, c, how in ranked[1:]:
            if how in ("gloss", "part", "derived") and c >= 0.45 and e != first:
                return first + e, conf
        return None

    @staticmethod
    def _flag_ok(e: str, how: str, lexname: str) -> bool:
        if not is_flag(e):
            return True
        return (how == "name" and lexname == "noun.location") or how == "derived"
