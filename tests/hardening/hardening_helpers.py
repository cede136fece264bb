"""Shared bits of the hardening suite: hostile strings, a hostile "model", a live server.

HOSTILE holds text that must be stored and shown as text (it is allowed in);
REFUSED holds text the API must refuse with 422 (control characters, lone
surrogates, text-direction overrides).  Every payload that could run sets
``window.__pwned`` so the browser tests can see it.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from crossword.hints import HintContext, HintRequest
from crossword.puzzle import Clue

PWN = "window.__pwned=1"

HOSTILE: dict[str, str] = {
    "script-tag": f"<script>{PWN}</script>",
    "img-onerror": f'"><img src=x onerror="{PWN}">',
    "svg-onload": f"<svg/onload={PWN}>",
    "end-script": f"</script><script>{PWN}</script><!--",
    "attr-break": f"' autofocus onfocus='{PWN}' x='",
    "js-url": f"javascript:{PWN}",
    "css-break": "</style><style>body{background:url(/pwned.png)}</style>",
    "json-break": '"}]};</script>\u2028\u2029<!--',
    "template": "{{7*7}} ${7*7} {% if 1 %}x{% endif %}",
    "entities": "&lt;b&gt;bold&lt;/b&gt; &amp;amp; &#60;i&#62;",
    "quotes": "\"double\" 'single' `back` \\ backslash",
    "direction-marks": "abc\u200fdef\u200e ghi \u061c",
    "zero-width": "zero\u200bwidth\u200cjoin\u200dword\ufeff",
    "zwj-emoji": "👨\u200d👩\u200d👧\u200d👦🏳️\u200d🌈",
    "long-token": "W" * 120,
}

REFUSED: dict[str, str] = {
    "nul": "a\x00b",
    "escape": "a\x1b[31mred",
    "bell": "ding\x07",
    "c1": "a\x9bb",  # U+009B CSI, a C1 control
    "rlo": "a\u202egnp.exe",
    "isolate": "a\u2066b\u2069",
    "surrogate": "a\ud800b",
}


def clip(text: str, limit: int) -> str:
    return text[:limit]


class HostileProvider:
    """A "model" whose hints are hostile text (model output is untrusted input too)."""

    name = "hostile"
    model = '<img src=x onerror="window.__pwned=1">'

    def __init__(self, payloads: Sequence[str] | None = None) -> None:
        self.payloads = list(payloads or HOSTILE.values())

    def hints(self, requests: Sequence[HintRequest], context: HintContext) -> dict[str, Clue]:
        out = {}
        for i, r in enumerate(requests):
            text = self.payloads[i % len(self.payloads)]
            out[r.answer] = Clue(
                text=r.clue or text,
                emoji=r.emoji or self.payloads[(i + 1) % len(self.payloads)][:40],
                enumeration=r.enumeration,
                source="hostile",
                emoji_source="hostile",
                fallback=i % 2 == 0,
                notes=(text,),
            )
        context.stats.update({"calls": 1})
        return out

    def words_for_topic(self, topic: str, count: int, *, seed: int = 0) -> list[str]:
        return ["otter", "beaver", "heron", "salmon", "trout", "reed", "swan", "newt"]


WORDS = ["otter", "beaver", "heron", "salmon", "trout", "reed", "swan", "newt"]


class LiveServer:
    """A Flask app served on 127.0.0.1 in a thread (for the browser)."""

    def __init__(self, app) -> None:
        from werkzeug.serving import make_server

        self.app = app
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
