"""Helpers the browser tests share (locators by accessible name, grid snapshots)."""

from __future__ import annotations

import re


def cell(page, label: str):
    """A grid cell by the start of its accessible name: cell(page, "1 Across, letter 2")."""
    return page.get_by_role("gridcell", name=re.compile("^" + re.escape(label)))


def focused_label(page) -> str:
    return page.evaluate("document.activeElement.getAttribute('aria-label') || ''")


def letters(page) -> str:
    """The grid as text, row by row: letters, '.' for an empty cell, ' ' for no cell."""
    return page.evaluate(
        """() => [...document.querySelectorAll('#grid .row')].map(r => [...r.children].map(
            c => c.classList.contains('cell') ? (c.querySelector('.letter').textContent || '.') : ' '
        ).join('')).join('\\n')"""
    )


def at(page, row: int, col: int):
    """The square at (row, col), counted from 0 like Position."""
    return page.locator(f"#grid > .row:nth-child({row + 1}) > :nth-child({col + 1})")


def grid_letters(page) -> str:
    return letters(page)


def state(page) -> dict:
    """The progress the player saved for the open puzzle (its localStorage entry)."""
    return page.evaluate(
        """() => { const k = Object.keys(localStorage).find(k => k.startsWith('crossword:') && k !== 'crossword:prefs');
                   return k ? JSON.parse(localStorage.getItem(k)) : null; }"""
    )


SPACE_ANSWERS = {
    "1 Across": "PLANET",
    "3 Across": "ROAM",
    "5 Across": "HALO",
    "7 Across": "STAR",
    "1 Down": "PLUTO",
    "2 Down": "EARTH",
    "4 Down": "MOON",
    "6 Down": "AXIS",
}
LABEL = re.compile(r"^(\d+ (?:Across|Down)), letter (\d+) of \d+")


def solve_by_cursor(page, answers=SPACE_ANSWERS, limit: int = 80) -> int:
    """Type the letter the cursor asks for until no square is blank, following the
    player's own cursor (advance, skip filled, jump to the next entry). Returns keys typed."""
    typed = 0
    while "." in letters(page):
        match = LABEL.match(focused_label(page))
        assert match, f"focus left the grid: {focused_label(page)!r}"
        page.keyboard.press(answers[match[1]][int(match[2]) - 1])
        typed += 1
        assert typed <= limit, "the cursor is going round in circles"
    return typed


# -- the clock, read as behaviour rather than timed: under load a second can take several.
CLOCK_SECONDS = (
    "() => document.querySelector('#timer').textContent.split(':')"
    ".reduce((s, part) => s * 60 + Number(part), 0)"
)


def clock(page) -> int:
    """The clock as shown, in seconds ("1:05" -> 65, "1:02:03" -> 3723)."""
    return page.evaluate(CLOCK_SECONDS)


def clock_passes(page, seconds: int, timeout: float = 20_000) -> int:
    """Wait until the shown clock reads more than ``seconds``; return what it reads."""
    # polled every 100 ms: the default, every animation frame, keeps chromium drawing frames
    page.wait_for_function(
        f"n => ({CLOCK_SECONDS})() > n", arg=seconds, timeout=timeout, polling=100
    )
    return clock(page)


def clock_after_a_second(page) -> tuple[int, int]:
    """The clock before and after more than a second of real time *and* a repaint after it:
    a running clock has moved on by then however slow the machine, a stopped one has not."""
    return tuple(
        page.evaluate(
            f"""async () => {{
            const timer = document.querySelector('#timer'), read = {CLOCK_SECONDS};
            const before = read();
            await new Promise((done) => setTimeout(done, 1100));
            await new Promise((done) => {{
                new MutationObserver((_, o) => {{ o.disconnect(); done(); }})
                    .observe(timer, {{childList: true, characterData: true, subtree: true}});
                setTimeout(done, 15000);  // no repaint at all: the reading stands
            }});
            return [before, read()];
        }}"""
        )
    )
