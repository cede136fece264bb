"""Build wordlists/topics.tsv.gz, the free-topic lexicon (developer-only; never run on
install or in CI).

A *topic* is a WordNet noun lemma that can head a word list ("chess", "volcano",
"greek mythology").  For each one this gathers the words related to it, ranks
them by relatedness and commonness, and stores for each word the clue (and, when
one fits, the emoji) of the word's sense *in that topic*: BISHOP in chess is the
chess piece, PARIS in Greek mythology the prince of Troy.

Where the words come from, per noun sense of the topic (senses with little
WordNet structure, such as chess the weed, count less):

* the topic's domain members (WordNet ``-c``: chess -> checkmate, gambit, rook);
* its hyponyms and instance hyponyms, a few levels down (dinosaur -> triceratops;
  volcano -> Etna, Vesuvius; single capitalised names are fine as answers);
* its part, member and substance meronyms (volcano -> crater);
* glosses that mention the topic, its synonyms or derivations ("rock that in its
  molten form issues from volcanos" -> lava);
* CLDR keyword groups: emoji whose keywords include the topic (camping -> tent ⛺).

Each word needs a clue of that sense that passes ``crossword.hints.checks.clue_problems``
and does not give the word away (the same cleaning and checks as build_lexicon.py,
imported from it).  Words may be rarer than the main lexicon's cut (TRICERATOPS).

Recipe (the sources are on a developer machine; nothing is downloaded)::

    .venv/bin/python scripts/build_topics.py --wordnet /usr/share/wordnet \\
        --cldr /path/to/cldr-annotations-full-48.2.0/package/annotations/en/annotations.json \\
        --cldr-derived /path/to/cldr-annotations-derived-full-48.2.0/package/annotationsDerived/en/annotations.json

(WordNet 3.0 from Debian ``wordnet-base``; CLDR 48 from ``npm pack cldr-annotations-full
cldr-annotations-derived-full``; ``wordfreq`` and ``emoji`` from the dev venv.)
The output is deterministic: the same inputs give a byte-identical file.

File format (one gzip'd UTF-8 text, rows sorted)::

    s <TAB> sense id <TAB> word <TAB> zipf*10 <TAB> emoji or "" <TAB> clue|clue
    t <TAB> topic <TAB> sense id, sense id, ... (best first)

A sense row is shared by every topic that uses that sense of the word, which keeps
the file small; ``crossword/topics.py`` reads it lazily.
"""

from __future__ import annotations

import math
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from build_lexicon import (  # noqa: E402
    Builder,
    MiniWN,
    clean_gloss,
    gz_bytes,
    load_emoji,
    read_deny,
    read_themes,
    related,
    source_parser,
    split_gloss,
    zipf,
)
from lexicon_emoji import EmojiFinder, is_flag  # noqa: E402
from wordfreq import get_frequency_dict  # noqa: E402

from crossword.hints.checks import clue_problems, emoji_problems  # noqa: E402
from crossword.inflect import Morphology  # noqa: E402
from crossword.lexicon import CATEGORY_EMOJI, Lexicon  # noqa: E402

Synset = tuple[str, str]
# One sense asked alone has no rival senses to disagree with, so ask for more than the
# main lexicon's threshold (0.6): at 0.6 CHECKMATE got 🐚 and DIAGONAL 👥.
TOPIC_EMOJI_CONFIDENCE = 0.7
# What a flag may picture (WordNet hypernyms): countries, states and territories, and
# land such as an island or a continent; WordNet files Wales under principality and the
# Baltic states under a geographical area.  Not "colony": GEORGIA the colony is no country.
FLAG_KINDS = frozenset(["administrative_district", "land", "principality", "baltic_state"])

