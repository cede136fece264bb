"""The OpenAPI 3.1 description served at /api/openapi.json, generated, not written.

- Paths and methods come from the app's URL map (every rule under /api).
- Request and response bodies come from their types: the pydantic request models and
  the typed response dicts in web/schemas.py, the puzzle's in crossword/serialize.py.
  Every object those types declare is closed (``additionalProperties: false``), so a
  field the types do not name is a test failure (tests/test_openapi.py), not a drift.
- What this module adds is one `Route` line per endpoint in ROUTES: its summary,
  what it answers, its errors and its query parameters.  A route under /api that
  ROUTES does not describe makes `spec` raise, so it cannot be forgotten.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from flask import Flask
from pydantic import BaseModel, TypeAdapter
from werkzeug.routing import Rule

from crossword import PuzzleJSON, __version__, export

from .downloads import DOWNLOADS
from .http_cache import CACHEABLE
from .schemas import (
    EditIn,
    ErrorJSON,
    HealthResponse,
    JobResponse,
    PuzzleIn,
    PuzzleResponse,
    ThemesResponse,
    TracesResponse,
)

REF = "#/components/schemas/{model}"
ERRORS = {
    400: "The body is not a JSON object",
    404: "No such puzzle, job or format",
    413: "The body is larger than MAX_CONTENT_LENGTH",
    415: "The body is not sent as Content-Type: application/json",
    422: "A field is invalid or the words are unusable (`errors[].field` names it)",
    429: "Too many requests from this client (see Retry-After)",
    503: "The hint provider or the database is unavailable, or the server is busy",
}
FLAG = {"type": "string", "enum": ["0", "1", "true", "false"]}
ERRORS_EXTRA = {401: "No admin token, or a wrong one (WWW-Authenticate asks for it)"}

_TEXT = {"type": "string"}
_SECONDS = {"type": "integer", "minimum": 1}
# Response headers: name -> (description, schema).  Which response sends which is below.
HEADERS: dict[str, tuple[str, dict[str, Any]]] = {
    "Location": ("Where the new resource (or the job to poll) is", _TEXT),
    "Retry-After": ("Seconds to wait before trying again", _SECONDS),
    "WWW-Authenticate": ("How to give the admin token (HTTP Basic; any user name)", _TEXT),
    "RateLimit-Limit": ("New puzzles this client may ask for per window", _SECONDS),
    "RateLimit-Remaining": ("How many of them are left in this window", {"type": "integer"}),
    "RateLimit-Reset": ("Seconds until the window resets", _SECONDS),
    "RateLimit-Policy": ('The quota and its window, e.g. "20;w=60"', _TEXT),
    "ETag": ("A strong validator of this representation (send it in If-None-Match)", _TEXT),
    "Cache-Control": ("public, max-age=..., immutable: a stored puzzle never changes", _TEXT),
    "Access-Control-Allow-Origin": ('"*": other sites may read it', _TEXT),
}
QUOTA = ("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "RateLimit-Policy")
# status -> headers every such response sends (required) and may send
SENT: dict[int, tuple[str, ...]] = {
    201: ("Location",),
    202: ("Location", "Retry-After"),
    401: ("WWW-Authenticate",),
    429: ("Retry-After", *QUOTA),
    503: ("Retry-After",),
}
CACHE_HEADERS = ("ETag", "Cache-Control")  # on successful reads of http_cache.CACHEABLE
NOT_MODIFIED = "Not modified: If-None-Match named the current ETag (no body)"


def _enum(values: Iterable[str]) -> dict[str, Any]:
    return {"type": "string", "enum": list(values)}


@dataclass(frozen=True)
class Route:
    """What one endpoint takes and answers.  ``answers`` maps a status to its body: a
    type (a typed dict or a pydantic model) or, for files and pages, a media type."""

    summary: str
    answers: Mapping[int, type | str]
    errors: tuple[int, ...] = ()
    body: type[BaseModel] | None = None
    query: Mapping[str, dict[str, Any]] = field(default_factory=dict)
    description: str = ""
    limited: bool = False  # counts against the per-client quota (RateLimit-* headers)


ROUTES: dict[str, Route] = {
    "api.create_puzzle": Route(
        "Make a puzzle from a topic, words or entries",
        {201: PuzzleResponse, 202: JobResponse},
        (400, 413, 415, 422, 429, 503),
        body=PuzzleIn,
        limited=True,
        description="201 when the puzzle is ready within a short wait; else 202 with a job "
        'to poll at /api/jobs/{id}. `"async": true` always answers 202.',
    ),
    "api.get_puzzle": Route(
        "A stored puzzle (solution only with ?solution=1)",
        {200: PuzzleResponse},
        (404, 422),
        query={"solution": FLAG},
    ),
    "api.get_puzzle_file": Route("The puzzle as a file", {200: "file"}, (404, 422)),
    "api.print_puzzle": Route(
        "Printable HTML page",
        {200: "text/html"},
        (404, 422),
        query={
            "variant": _enum(export.VARIANTS),
            "key": FLAG,
            "bank": FLAG,
            "paper": _enum(export.PAPERS),
        },
    ),
    "api.edit_puzzle": Route(
        "A new puzzle from this one with edited hints or fewer words",
        {201: PuzzleResponse},
        (400, 404, 413, 415, 422, 429),
        body=EditIn,
        limited=True,
        description="The puzzle at {id} never changes (it may be shared): the edit is stored "
        "as a new puzzle with a new id. Edited hints pass the same checks as model-written "
        "ones; a rejected one is a 422 whose errors[].field names it "
        "(entries.3-across.clue). See docs/API.md.",
    ),
    "api.get_job": Route(
        "A generation job: status, progress, result or error", {200: JobResponse}, (404,)
    ),
    "api.themes": Route("Themes a puzzle can be made from", {200: ThemesResponse}),
    "api.health": Route(
        "Version, database and configured providers", {200: HealthResponse, 503: HealthResponse}
    ),
    "api.traces": Route(
        "Recent model calls, job summaries, puzzles and daily totals (operators only)",
        {200: TracesResponse},
        (401, 404, 422),
        query={
            "limit": {"type": "integer", "minimum": 1, "maximum": 500},
            "days": {"type": "integer", "minimum": 1, "maximum": 366},
        },
    ),
    "api.openapi": Route("This description", {200: "application/json"}),
}

# Each download of api.get_puzzle_file: its query parameters.
FILES: dict[str, dict[str, dict[str, Any]]] = {
    "ipuz": {"gaps": _enum(export.GAP_STYLES)},  # gaps=block: gaps as '#' blocks, not null
}

# Request models are named by what they are on the wire (response types by their class).
NAMES: dict[type, str] = {PuzzleIn: "PuzzleRequest", EditIn: "EditRequest"}
PUZZLE_ID = {
    "name": "id",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "pattern": "^[A-Za-z0-9_-]{4,32}$"},
    "description": "The puzzle id (10 URL-safe characters)",
}
_ARGUMENT = re.compile(r"<(?:(\w+):)?(\w+)>")


def spec(app: Flask) -> dict[str, Any]:
    """The document for ``app`` (built once per app)."""
    cached = app.extensions.get("crossword.openapi")
    if cached is None:
        cached = app.extensions["crossword.openapi"] = _build(app)
    return cached


def _build(app: Flask) -> dict[str, Any]:
    components = Components()
    paths: dict[str, dict[str, Any]] = {}
    rules = [r for r in app.url_map.iter_rules() if r.rule.startswith("/api/")]
    undocumented = sorted(r.endpoint for r in rules if r.endpoint not in ROUTES)
    if undocumented:
        raise LookupError(f"describe these routes in web/openapi.py ROUTES: {undocumented}")
    for rule in rules:
        for path, operation in _operations(rule, ROUTES[rule.endpoint], components):
            for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
                paths.setdefault(path, {})[method.lower()] = operation
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Emoji crossword API",
            "version": __version__,
            "description": "Make free-form crosswords with a text clue and an emoji-only clue "
            "for every entry. See docs/API.md.",
        },
        "paths": paths,
        "components": {"schemas": components.schemas},
    }


def _operations(
    rule: Rule, route: Route, components: Components
) -> Iterator[tuple[str, dict[str, Any]]]:
    """(path, operation) for a rule; a rule with a <fmt> part is one path per format."""
    path, parameters = _path(rule.rule)
    name = rule.endpoint.partition(".")[2]
    cached = rule.endpoint in CACHEABLE
    if cached and not CACHEABLE[rule.endpoint][1]:  # pragma: no cover - a table edit
        raise ValueError(f"{rule.endpoint}: a cached /api read is readable by other sites")
    if "{fmt}" not in path:
        yield path, _operation(route, parameters, components, name, cached)
        return
    for fmt in DOWNLOADS:
        file = export.FORMATS[fmt]
        answers = {200: PuzzleJSON if fmt == "json" else file.content_type.split(";")[0]}
        each = Route(
            f"The puzzle as {file.description}", answers, route.errors, query=FILES.get(fmt, {})
        )
        operation = _operation(each, parameters, components, f"{name}_{fmt}", cached)
        yield path.replace("{fmt}", fmt), operation


def _path(rule: str) -> tuple[str, list[dict[str, Any]]]:
    """/api/puzzles/<pid:puzzle_id> -> /api/puzzles/{id} and its path parameter."""
    parameters = []

    def name(match: re.Match[str]) -> str:
        converter, argument = match.groups()
        if argument == "fmt":
            return "{fmt}"
        if converter == "pid":
            parameters.append(PUZZLE_ID)
        else:
            parameters.append(
                {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
            )
        return "{id}"

    return _ARGUMENT.sub(name, rule), parameters


def _operation(
    route: Route,
    parameters: list[dict[str, Any]],
    components: Components,
    operation_id: str,
    cached: bool,
) -> dict[str, Any]:
    operation: dict[str, Any] = {"operationId": operation_id, "summary": route.summary}
    if route.description:
        operation["description"] = route.description
    query = [{"name": k, "in": "query", "schema": v} for k, v in route.query.items()]
    if parameters or query:
        operation["parameters"] = parameters + query
    if route.body is not None:
        schema = components.ref(route.body)
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": schema}},
        }
    responses: dict[str, Any] = {}
    for status, answer in route.answers.items():
        responses[str(status)] = {
            "description": _first_line(answer) or route.summary,
            "content": _content(answer, components),
        }
    if cached:
        responses["304"] = {"description": NOT_MODIFIED}
    for status in route.errors:
        responses[str(status)] = {
            "description": ERRORS.get(status) or ERRORS_EXTRA[status],
            "content": {"application/json": {"schema": components.ref(ErrorJSON)}},
        }
    for code, response in responses.items():
        headers = _headers(int(code), route, cached)
        if headers:
            response["headers"] = headers
    operation["responses"] = responses
    return operation


def _headers(status: int, route: Route, cached: bool) -> dict[str, Any]:
    """The response headers of one status: the required ones always come; the quota's
    on a success only when a limit is configured (RATE_LIMIT_PER_MINUTE > 0)."""
    required = list(SENT.get(status, ()))
    optional: list[str] = list(QUOTA) if route.limited and status in (201, 202) else []
    if cached and status in (200, 304):  # a cached /api read is shared (checked above)
        required += [*CACHE_HEADERS, "Access-Control-Allow-Origin"]
    return {
        name: {"description": HEADERS[name][0], "schema": HEADERS[name][1], "required": True}
        for name in required
    } | {name: {"description": HEADERS[name][0], "schema": HEADERS[name][1]} for name in optional}


def _first_line(answer: type | str) -> str:
    return (answer.__doc__ or "").strip().split("\n")[0] if isinstance(answer, type) else ""


def _content(answer: type | str, components: Components) -> dict[str, Any]:
    if isinstance(answer, type):
        return {"application/json": {"schema": components.ref(answer)}}
    if answer == "text/html":
        return {"text/html": {"schema": {"type": "string"}}}
    if answer == "application/json":
        return {"application/json": {"schema": {"type": "object"}}}
    return {answer: {"schema": {"type": "string", "format": "binary"}}}


class Components:
    """components/schemas, filled from the types the routes name (and the types they hold)."""

    def __init__(self) -> None:
        self.schemas: dict[str, Any] = {}

    def ref(self, model: type) -> dict[str, str]:
        name = NAMES.get(model, model.__name__)
        if name not in self.schemas:
            schema = TypeAdapter(model).json_schema(
                by_alias=True, ref_template=REF, mode=_mode(model)
            )
            for nested, sub in schema.pop("$defs", {}).items():
                self._add(nested, sub)
            self._add(name, schema)
        return {"$ref": REF.format(model=name)}

    def _add(self, name: str, schema: dict[str, Any]) -> None:
        closed = _closed(schema)
        if self.schemas.setdefault(name, closed) != closed:
            raise ValueError(f"two different schemas are named {name!r}")


def _mode(model: type) -> Literal["validation", "serialization"]:
    # request models describe what they accept; response types what they produce
    return (
        "validation"
        if isinstance(model, type) and issubclass(model, BaseModel)
        else "serialization"
    )


def _closed(schema: Any) -> Any:
    """Every object with declared properties admits no others (typed dicts are closed)."""
    if isinstance(schema, list):
        return [_closed(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    out = {k: _closed(v) for k, v in schema.items()}
    if "properties" in out and out.get("type") == "object":
        out.setdefault("additionalProperties", False)
    return out
