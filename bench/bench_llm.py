"""Benchmark: batched hints with failed-only re-asks vs one instructor call per word.

A simulated OpenAI-compatible server (tests/llm_server.py) answers on 127.0.0.1
with a latency of ``base + per_item * items`` seconds per call; every item of
every answer is bad with probability ``p`` (a text "emoji", a clue that
contains the answer, a keycap emoji, an empty clue - chosen at random), a
fraction of HTTP requests fail with 500 (``--http-errors``) or answer after the
client's timeout (``--timeouts``), a fraction of replies number their items
from 0 (``--shifted``), and a fraction have a broken list (``--list-faults``:
items reordered, one missing, one extra for an answer not asked, or one naming
a wrong answer).  Tokens are estimated from the request and reply sizes (~4
ASCII characters a token, ~1.2 a non-ASCII character).

    .venv/bin/python bench/bench_llm.py --puzzles 1000 --sizes 8 15 30 100 --p 0.10
    .venv/bin/python bench/bench_llm.py --p 0.30 --http-errors 0.10 --shifted 0.10 \
        --list-faults 0.10 --timeouts 0.02 --skip-naive

Besides calls and tokens the batched rows report what a player would notice:
"wrong answer" = model hints shipped on an answer they were not written for
(the simulator knows which hint belongs to which answer); "no emoji" = entries
shipped without an emoji clue although the fallback had one (the fallback here
has an emoji for every answer); "traced / sent" = trace rows of HTTP attempts vs
the requests the server saw.

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
from llm_server import LLMServer, Reply, answers_in, status  # noqa: E402
from pydantic import BaseModel, ValidationInfo, model_validator  # noqa: E402

from crossword.db import Database  # noqa: E402
from crossword.hints import HintContext, HintRequest  # noqa: E402
from crossword.hints.cache import HintCache  # noqa: E402
from crossword.hints.checks import (  # noqa: E402
    clue_problems,
    emoji_problems,
    normalize_emoji,
    puzzle_problems,
)
from crossword.hints.llm import LLMHintProvider  # noqa: E402
from crossword.puzzle import Hints  # noqa: E402
from crossword.trace import Attempt, Tracer  # noqa: E402

POOL = "🐅🦊🦁🐻🐼🐨🐸🐵🐔🐧🐦🐤🦆🦅🦉🦇🐺🐗🐴🦄🐝🐛🦋🐌🐞🐜🦗🕷🦂🐢🐍🦎🦖🦕🐙🦑🦐🦞🦀🐡"
FOOD = "🍎🍐🍊🍋🍌🍉🍇🍓🫐🍈🍒🍑🥭🍍🥥🥝🍅🍆🥑🥦🥬🥒🌶🫑🌽🥕🫒🧄🧅🥔🍠🥐🥯🍞🥖🥨🧀🥚🍳🧈"
LIST_FAULTS = ("reordered", "missing", "extra", "misnamed")
CONSONANTS, VOWELS = "BCDFGHJKLMNPRSTVWZ", "AEIOU"


def make_words(n: int, rng: random.Random) -> list[str]:
    out: set[str] = set()
    while len(out) < n:
        length = rng.randint(4, 9)
        out.add("".join(rng.choice(CONSONANTS if i % 2 == 0 else VOWELS) for i in range(length)))
    return sorted(out)


class Sim:
    """The simulated model: latency, per-item failures, HTTP errors, broken lists."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.p, self.http_errors, self.timeouts = args.p, args.http_errors, args.timeouts
        self.shifted, self.list_faults = args.shifted, args.list_faults
        self.base, self.per_item, self.too_late = args.base, args.per_item, args.llm_timeout * 2
        self.rng = random.Random(args.seed)
        self.lock = threading.Lock()
        self.index: dict[str, int] = {}

    def new_puzzle(self) -> None:
        """Good hints are distinct within a puzzle (a real model's would be)."""
        with self.lock:
            self.index.clear()

    def good(self, answer: str) -> tuple[str, str]:
        """The hint the model means for ``answer``; anything else it ships is misplaced."""
        with self.lock:
            k = self.index.setdefault(answer, len(self.index))
        return (f"Hints number {k} for a hidden word", POOL[(k // 40) % 40] + POOL[k % 40])

    def _item(self, answer: str) -> tuple[str, str]:
        clue, emoji = self.good(answer)
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

    def _chance(self, p: float) -> bool:
        with self.lock:
            return self.rng.random() < p

    def _items(self, asked: list[tuple[int, str]]) -> list[dict]:
        """The reply's items: answer echoed, ids from 1 (or from 0), maybe a broken list."""
        first = 0 if self._chance(self.shifted) else 1
        out = []
        for n, a in asked:
            clue, emoji = self._item(a)
            out.append({"id": n - 1 + first, "answer": a, "clue": clue, "emoji": emoji})
        if out and self._chance(self.list_faults):
            with self.lock:
                fault, k = self.rng.choice(LIST_FAULTS), self.rng.randrange(len(out))
                if fault == "reordered":
                    self.rng.shuffle(out)
            if fault == "missing":
                del out[k]
            elif fault == "extra":
                out.insert(k, {"id": k, "answer": "NOTASKED", "clue": "Not asked", "emoji": "🐾"})
            elif fault == "misnamed":
                out[k] = {**out[k], "answer": out[k]["answer"] + "S"}
        return out

    def __call__(self, body: dict) -> Reply:
        if self._chance(self.http_errors):
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
            reply = Reply({"items": self._items(asked)})
            items = len(asked)
        reply.delay = self.base + self.per_item * items
        if self._chance(self.timeouts):
            reply.delay += self.too_late  # the client gives up first, and retries
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
    """The offline provider's stand-in: a valid clue and emoji clue for every answer."""

    name, model = "offline", None

    def hints(self, requests, context):
        index = {a: k for k, a in enumerate(context.answers)}
        return {
            r.answer: Hints(
                f"Stand-in hint number {i}", FOOD[index.get(r.answer, i) % len(FOOD)] * 2,
                source="offline", emoji_source="offline",
            )
            for i, r in enumerate(requests, 1)
        }  # fmt: skip

    def words_for_topic(self, topic, count, *, seed=0):
        return []


class CountingTracer(Tracer):
    """A memory tracer that also counts every HTTP attempt it records."""

    def __init__(self) -> None:
        super().__init__()
        self.sent = 0

    def record(self, attempt: Attempt) -> Attempt:
        self.sent += attempt.outcome != "skipped"
        return super().record(attempt)


def misplaced(sim: Sim, result: dict[str, Hints]) -> int:
    """Model hints shipped on an answer they were not written for."""
    wrong = 0
    for answer, c in result.items():
        clue, emoji = sim.good(answer)
        emoji = normalize_emoji(emoji)  # as shipped: fully-qualified (🕷 -> 🕷️)
        wrong += c.source == "openai" and c.text != clue
        wrong += c.emoji_source == "openai" and c.emoji != emoji
    return wrong


def run_batched(
    server: LLMServer, sim: Sim, sizes, puzzles: dict, rng: random.Random, args
) -> dict:
    rows = {}
    tracer = CountingTracer()
    with LLMHintProvider(
        name="openai", model="gpt-4o-mini", api_key="bench", base_url=server.base_url,
        http_retries=2, timeout=args.llm_timeout, fallback=Fallback(), tracer=tracer,
    ) as provider:  # fmt: skip
        for n in sizes:
            r = {"calls": [], "tokens": [], "walls": [], "fell_back": 0, "invalid": 0}
            r.update(wrong=0, no_emoji=0, sent_before=len(server.requests), traced=tracer.sent)
            for _ in range(puzzles.get(n, 0)):
                answers = make_words(n, rng)
                sim.new_puzzle()
                context = HintContext(answers=tuple(answers))
                t = time.perf_counter()
                result = provider.hints([HintRequest(a) for a in answers], context)
                r["walls"].append(time.perf_counter() - t)
                s = context.stats
                r["calls"].append(s["calls"])
                r["tokens"].append(s["prompt_tokens"] + s["completion_tokens"])
                r["fell_back"] += any(c.source != "openai" or c.emoji_source != "openai"
                                      for c in result.values())  # fmt: skip
                r["wrong"] += misplaced(sim, result)
                r["no_emoji"] += sum(c.emoji is None for c in result.values())
                if args.check:
                    r["invalid"] += len(puzzle_problems(result)) + (set(result) != set(answers))
            row = _row(r["calls"], r["tokens"], r["walls"], r["fell_back"],
                       r["invalid"] if args.check else None)  # fmt: skip
            row.update(wrong=r["wrong"], no_emoji=r["no_emoji"], traced=tracer.sent - r["traced"],
                       sent=len(server.requests) - r["sent_before"])  # fmt: skip
            rows[n] = row
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


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--puzzles", type=int, default=200, help="puzzles per size (batched)")
    ap.add_argument("--naive-puzzles", type=int, help="puzzles per size (naive); default --puzzles")
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
    ap.add_argument(
        "--timeouts",
        type=float,
        default=0.0,
        help="fraction of HTTP requests answered after the timeout",
    )
    ap.add_argument(
        "--shifted", type=float, default=0.0, help="fraction of replies numbering items from 0"
    )
    ap.add_argument(
        "--list-faults", type=float, default=0.0, help="fraction of replies with a broken item list"
    )
    ap.add_argument(
        "--llm-timeout", type=float, default=1.0, help="the provider's timeout per request, s"
    )
    ap.add_argument("--base", type=float, default=0.05, help="seconds per call")
    ap.add_argument("--per-item", type=float, default=0.01, help="seconds per item in a call")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--skip-naive", action="store_true")
    ap.add_argument(
        "--check", action="store_true", help="run puzzle_problems on every delivered puzzle"
    )
    return ap.parse_args()  # fmt: skip


def counts(sizes: list[int], default: int, overrides: list[str]) -> dict[int, int]:
    c = {n: default for n in sizes}
    for item in overrides:
        size, n = item.split("=")
        c[int(size)] = int(n)
    return c


def cached_rerun(server: LLMServer, sim: Sim, rng: random.Random) -> tuple[int, int]:
    """(calls, cache hits) of a 15-word puzzle made a second time: the cache serves it."""
    db = Database(str(Path(tempfile.mkdtemp()) / "bench-cache.sqlite3"))
    answers = make_words(15, rng)
    sim.new_puzzle()
    with LLMHintProvider(
        name="openai", model="gpt-4o-mini", api_key="bench", base_url=server.base_url,
        fallback=Fallback(), cache=HintCache(db), tracer=Tracer(),
    ) as provider:  # fmt: skip
        provider.hints([HintRequest(a) for a in answers], HintContext(answers=tuple(answers)))
        again = HintContext(answers=tuple(answers))
        provider.hints([HintRequest(a) for a in answers], again)
    return int(again.stats["calls"]), int(again.stats["cache_hits"])


def print_tables(args: argparse.Namespace, batched: dict, naive: dict) -> None:
    print(
        f"p={args.p} http_errors={args.http_errors} timeouts={args.timeouts} "
        f"shifted={args.shifted} list_faults={args.list_faults} "
        f"latency={args.base}s + {args.per_item}s/item, timeout {args.llm_timeout}s"
    )
    print(
        "| words | puzzles | calls/puzzle (max) | tokens/puzzle | wall s mean (p95) "
        "| needed a fallback | wrong answer | no emoji | traced / sent | invalid delivered |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")  # fmt: skip
    for n, r in batched.items():
        inv = "-" if r["invalid"] is None else str(r["invalid"])
        print(
            f"| {n} | {r['puzzles']} | {r['calls']:.2f} ({r['max_calls']}) | {r['tokens']:.0f} "
            f"| {r['wall']:.3f} ({r['wall_p95']:.3f}) | {r['incomplete']} "
            f"({100 * r['incomplete'] / max(1, r['puzzles']):.1f}%) | {r['wrong']} "
            f"| {r['no_emoji']} | {r['traced']} / {r['sent']} | {inv} |"
        )
    if naive:
        print("\nnaive (one instructor call per word, max_retries=3):")
        print(
            "| words | puzzles | calls/puzzle (max) | tokens/puzzle | wall s mean (p95) | incomplete |"
        )
        print("|---:|---:|---:|---:|---:|---:|")
        for n, r in naive.items():
            print(
                f"| {n} | {r['puzzles']} | {r['calls']:.2f} ({r['max_calls']}) | {r['tokens']:.0f} "
                f"| {r['wall']:.3f} ({r['wall_p95']:.3f}) | {r['incomplete']} |"
            )


def main() -> None:
    args = parse_args()
    sim = Sim(args)
    with LLMServer(responder=sim) as server:
        rng = random.Random(args.seed)
        batched = run_batched(
            server, sim, args.sizes, counts(args.sizes, args.puzzles, args.count), rng, args
        )
        naive = {}
        if not args.skip_naive:
            many = counts(args.sizes, args.naive_puzzles or args.puzzles, args.naive_count)
            naive = run_naive(server, sim, args.sizes, many, rng)
        cached = cached_rerun(server, sim, rng)
    print_tables(args, batched, naive)
    one_chunk = args.base + args.per_item * 16
    print(f"one chunk of 16 items: {one_chunk:.3f}s; 3x = {3 * one_chunk:.3f}s")
    print(f"fully cached 15-word puzzle: calls={cached[0]}, cache hits={cached[1]}")


if __name__ == "__main__":
    main()
