"""From a validated API body to a queued job, and from a job's payload to generate().

The steps of POST /api/puzzles (web/api.py calls them in order): `build_request`
(validation), `choose_provider` (the maker's choice, the daily budget),
`payload` (what the job row keeps), then in a worker `work_for` rebuilds the
library Request and the provider from the payload and the worker's own
settings (keys never travel through the queue).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from dataclasses import asdict
from functools import lru_cache
from typing import Any

from flask import Flask

from crossword import (
    Database,
    HintProvider,
    ProviderConfig,
    Puzzle,
    Request,
    generate,
    load_themes,
    provider_for,
)

from . import config as settings
from .errors import ApiError
from .schemas import PuzzleIn

INPUTS = ("topic", "words", "entries")

# factory(provider config, db) -> HintProvider; tests pass their own as PROVIDER_FACTORY
ProviderFactory = Callable[[ProviderConfig, Database], HintProvider]
# work(on_progress) -> Puzzle; on_progress(stage, info) as in crossword.generate
Work = Callable[[Callable[[str, dict[str, Any]], None]], Puzzle]


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


BUDGET_NOTICE = (
    "Today's budget for model-written hints is used up, so the built-in offline hints"
    " were used instead."
)


def choose_provider(
    body: PuzzleIn, config: Mapping[str, Any], spent_today: Callable[[], float]
) -> tuple[str, list[str]]:
    """The provider this puzzle's hints come from, and the notices that explain a switch."""
    provider = body.provider or settings.default_provider(config)
    offered = settings.configured_providers(config)
    if body.provider is not None and provider not in offered:
        message = f"{provider!r} is not configured here; choose one of {', '.join(offered)}"
        raise ApiError(422, f"provider: {message}", [{"field": "provider", "message": message}])
    budget = float(config.get("DAILY_BUDGET_USD") or 0)
    if provider != "offline" and budget > 0 and spent_today() >= budget:
        return "offline", [BUDGET_NOTICE]
    return provider, []


def payload(request: Request, provider: str, field: str) -> dict[str, Any]:
    """What a job row keeps: plain JSON, no keys."""
    return {"request": asdict(request), "provider": provider, "field": field}


def request_from_payload(data: Mapping[str, Any]) -> Request:
    fields = dict(data["request"])
    fields["words"] = [tuple(w) if isinstance(w, list) else w for w in fields.get("words", ())]
    return Request(**fields)


def work_for(app: Flask) -> Callable[[Mapping[str, Any]], Work]:
    """payload -> the job body, with this (worker) app's settings, database and tracer."""
    config = app.config

    def build(data: Mapping[str, Any]) -> Work:
        return make_work(
            request_from_payload(data),
            factory=config.get("PROVIDER_FACTORY"),
            provider_config=settings.provider_config(config, str(data["provider"])),
            db=app.extensions["crossword.store"].db,
            tracer=app.extensions.get("crossword.tracer"),
            options={"calls": app.extensions["crossword.model_calls"]},
        )

    return build


def default_factory(
    config: ProviderConfig,
    db: Database,
    tracer: Any = None,
    options: Mapping[str, Any] | None = None,
) -> HintProvider:
    """The configured provider (offline when no key is set), sharing the app's tracer;
    its timeout (LLM_TIMEOUT) and daily budget come with ``config``."""
    extra = dict(options or {}) if config.chosen != "offline" else {}
    return provider_for(config, db=db, tracer=tracer, **extra)


def make_work(
    request: Request,
    *,
    factory: ProviderFactory | None,
    provider_config: ProviderConfig,
    db: Database,
    tracer: Any = None,
    options: Mapping[str, Any] | None = None,
) -> Work:
    """The job body: build the provider in the worker, then generate."""

    def work(on_progress: Callable[[str, dict[str, Any]], None]) -> Puzzle:
        if factory is not None:
            provider = factory(provider_config, db)
        else:
            provider = default_factory(provider_config, db, tracer, options)
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
    return [
        {"name": t.name, "title": t.title, "count": len(t.words), "emoji": t.icon}
        for t in sorted(load_themes().values(), key=lambda t: t.name)
    ]
