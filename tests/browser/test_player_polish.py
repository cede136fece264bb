"""Issue 15, player items 1-8: focus stays in the grid, honest scoring, grids that fit,
both clues at a glance, a clue-list mode, and the small slips. On the space puzzle
(tests/browser/player_puzzles.py draws it) unless a test says otherwise."""

from __future__ import annotations

import re

import pytest
from player_helpers import SPACE_ANSWERS, at, focused_label, letters, solve_by_cursor, state
from playwright.sync_api import expect


@pytest.fixture
def space(play):
    page = play("space")
    page.locator('#grid [tabindex="0"]').focus()
    return page


def in_grid(page) -> bool:
    return page.evaluate("document.activeElement.closest('#grid') !== null")


def open_menu(page, name: str):
    if name == "Settings":
        page.locator("summary[aria-label=Settings]").click()
    else:
        page.locator("summary", has_text=name).click()


# -- 1. focus comes back to the grid ------------------------------------------------
TOOLBAR_ACTIONS = {
    "mode Emoji": lambda p: p.get_by_role("radio", name="Emoji").check(),
    "mode Both": lambda p: p.get_by_role("radio", name="Both").check(),
    "Autocheck": lambda p: (open_menu(p, "Check"), p.get_by_label("Autocheck").check()),
    "Pencil": lambda p: p.get_by_role("button", name="Pencil").click(),
    "Show emoji": lambda p: p.get_by_role("button", name="Show emoji").click(),
    "Skip filled squares": lambda p: (
        open_menu(p, "Settings"),
        p.get_by_label("Skip filled squares").uncheck(),
    ),
    "Dark mode": lambda p: (open_menu(p, "Settings"), p.locator("#theme").click()),
    "Keyboard help": lambda p: (
        open_menu(p, "Settings"),
        p.get_by_role("button", name="Keyboard help").click(),
        p.get_by_role("dialog").get_by_role("button", name="Close").click(),
    ),
}


@pytest.mark.parametrize("action", list(TOOLBAR_ACTIONS))
def test_focus_returns_to_the_grid_after_toolbar_and_menu_actions(space, action):
    TOOLBAR_ACTIONS[action](space)
    expect(space.locator("#grid [role=gridcell]:focus")).to_have_count(1)
    space.keyboard.press("ArrowRight")  # moves in the grid, does not switch the hint mode
    space.keyboard.type("L")
    assert letters(space).startswith(".L")
    assert focused_label(space).startswith("1 Across, letter 3 of 6")
    expect(space.locator("details.menu[open]")).to_have_count(0)


def test_backspace_and_space_work_right_after_load(play):
    page = play("space")
    assert not in_grid(page)
    page.keyboard.press("Space")  # turns, as in the grid
    expect(page.locator("#cb-label")).to_have_text("1 Down")
    page.keyboard.type("PL")
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("Backspace")
    assert letters(page).startswith("P.....   \n.")  # the L went, the P stays
    page.keyboard.press("Backspace")
    assert letters(page).startswith("......")
    assert in_grid(page)


def test_a_key_shows_the_emoji_clue_and_counts_it(space):
    bar = space.locator("#cb-clue")
    expect(bar).not_to_contain_text("🪐")
    space.keyboard.press("!")
    expect(bar).to_contain_text("🪐")
    assert state(space)["lifelines"] == ["1-across"]
    expect(space.locator("#live")).to_contain_text("emoji clue shown. 1 used")
    assert in_grid(space)
    assert letters(space).startswith("......")  # "!" is not typed
    expect(space.locator("#lifeline")).to_have_attribute("tabindex", "-1")  # not a Tab stop


HELP_KEYS = [
    "Letters",
    "Click / tap",
    "Arrows",
    "Space",
    "Tab / Enter",
    "Backspace",
    "Delete",
    "Home / End",
    "!",
    "?",
    "Esc",
]


def test_help_lists_every_key_and_the_docs_agree(space):
    space.keyboard.press("?")
    dialog = space.get_by_role("dialog")
    expect(dialog).to_contain_text("Keyboard")
    keys = dialog.locator("dt").all_text_contents()
    assert keys == HELP_KEYS
    dialog.get_by_role("button", name="Close").click()
    assert in_grid(space)
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "PLAYER.md").read_text(encoding="utf-8")
    for key in ("`!`", "`?`", "Esc", "Home / End", "Tab / Enter"):
        assert key in doc, key