MAX_WORDS = 60  # words kept per topic, best first
MIN_WORDS = 4  # a topic with fewer related words is no topic (crossword.limits.MIN_COUNT)
MIN_TOPIC_ZIPF = 3.0  # how common a one-word topic's name must be (wordfreq)
MIN_RICH, MIN_RICH_COMPOUND = 4, 6  # WordNet links (or gloss mentions) a topic needs
MIN_WORD_ZIPF = 1.0  # rarer words are not fair answers even when on topic
MIN_NAME_ZIPF = 2.0  # nor are rare names (Nyiragongo)
KNOWN_NAME_ZIPF = 3.0  # a name from a gloss that mentions the topic must be well known
VERB = 0.75  # relatedness of a verb or adjective sense, relative to a noun's
MAX_NODES = 1500  # synsets visited below one topic sense
MAX_DEPTH = 5
MAX_GLOSS_HITS = 150  # a term mentioned in more glosses than this says little
WORD_RE = re.compile(r"^[A-Za-z]{3,12}$")
CUT_DANGLING = {"but", "than", "like", "such", "whose", "into", "intended", "relating"}

# Relatedness of one piece of evidence (a word's score is its best evidence plus a
# little for each further kind).
DOMAIN, HYPONYM1, MERONYM, HYPONYM2, HYPONYM_DEEP = 3.0, 3.0, 3.0, 2.5, 2.0
GLOSS_TOPIC, GLOSS_DERIVED, GLOSS_AMBIGUOUS, FAR = 2.0, 1.5, 1.0, 0.67
COMPOUND, CLDR, SYNONYM = 2.0, 2.0, 1.5
STRONG, SECOND = 1.6, 1.3  # a word this related lends its gloss mentions this score
MIN_RELATED = 1.2  # weaker evidence alone (one gloss mentioning a derived word) is dropped
HYPONYM_PTRS = ("~", "~i")
MERONYM_PTRS = ("%p", "%m", "%s")


@dataclass
class Found:
    """What is known about one word in one topic."""

    score: float = 0.0
    kinds: set[str] = field(default_factory=set)
    sense: Synset | None = None
    emoji: str | None = None

    def add(self, kind: str, score: float, sense: Synset | None, emoji: str | None = None) -> None:
        if score > self.score or (score == self.score and sense is not None and self.sense is None):
            self.score, self.sense = score, sense or self.sense
        self.kinds.add(kind)
        self.emoji = self.emoji or emoji

    @property
    def related(self) -> float:
        return self.score + 0.5 * (len(self.kinds) - 1)


