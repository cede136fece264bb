"""Every setting of the app, declared once: name, type, default, help (datasette style).

    SETTINGS = (Setting("JOB_WORKERS", int, 2, "Generation worker processes ..."), ...)
    load(environ)           -> {"JOB_WORKERS": 2, ...}   every setting, typed and checked
    check(values)           -> the values typed, or SettingError naming the variable

The table drives the web app's config (``web/config.py``: its defaults, the
request limits that may only be lowered, the check at start-up), the CLI's
environment reading (``crossword/cli.py``) and the settings table of
docs/CONFIG.md (``scripts/config_docs.py`` writes it; a test fails when the page
is out of date).  A setting ``NAME`` is read from ``CROSSWORD_NAME`` unless it
names its variables (``DATABASE_URL`` and the API keys, named as platforms and
SDKs name them).  The library reads no environment itself: the edges pass
theirs in, so every command resolves a setting the same way.

A bad value stops start-up with one line naming the variable
(``CROSSWORD_JOB_WORKERS must be a number of 0 or more, not 'abc'``).  A request
limit (``ceiling``) may be lowered, not raised past what the library accepts.
"""

from __future__ import annotations

import difflib
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import limits
from .errors import CrosswordError

__all__ = [
    "SETTINGS",
    "Setting",
    "SettingError",
    "ceilings",
    "check",
    "database_url",
    "default_database",
    "defaults",
    "load",
    "unknown",
]

APP_DIR = "emoji-crossword"
DATABASE_FILE = "crossword.sqlite3"
PREFIX = "CROSSWORD_"
TRUE, FALSE = ("true", "1", "yes", "on"), ("false", "0", "no", "off", "")
PROVIDER_NAMES = ("auto", "offline", "openai", "gemini", "compatible")
PROVIDER_ALIASES = ("ollama", "vllm", "llamacpp", "local")  # other names for "compatible"


