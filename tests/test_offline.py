"""The offline hint provider, alone and through a whole offline puzzle."""

from __future__ import annotations

import pytest

from crossword.hints import HintContext, HintRequest
from crossword.hints.checks import clue_problems, emoji_problems, puzzle_problems
from crossword.hints.offline import OfflineHintProvider, pattern_clues, tidy_gloss
from crossword.puzzle import NO_EMOJI_NOTE, Puzzle
from crossword.themes import load_themes


@pytest.fixture(scope="module")
def provider(generated_lexicon) -> OfflineHintProvider:
    """The generated lexicon's clues (the everyday table has tests of its own)."""
    return OfflineHintProvider(generated_lexicon)


def test_protocol_attributes(provider):
    assert provider.name == "offline" and provider.model is None


def test_known_word_gets_clue_and_emoji(provider):
    got = provider.hints([HintRequest("OTTER", "5")], HintContext())["OTTER"]
    assert got.emoji == "🦦" and got.emoji_source == "offline" and got.source == "offline"
    assert not clue_problems(got.text, "OTTER") and len(got.text) <= 80


def test_no_honest_emoji_gives_none(provider):
    got = provider.hints([HintRequest("CONFIDENCE")], HintContext())["CONFIDENCE"]
    assert got.emoji is None and NO_EMOJI_NOTE in got.notes
    assert got.text


def test_unknown_word_gets_pattern_clue(provider):
    got = provider.hints([HintRequest("KATHERINE", "9")], HintContext(topic="my family"))[
        "KATHERINE"
    ]
    assert got.text and not clue_problems(got.text, "KATHERINE")
    assert "K" in got.text and got.emoji is None


def test_pattern_clues_never_leak():
    for answer in ["OX", "KATE", "ZEBRAFISH", "ICECREAM"]:
        for text in pattern_clues(answer, "3,5" if answer == "ICECREAM" else ""):
            assert not clue_problems(text, answer), text


def test_a_pattern_clue_never_names_its_own_length_word():
    assert all("FOUR" not in t.upper() for t in pattern_clues("FOUR"))


def test_plural_uses_the_singular(provider):
    got = provider.hints([HintRequest("HAMSTERS")], HintContext())["HAMSTERS"]
    assert got.text == "Cheek-pouched pet rodents" and got.emoji == "🐹🐹"  # plural, no tag


def test_makers_hints_are_kept_and_leaks_noted(provider):
    reqs = [HintRequest("OTTER", clue="An otter, obviously", emoji="🦦"), HintRequest("BEAVER")]
    out = provider.hints(reqs, HintContext())
    assert out["OTTER"].text == "An otter, obviously" and out["OTTER"].source == "user"
    assert out["OTTER"].emoji_source == "user"
    assert any("maker's clue" in n for n in out["OTTER"].notes)
    assert out["BEAVER"].source == "offline"


def test_only_missing_half_is_generated(provider):
    out = provider.hints([HintRequest("TIGER", emoji="🐯")], HintContext())["TIGER"]
    assert out.emoji == "🐯" and out.emoji_source == "user" and out.source == "offline"


def test_no_duplicate_clues_or_emoji_in_a_puzzle(provider):
    answers = ["SEA", "OCEAN", "WAVE", "CAT", "KITTEN", "DOG", "PUPPY"]
    progress = []
    ctx = HintContext(answers=tuple(answers), progress=lambda d, t, n: progress.append((d, t)))
    out = provider.hints([HintRequest(a) for a in answers], ctx)
    emoji = [c.emoji for c in out.values() if c.emoji]
    assert len(emoji) == len(set(emoji))
    assert len({c.text for c in out.values()}) == len(answers)
    assert puzzle_problems(dict(out)) == {}
    assert progress[-1] == (len(answers), len(answers))
    assert ctx.stats["offline_emoji"] == len(emoji)


def test_theme_sense_is_used(provider):
    out = provider.hints([HintRequest("BASS")], HintContext(topic="music"))["BASS"]
    assert "fish" not in out.text.lower()


