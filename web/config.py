"""The web app's settings: defaults here, described in docs/CONFIG.md.

Order (later wins): DEFAULTS -> environment variables ``CROSSWORD_<KEY>``
(values parsed as JSON when they parse, so ``CROSSWORD_JOB_WORKERS=8`` is an int)
-> ``create_app(test_config)``.  Three variables are read without the prefix,
because platforms and SDKs name them so: ``DATABASE_URL`` (used when
``CROSSWORD_DATABASE`` is not set), ``OPENAI_API_KEY`` and ``GEMINI_API_KEY``.
Keys are secrets: they go to the provider and nowhere else (no page, no log,
no API body).
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from typing import Any

from crossword import chosen_provider, limits

DEFAULTS: dict[str, Any] = {
    # where puzzles, jobs, the hint cache and traces live; None -> instance/crossword.sqlite3
    "DATABASE": None,
    # PostgreSQL connections per process (budget: instances x workers x this <= the plan's limit)
    "DATABASE_POOL_SIZE": 5,
    # hint provider: None/"auto" (a configured LLM, else offline), "offline", "openai",
    # "gemini" or "compatible" (any OpenAI-compatible server at BASE_URL)
    "PROVIDER": None,
    "MODEL": None,
    "BASE_URL": None,
    # instructor mode override for the compatible provider (e.g. "json", "tools")
    "LLM_MODE": None,
    # seconds one model call may take (None = the provider's default, 30)
    "LLM_TIMEOUT": None,
    # request limits (crossword/limits.py, docs/LIMITS.md); these may be lowered, not raised
    "MAX_CONTENT_LENGTH": limits.MAX_BODY_BYTES,
    "MAX_WORDS": limits.MAX_WORDS,
    "MAX_COUNT": limits.MAX_COUNT,
    "DEFAULT_COUNT": limits.DEFAULT_COUNT,
    "MAX_SIZE_CHOICES": [15, 21],
    "LAYOUT_TIME_LIMIT": 8.0,
    # generation jobs (web/jobs.py, web/tasks.py, docs/DEPLOY.md)
    # where the queue lives: "database" (a SQLite file beside the database, or the
    # PostgreSQL database itself) or "memory" (worker threads inside the web process)
    "QUEUE": "database",
    # generation workers on this machine: processes of `crossword worker` (threads with
    # QUEUE = "memory"); this bounds the CPU generation takes from reads
    "JOB_WORKERS": 2,
    # `crossword serve` and the Procfile's web process also start the generation workers;
    # false when a separate `crossword worker` (Procfile `worker:`) runs them
    "EMBEDDED_WORKER": True,
    # workers run at this lower CPU priority (os.nice), so page and API reads come first
    "WORKER_NICE": 10,
    # jobs waiting for a worker (all machines) before POST answers 503 + Retry-After
    "JOB_QUEUE_LIMIT": 16,
    # seconds a POST waits for its puzzle before answering 202 with the job
    "SYNC_WAIT": 2.5,
    # requests per web process that may wait at once (the others get their 202 at once)
    "SYNC_WAIT_SLOTS": 4,
    # a running job whose worker has not renewed its lease for this long is run once
    # more (JOB_MAX_ATTEMPTS in all) or reported failed
    "JOB_LEASE_SECONDS": 30,
    "JOB_MAX_ATTEMPTS": 2,
    # a queued job no worker took within this many seconds is reported failed
    "JOB_QUEUE_TIMEOUT": 600,
    # slow clients (web/slowclients.py): requests per web process receiving a body at once
    # (more get 503 + Retry-After at once), seconds to wait for the next bytes of a body,
    # seconds for the whole body; a body that does not arrive in time gets 408
    "UPLOAD_SLOTS": 4,
    "BODY_TIMEOUT": 5.0,
    "BODY_DEADLINE": 20.0,
    # POST /api/puzzles per client address per minute (0 = no limit)
    "RATE_LIMIT_PER_MINUTE": 20,
    # where the rate limit counts: "database" (shared by every worker) or "memory" (per process)
    "RATE_LIMIT_STORE": "database",
    # model calls in flight at once in one worker process (all makers together)
    "MAX_MODEL_CALLS": 8,
    # stop model calls once today's traced spend reaches this many USD; hints then come
    # from the offline fallback (0 = no cap)
    "DAILY_BUDGET_USD": 0.0,
    # the site's public address (e.g. "https://crossword.example"): share links and job URLs
    # are built on it, never on the request's Host or X-Forwarded-Host headers
    "PUBLIC_URL": None,
    # number of reverse proxies in front (Heroku/Render/Fly: 1) for client addresses and https URLs
    "PROXY_COUNT": 0,
    # peers whose X-Forwarded-* headers count (addresses/networks, comma-separated; "*" = any):
    # loopback and private ranges, where platform routers connect from (web/proxies.py)
    "TRUSTED_PROXIES": "127.0.0.0/8, ::1, 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fc00::/7",
    # the private operations pages /traces and GET /api/traces (web/traces.py): served only
    # when ADMIN_TOKEN is set, to requests carrying it; TRACES=false turns them off entirely
    "TRACES": True,
    "ADMIN_TOKEN": None,
}

# Request limits an operator may lower, never raise past what the library accepts.
LOWER_ONLY = {
    "MAX_WORDS": limits.MAX_WORDS,
    "MAX_COUNT": limits.MAX_COUNT,
    "MAX_CONTENT_LENGTH": limits.MAX_BODY_BYTES,
}
TRUE, FALSE = ("true", "1", "yes", "on"), ("false", "0", "no", "off", "")


class SettingError(ValueError):
    """A setting's value cannot be used; the message names the variable (one line)."""