class SettingError(CrosswordError, ValueError):
    """A setting's value cannot be used; the message names the variable (one line)."""


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting: its config key, type, default and the help docs/CONFIG.md shows.

    ``env``: the variables it is read from, first set wins (default ``CROSSWORD_<name>``).
    ``ceiling``: a request limit that may be lowered, not raised past this.
    ``secret``: a key; its value is never shown (docs, messages, pages, logs).
    ``shown``: how the docs read the default when the value alone says too little.
    """

    name: str
    type: type
    default: Any
    help: str
    env: tuple[str, ...] = ()
    ceiling: int | None = None
    secret: bool = False
    choices: tuple[str, ...] = ()
    shown: str | None = None

    @property
    def variables(self) -> tuple[str, ...]:
        return self.env or (PREFIX + self.name,)

    @property
    def variable(self) -> str:
        """The variable messages name (the first one read)."""
        return self.variables[0]

    def parse(self, value: Any) -> Any:
        """``value`` (a string from the environment, or a config value) as this setting's
        type, or SettingError naming the variable; None for an unset text setting."""
        if self.type is bool:
            return _flag(self.variable, value)
        if self.type in (int, float):
            number = _number(self.variable, value, whole=self.type is int)
            if self.ceiling is not None and number > self.ceiling:
                raise SettingError(
                    f"{self.variable} can be lowered, not raised: at most {self.ceiling},"
                    f" not {number}"
                )
            return number
        if self.type is list:
            return _whole_numbers(self.variable, value)
        return self._text(value)

    def _text(self, value: Any) -> str | None:
        if isinstance(value, list | tuple):  # a JSON list from the environment: "a, b"
            value = ", ".join(str(item) for item in value)
        text = str(value).strip()
        if not text:
            return None
        if self.choices and text.lower() not in self.choices:
            raise SettingError(
                f"{self.variable} must be one of {', '.join(self.choices)}, not {text!r}"
            )
        return text.lower() if self.choices else text


def _flag(name: str, value: Any) -> bool:
    if isinstance(value, bool | int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in TRUE + FALSE:
        return value.strip().lower() in TRUE
    raise SettingError(f"{name} must be true or false, not {value!r}")


def _number(name: str, value: Any, *, whole: bool) -> int | float:
    number: float | None = None
    if not isinstance(value, bool):
        try:
            number = float(value if isinstance(value, int | float) else str(value).strip())
        except ValueError:
            number = None
    if number is None or not math.isfinite(number) or number < 0:
        raise SettingError(f"{name} must be a number of 0 or more, not {value!r}")
    if not whole:
        return number
    if number != int(number):
        raise SettingError(f"{name} must be a whole number, not {value!r}")
    return int(number)


def _whole_numbers(name: str, value: Any) -> list[int]:
    """``[15, 21]``, or from the environment ``15,21`` or ``[15, 21]``."""
    items = value
    if isinstance(value, str):
        text = value.strip()
        try:
            items = json.loads(text) if text.startswith("[") else text.split(",")
        except ValueError:
            items = None
    if not isinstance(items, list | tuple):
        raise SettingError(f"{name} must be whole numbers separated by commas, not {value!r}")
    try:
        return [_number(name, item, whole=True) for item in items]  # type: ignore[misc]
    except SettingError:
        raise SettingError(
            f"{name} must be whole numbers separated by commas, not {value!r}"
        ) from None


def _s(name: str, kind: type, default: Any, help: str, **kw: Any) -> Setting:
    return Setting(name, kind, default, help, **kw)


DOCS = "[DEPLOY.md](DEPLOY.md)"
SETTINGS: tuple[Setting, ...] = (
    _s("DATABASE", str, None, "SQLite file path, or a `postgresql://` URL. Holds puzzles, jobs, the hint cache, traces and rate limits. `DATABASE_URL` (the platforms' name) is read when `CROSSWORD_DATABASE` is not set; every command uses the same default.", env=("CROSSWORD_DATABASE", "DATABASE_URL"), shown="`~/.local/share/emoji-crossword/crossword.sqlite3` (`$XDG_DATA_HOME` when set)"),
    _s("DATABASE_POOL_SIZE", int, 5, f"PostgreSQL connections each process may hold; requests beyond it queue for a free one (up to 30 s). The budget for your plan's connection limit is in {DOCS}."),
    _s("DATABASE_BUSY_TIMEOUT", float, 15.0, "SQLite only: seconds a write waits for another process's write lock before it fails (a request then answers 503 with `Retry-After`; a generation worker retries storing its puzzle)."),
    _s("PROVIDER", str, None, "Hint provider used when a request names none: `offline`, `openai`, `gemini`, `compatible` (also called `ollama`, `vllm`, `llamacpp`, `local`). Auto: `compatible` if `BASE_URL` is set, else `openai` with an OpenAI key, else `gemini` with a Gemini (or Google) key, else `offline`: one rule (`crossword.ProviderConfig`) shared by the web app and the CLI.", choices=PROVIDER_NAMES + PROVIDER_ALIASES, shown="auto"),
    _s("MODEL", str, None, "Model name (e.g. `gpt-4o-mini`, `gemini-2.0-flash`, `llama3.1`).", shown="provider's default"),
    _s("BASE_URL", str, None, "Base URL of an OpenAI-compatible server (Ollama, vLLM, llama.cpp); enables the `compatible` provider."),
    _s("LLM_MODE", str, None, "instructor mode override (`json`, `tools`, `json_schema`).", shown="provider's default"),
    _s("LLM_TIMEOUT", float, None, "Seconds one model call may take before it counts as failed (then retried within bounds, then the offline fallback).", shown="`30`"),
    _s("LLM_API_KEY", str, None, "API key for the `compatible` provider, if it needs one.", secret=True),
    _s("OPENAI_API_KEY", str, None, "Enables the `openai` provider.", env=("OPENAI_API_KEY",), secret=True),
    _s("GEMINI_API_KEY", str, None, "Enables the `gemini` provider (`GOOGLE_API_KEY`, Google's SDK name, is read when it is not set).", env=("GEMINI_API_KEY", "GOOGLE_API_KEY"), secret=True),
    _s("MAX_CONTENT_LENGTH", int, limits.MAX_BODY_BYTES, "Largest request body in bytes; larger bodies get 413.", ceiling=limits.MAX_BODY_BYTES),
    _s("MAX_WORDS", int, limits.MAX_WORDS, "Most words (or entries) one request (or `crossword generate` words file) may send.", ceiling=limits.MAX_WORDS),
    _s("MAX_COUNT", int, limits.MAX_COUNT, "Most words a topic puzzle may ask for (`count`, `crossword generate --count`).", ceiling=limits.MAX_COUNT),
    _s("DEFAULT_COUNT", int, None, f"Words in a topic puzzle when `count` is not given; at most `MAX_COUNT`. Unset: {limits.DEFAULT_COUNT}, or `MAX_COUNT` when that is lowered below it.", shown=f"`{limits.DEFAULT_COUNT}`"),
    _s("MAX_SIZE_CHOICES", list, [15, 21], "Size limits the maker page offers, e.g. `15,21` (the API accepts any `max_size` from 5 to 60)."),
    _s("LAYOUT_TIME_LIMIT", float, 8.0, "Seconds the layout search may take."),
    _s("QUEUE", str, "database", f"Where generation jobs wait for a worker: `database` (a SQLite file beside a SQLite database, e.g. `instance/crossword-queue.sqlite3`, or the PostgreSQL database itself) or `memory` (worker threads inside the web process: tests only). See {DOCS}.", choices=("database", "memory")),
    _s("JOB_WORKERS", int, 2, "Generation worker processes on this machine (`crossword worker`, or the ones the web command starts). Bounds the CPU generation takes from reads."),
    _s("EMBEDDED_WORKER", bool, True, "`crossword serve` and the Procfile's `web:` process also start the generation workers. Set `false` when a separate `crossword worker` (Procfile `worker:`) runs them."),
    _s("WORKER_NICE", int, 10, "Generation workers lower their CPU priority by this much (`os.nice`), so page and API reads come first."),
    _s("JOB_QUEUE_LIMIT", int, 16, "Jobs waiting for a worker (all machines together) before `POST /api/puzzles` answers 503 with `Retry-After`."),
    _s("SYNC_WAIT", float, 2.5, "Seconds `POST /api/puzzles` waits for the puzzle before answering 202 with a job."),
    _s("SYNC_WAIT_SLOTS", int, 4, "Requests per web process that may wait for their puzzle at once; the others get their 202 at once, so reads always find a free thread."),
    _s("JOB_LEASE_SECONDS", int, 30, "A worker renews its job's lease every few seconds; a job whose worker stopped (killed, machine gone) for this long is run once more or reported failed."),
    _s("JOB_MAX_ATTEMPTS", int, 2, "Runs of a job whose workers keep dying before it is reported failed."),
    _s("JOB_QUEUE_TIMEOUT", int, 600, "A queued job no worker took within this many seconds is reported failed (no worker is running)."),
    _s("PUBLIC_URL", str, None, "The site's public address, e.g. `https://crossword.example`. Share links and job URLs in API answers are built on it; without it they use the request's host (and, with `PROXY_COUNT`, `X-Forwarded-Host`). Set it on any site open to the internet."),
    _s("UPLOAD_SLOTS", int, 4, f"Requests per web process that may be receiving a request body at once; more get 503 with `Retry-After` at once, so stalled uploads cannot take every thread ({DOCS})."),
    _s("BODY_TIMEOUT", float, 5.0, "Seconds the server waits for the next bytes of a request body (under gunicorn) before answering 408."),
    _s("BODY_DEADLINE", float, 20.0, "Seconds a whole request body may take to arrive (under gunicorn) before 408."),
    _s("RATE_LIMIT_PER_MINUTE", int, 20, "`POST /api/puzzles` per client address per minute (0 = no limit); over it: 429 with `Retry-After`."),
    _s("RATE_LIMIT_STORE", str, "database", "Where the rate limit counts: `database` (shared by all workers and processes) or `memory` (this process only).", choices=("database", "memory")),
    _s("MAX_MODEL_CALLS", int, 8, "Model calls in flight at once per process, all makers together; more wait for a slot."),
    _s("DAILY_BUDGET_USD", float, 0.0, "Stop model calls once today's traced spend (UTC) reaches this; hints then come from the offline fallback (0 = no cap)."),
    _s("PROXY_COUNT", int, 0, "Reverse proxies in front of the app (Heroku, Render, Fly: `1`), so client addresses, rate limits and share links (https) are right. `X-Forwarded-*` is read only from a peer in `TRUSTED_PROXIES`."),
    _s("TRUSTED_PROXIES", str, "127.0.0.0/8, ::1, 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fc00::/7", "The peers (addresses or networks, comma-separated) whose `X-Forwarded-For/-Proto/-Host` count when `PROXY_COUNT` is set, like gunicorn's `forwarded_allow_ips`. From any other peer those headers change nothing: its own address counts against the rate limit and links use its `Host`. Platform routers (Heroku, Render, Fly) connect from loopback and private addresses, clients on the internet cannot. Name your proxy's address when it comes from elsewhere; `*` trusts every peer.", shown="loopback and private ranges: `127.0.0.0/8, ::1, 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fc00::/7`"),
    _s("TRACES", bool, True, "Serve the private operations pages `/traces` and `GET /api/traces` (model calls, spending, recent puzzles with their links); `false` turns them off."),
    _s("ADMIN_TOKEN", str, None, "The operator's token for `/traces` and `/api/traces`: sent as `Authorization: Bearer <token>`, or as the password of the browser's login prompt (any user name). Unset: the pages are not served (404). Use a long random value, e.g. `python -c 'import secrets; print(secrets.token_urlsafe(32))'`.", secret=True),
)  # fmt: skip

BY_NAME = {s.name: s for s in SETTINGS}


def defaults() -> dict[str, Any]:
    """Every setting's default, by name (a fresh dict: lists are copied)."""
    return {s.name: list(s.default) if isinstance(s.default, list) else s.default for s in SETTINGS}