class Topics:
    """Everything the build needs from WordNet and CLDR, indexed once."""

    def __init__(
        self, wn: MiniWN, builder: Builder, finder: EmojiFinder, deny: set[str], out: Path
    ) -> None:
        self.wn = wn
        self.b = builder
        self.finder = finder
        self.lexicon = Lexicon(out)
        self.keywords, self.meta = finder.keywords, finder.meta
        self.deny = deny
        self.gloss_index: dict[str, list[Synset]] = defaultdict(list)
        for s, (_, _, _, gloss) in wn.syn.items():
            if s[0] != "n":
                continue
            definition, _ = split_gloss(gloss)
            for tok in set(re.findall(r"[a-z]+", definition.lower())):
                self.gloss_index[tok].append(s)
        self.zipf_cache: dict[str, float] = {}
        self.hits_cache: dict[str, list[Synset]] = {}
        self.usage = defaultdict(list)
        for s, (_, _, ptrs, _) in wn.syn.items():
            self.usage[s] = [p for p in ptrs if p[0] == ";u"]
        self.freqs = get_frequency_dict("en")
        self.clue_cache: dict[tuple[str, Synset], tuple[list[str], str | None]] = {}

    # -- words and their senses ---------------------------------------------

    def zipf(self, word: str) -> float:
        """wordfreq's zipf value (its frequency table read once: zipf() tokenises each call)."""
        if word not in self.zipf_cache:
            freq = self.freqs.get(word)
            if freq:
                self.zipf_cache[word] = round(math.log10(freq) + 9, 2)
            else:  # not in the table: a phrase (tokenised by zipf()) or a very rare word
                self.zipf_cache[word] = zipf(word) if " " in word else 0.0
        return self.zipf_cache[word]

    def flagged(self, s: Synset) -> bool:
        """Vulgar, slang or a slur (build_lexicon's test, only for ``;u`` pointers)."""
        return any(sym == ";u" and off in self.b.bad_domains for sym, _, off in self.usage[s])

    def words_of(self, s: Synset, *, names: bool, known_names: bool = False) -> list[str]:
        """The single-word lemmas of a synset usable as answers (capitalised ones only
        when ``names``: instance hyponyms and domain members such as Zeus; with
        ``known_names``, a well-known name that is no other word: NILE and PHARAOH for
        Egypt from their glosses, not BEGIN the statesman)."""
        out = []
        for i, lemma in enumerate(self.wn.syn[s][1]):
            if not WORD_RE.match(lemma) or (
                lemma[0].isupper()
                and (i > 0 or not (names or known_names and self.known(lemma, s)))
            ):
                continue  # a name only as the synset's head: Hades, not its alias Aides
            word = lemma.lower()
            if word not in self.deny and word not in out:
                out.append(word)
        return out

    def known(self, name: str, s: Synset) -> bool:
        """A name common enough to be a fair answer from a gloss that mentions the
        topic, and no other word: not BEGIN the statesman, NUMBERS the book or MIN the
        god, whose answers read as the common words.  One person only when a deity
        (OSIRIS for Egypt): people's glosses mention places and fields in passing, and
        a surname (JONES, WILSON) is no fair answer; a kind of person is (PHARAOH)."""
        word = name.lower()
        if self.zipf(word) < KNOWN_NAME_ZIPF:
            return False
        if self.wn.lexname(s) == "noun.group":
            return False  # a party, a band or a militia: glosses name them in passing
        one = any(sym == "@i" for sym, _, _ in self.wn.syn[s][2])  # Moses, not pharaohs
        person = one and self.wn.lexname(s) == "noun.person"
        if person and not self.kinds(s) & {"deity", "spiritual_being"}:
            return False
        return not any(
            lemma.lower() == word and not lemma[0].isupper()
            for pos in ("n", "v", "a", "s", "r")
            for s in self.wn.senses(word, pos)
            for lemma in self.wn.syn[s][1]
        )

    def sense_hints(self, word: str, s: Synset) -> tuple[list[str], str | None]:
        """The clues of sense ``s`` of ``word`` (best first, at most 2) and its emoji."""
        key = (word, s)
        if key not in self.clue_cache:
            clues: list[str] = []
            emoji = None
            if not self.flagged(s):
                plain = clean_gloss(split_gloss(self.wn.syn[s][3])[0])
                if plain and self.fair_clue(plain, word, s):
                    clues = [plain]  # the usual case; the full clue search below is slow
                else:
                    # the gloss's own clues; a "Kind of maker" fallback (TENTMAKER) is no
                    # reason to put a word in a topic
                    found = [
                        c for c in self.b.sense_clues(word, s)[0] if not c.startswith("Kind of ")
                    ]
                    clues = [c for c in found if self.fair_clue(c, word, s)][:2]
            if clues:
                emoji = self.sense_emoji(word, s)
            elif not self.flagged(s) and self.primary(word, s):
                clues, emoji = self.everyday_hints(word, s)  # CAMPFIRE's gloss says "fire"
            self.clue_cache[key] = (clues, emoji)
        return self.clue_cache[key]

    def everyday_hints(self, word: str, s: Synset) -> tuple[list[str], str | None]:
        """An editor's clue for the word's everyday sense (everyday_clues.tsv.gz), when
        that is this sense: the word's main one, in the same part of speech."""
        row = self.lexicon.everyday_sense(word, s[0])
        if row is None:
            return [], None
        clues = [c for c in row.clues if not clue_problems(c, word.upper())][:1]
        return clues, (row.emoji[0] if clues and row.emoji else None)

    def fair_clue(self, clue: str, word: str, s: Synset) -> bool:
        """Passes the runtime checks, gives nothing away, and is not a gloss cut off
        mid-phrase ("A recreational vehicle equipped")."""
        if clue_problems(clue, word.upper(), max_length=80) or related(clue, word):
            return False
        last = clue.split()[-1].lower()
        full = clean_gloss(split_gloss(self.wn.syn[s][3])[0]) or ""
        cut = not full.startswith(clue) or len(full) > len(clue)
        return not (cut and (last.endswith(("ed", "ing")) or last in CUT_DANGLING))

    def sense_emoji(self, word: str, s: Synset) -> str | None:
        """An emoji that pictures this sense of ``word``, if any: the main lexicon's
        emoji finder (scripts/lexicon_emoji.py) asked about this one sense."""
        for e, conf in self.finder.options(word, s, [s]):
            if e in CATEGORY_EMOJI or conf < TOPIC_EMOJI_CONFIDENCE:
                continue  # a topic puzzle's words share a category: 👥 says nothing
            if is_flag(e) and not self.flag_fits(s):
                continue  # CAMEROON the volcano is no country
            if not emoji_problems(e, answer=word.upper()):
                return e
        return None

    def flag_fits(self, s: Synset) -> bool:
        """A flag pictures a country, a state or a territory, or land (an island, a
        continent): not a volcano, a river or a region that shares the country's name."""
        return bool(self.kinds(s) & FLAG_KINDS)

    def kinds(self, s: Synset) -> set[str]:
        """The head words of every hypernym of ``s``: Osiris -> {"deity", ...}."""
        return {self.wn.syn[h][1][0].lower() for h in self.wn.closure(s)}

    def agrees(self, s: Synset, e: str, word: str) -> bool:
        """Does emoji ``e``'s name or keywords share a stem with what WordNet says of ``s``?"""
        return self.finder.agreement(e, word, self.finder.signature(word, s)) > 0

    def primary(self, word: str, s: Synset) -> bool:
        senses = self.wn.senses(word, "n") or self.wn.senses(word, s[0])
        return bool(senses) and senses[0] == s

    # -- one topic ----------------------------------------------------------

    def sense_weights(self, key: str) -> list[tuple[Synset, float]]:
        """The topic's noun senses, weighted by how much WordNet says about each:
        chess the game (26 domain members) outweighs chess the weed (none)."""
        senses = self.wn.senses(key, "n")
        richness = []
        for s in senses:
            ptrs = self.wn.syn[s][2]
            richness.append(1 + sum(1 for sym, _, _ in ptrs if sym in ("-c", *HYPONYM_PTRS)))
        top = max(richness, default=1)
        out = []
        for i, (s, rich) in enumerate(zip(senses, richness, strict=True)):
            weight = (1.0 if i == 0 else 0.8) * (0.5 + 0.5 * min(1.0, 3 * rich / top))
            if weight >= 0.4:
                out.append((s, weight))
        return out

    def terms(self, key: str, s: Synset) -> dict[str, float]:
        """Words whose mention in a gloss ties it to sense ``s``, with the score of such
        a mention: the topic itself; its synonyms and derivations (volcano -> volcanic,
        camping -> camp), less when they have many other noun senses (vent, camp); and
        derivations of those that share their stem, less again (camp -> camper)."""
        out = {key: GLOSS_TOPIC}

        def add(lemma: str, factor: float, pos: str = "n") -> None:
            t = lemma.lower()
            if len(t) >= 4 and t not in out:
                # a verb's lemma in a gloss is mostly its noun homograph (camp, tent)
                ambiguous = pos == "v" or len(self.wn.senses(t, "n")) > 2
                out[t] = (GLOSS_AMBIGUOUS if ambiguous else GLOSS_DERIVED) * factor

        for lemma in self.wn.syn[s][1]:
            add(lemma, 1.0)
        for sym, p, o in self.wn.syn[s][2]:
            if sym not in ("+", "\\"):
                continue
            near = self.wn.syn[(p, o)][1]
            for lemma in near:
                add(lemma, 1.0, p)
            for sym2, p2, o2 in self.wn.syn[(p, o)][2]:
                if sym2 == "+":
                    for lemma in self.wn.syn[(p2, o2)][1]:
                        if any(lemma.lower()[:4] == n.lower()[:4] for n in near):
                            add(lemma, FAR, p2)
        return out

    def gloss_hits(self, term: str) -> list[Synset]:
        """Noun synsets whose definition mentions ``term`` (or its plural/-s forms)."""
        if term in self.hits_cache:
            return self.hits_cache[term]
        parts = term.split("_")
        head = parts[-1]
        forms = {head, head + "s", head + "es", head + "ers", head + "er", head + "ing"}
        if head.endswith("y"):
            forms.add(head[:-1] + "ies")
        found: set[Synset] = set()
        for f in forms:
            found.update(self.gloss_index.get(f, ()))
        if len(parts) > 1:
            for part in sorted(parts[:-1], key=lambda p: len(self.gloss_index.get(p, ()))):
                found.intersection_update(self.gloss_index.get(part, ()))  # then the phrase
                if not found:
                    break
            phrase = re.compile(r"\b" + r"\s+".join(map(re.escape, parts[:-1])) + r"\s+" + head)
            found = {s for s in found if phrase.search(split_gloss(self.wn.syn[s][3])[0].lower())}
        out = sorted(found) if len(found) <= MAX_GLOSS_HITS else []
        self.hits_cache[term] = out
        return out

    def below(self, s: Synset) -> Iterable[tuple[Synset, int, str]]:
        """(synset, depth, kind) for hyponyms, meronyms and domain members of ``s``."""
        seen = {s}
        todo = [(s, 0)]
        while todo and len(seen) < MAX_NODES:
            cur, depth = todo.pop(0)
            for sym, p, o in self.wn.syn[cur][2]:
                nxt = (p, o)
                if nxt in seen:
                    continue
                if sym in HYPONYM_PTRS and depth < MAX_DEPTH:
                    kind = "hyponym"
                elif sym in MERONYM_PTRS and depth <= 1:
                    kind = "meronym"
                elif sym == "-c" and depth <= 2:
                    kind = "domain"
                else:
                    continue
                seen.add(nxt)
                yield nxt, depth + 1, kind
                if p == "n":
                    todo.append((nxt, depth + 1))

    def gather(self, key: str) -> dict[str, Found]:
        found: dict[str, Found] = defaultdict(Found)

        def add(word: str, kind: str, score: float, s: Synset, emoji: str | None = None) -> None:
            z = self.zipf(word)
            if z < (MIN_NAME_ZIPF if self.wn.syn[s][1][0][0].isupper() else MIN_WORD_ZIPF):
                return
            if not self.flagged(s):
                # a verb or adjective sense (DEVELOP in chess) is a weaker topic word
                found[word].add(kind, score * (1.0 if s[0] == "n" else VERB), s, emoji)

        for s, weight in self.sense_weights(key):
            for word in self.words_of(s, names=False):
                add(word, "synonym", SYNONYM * weight, s)
            for t, depth, kind in self.below(s):
                if kind == "hyponym":
                    score = (HYPONYM1, HYPONYM2)[depth - 1] if depth <= 2 else HYPONYM_DEEP
                else:
                    score = DOMAIN if kind == "domain" else MERONYM
                score *= weight * (1.0 if depth <= 1 else 0.9 ** (depth - 1))
                for word in self.words_of(t, names=kind != "meronym"):
                    add(word, kind, score, t)
            terms = self.terms(key, s)
            named = self.wn.syn[s][1][0][0].isupper()  # Egypt, not volcano
            for term, base in sorted(terms.items()):
                # a well-known name from a gloss that names the topic, or for a named
                # topic its adjective (PHARAOH "ancient Egyptian kings"); not BALI, a
                # "volcanic island", for volcanoes
                names = named or base >= GLOSS_TOPIC
                for t in self.gloss_hits(term):
                    if t == s:
                        continue
                    for word in self.words_of(t, names=False, known_names=names):
                        # CAMPFIRE, CHESSBOARD: a compound of a term, glossed with one
                        built = any(
                            len(word) >= len(x) + 3 and (word.startswith(x) or word.endswith(x))
                            for x in terms
                            if "_" not in x
                        )
                        score = max(base, COMPOUND if built else 0.0) * weight
                        add(word, "gloss", score, t)
        for word, emoji, s in self.cldr_group(key):
            add(word, "cldr", CLDR, s, emoji)
        # glosses that mention a word only this topic has (lava -> pumice, basalt)
        strong = sorted(
            (
                w
                for w, f in found.items()
                if f.related >= STRONG and len(self.wn.senses(w, "n")) == 1
            ),
            key=lambda w: -found[w].related,
        )[:20]
        for term in strong:
            for t in self.gloss_hits(term):
                for word in self.words_of(t, names=False):
                    add(word, "gloss2", SECOND, t)
        kept = {w: f for w, f in found.items() if f.related >= MIN_RELATED and w != key}
        # one word per sense, CHECKMATE or MATE, not both with the same clue: the word
        # for which this sense ranks highest among its senses (KNIGHT, not HORSE)
        best: dict[Synset, str] = {}

        def order(w: str, s: Synset) -> tuple[int, float]:
            senses = self.wn.senses(w, s[0])
            return (senses.index(s) if s in senses else 99, -self.zipf(w))

        for w, f in sorted(kept.items()):
            assert f.sense is not None
            other = best.get(f.sense)
            if other is None or order(w, f.sense) < order(other, f.sense):
                best[f.sense] = w
        return {w: kept[w] for w in sorted(best.values())}

    def cldr_group(self, key: str) -> list[tuple[str, str, Synset]]:
        """Words named by emoji whose CLDR keywords include the topic (camping -> tent)."""
        if "_" in key:
            return []
        out = []
        forms = {key, key + "s", key + "es"}
        for form in sorted(forms):
            for e in self.keywords.get(form, []):
                name = self.meta[e][0]
                word = name.split()[-1]
                senses = self.wn.senses(word, "n")
                if not WORD_RE.match(word) or word in self.deny or not senses:
                    continue
                if is_flag(e):
                    # the flag of Vatican City is not a CITY's, North Korea's not KOREA's
                    if name.split(": ", 1)[-1].lower() != word:
                        continue
                    senses = [s for s in senses if self.flag_fits(s)]  # JORDAN: not the river
                    if not senses:
                        continue
                # the sense of the emoji's name that agrees with the emoji
                agree = [s for s in senses[:4] if self.agrees(s, e, word)]
                out.append((word, e, (agree or senses)[0]))
        return out

    def rank(self, found: dict[str, Found]) -> list[tuple[str, Found]]:
        def key(item: tuple[str, Found]) -> tuple[float, str]:
            word, f = item
            z = self.zipf(word)
            assert f.sense is not None
            obscure_name = self.wn.syn[f.sense][1][0][0].isupper() and z < 2.5
            return (-(f.related + 0.5 * min(z, 6.0) - (1.0 if obscure_name else 0.0)), word)

        out = []
        for word, f in sorted(found.items(), key=key):
            assert f.sense is not None
            if self.sense_hints(word, f.sense)[0]:  # only words with a fair clue of the sense
                out.append((word, f))
                if len(out) == MAX_WORDS:
                    break
        return out


