"""Puzzle files over HTTP: .ipuz, .puz, .json downloads and the printable page.

The formats themselves live in `crossword.export`; this module only turns a
query string into export options and bytes into a response.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Mapping

from flask import Response

from crossword import export
from crossword.puzzle import Puzzle

from .errors import ApiError

DOWNLOADS = ("ipuz", "puz", "json")
VARIANTS = ("text", "emoji", "both")
PAPERS = ("a4", "letter")
TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}

_STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.DOTALL | re.IGNORECASE)


def flag(args: Mapping[str, str], name: str, default: bool = False) -> bool:
    value = args.get(name)
    if value is None:
        return default
    value = value.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ApiError(422, f"{name} must be 1 or 0", [{"field": name, "message": "must be 1 or 0"}])


def download(puzzle: Puzzle, fmt: str) -> Response:
    """A file download in one of DOWNLOADS (with the solution: these files are for solving apps)."""
    if fmt not in DOWNLOADS:
        raise ApiError(404, f"unknown format {fmt!r}; choose one of {', '.join(DOWNLOADS)}")
    body = export.export(puzzle, fmt)
    response = Response(body, content_type=export.content_type(fmt))
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{export.filename(puzzle, fmt)}"'
    )
    return response


def print_page(puzzle: Puzzle, args: Mapping[str, str]) -> Response:
    """The printable page: ?variant=text|emoji|both&key=1&paper=a4|letter."""
    variant = (args.get("variant") or "text").lower()
    if variant not in VARIANTS:
        message = f"choose one of {', '.join(VARIANTS)}"
        raise ApiError(422, f"variant: {message}", [{"field": "variant", "message": message}])
    paper = (args.get("paper") or "").lower() or None
    if paper is not None and paper not in PAPERS:
        message = "choose a4 or letter"
        raise ApiError(422, f"paper: {message}", [{"field": "paper", "message": message}])
    key = flag(args, "key", default=False)
    html = export.export(puzzle, "html", variant=variant, solution=key, paper=paper)
    response = Response(html, content_type=export.content_type("html"))
    # The page carries its own <style>; allow exactly that stylesheet, and no script.
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(m.encode("utf-8")).digest()).decode() + "'"
        for m in _STYLE.findall(html.decode("utf-8"))
    )
    response.headers["Content-Security-Policy"] = (
        "default-src 'none'; img-src 'self' data:; font-src 'self';"
        f" style-src 'self' {hashes}; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
    )
    return response
