"""Word forms: what lemma an answer is a form of, and the inverse.

One module for every inflection question in the project (the hint checks, the
themes, the offline clues and the lexicon build all ask it)::

    lemmas("miles")    -> (Form("mile", "n", "plural"),)
    lemmas("leaves")   -> (Form("leaf", "n", "plural"), Form("leave", "v", "3sg"), ...)
    lemmas("smiled")   -> (Form("smile", "v", "past"),)
    inflect("mouse", "n", "plural") -> "mice"
    inflect("grin", "v", "past")    -> "grinned"

It follows WordNet's own morphology ("morphy"): a word is looked up in the
exception lists WordNet ships (``wordlists/morphology.tsv``: MICE -> mouse,
WENT -> go, STOPPED -> stop, BETTER -> good), then the regular suffix rules are
tried, and a candidate counts only when ``known(lemma, pos)`` says the lexicon
has that lemma with that part of speech.  Inflecting is the reverse: the
exception lists read backwards, then the regular spelling rules.

Forms: "base"; nouns "plural"; verbs "3sg" (-s), "past" (-ed: past tense and
regular participle alike, both read as "Grinned"), "participle" (the irregular
KNOWN, TAKEN, WRITTEN: "Been aware of", not "Was aware of"), "ing"; adjectives
"comparative" (-er) and "superlative" (-est).  Parts of speech are WordNet's:
n, v, a, r.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = [
    "FORMS",
    "Form",
    "Morphology",
    "default_morphology",
    "form_of",
    "inflect",
    "lemmas",
    "stem_prefix",
    "stems",
]

FORMS = ("base", "plural", "3sg", "past", "participle", "ing", "comparative", "superlative")

# WordNet's detachment rules: (suffix, replacement, pos, form).
_RULES: tuple[tuple[str, str, str, str], ...] = (
    ("ses", "s", "n", "plural"),
    ("xes", "x", "n", "plural"),
    ("zes", "z", "n", "plural"),
    ("ches", "ch", "n", "plural"),
    ("shes", "sh", "n", "plural"),
    ("men", "man", "n", "plural"),
    ("ies", "y", "n", "plural"),
    ("s", "", "n", "plural"),
    ("ies", "y", "v", "3sg"),
    ("es", "e", "v", "3sg"),
    ("es", "", "v", "3sg"),
    ("s", "", "v", "3sg"),
    ("ied", "y", "v", "past"),
    ("ed", "e", "v", "past"),
    ("ed", "", "v", "past"),
    ("ing", "e", "v", "ing"),
    ("ing", "", "v", "ing"),
    ("ier", "y", "a", "comparative"),
    ("iest", "y", "a", "superlative"),
    ("er", "", "a", "comparative"),
    ("est", "", "a", "superlative"),
    ("er", "e", "a", "comparative"),
    ("est", "e", "a", "superlative"),
)
_VOWELS = set("aeiou")
Known = Callable[[str, str], bool]


def _by_last_letter() -> dict[str, tuple[tuple[str, str], ...]]:
    """_RULES' distinct (suffix, replacement) pairs by the suffix's last letter: `stems`
    runs for every word of every clue checked, and most words end in a letter that no
    rule's suffix ends in."""
    table: dict[str, list[tuple[str, str]]] = {}
    for suffix, repl in dict.fromkeys((suffix, repl) for suffix, repl, _, _ in _RULES):
        table.setdefault(suffix[-1], []).append((suffix, repl))
    return {last: tuple(pairs) for last, pairs in table.items()}


_STRIPS = _by_last_letter()
# The most letters `_stems` takes off a word: a suffix of _RULES, or -ing/-ed and the
# derived -ers/-er/-est/-ly with one letter of a doubled consonant.
_MAX_STRIP = max([len(suffix) for suffix, _, _, _ in _RULES] + [len("ers") + 1, len("ing") + 1])


@dataclass(frozen=True, slots=True)
class Form:
    """``word`` is the ``form`` of ``lemma`` (a WordNet part of speech ``pos``)."""

    lemma: str
    pos: str
    form: str


def _exception_form(word: str, pos: str) -> str:
    """Which form an exception-list word is: KNIVES plural, WENT past, BETTER comparative."""
    if pos == "n":
        return "plural"
    if pos == "v":
        if word.endswith("ing"):
            return "ing"
        if word.endswith("s") and not word.endswith("ss"):
            return "3sg"
        return "participle" if _participle(word) else "past"
    if pos == "a":
        return "superlative" if word.endswith("st") else "comparative"
    return "base"


