"""genxword 2.2.0 behind the layout bench's engine contract (the anchor to beat).

Run with the interpreter of a separate venv that holds genxword (its GUI
dependencies are not needed; they are stubbed here):

    python3 -m venv /tmp/genx-venv
    /tmp/genx-venv/bin/pip install --no-deps genxword==2.2.0
    /tmp/genx-venv/bin/python bench/genxword_engine.py WORDS_FILE --seed N

It does what `genxword --auto` does (control.Genxword.gengrid), minus the
files: all words (the CLI samples 50 by default), longest first, the default
square grid, 1 s of restarts per attempt, grid +2 while fewer than 90% of the
words fit (at most 5 times).  It prints
{"width", "height", "placed": [{"answer", "row", "col", "direction"}], "unplaced"}
with coordinates trimmed to the letters.  Timing-based, so not reproducible
per seed (that is genxword's nature).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import types


def _stub_gui_modules() -> None:
    gi = types.ModuleType("gi")
    gi.require_version = lambda *args, **kwargs: None  # type: ignore[attr-defined]
    repository = types.ModuleType("gi.repository")
    repository.Pango = types.SimpleNamespace()  # type: ignore[attr-defined]
    repository.PangoCairo = types.SimpleNamespace()  # type: ignore[attr-defined]
    gi.repository = repository  # type: ignore[attr-defined]
    sys.modules.update({"gi": gi, "gi.repository": repository, "cairo": types.ModuleType("cairo")})


def grid_size(words: list[str]) -> int:
    """control.Genxword.grid_size (words sorted longest first)."""
    n = len(words)
    if n <= 20:
        side = 17
    elif n <= 100:
        side = int((round((n - 20) / 8.0) * 2) + 19)
    else:
        side = 41
    if side <= len(words[0]):
        side = len(words[0]) + 2
    return side


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("words_file")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--time", type=float, default=1.0, help="seconds of restarts per attempt")
    args = ap.parse_args()

    _stub_gui_modules()
    from genxword.calculate import Crossword

    random.seed(args.seed)
    with open(args.words_file, encoding="utf-8") as f:
        words, seen = [], set()
        for line in f:
            w = line.strip().upper()
            if w and not w.startswith("#") and w not in seen:
                seen.add(w)
                words.append(w)
    wordlist = [[w, w] for w in words]
    wordlist.sort(key=lambda item: len(item[0]), reverse=True)
    side = grid_size([w for w, _ in wordlist])
    for attempt in range(6):
        calc = Crossword(side, side, "-", wordlist)
        calc.compute_crossword(args.time)
        if len(calc.best_wordlist) / len(wordlist) >= 0.9 or attempt == 5:
            break
        side += 2

    placed = [(str(w[0]), w[2], w[3], "down" if w[4] else "across") for w in calc.best_wordlist]
    cells = []
    for answer, row, col, direction in placed:
        for i in range(len(answer)):
            cells.append((row + i, col) if direction == "down" else (row, col + i))
    r0 = min(r for r, _ in cells) if cells else 0
    c0 = min(c for _, c in cells) if cells else 0
    width = max(c for _, c in cells) - c0 + 1 if cells else 0
    height = max(r for r, _ in cells) - r0 + 1 if cells else 0
    done = {p[0] for p in placed}
    out = {
        "width": width,
        "height": height,
        "placed": [
            {"answer": a, "row": r - r0, "col": c - c0, "direction": d} for a, r, c, d in placed
        ],
        "unplaced": [w for w in words if w not in done],
    }
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
