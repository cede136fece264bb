"""Hint modes and emoji lifelines, check/reveal, autocheck, pencil, clear, the timer."""

from __future__ import annotations

import re

import pytest
from player_helpers import at, clock_after_a_second, clock_passes, focused_label, letters, state
from playwright.sync_api import expect


@pytest.fixture
def space(play):
    page = play("space")
    page.locator('#grid [tabindex="0"]').focus()
    return page


def menu(page, name: str, item: str) -> None:
    page.locator("summary", has_text=name).click()
    page.get_by_role("button", name=item, exact=True).click()


def confirm(page, button: str) -> None:
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name=button, exact=True).click()
    if button == "Cancel":
        expect(dialog).to_be_hidden()


# -- hint modes and lifelines --------------------------------------------------------
@pytest.mark.parametrize(
    ("mode", "shows", "hides"),
    [
        ("Text", ["World circling a star"], ["🪐"]),
        ("Emoji", ["🪐"], ["World circling a star"]),
        ("Both", ["World circling a star", "🪐"], []),
    ],
)
def test_hint_modes(space, mode, shows, hides):
    space.get_by_role("radio", name=mode).check()
    bar = space.locator("#cb-clue")
    clue = space.get_by_role("button", name=re.compile(r"^1 ")).first
    for text in shows:
        expect(bar).to_contain_text(text)
        expect(clue).to_contain_text(text)
    for text in hides:
        expect(bar).not_to_contain_text(text)
        expect(clue).not_to_contain_text(text)
    expect(space.locator("#cb-clue .enum")).to_have_text(" (6)")


def test_entry_without_emoji_says_so(space):
    space.get_by_role("radio", name="Emoji").check()
    axis = space.locator(".clue", has_text="Line a planet spins around")
    expect(axis).to_contain_text("no emoji clue")
    space.get_by_role("radio", name="Text").check()
    axis.click()
    lifeline = space.locator("#lifeline")
    expect(lifeline).to_be_disabled()
    expect(lifeline).to_have_text("no emoji clue", use_inner_text=True)


def test_emoji_lifeline_is_shown_on_demand_and_counted(space):
    lifeline = space.get_by_role("button", name="Show emoji")
    expect(space.locator("#cb-clue")).not_to_contain_text("🪐")
    lifeline.click()
    expect(space.locator("#cb-clue")).to_contain_text("🪐")
    expect(space.locator(".clue", has_text="World circling")).to_contain_text("🪐")
    expect(lifeline).to_be_hidden()
    expect(space.locator("#live")).to_contain_text("1 used")
    space.locator(".clue", has_text="Wander about").click()
    lifeline.click()
    expect(space.locator("#cb-clue")).to_contain_text("🚶")
    assert sorted(state(space)["lifelines"]) == ["1-across", "3-across"]
    space.get_by_role("radio", name="Both").check()
    expect(space.locator("#lifeline")).to_be_hidden()  # nothing to ask for


def test_a_solved_entry_shows_its_emoji_beside_the_clue(space):
    clue = space.locator(".clue", has_text="World circling")
    expect(clue).not_to_contain_text("🪐")
    space.keyboard.type("PLANET")
    expect(clue).to_contain_text("🪐")
    assert state(space)["lifelines"] == []


# -- check and reveal ---------------------------------------------------------------
def test_check_letter_and_word(space):
    space.keyboard.type("PXA")
    at(space, 0, 1).click()
    menu(space, "Check", "Check letter")
    expect(at(space, 0, 1)).to_have_class(re.compile(r"\bwrong\b"))
    expect(at(space, 0, 0)).not_to_have_class(re.compile(r"\bright\b"))
    menu(space, "Check", "Check word")
    expect(at(space, 0, 0)).to_have_class(re.compile(r"\bright\b"))
    expect(space.locator("#toast")).to_have_text("1 wrong letter")
    assert "wrong" in focused_label(space)
    space.keyboard.type("L")  # a wrong letter can be fixed, and the mark goes
    expect(at(space, 0, 1)).not_to_have_class(re.compile(r"\bwrong\b"))
    at(space, 0, 0).click()
    space.keyboard.press("Delete")  # checked right letters are locked
    assert letters(space).startswith("PLA")
    assert state(space)["checks"] == 2