def test_the_settings_menu_closes_when_help_opens(space):
    open_menu(space, "Settings")
    space.get_by_role("button", name="Keyboard help").click()
    expect(space.get_by_role("dialog")).to_be_visible()
    expect(space.locator("details.menu[open]")).to_have_count(0)


# -- 2. scoring that tells the truth ------------------------------------------------
def finish(page):
    page.locator('#grid [tabindex="0"]').focus()
    solve_by_cursor(page)
    return page.get_by_role("dialog")


def test_a_glance_at_emoji_mode_marks_only_the_entry_shown(space):
    space.get_by_role("radio", name="Emoji").check()
    space.get_by_role("radio", name="Text").check()
    dialog = finish(space)
    expect(dialog).to_contain_text("Solved!")
    share = dialog.locator(".share").input_value()
    assert "Across 🟨🟩🟩🟩\nDown 🟩🟩🟩🟩" in share
    assert "1 emoji clue used" in share  # agrees with the one 🟨
    expect(dialog.locator(".stats")).to_contain_text(re.compile(r"Emoji clues used\s*1"))


def test_an_entry_solved_before_its_emoji_showed_stays_green(space):
    space.keyboard.type("PLANET")
    space.locator(".clue", has_text="World circling").click()
    space.get_by_role("radio", name="Both").check()  # 1 Across shows, already solved
    space.get_by_role("radio", name="Text").check()
    share = finish(space).locator(".share").input_value()
    assert "Across 🟩🟩🟩🟩" in share
    assert "0 emoji clues used" in share


def test_a_revealed_puzzle_ends_as_revealed(space):
    space.locator("summary", has_text="Reveal").click()
    space.get_by_role("button", name="Reveal puzzle").click()
    space.get_by_role("dialog").get_by_role("button", name="Reveal", exact=True).click()
    dialog = space.get_by_role("dialog")
    expect(dialog.get_by_role("heading")).to_have_text("Revealed")
    expect(dialog).not_to_contain_text("Solved")
    expect(dialog.locator(".share")).to_have_value(re.compile("revealed after"))
    expect(space.locator(".confetti")).to_have_count(0)
    assert state(space)["status"] == "revealed"


def test_almost_there_check_puzzle_asks_nothing_more(space):
    solve_by_cursor(space, {**SPACE_ANSWERS, "7 Across": "STAX"})
    dialog = space.get_by_role("dialog")
    expect(dialog).to_contain_text("Almost there")
    dialog.get_by_role("button", name="Check puzzle").click()
    expect(dialog).to_be_hidden()
    expect(at(space, 7, 8)).to_have_class(re.compile(r"\bwrong\b"))
    assert state(space)["checks"] == 1


def test_no_stale_check_message_under_the_results(space):
    space.keyboard.type("PLANEX")
    at(space, 0, 0).click()
    space.locator("summary", has_text="Check").click()
    space.get_by_role("button", name="Check word").click()
    expect(space.locator("#toast")).to_have_text("1 wrong letter")
    at(space, 0, 5).click()
    space.keyboard.type("T")
    dialog = finish(space)
    expect(dialog).to_contain_text("Solved!")
    expect(space.locator("#toast")).not_to_have_class(re.compile(r"\bshow\b"))
    expect(space.locator("#toast")).to_have_text("")


# -- 3. grids that fit ------------------------------------------------------------
def boxes(page) -> dict:
    return page.evaluate(
        """() => { const r = (s) => document.querySelector(s).getBoundingClientRect().toJSON();
                   return {header: r('.site-header'), bar: r('#clue-bar'), grid: r('#grid'),
                           cell: r('#grid .cell'), inner: innerHeight}; }"""
    )


def test_a_21_by_25_grid_fits_a_desktop_screen_under_the_sticky_clue_bar(
    shared_page, live_server, puzzle_ids
):
    page = shared_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{live_server}/p/{puzzle_ids['big']}")
    page.wait_for_selector(".player[data-ready]")
    b = boxes(page)
    assert b["cell"]["width"] >= 22  # legible
    page.evaluate(
        "window.scrollTo(0, document.querySelector('#grid').getBoundingClientRect().top + scrollY)"
    )
    b = boxes(page)
    assert b["bar"]["top"] >= b["header"]["bottom"] - 0.5  # under the header, never over it
    assert (
        b["grid"]["height"] <= b["inner"] - b["header"]["height"] - b["bar"]["height"]
    )  # whole grid fits
    # the bar is opaque: what sits under it is hidden
    hit = page.evaluate(
        """() => { const r = document.querySelector('#clue-bar').getBoundingClientRect();
                   const e = document.elementFromPoint(r.left + r.width / 2, r.top + 2);
                   return e.closest('#clue-bar') !== null; }"""
    )
    assert hit


