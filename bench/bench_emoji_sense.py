"""Emoji clues when first choices collide: what a reader sees, and what it costs.

    .venv/bin/python bench/bench_emoji_sense.py            # 5 lists of 20-40, 3 of 200, 3 topics
    .venv/bin/python bench/bench_emoji_sense.py --all      # every entry, not only the moved ones

Everyday rows list several emoji per word, and emoji are unique in a puzzle, so an entry
whose first emoji another entry took shows an alternative, which may picture another
sense (crossword/hints/emoji_alloc.py, emoji_sense.py).  For offline puzzles from random
everyday lists (bench/wordlists/everyday_5000.txt, not the themes) and free topics this
prints every entry whose emoji clue is not its row's first emoji beside its first clue
(or that has none although its row has some), with the row, for a reader to judge
against the text clue; then known colliding pairs, and the CPU time of the hints for a
200-word list (first call of the process, then warm).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from crossword.generate import Request, generate  # noqa: E402
from crossword.hints import HintContext, HintRequest  # noqa: E402
from crossword.hints.offline import OfflineHintProvider  # noqa: E402

HERE = Path(__file__).resolve().parent
PAIRS = [
    ("HARBOUR", "ANCHOR"),
    ("TURN", "CHANGE"),
    ("WOUND", "TAPE"),
    ("NAME", "TITLE"),
    ("EPISODE", "PROGRAM"),
    ("GIFT", "FREE"),
]
TOPICS = ["chess", "volcanoes", "greek mythology"]


def everyday_words() -> list[str]:
    lines = (HERE / "wordlists" / "everyday_5000.txt").read_text(encoding="utf-8").split()
    return [w for w in lines if w.isalpha()]


def show(name: str, request: Request, provider: OfflineHintProvider, every: bool) -> None:
    puzzle = generate(request, provider)
    answers = {e.id: e.answer for e in puzzle.grid.entries}
    shown = sum(1 for h in puzzle.clues.values() if h.emoji)
    print(f"\n## {name}: {len(answers)} entries, {shown} with an emoji clue")
    for eid, hints in sorted(puzzle.clues.items(), key=lambda kv: answers[kv[0]]):
        reading = provider.reading(answers[eid])
        row = reading.everyday if reading is not None else None
        first = row.emoji[0] if row is not None and row.emoji else None
        plain = hints.emoji in (first, (first or "") * 2) and row and hints.text == row.clues[0]
        moved = row is not None and row.emoji and not plain
        if every or moved:
            detail = f"   row: {'|'.join(row.clues)}  {' '.join(row.emoji)}" if row else ""
            print(f"  {answers[eid]:14} {hints.text!r:42} {hints.emoji or '-':6}{detail}")


def timing(provider: OfflineHintProvider, words: list[str]) -> None:
    requests = [HintRequest(w.upper()) for w in words]
    context = HintContext(answers=tuple(r.answer for r in requests))
    runs = []
    for _ in range(8):
        started = time.process_time()
        provider.hints(requests, HintContext(answers=context.answers))
        runs.append((time.process_time() - started) * 1000)
    print(
        f"\nhints for {len(words)} words, CPU ms: first {runs[0]:.0f}, "
        f"then median {statistics.median(runs[1:]):.0f} (min {min(runs[1:]):.0f})"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--all", action="store_true", help="print every entry")
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args()
    provider = OfflineHintProvider()
    words, rng = everyday_words(), random.Random(args.seed)
    timing(provider, rng.sample(words, 200))
    for i in range(5):
        picked = rng.sample(words, rng.randint(20, 40))
        show(f"list {i}: {' '.join(picked)}", Request(words=picked, seed=i), provider, args.all)
    for i in range(3):
        picked = rng.sample(words, 200)
        show(f"200 words, list {i}", Request(words=picked, seed=i), provider, args.all)
    for topic in TOPICS:
        show(f"topic {topic}", Request(topic=topic, count=20, seed=1), provider, args.all)
    print("\n## colliding pairs")
    for pair in PAIRS:
        out = provider.hints([HintRequest(a) for a in pair], HintContext(answers=pair))
        print("  " + "   ".join(f"{a} {out[a].text!r} {out[a].emoji or '-'}" for a in pair))


if __name__ == "__main__":
    main()
