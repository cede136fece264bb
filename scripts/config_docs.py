"""Write the settings table of docs/CONFIG.md from `crossword.settings.SETTINGS`.

    .venv/bin/python scripts/config_docs.py           # rewrite the table in place
    .venv/bin/python scripts/config_docs.py --check   # exit 1 when the page is out of date

The table sits between the two markers below; the rest of the page is written by
hand.  tests/test_settings.py runs the check, so a setting added, removed or changed
in the table without running this script fails the tests.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from crossword.settings import SETTINGS, Setting

DOC = Path(__file__).resolve().parents[1] / "docs" / "CONFIG.md"
START = "<!-- settings table: written by scripts/config_docs.py from crossword/settings.py -->\n"
END = "<!-- end of the settings table -->\n"


def default_text(setting: Setting) -> str:
    if setting.shown is not None:
        return setting.shown
    if setting.default is None:
        return "–"
    if isinstance(setting.default, str):
        return f"`{setting.default}`"
    return f"`{json.dumps(setting.default)}`"


def table() -> str:
    """The markdown table: one row per setting, in the order of the declarations."""
    rows = ["| Key | Read from | Default | What it does |", "|---|---|---|---|"]
    for s in SETTINGS:
        variables = ", ".join(f"`{v}`" for v in s.variables)
        notes = [s.help]
        if s.ceiling is not None:
            notes.append(f"May be lowered, not raised (at most `{s.ceiling}`).")
        if s.secret:
            notes.append("Secret.")
        rows.append(f"| `{s.name}` | {variables} | {default_text(s)} | {' '.join(notes)} |")
    return "\n".join(rows) + "\n"


def rendered(text: str) -> str:
    """``text`` (the page) with the table between the markers replaced."""
    head, start, rest = text.partition(START)
    _, end, tail = rest.partition(END)
    if not start or not end:
        raise SystemExit(f"{DOC}: the settings table markers are missing")
    return head + START + table() + END + tail


def main(argv: list[str]) -> int:
    text = DOC.read_text(encoding="utf-8")
    new = rendered(text)
    if "--check" in argv:
        if new != text:
            print(f"{DOC} is out of date: run scripts/config_docs.py", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
