"""Clues in the answer's own form: a plural answer gets a plural clue, a past
tense a past-tense clue, as crossword editors write them::

    clue_in_form("A small carnivorous mammal", "n", "plural", known)
        -> "Small carnivorous mammals"
    clue_in_form("Change one's facial expression by spreading the lips", "v", "past", known)
        -> "Changed one's facial expression by spreading the lips"
    synonym_in_form("grin", "v", "past") -> "Grinned"

Each function returns None when it cannot put the clue into the form safely;
the caller then tries the next clue.  Never a "(plural)" tag.
"""

from __future__ import annotations

from ..inflect import Known, inflect

__all__ = ["clue_in_form", "synonym_in_form"]

_HEAD_END = frozenset(
    [
        "of",
        "that",
        "which",
        "who",
        "whose",
        "with",
        "for",
        "in",
        "on",
        "from",
        "by",
        "to",
        "at",
        "used",
        "having",
        "consisting",
        "containing",
        "made",
        "resembling",
        "where",
        "when",
        "or",
        "as",
        "like",
        "into",
        "between",
        "under",
        "over",
        "against",
        "about",
        "through",
        "without",
        "within",
        "toward",
        "towards",
        "among",
        "across",
        "along",
        "around",
        "behind",
        "beyond",
        "near",
        "than",
        "and",
        "so",
        "if",
        "because",
        "such",
        "after",
        "before",
        "during",
        "until",
        "above",
        "below",
        "beneath",
        "beside",
        "inside",
        "outside",
        "upon",
        "onto",
        "via",
        "per",
        "except",
        "unlike",
        "despite",
        "amid",
        "throughout",
    ]
)
# Nouns whose plural is the same word ("Female offspring", not "offsprings").
_INVARIANT = frozenset(
    [
        "offspring",
        "sheep",
        "deer",
        "species",
        "series",
        "aircraft",
        "moose",
        "equipment",
        "information",
        "furniture",
        "advice",
        "news",
        "staff",
        "police",
        "cattle",
        "swine",
        "headquarters",
        "means",
    ]
)
_PRONOUN_PLURALS = {
    "someone": "people",
    "somebody": "people",
    "person": "people",
    "something": "things",
    "anything": "things",
}
_ARTICLES = frozenset(["a", "an", "the", "one"])
_GROUP_OPENERS = ("any of ", "one of ", "some of ")
_AGREEMENT = {"is": "are", "has": "have", "was": "were", "does": "do"}
_RELATIVES = frozenset(["that", "which", "who"])
_VERB_INTRO = frozenset(["to"])
_SHORT_VERBS = frozenset(["go", "do"])  # the lexicon keeps words of 3+ letters only
_DEGREE = frozenset(
    ["relatively", "comparatively", "fairly", "quite", "rather", "somewhat", "very", "more"]
)
_BE = {"3sg": "is", "past": "was", "ing": "being", "participle": "been"}


def clue_in_form(text: str, pos: str, form: str, known: Known) -> str | None:
    """``text`` (a clue of a lemma) rewritten for the answer's ``form``, or None."""
    if form == "base":
        return text
    words = text.split()
    if not words:
        return None
    if pos == "n" and form == "plural":
        out = _plural_noun_phrase(words, known)
    elif pos == "v" and form in ("3sg", "past", "ing", "participle"):
        out = _verb_phrase(words, form, known)
    elif pos == "a" and form in ("comparative", "superlative"):
        out = _adjective_phrase(words, form, known)
    else:
        out = None
    return _capital(" ".join(out)) if out else None


def synonym_in_form(word: str, pos: str, form: str) -> str:
    """A synonym of the answer's lemma in the answer's form, as a clue ("Grinned")."""
    return _capital(inflect(word.replace("_", " "), pos, form))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _bare(word: str) -> str:
    return word.lower().strip(",;:.")


def _plural_noun_phrase(words: list[str], known: Known) -> list[str] | None:
    """'A small carnivorous mammal that lives ...' -> 'Small carnivorous mammals that live ...'."""
    lowered = " ".join(words).lower()
    for opener in _GROUP_OPENERS:
        rest = lowered[len(opener) :].split(" ", 1)[0]
        if lowered.startswith(opener) and rest in ("various", "several", "many", "numerous"):
            return words[len(opener.split()) :]  # "Any of various fishes": already plural
    if _bare(words[0]) in _ARTICLES:
        words = words[1:]
    head = _head_index(words, known)
    if head is None:
        return None
    token = _bare(words[head])
    plural = _PRONOUN_PLURALS.get(token) or (
        token if token in _INVARIANT else inflect(token, "n", "plural")
    )
    if " " in plural:
        return None
    if words[head][:1].isupper():  # a name keeps its capital: "Roman emperors"
        plural = _capital(plural)
    out = list(words)
    out[head] = plural + words[head][len(token) :]
    nxt = head + 2  # "painter or sculptor" -> "painters or sculptors"
    if nxt < len(out) and _bare(out[head + 1]) in ("or", "and") and known(_bare(out[nxt]), "n"):
        other = _bare(out[nxt])
        out[nxt] = inflect(other, "n", "plural") + out[nxt][len(other) :]
        head = nxt
    _agree(out, head + 1)
    return out


