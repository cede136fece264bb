"""Offline hint source: load time, generation time, coverage, and samples to review.

Developer-only (needs wordfreq from the dev extras and WordNet index files from
Debian's wordnet-base for the part-of-speech filter).  Run:

    .venv/bin/python bench/bench_offline.py [--wordnet /usr/share/wordnet] [--samples 100]

and copy the figures into bench/RESULTS-offline.md.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crossword.generate import Request, generate  # noqa: E402
from crossword.hints import HintContext, HintRequest  # noqa: E402
from crossword.hints.checks import clue_problems, puzzle_problems  # noqa: E402
from crossword.hints.offline import OfflineHintProvider  # noqa: E402
from crossword.lexicon import default_lexicon  # noqa: E402
from crossword.themes import load_themes  # noqa: E402

LOAD = "import time; t=time.perf_counter(); from crossword.lexicon import default_lexicon; default_lexicon().load(); print((time.perf_counter()-t)*1000)"


def load_ms(runs: int = 7) -> list[float]:
    out = []
    for _ in range(runs):
        res = subprocess.run(
            [sys.executable, "-c", LOAD], cwd=ROOT, capture_output=True, text=True, check=True
        )
        out.append(float(res.stdout))
    return out


def common_words(wordnet: Path, n: int = 600) -> list[str]:
    from wordfreq import top_n_list

    lemmas = set()
    for pos in ("noun", "verb", "adj"):
        for line in (wordnet / f"index.{pos}").read_text(encoding="utf-8").splitlines():
            if not line.startswith(" "):
                lemmas.add(line.split(" ", 1)[0])
    out = []
    for w in top_n_list("en", 30000):
        if w.isascii() and w.isalpha() and 3 <= len(w) <= 12 and w in lemmas:
            out.append(w)
        if len(out) == n:
            break
    return out


EVERYDAY = ROOT / "bench" / "wordlists" / "everyday_5000.txt"
PATTERN_MARKS = (
    "-letter word",
    "Phrase starting",
    "Phrase that",
    "Phrase with",
    "Phrase,",
    "Phrase:",
)


def everyday_words() -> list[str]:
    """The 5,000 most frequent English words (inflected forms kept), not theme words."""
    lines = EVERYDAY.read_text(encoding="utf-8").splitlines()
    return [w for w in lines if w and not w.startswith("#")]


def held_out_words(first: int = 50_000, last: int = 60_000) -> list[str]:
    """Words ranked ``first``-``last`` in wordfreq (same filter as everyday_5000.txt):
    beyond the hand-written everyday clues, so they measure the generated lexicon."""
    from wordfreq import top_n_list

    lex = default_lexicon()
    ranked = [
        w
        for w in top_n_list("en", 100_000)
        if w.isascii() and w.isalpha() and 3 <= len(w) <= 12 and not lex.denied(w)
    ]
    return ranked[first:last]


def bench_everyday(
    provider: OfflineHintProvider, lists: int, samples: int, words: list[str], label: str
) -> None:
    """Puzzles from random everyday word lists with no clues given: fillers, tags,
    emoji coverage, where the clues came from, and entries to read."""
    rng = random.Random(2026)
    entries, times = [], []
    sources: dict[str, int] = {}
    for i in range(lists):
        chosen = rng.sample(words, 15)
        t = time.perf_counter()
        pz = generate(Request(words=chosen, seed=i), provider)
        times.append((time.perf_counter() - t) * 1000)
        entries += [(e.answer, pz.clue(e)) for e in pz.entries]
        for key, value in pz.stats.items():
            if key.startswith("offline_") and isinstance(value, int):
                sources[key[8:]] = sources.get(key[8:], 0) + value
    n = len(entries)
    print(f"\n== {label}: clue sources {dict(sorted(sources.items()))}")
    pattern = [a for a, c in entries if any(m in c.text for m in PATTERN_MARKS)]
    tagged = [a for a, c in entries if "(plural)" in c.text]
    emoji = sum(1 for _, c in entries if c.emoji)
    print(
        f"everyday lists ({lists} x 15 random words): {n} entries, "
        f"letter-pattern fillers {len(pattern)} ({len(pattern) / n:.1%}: {' '.join(pattern)}), "
        f"'(plural)' tags {len(tagged)}, emoji clues {emoji}/{n} = {emoji / n:.1%}, "
        f"puzzle median {statistics.median(times):.0f} ms"
    )
    print(f"\n{samples} random everyday entries (answer | clue | emoji):")
    for answer, clue in rng.sample(entries, min(samples, n)):
        print(f"| {answer} | {clue.text} | {clue.emoji or '—'} |")


def emoji_threshold_samples(provider: OfflineHintProvider, k: int = 25) -> None:
    """Emoji clues just above and just below the threshold, to choose it by reading."""
    from crossword.lexicon import EMOJI_THRESHOLD

    lex = provider.lexicon
    above, below = [], []
    for word in lex:
        entry = lex.get(word)
        if entry is None or entry.zipf < 3.5:
            continue
        sense = entry.senses[0]
        if not sense.emoji or not sense.clues:
            continue
        e, conf = sense.emoji[0]
        row = (word, sense.clues[0][:50], e, conf)
        if EMOJI_THRESHOLD <= conf < 0.8:
            above.append(row)
        elif 0.4 <= conf < EMOJI_THRESHOLD:
            below.append(row)
    rng = random.Random(11)
    for title, rows in (("accepted (0.6-0.8)", above), ("rejected (0.4-0.6)", below)):
        print(f"\nemoji clues {title}, {k} random of {len(rows)} main senses (zipf >= 3.5):")
        for word, gloss, e, conf in rng.sample(rows, min(k, len(rows))):
            print(f"| {word} | {gloss} | {e} | {conf:.2f} |")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    ap.add_argument("--samples", type=int, default=50)
    ap.add_argument("--lists", type=int, default=20, help="everyday word lists to make")
    ap.add_argument("--everyday-only", action="store_true")
    args = ap.parse_args()
    provider = OfflineHintProvider()
    bench_everyday(
        provider, args.lists, args.samples, everyday_words(), "the 5,000 commonest words"
    )
    bench_everyday(
        provider,
        args.lists,
        args.samples,
        held_out_words(),
        "words ranked 50,001-60,000 (beyond the hand-written list)",
    )
    emoji_threshold_samples(provider)
    if args.everyday_only:
        return

    loads = load_ms()
    print(
        f"lexicon load (fresh process, incl. import): median {statistics.median(loads):.1f} ms, max {max(loads):.1f} ms"
    )

    words = common_words(args.wordnet)
    out = provider.hints([HintRequest(w.upper()) for w in words], HintContext())
    ctx = HintContext()
    from_lex = [w for w in words if provider.lexicon.get(w) is not None]
    leaks = [w for w in words if clue_problems(out[w.upper()].text, w.upper())]
    emoji = sum(1 for w in words if out[w.upper()].emoji)
    print(
        f"600 common nouns/verbs/adjectives: lexicon clue {len(from_lex)}/600 = {len(from_lex) / 6:.1f} %, "
        f"leaks {len(leaks)}, emoji clue {emoji}/600 = {emoji / 6:.1f} %"
    )
    print("  not in lexicon:", " ".join(w for w in words if w not in from_lex))
    del ctx

    t = time.perf_counter()
    provider.lexicon.curated_senses("otter")
    print(f"curated clue table load (in process): {(time.perf_counter() - t) * 1000:.1f} ms")

    themes = sorted(load_themes())
    times, hint_times, coverage, entries = [], [], [], []
    curated = total = 0
    for i, theme in enumerate(themes):
        for seed in (1, 2, 3):
            t = time.perf_counter()
            pz = generate(Request(topic=theme, count=15, seed=seed), provider)
            times.append((time.perf_counter() - t) * 1000)
            coverage.append(pz.emoji_coverage())
            assert not puzzle_problems({e.answer: pz.clue(e) for e in pz.entries}), theme
            entries += [(theme, e.answer, pz.clue(e)) for e in pz.entries]
            answers = tuple(e.answer for e in pz.entries)
            ctx = HintContext(topic=theme, answers=answers)
            t = time.perf_counter()
            provider.hints([HintRequest(a, str(len(a))) for a in answers], ctx)
            hint_times.append((time.perf_counter() - t) * 1000)
            curated += int(ctx.stats.get("offline_curated", 0))
            total += len(answers)
        del i
    print(
        f"15-word theme puzzles ({len(times)}: {len(themes)} themes x 3 seeds): "
        f"median {statistics.median(times):.0f} ms, p90 {sorted(times)[int(len(times) * 0.9)]:.0f} ms, "
        f"max {max(times):.0f} ms"
    )
    print(
        f"hint step alone per puzzle: median {statistics.median(hint_times):.1f} ms, "
        f"max {max(hint_times):.1f} ms; curated clues {curated}/{total} = {curated / total:.1%}"
    )
    print(
        f"emoji coverage per puzzle: mean {statistics.mean(coverage):.2f}, min {min(coverage):.2f}, "
        f"puzzles >= 0.8: {sum(c >= 0.8 for c in coverage)}/{len(coverage)}"
    )
    rng = random.Random(7)
    print(f"\n{args.samples} random offline entries (theme | answer | clue | emoji):")
    for theme, answer, clue in rng.sample(entries, args.samples):
        print(f"| {theme} | {answer} | {clue.text} | {clue.emoji or '—'} |")


if __name__ == "__main__":
    main()
