"""The one inflection module: an answer's lemma(s) and form, and the inverse."""

import pytest

from crossword.inflect import Form, default_morphology, inflect, lemmas, stem_prefix, stems
from crossword.lexicon import DATA_DIR, default_lexicon


@pytest.mark.parametrize(
    "word, lemma, pos, form",
    [
        ("miles", "mile", "n", "plural"),
        ("banks", "bank", "n", "plural"),
        ("plates", "plate", "n", "plural"),
        ("mice", "mouse", "n", "plural"),
        ("geese", "goose", "n", "plural"),
        ("knives", "knife", "n", "plural"),
        ("wolves", "wolf", "n", "plural"),
        ("children", "child", "n", "plural"),
        ("teeth", "tooth", "n", "plural"),
        ("leaves", "leaf", "n", "plural"),
        ("leaves", "leave", "v", "3sg"),
        ("smiled", "smile", "v", "past"),
        ("borrowed", "borrow", "v", "past"),
        ("stopped", "stop", "v", "past"),
        ("ran", "run", "v", "past"),
        ("running", "run", "v", "ing"),
        ("cheaper", "cheap", "a", "comparative"),
        ("happiest", "happy", "a", "superlative"),
    ],
)
def test_an_answer_is_read_as_a_form_of_its_lemma(known, word, lemma, pos, form):
    assert Form(lemma, pos, form) in lemmas(word, known)


def test_es_is_not_stripped_when_s_makes_the_word(known):
    # MILES is not MIL, BANKS not BAN, PLATES not PLAT: only known lemmas count, the
    # likeliest first
    assert Form("mil", "n", "plural") not in lemmas("miles", known)
    assert [f.lemma for f in lemmas("plates", known)][0] == "plate"


def test_a_word_that_is_a_lemma_itself_comes_first(known):
    assert lemmas("glasses", known)[0] == Form("glasses", "n", "base")


@pytest.mark.parametrize(
    "lemma, pos, form, expected",
    [
        ("mouse", "n", "plural", "mice"),
        ("box", "n", "plural", "boxes"),
        ("story", "n", "plural", "stories"),
        ("knife", "n", "plural", "knives"),
        ("grin", "v", "past", "grinned"),
        ("smile", "v", "past", "smiled"),
        ("go", "v", "past", "went"),
        ("carry", "v", "past", "carried"),
        ("go", "v", "3sg", "goes"),
        ("make", "v", "ing", "making"),
        ("lie", "v", "ing", "lying"),
        ("cheap", "a", "comparative", "cheaper"),
        ("good", "a", "comparative", "better"),
        ("inexpensive", "a", "comparative", "more inexpensive"),
        ("ice cream", "n", "plural", "ice creams"),
        ("give up", "v", "past", "gave up"),
        ("make", "v", "participle", "made"),  # irregular past, same participle
        ("confer", "v", "participle", "conferred"),
        ("write", "v", "participle", "written"),
    ],
)
def test_inflect_is_the_inverse(lemma, pos, form, expected):
    assert inflect(lemma, pos, form) == expected


def test_stems_for_leak_checks():
    assert {"knee"} <= stems("knees")
    assert "mouse" in stems("mice")
    assert "hop" in stems("hopped")
    assert "teach" in stems("teacher", derived=True)


def test_every_stem_starts_with_the_stem_prefix():
    """The leak check rules strings out by `stem_prefix` and their length, so both must
    hold for every word: the exception-list words (WENT -> go) and every 31st word of the lexicon."""
    exceptions = [
        line.split("\t")[0]
        for line in (DATA_DIR / "morphology.tsv").read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
    ]
    words = exceptions + sorted(default_lexicon().rows)[::31]
    words += ["hoppers", "happiest", "churches", "teachers", "knives", "a", ""]
    for word in words:
        prefix = stem_prefix(word)
        if prefix is None:
            assert default_morphology().exceptions(word.lower()), word
            continue
        for stem in stems(word, derived=True):
            assert stem.startswith(prefix) and len(stem) <= len(word), (word, prefix, stem)


def test_the_stem_prefix_is_long_for_a_regular_word_and_none_for_an_exception():
    assert stem_prefix("Sunflowers") == "sunflo"
    assert stem_prefix("cat") == ""
    assert default_morphology().exceptions("went")
    assert stem_prefix("went") is None
