"""A sample of offline entries for a blind review (developer-only; needs wordfreq).

    .venv/bin/python bench/blind_review.py OUT_DIR [--first 40000 --last 50000]

Writes OUT_DIR/entries.tsv (number, answer, clue, emoji; 60 entries from random lists of
the 5,000 commonest words and 40 from the held-out band, shuffled) and OUT_DIR/key.tsv
(which band each number came from).  Give only entries.tsv to a reviewer who has not
seen the code or the data; score their verdicts per band with the key.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_offline import everyday_words, held_out_words  # noqa: E402

from crossword.generate import Request, generate  # noqa: E402
from crossword.hints.offline import OfflineHintProvider  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--first", type=int, default=50_000)
    ap.add_argument("--last", type=int, default=60_000)
    args = ap.parse_args()
    provider = OfflineHintProvider()
    rng = random.Random(4242)  # not the bench's seed
    bands = (
        ("everyday", everyday_words(), 60),
        ("heldout", held_out_words(args.first, args.last), 40),
    )
    rows = []
    for band, words, n in bands:
        entries = []
        for i in range(1000):
            if len(entries) >= 4 * n:
                break
            pz = generate(Request(words=rng.sample(words, 15), seed=100 + i), provider)
            entries += [(band, e.answer, pz.clue(e)) for e in pz.entries]
        rows += rng.sample(entries, n)
    rng.shuffle(rows)
    args.out.mkdir(parents=True, exist_ok=True)
    with open(args.out / "entries.tsv", "w") as out, open(args.out / "key.tsv", "w") as key:
        for i, (band, answer, clue) in enumerate(rows, 1):
            out.write(f"{i}\t{answer}\t{clue.text}\t{clue.emoji or '-'}\n")
            key.write(f"{i}\t{band}\n")


if __name__ == "__main__":
    main()
