"""The web app's settings, from the one table in `crossword.settings` (docs/CONFIG.md).

Order (later wins): the table's defaults -> the variables a setting names without
the prefix (``DATABASE_URL``, ``OPENAI_API_KEY``, ``GEMINI_API_KEY`` /
``GOOGLE_API_KEY``: platforms and SDKs name them so) -> environment variables
``CROSSWORD_<KEY>`` (parsed as JSON when they parse, so ``CROSSWORD_JOB_WORKERS=8``
is an int) -> `check` (a bad value stops start-up, named) -> ``create_app(test_config)``.
Keys are secrets: they go to the provider and nowhere else (no page, no log,
no API body).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from crossword import ProviderConfig
from crossword import settings as table

__all__ = [
    "DEFAULTS",
    "LOWER_ONLY",
    "SECRET_NAMES",
    "SettingError",
    "check",
    "check_environment",
    "configured_providers",
    "default_provider",
    "from_environment",
    "provider_config",
]

DEFAULTS: dict[str, Any] = table.defaults()
# Request limits an operator may lower, never raise past what the library accepts.
LOWER_ONLY: dict[str, int] = table.ceilings()
# Read from the environment without the CROSSWORD_ prefix; never shown anywhere.
SECRET_NAMES = tuple(
    v for s in table.SETTINGS if s.secret for v in s.variables if not v.startswith(table.PREFIX)
)
SettingError = table.SettingError
check = table.check


def from_environment(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The settings read from variables without the prefix (DATABASE_URL, the API keys);
    ``CROSSWORD_<KEY>`` comes after, through Flask's ``from_prefixed_env``."""
    env = os.environ if environ is None else environ
    out: dict[str, Any] = {}
    for setting in table.SETTINGS:
        for variable in setting.variables:
            if not variable.startswith(table.PREFIX) and (env.get(variable) or "").strip():
                out[setting.name] = env[variable]
                break
    if (env.get("DATABASE_URL") or "").strip():
        out["DATABASE_URL"] = env["DATABASE_URL"]  # web/store.py's fallback for DATABASE
    return out


def check_environment(environ: Mapping[str, str] | None = None) -> None:
    """Check the settings as create_app reads them (gunicorn.conf.py runs this once in
    the master, and `crossword worker` before it starts, so a bad value stops the
    server with one line)."""
    from flask import Config

    env = os.environ if environ is None else environ
    config = Config("")
    config.from_mapping(DEFAULTS)
    config.from_mapping(from_environment(env))
    for name, raw in env.items():
        if name.startswith(table.PREFIX) and name[len(table.PREFIX) :] in DEFAULTS:
            config[name[len(table.PREFIX) :]] = _json_or_text(raw)
    check(config)


def _json_or_text(raw: str) -> Any:
    """What Flask's from_prefixed_env makes of a value: JSON when it parses, else the text."""
    import json

    try:
        return json.loads(raw)
    except ValueError:
        return raw


def provider_config(config: Mapping[str, Any], provider: str | None = None) -> ProviderConfig:
    """The typed provider configuration of the app (`ProviderConfig.from_settings`, as the
    CLI builds it); ``provider`` (a maker's choice) overrides the configured one."""
    return ProviderConfig.from_settings(config).choose(provider)


def configured_providers(config: Mapping[str, Any]) -> list[str]:
    """Providers a maker may pick: offline always, the others once configured."""
    return provider_config(config).available


def default_provider(config: Mapping[str, Any]) -> str:
    """The provider used when a request names none: the one rule (`ProviderConfig.chosen`)."""
    return provider_config(config).chosen
