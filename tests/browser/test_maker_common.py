"""The JS helpers the maker and the player share live once, in web/static/js/common.js."""

from __future__ import annotations

import re
from pathlib import Path

JS = Path(__file__).resolve().parents[2] / "web" / "static" / "js"

# What each helper looks like when someone writes it again instead of importing it.
DUPLICATES = {
    "$": re.compile(r"(const|function)\s+\$\s*(=|\()"),
    "plural": re.compile(r"(const|function)\s+plural\b"),
    "clipboard copy": re.compile(r"navigator\.clipboard"),
    "word-line parsing": re.compile(r"\.indexOf\(\":\"\)|split\(\":\""),
}


def test_helpers_are_defined_only_in_common_js():
    for path in sorted(JS.glob("*.js")):
        if path.name == "common.js":
            continue
        text = path.read_text(encoding="utf-8")
        for name, pattern in DUPLICATES.items():
            assert not pattern.search(text), f"{path.name} defines its own {name}; import it"


def test_maker_and_player_import_common_js():
    assert 'from "./common.js"' in (JS / "make.js").read_text(encoding="utf-8")
    players = [p.read_text(encoding="utf-8") for p in JS.glob("play*.js")]
    assert any('from "./common.js"' in text for text in players)


def test_common_helpers_in_the_browser(page, live_server):
    page.goto(live_server + "/")
    got = page.evaluate(
        """async () => {
            const m = await import("/static/js/common.js");
            return {
                lines: m.parseLines("otter\\n: just a clue\\n\\n beaver : builds dams: well \\n"),
                one: m.plural(1, "word"), many: m.plural(3, "entry", "entries"),
                same: m.$("maker") === document.getElementById("maker"),
            };
        }"""
    )
    assert got["lines"] == [
        {"line": 1, "word": "otter", "clue": ""},
        {"line": 2, "word": "", "clue": "just a clue"},
        {"line": 4, "word": "beaver", "clue": "builds dams: well"},
    ]
    assert (got["one"], got["many"], got["same"]) == ("1 word", "3 entries", True)
