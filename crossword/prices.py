"""Model prices in USD per million tokens, as the providers publish them on their pricing pages.

Cost of one call = (prompt - cached) * input + cached * cached_input + completion * output,
all per million tokens.  Reasoning ("thinking") tokens are inside the completion
count for OpenAI and Gemini.  A model that is not in the table (a local server)
costs 0; ``price_for`` returns None for it so callers can tell.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PRICES", "Price", "cost_usd", "price_for"]


@dataclass(frozen=True, slots=True)
class Price:
    model: str
    input: float  # USD per 1M prompt tokens
    output: float  # USD per 1M completion tokens
    cached_input: float | None = None
    valid_from: str = ""
    source: str = ""


PRICES: tuple[Price, ...] = (
    Price("gpt-4o-mini", 0.15, 0.60, 0.075, "2024-07-18", "OpenAI pricing, as of 2026-05"),
    Price("gpt-4o", 2.50, 10.00, 1.25, "2024-10-01", "OpenAI pricing, as of 2026-05"),
    Price("gpt-4.1-mini", 0.40, 1.60, 0.10, "2025-04-14", "OpenAI pricing, as of 2026-05"),
    Price("gpt-4.1-nano", 0.10, 0.40, 0.025, "2025-04-14", "OpenAI pricing, as of 2026-05"),
    Price("gemini-2.0-flash", 0.10, 0.40, None, "2025-02-01", "Google AI pricing (older tables)"),
    Price("gemini-2.5-flash-lite", 0.10, 0.40, None, "2025-07-01", "Google AI pricing, 2026-09"),
    Price("gemini-2.5-flash", 0.30, 2.50, None, "2025-06-17", "Google AI pricing, 2026-09"),
    Price("gemini-2.5-pro", 1.25, 10.00, None, "2025-06-17", "Google AI pricing (<=200k prompt)"),
)


def price_for(model: str | None) -> Price | None:
    """The price row for a model name; dated or prefixed names match their base
    ("gpt-4o-mini-2024-07-18", "models/gemini-2.0-flash")."""
    if not model:
        return None
    name = model.lower().removeprefix("models/").split("/")[-1]
    best: Price | None = None
    for price in PRICES:
        if (name == price.model or name.startswith(price.model + "-")) and (
            best is None or len(price.model) > len(best.model)
        ):
            best = price
    return best


def cost_usd(
    model: str | None, prompt_tokens: int, completion_tokens: int, cached_tokens: int = 0
) -> float:
    """What one call cost in USD; 0.0 for models without a known price."""
    price = price_for(model)
    if price is None:
        return 0.0
    cached = min(max(cached_tokens, 0), max(prompt_tokens, 0))
    cached_rate = price.cached_input if price.cached_input is not None else price.input
    total = (
        (prompt_tokens - cached) * price.input
        + cached * cached_rate
        + completion_tokens * price.output
    )
    return round(total / 1_000_000, 8)
