"""From a validated API body to the library's generate() call, and the theme list."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

from crossword.db import Database
from crossword.generate import Request, generate
from crossword.hints import HintProvider
from crossword.puzzle import Puzzle

from .errors import ApiError
from .schemas import PuzzleIn

INPUTS = ("topic", "words", "entries")

# factory(settings, db) -> HintProvider; tests pass their own as PROVIDER_FACTORY
ProviderFactory = Callable[[Mapping[str, Any], Database], HintProvider]


def input_field(body: PuzzleIn) -> str:
    """Which input the words came from (library errors about words name it)."""
    for name in INPUTS:
        if getattr(body, name):
            return name
    return "topic"


def build_request(body: PuzzleIn, config: Mapping[str, Any]) -> Request:
    given = [name for name in INPUTS if getattr(body, name)]
    if len(given) != 1:
        message = (
            "give a topic, or a list of words"
            if not given
            else f"give only one of {', '.join(given)}"
        )
        raise ApiError(
            422, message, [{"field": name, "message": message} for name in given or ["topic"]]
        )
    items: list[Any]
    if body.entries:
        items = [(e.word, e.clue or None, e.emoji or None) for e in body.entries]
    else:
        items = list(body.words or [])
    max_words = int(config["MAX_WORDS"])
    if len(items) > max_words:
        message = f"at most {max_words} words (got {len(items)})"
        raise ApiError(422, f"{given[0]}: {message}", [{"field": given[0], "message": message}])
    max_count = int(config["MAX_COUNT"])
    count = body.count if body.count is not None else int(config["DEFAULT_COUNT"])
    if count > max_count:
        message = f"at most {max_count} words for a topic"
        raise ApiError(422, f"count: {message}", [{"field": "count", "message": message}])
    return Request(
        topic=body.topic or None,
        words=items,
        count=count,
        seed=body.seed if body.seed is not None else secrets.randbelow(1_000_000),
        max_width=body.max_size,
        max_height=body.max_size,
        title=body.title or None,
        time_limit=float(config["LAYOUT_TIME_LIMIT"]) or None,
    )


def default_factory(
    settings: Mapping[str, Any],
    db: Database,
    tracer: Any = None,
    options: Mapping[str, Any] | None = None,
) -> HintProvider:
    """The configured provider (offline when no key is set), sharing the app's tracer."""
    from crossword.hints.providers import provider_from_settings

    chosen = str(settings.get("CROSSWORD_PROVIDER") or "").strip().lower()
    extra = dict(options or {}) if chosen != "offline" else {}
    return provider_from_settings(dict(settings), db=db, tracer=tracer, **extra)


def llm_options(config: Mapping[str, Any]) -> dict[str, Any]:
    """LLM provider options from the app config (LLM_TIMEOUT: seconds per model call)."""
    out: dict[str, Any] = {}
    if config.get("LLM_TIMEOUT"):
        out["timeout"] = float(config["LLM_TIMEOUT"])
    return out


def make_work(
    request: Request,
    *,
    factory: ProviderFactory | None,
    settings: Mapping[str, Any],
    db: Database,
    tracer: Any = None,
    options: Mapping[str, Any] | None = None,
) -> Callable[[Callable[[str, dict[str, Any]], None]], Puzzle]:
    """The job body: build the provider in the worker thread, then generate."""

    def work(on_progress: Callable[[str, dict[str, Any]], None]) -> Puzzle:
        if factory is not None:
            provider = factory(settings, db)
        else:
            provider = default_factory(settings, db, tracer, options)
        try:
            return generate(request, provider, on_progress=on_progress)
        finally:
            close = getattr(provider, "close", None)
            if factory is None and callable(close):
                close()  # the provider's HTTP connections: one client per job, never leaked

    return work


@lru_cache(maxsize=1)
def list_themes() -> list[dict[str, Any]]:
    """[{"name": "space", "title": "Space", "count": 45, "emoji": "🚀"}], sorted by name."""
    from crossword.themes import load_themes

    return [
        {"name": t.name, "title": t.title, "count": len(t.words), "emoji": t.icon}
        for t in sorted(load_themes().values(), key=lambda t: t.name)
    ]
