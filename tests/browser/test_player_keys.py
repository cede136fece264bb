"""The keyboard model (NYT/Crosshare), one test per key, on the space puzzle:

1P L A N E 2T
 L       A
 U      3R O A 4M
 T       T     O
 O      5H 6A L O      <- row 4: a gap between O and H
            X   N
            I
           7S T A R
"""

from __future__ import annotations

import re

import pytest
from player_helpers import at, letters
from playwright.sync_api import expect


@pytest.fixture
def space(play):
    page = play("space")
    page.locator('#grid [tabindex="0"]').focus()
    return page


def assert_at(page, label: str) -> None:
    expect(page.locator("#grid [role=gridcell]:focus")).to_have_attribute(
        "aria-label", re.compile("^" + re.escape(label))
    )


def test_starts_on_first_across_with_one_tab_stop(space):
    assert_at(space, "1 Across, letter 1 of 6, blank")
    assert space.locator("#grid [tabindex='0']").count() == 1


def test_click_selects_and_click_again_toggles_direction(space):
    at(space, 0, 4).click()
    assert_at(space, "1 Across, letter 5 of 6")
    at(space, 0, 4).click()
    assert_at(space, "2 Down, letter 1 of 5")
    at(space, 0, 4).click()
    assert_at(space, "1 Across, letter 5 of 6")


def test_click_on_a_cell_with_one_entry_takes_its_direction(space):
    at(space, 2, 0).click()
    assert_at(space, "1 Down, letter 3 of 5")


@pytest.mark.parametrize(
    ("keys", "label"),
    [
        (["ArrowRight"], "1 Across, letter 2 of 6"),
        (["ArrowRight", "ArrowLeft"], "1 Across, letter 1 of 6"),
        (["ArrowDown"], "1 Down, letter 1 of 5"),  # perpendicular: turns first
        (["ArrowDown", "ArrowDown"], "1 Down, letter 2 of 5"),  # then moves
        (["ArrowDown", "ArrowDown", "ArrowUp"], "1 Down, letter 1 of 5"),
        (["ArrowLeft"], "1 Across, letter 1 of 6"),  # edge: stays
    ],
    ids=["right", "left", "down-turns", "down-moves", "up", "edge"],
)
def test_arrows(space, keys, label):
    for key in keys:
        space.keyboard.press(key)
    assert_at(space, label)


def test_arrows_jump_over_gaps_in_a_free_form_grid(space):
    at(space, 4, 0).click()  # the O of PLUTO; row 4 continues at H after three gaps
    assert_at(space, "1 Down, letter 5 of 5")
    space.keyboard.press("ArrowRight")
    assert_at(space, "5 Across, letter 1 of 4")
    space.keyboard.press("ArrowLeft")
    assert_at(space, "1 Down, letter 5 of 5")


def test_typing_advances(space):
    space.keyboard.type("pl")
    assert_at(space, "1 Across, letter 3 of 6, blank")
    assert letters(space).splitlines()[0].startswith("PL....")


@pytest.mark.parametrize(("skip", "label"), [(True, "letter 4 of 6"), (False, "letter 3 of 6")])
def test_typing_skips_filled_squares_as_set(space, skip, label):
    if not skip:
        space.locator("summary[aria-label=Settings]").click()
        space.get_by_label("Skip filled squares").uncheck()
    at(space, 0, 2).click()
    space.keyboard.type("A")
    at(space, 0, 0).click()
    space.keyboard.type("PL")
    assert_at(space, f"1 Across, {label}")


def test_end_of_entry_jumps_to_the_next_unfilled_entry(space):
    space.keyboard.type("PLANET")
    assert_at(space, "3 Across, letter 1 of 4, blank")


def test_end_of_entry_with_blanks_goes_back_to_the_first_blank(space):
    at(space, 0, 5).click()
    space.keyboard.type("T")
    assert_at(space, "1 Across, letter 1 of 6, blank")


def test_tab_skips_entries_that_are_full(space):
    space.keyboard.type("PLANET")  # now on 3 Across
    space.keyboard.press("Shift+Tab")  # 1 Across is full: back past it to 6 Down
    assert_at(space, "6 Down, letter 1 of 4")