def topic_keys(topics: Topics, min_zipf: float) -> list[str]:
    """Noun lemmas (and compounds of up to three words) people may type as a topic and
    about which WordNet or CLDR say enough: hyponyms, meronyms or domain members, a
    few glosses that mention it, or an emoji keyword."""
    wn = topics.wn
    out = []
    for lemma, pos in wn.index:
        if pos != "n" or len(lemma) < 3 or not re.fullmatch(r"[a-z]+(_[a-z]+){0,2}", lemma):
            continue
        compound = "_" in lemma
        if not compound and topics.zipf(lemma) < min_zipf:
            continue
        rich = sum(
            1
            for s in wn.senses(lemma, "n")
            for sym, _, _ in wn.syn[s][2]
            if sym in ("-c", *HYPONYM_PTRS, *MERONYM_PTRS)
        )
        if compound:
            keep = rich >= MIN_RICH_COMPOUND
        else:
            mentioned = len(topics.gloss_index.get(lemma, ()))
            keep = rich >= MIN_RICH or mentioned >= MIN_RICH or lemma in topics.keywords
        if keep:
            out.append(lemma)
    return sorted(out)


def main(argv: list[str] | None = None) -> None:
    ap = source_parser(__doc__)
    ap.add_argument("--min-topic-zipf", type=float, default=MIN_TOPIC_ZIPF)
    ap.add_argument("--only", nargs="*", help="build just these topics and print them")
    args = ap.parse_args(argv)

    out: Path = args.out
    themes = read_themes(out / "themes")
    deny, deny_emoji = read_deny(out / "deny.txt")
    wn = MiniWN(args.wordnet)
    theme_words = {w for t in themes.values() for w in t["words"]}
    morph = Morphology(out / "morphology.tsv")
    builder = Builder(wn, deny, theme_words, morph)
    names, aliases, keywords, meta = load_emoji(args.cldr, args.cldr_derived)
    keywords = {k: [e for e in v if e not in deny_emoji] for k, v in keywords.items()}
    topics = Topics(wn, builder, EmojiFinder(wn, names, aliases, keywords, meta, morph), deny, out)

    keys = args.only or topic_keys(topics, args.min_topic_zipf)
    print(f"{len(keys)} candidate topics", file=sys.stderr)
    sense_ids: dict[tuple[str, Synset], str] = {}
    topic_rows: dict[str, list[tuple[str, Synset]]] = {}
    group_emoji: dict[tuple[str, Synset], str] = {}
    for n, key in enumerate(keys):
        key = key.replace(" ", "_")
        if n % 1000 == 0:
            print(f"{n} {key}", file=sys.stderr)
        ranked = topics.rank(topics.gather(key))
        if len(ranked) < MIN_WORDS:
            continue
        topic_rows[key] = [(w, f.sense) for w, f in ranked if f.sense is not None]
        for w, f in ranked:
            if f.emoji and f.sense is not None:
                group_emoji.setdefault((w, f.sense), f.emoji)  # tent -> ⛺ from its CLDR group
        if args.only:
            print(f"== {key}: {len(ranked)}")
            for w, f in ranked:
                clues, emoji = topics.sense_hints(w, f.sense)  # type: ignore[arg-type]
                kinds = ",".join(sorted(f.kinds))
                print(
                    f"  {w:14} {f.related:4.1f} {topics.zipf(w):3.1f} {kinds:20} "
                    f"{f.emoji or emoji or '':3} {clues[0]}"
                )
    if args.only:
        return  # a look at a few topics, not a build: the shipped file stays as it is
    pairs = sorted({p for rows in topic_rows.values() for p in rows})
    for i, pair in enumerate(pairs):
        sense_ids[pair] = _b36(i)
    lines = []
    for word, s in pairs:
        clues, emoji = topics.sense_hints(word, s)
        emoji = emoji or group_emoji.get((word, s))
        z = round(topics.zipf(word) * 10)
        lines.append(f"s\t{sense_ids[(word, s)]}\t{word}\t{z}\t{emoji or ''}\t{'|'.join(clues)}")
    for key in sorted(topic_rows):
        ids = " ".join(sense_ids[p] for p in topic_rows[key])
        lines.append(f"t\t{key.replace('_', ' ')}\t{ids}")
    (out / "topics.tsv.gz").write_bytes(gz_bytes("\n".join(lines) + "\n"))
    print(f"{len(topic_rows)} topics, {len(pairs)} word senses", file=sys.stderr)


def _b36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if n == 0:
            return out


if __name__ == "__main__":
    main()
