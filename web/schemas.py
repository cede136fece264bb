"""Request bodies, validated at the trust boundary (unknown fields are rejected), and the
typed response bodies of every /api route.

The limits are `crossword.limits` (documented in docs/LIMITS.md); every text
field is made one line and refused when it carries control characters, lone
surrogates or text-direction overrides (`crossword.limits.text_problem`).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, NotRequired

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)
from typing_extensions import TypedDict  # pydantic reads typing.TypedDict only from 3.12

from crossword import PuzzleJSON, limits

__all__ = [
    "EditIn",
    "EntryIn",
    "ErrorJSON",
    "HealthResponse",
    "HintEditIn",
    "JobJSON",
    "JobResponse",
    "PuzzleIn",
    "PuzzleResponse",
    "ThemesResponse",
    "TracesResponse",
    "UrlsJSON",
]


def _plain_text(value: str) -> str:
    value = limits.one_line(value)
    problem = limits.text_problem(value)
    if problem:
        raise ValueError(problem)
    return value


def _text(max_length: int, min_length: int = 0) -> object:
    return Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=min_length, max_length=max_length),
        AfterValidator(_plain_text),
    ]


Word = _text(limits.MAX_WORD_CHARS, min_length=1)
ClueText = _text(limits.MAX_CLUE_CHARS)
Emoji = _text(limits.MAX_EMOJI_CHARS)
Topic = _text(limits.MAX_TOPIC_CHARS)
Title = _text(limits.MAX_TITLE_CHARS)
ProviderName = Annotated[
    str, StringConstraints(strip_whitespace=True, to_lower=True, max_length=20)
]


class EntryIn(BaseModel):
    """A word with the maker's own clue and/or emoji (kept as given)."""

    model_config = ConfigDict(extra="forbid")

    word: Word  # type: ignore[valid-type]
    clue: ClueText | None = None  # type: ignore[valid-type]
    emoji: Emoji | None = None  # type: ignore[valid-type]


class PuzzleIn(BaseModel):
    """POST /api/puzzles: exactly one of topic, words, entries; the rest optional."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    topic: Topic | None = None  # type: ignore[valid-type]
    words: list[Word] | None = None  # type: ignore[valid-type]
    entries: list[EntryIn] | None = None
    count: int | None = Field(default=None, ge=limits.MIN_COUNT)
    seed: int | None = Field(default=None, ge=0, le=limits.MAX_SEED)
    max_size: int | None = Field(default=None, ge=limits.MIN_SIZE, le=limits.MAX_SIZE)
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

    clue: ClueText | None = None  # type: ignore[valid-type]
    emoji: Emoji | None = None  # type: ignore[valid-type]


class EditIn(BaseModel):
    """POST /api/puzzles/<id>/edits: a new puzzle from this one with these changes."""

    model_config = ConfigDict(extra="forbid")

    entries: dict[EntryId, HintEditIn] = Field(default_factory=dict, max_length=MAX_EDITS)
    remove: list[EntryId] = Field(default_factory=list, max_length=MAX_EDITS)
    title: Title | None = None  # type: ignore[valid-type]
    solution: bool = False


# -- response bodies -----------------------------------------------------------------
# What every /api route answers, as typed dicts (the puzzle itself is
# crossword.serialize.PuzzleJSON).  web/openapi.py generates the OpenAPI schemas from
# them, and tests/test_openapi.py checks real responses carry no field left out here:
# a new field is one line in the class of its body.


class FieldErrorJSON(TypedDict):
    field: str | None  # the request field it concerns ("entries.2.word"), or null
    message: str


class ErrorJSON(TypedDict):
    """Every /api failure: {"ok": false, "status": 422, "error": "...", "errors": [...]}."""

    ok: Literal[False]
    status: int
    error: str  # the headline, for people
    errors: NotRequired[list[FieldErrorJSON]]


class UrlsJSON(TypedDict):
    """Where a stored puzzle lives: the share link, the print page and the downloads."""

    play: str
    print: str
    api: str
    json: str
    ipuz: str
    puz: str


class JobJSON(TypedDict):
    """A generation job: what it is doing, how far it got, and its puzzle or error."""

    id: str
    status: Literal["queued", "running", "done", "failed"]
    stage: Literal["words", "layout", "hints", "done"] | None
    progress: dict[str, dict[str, Any]]  # counters per stage: {"hints": {"done": 3, ...}}
    puzzle_id: str | None
    error: ErrorJSON | None
    notices: list[str]  # what the maker should know (e.g. the model budget is spent)
    attempts: int  # runs started: 2 when its first worker died and it was run once more
    url: str  # poll here
    urls: NotRequired[UrlsJSON]  # once done


class PuzzleResponse(TypedDict):
    """A stored puzzle (201 from POST /api/puzzles, 200 from GET /api/puzzles/<id>)."""

    ok: Literal[True]
    id: str
    puzzle: PuzzleJSON
    urls: UrlsJSON
    job: NotRequired[JobJSON]  # the job that made it (POST only)
    notices: NotRequired[list[str]]  # the job's notices (POST only)
    based_on: NotRequired[str]  # after an edit: the id of the puzzle it was made from


class JobResponse(TypedDict):
    """202: still making it; poll job.url."""

    ok: Literal[True]
    job: JobJSON


class ThemeJSON(TypedDict):
    name: str
    title: str
    count: int  # words in the theme
    emoji: str


class ThemesResponse(TypedDict):
    ok: Literal[True]
    themes: list[ThemeJSON]


class DatabaseJSON(TypedDict):
    ok: bool
    dialect: Literal["sqlite", "postgres"]


class ProvidersJSON(TypedDict):
    default: str
    configured: list[str]
    model: str | None


class HealthResponse(TypedDict):
    """Version, database and providers; 503 (with the error fields) when the database is down."""

    ok: bool
    version: str
    db: DatabaseJSON
    provider: ProvidersJSON
    status: NotRequired[int]
    error: NotRequired[str]


class TracesResponse(TypedDict):
    """Recent model calls, job summaries, daily totals and puzzles (records as the tracer
    and the store keep them)."""

    ok: Literal[True]
    attempts: list[dict[str, Any]]
    jobs: list[dict[str, Any]]
    daily: list[dict[str, Any]]
    spent_today: float
    puzzles: list[dict[str, Any]]
