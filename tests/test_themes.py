"""Themes: curated lists, free-text topics, and deterministic word picks."""

from __future__ import annotations

import pytest

from crossword.errors import WordListError
from crossword.lexicon import default_lexicon
from crossword.themes import load_themes, resolve_topic, theme_emoji, words_for_topic

THEMES = sorted(load_themes())


def test_at_least_25_themes():
    assert len(THEMES) >= 25
    assert "colors" in THEMES and "animals" in THEMES


@pytest.mark.parametrize("name", THEMES)
def test_theme_words_are_clean_and_in_the_lexicon(name):
    lex = default_lexicon()
    theme = load_themes()[name]
    assert len(theme.words) >= 40
    for word in theme.words:
        assert word.isascii() and word.isalpha() and 2 <= len(word) <= 12, word
        assert word in lex, f"{name}: {word} is not in the lexicon"
        assert not lex.denied(word), word


@pytest.mark.parametrize(
    ("topic", "theme"),
    [
        ("Animals", "animals"),
        ("animal", "animals"),
        ("colours", "colors"),
        ("Sea animals", "sea-creatures"),
        ("wild animals", "animals"),
        ("outer space", "space"),
        ("musical instruments", "music"),
        ("Christmas", "holidays"),
        ("poodle", "animals"),
        ("guitar", "music"),
    ],
)
def test_topic_maps_to_a_theme(topic, theme):
    assert theme in resolve_topic(topic).themes


def test_topic_maps_to_a_free_topic():
    match = resolve_topic("reptiles")
    assert match.how == "topic"  # crossword.topics: WordNet's words about reptiles
    assert {"lizard", "crocodile"} <= set(match.words)


def test_unknown_topic_names_themes_and_other_ways():
    with pytest.raises(WordListError) as exc:
        resolve_topic("qwertyuiop zxcv")
    assert "Animals" in str(exc.value) and "model provider" in str(exc.value)


def test_words_for_topic_is_deterministic_and_prefers_emoji():
    lex = default_lexicon()
    a = words_for_topic("animals", 15, seed=3)
    assert a == words_for_topic("animals", 15, seed=3)
    assert a != words_for_topic("animals", 15, seed=4)
    assert len(a) >= 15
    assert all(theme_emoji(w, ("animals",), lex) for w in a[:15])


@pytest.mark.parametrize("name", THEMES)
def test_every_theme_can_fill_a_puzzle_with_emoji(name):
    lex = default_lexicon()
    words = words_for_topic(name, 15, seed=0)
    with_emoji = sum(1 for w in words[:15] if theme_emoji(w, (name,), lex))
    assert with_emoji >= 13, (name, words[:15])


def test_theme_emoji_follows_the_curated_sense():
    lex = default_lexicon()
    assert theme_emoji("turkey", ("holidays",), lex) == ("🦃",)
    assert theme_emoji("turkey", ("countries",), lex) == ("🇹🇷",)
    assert theme_emoji("spade", ("ocean",), lex) == ()  # no card suit at the beach
    assert theme_emoji("otter", (), lex)[0] == "🦦"
