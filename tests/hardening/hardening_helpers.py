"""Shared bits of the hardening suite: hostile strings, a hostile "model", a live server.

HOSTILE holds text that must be stored and shown as text (it is allowed in);
REFUSED holds text the API must refuse with 422 (control characters, lone
surrogates, text-direction overrides).  Every payload that could run sets
``window.__pwned`` so the browser tests can see it.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from crossword.hints import HintContext, HintRequest
from crossword.puzzle import Hints

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


class Process(NamedTuple):
    parent: int  # parent pid
    session: int  # session id: a server started with start_new_session leads its own
    cpu: float  # user + system seconds so far
    cmdline: bytes


def processes() -> dict[int, Process]:
    """Every process we may read, by pid, from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:  # ended meanwhile
            continue
        fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (comm) "
        cpu = (int(fields[11]) + int(fields[12])) / tick  # utime + stime
        found[int(entry.name)] = Process(int(fields[1]), int(fields[3]), cpu, cmdline)
    return found


def clip(text: str, limit: int) -> str:
    return text[:limit]


class HostileProvider:
    """A "model" whose hints are hostile text (model output is untrusted input too)."""

    name = "hostile"
    model = '<img src=x onerror="window.__pwned=1">'

    def __init__(self, payloads: Sequence[str] | None = None) -> None:
        self.payloads = list(payloads or HOSTILE.values())

    def hints(self, requests: Sequence[HintRequest], context: HintContext) -> dict[str, Hints]:
        out = {}
        for i, r in enumerate(requests):
            text = self.payloads[i % len(self.payloads)]
            out[r.answer] = Hints(
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


# -- gunicorn as the Procfile starts it, for kill / slow-client / load tests -------------
HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
GUNICORN = Path(sys.executable).with_name("gunicorn")
# Not passed to a server: settings and keys (each test sets its own), and
# PYTHONDONTWRITEBYTECODE, so the first server caches the app's bytecode (gitignored
# __pycache__) and the next ones do not compile web/ and crossword/ again.
NOT_PASSED = ("CROSSWORD_", "OPENAI_", "GEMINI_", "DATABASE_URL", "PYTHONDONTWRITEBYTECODE")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(url: str, body: Any = None, timeout: float = 10.0) -> tuple[int, Any]:
    """(status, parsed JSON body) of a GET, or of a POST when ``body`` is given."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"null")


class Gunicorn:
    """``gunicorn -c gunicorn.conf.py <app>`` on 127.0.0.1, in its own session, so
    `kill` reaches the master, the web workers and the embedded generation workers.
    ``db``: a SQLite file or a PostgreSQL URL (CROSSWORD_DATABASE)."""

    def __init__(self, db: Path | str, log: Path, *, app: str = "slow_app:create()", **env: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        environ = {k: v for k, v in os.environ.items() if not k.startswith(NOT_PASSED)}
        environ.update(
            CROSSWORD_DATABASE=str(db), CROSSWORD_RATE_LIMIT_PER_MINUTE="0",
            PYTHONPATH=os.pathsep.join([str(HERE), str(ROOT)]), **env,
        )  # fmt: skip
        self.log_path = log
        self.log = log.open("ab")
        self.proc = subprocess.Popen(
            [str(GUNICORN), "-c", str(ROOT / "gunicorn.conf.py"), "-b", f"127.0.0.1:{self.port}",
             "--graceful-timeout", "2", "--access-logfile", "/dev/null", app],
            cwd=ROOT, env=environ, stdout=self.log, stderr=self.log, start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while True:
            try:
                if call(self.url + "/api/health", timeout=1)[0] == 200:
                    return
            except OSError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.kill()
                raise AssertionError(f"gunicorn did not start: {log.read_text()[-2000:]}")
            time.sleep(0.1)

    def kill(self) -> None:
        """SIGKILL the whole session (master, web workers, generation workers), nothing else."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)
        self.log.close()


def settled_job(client, url: str, seconds: float = 30.0) -> dict:
    """Poll a job (test client) until it is done or failed."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = client.get(url).get_json()["job"]
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"job not settled within {seconds} s")


def finished_puzzle_id(client, response) -> str:
    """The puzzle id of a 201, or of the job a 202 names once it is done (test client)."""
    body = response.get_json()
    if response.status_code == 201:
        return body["id"]
    assert response.status_code == 202, body
    job = settled_job(client, body["job"]["url"])
    assert job["status"] == "done", job
    return job["puzzle_id"]
