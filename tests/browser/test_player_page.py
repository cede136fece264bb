"""The play page as a whole: solving end to end, phones, accessibility, safety, budgets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from player_helpers import SPACE_ANSWERS, focused_label, letters, solve_by_cursor
from player_puzzles import SPACE_ROWS
from playwright.sync_api import expect

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
PAGE_BUDGET = 80 * 1024  # everything the play page fetches (HTML, JS, CSS, icon), uncompressed
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def test_solve_end_to_end_by_keyboard(play):
    page = play("space")
    errors = []
    page.on("pageerror", lambda exc: errors.append(exc))
    page.locator('#grid [tabindex="0"]').focus()
    typed = solve_by_cursor(page)
    assert typed == sum(1 for row in SPACE_ROWS for ch in row if ch != "#")  # no wasted key
    assert letters(page).replace(".", "?") == "\n".join(SPACE_ROWS).replace("#", " ")
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Solved!")
    expect(dialog.locator(".share")).to_have_value(re.compile("Across 🟩🟩🟩🟩\nDown 🟩🟩🟩🟩"))
    assert errors == []


def test_grid_semantics_and_live_clue(play):
    page = play("space")
    grid = page.get_by_role("grid", name="Crossword grid")
    expect(grid.get_by_role("row")).to_have_count(len(SPACE_ROWS))
    expect(grid.get_by_role("gridcell")).to_have_count(
        sum(len(r) - r.count("#") for r in SPACE_ROWS)
    )
    expect(page.get_by_role("gridcell", name="1 Across, letter 1 of 6, blank")).to_have_attribute(
        "tabindex", "0"
    )
    live = page.locator("#live")
    expect(live).to_have_attribute("aria-live", "polite")
    expect(live).to_have_text("1 Across: World circling a star, 6 letters")
    page.locator('#grid [tabindex="0"]').focus()
    page.keyboard.type("PL")  # same entry: announced once, not per letter
    expect(live).to_have_text("1 Across: World circling a star, 6 letters")
    page.keyboard.press("Tab")
    expect(live).to_have_text("3 Across: Wander about, 4 letters")
    for name in ("Across", "Down"):
        expect(page.get_by_role("list", name=name).get_by_role("button")).to_have_count(4)


def test_emoji_clues_have_a_spoken_label(play):
    page = play("space")
    page.get_by_role("radio", name="Both").check()
    emoji = page.locator("#cb-clue .emoji")
    # the label names the emoji in words (serialize.emoji_label), whatever the voice does
    expect(emoji).to_have_attribute("aria-label", "emoji clue: ringed planet")
    expect(emoji).to_have_attribute("role", "img")


def test_clue_text_is_never_markup(play):
    page = play("lattice")
    expect(page.locator(".clue").first).to_contain_text("Clue <img src=x> for 1-across")
    expect(page.locator("#player img")).to_have_count(0)
    expect(page.get_by_role("heading", level=1)).to_have_text("Lattice")


def test_a_32_entry_puzzle_renders_every_cell_and_clue(play):
    """(How fast it renders is a benchmark, not a test: bench/bench_player.py.)"""
    page = play("lattice")
    assert page.locator("#grid [role=gridcell]").count() == 160
    assert page.locator(".clue").count() == 32
    assert float(page.locator("#player").get_attribute("data-render-ms")) > 0


def assert_within_budget(page, url: str, origin: str, ready) -> None:
    """Every response the page fetched until `ready(page)` and the network is idle (lazy
    loads included), as received, uncompressed, fits the budget; nothing came from elsewhere."""
    responses, requests = [], []
    page.on("response", lambda response: responses.append(response))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url)
    ready(page)
    page.wait_for_load_state("networkidle")
    sizes = [(r.url.removeprefix(origin), len(r.body())) for r in responses]
    assert any(name.endswith("/player.js") for name, _ in sizes)
    listing = "\n".join(f"{size:6} {name}" for name, size in sizes)
    assert sum(size for _, size in sizes) <= PAGE_BUDGET, listing
    assert [u for u in requests if not u.startswith(origin + "/")] == []  # no third party


def player_ready(page) -> None:
    page.wait_for_selector(".player[data-ready]")


def test_page_weight_is_within_budget(fresh_page, live_server, puzzle_ids):
    """A first visit: a page of its own, nothing cached (the shared `page` has a cache)."""
    url = f"{live_server}/p/{puzzle_ids['lattice']}"
    assert_within_budget(fresh_page, url, live_server, player_ready)


def test_page_weight_on_a_phone_is_within_budget(browser, live_server, puzzle_ids):
    """A touch screen loads its keyboard (script and styles) right after the first render:
    the budget holds for what a phone has fetched once that is done."""

    def keyboard_up(page):
        player_ready(page)
        expect(page.get_by_role("group", name="On-screen keyboard")).to_be_visible()
        page.wait_for_function(  # every stylesheet link has loaded
            "[...document.styleSheets].length === document.querySelectorAll('link[rel=stylesheet]').length",
            polling=100,
        )

    context = browser.new_context(**PHONE)
    url = f"{live_server}/p/{puzzle_ids['lattice']}"
    assert_within_budget(context.new_page(), url, live_server, keyboard_up)
    context.close()


def test_phone_with_the_on_screen_keyboard(shared_page, live_server, puzzle_ids):
    page = shared_page(
        viewport={"width": 360, "height": 740},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
    page.set_default_timeout(5000)
    page.goto(f"{live_server}/p/{puzzle_ids['lattice']}")  # 15 x 15
    page.wait_for_selector(".player[data-ready]")
    keyboard = page.get_by_role("group", name="On-screen keyboard")
    expect(keyboard).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    box = page.locator("#grid").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert box["width"] / 15 >= 20  # cells stay tappable
    for key in "ABC":
        keyboard.get_by_role("button", name=key, exact=True).tap()
    assert letters(page).startswith("ABC")
    grid = page.locator("#grid").bounding_box()
    dock = page.locator("#dock").bounding_box()
    assert grid["y"] + grid["height"] <= dock["y"] + 1  # the keyboard never covers the grid
    keyboard.get_by_role("button", name="Backspace").tap()
    assert letters(page).startswith("AB.")
    keyboard.get_by_role("button", name="Toggle direction").tap()
    assert focused_label(page).startswith("2 Down, letter 1 of 7")
    keyboard.get_by_role("button", name="Next clue").tap()
    expect(page.locator("#cb-label")).to_have_text("3 Down")
    keyboard.get_by_role("button", name="Previous clue").tap()
    expect(page.locator("#cb-label")).to_have_text("2 Down")
    expect(page.locator("#dock #clue-bar")).to_be_visible()  # the clue sits above the keys


def test_desktop_has_no_on_screen_keyboard(play):
    page = play("space")
    expect(page.locator("#osk")).to_be_hidden()


# The whole page is scanned, site header included.
AXE_EXCLUDE: list[str] = []


def run_axe(page) -> list[dict]:
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async (exclude) => (await axe.run({include: [document], exclude: exclude.map(s => [s])}, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}))
            .violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                   nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))""",
        AXE_EXCLUDE,
    )
    return [v for v in result if v["impact"] in {"serious", "critical"}]


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"color_scheme": "dark"},
        {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True},
        PHONE,
        {**PHONE, "color_scheme": "dark"},
        {"forced_colors": "active"},
        {"forced_colors": "active", "color_scheme": "dark"},
    ],
    ids=["light", "dark", "phone", "phone-390", "phone-390-dark", "forced", "forced-dark"],
)
def test_axe_finds_no_serious_violations(shared_page, live_server, puzzle_ids, options):
    page = shared_page(bypass_csp=True, **options)
    page.goto(f"{live_server}/p/{puzzle_ids['space']}")
    page.wait_for_selector(".player[data-ready]")
    page.locator('#grid [tabindex="0"]').focus()
    page.keyboard.type("PLANE")  # highlighted word, current cell, a done clue
    page.keyboard.press("Tab")
    page.get_by_role("radio", name="Both").check()
    assert run_axe(page) == []


