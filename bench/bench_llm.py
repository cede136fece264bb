"""Benchmark: batched hints with failed-only re-asks vs one instructor call per word.

A simulated OpenAI-compatible server (tests/llm_server.py) answers on 127.0.0.1
with a latency of ``base + per_item * items`` seconds per call; every item of
every answer is bad with probability ``p`` (a text "emoji", a clue that
contains the answer, a keycap emoji, an empty clue - chosen at random), and a
fraction of HTTP requests fail with 500.  Tokens are estimated from the request
and reply sizes (~4 ASCII characters a token, ~1.2 a non-ASCII character).

    .venv/bin/python bench/bench_llm.py --puzzles 1000 --sizes 8 15 30 100 --p 0.10

Strategies:
  batched  LLMHintProvider: chunks of up to 16, in parallel, lenient schema,
           checks in code, one re-ask call per round for the failed items only
           (at most 2 rounds), then the offline fallback.
  naive    one instructor call per word, the checks inside a Pydantic validator,
           instructor max_retries=3 (up to 4 calls a word), 8 words in parallel.

"incomplete" counts puzzles with at least one hint the model never got right:
the naive baseline ships those without a hint; the batched generator fills
them from the fallback (so it delivers 0 missing hints), and the column shows
how often that happened.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from statistics import mean

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import instructor  # noqa: E402
import openai  # noqa: E402
from instructor.core.hooks import Hooks  # noqa: E402
from llm_server import LLMServer, Reply, answers_in, hints, status  # noqa: E402
from pydantic import BaseModel, ValidationInfo, model_validator  # noqa: E402

from crossword.db import Database  # noqa: E402
from crossword.hints import HintContext, HintRequest  # noqa: E402
from crossword.hints.cache import HintCache  # noqa: E402
from crossword.hints.checks import clue_problems, emoji_problems, puzzle_problems  # noqa: E402
from crossword.hints.llm import LLMHintProvider, set_max_concurrent_calls  # noqa: E402
from crossword.puzzle import Clue  # noqa: E402
from crossword.trace import Tracer  # noqa: E402

POOL = "🐅🦊🦁🐻🐼🐨🐸🐵🐔🐧🐦🐤🦆🦅🦉🦇🐺🐗🐴🦄🐝🐛🦋🐌🐞🐜🦗🕷🦂🐢🐍🦎🦖🦕🐙🦑🦐🦞🦀🐡"
CONSONANTS, VOWELS = "BCDFGHJKLMNPRSTVWZ", "AEIOU"


def make_words(n: int, rng: random.Random) -> list[str]:
    out: set[str] = set()
    while len(out) < n:
        length = rng.randint(4, 9)
        out.add("".join(rng.choice(CONSONANTS if i % 2 == 0 else VOWELS) for i in range(length)))
    return sorted(out)


class Sim:
    """The simulated model: latency, per-item failures, HTTP errors."""

    def __init__(
        self, p: float, http_errors: float, base: float, per_item: float, seed: int
    ) -> None:
        self.p, self.http_errors, self.base, self.per_item = p, http_errors, base, per_item
        self.rng = random.Random(seed)
        self.lock = threading.Lock()
        self.index: dict[str, int] = {}

    def new_puzzle(self) -> None:
        """Good hints are distinct within a puzzle (a real model's would be)."""
        with self.lock:
            self.index.clear()

    def _good(self, answer: str) -> tuple[str, str]:
        with self.lock:
            k = self.index.setdefault(answer, len(self.index))
        return (f"Clue number {k} for a hidden word", POOL[(k // 40) % 40] + POOL[k % 40])

    def _item(self, answer: str) -> tuple[str, str]:
        clue, emoji = self._good(answer)
        with self.lock:
            bad = self.rng.random() < self.p
            kind = self.rng.randrange(4)
        if not bad:
            return clue, emoji
        return [
            (clue, "a picture of " + answer.lower()),
            (f"The {answer.lower()} itself", emoji),
            (clue, "1️⃣" + emoji),
            ("", emoji),
        ][kind]

    def __call__(self, body: dict) -> Reply:
        with self.lock:
            fail = self.rng.random() < self.http_errors
        if fail:
            return status(500, "simulated outage")
        tools = body.get("tools") or [{}]
        name = tools[0].get("function", {}).get("name")
        if name == "WordHints":  # the naive baseline: one word
            user = [m for m in body["messages"] if m["role"] == "user"][0]["content"]
            answer = user.removeprefix("Answer: ").split()[0]
            clue, emoji = self._item(answer)
            reply = Reply({"clue": clue, "emoji": emoji})
            items = 1
        else:
            asked = answers_in(body)
            reply = hints({n: self._item(a) for n, a in asked})
            items = len(asked)
        reply.delay = self.base + self.per_item * items
        return reply


# --- the naive baseline ----------------------------------------------------------


class WordHints(BaseModel):
    clue: str
    emoji: str

    @model_validator(mode="after")
    def check(self, info: ValidationInfo) -> WordHints:
        ctx = info.context or {}
        problems = clue_problems(self.clue, ctx.get("answer", "")) + emoji_problems(
            self.emoji, answer=ctx.get("answer", "")
        )
        if problems:
            raise ValueError("; ".join(problems))
        return self


def naive_puzzle(client, answers: list[str]) -> dict:
    usage = {"calls": 0, "prompt_tokens": 0, "completion_tokens": 0, "failed": 0}
    lock = threading.Lock()

    def one(answer: str) -> None:
        hooks = Hooks()

        def on_response(resp) -> None:
            with lock:
                usage["calls"] += 1
                usage["prompt_tokens"] += resp.usage.prompt_tokens
                usage["completion_tokens"] += resp.usage.completion_tokens

        hooks.on("completion:response", on_response)
        try:
            client.chat.completions.create(
                model="gpt-4o-mini",
                response_model=WordHints,
                max_retries=3,
                messages=[
                    {
                        "role": "system",
                        "content": "You write crossword hints: a clue and an emoji-only hint.",
                    },
                    {"role": "user", "content": f"Answer: {answer}"},
                ],
                context={"answer": answer},
                hooks=hooks,
            )
        except Exception:
            with lock:
                usage["failed"] += 1

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(one, answers))
    return usage


class Fallback:
    name, model = "offline", None

    def hints(self, requests, context):
        return {
            r.answer: Clue(f"Stand-in hint number {i}", None) for i, r in enumerate(requests, 1)
        }

    def words_for_topic(self, topic, count, *, seed=0):
        return []


def run_batched(
    server: LLMServer, sim: Sim, sizes, puzzles: dict, rng: random.Random, check: bool
) -> dict:
    rows = {}
    with LLMHintProvider(
        name="openai", model="gpt-4o-mini", api_key="bench", base_url=server.base_url,
        http_retries=2, timeout=10, fallback=Fallback(), tracer=Tracer(),
    ) as provider:  # fmt: skip
        for n in sizes:
            calls, tokens, walls, incomplete, invalid = [], [], [], 0, 0
            for _ in range(puzzles.get(n, 0)):
                answers = make_words(n, rng)
                sim.new_puzzle()
                context = HintContext(answers=tuple(answers))
                t = time.perf_counter()
                result = provider.hints([HintRequest(a) for a in answers], context)
                walls.append(time.perf_counter() - t)
                s = context.stats
                calls.append(s["calls"])
                tokens.append(s["prompt_tokens"] + s["completion_tokens"])
                incomplete += any(c.fallback or c.emoji is None for c in result.values())
                if check:
                    bad = puzzle_problems(result)
                    invalid += len(bad) + (set(result) != set(answers))
            rows[n] = _row(calls, tokens, walls, incomplete, invalid if check else None)
    return rows


def run_naive(server: LLMServer, sim: Sim, sizes, puzzles: dict, rng: random.Random) -> dict:
    rows = {}
    raw = openai.OpenAI(api_key="bench", base_url=server.base_url, max_retries=2, timeout=10)
    client = instructor.from_openai(raw)
    for n in sizes:
        calls, tokens, walls, incomplete = [], [], [], 0
        for _ in range(puzzles.get(n, 0)):
            answers = make_words(n, rng)
            sim.new_puzzle()
            t = time.perf_counter()
            u = naive_puzzle(client, answers)
            walls.append(time.perf_counter() - t)
            calls.append(u["calls"])
            tokens.append(u["prompt_tokens"] + u["completion_tokens"])
            incomplete += u["failed"] > 0
        rows[n] = _row(calls, tokens, walls, incomplete, None)
    raw.close()
    return rows


def _row(calls, tokens, walls, incomplete, invalid) -> dict:
    walls_sorted = sorted(walls)
    return {
        "puzzles": len(calls),
        "calls": mean(calls) if calls else 0.0,
        "max_calls": max(calls) if calls else 0,
        "tokens": mean(tokens) if tokens else 0.0,
        "wall": mean(walls) if walls else 0.0,
        "wall_p95": walls_sorted[int(0.95 * (len(walls) - 1))] if walls else 0.0,
        "incomplete": incomplete,
        "invalid": invalid,
    }


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--puzzles", type=int, default=200, help="puzzles per size (batched)")
    ap.add_argument(
        "--naive-puzzles",
        type=int,
        default=None,
        help="puzzles per size (naive); default --puzzles",
    )
    ap.add_argument(
        "--count", nargs="*", default=[], metavar="SIZE=N", help="batched puzzles for one size"
    )
    ap.add_argument(
        "--naive-count", nargs="*", default=[], metavar="SIZE=N", help="naive puzzles for one size"
    )
    ap.add_argument("--sizes", type=int, nargs="+", default=[8, 15, 30, 100])
    ap.add_argument("--p", type=float, default=0.10, help="per-item failure rate")
    ap.add_argument(
        "--http-errors", type=float, default=0.0, help="fraction of HTTP requests answered 500"
    )
    ap.add_argument("--base", type=float, default=0.05, help="seconds per call")
    ap.add_argument("--per-item", type=float, default=0.01, help="seconds per item in a call")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--skip-naive", action="store_true")
    ap.add_argument(
        "--check", action="store_true", help="run puzzle_problems on every delivered puzzle"
    )
    args = ap.parse_args()
    set_max_concurrent_calls(8)

    def counts(default: int, overrides: list[str]) -> dict[int, int]:
        c = {n: default for n in args.sizes}
        for item in overrides:
            size, n = item.split("=")
            c[int(size)] = int(n)
        return c

    sim = Sim(args.p, args.http_errors, args.base, args.per_item, args.seed)
    with LLMServer(responder=sim) as server:
        rng = random.Random(args.seed)
        batched = run_batched(
            server, sim, args.sizes, counts(args.puzzles, args.count), rng, args.check
        )
        naive = {}
        if not args.skip_naive:
            naive = run_naive(
                server,
                sim,
                args.sizes,
                counts(args.naive_puzzles or args.puzzles, args.naive_count),
                rng,
            )

        # A fully cached puzzle makes no call.
        db = Database(str(Path(tempfile.mkdtemp()) / "bench-cache.sqlite3"))
        cached_calls = None
        answers = make_words(15, rng)
        sim.new_puzzle()
        with LLMHintProvider(
            name="openai", model="gpt-4o-mini", api_key="bench", base_url=server.base_url,
            fallback=Fallback(), cache=HintCache(db), tracer=Tracer(),
        ) as provider:  # fmt: skip
            provider.hints([HintRequest(a) for a in answers], HintContext(answers=tuple(answers)))
            again = HintContext(answers=tuple(answers))
            provider.hints([HintRequest(a) for a in answers], again)
            cached_calls = (again.stats["calls"], again.stats["cache_hits"])

    print(f"p={args.p} http_errors={args.http_errors} latency={args.base}s + {args.per_item}s/item")
    print(
        "| words | strategy | puzzles | calls/puzzle (max) | tokens/puzzle | wall s mean (p95) | incomplete | invalid delivered |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    for n in args.sizes:
        for name, rows in (("batched", batched), ("naive", naive)):
            if n not in rows:
                continue
            r = rows[n]
            inv = "-" if r["invalid"] is None else str(r["invalid"])
            print(
                f"| {n} | {name} | {r['puzzles']} | {r['calls']:.2f} ({r['max_calls']}) | {r['tokens']:.0f} | "
                f"{r['wall']:.3f} ({r['wall_p95']:.3f}) | {r['incomplete']} ({100 * r['incomplete'] / max(1, r['puzzles']):.1f}%) | {inv} |"
            )
    one_chunk = args.base + args.per_item * 16
    print(f"one chunk of 16 items: {one_chunk:.3f}s; 3x = {3 * one_chunk:.3f}s")
    print(f"fully cached 15-word puzzle: calls={cached_calls[0]}, cache hits={cached_calls[1]}")


if __name__ == "__main__":
    main()
