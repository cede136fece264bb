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

* ``lexicon.tsv.gz``   word, pos, zipf*10, lexname, emoji tier, emoji candidates
  (space-separated), clues ('|'-separated, best first).  Tiers: 4 hand-checked override,
  3 exact emoji name, 2 CLDR keyword whose emoji agrees with the word's WordNet sense,
  0 none.  Only tiers >= 2 are kept (weaker matches are wrong too often).
* ``theme_clues.tsv``  theme, word, clues -- the clue of the theme's sense of a word
  ("bass" in music is the instrument) where it differs from the general one.
* ``hyponyms.tsv.gz``  ancestor word -> common words below it in WordNet (free-text topics).

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

from crossword.hints.checks import clue_problems, emoji_problems, leaks  # noqa: E402

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
STOP = set(
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
GENERIC = STOP | set(
    ["face", "symbol", "sign", "button", "mark", "person", "man", "woman", "emoji", "other"]
)
MAX_CLUE = 80
MAX_CLUES = 4
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


def split_gloss(gloss: str) -> tuple[str, list[str]]:
    """'def; more; "example one"; "example two"' -> (def, examples)."""
    examples = re.findall(r'"([^"]+)"', gloss)
    definition = re.split(r';\s*"', gloss, maxsplit=1)[0]
    return definition.strip(), examples


CUT_AT = set(["of", "with", "for", "in", "from", "that", "which", "to", "by", "on", "at", "as"])
DANGLING = set(
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
    ]
)


def clean_gloss(definition: str) -> str | None:
    text = re.sub(r"\([^)]*\)", "", definition)
    text = text.replace("`", "'").replace("''", '"').replace("|", "/")
    text = re.split(r"[;:]", text)[0]
    text = re.sub(r"\s+", " ", text).strip(" ,.-")
    if len(text) > MAX_CLUE:
        cut = text[: MAX_CLUE + 1]
        seps = (", ", " that ", " which ", " having ", " with ", " especially ", " usually ")
        k = max(cut.rfind(sep) for sep in seps)
        if k <= 30:
            k = max(cut.rfind(sep) for sep in (" or ", " and ", " in ", " of ", " "))
        text = cut[:k].strip(" ,")
        words = text.split()
        while words and words[-1].lower() in DANGLING:
            words.pop()
        text = " ".join(words)
    if len(text) < 3:
        return None
    return text[0].upper() + text[1:]


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
) -> tuple[dict[str, list[str]], dict[str, list[str]], dict]:
    """name -> emoji (exact), keyword -> emoji, emoji -> (name, keywords)."""
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
        all_names = {name} | {n.strip(":").replace("_", " ").lower() for n in pkg_names}
        meta[e] = (name, kws)
        for n in sorted(all_names):
            names[n].append(e)
        for k in sorted(kws):
            keywords[k].append(e)
    return names, keywords, meta


def tokens(text: str) -> set[str]:
    return {t for t in re.findall(r"[a-z]+", text.lower()) if t not in STOP and len(t) > 2}


def stem(t: str) -> str:
    for suf in ("ing", "es", "s", "ed"):
        if t.endswith(suf) and len(t) - len(suf) >= 3:
            return t[: -len(suf)]
    return t


def emoji_for(word, sense_tokens, names, keywords, meta) -> tuple[int, list[str]]:
    exact = [e for e in names.get(word, [])]
    agreed = []
    sense_stems = {stem(t) for t in sense_tokens} - {stem(word)}
    for e in keywords.get(word, []):
        if e in exact:
            continue
        name, kws = meta[e]
        etoks = (tokens(name) | {t for k in kws for t in tokens(k)}) - GENERIC - {word}
        if {stem(t) for t in etoks} & sense_stems:
            agreed.append(e)
    agreed.sort(key=lambda e: (word not in meta[e][0].split(), len(meta[e][1]), len(meta[e][0])))
    found = list(dict.fromkeys(exact or agreed))[:MAX_EMOJI]
    if not found:
        return 0, []
    return (3 if exact else 2), found


# ---------------------------------------------------------------- themes and hand-made files


def read_themes(folder: Path) -> dict[str, dict]:
    themes = {}
    for path in sorted(folder.glob("*.txt")):
        head: dict[str, list[str]] = {}
        words = []
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line.startswith("#"):
                key, sep, val = line[1:].partition(":")
                if sep:
                    head[key.strip()] = val.replace(",", " ").split()
            elif line:
                words.append(line.lower())
        themes[path.stem] = {"senses": head.get("senses", []), "words": words}
    return themes


def read_deny(path: Path) -> tuple[set[str], set[str]]:
    words, emojis = set(), set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        (words if line.isascii() else emojis).add(line.lower())
    return words, emojis


