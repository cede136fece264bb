"""The hint settings, typed: which provider, model, endpoint, keys and bounds.

    config = ProviderConfig.from_settings(crossword.settings.load(environ))   # the CLI
    config = ProviderConfig.from_settings(app.config)                          # the web app
    config.chosen      # "gemini" when only GOOGLE_API_KEY is set - for both edges
    config.available   # ["offline", "gemini"]: what a maker may pick
    provider_for(config, db=...)                                # crossword/hints/providers.py

One function builds it from the settings (`from_settings`), and it holds the one
default-provider rule (`chosen`).  Kept apart from `providers` so the edges can
decide without importing the model SDKs.  Keys never appear in its repr.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from ..settings import PROVIDER_ALIASES

__all__ = ["ALIASES", "SETTING_NAMES", "ProviderConfig"]

# the settings (crossword/settings.py) a ProviderConfig is built from
SETTING_NAMES = (
    "PROVIDER", "MODEL", "BASE_URL", "LLM_MODE", "LLM_TIMEOUT", "DAILY_BUDGET_USD",
    "LLM_API_KEY", "OPENAI_API_KEY", "GEMINI_API_KEY",
)  # fmt: skip

# other names for the OpenAI-compatible provider (declared with the PROVIDER setting)
ALIASES = dict.fromkeys(PROVIDER_ALIASES, "compatible")


@dataclass(frozen=True, slots=True)
class ProviderConfig:
    """What the edges configure for hints (the settings of `crossword.settings`)."""

    provider: str | None = None  # None or "auto": the default rule (`chosen`)
    model: str | None = None
    base_url: str | None = None
    llm_mode: str | None = None  # an instructor mode name, e.g. "json"
    timeout: float | None = None  # seconds per model request; None: the client's default
    daily_budget_usd: float = 0.0  # 0: no cap
    llm_api_key: str | None = field(default=None, repr=False)
    openai_api_key: str | None = field(default=None, repr=False)
    gemini_api_key: str | None = field(default=None, repr=False)

    @classmethod
    def from_settings(cls, values: Mapping[str, Any]) -> ProviderConfig:
        """From typed settings by name (`crossword.settings.load`, or the web app's config)."""
        timeout, budget = values.get("LLM_TIMEOUT"), values.get("DAILY_BUDGET_USD")
        return cls(
            provider=_text(values.get("PROVIDER")),
            model=_text(values.get("MODEL")),
            base_url=_text(values.get("BASE_URL")),
            llm_mode=_text(values.get("LLM_MODE")),
            timeout=float(timeout) if timeout else None,
            daily_budget_usd=float(budget or 0.0),
            llm_api_key=_text(values.get("LLM_API_KEY")),
            openai_api_key=_text(values.get("OPENAI_API_KEY")),
            gemini_api_key=_text(values.get("GEMINI_API_KEY")),
        )

    @property
    def chosen(self) -> str:
        """The one default-provider rule: PROVIDER when set, else a base URL means
        "compatible", an OpenAI key "openai", a Gemini (or Google) key "gemini",
        and nothing configured "offline"."""
        name = (self.provider or "auto").lower()
        if name == "auto":
            if self.base_url:
                return "compatible"
            if self.openai_api_key:
                return "openai"
            return "gemini" if self.gemini_api_key else "offline"
        return ALIASES.get(name, name)

    @property
    def available(self) -> list[str]:
        """Providers a maker may pick: offline always, the others once configured."""
        configured = {
            "openai": bool(self.openai_api_key),
            "gemini": bool(self.gemini_api_key),
            "compatible": bool(self.base_url),
        }
        return ["offline", *[name for name, ok in configured.items() if ok]]

    @property
    def api_key(self) -> str | None:
        """The key for the chosen provider: LLM_API_KEY when set, else the provider's own."""
        own = {"openai": self.openai_api_key, "gemini": self.gemini_api_key}
        return self.llm_api_key or own.get(self.chosen)

    def choose(self, name: str | None) -> ProviderConfig:
        """This configuration with ``name`` as the provider (a maker's choice); None keeps it."""
        return self if not name else replace(self, provider=name)


def _text(value: Any) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None
