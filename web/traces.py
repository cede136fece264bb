"""What /traces and GET /api/traces show: model calls, job summaries, daily totals.

These are operations pages: they list every recent puzzle (with its play link)
and the spending, so they are private.  They are served only when the
``ADMIN_TOKEN`` setting is set (and ``TRACES`` is on), and only to a request
that carries it: ``Authorization: Bearer <token>`` (scripts) or as the password
of HTTP Basic (the browser's login prompt; any user name).  Without the setting
they do not exist (404); no page links to them.
"""

from __future__ import annotations

import base64
import binascii
import hmac
from typing import Any

from flask import Flask, abort, current_app, request

from crossword import Database, Tracer

from .errors import ApiError

REALM = 'Basic realm="crossword operations", charset="UTF-8"'


def init_app(app: Flask, db: Database) -> None:
    """Keep one Tracer over the app's database (it creates its tables once)."""
    app.extensions["crossword.tracer"] = Tracer(db)


def require_admin() -> None:
    """404 unless TRACES and ADMIN_TOKEN are set; 401 (with a login prompt) without the token."""
    token = current_app.config.get("ADMIN_TOKEN")
    if not current_app.config.get("TRACES") or not token:
        abort(404)
    given = _presented_token(request.headers.get("Authorization", ""))
    if given is None or not hmac.compare_digest(given.encode(), str(token).encode()):
        raise ApiError(
            401,
            "this page needs the operator's admin token",
            headers={"WWW-Authenticate": REALM, "Cache-Control": "no-store"},
        )


def _presented_token(header: str) -> str | None:
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer":
        return value.strip()
    if scheme.lower() == "basic":
        try:
            decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return None
        return decoded.partition(":")[2]
    return None


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
