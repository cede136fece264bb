"""A maker's whole journey in a real browser: pick a theme on the maker page, make the
puzzle (offline hints, no key), open it from the result card, solve it, see it solved."""

from __future__ import annotations

import json

from playwright.sync_api import expect


def test_make_a_theme_puzzle_then_play_it_to_the_end(page, live_server):
    page.goto(live_server + "/")
    page.get_by_role("button", name="Space", exact=False).first.click()
    expect(page.locator("#topic")).to_have_value("space")
    page.locator("#options summary").click()
    page.locator("#seed").fill("4")
    page.get_by_role("button", name="Make crossword").click()

    result = page.locator("#result")
    expect(result).to_be_visible(timeout=15_000)
    expect(page.locator("#result-title")).to_contain_text("Space")
    share = page.locator("#share-url").input_value()
    assert share.startswith(live_server + "/p/")
    expect(page.locator("#dl-ipuz")).to_have_attribute(
        "href", share.replace("/p/", "/api/puzzles/") + ".ipuz"
    )

    page.locator("#play-link").click()
    expect(page).to_have_url(share)
    data = json.loads(page.locator("#puzzle-data").text_content())
    assert data["provider"] == "offline"
    assert len(data["entries"]) >= 8
    assert all(e["clue"] for e in data["entries"])
    assert sum(1 for e in data["entries"] if e["emoji"]) >= 0.8 * len(data["entries"])

    # Fill every letter cell by clicking it and typing its letter from the solution.
    width = data["width"]
    for r, row in enumerate(data["grid"]):
        for c, letter in enumerate(row):
            if letter != "#":
                page.locator(f'#grid .cell[data-i="{r * width + c}"]').click()
                page.keyboard.press(letter)
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Solved!")