def check(config: Mapping[str, Any]) -> dict[str, Any]:
    """The number and true/false settings of ``config`` as their types (a value from the
    environment may be a string), or a SettingError naming the first bad one."""
    typed: dict[str, Any] = {}
    for key, default in DEFAULTS.items():
        value = config.get(key, default)
        if value is None or not isinstance(default, bool | int | float):
            continue
        typed[key] = _typed(f"CROSSWORD_{key}", value, default)
    for key, ceiling in LOWER_ONLY.items():
        if typed.get(key, 0) > ceiling:
            raise SettingError(
                f"CROSSWORD_{key} can be lowered, not raised: at most {ceiling}, not {typed[key]}"
            )
    return typed


def check_environment(environ: Mapping[str, str] | None = None) -> None:
    """Check the CROSSWORD_* variables as create_app reads them (gunicorn.conf.py runs
    this once in the master, so a bad value stops the server with one line)."""
    from flask import Config

    config = Config("")
    config.from_mapping(DEFAULTS)
    env = os.environ if environ is None else environ
    for name, raw in env.items():
        if name.startswith("CROSSWORD_") and name[len("CROSSWORD_") :] in DEFAULTS:
            config[name[len("CROSSWORD_") :]] = _json_or_text(raw)
    check(config)


def _json_or_text(raw: str) -> Any:
    """What Flask's from_prefixed_env makes of a value: JSON when it parses, else the text."""
    import json

    try:
        return json.loads(raw)
    except ValueError:
        return raw


def _typed(name: str, value: Any, default: bool | int | float) -> Any:
    if isinstance(default, bool):
        if isinstance(value, bool | int) and value in (0, 1):
            return bool(value)
        if isinstance(value, str) and value.strip().lower() in TRUE + FALSE:
            return value.strip().lower() in TRUE
        raise SettingError(f"{name} must be true or false, not {value!r}")
    number = _number(value)
    if number is None or number < 0:
        raise SettingError(f"{name} must be a number of 0 or more, not {value!r}")
    if isinstance(default, int):
        if number != int(number):
            raise SettingError(f"{name} must be a whole number, not {value!r}")
        return int(number)
    return float(number)


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        number = float(value if isinstance(value, int | float) else str(value).strip())
    except ValueError:
        return None
    return number if math.isfinite(number) else None


# Read from the environment without the CROSSWORD_ prefix; never shown anywhere.
SECRET_NAMES = ("OPENAI_API_KEY", "GEMINI_API_KEY")
# An API key for the "compatible" provider (CROSSWORD_LLM_API_KEY).
SECRET_KEYS = (*SECRET_NAMES, "LLM_API_KEY")


def from_environment(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The settings only an edge may read: DATABASE_URL and the API keys."""
    env = os.environ if environ is None else environ
    out: dict[str, Any] = {name: env.get(name) or None for name in SECRET_NAMES}
    # Google's SDKs name the Gemini key GOOGLE_API_KEY; the CLI's rule accepts it too
    out["GEMINI_API_KEY"] = out["GEMINI_API_KEY"] or env.get("GOOGLE_API_KEY") or None
    if env.get("DATABASE_URL"):
        out["DATABASE_URL"] = env["DATABASE_URL"]
    return out


def provider_settings(config: Mapping[str, Any], provider: str | None = None) -> dict[str, Any]:
    """The mapping `crossword.hints.providers.provider_from_settings` reads.

    Names are the environment names, as in the CLI.  ``provider`` (a maker's
    choice) overrides the configured one.
    """
    chosen = provider or config.get("PROVIDER")
    if chosen and str(chosen).strip().lower() == "auto":
        chosen = None
    return {
        "CROSSWORD_PROVIDER": chosen,
        "CROSSWORD_MODEL": config.get("MODEL"),
        "CROSSWORD_BASE_URL": config.get("BASE_URL"),
        "OPENAI_API_KEY": config.get("OPENAI_API_KEY"),
        "GEMINI_API_KEY": config.get("GEMINI_API_KEY"),
        "CROSSWORD_LLM_API_KEY": config.get("LLM_API_KEY"),
        "CROSSWORD_LLM_MODE": config.get("LLM_MODE"),
        "CROSSWORD_DAILY_BUDGET_USD": str(config["DAILY_BUDGET_USD"])
        if config.get("DAILY_BUDGET_USD")
        else None,
    }


def configured_providers(config: Mapping[str, Any]) -> list[str]:
    """Providers a maker may pick: offline always, the others once configured."""
    names = ["offline"]
    if config.get("OPENAI_API_KEY"):
        names.append("openai")
    if config.get("GEMINI_API_KEY"):
        names.append("gemini")
    if config.get("BASE_URL"):
        names.append("compatible")
    return names


def default_provider(config: Mapping[str, Any]) -> str:
    """The provider used when a request names none: the library's one rule
    (`crossword.chosen_provider`), which the CLI applies to the environment."""
    return chosen_provider(provider_settings(config))
