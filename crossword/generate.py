"""The one use case both edges call: (topic | words) -> layout -> hints -> Puzzle.

Nothing is stored here: the caller stores the finished Puzzle, so a failure at
any step leaves nothing half-made behind.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from .errors import LayoutError, WordListError
from .grid import Grid
from .hints import HintContext, HintProvider, HintRequest
from .layout import DEFAULT_BUDGET, lay_out
from .limits import DEFAULT_COUNT, MAX_COUNT, MAX_TITLE_CHARS, MAX_TOPIC_CHARS, MIN_COUNT
from .puzzle import Clue, Puzzle, Unplaced
from .words import MAX_WORDS, Word, parse_line, parse_words

# The limits live in crossword/limits.py (docs/LIMITS.md); these names are kept for callers.
MAX_TOPIC_LENGTH = MAX_TOPIC_CHARS
MAX_TITLE_LENGTH = MAX_TITLE_CHARS
MIN_PLACED = 2  # fewer placed words is not a crossword: an error, not a puzzle

# on_progress(stage, info): stage is "words", "layout", "hints" or "done";
# info holds counters the UI shows (e.g. {"done": 3, "total": 15}).
OnProgress = Callable[[str, dict[str, object]], None]


@dataclass(frozen=True)
class Request:
    """What a maker asks for: a topic, or words (each optionally with a clue/emoji)."""

    topic: str | None = None
    words: Sequence[str | tuple[str, str | None] | tuple[str, str | None, str | None]] = ()
    count: int = DEFAULT_COUNT
    seed: int = 0
    max_width: int | None = None
    max_height: int | None = None
    title: str | None = None
    layout_budget: int = DEFAULT_BUDGET
    time_limit: float | None = None


def lines_to_words(text: str) -> list[tuple[str, str | None]]:
    """A pasted list, one word per line, optionally 'word: my clue'."""
    return [parse_line(line) for line in text.splitlines() if line.strip()]


def generate(
    request: Request,
    provider: HintProvider,
    *,
    on_progress: OnProgress | None = None,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> Puzzle:
    started = time.perf_counter()
    timings: dict[str, float] = {}

    def report(stage: str, **info: object) -> None:
        if on_progress is not None:
            on_progress(stage, info)

    # 1. words
    report("words", topic=request.topic)
    if request.words:
        word_list = parse_words(request.words)
    elif request.topic and request.topic.strip():
        topic = request.topic.strip()
        if len(topic) > MAX_TOPIC_LENGTH:
            raise WordListError(
                f"the topic is too long ({len(topic)} characters; at most {MAX_TOPIC_LENGTH})"
            )
        count = max(MIN_COUNT, min(MAX_COUNT, request.count))
        candidates = provider.words_for_topic(topic, count, seed=request.seed)
        word_list = parse_words(
            candidates[: max(count, 1) * 3][:MAX_WORDS], min_length=3, max_length=15
        )
        word_list = type(word_list)(word_list.words[:count], ())
    else:
        raise WordListError("give a topic or a list of words")
    by_answer: dict[str, Word] = {w.answer: w for w in word_list.words}
    timings["words_ms"] = _ms(started)
    report("words", count=len(by_answer), rejected=len(word_list.rejected))

    # 2. layout
    t = time.perf_counter()
    report("layout", words=len(by_answer))
    layout = lay_out(
        list(by_answer),
        seed=request.seed,
        max_width=request.max_width,
        max_height=request.max_height,
        budget=request.layout_budget,
        time_limit=request.time_limit,
    )
    if len(layout.placements) < MIN_PLACED:
        placed = [p.answer for p in layout.placements]
        raise LayoutError(
            (f"only {placed[0]} could be placed" if placed else "none of the words could be placed")
            + "; a crossword needs at least two words that share a letter",
            problems=[f"{u.word}: {u.reason}" for u in layout.unplaced],
        )
    grid: Grid = layout.grid()
    timings["layout_ms"] = _ms(t)
    report("layout", placed=len(layout.placements), unplaced=len(layout.unplaced))

    # 3. hints, one request per answer in the grid
    t = time.perf_counter()
    entries = grid.entries
    requests = []
    for e in entries:
        w = by_answer.get(e.answer)
        requests.append(
            HintRequest(
                answer=e.answer,
                enumeration=w.enumeration if w else str(e.length),
                clue=w.clue if w else None,
                emoji=w.emoji if w else None,
            )
        )

    def hint_progress(done: int, total: int, note: str) -> None:
        report("hints", done=done, total=total, note=note)

    context = HintContext(
        topic=request.topic,
        answers=tuple(e.answer for e in entries),
        progress=hint_progress,
    )
    report("hints", done=0, total=len(requests))
    made = provider.hints(requests, context)
    clues: dict[str, Clue] = {}
    for e, req in zip(entries, requests, strict=True):
        clue = made[e.answer]
        if not clue.enumeration:
            clue = _with_enumeration(clue, req.enumeration)
        clues[e.id] = clue
    timings["hints_ms"] = _ms(t)

    unplaced = tuple(layout.unplaced) + tuple(
        Unplaced(r.text, r.reason) for r in word_list.rejected
    )
    stats: dict[str, object] = {
        **context.stats,
        **timings,
        "total_ms": _ms(started),
        "words": len(by_answer),
        "placed": len(layout.placements),
        "crossings": grid.crossings(),
        "emoji_coverage": round(sum(1 for c in clues.values() if c.emoji) / max(1, len(clues)), 3),
    }
    puzzle = Puzzle(
        grid=grid,
        clues=clues,
        title=_title(request),
        provider=provider.name,
        model=provider.model,
        seed=request.seed,
        topic=request.topic,
        unplaced=unplaced,
        created_at=clock().isoformat(timespec="seconds"),
        stats=stats,
    )
    report("done", entries=len(entries))
    return puzzle


def _with_enumeration(clue: Clue, enumeration: str) -> Clue:
    from dataclasses import replace

    return replace(clue, enumeration=enumeration)


def _title(request: Request) -> str:
    if request.title and request.title.strip():
        return request.title.strip()[:MAX_TITLE_LENGTH]
    if request.topic and request.topic.strip():
        return request.topic.strip()[:MAX_TITLE_LENGTH].capitalize() + " crossword"
    return "Crossword"


def _ms(since: float) -> float:
    return round((time.perf_counter() - since) * 1000, 1)
