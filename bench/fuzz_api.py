"""Fuzz the API of a real gunicorn on 127.0.0.1 from its OpenAPI description.

    .venv/bin/python bench/fuzz_api.py [--examples 1200] [--write]

schemathesis draws valid and invalid requests for every operation (plus reads of a real
puzzle id); hypothesis runs --examples of them.  Counts the answers; any 5xx is a failure
(exit 1).  --write appends the counts to bench/RESULTS-load.md.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from load_test import RESULTS, WORDS, Gunicorn, request
from schemathesis import GenerationMode


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=1200)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="crossword-fuzz-"))
    server = Gunicorn(workdir, env={"CROSSWORD_RATE_LIMIT_PER_MINUTE": "0", "CROSSWORD_SYNC_WAIT": "0.5",
                                    "CROSSWORD_JOB_QUEUE_LIMIT": "64"})  # fmt: skip
    statuses: Counter = Counter()
    failures: list[str] = []
    started = time.perf_counter()
    try:
        base = f"http://127.0.0.1:{server.port}"
        seeded = request("POST", server.port, "/api/puzzles", {"words": WORDS[:8]})[1]["id"]
        schema = schemathesis.openapi.from_url(base + "/api/openapi.json")
        operations = [r.ok() for r in schema.get_all_operations()]
        strategies = [op.as_strategy(mode) for op in operations
                      for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)]  # fmt: skip
        strategies += [op.as_strategy(GenerationMode.POSITIVE, path_parameters={"id": seeded})
                       for op in operations if op.path.startswith("/api/puzzles/{id}")]  # fmt: skip

        @settings(max_examples=args.examples, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))  # fmt: skip
        @given(case=st.one_of(strategies))
        def fuzz(case):
            response = case.call(base_url=base, timeout=30)
            statuses[response.status_code] += 1
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path} -> {response.status_code}")

        fuzz()
    finally:
        server.stop()
        log = (workdir / "gunicorn.log").read_text(errors="replace")
        shutil.rmtree(workdir, ignore_errors=True)
    took = time.perf_counter() - started
    total = sum(statuses.values())
    tracebacks = log.count("Traceback")
    print(f"{total} fuzzed requests in {took:.0f} s; answers {dict(sorted(statuses.items()))}; "
          f"5xx: {len(failures)}; tracebacks in the server log: {tracebacks}")  # fmt: skip
    for f in failures[:10]:
        print("  ", f)
    if args.write:
        when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        with RESULTS.open("a", encoding="utf-8") as out:
            if out.tell() == 0:
                out.write(
                    "# Load, throughput and fuzz results\n\nWritten by bench/load_test.py"
                    " and bench/fuzz_api.py (`--write`).\n"
                )
            out.write(
                f"\n## API fuzzing, {when}\n\n`python bench/fuzz_api.py --examples {args.examples}` "
                "(schemathesis from /api/openapi.json, valid and invalid requests to every "
                "operation, against gunicorn 2x8 on 127.0.0.1, offline provider)\n\n"
                f"- fuzzed requests: **{total}** in {took:.0f} s\n"
                f"- answers: {', '.join(f'{k}: {v}' for k, v in sorted(statuses.items()))}\n"
                f"- **{len(failures)} server errors** (5xx); tracebacks in the server log: {tracebacks}\n"
            )
    return 1 if failures or total < args.examples else 0


if __name__ == "__main__":
    sys.exit(main())
