"""The hand-written everyday clues (wordlists/everyday_clues.tsv.gz): the tier a teacher's
own word list meets first.  Behaviour is tested on a small table of our own beside the
shipped data; the shipped table itself is checked row by row."""

import pytest

from crossword.hints import HintContext, HintRequest
from crossword.hints.checks import clue_problems, emoji_problems
from crossword.hints.offline import OfflineHintProvider
from crossword.lexicon import default_lexicon

TABLE = """# word TAB pos TAB clues TAB emoji
play\tv\tTake part in a game|Have fun\t🎲|⚽
can\tn\tTin container\t🥫
yours\tx\tBelonging to you\t-
realistic\ta\tTrue to life\t📷
trout\tn\tSpeckled river fish\t🐟|🎣
salmon\tn\tPink-fleshed fish that swims upstream\t🐟|🍣
sake\tn\tBenefit|Japanese rice wine\t-
"""


@pytest.fixture(scope="module")
def provider(lexicon_with_everyday):
    return OfflineHintProvider(lexicon_with_everyday(TABLE))


def hint(provider, *answers):
    reqs = [HintRequest(a) for a in answers]
    return provider.hints(reqs, HintContext(answers=list(answers)))


def test_a_verb_form_gets_the_everyday_clue_in_its_tense(provider):
    out = hint(provider, "PLAYED", "PLAYING")
    assert out["PLAYED"].text == "Took part in a game"
    assert out["PLAYING"].text == "Taking part in a game"
    assert out["PLAYED"].emoji == "🎲"


def test_the_editors_part_of_speech_wins_over_the_lexicons(provider):
    reading = provider.reading("CANS")
    assert reading is not None and (reading.form.pos, reading.form.form) == ("n", "plural")
    out = hint(provider, "CANS")["CANS"]
    assert out.text == "Tin containers"
    assert out.emoji == "🥫🥫"  # a pictogram doubled for the plural


def test_a_word_clued_only_as_written_needs_no_lexicon_entry(provider):
    out = hint(provider, "YOURS", "REALISTIC")
    assert out["YOURS"].text == "Belonging to you"
    assert out["YOURS"].emoji is None  # "-": the editor found no honest emoji
    assert out["REALISTIC"].text == "True to life"


def test_two_fish_in_one_puzzle_get_different_emoji(provider):
    out = hint(provider, "TROUT", "SALMON")
    assert out["TROUT"].emoji == "🐟"
    assert out["SALMON"].emoji == "🍣"


def test_a_theme_puzzle_keeps_its_own_clue(provider):
    reqs = [HintRequest("TROUT")]
    out = provider.hints(reqs, HintContext(answers=["TROUT"], topic="ocean"))
    shipped = provider.lexicon.curated("ocean", "trout")
    if shipped is not None:  # trout is a theme word in the shipped data
        assert out["TROUT"].text in shipped.clues


def test_a_users_clue_gets_the_everyday_emoji(provider):
    out = provider.hints([HintRequest("TROUT", clue="Brown ___")], HintContext())
    assert out["TROUT"].text == "Brown ___"
    assert out["TROUT"].emoji == "🐟"


def test_a_makers_clue_gets_the_emoji_of_the_sense_it_means(provider):
    def emoji(answer, text):
        return provider.hints([HintRequest(answer, clue=text)], HintContext())[answer].emoji

    assert emoji("SAKE", "Japanese rice wine") == "🍶"  # WordNet's drink sense
    assert emoji("SAKE", "For the ___ of argument") is None  # the everyday sense: no emoji


def test_counts_say_where_clues_came_from(provider):
    stats: dict = {}
    provider.hints([HintRequest("PLAYED")], HintContext(stats=stats))
    assert stats["offline_everyday"] == 1


# -- the shipped table ---------------------------------------------------


@pytest.fixture(scope="module")
def shipped():
    lex = default_lexicon()
    lex.everyday("")
    assert lex._everyday
    return [row for word in lex._everyday for row in lex.everyday(word)]


def test_the_shipped_table_covers_the_common_words(shipped):
    assert len({r.word for r in shipped}) >= 5000
    with_emoji = sum(1 for r in shipped if r.emoji)
    assert with_emoji / len(shipped) >= 0.7


@pytest.mark.parametrize(
    "answer, clue",
    [
        ("INTERNATIONAL", "Worldwide"),
        ("APPROXIMATELY", "Roughly"),
        ("COMMUNICATIONS", "Exchanges of messages"),  # a plural of a long lemma
        ("MONDAYS", "Weekdays after Sunday"),  # days are nouns, so they have plurals
    ],
)
def test_long_and_plural_everyday_words_get_the_editors_clue(answer, clue):
    out = OfflineHintProvider().hints([HintRequest(answer)], HintContext(answers=[answer]))
    assert out[answer].text == clue


@pytest.mark.parametrize(
    "answer, clue, wrong",
    [
        ("OWNER", "Proprietor", "More personal"),  # not OWN's comparative
        ("SEED", "Pip", "Looked at"),  # not SEE's past
        ("TROOPS", "Soldiers", "Soldierses"),  # not a plural of TROOP's plural clue
        ("STRANGER", "Unknown person", "Odder"),
    ],
)
def test_a_word_the_editors_gave_both_hints_is_clued_as_written(answer, clue, wrong):
    """An everyday row with clues and emoji for the word as written beats reading it as
    a form of a commoner lemma."""
    out = OfflineHintProvider().hints([HintRequest(answer)], HintContext(answers=[answer]))
    assert out[answer].text == clue != wrong
    assert out[answer].emoji


SLICES = 4  # 30,000 rows: a slice per test, so parallel workers share the work


@pytest.mark.slow
@pytest.mark.parametrize("part", range(SLICES), ids=lambda part: f"slice-{part}")
def test_every_shipped_row_passes_the_checks(shipped, part):
    bad = []
    for row in shipped[part::SLICES]:
        if row.pos not in ("n", "v", "a", "r", "x"):
            bad.append((row.word, f"pos {row.pos}"))
        for text in row.clues:
            problems = clue_problems(text, row.word.upper())
            if problems or len(text) > 80 or "(plural)" in text:
                bad.append((row.word, text, problems))
        for e in row.emoji:
            if problems := emoji_problems(e, answer=row.word.upper()):
                bad.append((row.word, e, problems))
    assert bad == []


def test_a_reading_whose_clue_has_no_such_form_gives_way_to_the_next():
    """FEWER reads first as the comparative of FEW, whose "Not many" has no comparative;
    the editor's row for FEWER as written is next, not a letter-pattern filler."""
    out = OfflineHintProvider().hints([HintRequest("FEWER")], HintContext(answers=["FEWER"]))
    assert out["FEWER"].text == "Not as many"
