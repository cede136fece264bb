"""Build the offline lexicon in wordlists/ (developer-only; never run on install or in CI).

The committed files it writes are derived data; the runtime (crossword/lexicon.py)
reads them with the standard library only.  Run it again after changing the
hand-made inputs (wordlists/themes/*.txt, wordlists/deny.txt,
wordlists/emoji_overrides.tsv) or the sources.  The output is deterministic:
the same inputs give byte-identical files (gzip without a timestamp, sorted rows).

Sources (pass the paths; nothing is downloaded by this script):

* WordNet 3.0 dict files: ``apt-get install wordnet-base`` -> /usr/share/wordnet
* CLDR 48 English emoji annotations (Unicode licence): ``npm pack cldr-annotations-full
  cldr-annotations-derived-full`` and untar; the files are
  ``package/annotations/en/annotations.json`` and ``package/annotationsDerived/en/annotations.json``
* the ``emoji`` package (names, aliases, qualification, Emoji version) and
  ``wordfreq`` (zipf frequencies), both in the dev venv (``pip install -e .[dev]``).

Example::

    .venv/bin/python scripts/build_lexicon.py --wordnet /usr/share/wordnet \\
        --cldr /tmp/lexsrc/cldr-annotations-full-48.2.0/package/annotations/en/annotations.json \\
        --cldr-derived /tmp/lexsrc/cldr-annotations-derived-full-48.2.0/package/annotationsDerived/en/annotations.json

Outputs in wordlists/:

* ``lexicon.tsv.gz``   word, zipf*10, parts of speech with tag counts, then one field per
  sense (most common first; a living thing, a food or a sense with an emoji clue moves
  up when the top sense is rare or a specialist's): pos, lexname, tag count, clues,
  synonyms that commonly mean this sense, fill-in-the-blanks tagged with the form that
  fills them, emoji clues with a confidence (scripts/lexicon_emoji.py).
* ``theme_clues.tsv``  theme, word, clues and emoji of the theme's sense of each theme word
  ("bass" in music is the instrument), so a curated clue gets the emoji of its own sense.
* ``hyponyms.tsv.gz``  ancestor word -> common words below it in WordNet (free-text topics).
* ``morphology.tsv``   WordNet's exception lists, read by crossword/inflect.py.

Glosses are cut with the runtime's own cutter (crossword/hints/gloss.py) and the theme
files are read with the runtime's parser (crossword.themes.parse_theme).
Every clue passes ``crossword.hints.checks.clue_problems`` and every emoji passes
``emoji_problems``, the same checks the runtime applies.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from lexicon_emoji import EmojiFinder  # noqa: E402

from crossword.hints.checks import clue_problems, emoji_problems, leaks  # noqa: E402
from crossword.hints.gloss import MAX_CLUE, clean_gloss, cut_before, split_gloss  # noqa: E402
from crossword.inflect import Morphology, lemmas  # noqa: E402
from crossword.themes import parse_theme  # noqa: E402

POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
POS_ORDER = {"n": 0, "v": 1, "a": 2, "r": 3}
LEXNAMES = [
    "adj.all",
    "adj.pert",
    "adv.all",
    "noun.Tops",
    "noun.act",
    "noun.animal",
    "noun.artifact",
    "noun.attribute",
    "noun.body",
    "noun.cognition",
    "noun.communication",
    "noun.event",
    "noun.feeling",
    "noun.food",
    "noun.group",
    "noun.location",
    "noun.motive",
    "noun.object",
    "noun.person",
    "noun.phenomenon",
    "noun.plant",
    "noun.possession",
    "noun.process",
    "noun.quantity",
    "noun.relation",
    "noun.shape",
    "noun.state",
    "noun.substance",
    "noun.time",
    "verb.body",
    "verb.change",
    "verb.cognition",
    "verb.communication",
    "verb.competition",
    "verb.consumption",
    "verb.contact",
    "verb.creation",
    "verb.emotion",
    "verb.motion",
    "verb.perception",
    "verb.possession",
    "verb.social",
    "verb.stative",
    "verb.weather",
    "adj.ppl",
]
BAD_DOMAINS = {"vulgarism", "obscenity", "slang", "disparagement", "ethnic_slur", "profanity"}
MAX_CLUES = 4
MAX_SYNONYMS = 3
MAX_SENSES = 3  # of the main part of speech; 2 of each other one
MAX_EMOJI = 3
WORD_RE = re.compile(r"^[a-z]{3,12}$")


# ---------------------------------------------------------------- WordNet


class MiniWN:
    """index[(lemma, pos)] -> offsets in frequency order; syn[(pos, off)] -> Synset tuple."""

    def __init__(self, root: Path) -> None:
        self.index: dict[tuple[str, str], list[str]] = {}
        self.syn: dict[tuple[str, str], tuple[int, list[str], list[tuple[str, str, str]], str]] = {}
        self.counts: dict[tuple[str, str, int], int] = {}
        for p, f in POS_FILES.items():
            for ln in (root / f"index.{f}").read_text(encoding="utf-8").splitlines():
                if ln.startswith(" "):
                    continue
                t = ln.split()
                ncnt, pcnt = int(t[2]), int(t[3])
                self.index[(t[0], p)] = t[4 + pcnt + 2 :][:ncnt]
            for ln in (root / f"data.{f}").read_text(encoding="utf-8").splitlines():
                if ln.startswith(" "):
                    continue
                head, _, gloss = ln.partition(" | ")
                t = head.split()
                off, lexfn, wcnt = t[0], int(t[1]), int(t[3], 16)
                lemmas = [re.sub(r"\(.*\)$", "", t[4 + 2 * i]) for i in range(wcnt)]
                i = 4 + 2 * wcnt
                pcnt = int(t[i])
                i += 1
                ptrs = []
                for _ in range(pcnt):
                    ptrs.append((t[i], "a" if t[i + 2] == "s" else t[i + 2], t[i + 1]))
                    i += 4
                self.syn[(p, off)] = (lexfn, lemmas, ptrs, gloss.strip())
        ss = {"1": "n", "2": "v", "3": "a", "4": "r", "5": "a"}
        for ln in (root / "cntlist.rev").read_text(encoding="utf-8").splitlines():
            key, num, cnt = ln.split()
            lemma, _, rest = key.partition("%")
            self.counts[(lemma, ss[rest[0]], int(num))] = int(cnt)

    def senses(self, lemma: str, pos: str) -> list[tuple[str, str]]:
        return [(pos, off) for off in self.index.get((lemma, pos), [])]

    def tag_count(self, lemma: str, pos: str) -> int:
        n = len(self.index.get((lemma, pos), []))
        return sum(self.counts.get((lemma, pos, i + 1), 0) for i in range(n))

    def sense_id(self, name: str) -> tuple[str, str]:
        """'bass.n.07' -> (pos, offset)."""
        lemma, pos, num = name.rsplit(".", 2)
        return (pos, self.index[(lemma, pos)][int(num) - 1])

    def lexname(self, s: tuple[str, str]) -> str:
        return LEXNAMES[self.syn[s][0]]

    def hypernyms(self, s: tuple[str, str]) -> list[tuple[str, str]]:
        return [(p, o) for sym, p, o in self.syn[s][2] if sym in ("@", "@i")]

    def closure(self, s: tuple[str, str], depth: int = 20) -> list[tuple[str, str]]:
        seen: list[tuple[str, str]] = []
        todo = [(s, 0)]
        while todo:
            cur, d = todo.pop(0)
            for h in self.hypernyms(cur):
                if h not in seen and d < depth:
                    seen.append(h)
                    todo.append((h, d + 1))
        return seen


def zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


def related(text: str, word: str) -> bool:
    """A stricter, build-only leak test for derived words: TEACHING for TEACHER,
    WINDOWPANE for WINDOW, LEARNS for LEARNER (shared prefix of 4+ letters that
    covers all but 2 letters of the shorter word)."""
    for tok in re.findall(r"[a-z]+", text.lower()):
        short, long_ = sorted((tok, word), key=len)
        if len(short) >= 3 and long_.startswith(short) and len(long_) - len(short) <= 2:
            return True  # FOG for FOGGY, SUN for SUNNY
        if len(word) >= 4 and tok != word and (tok.startswith(word) or tok.endswith(word)):
            return True  # ACROSS for CROSS
        n = len(os.path.commonprefix([tok, word]))
        if n >= 4 and n >= min(len(tok), len(word)) - 2:
            return True
    return False


def blank_clue(word: str, example: str) -> str | None:
    pattern = re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE)
    if len(pattern.findall(example)) != 1 or len(example) > 60 or re.search("[`'\"]", example):
        return None
    text = pattern.sub("___", example).strip(" .")
    if len(text.replace("___", "").split()) < 3:
        return None
    return text[0].upper() + text[1:]


# ---------------------------------------------------------------- emoji


def load_emoji(
    cldr: Path, derived: Path
) -> tuple[dict[str, list[str]], dict[str, list[str]], dict[str, list[str]], dict]:
    """CLDR name -> emoji, `emoji`-package alias -> emoji, keyword -> emoji,
    emoji -> (name, keywords)."""
    import emoji as emoji_pkg

    info: dict[str, tuple[str, set[str]]] = {}
    for path in (cldr, derived):
        data = json.loads(path.read_text(encoding="utf-8"))
        ann = (data.get("annotations") or data["annotationsDerived"])["annotations"]
        for e, v in ann.items():
            if "tts" not in v:
                continue
            info.setdefault(e, (v["tts"][0].lower(), {k.lower() for k in v.get("default", [])}))
    names: dict[str, list[str]] = defaultdict(list)
    aliases: dict[str, list[str]] = defaultdict(list)
    keywords: dict[str, list[str]] = defaultdict(list)
    meta: dict[str, tuple[str, set[str]]] = {}
    for e in sorted(emoji_pkg.EMOJI_DATA):
        d = emoji_pkg.EMOJI_DATA[e]
        if d["status"] != emoji_pkg.STATUS["fully_qualified"] or d["E"] > 14.0:
            continue
        if any(0x1F3FB <= ord(c) <= 0x1F3FF or 0x1F9B0 <= ord(c) <= 0x1F9B3 for c in e):
            continue
        if emoji_problems(e):
            continue
        name, kws = info.get(e, (d["en"].strip(":").replace("_", " ").lower(), set()))
        if name.startswith("flag: "):
            name = name[6:]
        pkg_names = [d["en"]] + d.get("alias", [])
        meta[e] = (name, kws)
        names[name].append(e)
        for n in sorted({n.strip(":").replace("_", " ").lower() for n in pkg_names} - {name}):
            aliases[n].append(e)
        for k in sorted(kws):
            keywords[k].append(e)
    return names, aliases, keywords, meta


# ---------------------------------------------------------------- hand-made files


def read_themes(folder: Path) -> dict[str, dict]:
    themes = {}
    for path in sorted(folder.glob("*.txt")):
        theme = parse_theme(path.stem, path.read_text(encoding="utf-8"))
        themes[path.stem] = {"senses": list(theme.senses), "words": list(theme.words)}
    return themes


def read_deny(path: Path) -> tuple[set[str], set[str]]:
    words, emojis = set(), set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        (words if line.isascii() else emojis).add(line.lower())
    return words, emojis


def read_overrides(path: Path) -> tuple[dict[str, list[str]], dict[str, str]]:
    """word TAB emoji [emoji...] [TAB WordNet sense]; '-' means "no emoji clue for this
    word".  The optional sense ("plate.n.04", the dish) is the one the emoji shows; it
    becomes the word's first sense."""
    out, senses = {}, {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, emo, *sense = line.split("\t")
        out[word.strip().lower()] = [] if emo.strip() == "-" else emo.split()
        if sense and sense[0].strip():
            senses[word.strip().lower()] = sense[0].strip()
    return out, senses


# ---------------------------------------------------------------- building


LIVELY = {"noun.animal", "noun.plant", "noun.food", "noun.body"}
FIELD_SEP = "^"  # between the fields of a sense in lexicon.tsv.gz


def write_morphology(wordnet: Path, out: Path) -> int:
    """WordNet's exception lists (noun.exc, verb.exc, adj.exc, adv.exc) -> morphology.tsv."""
    rows = []
    for pos, name in POS_FILES.items():
        for line in (wordnet / f"{name}.exc").read_text(encoding="utf-8").splitlines():
            form, *bases = line.split()
            bases = [b for b in bases if re.fullmatch(r"[a-z]+", b)]
            if re.fullmatch(r"[a-z]+", form) and bases:
                rows.append(f"{form}\t{pos}\t{' '.join(bases)}")
    head = "# WordNet 3.0 exception lists (noun.exc, verb.exc, adj.exc, adv.exc): form, pos, lemmas"
    out.write_text(head + "\n" + "\n".join(sorted(rows)) + "\n", encoding="utf-8")
    return len(rows)


class Builder:
    def __init__(self, wn: MiniWN, deny: set[str], theme_words: set[str], morph: Morphology):
        self.wn = wn
        self.deny = deny
        self.theme_words = theme_words
        self.morph = morph
        self.bad_domains = {
            s[1]
            for s, (_, lemmas, _, _) in wn.syn.items()
            if BAD_DOMAINS & {x.lower() for x in lemmas}
        }

    def flagged(self, s: tuple[str, str]) -> bool:
        return any(sym == ";u" and off in self.bad_domains for sym, _, off in self.wn.syn[s][2])

    def usable(self, word: str, s: tuple[str, str]) -> bool:
        """Not vulgar, and the word is a lower-case lemma of it ("whistler" is not
        Whistler the painter); a word with no lower-case sense at all (LIVERPOOL,
        BRITAIN, a country) may use its capitalised senses."""
        _, lemmas, _, _ = self.wn.syn[s]
        if self.flagged(s):
            return False
        if word in lemmas:
            return True
        if word not in {x.lower() for x in lemmas}:
            return False
        return not any(
            word in self.wn.syn[o][1] for p in POS_FILES for o in self.wn.senses(word, p)
        )

    def informal(self, s: tuple[str, str]) -> bool:
        return any(sym == ";u" for sym, _, _ in self.wn.syn[s][2])

    def pos_counts(self, word: str) -> dict[str, int]:
        """Tag counts of the parts of speech the word has usable senses in."""
        return {
            p: self.wn.tag_count(word, p)
            for p in POS_FILES
            if any(self.usable(word, s) for s in self.wn.senses(word, p))
        }

    def sense_count(self, word: str, s: tuple[str, str]) -> int:
        offs = self.wn.index.get((word, s[0]), [])
        return self.wn.counts.get((word, s[0], offs.index(s[1]) + 1), 0) if s[1] in offs else 0

    def ordered_senses(
        self, word: str, counts: dict[str, int], has_emoji=lambda s: False
    ) -> list[tuple[str, str]] | None:
        """The main part of speech's senses (most frequent first; a living thing or
        food moves first when the top sense is rare: PIKE the fish, not the highway),
        then the first senses of the other parts of speech.  None for vulgar words."""
        order = sorted(counts, key=lambda p: (-counts[p], POS_ORDER[p]))
        if not order:
            return None
        every = self.wn.senses(word, order[0])
        if self.flagged(every[0]):
            return None  # the most frequent sense is vulgar, slang or a slur: keep the word out
        out: list[tuple[str, str]] = []
        for i, p in enumerate(order):
            usable = [s for s in self.wn.senses(word, p) if self.usable(word, s)]
            usable = [s for s in usable if not self.informal(s)] + [
                s for s in usable if self.informal(s)
            ]
            if i == 0:
                usable = self.preferred_first(word, usable, has_emoji)
            out += usable[: MAX_SENSES if i == 0 else 2]
        return out

    def preferred_first(
        self, word: str, senses: list[tuple[str, str]], has_emoji
    ) -> list[tuple[str, str]]:
        """The sense a clue should use first: the most frequent, unless a close one is
        a living thing, a food or has an emoji clue while the first is a specialist's
        ("(baseball) ..."): PIKE the fish, PLATE the dish, not the highway or the base."""

        def score(i: int, s: tuple[str, str]) -> float:
            bonus = 3 if self.wn.lexname(s) in LIVELY else 0
            bonus += 3 if has_emoji(s) else 0
            special = any(sym in (";c", ";r") for sym, _, _ in self.wn.syn[s][2])
            return self.sense_count(word, s) + bonus - (4 if special else 0) - 0.5 * i

        top = senses[:4]
        best = max(range(len(top)), key=lambda i: score(i, top[i]), default=0)
        return [senses[best]] + [s for s in senses if s != senses[best]] if senses else senses

    def known(self, lemma: str, pos: str) -> bool:
        return (lemma, pos) in self.wn.index

    def sense_clues(self, word: str, s: tuple[str, str]) -> tuple[list[str], list[str], list[str]]:
        """(clues, synonyms, blanks) of one sense; every clue passes the runtime checks.
        Blanks are 'form:text' with the form of the word in the example
        ("past:The raft ___ and its occupants drowned")."""
        answer = word.upper()
        _, lemmas, _, gloss = self.wn.syn[s]
        definition, examples = split_gloss(gloss)
        clues = []
        g = clean_gloss(definition)
        for c in [g, self.cut_before_leak(g, answer) if g else None]:
            if c and self.fits(c, word) and c not in clues:
                clues.append(c)
        synonyms = [
            lem.replace("_", " ")
            for lem in lemmas + self.similar(s)
            if lem.replace("_", "").isalpha() and lem.islower() and lem != word
            and lem.count("_") <= 2 and zipf(lem.replace("_", " ")) >= 3.0
            and s in self.wn.senses(lem, s[0])[:2]  # POTATO for SPUD; not PULL for COMMIT
            and not leaks(lem, answer) and not related(lem.replace("_", " "), word)
        ][:MAX_SYNONYMS]  # fmt: skip
        if not clues and s[0] == "n":
            clues += self.kind_of(word, s)
        blanks = []
        for ex in examples:
            b = self.blank(word, s[0], ex)
            if b and b not in blanks:
                blanks.append(b)
        return clues[:MAX_CLUES], synonyms, blanks[:2]

    def similar(self, s: tuple[str, str]) -> list[str]:
        """Adjectives WordNet calls similar (AFFORDABLE ~ cheap), as more synonyms."""
        if s[0] != "a":
            return []
        return [
            lem
            for sym, p, off in self.wn.syn[s][2]
            if sym == "&"
            for lem in self.wn.syn[(p, off)][1]
        ]

    def kind_of(self, word: str, s: tuple[str, str]) -> list[str]:
        """'Kind of tree' for ACACIA when no gloss of its own survives the checks."""
        for h in self.wn.hypernyms(s):
            for lem in self.wn.syn[h][1]:
                if lem.islower() and lem.count("_") <= 2:
                    text = f"Kind of {lem.replace('_', ' ')}"
                    if self.fits(text, word):
                        return [text]
        return []

    def fits(self, clue: str, word: str) -> bool:
        return not clue_problems(clue, word.upper(), max_length=MAX_CLUE) and not related(
            clue, word
        )

    def blank(self, word: str, pos: str, example: str) -> str | None:
        """'The raft sank and its occupants drowned' for SINK -> 'past:The raft ___ and ...'."""
        if len(example) > 60 or re.search("[`'\"|^~]", example):
            return None
        hits = []
        for m in re.finditer(r"[A-Za-z]+", example):
            for f in lemmas(m.group().lower(), lambda lem, p: lem == word and p == pos, self.morph):
                hits.append((m, f.form))
        if len(hits) != 1:
            return None
        m, form = hits[0]
        text = (example[: m.start()] + "___" + example[m.end() :]).strip(" .")
        if len(text.replace("___", "").split()) < 3 or not self.fits(text, word):
            return None
        return f"{form}:{text[0].upper() + text[1:]}"

    @staticmethod
    def cut_before_leak(gloss: str, answer: str) -> str | None:
        """'Small ovoid fruit of the European olive tree' -> 'Small ovoid fruit'."""
        words = gloss.split()
        for i in range(1, len(words) + 1):
            if leaks(" ".join(words[:i]), answer) or related(words[i - 1], answer.lower()):
                return cut_before(gloss, i - 1)
        return None


def emoji_field(options: list[tuple[str, float]], deny_emoji: set[str], word: str) -> str:
    kept = [
        f"{e}:{conf:.2f}"
        for e, conf in options
        if not any(d in e for d in deny_emoji) and not emoji_problems(e, answer=word.upper())
    ]
    return "|".join(kept)


def sense_field(b: Builder, finder: EmojiFinder, word: str, s, senses, emoji: str) -> str:
    """One sense's field of lexicon.tsv.gz; a sense with no clue of its own is kept
    (the word still reads inflections, themes and topics; hand-written clues may exist)."""
    clues, synonyms, blanks = b.sense_clues(word, s)
    parts = [
        s[0],
        b.wn.lexname(s),
        str(b.sense_count(word, s)),
        "|".join(clues),
        ",".join(synonyms),
        "|".join(blanks),
        emoji,
    ]
    return FIELD_SEP.join(parts)


def gz_bytes(text: str) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as fh:
        fh.write(text.encode("utf-8"))
    return buf.getvalue()


def source_parser(doc: str) -> argparse.ArgumentParser:
    """The options every build script takes (build_topics.py too): the sources it reads
    (WordNet, the CLDR annotations) and the folder it writes; ``doc``'s first line
    describes the script."""
    ap = argparse.ArgumentParser(description=doc.split("\n")[0])
    ap.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    ap.add_argument("--cldr", type=Path, required=True)
    ap.add_argument("--cldr-derived", type=Path, required=True)
    ap.add_argument("--out", type=Path, default=ROOT / "wordlists")
    return ap


def main(argv: list[str] | None = None) -> None:
    ap = source_parser(__doc__)
    ap.add_argument("--min-zipf", type=float, default=2.5)
    args = ap.parse_args(argv)

    from wordfreq import zipf_frequency

    out: Path = args.out
    write_morphology(args.wordnet, out / "morphology.tsv")
    morph = Morphology(out / "morphology.tsv")
    themes = read_themes(out / "themes")
    deny, deny_emoji = read_deny(out / "deny.txt")
    overrides, override_senses = read_overrides(out / "emoji_overrides.tsv")
    theme_words = {w for t in themes.values() for w in t["words"]}
    wn = MiniWN(args.wordnet)
    finder = EmojiFinder(wn, *load_emoji(args.cldr, args.cldr_derived), morph=morph)
    b = Builder(wn, deny, theme_words, morph)

    vocab = sorted(
        {
            lemma
            for (lemma, _p) in wn.index
            if WORD_RE.match(lemma)
            and lemma not in deny
            and zipf_frequency(lemma, "en") >= args.min_zipf
        }
        | (theme_words - deny)
    )
    rows = []
    senses_of: dict[str, list[tuple[str, str]]] = {}
    for word in vocab:
        counts = b.pos_counts(word)

        def confident(s, word=word):
            return any(c >= 0.7 for _, c in finder.options(word, s, [s]))

        senses = b.ordered_senses(word, counts, confident)
        if senses and word in override_senses:
            first = wn.sense_id(override_senses[word])
            senses = [first] + [x for x in senses if x != first]
        if not senses:
            continue
        fields = []
        kept_senses = []
        for i, s in enumerate(senses):
            if i == 0 and word in overrides:
                emo = emoji_field([(e, 1.0) for e in overrides[word]], deny_emoji, word)
            else:
                emo = emoji_field(finder.options(word, s, senses), deny_emoji, word)
            field = sense_field(b, finder, word, s, senses, emo)
            if field is not None:
                fields.append(field)
                kept_senses.append(s)
        if not fields:
            continue  # no sense with a usable clue
        senses_of[word] = kept_senses
        zipf10 = round(zipf_frequency(word, "en") * 10)
        pos = " ".join(f"{p}{c}" for p, c in counts.items())
        rows.append("\t".join([word, str(zipf10), pos, *fields]))
    (out / "lexicon.tsv.gz").write_bytes(gz_bytes("\n".join(rows) + "\n"))
    theme_rows = theme_senses(b, finder, themes, senses_of, deny_emoji, overrides)
    (out / "theme_clues.tsv").write_text("\n".join(theme_rows) + "\n", encoding="utf-8")
    hyp_rows = hyponym_rows(wn, senses_of, zipf_frequency)
    (out / "hyponyms.tsv.gz").write_bytes(gz_bytes("\n".join(hyp_rows) + "\n"))
    print(
        f"{len(rows)} words, {len(theme_rows)} theme senses, {len(hyp_rows)} hyponym rows",
        file=sys.stderr,
    )


def theme_senses(
    b: Builder, finder: EmojiFinder, themes, senses_of, deny_emoji, overrides
) -> list[str]:
    """theme, word, clues, emoji of the theme's sense of each theme word ("bass" in
    music is the instrument), so a curated clue gets the emoji of its own sense."""
    rows = []
    for name, theme in sorted(themes.items()):
        roots = [b.wn.sense_id(s) for s in theme["senses"]]
        for word in theme["words"]:
            if word not in senses_of:
                print(f"warning: theme {name}: {word!r} is not in the lexicon", file=sys.stderr)
                continue
            best = None
            for root in roots:  # the first root wins: "bass" in music is the instrument
                for p in POS_FILES:
                    for s in b.wn.senses(word, p):
                        if b.usable(word, s) and (s == root or root in b.wn.closure(s)):
                            best = best or s
            best = best or senses_of[word][0]
            clues, _, _ = b.sense_clues(word, best)
            if overrides.get(word):  # hand-checked for the word's everyday sense
                emo = emoji_field([(e, 1.0) for e in overrides[word]], deny_emoji, word)
            else:
                emo = emoji_field(finder.options(word, best, senses_of[word]), deny_emoji, word)
            rows.append(f"{name}\t{word}\t{'|'.join(clues)}\t{emo}")
    return rows


def hyponym_rows(wn: MiniWN, senses_of, zipf_frequency) -> list[str]:
    """ancestor word -> common words below it (for free-text topics)."""
    below: dict[str, set[str]] = defaultdict(set)
    for word, senses in senses_of.items():
        if zipf_frequency(word, "en") < 3.0:
            continue
        for s in [s for s in senses if s[0] == "n"][:2]:
            for h in wn.closure(s, depth=8):
                for lem in wn.syn[h][1]:
                    lem = lem.lower()
                    if lem in senses_of and lem != word:
                        below[lem].add(word)
    return [f"{k}\t{' '.join(sorted(v))}" for k, v in sorted(below.items()) if 4 <= len(v) <= 400]


if __name__ == "__main__":
    main()