def test_ocean_puzzle_uses_the_curated_sense(provider):
    answers = ("PIRATE", "DOLPHIN", "SPADE", "CRAB", "SAIL", "WHALE")
    ctx = HintContext(topic="ocean", answers=answers)
    out = provider.hints([HintRequest(a) for a in answers], ctx)
    assert out["PIRATE"].text == "Buccaneer of the high seas"
    assert out["DOLPHIN"].text == "Clever, clicking marine mammal" and out["DOLPHIN"].emoji == "🐬"
    assert out["CRAB"].text == "Sideways-scuttling crustacean"
    assert out["SPADE"].emoji is None and "card" not in out["SPADE"].text.lower()
    assert ctx.stats["offline_curated"] == len(answers)
    assert puzzle_problems(dict(out)) == {}


@pytest.mark.parametrize(
    ("topic", "answer", "emoji"),
    [("holidays", "TURKEY", "🦃"), ("countries", "TURKEY", "🇹🇷"), ("computers", "MOUSE", "🖱️")],
)
def test_the_themes_sense_decides_the_emoji(provider, topic, answer, emoji):
    got = provider.hints([HintRequest(answer)], HintContext(topic=topic))[answer]
    assert got.emoji == emoji and got.text == provider.lexicon.curated(topic, answer).clues[0]


def test_curated_clue_without_a_theme_is_the_first_themes(provider):
    got = provider.hints([HintRequest("MOUSE"), HintRequest("PIRATES")], HintContext())
    assert got["MOUSE"].text == provider.lexicon.curated("animals", "mouse").clues[0]
    assert got["PIRATES"].text == "Buccaneers of the high seas"  # a plural clue, no tag


def test_curated_alternatives_avoid_other_answers_and_repeats(provider):
    answers = ("CRICKET", "BAT", "BASEBALL")
    out = provider.hints(
        [HintRequest(a) for a in answers], HintContext(topic="sports", answers=answers)
    )
    assert out["BAT"].text == "Slugger's club"  # the first two name CRICKET and BASEBALL
    assert out["CRICKET"].emoji == "🏏" and out["BAT"].emoji is None
    assert puzzle_problems(dict(out)) == {}


def test_tidy_gloss_cuts_at_a_phrase_boundary():
    long = "Nocturnal bird of prey with hawk-like beak and claws and large head"
    assert tidy_gloss(long) == "Nocturnal bird of prey"
    assert tidy_gloss("Dull and tiresome but with pretensions of significance or originality") == (
        "Dull and tiresome"
    )
    short = "A cream spread on the skin"
    assert tidy_gloss(short) == short


THEMES = sorted(load_themes())


@pytest.mark.parametrize("theme", THEMES)
def test_offline_puzzle_from_each_theme_is_complete_and_valid(theme, provider):
    try:
        from crossword.layout import lay_out
    except ImportError as exc:  # pragma: no cover - layout is written in parallel
        pytest.fail(f"crossword.layout.lay_out is not importable yet: {exc}")
    words = [w.upper() for w in provider.words_for_topic(theme, 15, seed=1).words[:15]]
    layout = lay_out(words, seed=1)
    grid = layout.grid()
    answers = tuple(e.answer for e in grid.entries)
    made = provider.hints(
        [HintRequest(a, str(len(a))) for a in answers], HintContext(topic=theme, answers=answers)
    )
    puzzle = Puzzle(grid=grid, clues={e.id: made[e.answer] for e in grid.entries}, topic=theme)
    assert len(puzzle.entries) >= 10
    for e in puzzle.entries:
        clue = puzzle.clue(e)
        assert clue.text and not clue_problems(clue.text, e.answer), (e.answer, clue.text)
        if clue.emoji:
            assert not emoji_problems(clue.emoji, answer=e.answer)
    assert puzzle_problems({e.answer: puzzle.clue(e) for e in puzzle.entries}) == {}
    assert puzzle.emoji_coverage() >= 0.8, theme
    curated = [e for e in puzzle.entries if puzzle.clue(e).text in _curated_texts(provider, theme)]
    assert len(curated) >= len(puzzle.entries) - 1, theme


def _curated_texts(provider, theme):
    out = set()
    for word in load_themes()[theme].words:
        for row in provider.lexicon.curated_senses(word):
            out.update(row.clues)
    return out
