"""What /traces and GET /api/traces show: model calls, job summaries, daily totals."""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app

from crossword import Database, Tracer


def init_app(app: Flask, db: Database) -> None:
    """Keep one Tracer over the app's database (it creates its tables once)."""
    app.extensions["crossword.tracer"] = Tracer(db)


def traces_report(limit: int = 50, days: int = 14) -> dict[str, Any]:
    """{"attempts": [...], "jobs": [...], "daily": [...], "spent_today": 0.0}."""
    tracer = current_app.extensions.get("crossword.tracer")
    if tracer is None:
        return {"attempts": [], "jobs": [], "daily": [], "spent_today": 0.0}
    return {
        "attempts": tracer.recent(limit) if limit else [],
        "jobs": tracer.summaries(limit) if limit else [],
        "daily": tracer.daily_totals(days),
        "spent_today": tracer.spent_today(),
    }


def spent_today() -> float:
    tracer = current_app.extensions.get("crossword.tracer")
    return float(tracer.spent_today()) if tracer is not None else 0.0


# What the per-puzzle summary (Puzzle.stats) may hold, in the order the page shows it.
PUZZLE_STATS = (
    ("calls", "Calls"),
    ("tokens", "Tokens"),
    ("cost_usd", "Cost (USD)"),
    ("cache_hits", "Cache hits"),
    ("reasks", "Re-asks"),
    ("fallbacks", "Fallbacks"),
    ("no_emoji", "No emoji"),
    ("total_ms", "Latency (ms)"),
)


def with_token_total(stats: dict[str, Any]) -> dict[str, Any]:
    """The stats plus "tokens" (prompt + completion) when either is known."""
    if "prompt_tokens" in stats or "completion_tokens" in stats:
        total = int(stats.get("prompt_tokens") or 0) + int(stats.get("completion_tokens") or 0)
        return {**stats, "tokens": total}
    return stats
