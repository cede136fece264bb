"""HTML pages: the maker (/), the player (/p/<id>), its print page, and /traces."""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, abort, current_app, render_template, request, url_for
from markupsafe import Markup

from crossword import EntryJSON, PuzzleJSON, limits, puzzle_to_dict

from . import config as settings
from .downloads import print_page as render_print
from .store import get_store
from .traces import PUZZLE_STATS, require_admin, traces_report, with_token_total

bp = Blueprint("pages", __name__)

PROVIDER_LABELS = {
    "offline": "Offline (built-in, instant)",
    "openai": "OpenAI",
    "gemini": "Google Gemini",
    "compatible": "OpenAI-compatible server",
}


def json_for_html(data: Any) -> Markup:
    """JSON safe inside <script type="application/json">: <, > and & are escaped
    (so no "</script>" or "<!--" can end the element), as are U+2028/U+2029."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return Markup(text)


@bp.get("/")
def make() -> str:
    config = current_app.config
    providers = settings.configured_providers(config)
    return render_template(
        "make.html",
        providers=[(name, PROVIDER_LABELS.get(name, name)) for name in providers],
        default_provider=settings.default_provider(config),
        sizes=list(config["MAX_SIZE_CHOICES"]),
        default_count=int(config["DEFAULT_COUNT"]),
        max_count=int(config["MAX_COUNT"]),
        max_words=int(config["MAX_WORDS"]),
        limits=limits,
    )


@bp.get("/p/<pid:puzzle_id>")
def play(puzzle_id: str) -> str:
    puzzle = get_store().get(puzzle_id)
    if puzzle is None:
        abort(404, "There is no puzzle at this address. Check the link, or make a new one.")
    data = puzzle_to_dict(puzzle, solution=True)
    return render_template(
        "play.html",
        puzzle=data,
        puzzle_id=puzzle_id,
        puzzle_json=json_for_html(_for_player(data)),
    )


# What the page's JavaScript never reads (the server renders who wrote the hints):
# left out of the embedded JSON to keep the play page light.
_SERVER_ONLY = {"stats", "unplaced", "created_at", "notices"}
_SERVER_ONLY_ENTRY = {"source", "emoji_source", "fallback", "notes"}


def _for_player(data: PuzzleJSON) -> dict[str, Any]:
    out: dict[str, Any] = {k: v for k, v in data.items() if k not in _SERVER_ONLY}
    if "grid" in out:
        del out["shape"]  # the solution rows say the same ('#' = no cell)
    out["entries"] = [_entry_for_player(e) for e in data["entries"]]
    return out


def _entry_for_player(entry: EntryJSON) -> dict[str, Any]:
    # The player derives the answer from the grid and "5" from the length; null is absent.
    out = {
        k: v
        for k, v in entry.items()
        if k not in _SERVER_ONLY_ENTRY and k != "answer" and v is not None
    }
    if out.get("enumeration") == str(entry.get("length")):
        del out["enumeration"]
    return out


@bp.get("/p/<pid:puzzle_id>/print")
def print_page(puzzle_id: str):  # -> Response
    puzzle = get_store().get(puzzle_id)
    if puzzle is None:
        abort(404, "There is no puzzle at this address.")
    return render_print(puzzle, request.args, script_src=url_for("static", filename="js/print.js"))


@bp.get("/traces")
def traces() -> tuple[str, int, dict[str, str]]:
    require_admin()
    report = traces_report(limit=50, days=14)
    puzzles = get_store().recent(30)
    for p in puzzles:
        p["stats"] = with_token_total(p["stats"])
    html = render_template(
        "traces.html",
        report=report,
        puzzles=puzzles,
        puzzle_stats=PUZZLE_STATS,
    )
    return html, 200, {"Cache-Control": "no-store"}  # private: never in a shared cache
