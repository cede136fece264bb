"""Dictionary glosses made into clues: one tidy clause of at most 80 characters.

Used by the lexicon build (scripts/build_lexicon.py) and by the offline provider,
so both cut the same way::

    clean_gloss("a unit of length equal to 1,760 yards or 5,280 feet; exactly 1609.344 meters")
        -> "A unit of length equal to 1,760 yards or 5,280 feet"
    cut_clause("A fundamental feeling that is hard to define but that people desire")
        -> "A fundamental feeling"

A gloss is cut only at a clause boundary (";", ":", a comma before a new
clause, or a word that starts a relative or participle clause such as "that",
"which", "usually", "especially"), never in the middle of a phrase; when no
boundary leaves a clue of 12 to ``limit`` characters, there is no clue.
"""

from __future__ import annotations

import re

from ..inflect import default_morphology

__all__ = [
    "MAX_CLUE",
    "CLAUSE_WORDS",
    "DANGLING",
    "clean_gloss",
    "cut_before",
    "cut_clause",
    "split_gloss",
]

MAX_CLUE = 80
MIN_CLUE = 12

# A clause may end right before these words: "Nocturnal bird of prey | with hawk-like beak".
CLAUSE_WORDS = frozenset(
    [
        "that",
        "which",
        "who",
        "whose",
        "where",
        "when",
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
        "because",
        "but",
        "as",
        "in",
        "from",
        "for",
        "by",
        "on",
    ]
)
# Words a clue must not end on: "A feeling that is hard to define but".
DANGLING = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "but",
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
        "their",
        "his",
        "her",
        "on",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "very",
        "into",
        "than",
        "such",
        "especially",
        "usually",
        "often",
        "if",  # "Covered with or as if | with a carpet"
        "when",
        "where",
        "not",
    ]
)
# Phrase words after which a cut would split a phrase ("dealing | with ...").
_PHRASAL = re.compile(r"(ing|ed)$")


def split_gloss(gloss: str) -> tuple[str, list[str]]:
    """WordNet's 'definition; more; "example one"; "example two"' -> (definition, examples)."""
    examples = re.findall(r'"([^"]+)"', gloss)
    definition = re.split(r';\s*"', gloss, maxsplit=1)[0]
    return definition.strip(), examples


def clean_gloss(definition: str, limit: int = MAX_CLUE) -> str | None:
    """A WordNet definition as a clue: parentheses dropped, the first part before a
    ';' or ':', capitalised, cut to at most ``limit`` characters at a clause boundary."""
    text = re.sub(r"\([^)]*\)", "", definition)
    text = text.replace("`", "'").replace("''", '"').replace("|", "/").replace("~", "-")
    text = text.replace("^", " to the power ")  # "10^9 bits"; "^" separates lexicon fields
    text = re.split(r"[;:]", text)[0]
    text = re.sub(r"\s+", " ", text).strip(" ,.-")
    text = re.sub(r"\s+,", ",", text)
    cut = cut_clause(text, limit)
    if cut is None or len(cut) < 3 or cut.split()[-1].lower() in DANGLING:
        return None  # "Determine the result of (a competition)": the object is gone
    return cut[0].upper() + cut[1:]


def cut_clause(text: str, limit: int = MAX_CLUE) -> str | None:
    """``text`` if it fits in ``limit`` characters, else its longest head that ends at a
    clause boundary, keeps 3+ words and 12+ characters and does not end on a dangling
    word; None when there is no such head."""
    text = text.strip()
    if len(text) <= limit:
        return text
    words = text.split()
    best = None
    for k in range(3, len(words)):
        head = words[:k]
        boundary = head[-1].endswith((",", ";")) or words[k].lower().strip(",;") in CLAUSE_WORDS
        if not boundary:
            continue
        last = head[-1].lower().strip(",;")
        if _past_participle(last) or (words[k].lower() == "with" and _PHRASAL.search(last)):
            continue  # "gypsum used | for carving", "dealing | with ...": it goes on
        while head and head[-1].lower().strip(",;") in DANGLING:
            head = head[:-1]
        candidate = " ".join(head).rstrip(" ,;:")
        if len(head) >= 3 and MIN_CLUE <= len(candidate) <= limit:
            best = candidate if best is None or len(candidate) > len(best) else best
    return best


def _past_participle(word: str) -> bool:
    """USED, MADE, WORN (not BED, SPEED: a noun often ends a clause in -ed too)."""
    if word.endswith("ed") and len(word) >= 4 and not word.endswith("eed"):
        return True
    return any(pos == "v" and word != lemma for lemma, pos in default_morphology().exceptions(word))


def _goes_on(word: str) -> bool:
    """A participle, regular or irregular ("formed", "made", "worn"): a head ending on
    one is a phrase cut mid-way ("Fur coat made | from the pelts of mink")."""
    if _PHRASAL.search(word):
        return True
    return any(pos == "v" and word != lemma for lemma, pos in default_morphology().exceptions(word))


def cut_before(text: str, index: int) -> str | None:
    """The longest head of ``text`` that ends at a clause boundary before word ``index``
    (a word that must not appear, such as another answer): "Small ovoid fruit of the
    European olive tree" with OLIVE at 6 -> "Small ovoid fruit".  Heads of fewer than
    three words, or ending on a dangling word or a participle ("A mountain formed"),
    are refused: None."""
    words = text.split()[:index]
    for k in range(len(words) - 1, 2, -1):
        nxt = words[k].lower().strip(",;")
        if not (nxt in CLAUSE_WORDS or words[k - 1].endswith((",", ";"))):
            continue
        head = words[:k]
        while head and head[-1].lower().strip(",;") in DANGLING:
            head = head[:-1]
        if head and _goes_on(head[-1].lower().strip(",;")):
            continue  # "A mountain formed | by ...": the phrase goes on
        cut = " ".join(head).rstrip(" ,;:")
        if len(head) >= 3 and len(cut) >= MIN_CLUE:
            return cut
    return None