FORCED_LOOK = """() => {
    const style = (s) => getComputedStyle(document.querySelector(s));
    const sel = style('#grid .cell.sel');
    return {canvas: style('body').backgroundColor,
            sel: sel.outlineStyle + ' ' + sel.outlineWidth,
            mode: style('.modes input:checked + span').backgroundColor,
            pencil: style('#pencil').backgroundColor,
            wrong: getComputedStyle(document.querySelector('#grid .cell.wrong .letter')).textDecorationLine};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_high_contrast_mode_still_shows_the_square_the_mode_and_wrong_letters(
    shared_page, live_server, puzzle_ids, scheme
):
    """Forced colours (Windows high contrast) drop backgrounds, shadows and gradients: the
    yellow square, the chosen Text/Emoji/Both, Pencil on and the red strike all went."""
    page = shared_page(forced_colors="active", color_scheme=scheme)
    page.goto(f"{live_server}/p/{puzzle_ids['space']}")
    page.wait_for_selector(".player[data-ready]")
    page.locator('#grid [tabindex="0"]').focus()
    page.keyboard.type("PLANEX")
    page.locator(".clue", has_text="World circling").click()  # back to 1 Across
    page.locator("summary", has_text="Check").click()
    page.get_by_role("button", name="Check word").click()
    expect(page.locator("#grid .cell.wrong")).to_have_count(1)
    page.get_by_role("radio", name="Both").check()
    page.get_by_role("button", name="Pencil").click()
    page.keyboard.press("ArrowRight")  # moved by keyboard: the square is :focus-visible
    expect(page.locator("#grid .cell.sel:focus-visible")).to_have_count(1)
    look = page.evaluate(FORCED_LOOK)
    assert look["sel"] == "solid 3px"  # the focused square has its frame
    for part in ("mode", "pencil"):  # filled with the system Highlight, not the page colour
        assert look[part] not in {look["canvas"], "rgba(0, 0, 0, 0)"}, look
    assert "line-through" in look["wrong"]


def test_dark_mode_follows_the_system_and_has_a_toggle(shared_page, live_server, puzzle_ids):
    page = shared_page(color_scheme="dark")
    page.goto(f"{live_server}/p/{puzzle_ids['space']}")
    page.wait_for_selector(".player[data-ready]")
    background = "getComputedStyle(document.querySelector('.cell')).backgroundColor"
    dark = page.evaluate(background)
    page.locator("summary[aria-label=Settings]").click()
    page.get_by_role("button", name="Light mode").click()
    assert page.evaluate(background) != dark
    assert page.evaluate("document.documentElement.dataset.theme") == "light"


def test_reduced_motion_skips_the_celebration(shared_page, live_server, puzzle_ids):
    page = shared_page(reduced_motion="reduce")
    page.goto(f"{live_server}/p/{puzzle_ids['space']}")
    page.wait_for_selector(".player[data-ready]")
    page.locator('#grid [tabindex="0"]').focus()
    solve_by_cursor(page, SPACE_ANSWERS)
    expect(page.get_by_role("dialog")).to_contain_text("Solved!")
    expect(page.locator(".confetti")).to_have_count(0)
