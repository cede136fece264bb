"""Emoji clues stay true to the text clue's sense when first choices collide.

Everyday rows list several emoji, best first, and a row's clues may span senses
(ANCHOR: "Ship's mooring weight|News presenter", ⚓|📺).  Emoji are unique in a
puzzle, so the provider allocates them for the whole puzzle (crossword.hints.
emoji_alloc) and offers an alternative only when it is not of another sense
(crossword.hints.emoji_sense).
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from crossword.generate import Request, generate
from crossword.hints import HintContext, HintRequest
from crossword.hints.checks import normalize_emoji
from crossword.hints.emoji_alloc import Choice, allocate
from crossword.hints.emoji_sense import FITS, OTHER, UNKNOWN, SenseEvidence
from crossword.hints.offline import OfflineHintProvider
from crossword.lexicon import EverydayClue
from crossword.puzzle import NO_EMOJI_NOTE

EVERYDAY_LIST = Path(__file__).parent.parent / "bench" / "wordlists" / "everyday_5000.txt"


@pytest.fixture(scope="module")
def provider() -> OfflineHintProvider:
    return OfflineHintProvider()


def _hints(provider, requests):
    answers = tuple(r.answer for r in requests)
    return provider.hints(requests, HintContext(answers=answers))


def _key(emoji: str | None) -> str:
    return normalize_emoji(emoji).replace("\ufe0f", "") if emoji else ""


# -- the reported case -----------------------------------------------------------


@pytest.mark.parametrize("order", [("HARBOUR", "ANCHOR"), ("ANCHOR", "HARBOUR")], ids=str)
def test_anchor_keeps_the_mooring_emoji_beside_harbour(provider, order):
    out = _hints(provider, [HintRequest(a) for a in order])
    anchor, harbour = out["ANCHOR"], out["HARBOUR"]
    assert "mooring" in anchor.text.lower()
    assert anchor.emoji == "⚓"  # the only emoji of the mooring sense in its row
    harbour_row = provider.lexicon.everyday_sense("harbour", "n")
    assert harbour_row is not None and harbour.emoji in harbour_row.emoji
    assert harbour.emoji != anchor.emoji


def test_with_its_sense_taken_anchor_has_no_emoji_clue_rather_than_the_tv(provider):
    # the maker gave HARBOUR the anchor: ANCHOR's other emoji (📺) is the news anchor
    out = _hints(provider, [HintRequest("HARBOUR", emoji="⚓"), HintRequest("ANCHOR")])
    assert out["HARBOUR"].emoji == "⚓" and out["HARBOUR"].emoji_source == "user"
    anchor = out["ANCHOR"]
    assert anchor.emoji is None and anchor.emoji_source is None
    assert NO_EMOJI_NOTE in anchor.notes and len(anchor.notes) == 2  # and why


@pytest.mark.parametrize(
    ("answer", "taken", "other_sense"),
    [
        ("TAPE", "🩹", "📼"),  # "Adhesive strip" beside a video cassette
        ("CHANGE", "🔄", "🪙"),  # "Alteration" beside coins
        ("COURT", "⚖️", "🎾"),  # "Law tribunal" beside a tennis ball
        ("THREE", "☘️", "🐷🐷🐷"),  # "Two plus one" beside the little pigs
        ("WAVE", "🌊", "👋"),  # "Breaker" beside a waving hand: both emoji's names say "wave"
    ],
)
def test_an_alternative_of_another_sense_is_never_shown(provider, answer, taken, other_sense):
    out = _hints(provider, [HintRequest("FIRST", emoji=taken), HintRequest(answer)])
    got = out[answer]
    assert got.emoji != other_sense
    row = provider.reading(answer).everyday  # type: ignore[union-attr]
    assert row is not None and got.text == row.clues[0]  # the clue is the first sense's


def test_a_weaker_emoji_of_the_same_sense_is_used(provider):
    # WORLD "Earth" 🌍|🌎|🌏: with 🌍 taken, another globe is still the earth
    out = _hints(provider, [HintRequest("GLOBE", emoji="🌍"), HintRequest("WORLD")])
    assert out["WORLD"].emoji in ("🌎", "🌏")


# -- whole puzzles ---------------------------------------------------------------


def _everyday_words(n: int, seed: int) -> list[str]:
    lines = EVERYDAY_LIST.read_text(encoding="utf-8").split()
    words = [w for w in lines if w.isalpha()]
    return random.Random(seed).sample(words, n)


def test_a_long_list_has_unique_emoji_and_the_same_ones_every_time(provider):
    words = [w.upper() for w in _everyday_words(120, seed=11)]
    first = _hints(provider, [HintRequest(w) for w in words])
    again = _hints(OfflineHintProvider(), [HintRequest(w) for w in words])
    shown = [_key(h.emoji) for h in first.values() if h.emoji]
    assert len(shown) == len(set(shown))
    assert {a: (h.text, h.emoji) for a, h in first.items()} == {
        a: (h.text, h.emoji) for a, h in again.items()
    }
    assert len(shown) >= 0.8 * len(words)  # allocation keeps most entries' emoji clues


def test_generate_gives_the_same_emoji_per_seed(provider):
    request = Request(words=_everyday_words(30, seed=5), seed=3)
    one, two = generate(request, provider), generate(request, provider)
    assert {k: v.emoji for k, v in one.clues.items()} == {k: v.emoji for k, v in two.clues.items()}


# -- the allocation ---------------------------------------------------------------


def test_an_entry_moves_to_its_next_fitting_choice_for_one_that_has_none():
    # A came first and took x; B has only x; A moves to y
    got = allocate([[Choice("🍋"), Choice("🍎")], [Choice("🍋")]])
    assert got == ["🍎", "🍋"]


def test_an_entry_takes_a_free_choice_of_its_own_before_moving_another():
    # TROUT 🐟|🎣 came first; SALMON 🐟|🍣 takes 🍣 rather than push TROUT to 🎣
    assert allocate([[Choice("🐟"), Choice("🎣")], [Choice("🐟"), Choice("🍣")]]) == ["🐟", "🍣"]


def test_a_chain_of_moves_gives_everyone_a_fitting_emoji():
    wishes = [[Choice("🍎"), Choice("🍐")], [Choice("🍐"), Choice("🍊")], [Choice("🍎")]]
    got = allocate(wishes)
    assert got == ["🍐", "🍊", "🍎"]


def test_a_choice_that_may_not_fit_comes_after_every_fitting_one():
    wishes = [[Choice("🍎", UNKNOWN), Choice("🍐")], [Choice("🍎")]]
    assert allocate(wishes) == ["🍐", "🍎"]
    # an entry keeps a fitting emoji rather than move to one that may not fit
    assert allocate([[Choice("🍐"), Choice("🍎", UNKNOWN)], [Choice("🍐")]]) == ["🍐", None]
    # and one that may not fit is never given twice
    wishes = [[Choice("🍐"), Choice("🍎", UNKNOWN)], [Choice("🍐"), Choice("🍎", UNKNOWN)]]
    assert allocate(wishes) == ["🍐", "🍎"]


def test_a_choice_of_another_sense_is_never_given():
    assert allocate([[Choice("🍎", OTHER)], [Choice("🍐"), Choice("🍎", OTHER)]]) == [None, "🍐"]


def test_alternatives_are_graded_only_when_the_first_choice_is_taken():
    def never() -> str:
        raise AssertionError("graded although the first choice was free")

    assert allocate([[Choice("🍎"), Choice("🍐", never)], [Choice("🍊")]]) == ["🍎", "🍊"]


def test_the_makers_emoji_are_never_given_to_another_entry():
    assert allocate([[Choice("🍎"), Choice("🍐")]], taken=["🍎"]) == ["🍐"]
    assert allocate([[Choice("❤️")]], taken=["❤"]) == [None]  # with or without VS16


# -- the evidence -----------------------------------------------------------------

TABLE = "\n".join(
    [
        "anchor\tn\tShip's mooring weight|News presenter\t⚓|📺",
        "newscaster\tn\tNews presenter\t📺",
        "harbour\tn\tPort|Haven for ships\t⚓|🚢",
        "liner\tn\tShip calling at a port\t🚢",
        "world\tn\tEarth|Globe\t🌍|🌎",
        "pool\tn\tSwimming place|Shared fund\t🏊|💰",
        "trout\tn\tSpeckled river fish\t🐟|🎣",
    ]
)


@pytest.fixture(scope="module")
def evidence(lexicon_with_everyday) -> SenseEvidence:
    return SenseEvidence(lexicon_with_everyday(TABLE))


def _row(line: str) -> EverydayClue:
    word, pos, clues, emoji = line.split("\t")
    return EverydayClue(word, pos, tuple(clues.split("|")), tuple(emoji.split("|")))


@pytest.mark.parametrize(
    ("line", "rank", "clue", "grade"),
    [
        (0, 0, "Ship's mooring weight", FITS),  # the editor's first emoji, first clue
        (0, 1, "Ship's mooring weight", OTHER),  # 📺 is what "News presenter" gets
        (2, 1, "Port", FITS),  # 🚢 pictures a "Ship calling at a port"
        (4, 1, "Earth", FITS),  # 🌎 is another globe, like 🌍
        (5, 1, "Swimming place", UNKNOWN),  # nothing says 💰 is either
        (6, 1, "Speckled river fish", FITS),  # a row of one clue has one sense
    ],
    ids=["first", "news-anchor", "ship-port", "globe-variant", "no-evidence", "one-sense"],
)
def test_grades(evidence, line, rank, clue, grade):
    row = _row(TABLE.splitlines()[line])
    assert evidence.grade(row.emoji[rank], rank, clue, row, ()) == grade


def test_the_first_emoji_is_never_of_another_sense(evidence):
    row = _row(TABLE.splitlines()[0])
    assert evidence.grade("⚓", 0, "News presenter", row, ()) != OTHER
