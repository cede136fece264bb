"""Free topics offline: words found, notices, refusals and timings for 25 topics.

The 20 known topics were chosen (bench/topics_plan.txt, written before the topic
file was built) from hobbies, sciences, sports, games, history and myths, and
none of them was used to tune scripts/build_topics.py; the 5 unknown ones are
topics WordNet does not know.  Run:

    .venv/bin/python bench/bench_topics.py [--count 15] [--seed 0]

It prints a markdown table and each topic's puzzle words with their clues, which
a reader judges on topic or not (bench/RESULTS-offline.md records the judgement
per word).  ``bench_topics()`` is also called from bench/bench_offline.py.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crossword.errors import CrosswordError  # noqa: E402
from crossword.generate import Request, generate  # noqa: E402
from crossword.hints.offline import OfflineHintProvider  # noqa: E402
from crossword.themes import resolve_topic  # noqa: E402

KNOWN = [
    "baseball",
    "tennis",
    "golf",
    "fishing",
    "knitting",
    "photography",
    "geology",
    "poker",
    "norse mythology",
    "ancient egypt",
    "medicine",
    "architecture",
    "ballet",
    "boxing",
    "cricket",
    "archery",
    "horses",
    "mathematics",
    "religion",
    "law",
]
UNKNOWN = ["harry potter", "star wars", "minecraft", "pokemon", "taylor swift"]

LOAD = (
    "import time; t=time.perf_counter(); from crossword.topics import find_topic; "
    "find_topic('chess'); print((time.perf_counter()-t)*1000)"
)


def topic_load_ms(runs: int = 5) -> list[float]:
    """First free topic in a fresh process: import + reading topics.tsv.gz."""
    out = []
    for _ in range(runs):
        res = subprocess.run(
            [sys.executable, "-c", LOAD], cwd=ROOT, capture_output=True, text=True, check=True
        )
        out.append(float(res.stdout))
    return out


def bench_topics(count: int = 15, seed: int = 0) -> list[dict[str, object]]:
    """One row per topic: how it resolved, the puzzle's words and clues, notices, time."""
    provider = OfflineHintProvider()
    rows: list[dict[str, object]] = []
    for topic in KNOWN + UNKNOWN:
        row: dict[str, object] = {"topic": topic, "known": topic in KNOWN}
        t = time.perf_counter()
        try:
            match = resolve_topic(topic, provider.lexicon)
            row["how"] = match.how
            puzzle = generate(Request(topic=topic, count=count, seed=seed), provider)
        except CrosswordError as exc:
            row["refused"] = str(exc)
            row["ms"] = round((time.perf_counter() - t) * 1000)
            rows.append(row)
            continue
        row["ms"] = round((time.perf_counter() - t) * 1000)
        row["entries"] = [
            (puzzle.grid.entry(eid).answer, clue.text) for eid, clue in puzzle.clues.items()
        ]
        row["notices"] = list(getattr(puzzle, "notices", ()))
        rows.append(row)
    return rows


def print_table(rows: list[dict[str, object]]) -> None:
    print("| topic | WordNet knows it | resolved as | entries | notices | refused | ms |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        entries = r.get("entries") or []
        print(
            f"| {r['topic']} | {'yes' if r['known'] else 'no'} | {r.get('how', '-')} | "
            f"{len(entries)} | {'; '.join(r.get('notices') or []) or '-'} | "  # type: ignore[arg-type]
            f"{r.get('refused', '-')} | {r['ms']} |"
        )
    print()
    for r in rows:
        if r.get("entries"):
            print(f"### {r['topic']}")
            for answer, clue in r["entries"]:  # type: ignore[attr-defined]
                print(f"- {answer}: {clue}")
            print()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=15)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    loads = sorted(topic_load_ms())
    print(f"first free topic in a fresh process (import + topics.tsv.gz): median {loads[2]:.0f} ms")
    print_table(bench_topics(args.count, args.seed))


if __name__ == "__main__":
    main()