def ceilings() -> dict[str, int]:
    """The request limits an operator may lower, never raise: name -> the library's bound."""
    return {s.name: s.ceiling for s in SETTINGS if s.ceiling is not None}


def check(values: Mapping[str, Any]) -> dict[str, Any]:
    """Every setting of ``values`` that is set (not None), typed and checked; the first
    bad one raises SettingError naming its variable.  Keys no setting declares are left out."""
    typed: dict[str, Any] = {}
    for setting in SETTINGS:
        value = values.get(setting.name)
        if value is not None:
            typed[setting.name] = setting.parse(value)
    max_count = typed.get("MAX_COUNT", limits.MAX_COUNT)
    default_count = typed.get("DEFAULT_COUNT")
    if default_count is None:  # unset: the library's, within a lowered MAX_COUNT
        typed["DEFAULT_COUNT"] = min(limits.DEFAULT_COUNT, max_count)
    elif default_count > max_count:
        raise SettingError(
            f"{BY_NAME['DEFAULT_COUNT'].variable} must be at most MAX_COUNT ({max_count}),"
            f" not {default_count}"
        )
    return typed


def from_environment(environ: Mapping[str, str]) -> dict[str, str]:
    """The raw value of each setting set in ``environ`` (the first of its variables with a
    value; an empty variable counts as unset)."""
    found: dict[str, str] = {}
    for setting in SETTINGS:
        for variable in setting.variables:
            if (environ.get(variable) or "").strip():
                found[setting.name] = environ[variable]
                break
    return found


def load(environ: Mapping[str, str], overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Every setting: ``overrides`` (a command's options), else ``environ``, else the
    default - typed and checked (SettingError names the first bad variable)."""
    values: dict[str, Any] = defaults()
    values.update(from_environment(environ))
    values.update({k: v for k, v in (overrides or {}).items() if v is not None})
    values.update(check(values))
    return values


def unknown(environ: Mapping[str, str]) -> list[str]:
    """A sentence for each CROSSWORD_* variable in ``environ`` that names no setting (a
    typo would otherwise be ignored without a word), with the nearest variable that does
    when one is close.  CROSSWORD_TEST_* belong to the test suite."""
    known = sorted({variable for setting in SETTINGS for variable in setting.variables})
    notes = []
    for name in sorted(environ):
        if not name.startswith(PREFIX) or name in known or name.startswith(PREFIX + "TEST_"):
            continue
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.8)
        hint = f"; did you mean {close[0]}?" if close else ""
        notes.append(f"{name} is not a setting and is ignored{hint}")
    return notes


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
    for value in (configured, *(environ.get(v) for v in BY_NAME["DATABASE"].variables)):
        if value and value.strip():
            return value.strip()
    return default_database(environ)
