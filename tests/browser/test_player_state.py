"""Saved progress, blocked storage, and completion (almost there / solved, share text)."""

from __future__ import annotations

import re

import pytest
from player_helpers import (
    SPACE_ANSWERS,
    at,
    clock,
    clock_after_a_second,
    clock_passes,
    focused_label,
    letters,
    solve_by_cursor,
    state,
)
from playwright.sync_api import expect


@pytest.fixture
def space(play):
    page = play("space")
    page.locator('#grid [tabindex="0"]').focus()
    return page


def test_reload_restores_progress_mode_lifelines_and_timer(space, puzzle_ids):
    space.get_by_role("button", name="Show emoji").click()
    space.locator('#grid [tabindex="0"]').focus()
    space.keyboard.type("PLA")
    space.get_by_role("radio", name="Both").check()
    before = clock_passes(space, 0)  # at least a second on the clock, however long it took
    key = space.evaluate("Object.keys(localStorage).find(k => k !== 'crossword:prefs')")
    assert key.startswith(f"crossword:{puzzle_ids['space']}:")  # puzzle id + content hash
    space.reload()
    space.wait_for_selector(".player[data-ready]")
    restored = clock(space)
    assert restored >= before >= 1  # the time came back (it is saved as the page goes)
    assert letters(space).startswith("PLA...")
    expect(space.get_by_role("radio", name="Both")).to_be_checked()
    assert state(space)["lifelines"] == ["1-across"]
    clock_passes(space, restored)  # and runs on from there
    space.locator('#grid [tabindex="0"]').focus()
    assert focused_label(space).startswith("1 Across, letter 4 of 6")


def test_settings_are_kept_for_every_puzzle(space):
    space.locator("summary[aria-label=Settings]").click()
    space.get_by_label("Skip filled squares").uncheck()
    space.reload()
    space.wait_for_selector(".player[data-ready]")
    expect(space.get_by_label("Skip filled squares")).not_to_be_checked()


def test_plays_in_memory_when_storage_is_blocked(browser, live_server, puzzle_ids):
    context = browser.new_context()
    context.add_init_script(
        """Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('denied', 'SecurityError'); }});"""
    )
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(exc))
    page.goto(f"{live_server}/p/{puzzle_ids['space']}")
    page.wait_for_selector(".player[data-ready]", timeout=5000)
    page.locator('#grid [tabindex="0"]').focus()
    page.keyboard.type("PLANET")
    assert letters(page).startswith("PLANET")
    assert errors == []
    context.close()


def test_almost_there_when_the_grid_is_full_but_wrong(space):
    wrong = {**SPACE_ANSWERS, "7 Across": "STAX"}
    solve_by_cursor(space, wrong)
    dialog = space.get_by_role("dialog")
    expect(dialog).to_contain_text("Almost there")
    expect(dialog).to_contain_text("some letters are wrong")
    dialog.get_by_role("button", name="Keep trying").click()
    expect(dialog).to_be_hidden()
    running = clock_after_a_second(space)
    assert running[1] > running[0]  # still running
    at(space, 7, 8).click()
    space.keyboard.type("R")
    dialog = space.get_by_role("dialog")
    expect(dialog).to_contain_text("Solved!")


def test_solved_shows_time_aids_and_a_spoiler_free_share_text(space):
    space.get_by_role("button", name="Show emoji").click()  # lifeline on 1 Across
    space.locator('#grid [tabindex="0"]').focus()
    space.keyboard.type("PLANQT")  # typo on purpose, found by a check
    space.locator("summary", has_text="Check").click()
    space.get_by_role("button", name="Check puzzle").click()
    space.get_by_role("dialog").get_by_role("button", name="Check", exact=True).click()
    at(space, 0, 4).click()
    space.keyboard.type("E")
    at(space, 7, 5).click()  # reveal 7 Across
    space.locator("summary", has_text="Reveal").click()
    space.get_by_role("button", name="Reveal word").click()
    space.locator('#grid [tabindex="0"]').focus()
    solve_by_cursor(space)
    dialog = space.get_by_role("dialog")
    expect(dialog).to_contain_text("Solved!")
    stats = dialog.locator(".stats")
    expect(stats).to_contain_text(re.compile(r"Checks\s*1"))
    expect(stats).to_contain_text(re.compile(r"Revealed\s*4"))
    expect(stats).to_contain_text(re.compile(r"Emoji clues used\s*1"))
    share = dialog.locator(".share").input_value()
    assert "Across 🟨🟩🟩🟥\nDown 🟩🟩🟩🟥" in share  # STAR and AXIS share a revealed S
    assert "1 emoji clue used · 1 check · 4 letters revealed" in share
    for answer in SPACE_ANSWERS.values():
        assert answer not in share
    copy = dialog.locator(".dialog-actions .primary")
    expect(copy).to_have_text("Copy result")
    copy.click()
    expect(copy).to_have_text(re.compile("Copied|Select"))
    dialog.get_by_role("button", name="Close").click()
    shown, later = clock_after_a_second(space)
    assert later == shown  # the clock stopped
    space.reload()
    space.wait_for_selector(".player[data-ready]")
    space.get_by_role("button", name="Results").click()
    expect(space.get_by_role("dialog")).to_contain_text("Solved!")
