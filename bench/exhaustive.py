"""Exhaustive layout search for small lists: the best any layout can do.

Visits every connected layout that can be built by adding one word at a time,
each new word crossing the layout (the engine's own legality test), with a
translation-invariant visited set.  Prints, per number of words placed and
crossings, the best density found.  Feasible up to ~8-12 words (p12_sparse_12:
4,800 layouts, 0.3 s; p01_fruits_8: 374,136 layouts, ~20 s).

    .venv/bin/python bench/exhaustive.py bench/wordlists/p12_sparse_12.txt
    .venv/bin/python bench/exhaustive.py bench/wordlists/p01_fruits_8.txt --limit 2000000

Trees are always reachable this way (add words in breadth-first order); a layout
with a cycle whose every build order passes through an illegal partial layout
would be missed, so the maxima are exact for trees and lower bounds otherwise.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from crossword._layout_board import ACROSS, DOWN, ORIGIN, STRIDE, Board, fit  # noqa: E402


def placements(board: Board, word: str) -> list[tuple[int, int]]:
    """Legal placements of `word` crossing the layout, as (start, direction bit)."""
    seen: set[tuple[int, int]] = set()
    out = []
    for i, ch in enumerate(word):
        for p in board.index.get(ch, ()):
            bit, start = (DOWN, p - i * STRIDE) if board.dirs[p] == ACROSS else (ACROSS, p - i)
            if (start, bit) not in seen:
                seen.add((start, bit))
                if fit(board.cells, board.dirs, word, start, bit) > 0:
                    out.append((start, bit))
    return out


def search(words: list[str], limit: int) -> tuple[dict[tuple[int, int], float], int, bool]:
    """Best density per (words placed, crossings); layouts visited; whether it finished."""
    best: dict[tuple[int, int], float] = {}
    seen: set[tuple] = set()
    visited = 0

    def key(board: Board) -> tuple:
        origin = min(s for s, _ in board.placed.values())
        return tuple(sorted((w, s - origin, b) for w, (s, b) in board.placed.items()))

    def visit(board: Board, rest: set[str]) -> bool:
        nonlocal visited
        visited += 1
        if visited > limit:
            return False
        board.recompute_box()
        density = len(board.cells) / (board.width * board.height)
        slot = (len(board.placed), board.crossings)
        best[slot] = max(best.get(slot, 0.0), density)
        for word in sorted(rest):
            for start, bit in placements(board, word):
                board.place(word, start, bit)
                k = key(board)
                if k not in seen:
                    seen.add(k)
                    rest.discard(word)
                    finished = visit(board, rest)
                    rest.add(word)
                    if not finished:
                        board.remove(word)
                        return False
                board.remove(word)
        return True

    for first in words:  # across only: a transposed layout is the same layout
        board = Board()
        board.place(first, ORIGIN, ACROSS)
        if not visit(board, set(words) - {first}):
            return best, visited, False
    return best, visited, True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("words", type=Path, help="one word per line")
    parser.add_argument("--limit", type=int, default=1_000_000, help="layouts to visit at most")
    args = parser.parse_args()
    words = [w.strip().upper() for w in args.words.read_text().split() if w.strip()]
    t = time.perf_counter()
    best, visited, finished = search(words, args.limit)
    print(
        f"{args.words.name}: {visited} layouts visited in {time.perf_counter() - t:.1f} s"
        + ("" if finished else f" (stopped at --limit {args.limit}: lower bounds only)")
    )
    most = max(n for n, _ in best)
    print(f"most words placed: {most} of {len(words)}")
    for n, crossings in sorted(best):
        if n >= most - 1:
            print(f"  {n} words, {crossings} crossings: best density {best[n, crossings]:.1%}")


if __name__ == "__main__":
    main()