def test_a_key_press_changes_only_the_squares_it_affects(shared_page, live_server, puzzle_ids):
    """A letter typed in the 21x25 grid touches the squares whose letter, look or label
    changed (the two current words), not all 200-odd: a phone repaints what changed."""
    page = shared_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{live_server}/p/{puzzle_ids['big']}")
    page.wait_for_selector(".player[data-ready]")
    page.locator('#grid [tabindex="0"]').focus()
    page.evaluate(
        """() => { window.touched = new Set();
                   new MutationObserver((changes) => changes.forEach((m) => {
                       const cell = (m.target.closest ? m.target : m.target.parentElement).closest('.cell');
                       if (cell) window.touched.add(cell);
                   })).observe(document.querySelector('#grid'),
                               {subtree: true, attributes: true, childList: true, characterData: true}); }"""
    )
    page.keyboard.type("W")
    cells = page.locator("#grid .cell").count()
    touched = page.evaluate("window.touched.size")
    word = len(page.locator("#grid .cell.word").all())
    assert 0 < touched <= 2 * word + 2 < cells / 4, (touched, word, cells)


def test_clue_columns_are_readable_at_1024(shared_page, live_server, puzzle_ids):
    page = shared_page(viewport={"width": 1024, "height": 768})
    page.goto(f"{live_server}/p/{puzzle_ids['lattice']}")
    page.wait_for_selector(".player[data-ready]")
    for name in ("Across", "Down"):
        width = page.get_by_role("list", name=name).bounding_box()["width"]
        assert width >= 300, (name, width)
    assert page.evaluate("document.documentElement.scrollWidth") <= 1024


def test_numbers_never_overlap_letters_on_a_phone(shared_page, live_server, puzzle_ids):
    page = shared_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page.goto(f"{live_server}/p/{puzzle_ids['big']}")
    page.wait_for_selector(".player[data-ready]")
    keyboard = page.get_by_role("group", name="On-screen keyboard")
    numbered = page.evaluate("document.querySelectorAll('#grid .cell .num').length")
    for _ in range(40):  # fill squares, numbered ones among them, with a wide letter
        keyboard.get_by_role("button", name="W", exact=True).tap()
    overlaps = page.evaluate(
        """() => [...document.querySelectorAll('#grid .cell')].filter(c => c.querySelector('.num')
                    && c.querySelector('.letter').textContent).map(c => {
            const n = c.querySelector('.num').getBoundingClientRect();
            const range = document.createRange();
            range.selectNodeContents(c.querySelector('.letter'));
            const l = range.getBoundingClientRect();
            const x = Math.min(n.right, l.right) - Math.max(n.left, l.left);
            const y = Math.min(n.bottom, l.bottom) - Math.max(n.top, l.top);
            return x > 0.5 && y > 0.5 ? c.getAttribute('aria-label') : null; }).filter(Boolean)"""
    )
    filled = page.evaluate(
        "[...document.querySelectorAll('#grid .cell')].filter(c => c.querySelector('.num') && c.querySelector('.letter').textContent).length"
    )
    assert numbered and filled >= 3
    assert overlaps == []


# -- 4. both clues at a glance; clue-list mode -------------------------------------
def test_the_clue_bar_shows_the_crossing_clue(space):
    cross = space.locator("#cb-cross")
    expect(cross).to_contain_text("1 Down")
    expect(cross).to_contain_text("Dwarf world demoted in 2006")
    space.keyboard.press("Tab")  # 3 Across, its first square crosses 2 Down
    expect(cross).to_contain_text("2 Down")
    expect(cross).to_contain_text("Our home")
    space.locator(".clue", has_text="Line a planet").click()  # 6 Down starts in HALO
    expect(cross).to_contain_text("5 Across")


