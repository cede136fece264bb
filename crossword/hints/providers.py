"""Choosing a hint provider from configuration.

    make_provider("openai", api_key=...)                         gpt-4o-mini, instructor Mode.TOOLS
    make_provider("gemini", api_key=...)                         Gemini's OpenAI-compatible endpoint, Mode.JSON
    make_provider("compatible", base_url=..., model=...)         Ollama / vLLM / llama.cpp, Mode.JSON_SCHEMA
    make_provider("offline")                                     the shipped lexicon, no network

Every LLM provider is the same LLMHintProvider over the openai client; only the
base URL, default model and instructor mode differ.  The library never reads
the environment: the edges (CLI, web) build one typed `ProviderConfig` from
their settings (crossword/hints/config.py, which holds the one default-provider
rule: nothing configured -> offline) and call ``provider_for``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import instructor

from ..errors import HintError
from . import HintProvider
from .calls import ModelCalls
from .config import ALIASES, SETTING_NAMES, ProviderConfig

if TYPE_CHECKING:
    from ..db import Database
    from ..trace import Tracer

__all__ = [
    "PROVIDERS",
    "ProviderSpec",
    "chosen_provider",
    "config_from_environment",
    "make_provider",
    "offline_provider",
    "provider_for",
    "provider_from_settings",
]

GEMINI_BASE_URL = "https://generativelanguage.googleapis.com/v1beta/openai/"


@dataclass(frozen=True, slots=True)
class ProviderSpec:
    name: str
    default_model: str | None
    base_url: str | None
    mode: instructor.Mode
    needs_key: bool
    temperature: float | None = 0.4


PROVIDERS: dict[str, ProviderSpec] = {
    "openai": ProviderSpec("openai", "gpt-4o-mini", None, instructor.Mode.TOOLS, True),
    "gemini": ProviderSpec(
        "gemini", "gemini-2.0-flash", GEMINI_BASE_URL, instructor.Mode.JSON, True
    ),
    # Ollama, vLLM, llama.cpp server, LM Studio ...: grammar-constrained JSON where supported.
    "compatible": ProviderSpec("compatible", None, None, instructor.Mode.JSON_SCHEMA, False),
}


def offline_provider(**options: Any) -> HintProvider:
    """The lexicon-backed provider (imported lazily: it loads its data on first use)."""
    from .offline import OfflineHintProvider

    return OfflineHintProvider(**options)  # type: ignore[no-any-return]


def make_provider(
    name: str,
    *,
    api_key: str | None = None,
    base_url: str | None = None,
    model: str | None = None,
    db: Database | None = None,
    fallback: HintProvider | None = None,
    tracer: Tracer | None = None,
    mode: instructor.Mode | str | None = None,
    cache: bool = True,
    calls: ModelCalls | None = None,
    **options: Any,
) -> HintProvider:
    """Build a provider by name: "openai", "gemini", "compatible" (alias "ollama"), "offline".

    ``db`` enables the hint cache and database traces (else traces stay in memory).
    ``fallback`` defaults to the offline provider.  ``calls`` holds the process's
    call slots and breakers, shared by every provider the edge builds with it
    (without it the provider has its own).  ``options`` go to LLMHintProvider
    (chunk_size, max_parallel, reask_rounds, timeout, http_retries, temperature,
    daily_budget_usd, emoji_name_check, client ...).
    """
    key = ALIASES.get((name or "").strip().lower(), (name or "").strip().lower())
    if key == "offline":
        return offline_provider()
    spec = PROVIDERS.get(key)
    if spec is None:
        known = ", ".join([*PROVIDERS, "offline"])
        raise HintError(f"unknown hint provider {name!r} (known: {known})")
    base_url = base_url or spec.base_url
    model = _checked(spec, api_key, base_url, model, has_client=options.get("client") is not None)
    mode = _instructor_mode(mode) or spec.mode
    from ..trace import Tracer
    from .cache import HintCache
    from .llm import LLMHintProvider

    if fallback is None:
        fallback = offline_provider()
    if tracer is None:
        tracer = Tracer(db)
    options.setdefault("temperature", _temperature(spec, model))
    return LLMHintProvider(
        name=spec.name,
        model=model,
        api_key=api_key,
        base_url=base_url,
        mode=mode,
        fallback=fallback,
        cache=HintCache(db) if (db is not None and cache) else None,
        tracer=tracer,
        calls=calls,
        **options,
    )


def _checked(
    spec: ProviderSpec,
    api_key: str | None,
    base_url: str | None,
    model: str | None,
    *,
    has_client: bool,
) -> str:
    """The model name, or a HintError naming the first setting the provider lacks."""
    model = model or spec.default_model
    if spec.needs_key and not api_key and not has_client:
        raise HintError(f"the {spec.name} provider needs an API key")
    if spec.name == "compatible" and not (base_url or has_client):
        raise HintError("the compatible provider needs a base URL (e.g. http://localhost:11434/v1)")
    if not model:
        raise HintError(f"the {spec.name} provider needs a model name")
    return model


def _instructor_mode(mode: instructor.Mode | str | None) -> instructor.Mode | None:
    """An instructor mode from its name ("json", "TOOLS") or value ("json_mode")."""
    if isinstance(mode, str):
        upper = mode.upper()
        return (
            instructor.Mode[upper]
            if upper in instructor.Mode.__members__
            else instructor.Mode(mode)
        )
    return mode


def _temperature(spec: ProviderSpec, model: str) -> float | None:
    # Reasoning models (o1/o3/o4, gpt-5) refuse a temperature other than the default.
    if model.startswith(("o1", "o3", "o4", "gpt-5")):
        return None
    return spec.temperature


def provider_for(
    config: ProviderConfig,
    *,
    db: Database | None = None,
    fallback: HintProvider | None = None,
    tracer: Tracer | None = None,
    **options: Any,
) -> HintProvider:
    """The provider ``config`` asks for (`ProviderConfig.chosen`); offline when nothing
    is configured.  A provider named explicitly without its key is an error, not a
    silent switch.  ``options`` go to `make_provider` (the config's timeout and daily
    budget are used unless given here)."""
    name = config.chosen
    if name == "offline":
        return make_provider("offline")
    if config.timeout:
        options.setdefault("timeout", config.timeout)
    if config.daily_budget_usd:
        options.setdefault("daily_budget_usd", config.daily_budget_usd)
    return make_provider(
        name,
        api_key=config.api_key,
        base_url=config.base_url,
        model=config.model,
        db=db,
        fallback=fallback,
        tracer=tracer,
        mode=config.llm_mode,
        **options,
    )


def config_from_environment(environ: Mapping[str, str | None]) -> ProviderConfig:
    """The provider settings of ``environ`` (variables named as in docs/CONFIG.md:
    ``CROSSWORD_PROVIDER``, ``OPENAI_API_KEY`` ...), read and checked by the settings table."""
    from ..settings import check, from_environment

    raw = from_environment({k: v for k, v in environ.items() if v is not None})
    return ProviderConfig.from_settings(check({k: raw[k] for k in SETTING_NAMES if k in raw}))


def chosen_provider(environ: Mapping[str, str | None]) -> str:
    """The one default-provider rule (`ProviderConfig.chosen`) for environment variables."""
    return config_from_environment(environ).chosen


def provider_from_settings(
    environ: Mapping[str, str | None],
    *,
    db: Database | None = None,
    fallback: HintProvider | None = None,
    tracer: Tracer | None = None,
    **options: Any,
) -> HintProvider:
    """`provider_for` the provider settings of environment variables (a program's own
    mapping, or the process environment an edge passes)."""
    config = config_from_environment(environ)
    return provider_for(config, db=db, fallback=fallback, tracer=tracer, **options)
