"""Benchmark: how many of the commonest English words the offline provider clues.

For every a-z word of 3-21 letters among the N commonest in wordfreq (deny-listed
words left out), one offline hint each, as a one-word puzzle would get it; counts
the letter-pattern fillers ("Nine-letter word starting with P") and the emoji clues,
overall and for the long words (13+ letters).  Developer-only (wordfreq, dev extras):

    .venv/bin/python bench/bench_coverage.py [--top 50000] [--show 40]

Copy the figures into bench/RESULTS-offline.md.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from wordfreq import top_n_list  # noqa: E402

from crossword.hints import HintContext, HintRequest  # noqa: E402
from crossword.hints.offline import OfflineHintProvider  # noqa: E402

FILLER = re.compile(r"letter word|starting with", re.IGNORECASE)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--top", type=int, default=50_000)
    ap.add_argument("--show", type=int, default=40, help="fillers to list")
    args = ap.parse_args()
    provider = OfflineHintProvider()
    words = [
        w.upper()
        for w in top_n_list("en", args.top)
        if w.isascii() and w.isalpha() and 3 <= len(w) <= 21 and not provider.lexicon.denied(w)
    ]
    started = time.perf_counter()
    fillers, with_emoji = [], 0
    for word in words:
        hint = provider.hints([HintRequest(word)], HintContext(answers=[word]))[word]
        if FILLER.search(hint.text):
            fillers.append(word)
        with_emoji += hint.emoji is not None
    long_words = [w for w in words if len(w) >= 13]
    long_fillers = [w for w in fillers if len(w) >= 13]
    print(
        f"{len(words):,} words of the {args.top:,} commonest ({time.perf_counter() - started:.0f} s)"
    )
    print(f"- letter-pattern fillers: {len(fillers)} ({100 * len(fillers) / len(words):.2f} %)")
    print(f"- with an emoji clue: {with_emoji:,} ({100 * with_emoji / len(words):.1f} %)")
    print(f"- long words (13+ letters): {len(long_words)}, fillers {len(long_fillers)}")
    print("- fillers:", " ".join(fillers[: args.show]))


if __name__ == "__main__":
    main()