def test_clue_list_mode_types_into_the_grid(space):
    space.get_by_role("button", name="Clue list").click()
    expect(space.get_by_role("button", name="Clue list")).to_have_attribute("aria-pressed", "true")
    region = space.get_by_role("region", name="Clue list")
    expect(region).to_be_visible()
    expect(space.locator("#live")).to_contain_text("one text box per clue")
    box = region.get_by_role("textbox", name=re.compile(r"^1 Across World circling a star"))
    expect(box).to_be_focused()
    box.type("planet")
    region.get_by_role("textbox", name=re.compile(r"^1 Down Dwarf world")).fill("pluto")
    expect(region.get_by_role("textbox", name=re.compile(r"^1 Down"))).to_have_value("pluto")
    space.get_by_role("button", name="Clue list").click()
    expect(region).to_be_hidden()
    rows = letters(space).split("\n")
    assert rows[0].startswith("PLANET") and [row[0] for row in rows[:5]] == list("PLUTO")
    assert in_grid(space)


# -- 5. small slips -----------------------------------------------------------------
def test_the_phone_keyboard_goes_away_after_solving(shared_page, live_server, puzzle_ids):
    page = shared_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page.goto(f"{live_server}/p/{puzzle_ids['space']}")
    page.wait_for_selector(".player[data-ready]")
    expect(page.locator("#osk")).to_be_visible()
    page.get_by_role("button", name="Clue list").tap()
    for entry, answer in (
        ("1 Across", "PLANET"),
        ("3 Across", "ROAM"),
        ("5 Across", "HALO"),
        ("7 Across", "STAR"),
        ("1 Down", "PLUTO"),
        ("2 Down", "EARTH"),
        ("4 Down", "MOON"),
        ("6 Down", "AXIS"),
    ):
        page.get_by_role("textbox", name=re.compile("^" + entry)).fill(answer)
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Solved!")
    share = dialog.locator(".share")  # the share text shows whole, not cut to 6 rows
    assert share.evaluate("e => e.scrollHeight <= e.clientHeight + 1 && e.scrollTop === 0")
    dialog.get_by_role("button", name="Close").tap()
    page.get_by_role("button", name="Clue list").tap()
    expect(page.locator("#osk")).to_be_hidden()


def test_printing_the_play_page_points_to_the_print_layout(space, puzzle_ids):
    space.emulate_media(media="print")
    expect(space.locator("#player")).to_be_hidden()
    note = space.locator(".print-note")
    expect(note).to_be_visible()
    expect(note.get_by_role("link")).to_have_attribute(
        "href", re.compile(f"/p/{puzzle_ids['space']}/print")
    )
    space.emulate_media(media="screen")
    expect(note).to_be_hidden()


def test_the_selected_theme_chip_keeps_dark_emoji_visible(page, live_server):
    """The chip is on the maker page; its emoji sits on a light disc when selected."""
    page.goto(f"{live_server}/")
    chip = page.locator("#themes .chip").first
    expect(chip).to_be_visible()
    chip.click()
    expect(chip).to_have_attribute("aria-pressed", "true")
    background = chip.locator(".chip-emoji").evaluate("e => getComputedStyle(e).backgroundColor")
    assert background == "rgb(255, 255, 255)"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_serious_in_clue_list_mode_and_the_results(
    shared_page, live_server, puzzle_ids, scheme
):
    from test_player_page import run_axe

    page = shared_page(bypass_csp=True, color_scheme=scheme)
    page.goto(f"{live_server}/p/{puzzle_ids['space']}")
    page.wait_for_selector(".player[data-ready]")
    page.get_by_role("button", name="Clue list").click()
    page.get_by_role("textbox", name=re.compile("^1 Across")).fill("PLAN")
    assert run_axe(page) == []
    page.get_by_role("button", name="Clue list").click()
    page.locator("summary", has_text="Reveal").click()
    page.get_by_role("button", name="Reveal puzzle").click()
    page.get_by_role("dialog").get_by_role("button", name="Reveal", exact=True).click()
    expect(page.get_by_role("dialog").get_by_role("heading")).to_have_text("Revealed")
    assert run_axe(page) == []


def test_notices_show_under_the_title(app, live_server, page, puzzle_ids):
    """The puzzle's `notices` (where the product did something other than asked) are shown."""
    from dataclasses import replace

    from player_puzzles import space_puzzle

    from web.store import get_store

    with app.app_context():
        puzzle_id = get_store().save(
            replace(space_puzzle(), notices=("2 words could not be placed.",))
        )
    page.goto(f"{live_server}/p/{puzzle_id}")
    notes = page.get_by_role("list", name="About this puzzle")
    expect(notes).to_contain_text("2 words could not be placed.")
    page.goto(f"{live_server}/p/{puzzle_ids['space']}")  # none: no list
    expect(page.locator(".pl-notices")).to_have_count(0)
