"""Hand-made puzzles for the browser tests (stored through the real store)."""

from __future__ import annotations

from crossword.grid import Grid
from crossword.puzzle import Hints, Puzzle

SPACE_ROWS = (
    "PLANET###",
    "L###A####",
    "U###ROAM#",
    "T###T##O#",
    "O###HALO#",
    "#####X#N#",
    "#####I###",
    "#####STAR",
)
SPACE_HINTS = {
    "PLANET": ("World circling a star", "🪐"),
    "PLUTO": ("Dwarf world demoted in 2006", "🐶"),
    "EARTH": ("Our home", "🌍"),
    "ROAM": ("Wander about", "🚶🗺️"),
    "MOON": ("It waxes and wanes", "🌕"),
    "HALO": ("Ring of light", "😇"),
    "AXIS": ("Line a planet spins around", None),
    "STAR": ("Sun, for one", "⭐"),
}


def space_puzzle() -> Puzzle:
    """Eight entries; row 4 has a gap (O . . . H A L O) for arrow jumps; AXIS has no emoji.

    1P L A N E 2T            1-across PLANET   1-down PLUTO
     L       A               3-across ROAM     2-down EARTH
     U      3R O A 4M        5-across HALO     4-down MOON
     T       T     O         7-across STAR     6-down AXIS
     O      5H 6A L O
                X   N
                I
               7S T A R
    """
    grid = Grid(SPACE_ROWS)
    clues = {}
    for e in grid.entries:
        text, emoji = SPACE_HINTS[e.answer]
        clues[e.id] = Hints(text=text, emoji=emoji, enumeration=str(e.length))
    return Puzzle(grid=grid, clues=clues, title="Space <b>odyssey</b>", topic="space")


def lattice_puzzle() -> Puzzle:
    """15 x 15, 32 entries: words on every even row and column, split by a gap in the middle.
    Clues carry markup that must show as text."""
    letters = "ABCDEFGHIJKLMNOPRSTUVWY"
    rows = []
    for r in range(15):
        row = ""
        for c in range(15):
            cell = (r % 2 == 0 and c != 7) or (c % 2 == 0 and r != 7)
            row += letters[(r * 7 + c * 3) % len(letters)] if cell else "#"
        rows.append(row)
    grid = Grid(tuple(rows))
    clues = {
        e.id: Hints(
            text=f"Clue <img src=x> for {e.id}, long enough to wrap on a phone",
            emoji="🍎🌳" if e.number % 3 else None,
            enumeration=str(e.length),
        )
        for e in grid.entries
    }
    return Puzzle(grid=grid, clues=clues, title="Lattice")


def big_puzzle() -> Puzzle:
    """21 wide x 25 tall (the size issue 15 measured): words on every even row and column,
    split by a gap through the middle; numbers reach two digits."""
    letters = "ABCDEFGHIJKLMNOPRSTUVWY"
    rows = []
    for r in range(25):
        row = ""
        for c in range(21):
            cell = (r % 2 == 0 and c != 10) or (c % 2 == 0 and r != 12)
            row += letters[(r * 5 + c * 3) % len(letters)] if cell else "#"
        rows.append(row)
    grid = Grid(tuple(rows))
    clues = {
        e.id: Hints(
            text=f"A clue for {e.id} that runs to a few words",
            emoji="🍎",
            enumeration=str(e.length),
        )
        for e in grid.entries
    }
    return Puzzle(grid=grid, clues=clues, title="Big")
