"""The one use case both edges call: (topic | words) -> layout -> hints -> Puzzle.

Nothing is stored here: the caller stores the finished Puzzle, so a failure at
any step leaves nothing half-made behind.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from .errors import LayoutError, WordListError
from .grid import Grid
from .hints import HintContext, HintProvider, HintRequest, TopicWords
from .hints.checks import emoji_problems, leaks
from .layout import DEFAULT_BUDGET, Layout, lay_out
from .limits import DEFAULT_COUNT, MAX_COUNT, MAX_TITLE_CHARS, MAX_TOPIC_CHARS, MIN_COUNT
from .puzzle import Hints, Puzzle, Unplaced
from .words import MAX_WORDS, Word, WordList, parse_line, parse_words

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
    """words -> layout -> hints -> Puzzle, reporting each stage to ``on_progress``."""
    started = time.perf_counter()
    timings: dict[str, float] = {}

    def report(stage: str, **info: object) -> None:
        if on_progress is not None:
            on_progress(stage, info)

    report("words", topic=request.topic)
    word_list, topic_notices = _gather_words(request, provider)
    by_answer: dict[str, Word] = {w.answer: w for w in word_list.words}
    timings["words_ms"] = _ms(started)
    report("words", count=len(by_answer), rejected=len(word_list.rejected))

    t = time.perf_counter()
    report("layout", words=len(by_answer))
    layout = _lay_out(request, list(by_answer))
    grid: Grid = layout.grid()
    timings["layout_ms"] = _ms(t)
    report("layout", placed=len(layout.placements), unplaced=len(layout.unplaced))

    t = time.perf_counter()
    requests = _hint_requests(grid, by_answer)
    context = HintContext(
        topic=request.topic,
        answers=tuple(r.answer for r in requests),
        progress=lambda done, total, note: report("hints", done=done, total=total, note=note),
    )
    report("hints", done=0, total=len(requests))
    clues = _clues_by_entry(grid, requests, provider.hints(requests, context))
    timings["hints_ms"] = _ms(t)

    unplaced = tuple(layout.unplaced) + word_list.rejected
    notices = (
        *topic_notices,
        *_shortfall_notices(request, len(by_answer), layout.unplaced, provider.name),
        *_hint_notices(grid, requests, clues, context.stats, provider.name),
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
        notices=tuple(dict.fromkeys(notices)),
    )
    report("done", entries=len(grid.entries))
    return puzzle


# -- 1. words -------------------------------------------------------------------


def _gather_words(request: Request, provider: HintProvider) -> tuple[WordList, tuple[str, ...]]:
    """The maker's words, or the provider's words for the topic (with its notices)."""
    if request.words:
        return parse_words(request.words), ()
    topic = (request.topic or "").strip()
    if not topic:
        raise WordListError("give a topic or a list of words")
    if len(topic) > MAX_TOPIC_LENGTH:
        raise WordListError(
            f"the topic is too long ({len(topic)} characters; at most {MAX_TOPIC_LENGTH})"
        )
    count = max(MIN_COUNT, min(MAX_COUNT, request.count))
    found = provider.words_for_topic(topic, count, seed=request.seed)
    candidates, notices = (
        (list(found.words), found.notices) if isinstance(found, TopicWords) else (list(found), ())
    )
    word_list = parse_words(
        candidates[: max(count, 1) * 3][:MAX_WORDS], min_length=3, max_length=15
    )
    return WordList(word_list.words[:count], ()), tuple(notices)


# -- 2. layout ------------------------------------------------------------------


def _lay_out(request: Request, answers: list[str]) -> Layout:
    layout = lay_out(
        answers,
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
    return layout


# -- 3. hints -------------------------------------------------------------------


def _hint_requests(grid: Grid, by_answer: dict[str, Word]) -> list[HintRequest]:
    """One request per entry, with the maker's own clue and emoji when given."""
    requests = []
    for e in grid.entries:
        w = by_answer.get(e.answer)
        requests.append(
            HintRequest(
                answer=e.answer,
                enumeration=w.enumeration if w else str(e.length),
                clue=w.clue if w else None,
                emoji=w.emoji if w else None,
            )
        )
    return requests


def _clues_by_entry(
    grid: Grid, requests: list[HintRequest], made: dict[str, Hints]
) -> dict[str, Hints]:
    clues: dict[str, Hints] = {}
    for e, req in zip(grid.entries, requests, strict=True):
        clue = made[e.answer]
        if not clue.enumeration:
            clue = replace(clue, enumeration=req.enumeration)
        clues[e.id] = clue
    return clues


# -- notices: what differs from what was asked ------------------------------------


def _shortfall_notices(
    request: Request, words: int, unplaced: Sequence[Unplaced], provider: str = "offline"
) -> list[str]:
    out = []
    asked = max(MIN_COUNT, min(MAX_COUNT, request.count))
    if not request.words and words < asked:
        more = "a model provider or your own words" if provider == "offline" else "your own words"
        out.append(
            f"Only {words} words fit the topic {request.topic!r}, "
            f"so the puzzle has fewer than the {asked} asked for; {more} can make a bigger one."
        )
    if unplaced:
        names = ", ".join(u.word for u in unplaced[:5]) + (" ..." if len(unplaced) > 5 else "")
        out.append(f"{_count(len(unplaced), 'word')} could not be placed in the grid: {names}.")
    return out


def _hint_notices(
    grid: Grid,
    requests: list[HintRequest],
    clues: dict[str, Hints],
    stats: dict[str, object],
    provider: str = "offline",
) -> list[str]:
    """Warnings on the maker's own clues, and hints that are stand-ins."""
    out = []
    for req in requests:
        if req.clue and leaks(req.clue, req.answer):
            out.append(f"Your clue for {req.answer} gives the answer away: {req.clue!r}.")
        if req.emoji and emoji_problems(req.emoji, answer=req.answer):
            out.append(f"Your emoji clue for {req.answer} is not purely emoji or spells letters.")
    fallback = [e.answer for e in grid.entries if clues[e.id].fallback]
    if fallback:
        out.append(
            f"{_count(len(fallback), 'hint')} came from the offline lexicon because the model "
            f"did not give a usable one: {', '.join(fallback[:5])}."
        )
    # a model's clue with the fallback's emoji clue (the model's failed every round)
    emoji = [
        e.answer
        for e in grid.entries
        if not clues[e.id].fallback and clues[e.id].emoji_source not in (None, "user", provider)
    ]
    if emoji:
        out.append(
            f"{_count(len(emoji), 'emoji clue')} came from the offline lexicon because the "
            f"model did not give a usable one: {', '.join(emoji[:5])}."
        )
    pattern = int(stats.get("offline_pattern", 0) or 0)  # type: ignore[call-overload]
    if pattern:
        out.append(
            f"{_count(pattern, 'clue')} only {'describes' if pattern == 1 else 'describe'} the letters (the offline lexicon does "
            "not know the word); write your own clue or use a model provider."
        )
    return out


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _title(request: Request) -> str:
    if request.title and request.title.strip():
        return request.title.strip()[:MAX_TITLE_LENGTH]
    if request.topic and request.topic.strip():
        topic = request.topic.strip()[:MAX_TITLE_LENGTH]
        return topic[:1].upper() + topic[1:] + " crossword"  # "Ancient Egypt", not "egypt"
    return "Crossword"


def _ms(since: float) -> float:
    return round((time.perf_counter() - since) * 1000, 1)