def _head_index(words: list[str], known: Known) -> int | None:
    """The head noun of a noun phrase: the last word before the first word that ends
    it ("mammal" in "small mammal that lives ..."), or a word before a comma."""
    end = len(words)
    for i, w in enumerate(words):
        if i > 0 and _bare(w) in _HEAD_END and not w[:1].isupper():  # "Near East": a name
            end = i
            break
        if w.endswith(","):
            end = i + 1
            break
    if end == 0 or end > 6:
        return None
    token = _bare(words[end - 1])
    rare = not any(known(token, p) for p in "nvar")  # "buccaneer": a noun the lexicon lacks
    if not token.isalpha() or not (known(token, "n") or rare or token in _PRONOUN_PLURALS):
        return None
    return end - 1


def _agree(words: list[str], start: int) -> None:
    """'mammals that lives' -> 'mammals that live', 'bodies of water that flows' ->
    '... that flow' (the verb of a relative clause within a few words)."""
    rel = next(
        (i for i in range(start, min(start + 4, len(words) - 1)) if _bare(words[i]) in _RELATIVES),
        None,
    )
    if rel is None:
        return
    start = rel
    verb = _bare(words[start + 1])
    if verb in _AGREEMENT:
        words[start + 1] = _AGREEMENT[verb]
    elif verb.endswith("s") and not verb.endswith("ss"):
        for base in (verb[:-1], verb[:-2], verb[:-3] + "y" if verb.endswith("ies") else ""):
            if base and inflect(base, "v", "3sg") == verb:
                words[start + 1] = base
                return


def _verb_phrase(words: list[str], form: str, known: Known) -> list[str] | None:
    """'Go away from a place' -> 'Went away from a place'; 'Be or become' -> 'Was or became'."""
    if _bare(words[0]) in _VERB_INTRO and len(words) > 1:
        words = words[1:]
    first = 0
    if _bare(words[0]).endswith("ly") and len(words) > 1:
        first = 1  # "Briefly visit" -> "Briefly visited"
    out = list(words)
    if not _inflect_verb(out, first, form, lambda w, pos: _leads(w) or known(w, pos)):
        return None
    for j in range(first + 1, min(len(out) - 1, first + 8)):  # "Take ... and go on"
        if _bare(out[j]) in ("or", "and") and not out[j - 1].endswith(","):
            _inflect_verb(out, j + 1, form, known)
    return out


def _leads(token: str) -> bool:
    """A verb clue's first word is its verb (WordNet's verb glosses all start with one:
    "Excrete perspiration..."), even one too rare for the lexicon, unless it is plainly
    not a verb."""
    return token not in _NOT_VERBS


_NOT_VERBS = frozenset(
    ["a", "an", "the", "to", "of", "in", "on", "at", "by", "for", "with", "from", "as", "not", "no"]
)


def _inflect_verb(words: list[str], i: int, form: str, known: Known) -> bool:
    token = _bare(words[i])
    if token == "be":
        words[i] = _BE[form] + words[i][len(token) :]
        return True
    if not token.isalpha() or not (token in _SHORT_VERBS or known(token, "v")):
        return False
    words[i] = inflect(token, "v", form) + words[i][len(token) :]
    return True


def _adjective_phrase(words: list[str], form: str, known: Known) -> list[str] | None:
    """'Relatively low in price' -> 'Lower in price'; 'Showy' -> 'Showier';
    'Having lived for a relatively long time' -> 'Having lived for a longer time'."""
    graded_inside = _grade_inside(words, form, known)
    if graded_inside:
        return graded_inside
    i = 0
    if _bare(words[0]) in _DEGREE and len(words) > 1:
        i = 1
    token = _bare(words[i])
    if not token.isalpha() or not known(token, "a"):
        return None
    graded = inflect(token, "a", form)
    if " " in graded and len(words) > 3:
        return None  # "More tastelessly showy and ..." reads badly; try another clue
    return [graded + words[i][len(token) :], *words[i + 1 :]]


def _grade_inside(words: list[str], form: str, known: Known) -> list[str] | None:
    """'... a relatively long time' -> '... a longer time' / '... the longest time'."""
    for i in range(1, len(words) - 1):
        token = _bare(words[i + 1])
        if _bare(words[i]) != "relatively" or not known(token, "a"):
            continue
        graded = inflect(token, "a", form)
        if " " in graded:
            return None
        out = [*words[:i], graded + words[i + 1][len(token) :], *words[i + 2 :]]
        if form == "superlative" and _bare(out[i - 1]) in ("a", "an"):
            out[i - 1] = "the"
        return out
    return None
