"""The use case both edges call: words or a topic -> layout -> hints -> Puzzle."""

import pytest

from crossword.errors import LayoutError, WordListError
from crossword.generate import Request, generate, lines_to_words
from crossword.hints.checks import clue_problems, emoji_problems
from crossword.hints.offline import OfflineHintProvider


@pytest.fixture(scope="module")
def offline():
    return OfflineHintProvider()


def test_a_theme_puzzle_is_complete_valid_and_reproducible(offline):
    puzzle = generate(Request(topic="ocean", seed=3), offline)
    again = generate(Request(topic="ocean", seed=3), offline)
    assert puzzle.grid == again.grid
    assert dict(puzzle.clues) == dict(again.clues)
    assert puzzle.grid.is_connected() and len(puzzle.entries) >= 10
    assert puzzle.provider == "offline" and puzzle.title == "Ocean crossword"
    answers = [e.answer for e in puzzle.entries]
    for entry in puzzle.entries:
        clue = puzzle.clue(entry)
        others = [a for a in answers if a != entry.answer]
        assert clue_problems(clue.text, entry.answer, other_answers=others) == []
        if clue.emoji:
            assert emoji_problems(clue.emoji, answer=entry.answer) == []
    assert puzzle.emoji_coverage() >= 0.8
    assert puzzle.stats["placed"] == len(puzzle.entries)


def test_your_own_words_and_clues_are_kept(offline):
    words = lines_to_words(
        "otter: Playful river swimmer\nheron\ntrout\nIce cream: A cold treat\n\n"
    )
    puzzle = generate(Request(words=words, seed=1), offline)
    by_answer = {e.answer: puzzle.clue(e) for e in puzzle.entries}
    assert by_answer["OTTER"].text == "Playful river swimmer"
    assert by_answer["OTTER"].source == "user"
    if "ICECREAM" in by_answer:
        assert by_answer["ICECREAM"].enumeration == "3,5"


def test_unusable_and_unplaced_words_are_reported_not_dropped(offline):
    puzzle = generate(Request(words=["cat", "act", "tack", "42", "zzz"], seed=0), offline)
    reasons = {u.word: u.reason for u in puzzle.unplaced}
    assert "42" in reasons and "not letters" in reasons["42"]
    assert "ZZZ" in reasons


def test_one_placeable_word_is_not_a_crossword(offline):
    with pytest.raises(LayoutError, match="only CAT could be placed") as info:
        generate(Request(words=["cat", "dog", "xyz"], seed=1), offline)
    assert any(p.startswith("DOG:") for p in info.value.problems)


def test_nothing_to_make_a_puzzle_from(offline):
    with pytest.raises(WordListError, match="topic or a list of words"):
        generate(Request(), offline)
    with pytest.raises(WordListError, match="model provider or your own words"):
        generate(Request(topic="qwertyuiop"), offline)


def test_progress_is_reported_stage_by_stage(offline):
    stages = []
    generate(Request(topic="fruit", count=8), offline, on_progress=lambda s, info: stages.append(s))
    assert stages[0] == "words" and stages[-1] == "done"
    assert {"layout", "hints"} <= set(stages)


def test_a_makers_clue_that_gives_the_answer_away_is_a_notice(offline):
    words = lines_to_words("knee: Kneecap's place\nheron\ntrout\nnote")
    puzzle = generate(Request(words=words, seed=1), offline)
    assert any("KNEE" in n and "gives the answer away" in n for n in puzzle.notices)
    clean = generate(
        Request(words=lines_to_words("knee: Leg joint\nheron\ntrout"), seed=1), offline
    )
    assert not any("gives the answer away" in n for n in clean.notices)


def test_stand_in_clues_are_counted_in_a_notice_in_good_english(offline):
    one = generate(Request(words=["otter", "heron", "trout", "zorblet"], seed=1), offline)
    assert "1 clue only describes the letters" in " ".join(one.notices)
    two = generate(
        Request(words=["otter", "heron", "trout", "zorblet", "tramble"], seed=1), offline
    )
    assert "2 clues only describe the letters" in " ".join(two.notices)


def test_notices_travel_in_the_wire_format():
    from crossword.serialize import puzzle_from_dict, puzzle_to_dict

    provider = OfflineHintProvider()
    puzzle = generate(Request(words=lines_to_words("knee: Knee\nheron\ntrout"), seed=1), provider)
    data = puzzle_to_dict(puzzle)
    assert data["notices"] == list(puzzle.notices) and data["notices"]
    assert puzzle_from_dict(data).notices == puzzle.notices


def test_a_provider_can_say_its_topic_words_are_not_the_topic(offline):
    from crossword.hints import TopicWords

    class Substitute(OfflineHintProvider):
        def words_for_topic(self, topic, count, *, seed=0):
            words = offline.words_for_topic("ocean", count, seed=seed)
            words = words.words if isinstance(words, TopicWords) else tuple(words)
            return TopicWords(words, ("No word list for 'mars': used the theme 'Ocean'.",))

    puzzle = generate(Request(topic="mars", seed=2), Substitute())
    assert puzzle.notices[0] == "No word list for 'mars': used the theme 'Ocean'."


def test_a_topics_title_keeps_its_capitals(offline):
    puzzle = generate(Request(topic="Ancient Egypt", seed=1), offline)
    assert puzzle.title == "Ancient Egypt crossword"
    assert generate(Request(topic="fruit", count=8), offline).title == "Fruit crossword"