class Morphology:
    """WordNet's exception lists, read from ``morphology.tsv`` on first use."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self._lemmas: dict[str, tuple[tuple[str, str], ...]] | None = None
        self._forms: dict[tuple[str, str, str], str] | None = None
        self._lock = threading.Lock()

    def _load(self) -> None:
        if self._lemmas is not None:
            return
        with self._lock:
            if self._lemmas is not None:
                return
            lemmas: dict[str, list[tuple[str, str]]] = {}
            forms: dict[tuple[str, str, str], str] = {}
            text = self.path.read_text(encoding="utf-8") if self.path else ""
            for line in text.splitlines():
                parts = line.split("\t")
                if len(parts) != 3 or line.startswith("#"):
                    continue
                word, pos, bases = parts
                for lemma in bases.split():
                    lemmas.setdefault(word, []).append((lemma, pos))
                    forms.setdefault((lemma, pos, _exception_form(word, pos)), word)
            self._forms = forms
            self._lemmas = {w: tuple(v) for w, v in lemmas.items()}

    def exceptions(self, word: str) -> tuple[tuple[str, str], ...]:
        """(lemma, pos) pairs the exception lists give for ``word``."""
        self._load()
        assert self._lemmas is not None
        return self._lemmas.get(word, ())

    def irregular(self, lemma: str, pos: str, form: str) -> str | None:
        self._load()
        assert self._forms is not None
        return self._forms.get((lemma, pos, form))


def _participle(word: str) -> bool:
    return word.endswith(("en", "wn", "ne", "un"))  # gone, seen, written, shown, begun


_DEFAULT: Morphology | None = None


def default_morphology() -> Morphology:
    """The exception lists shipped in wordlists/ (shared, loaded once)."""
    global _DEFAULT
    if _DEFAULT is None:
        from .lexicon import DATA_DIR

        _DEFAULT = Morphology(DATA_DIR / "morphology.tsv")
    return _DEFAULT


def lemmas(word: str, known: Known, morphology: Morphology | None = None) -> tuple[Form, ...]:
    """Every (lemma, pos, form) reading of ``word`` that the lexicon knows.

    ``word`` itself comes first when ``known(word, pos)`` for some pos ("glasses",
    "building"), then the exception lists, then the regular rules, without repeats.
    """
    w = word.strip().lower()
    morph = morphology or default_morphology()
    out: list[Form] = [Form(w, pos, "base") for pos in "nvar" if known(w, pos)]
    for lemma, pos in morph.exceptions(w):
        if known(lemma, pos):
            out.append(Form(lemma, pos, _exception_form(w, pos)))
    for suffix, repl, pos, form in _RULES:
        if w.endswith(suffix) and len(w) > len(suffix):
            lemma = w[: -len(suffix)] + repl
            if len(lemma) >= 2 and lemma != w and known(lemma, pos):
                out.append(Form(lemma, pos, form))
    return tuple(dict.fromkeys(out))


def stems(word: str, *, derived: bool = False) -> frozenset[str]:
    """``word`` and everything it may be a form of, generously, for leak checks:
    KNEES -> {knees, knee}, MICE -> {mice, mouse}, HOPPED -> {hopped, hop, hopp, hoppe};
    with ``derived`` also -er, -est and -ly stems (TEACHER -> teach).  Stems shorter
    than 3 letters are left out."""
    return _stems(word.strip().lower(), derived)


@lru_cache(maxsize=65536)
def _stems(w: str, derived: bool) -> frozenset[str]:
    out = {w}
    for lemma, _pos in default_morphology().exceptions(w):
        out.add(lemma)
    for suffix, repl in _STRIPS.get(w[-1:], ()):
        if w.endswith(suffix):
            out.add(w[: -len(suffix)] + repl)
    for suffix in ("ing", "ed"):
        if w.endswith(suffix):
            out.add(_undouble(w[: -len(suffix)]))
    if derived:
        for suffix in ("ers", "er", "est", "ly"):
            stem = w[: -len(suffix)]
            if w.endswith(suffix) and len(stem) >= 4:
                out.update((stem, _undouble(stem)))
                if suffix != "ly":
                    out.add(stem + "e")
    return frozenset(x for x in out if len(x) >= 3)


def stem_prefix(word: str) -> str | None:
    """A prefix of every stem in ``stems(word, derived=True)``, found without computing
    them, so a leak check can rule a string out cheaply: the regular rules keep all but
    the last few letters (HOPPING -> hop) and never lengthen a word; a word in the
    exception lists may stem to anything (WENT -> go) and gets None.  Keep in step
    with `_stems`."""
    w = word.strip().lower()
    if default_morphology().exceptions(w):
        return None
    return w[: max(len(w) - _MAX_STRIP, 0)]


def _undouble(stem: str) -> str:
    if len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] not in "aeiouslz":
        return stem[:-1]
    return stem


def form_of(word: str, known: Known, morphology: Morphology | None = None) -> Form | None:
    """The first reading of ``word`` (see `lemmas`), or None when nothing is known."""
    found = lemmas(word, known, morphology)
    return found[0] if found else None


def inflect(lemma: str, pos: str, form: str, morphology: Morphology | None = None) -> str:
    """``lemma`` in ``form``: ("mouse", "n", "plural") -> "mice"; base forms unchanged.

    Multi-word lemmas inflect their head: the last word for nouns ("ice creams"),
    the first for verbs ("gives up").
    """
    if form == "base" or not lemma:
        return lemma
    if " " in lemma:
        words = lemma.split(" ")
        i = 0 if pos == "v" else len(words) - 1
        words[i] = inflect(words[i], pos, form, morphology)
        return " ".join(words)
    morph = morphology or default_morphology()
    irregular = morph.irregular(lemma.lower(), pos, form)
    if irregular is None and form == "participle":  # MADE, HIT, CONFERRED: as the past
        irregular = morph.irregular(lemma.lower(), pos, "past")
    if irregular is not None:
        return _same_case(irregular, lemma)
    rule = _REGULAR.get(form)
    return _same_case(rule(lemma.lower()), lemma) if rule else lemma


def _same_case(word: str, like: str) -> str:
    return word.capitalize() if like[:1].isupper() else word


def _plural(w: str) -> str:
    if w.endswith(("s", "x", "z", "ch", "sh")):
        return w + "es"
    if w.endswith("y") and len(w) > 1 and w[-2] not in _VOWELS:
        return w[:-1] + "ies"
    return w + "s"


def _third_person(w: str) -> str:
    if w.endswith("o") and len(w) > 1 and w[-2] not in _VOWELS:
        return w + "es"  # goes, does, echoes
    return _plural(w)


# Verbs whose past is the verb itself (WordNet's exception lists leave them out).
_SAME_PAST = frozenset(
    ["shut", "cut", "put", "hit", "set", "let", "cost", "hurt", "spread", "quit", "split"]
    + ["burst", "cast", "bet", "bid", "rid", "shed", "slit", "thrust", "upset", "read"]
    + ["broadcast", "forecast", "beat", "spit", "knit", "wed", "fit", "sweat"]
)


def _past(w: str) -> str:
    if w in _SAME_PAST:
        return w
    if w.endswith("e"):
        return w + "d"
    if w.endswith("y") and len(w) > 1 and w[-2] not in _VOWELS:
        return w[:-1] + "ied"
    if _doubles(w):
        return w + w[-1] + "ed"
    return w + "ed"


def _ing(w: str) -> str:
    if w.endswith("ie"):
        return w[:-2] + "ying"
    if w.endswith("e") and not w.endswith(("ee", "ye", "oe")) and len(w) > 2:
        return w[:-1] + "ing"
    if _doubles(w):
        return w + w[-1] + "ing"
    return w + "ing"


def _doubles(w: str) -> bool:
    """Short consonant-vowel-consonant words double their last letter (stop -> stopped);
    WordNet's exception lists hold the longer ones (regretted)."""
    return (
        len(w) in (3, 4)
        and w[-1] not in _VOWELS | set("wxy")
        and w[-2] in _VOWELS
        and w[-3] not in _VOWELS
        and (len(w) == 3 or w[-4] not in _VOWELS)
    )


def _comparative(w: str) -> str:
    return _compared(w, "more", "er")


def _superlative(w: str) -> str:
    return _compared(w, "most", "est")


def _compared(w: str, long_form: str, ending: str) -> str:
    """BIG -> BIGGER/BIGGEST, HAPPY -> HAPPIER, long adjectives -> "more"/"most" X."""
    if len(w) > 6:
        return f"{long_form} {w}"
    if w.endswith("e"):
        return w + ending[1:]
    if w.endswith("y") and w[-2:-1] not in _VOWELS:
        return w[:-1] + "i" + ending
    return w + w[-1] + ending if _doubles(w) else w + ending


_REGULAR: dict[str, Callable[[str], str]] = {
    "plural": _plural,
    "3sg": _third_person,
    "past": _past,
    "participle": _past,
    "ing": _ing,
    "comparative": _comparative,
    "superlative": _superlative,
}
