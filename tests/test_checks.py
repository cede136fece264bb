import pytest

from crossword.hints.checks import (
    clue_problems,
    emoji_names,
    emoji_problems,
    leaks,
    normalize_emoji,
    puzzle_problems,
)
from crossword.puzzle import Hints


@pytest.mark.parametrize(
    "emoji",
    ["🐅🌿", "🐅 🌿", "🐯\n🦁", "👨‍👩‍👧‍👦", "👩‍💻", "👍🏽", "🇫🇷", "🏴󠁧󠁢󠁥󠁮󠁧󠁿", "❤️", "❤", "🌊"],
    ids=[
        "two",
        "space",
        "newline",
        "zwj-family",
        "zwj-job",
        "skin-tone",
        "flag",
        "england",
        "heart",
        "heart-unqualified",
        "one",
    ],
)
def test_good_emoji(emoji):
    assert emoji_problems(emoji, answer="OCEAN") == []


@pytest.mark.parametrize(
    "emoji, fragment",
    [
        ("", "empty"),
        ("\ufe0f", "empty"),
        ("   ", "empty"),
        ("big cat", "only emoji"),
        ("🐯!", "only emoji"),
        ("🐯 tiger", "only emoji"),
        ("1️⃣🐅", "write letters"),
        ("1⃣", "write letters"),
        ("#️⃣", "write letters"),
        ("🔟", "write letters"),
        ("🅰️🅱️🅾️", "write letters"),
        ("🆒🐱", "write letters"),
        ("©️🐅", "write letters"),
        ("®", "write letters"),
        ("™", "write letters"),
        ("ℹ️", "write letters"),
        ("Ⓜ️", "write letters"),
        ("💯", "write letters"),
        ("🔙", "write letters"),
        ("🇹🇮🇬🇪🇷", "flags spell"),
        ("🐯🦁🐯🦁🐯🦁", "at most 5"),
        ("🏽", "components"),
        ("\U0001fae9", "newer than Emoji 14"),
        ("🐯\u200d🦁", "standard combinations"),
    ],
)
def test_bad_emoji(emoji, fragment):
    problems = emoji_problems(emoji, answer="TIGER")
    assert any(fragment in p for p in problems), problems


def test_emoji_version_and_count_are_configurable():
    assert emoji_problems("\U0001fae9", emoji_version=16.0) == []
    assert emoji_problems("🐯🦁🐯", max_emoji=2)


def test_emoji_duplicate_of_another_entry():
    problems = emoji_problems("🐅🌿", others=["🐅 🌿", "🦊"])
    assert problems == [
        "the emoji clue is the same as another entry's emoji clue in this puzzle; make it different"
    ]


def test_emoji_name_check_is_optional():
    assert emoji_problems("🐅🌿", answer="TIGER") == []
    problems = emoji_problems("🐅🌿", answer="TIGER", name_check=True)
    assert any("screen readers" in p for p in problems)
    assert emoji_names("🐯") == ["tiger face"]


def test_normalize_emoji():
    assert normalize_emoji(" 🐯 🦁\n") == "🐯🦁"
    assert normalize_emoji("❤") == "❤\ufe0f"
    assert normalize_emoji("🐯\ufe0e") == "🐯"


@pytest.mark.parametrize(
    "text, answer",
    [
        ("A tiger's roar", "TIGER"),
        ("Tigers' home?", "TIGER"),
        ("TIGER", "tiger"),
        ("t-i-g-e-r", "TIGER"),
        ("O.T.T.E.R", "OTTER"),
        ("Volcanic mountain", "VOLCANO"),
        ("Get going: st-art", "ART"),
        ("Frozen ice cream", "ICECREAM"),
        ("Cream of ice", "ICE CREAM"),
        ("Café owner", "CAFE"),
        ("A cafe", "CAFÉ"),
        ("Baked goods", "BAKING"),
        ("Stories", "STORY"),
        ("Busy bees", "BEE"),
        ("Boxes", "BOX"),
        ("Hopped", "HOP"),
        ("Hoping", "HOPE"),
        ("Yellow sunflowers", "FLOWER"),
        ("Castling move", "CASTLE"),
        ("Out of all proportion", "DISPROPORTIONATE"),  # a long word inside the answer
        # irregular forms spelt across words: the exception lists, not the suffix rules
        ("Paid for: b-o-u-g-h-t", "BUY"),
        ("Fetched: b.r.o.u.g.h.t", "BRING"),
        ("Farm birds: gee-se", "GOOSE"),
        ("Hot dogs and ice creams", "ICE CREAM"),
    ],
)
def test_leaks(text, answer):
    assert leaks(text, answer)


@pytest.mark.parametrize(
    "text, answer",
    [
        ("Tight spot for a cat", "TIGER"),
        ("Castaway's refuge", "CASTLE"),
        ("Museum display", "ART"),
        ("Potter about", "OTTER"),
        ("Hearth", "HEART"),
        ("Artist's easel", "STARTING"),  # a short word inside is chance
        ("", "TIGER"),
        ("Anything", ""),
    ],
)
def test_no_leak(text, answer):
    assert not leaks(text, answer)


def test_good_clue():
    assert clue_problems("Striped jungle hunter", "TIGER") == []


@pytest.mark.parametrize(
    "clue, kwargs, fragment",
    [
        ("", {}, "empty"),
        ("   ", {}, "empty"),
        ("Big\ncat", {}, "single line"),
        ("x" * 81, {}, "81 characters"),
        ("Big 🐯", {}, "without emoji"),
        ("Tigers roar", {}, "contains the answer 'TIGER'"),
        ("Big cat", {"other_answers": ["CAT", "TIGER"]}, "'CAT', another answer"),
        ("Cat's prey: mice", {"other_answers": ["MOUSE"]}, "'MOUSE', another answer"),
        ("Big cat", {"others": ["big cat!"]}, "same as another entry's clue"),
        ("Zero\u200bwidth", {}, "invisible"),
    ],
)
def test_bad_clue(clue, kwargs, fragment):
    problems = clue_problems(clue, "TIGER", **kwargs)
    assert any(fragment in p for p in problems), problems


def test_clue_length_is_configurable():
    assert clue_problems("x" * 81, "TIGER", max_length=100) == []


def test_other_answer_only_as_whole_word():
    assert clue_problems("Scattered seeds", "TIGER", other_answers=["CAT"]) == []


def test_puzzle_problems_by_answer():
    clues = {
        "TIGER": Hints("Big cat", "🐅🌿"),
        "LION": Hints("Big cat", "🐅 🌿"),
        "CAT": Hints("Pet that purrs", "🐈"),
    }
    problems = puzzle_problems(clues)
    assert set(problems) == {"TIGER", "LION"}
    assert any("CAT" in p for p in problems["TIGER"])
    assert any("same as another entry's clue" in p for p in problems["LION"])
    assert any("emoji clue is the same" in p for p in problems["LION"])


def test_puzzle_problems_by_entry_id_skips_answer_checks():
    clues = {"1-across": Hints("Pet that purrs", "🐈"), "2-down": Hints("Pet that purrs", None)}
    problems = puzzle_problems(clues)
    assert set(problems) == {"1-across", "2-down"}