def read_overrides(path: Path) -> dict[str, list[str]]:
    """word TAB emoji [emoji...]; '-' means "no emoji clue for this word"."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, _, emo = line.partition("\t")
        out[word.strip().lower()] = [] if emo.strip() == "-" else emo.split()
    return out


# ---------------------------------------------------------------- building


class Builder:
    def __init__(self, wn: MiniWN, deny: set[str], theme_words: set[str]) -> None:
        self.wn = wn
        self.deny = deny
        self.theme_words = theme_words
        self.bad_domains = {
            s[1]
            for s, (_, lemmas, _, _) in wn.syn.items()
            if BAD_DOMAINS & {x.lower() for x in lemmas}
        }

    def flagged(self, s: tuple[str, str]) -> bool:
        return any(sym == ";u" and off in self.bad_domains for sym, _, off in self.wn.syn[s][2])

    def usable(self, word: str, s: tuple[str, str]) -> bool:
        """Not vulgar, and the word is a lower-case lemma of it ("whistler" is not
        Whistler the painter); a theme word with no lower-case sense (a country)
        may use its capitalised senses."""
        _, lemmas, _, _ = self.wn.syn[s]
        if self.flagged(s):
            return False
        if word in lemmas:
            return True
        if word not in self.theme_words or word not in {x.lower() for x in lemmas}:
            return False
        return not any(
            word in self.wn.syn[o][1] for p in POS_FILES for o in self.wn.senses(word, p)
        )

    def informal(self, s: tuple[str, str]) -> bool:
        return any(sym == ";u" for sym, _, _ in self.wn.syn[s][2])

    def choose_pos(self, word: str) -> str | None:
        best = None
        for p in POS_FILES:
            senses = [s for s in self.wn.senses(word, p) if self.usable(word, s)]
            if not senses:
                continue
            key = (self.wn.tag_count(word, p), -POS_ORDER[p])
            if best is None or key > best[0]:
                best = (key, p)
        return best[1] if best else None

    def clues(self, word: str, senses: list[tuple[str, str]]) -> list[str]:
        answer = word.upper()
        glosses, blanks, synonyms = [], [], []
        for s in senses:
            _, lemmas, _, gloss = self.wn.syn[s]
            definition, examples = split_gloss(gloss)
            g = clean_gloss(definition)
            if g:
                glosses.append(g)
            for ex in examples:
                b = blank_clue(word, ex)
                if b:
                    blanks.append(b)
            for lem in lemmas:
                if lem.isalpha() and lem.islower() and lem != word and zipf(lem) >= 3.0:
                    synonyms.append(lem.capitalize())
        cut = [c for c in (self.cut_before_leak(g, answer) for g in glosses) if c]
        out: list[str] = []
        for c in glosses[:1] + blanks[:1] + glosses[1:] + blanks[1:] + cut + synonyms[:1]:
            c = c.rstrip(" ,;:-")
            if (
                c not in out
                and not clue_problems(c, answer, max_length=MAX_CLUE)
                and not related(c, word)
            ):
                out.append(c)
            if len(out) == MAX_CLUES:
                break
        return out

    @staticmethod
    def cut_before_leak(gloss: str, answer: str) -> str | None:
        """'Small ovoid fruit of the European olive tree' -> 'Small ovoid fruit'."""
        words = gloss.split()
        for i in range(1, len(words) + 1):
            if leaks(" ".join(words[:i]), answer) or related(words[i - 1], answer.lower()):
                break
        else:
            return None
        head = words[: i - 1]
        for k in range(len(head) - 1, 0, -1):
            if head[k].lower() in CUT_AT or head[k - 1].endswith(","):
                head = head[:k]
                break
        else:
            return None
        while head and head[-1].lower() in DANGLING:
            head.pop()
        text = " ".join(head).strip(" ,")
        return text if len(text) >= 12 and len(head) >= 2 else None

    def word_senses(self, word: str) -> tuple[str, list[tuple[str, str]]] | None:
        pos = self.choose_pos(word)
        if pos is None:
            return None
        every = self.wn.senses(word, pos)
        if self.flagged(every[0]):
            return None  # the most frequent sense is vulgar, slang or a slur: keep the word out
        first = [s for s in every if self.usable(word, s)]
        first = [s for s in first if not self.informal(s)] + [s for s in first if self.informal(s)]
        others = [
            s
            for p in POS_FILES
            if p != pos
            for s in self.wn.senses(word, p)[:3]
            if self.usable(word, s) and not self.informal(s)
        ]
        return pos, first[:4] + others

    def agrees(self, s: tuple[str, str], emo: str, meta: dict, word: str) -> bool:
        name, kws = meta[emo]
        etoks = (tokens(name) | {t for k in kws for t in tokens(k)}) - GENERIC - {word}
        return bool({stem(t) for t in etoks} & {stem(t) for t in self.sense_tokens(word, [s])})

    def sense_tokens(self, word: str, senses: list[tuple[str, str]]) -> set[str]:
        toks: set[str] = set()
        for s in senses[:3]:
            _, lemmas, _, gloss = self.wn.syn[s]
            toks |= tokens(gloss) | tokens(" ".join(lemmas).replace("_", " "))
            toks |= tokens(self.wn.lexname(s).split(".")[1])
            for h in self.wn.closure(s, depth=3):
                toks |= tokens(" ".join(self.wn.syn[h][1]).replace("_", " "))
        return toks


def gz_bytes(text: str) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as fh:
        fh.write(text.encode("utf-8"))
    return buf.getvalue()


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    ap.add_argument("--cldr", type=Path, required=True)
    ap.add_argument("--cldr-derived", type=Path, required=True)
    ap.add_argument("--out", type=Path, default=ROOT / "wordlists")
    ap.add_argument("--min-zipf", type=float, default=2.5)
    args = ap.parse_args(argv)

    from wordfreq import zipf_frequency

    out: Path = args.out
    themes = read_themes(out / "themes")
    deny, deny_emoji = read_deny(out / "deny.txt")
    overrides = read_overrides(out / "emoji_overrides.tsv")
    theme_words = {w for t in themes.values() for w in t["words"]}
    wn = MiniWN(args.wordnet)
    names, keywords, meta = load_emoji(args.cldr, args.cldr_derived)
    b = Builder(wn, deny, theme_words)

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
        ws = b.word_senses(word)
        if ws is None:
            continue
        pos, senses = ws
        clues = b.clues(word, senses)
        if not clues:
            continue
        senses_of[word] = senses
        if word in overrides:
            tier, emo = (4, overrides[word]) if overrides[word] else (0, [])
        else:
            tier, emo = emoji_for(word, b.sense_tokens(word, senses), names, keywords, meta)
        kept = [
            e for e in emo if e not in deny_emoji and not emoji_problems(e, answer=word.upper())
        ]
        if tier == 4 and kept != emo:
            print(f"warning: override for {word!r} drops {set(emo) - set(kept)}", file=sys.stderr)
        emo = kept
        tier = tier if emo else 0
        if emo and emo[0] in meta and not b.agrees(senses[0], emo[0], meta, word):
            # show the sense the emoji shows: TIGER the cat, not "a fierce person"
            match = [s for s in senses if b.agrees(s, emo[0], meta, word)]
            if match:
                senses = match[:1] + [s for s in senses if s != match[0]]
                clues = b.clues(word, senses) or clues
                senses_of[word] = senses
        zipf = round(zipf_frequency(word, "en") * 10)
        lex = wn.lexname(senses[0])
        rows.append(
            "\t".join(
                [word, senses[0][0], str(zipf), lex, str(tier), " ".join(emo), "|".join(clues)]
            )
        )
    (out / "lexicon.tsv.gz").write_bytes(gz_bytes("\n".join(rows) + "\n"))

    # theme senses: the clue of the sense that belongs to the theme
    theme_rows = []
    for name, theme in sorted(themes.items()):
        roots = [wn.sense_id(s) for s in theme["senses"]]
        for word in theme["words"]:
            if word not in senses_of:
                print(f"warning: theme {name}: {word!r} is not in the lexicon", file=sys.stderr)
                continue
            best = None
            for root in roots:  # the first root wins: "bass" in music is the instrument
                for p in POS_FILES:
                    for s in wn.senses(word, p):
                        if b.usable(word, s) and (s == root or root in wn.closure(s)):
                            best = best or s

            if best is None or best == senses_of[word][0]:
                continue
            clues = b.clues(word, [best])
            general = b.clues(word, senses_of[word])
            if clues and clues[0] != general[0]:
                theme_rows.append(
                    f"{name}\t{word}\t{'|'.join((clues + [c for c in general if c not in clues])[:MAX_CLUES])}"
                )
    (out / "theme_clues.tsv").write_text("\n".join(theme_rows) + "\n", encoding="utf-8")

    # hyponyms: ancestor word -> common words below it (for free-text topics)
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
    hyp_rows = [
        f"{k}\t{' '.join(sorted(v))}" for k, v in sorted(below.items()) if 4 <= len(v) <= 400
    ]
    (out / "hyponyms.tsv.gz").write_bytes(gz_bytes("\n".join(hyp_rows) + "\n"))
    print(
        f"{len(rows)} words ({sum(1 for r in rows if r.split(chr(9))[4] != '0')} with emoji), "
        f"{len(theme_rows)} theme clues, {len(hyp_rows)} hyponym rows",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