def test_backspace_clears_then_steps_back(space):
    space.keyboard.type("PLA")
    at(space, 0, 2).click()
    space.keyboard.press("Backspace")  # a filled square: cleared in place
    assert_at(space, "1 Across, letter 3 of 6, blank")
    space.keyboard.press("Backspace")  # empty: step back and clear
    assert_at(space, "1 Across, letter 2 of 6, blank")
    assert letters(space).splitlines()[0].startswith("P.....")


def test_backspace_at_the_start_of_an_entry_goes_to_the_previous_one(space):
    space.keyboard.press("Tab")  # 3 Across
    space.keyboard.press("Backspace")
    assert_at(space, "1 Across, letter 6 of 6")


def test_delete_clears_in_place(space):
    space.keyboard.type("PL")
    at(space, 0, 0).click()
    space.keyboard.press("Delete")
    assert_at(space, "1 Across, letter 1 of 6, blank")
    assert letters(space).splitlines()[0].startswith(".L....")


@pytest.mark.parametrize(
    ("key", "label"),
    [
        ("Tab", "3 Across, letter 1 of 4"),
        ("Enter", "3 Across, letter 1 of 4"),
        ("Shift+Tab", "6 Down, letter 1 of 4"),
        ("Shift+Enter", "6 Down, letter 1 of 4"),
    ],
)
def test_next_and_previous_entry(space, key, label):
    space.keyboard.press(key)
    assert_at(space, label)


def test_tab_goes_to_the_first_empty_square(space):
    at(space, 2, 4).click()
    space.keyboard.type("RO")  # 3 Across: R O . .
    at(space, 0, 0).click()
    space.keyboard.press("Tab")
    assert_at(space, "3 Across, letter 3 of 4, blank")


def test_space_toggles_direction(space):
    space.keyboard.press(" ")
    assert_at(space, "1 Down, letter 1 of 5")
    space.keyboard.press(" ")
    assert_at(space, "1 Across, letter 1 of 6")


def test_space_keeps_direction_where_there_is_no_crossing(space):
    at(space, 0, 1).click()
    space.keyboard.press(" ")
    assert_at(space, "1 Across, letter 2 of 6")


@pytest.mark.parametrize(("key", "label"), [("End", "letter 6 of 6"), ("Home", "letter 1 of 6")])
def test_home_and_end(space, key, label):
    at(space, 0, 2).click()
    space.keyboard.press(key)
    assert_at(space, f"1 Across, {label}")


def test_clicking_a_clue_jumps_to_its_first_empty_square(space):
    space.keyboard.type("PL")
    space.get_by_role("button", name=re.compile("Dwarf world demoted")).click()
    assert_at(space, "1 Down, letter 2 of 5, blank")


def test_escape_leaves_the_grid_for_the_clue_list(space):
    space.keyboard.press("Escape")
    focused = space.locator(":focus")
    expect(focused).to_have_attribute("aria-current", "true")
    expect(focused).to_contain_text("World circling a star")
    space.keyboard.press("Enter")  # the clue is a button: back into the grid
    assert_at(space, "1 Across, letter 1 of 6")


def test_current_cell_entry_and_clue_are_highlighted_and_full_clues_greyed(space):
    space.keyboard.type("PLANET")
    assert at(space, 2, 4).get_attribute("class").split().count("sel") == 1
    for col in range(4, 8):
        expect(at(space, 2, col)).to_have_class(re.compile(r"\bword\b"))
    expect(at(space, 0, 0)).not_to_have_class(re.compile(r"\bword\b"))
    active = space.locator(".clue[aria-current=true]")
    expect(active).to_have_count(1)
    expect(active).to_contain_text("Wander about")
    expect(space.get_by_role("button", name=re.compile("World circling"))).to_have_class(
        re.compile(r"\bdone\b")
    )
    expect(space.locator("#cb-label")).to_have_text("3 Across")


def test_modifier_keys_are_left_to_the_browser(space):
    space.keyboard.press("Control+a")
    assert_at(space, "1 Across, letter 1 of 6, blank")


def test_typing_right_after_load_goes_to_the_grid(play):
    page = play("space")  # nothing focused yet: the page has just loaded
    page.keyboard.type("PL")
    assert letters(page).splitlines()[0].startswith("PL....")
    assert_at(page, "1 Across, letter 3 of 6")
