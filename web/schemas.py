"""Request bodies, validated at the trust boundary (unknown fields are rejected).

The limits are `crossword.limits` (documented in docs/LIMITS.md); every text
field is made one line and refused when it carries control characters, lone
surrogates or text-direction overrides (`crossword.limits.text_problem`).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)

from crossword.limits import (
    MAX_CLUE_CHARS,
    MAX_EMOJI_CHARS,
    MAX_SEED,
    MAX_SIZE,
    MAX_TITLE_CHARS,
    MAX_TOPIC_CHARS,
    MAX_WORD_CHARS,
    MIN_COUNT,
    MIN_SIZE,
    one_line,
    text_problem,
)

__all__ = [
    "MAX_CLUE_CHARS",
    "MAX_EMOJI_CHARS",
    "MAX_WORD_CHARS",
    "EditIn",
    "EntryIn",
    "HintEditIn",
    "PuzzleIn",
]


def _plain_text(value: str) -> str:
    value = one_line(value)
    problem = text_problem(value)
    if problem:
        raise ValueError(problem)
    return value


def _text(max_length: int, min_length: int = 0) -> object:
    return Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=min_length, max_length=max_length),
        AfterValidator(_plain_text),
    ]


Word = _text(MAX_WORD_CHARS, min_length=1)
Clue = _text(MAX_CLUE_CHARS)
Emoji = _text(MAX_EMOJI_CHARS)
Topic = _text(MAX_TOPIC_CHARS)
Title = _text(MAX_TITLE_CHARS)
ProviderName = Annotated[
    str, StringConstraints(strip_whitespace=True, to_lower=True, max_length=20)
]


class EntryIn(BaseModel):
    """A word with the maker's own clue and/or emoji (kept as given)."""

    model_config = ConfigDict(extra="forbid")

    word: Word  # type: ignore[valid-type]
    clue: Clue | None = None  # type: ignore[valid-type]
    emoji: Emoji | None = None  # type: ignore[valid-type]


class PuzzleIn(BaseModel):
    """POST /api/puzzles: exactly one of topic, words, entries; the rest optional."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    topic: Topic | None = None  # type: ignore[valid-type]
    words: list[Word] | None = None  # type: ignore[valid-type]
    entries: list[EntryIn] | None = None
    count: int | None = Field(default=None, ge=MIN_COUNT)
    seed: int | None = Field(default=None, ge=0, le=MAX_SEED)
    max_size: int | None = Field(default=None, ge=MIN_SIZE, le=MAX_SIZE)
    provider: ProviderName | None = None
    title: Title | None = None  # type: ignore[valid-type]
    solution: bool = False
    run_async: bool = Field(default=False, alias="async")

    @field_validator("words", "entries")
    @classmethod
    def _not_empty(cls, value: list | None) -> list | None:
        if value is not None and not value:
            raise ValueError("give at least one word")
        return value


# -- POST /api/puzzles/<id>/edits (a maker's review; web/edits.py) ---------------
EntryId = Annotated[str, StringConstraints(pattern=r"^[0-9]{1,4}-(across|down)$")]
MAX_EDITS = 500  # more than any puzzle's entries (MAX_WORDS words)


class HintEditIn(BaseModel):
    """New hints for one entry: a field left out stays as it is; emoji "" removes it."""

    model_config = ConfigDict(extra="forbid")

    clue: Clue | None = None  # type: ignore[valid-type]
    emoji: Emoji | None = None  # type: ignore[valid-type]


class EditIn(BaseModel):
    """POST /api/puzzles/<id>/edits: a new puzzle from this one with these changes."""

    model_config = ConfigDict(extra="forbid")

    entries: dict[EntryId, HintEditIn] = Field(default_factory=dict, max_length=MAX_EDITS)
    remove: list[EntryId] = Field(default_factory=list, max_length=MAX_EDITS)
    title: Title | None = None  # type: ignore[valid-type]
    solution: bool = False
