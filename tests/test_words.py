import pytest
from hypothesis import given
from hypothesis import strategies as st

from crossword.errors import WordListError
from crossword.words import MAX_WORDS, normalize, parse_line, parse_words


@pytest.mark.parametrize(
    ("raw", "answer", "enumeration"),
    [
        ("apple", "APPLE", "5"),
        ("Ice cream", "ICECREAM", "3,5"),
        ("  ice   cream ", "ICECREAM", "3,5"),
        ("X-ray", "XRAY", "1-3"),
        ("jack-in-the-box", "JACKINTHEBOX", "4-2-3-3"),
        ("Café", "CAFE", "4"),
        ("Straße", "STRASSE", "7"),
        ("Smørrebrød", "SMORREBROD", "10"),
        ("O'Neil", "ONEIL", "5"),
        ("naïve", "NAIVE", "5"),
        ("ＷＩＤＥ", "WIDE", "4"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_normalize(raw, answer, enumeration):
    assert normalize(raw) == (answer, enumeration)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("", "empty word"),
        ("   ", "empty word"),
        ("a", "shorter than 2 letters"),
        ("r2d2", "contains characters that are not letters: 2"),
        ("🍎", "contains characters that are not letters"),
        ("---", "has no letters"),
        ("supercalifragilisticexpialidocious", "longer than 21 letters"),
    ],
)
def test_unusable_words_are_reported_with_a_reason(raw, reason):
    result = parse_words([raw, "apple"])
    assert [w.answer for w in result.words] == ["APPLE"]
    assert len(result.rejected) == 1
    assert result.rejected[0].word == raw.strip()
    assert result.rejected[0].reason.startswith(reason)


def test_duplicates_after_normalising_are_reported():
    result = parse_words(["Ice cream", "ICE-CREAM", "icecream", "tea"])
    assert result.answers == ["ICECREAM", "TEA"]
    assert [r.reason for r in result.rejected] == ["duplicate of 'Ice cream'"] * 2


def test_clues_and_emoji_ride_along():
    result = parse_words([("otter", "Playful river swimmer", "🦦")])
    word = result.words[0]
    assert (word.answer, word.clue, word.emoji) == ("OTTER", "Playful river swimmer", "🦦")


def test_no_usable_word_is_an_error_listing_the_reasons():
    with pytest.raises(WordListError) as info:
        parse_words(["1", "!!"])
    assert "no usable words" in str(info.value)
    assert len(info.value.problems) == 2


def test_too_many_words():
    with pytest.raises(WordListError, match="too many words"):
        parse_words(["word"] * (MAX_WORDS + 1))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("otter", ("otter", None)),
        ("otter: river swimmer", ("otter", "river swimmer")),
        ("ice cream : a cold treat: sweet", ("ice cream", "a cold treat: sweet")),
        ("otter:", ("otter", None)),
    ],
)
def test_parse_line(line, expected):
    assert parse_line(line) == expected


@given(st.lists(st.text(max_size=30), min_size=1, max_size=30))
def test_every_word_is_accounted_for_and_answers_are_a_to_z(items):
    try:
        result = parse_words(items)
    except WordListError:
        return
    assert len(result.words) + len(result.rejected) == len(items)
    for w in result.words:
        assert w.answer.isascii() and w.answer.isalpha() and w.answer.isupper()
        assert 2 <= len(w.answer) <= 21
    assert len({w.answer for w in result.words}) == len(result.words)
