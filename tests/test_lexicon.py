"""The shipped offline lexicon: it loads, and every shipped hint passes the checks."""

from __future__ import annotations

import subprocess
import sys

import emoji as emoji_lib
import pytest

from crossword.hints.checks import clue_problems, emoji_problems, leaks
from crossword.lexicon import CONFIDENT_TIER, DATA_DIR, Lexicon, default_lexicon
from crossword.themes import load_themes


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return default_lexicon().load()


def test_loads_once_with_many_entries(lex):
    assert len(lex) > 20_000
    assert default_lexicon() is lex
    assert "otter" in lex and "OTTER" in lex
    entry = lex.get("Otter")
    assert entry is not None and entry.pos == "n" and entry.clues and entry.emoji[0] == "🦦"


def test_override_data_dir_is_a_separate_lexicon(tmp_path):
    other = default_lexicon(tmp_path)
    assert other is not default_lexicon()
    with pytest.raises(Exception, match="missing from this installation"):
        len(other)


def test_data_is_small():
    total = sum(p.stat().st_size for p in DATA_DIR.rglob("*") if p.is_file())
    assert total < 5_000_000  # the target for everything shipped in wordlists/


# Every shipped clue and emoji is checked, a slice per test, so parallel workers (-n)
# share the work: checking all 47,000 clues in one test was the suite's longest wait.
SLICES = 6


@pytest.mark.slow
@pytest.mark.parametrize("part", range(SLICES), ids=lambda part: f"slice-{part}")
def test_no_shipped_clue_leaks_or_fails_the_checks(lex, part):
    bad = []
    for word in list(lex)[part::SLICES]:
        entry = lex.get(word)
        assert entry is not None and entry.senses
        for clue in entry.clues:
            if clue_problems(clue, word.upper()) or clue.endswith((";", ",")) or clue[0].islower():
                bad.append((word, clue))
    assert bad == []


def test_few_shipped_words_have_nothing_to_clue_them(lex):
    unclued = []
    for word in lex:
        entry = lex.get(word)
        if not entry.clues and not any(s.synonyms for s in entry.senses):
            unclued.append(word)
    # a word with nothing of its own to clue it is kept for its forms and topics; rare.
    # The leak check refuses glosses that name a part of the word ("In an abnormal
    # manner", "A small outdoor fire" for CAMPFIRE): 6 % at the last build, two thirds
    # of them clued by hand in everyday_clues.tsv.gz.
    assert len(unclued) < 0.07 * len(lex), unclued[:20]


def test_theme_clues_do_not_leak(lex):
    lex.theme_clues("music", "bass")
    assert lex._theme_clues
    bad = [
        (w, c)
        for (t, w), (cs, _emoji) in lex._theme_clues.items()
        for c in cs
        if clue_problems(c, w.upper())
    ]
    assert bad == []


@pytest.mark.slow
@pytest.mark.parametrize("part", range(SLICES), ids=lambda part: f"slice-{part}")
def test_every_shipped_emoji_is_rgi_fully_qualified_and_at_most_emoji_14(lex, part):
    bad = []
    for word in list(lex)[part::SLICES]:
        entry = lex.get(word)
        for clue in entry.emoji:  # one emoji, or a composition of two (KINGFISHER 🐦🐟)
            for e in [t.chars for t in emoji_lib.analyze(clue, join_emoji=True)]:
                data = emoji_lib.EMOJI_DATA.get(e)
                ok = (
                    data is not None
                    and data["status"] == emoji_lib.STATUS["fully_qualified"]
                    and data["E"] <= 14.0
                    and e not in lex.deny_emoji
                )
                if not ok:
                    bad.append((word, e))
            if emoji_problems(clue, answer=word.upper()):
                bad.append((word, clue))
        if entry.emoji:
            assert entry.emoji_tier >= CONFIDENT_TIER, word
    assert bad == []


def test_deny_list_is_respected(lex):
    assert lex.deny_words
    assert not [w for w in lex.deny_words if w in lex]


@pytest.mark.parametrize(
    ("word", "good"),
    [("bass", "instrument"), ("mouse", "rodent"), ("tiger", "feline")],
)
def test_sense_choice(lex, word, good):
    clues = lex.theme_clues("music", word) or lex.get(word).clues
    assert any(good in c.lower() for c in clues), clues


def test_leak_check_catches_the_answer():
    assert leaks("A baby otter", "OTTER")


def _curated_rows(lex):
    return [row for word in lex._load_curated() for row in lex.curated_senses(word)]


def test_every_theme_word_has_a_curated_clue(lex):
    missing = [
        (name, word)
        for name, theme in load_themes().items()
        for word in theme.words
        if lex.curated(name, word) is None
    ]
    assert missing == []


def test_every_curated_clue_passes_the_checks(lex):
    rows = _curated_rows(lex)
    assert len(rows) > 1400
    bad = []
    for row in rows:
        for clue in row.clues:
            short = len(clue) <= 60 if clue is row.clues[0] else len(clue) <= 80
            if (
                clue_problems(clue, row.word.upper())
                or not short
                or clue.endswith(".")
                or not clue[0].isupper()
                or len(clue.split()) > 10
            ):
                bad.append((row.theme, row.word, clue))
        for e in row.emoji:
            if emoji_problems(e, answer=row.word.upper()) or e in lex.deny_emoji:
                bad.append((row.theme, row.word, e))
        if row.no_emoji and row.emoji:
            bad.append((row.theme, row.word, "both '-' and emoji"))
    assert bad == []


def test_curated_clues_differ_within_a_theme(lex):
    seen: dict[tuple[str, str], str] = {}
    clash = []
    for row in _curated_rows(lex):
        for clue in row.clues:
            key = (row.theme, clue.lower())
            if seen.setdefault(key, row.word) != row.word:
                clash.append((row.theme, clue, seen[key], row.word))
    assert clash == []


def test_curated_lookups(lex):
    assert lex.curated("ocean", "PIRATE").clues[0] == "Buccaneer of the high seas"
    assert lex.curated("ocean", "spade").no_emoji
    assert lex.curated("holidays", "turkey").emoji == ("🦃",)
    assert lex.curated("computers", "mouse").emoji[0] == "🖱️"
    assert lex.curated("ocean", "otter") is None
    senses = lex.curated_senses("mouse")
    assert [r.theme for r in senses] == sorted(r.theme for r in senses)
    assert lex.curated_any("mouse").theme == "animals"
    assert lex.curated_any("zyzzyva") is None


def test_missing_shipped_data_is_an_installation_error_without_a_path(tmp_path):
    from crossword.errors import DataError
    from crossword.lexicon import Lexicon

    with pytest.raises(DataError) as info:
        Lexicon(tmp_path / "nowhere").get("otter")
    assert "lexicon.tsv.gz" in info.value.message and str(tmp_path) not in info.value.message


def test_the_lexicon_loads_without_the_rest_of_the_library():
    """``crossword`` loads its names on first use, so a process that only reads the
    lexicon (or asks the CLI for --help) does not import the emoji tables and exports."""
    code = "import sys, crossword.lexicon; print(sorted({'emoji', 'crossword.export', 'crossword.generate'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_submodule_import_does_not_hide_an_exported_function():
    code = "import crossword.generate, crossword; print(callable(crossword.generate))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"
