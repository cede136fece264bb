"""Developer-only: the next words to write everyday clues for.

    .venv/bin/python scripts/everyday_worklist.py --first 40000 --last 50000 > worklist.tsv
    .venv/bin/python scripts/everyday_worklist.py --first 0 --last 50000 --letters 13-21

Prints ``lemma TAB pos TAB forms`` for the words ranked ``first``-``last`` in wordfreq
(a-z, 3-12 letters or ``--letters``, not on the deny list) that ``wordlists/everyday_clues.tsv.gz`` does
not cover yet, one line per reading (PLAYED and PLAYS are one line: play, v), commonest
first.  An editor writes a row per line (see the file's header for the format); the rows
are checked by tests/test_everyday_clues.py.  Needs wordfreq (dev extras).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from wordfreq import top_n_list  # noqa: E402

from crossword.hints.offline import OfflineHintProvider  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--first", type=int, default=50_000)
    ap.add_argument("--last", type=int, default=60_000)
    ap.add_argument("--letters", default="3-12", help="answer lengths, e.g. 13-21")
    args = ap.parse_args()
    shortest, longest = (int(n) for n in args.letters.split("-"))
    provider = OfflineHintProvider()
    lex = provider.lexicon
    ranked = [
        w
        for w in top_n_list("en", args.last * 2)
        if w.isascii() and w.isalpha() and 3 <= len(w) <= 21 and not lex.denied(w)
    ]
    forms: dict[tuple[str, str], list[str]] = {}
    for word in ranked[args.first : args.last]:
        if not shortest <= len(word) <= longest:
            continue
        reading = provider.reading(word.upper())
        if lex.everyday(word) or (reading is not None and reading.everyday is not None):
            continue  # already written
        key = (reading.form.lemma, reading.form.pos) if reading else (word, "?")
        forms.setdefault(key, []).append(word)
    for (lemma, pos), words in forms.items():
        print(lemma, pos, ",".join(words[:4]), sep="\t")


if __name__ == "__main__":
    main()
