"""Puzzle files over HTTP: .ipuz, .puz, .json downloads and the printable page.

The formats themselves live in `crossword.export`; this module only turns a
query string into export options and bytes into a response.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Collection, Mapping

from flask import Response

from crossword import Puzzle, export

from .errors import ApiError

DOWNLOADS = ("ipuz", "puz", "json")
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


def choice(args: Mapping[str, str], name: str, choices: Collection[str]) -> str | None:
    """``?name=`` as one of ``choices`` (any case), or None when absent or empty."""
    value = (args.get(name) or "").strip().lower() or None
    if value is not None and value not in choices:
        message = f"choose one of {', '.join(choices)}"
        raise ApiError(422, f"{name}: {message}", [{"field": name, "message": message}])
    return value


def download(puzzle: Puzzle, fmt: str, args: Mapping[str, str], play_url: str) -> Response:
    """A file download in one of DOWNLOADS (with the solution: these files are for solving apps).

    The .ipuz and .puz files carry ``play_url``; ``?gaps=block`` writes the .ipuz gaps as
    ``"#"`` blocks instead of omitted cells.
    """
    if fmt not in DOWNLOADS:
        raise ApiError(404, f"unknown format {fmt!r}; choose one of {', '.join(DOWNLOADS)}")
    options: dict[str, str] = {}
    if fmt == "ipuz":
        options = {"gaps": choice(args, "gaps", export.GAP_STYLES) or "omit", "url": play_url}
    elif fmt == "puz":
        options = {"url": play_url}
    body = export.export(puzzle, fmt, **options)
    response = Response(body, content_type=export.content_type(fmt))
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{export.filename(puzzle, fmt)}"'
    )
    return response


def print_page(
    puzzle: Puzzle, args: Mapping[str, str], *, script_src: str | None = None
) -> Response:
    """The printable page: ?variant=text|emoji|both&key=1&bank=1&paper=a4|letter.

    ``script_src``: the page people open (from the player and the maker) has the
    on-screen options form and a Print button, run by this script.
    """
    html = export.export(
        puzzle,
        "html",
        variant=choice(args, "variant", export.VARIANTS) or "text",
        paper=choice(args, "paper", export.PAPERS),
        solution=flag(args, "key", default=False),
        word_bank=flag(args, "bank", default=False),
        controls=script_src is not None,
        script_src=script_src,
    )
    response = Response(html, content_type=export.content_type("html"))
    # Allow exactly the page's own <style> by hash, and with the form our own script.
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(m.encode("utf-8")).digest()).decode() + "'"
        for m in _STYLE.findall(html.decode("utf-8"))
    )
    script, form = ("script-src 'self'; ", "'self'") if script_src else ("", "'none'")
    response.headers["Content-Security-Policy"] = (
        "default-src 'none'; img-src 'self' data:; font-src 'self';"
        f" style-src 'self' {hashes}; {script}base-uri 'none'; form-action {form};"
        " frame-ancestors 'self'"
    )
    return response
