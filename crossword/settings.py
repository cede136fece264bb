"""Where the app keeps its data when nothing is configured.

The library reads no environment itself: the edges (``crossword`` CLI, the web
app) pass theirs in, so every command resolves the database the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

__all__ = ["database_url", "default_database"]

APP_DIR = "emoji-crossword"
DATABASE_FILE = "crossword.sqlite3"


def default_database(environ: Mapping[str, str]) -> str:
    """The SQLite file every command uses by default: the user's data directory
    (``$XDG_DATA_HOME``, else ``~/.local/share``), whatever the install layout."""
    base = environ.get("XDG_DATA_HOME") or ""
    if not base:
        home = environ.get("HOME") or str(Path.home())
        base = str(Path(home) / ".local" / "share")
    return str(Path(base) / APP_DIR / DATABASE_FILE)


def database_url(environ: Mapping[str, str], configured: str | None = None) -> str:
    """``configured`` (a ``--database`` option or the app's DATABASE setting), else
    ``CROSSWORD_DATABASE``, else ``DATABASE_URL`` (the platforms' name), else the default."""
    for value in (configured, environ.get("CROSSWORD_DATABASE"), environ.get("DATABASE_URL")):
        if value and value.strip():
            return value.strip()
    return default_database(environ)