def test_check_puzzle_asks_first(space):
    space.keyboard.type("X")
    menu(space, "Check", "Check puzzle")
    expect(space.get_by_role("dialog")).to_contain_text("Check the whole puzzle?")
    confirm(space, "Cancel")
    expect(at(space, 0, 0)).not_to_have_class(re.compile(r"\bwrong\b"))
    menu(space, "Check", "Check puzzle")
    confirm(space, "Check")
    expect(at(space, 0, 0)).to_have_class(re.compile(r"\bwrong\b"))


def test_reveal_letter_and_word(space):
    menu(space, "Reveal", "Reveal letter")
    expect(at(space, 0, 0)).to_have_class(re.compile(r"\brevealed\b"))
    assert letters(space).startswith("P.....")
    menu(space, "Reveal", "Reveal word")
    assert letters(space).startswith("PLANET")
    assert state(space)["reveals"] == 6


def test_reveal_puzzle_asks_then_ends_revealed(space):
    menu(space, "Reveal", "Reveal puzzle")
    confirm(space, "Cancel")
    assert letters(space).startswith("......")
    menu(space, "Reveal", "Reveal puzzle")
    confirm(space, "Reveal")
    dialog = space.get_by_role("dialog")
    expect(dialog.get_by_role("heading")).to_have_text("Revealed")
    expect(dialog.locator(".share")).to_have_value(re.compile("Across 🟥🟥🟥🟥\nDown 🟥🟥🟥🟥"))


def test_autocheck_marks_wrong_letters_as_typed(space):
    space.keyboard.type("X")
    space.locator("summary", has_text="Check").click()
    space.get_by_label("Autocheck").check()
    expect(at(space, 0, 0)).to_have_class(re.compile(r"\bwrong\b"))  # existing letters too
    space.locator('#grid [tabindex="0"]').focus()
    space.keyboard.type("LQ")
    expect(at(space, 0, 1)).not_to_have_class(re.compile(r"\bwrong\b"))
    expect(at(space, 0, 2)).to_have_class(re.compile(r"\bwrong\b"))


def test_pencil_mode(space):
    pencil = space.get_by_role("button", name="Pencil")
    pencil.click()
    expect(pencil).to_have_attribute("aria-pressed", "true")
    space.keyboard.type("P")
    expect(at(space, 0, 0)).to_have_class(re.compile(r"\bpencil\b"))
    assert at(space, 0, 0).get_attribute("aria-label").endswith("P, pencil")
    pencil.click()
    space.keyboard.type("L")
    expect(at(space, 0, 1)).not_to_have_class(re.compile(r"\bpencil\b"))


def test_clear_word_and_puzzle(space):
    space.keyboard.type("PLANETRO")
    menu(space, "Clear", "Clear word")
    assert letters(space).splitlines()[0].startswith("PLANET")
    assert letters(space).splitlines()[2] == ".   .... "  # ROAM cleared
    menu(space, "Clear", "Clear puzzle")
    confirm(space, "Clear")
    assert "P" not in letters(space)


# -- timer ---------------------------------------------------------------------------
def test_pause_hides_the_grid_and_stops_the_clock(space):
    space.get_by_role("button", name="Pause").click()
    expect(space.locator("#paused")).to_be_visible()
    expect(space.locator("#grid")).to_be_hidden()
    expect(space.locator("#across-list")).to_be_hidden()
    shown, later = clock_after_a_second(space)
    assert later == shown  # stopped
    space.get_by_role("button", name="Resume").first.click()
    expect(space.locator("#grid")).to_be_visible()
    clock_passes(space, shown)  # and runs again


def test_the_clock_pauses_when_the_page_is_hidden(space):
    space.evaluate(
        """() => { Object.defineProperty(document, 'visibilityState', {value: 'hidden', configurable: true});
                   document.dispatchEvent(new Event('visibilitychange')); }"""
    )
    expect(space.locator("#paused")).to_be_visible()
    expect(space.locator("#grid")).to_be_hidden()
    shown, later = clock_after_a_second(space)
    assert later == shown
