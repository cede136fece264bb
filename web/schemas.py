"""Request bodies, validated at the trust boundary (unknown fields are rejected)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from crossword.generate import MAX_TITLE_LENGTH, MAX_TOPIC_LENGTH

MAX_WORD_CHARS = 40
MAX_CLUE_CHARS = 200
MAX_EMOJI_CHARS = 40
MAX_SEED = 2**31 - 1

Word = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_WORD_CHARS)
]
Clue = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_CLUE_CHARS)]
Emoji = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_EMOJI_CHARS)]
Topic = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_TOPIC_LENGTH)]
Title = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_TITLE_LENGTH)]
ProviderName = Annotated[
    str, StringConstraints(strip_whitespace=True, to_lower=True, max_length=20)
]


class EntryIn(BaseModel):
    """A word with the maker's own clue and/or emoji (kept as given)."""

    model_config = ConfigDict(extra="forbid")

    word: Word
    clue: Clue | None = None
    emoji: Emoji | None = None


class PuzzleIn(BaseModel):
    """POST /api/puzzles: exactly one of topic, words, entries; the rest optional."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    topic: Topic | None = None
    words: list[Word] | None = None
    entries: list[EntryIn] | None = None
    count: int | None = Field(default=None, ge=4)
    seed: int | None = Field(default=None, ge=0, le=MAX_SEED)
    max_size: int | None = Field(default=None, ge=5, le=60)
    provider: ProviderName | None = None
    title: Title | None = None
    solution: bool = False
    run_async: bool = Field(default=False, alias="async")

    @field_validator("words", "entries")
    @classmethod
    def _not_empty(cls, value: list | None) -> list | None:
        if value is not None and not value:
            raise ValueError("give at least one word")
        return value
