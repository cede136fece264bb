"""Choosing a hint provider from configuration.

    make_provider("openai", api_key=...)                         gpt-4o-mini, instructor Mode.TOOLS
    make_provider("gemini", api_key=...)                         Gemini's OpenAI-compatible endpoint, Mode.JSON
    make_provider("compatible", base_url=..., model=...)         Ollama / vLLM / llama.cpp, Mode.JSON_SCHEMA
    make_provider("offline")                                     the shipped lexicon, no network

Every LLM provider is the same LLMHintProvider over the openai client; only the
base URL, default model and instructor mode differ.  The library never reads
the environment: the edges (CLI, web) collect their settings and call
``provider_from_settings``, which holds the one rule "no key configured ->
offline".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import instructor

from ..errors import HintError
from . import HintProvider
from .calls import ModelCalls

if TYPE_CHECKING:
    from ..db import Database
    from ..trace import Tracer

__all__ = [
    "PROVIDERS",
    "ProviderSpec",
    "chosen_provider",
    "make_provider",
    "offline_provider",
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
_ALIASES = {
    "ollama": "compatible",
    "vllm": "compatible",
    "llamacpp": "compatible",
    "local": "compatible",
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
    key = _ALIASES.get((name or "").strip().lower(), (name or "").strip().lower())
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


def _first(settings: Mapping[str, str | None], *names: str) -> str | None:
    for n in names:
        value = settings.get(n)
        if value is not None and str(value).strip():
            return str(value).strip()
    return None


def chosen_provider(settings: Mapping[str, str | None]) -> str:
    """The one default-provider rule: CROSSWORD_PROVIDER when set, else a base URL
    means "compatible", an OpenAI key "openai", a Gemini (or Google) key "gemini",
    and nothing configured "offline"."""
    name = _first(settings, "CROSSWORD_PROVIDER", "CROSSWORD_LLM_PROVIDER")
    if not name or name.lower() == "auto":
        if _first(settings, "CROSSWORD_BASE_URL", "CROSSWORD_LLM_BASE_URL"):
            name = "compatible"
        elif _first(settings, "OPENAI_API_KEY"):
            name = "openai"
        elif _first(settings, "GEMINI_API_KEY", "GOOGLE_API_KEY"):
            name = "gemini"
        else:
            name = "offline"
    return _ALIASES.get(name.lower(), name.lower())


def provider_from_settings(
    settings: Mapping[str, str | None],
    *,
    db: Database | None = None,
    fallback: HintProvider | None = None,
    tracer: Tracer | None = None,
    **options: Any,
) -> HintProvider:
    """The provider the configuration asks for; offline when nothing is configured.

    Keys read (the edges fill them from the environment or app config):
    CROSSWORD_PROVIDER (offline | openai | gemini | compatible), CROSSWORD_MODEL,
    CROSSWORD_BASE_URL, CROSSWORD_LLM_API_KEY, OPENAI_API_KEY, GEMINI_API_KEY
    (or GOOGLE_API_KEY), CROSSWORD_LLM_MODE (instructor mode name),
    CROSSWORD_DAILY_BUDGET_USD.  CROSSWORD_LLM_PROVIDER / _MODEL / _BASE_URL are
    accepted as aliases.

    Without CROSSWORD_PROVIDER: a base URL means "compatible", else an OpenAI
    key means "openai", else a Gemini key means "gemini", else "offline".  A
    provider named explicitly without its key is an error, not a silent switch.
    """
    base_url = _first(settings, "CROSSWORD_BASE_URL", "CROSSWORD_LLM_BASE_URL")
    model = _first(settings, "CROSSWORD_MODEL", "CROSSWORD_LLM_MODEL")
    generic_key = _first(settings, "CROSSWORD_LLM_API_KEY")
    openai_key = _first(settings, "OPENAI_API_KEY")
    gemini_key = _first(settings, "GEMINI_API_KEY", "GOOGLE_API_KEY")
    key_name = chosen_provider(settings)
    api_key = generic_key or {"openai": openai_key, "gemini": gemini_key}.get(key_name)
    mode = _first(settings, "CROSSWORD_LLM_MODE")
    budget = _first(settings, "CROSSWORD_DAILY_BUDGET_USD")
    if budget is not None:
        try:
            options.setdefault("daily_budget_usd", float(budget))
        except ValueError as exc:
            raise HintError(f"CROSSWORD_DAILY_BUDGET_USD is not a number: {budget!r}") from exc
    if key_name == "offline":
        return make_provider("offline")
    return make_provider(
        key_name,
        api_key=api_key,
        base_url=base_url,
        model=model,
        db=db,
        fallback=fallback,
        tracer=tracer,
        mode=mode,
        **options,
    )
