"""Offline clues in the answer's own form and common sense, emoji that fit the clue's
sense, and the stricter leak check (issue: offline clues for any words)."""

import pytest

from crossword.hints import HintContext, HintRequest
from crossword.hints.checks import leaks
from crossword.hints.forms import clue_in_form, synonym_in_form
from crossword.hints.gloss import clean_gloss, cut_before, cut_clause
from crossword.hints.offline import OfflineHintProvider
from crossword.lexicon import default_lexicon


@pytest.fixture(scope="module")
def provider(generated_lexicon):
    """The generated lexicon's clues (the everyday table has tests of its own)."""
    return OfflineHintProvider(generated_lexicon)


def clue(provider, answer, topic=None):
    return provider.hints([HintRequest(answer)], HintContext(topic=topic))[answer]


@pytest.mark.parametrize(
    "text, pos, form, expected",
    [
        ("A small carnivorous mammal", "n", "plural", "Small carnivorous mammals"),
        ("Any of various tailless amphibians", "n", "plural", "Various tailless amphibians"),
        ("A body of water that flows", "n", "plural", "Bodies of water that flow"),
        ("Weekday after Sunday", "n", "plural", "Weekdays after Sunday"),  # not "sundays"
        ("Native American", "n", "plural", "Native Americans"),  # a name keeps its capital
        ("Ancient Near East weight", "n", "plural", "Ancient Near East weights"),  # not "Ancients"
        ("Go away from a place", "v", "past", "Went away from a place"),
        ("Go away from a place", "v", "3sg", "Goes away from a place"),
        ("Be or become aware", "v", "past", "Was or became aware"),
        ("Relatively low in price", "a", "comparative", "Lower in price"),
    ],
)
def test_a_clue_is_put_in_the_answers_form(known, text, pos, form, expected):
    assert clue_in_form(text, pos, form, known) == expected


def test_a_synonym_is_inflected_like_the_answer():
    assert synonym_in_form("grin", "v", "past") == "Grinned"
    assert synonym_in_form("spud", "n", "plural") == "Spuds"


@pytest.mark.parametrize(
    "answer, lemma_word",
    [("MILES", "mile"), ("BANKS", "bank"), ("PLATES", "plate"), ("MICE", "mouse")],
)
def test_plural_answers_are_read_as_their_singular(provider, answer, lemma_word):
    reading = provider.reading(answer)
    assert reading is not None and reading.form.lemma == lemma_word
    assert reading.form.form == "plural"


@pytest.mark.parametrize(
    "answer",
    ["MILES", "BANKS", "PLATES", "MICE", "GEESE", "KNIVES", "WOLVES", "CHILDREN", "TEETH",
     "SMILED", "BORROWED", "CHEAPER", "LEAVES", "ONES", "ATTACKS", "BONES", "SALMON", "PIKE"],
)  # fmt: skip
def test_ordinary_words_never_get_a_pattern_filler_or_a_plural_tag(provider, answer):
    got = clue(provider, answer)
    assert "(plural)" not in got.text
    assert "letter word" not in got.text and "starting with" not in got.text, got.text


def test_plural_answers_get_plural_clues(provider):
    assert clue(provider, "MILES").text.startswith("Units of length")
    assert clue(provider, "MICE").emoji in ("🐭🐭", "🐁🐁")


def test_a_past_tense_answer_gets_a_past_tense_clue(provider):
    text = clue(provider, "SMILED").text
    assert text.split()[0].endswith("ed"), text


def test_a_fill_in_the_blank_needs_exactly_the_answers_form(provider):
    lex = default_lexicon()
    sense = next(s for s in lex.get("sink").senses if any(f == "past" for f, _ in s.blanks))
    blank = next(t for f, t in sense.blanks if f == "past")
    assert "___" in blank
    reading = provider.reading("SINKS")
    assert reading is not None and reading.form.form != "past"
    assert blank not in [c.text for c in provider._candidates(reading, _puzzle())]


def _puzzle():
    from crossword.hints.offline import _Puzzle

    return _Puzzle(answers=(), themes=(), topic=None, used_clues=[], used_emoji=[])


def test_the_common_sense_wins_over_a_rare_one(provider):
    assert "fish" in clue(provider, "PIKE").text.lower()
    assert "percussion" not in clue(provider, "BONES").text.lower()


def test_the_emoji_pictures_the_clues_sense(provider):
    heel = clue(provider, "HEEL", topic="body")
    assert heel.emoji != "👠"
    wave = clue(provider, "WAVE", topic="ocean")
    assert wave.emoji != "👋"
    assert clue(provider, "TROUT").emoji == "🐟"


@pytest.mark.parametrize(
    "text, answer",
    [
        ("Kneecap's place", "KNEE"),
        ("Not unusual at all", "USUAL"),
        ("Phone", "TELEPHONE"),  # a clue word that is part of the answer
        ("Red berry", "RASPBERRY"),
    ],
)
def test_a_stem_inside_a_longer_clue_word_leaks(text, answer):
    assert leaks(text, answer)


def test_glosses_are_cut_at_a_clause_boundary_never_mid_phrase():
    text = "A fundamental feeling that is hard to define but that people desire to have"
    assert cut_clause(text, 40) == "A fundamental feeling"
    assert clean_gloss("determine the result of (a competition)") is None


@pytest.mark.parametrize(
    "text, index",
    [
        ("Fur coat made from the pelts of mink", 7),  # irregular participle
        ("A long coat worn by sailors at sea near the mink", 10),
        ("A mountain formed by the eruption of a volcano", 8),  # regular one
        ("Covered with or as if with a carpet", 7),  # ends on "as if"
    ],
)
def test_a_cut_never_ends_on_a_participle(text, index):
    assert cut_before(text, index) is None


def test_a_long_gloss_is_not_cut_after_a_participle():
    text = "A compact fine-textured, usually white gypsum used for carving and for statues"
    assert cut_clause(text, 60) != "A compact fine-textured, usually white gypsum used"


def test_a_cut_keeps_a_whole_phrase():
    assert cut_before("Small ovoid fruit, of the European olive tree", 6) == "Small ovoid fruit"
