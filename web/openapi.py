"""The OpenAPI 3.1 description served at /api/openapi.json.

The request body schema comes from the pydantic model itself, so the two
cannot drift; tests/test_api.py checks every route here exists and vice versa.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from crossword import __version__, export

from .schemas import EditIn, PuzzleIn

REF = "#/components/schemas/{model}"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": REF.format(model=name)}


def _json(schema: str, description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ref(schema)}}}


def _errors(*codes: int) -> dict[str, Any]:
    text = {
        400: "The body is not a JSON object",
        404: "No such puzzle, job or format",
        413: "The body is larger than MAX_CONTENT_LENGTH",
        415: "The body is not sent as Content-Type: application/json",
        422: "A field is invalid or the words are unusable (`errors[].field` names it)",
        429: "Too many requests from this client (see Retry-After)",
        503: "The hint provider or the database is unavailable, or the server is busy",
    }
    return {str(c): _json("Error", text[c]) for c in codes}


PUZZLE_ID = {
    "name": "id",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "pattern": "^[A-Za-z0-9_-]{4,32}$"},
    "description": "The puzzle id (10 URL-safe characters)",
}

WIRE_ENTRY = {
    "type": "object",
    "required": ["id", "number", "direction", "row", "col", "length", "enumeration", "clue"],
    "properties": {
        "id": {"type": "string", "examples": ["1-across"]},
        "number": {"type": "integer"},
        "direction": {"enum": ["across", "down"]},
        "row": {"type": "integer"},
        "col": {"type": "integer"},
        "length": {"type": "integer"},
        "enumeration": {"type": "string"},
        "clue": {"type": "string", "description": "the text clue"},
        "emoji": {"type": ["string", "null"], "description": "the emoji-only clue, or null"},
        "source": {"type": "string"},
        "emoji_source": {"type": ["string", "null"]},
        "fallback": {"type": "boolean"},
        "notes": {"type": "array", "items": {"type": "string"}},
        "answer": {"type": "string", "description": "only with the solution"},
    },
}

WIRE_PUZZLE = {
    "type": "object",
    "description": "The JSON wire format (crossword/serialize.py)",
    "required": ["version", "title", "width", "height", "shape", "entries"],
    "properties": {
        "version": {"type": "integer"},
        "title": {"type": "string"},
        "width": {"type": "integer"},
        "height": {"type": "integer"},
        "shape": {"type": "array", "items": {"type": "string"}, "description": "'1' = a cell"},
        "grid": {"type": "array", "items": {"type": "string"}, "description": "solution rows"},
        "entries": {"type": "array", "items": _ref("Entry")},
        "provider": {"type": "string"},
        "model": {"type": ["string", "null"]},
        "seed": {"type": "integer"},
        "topic": {"type": ["string", "null"]},
        "unplaced": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"word": {"type": "string"}, "reason": {"type": "string"}},
            },
        },
        "created_at": {"type": ["string", "null"]},
        "stats": {"type": "object"},
    },
}

URLS = {
    "type": "object",
    "properties": {
        k: {"type": "string", "format": "uri"}
        for k in ("play", "print", "api", "json", "ipuz", "puz")
    },
}

JOB = {
    "type": "object",
    "required": ["id", "status", "url"],
    "properties": {
        "id": {"type": "string"},
        "status": {"enum": ["queued", "running", "done", "failed"]},
        "stage": {"type": ["string", "null"], "enum": ["words", "layout", "hints", "done", None]},
        "progress": {
            "type": "object",
            "description": 'counters per stage, e.g. {"hints": {"done": 3, "total": 15}}',
        },
        "puzzle_id": {"type": ["string", "null"]},
        "error": {"oneOf": [_ref("Error"), {"type": "null"}]},
        "notices": {
            "type": "array",
            "items": {"type": "string"},
            "description": "things the maker should know, e.g. the model budget is spent "
            "and the offline hints were used",
        },
        "url": {"type": "string", "format": "uri"},
        "urls": _ref("Urls"),
    },
}

ERROR = {
    "type": "object",
    "required": ["ok", "status", "error"],
    "properties": {
        "ok": {"const": False},
        "status": {"type": "integer"},
        "error": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["field", "message"],
                "properties": {
                    "field": {"type": ["string", "null"]},
                    "message": {"type": "string"},
                },
            },
        },
    },
}


def _file(media: str, description: str, *query: dict[str, Any]) -> dict[str, Any]:
    return {
        "get": {
            "summary": description,
            "parameters": [PUZZLE_ID, *query],
            "responses": {
                "200": {"description": description, "content": {media: {"schema": {}}}},
                **_errors(404, 422),
            },
        }
    }


def _enum(values: Iterable[str]) -> dict[str, Any]:
    return {"type": "string", "enum": list(values)}


@cache
def spec() -> dict[str, Any]:
    request_schema = PuzzleIn.model_json_schema(by_alias=True, ref_template=REF)
    defs = request_schema.pop("$defs", {})
    edit_schema = EditIn.model_json_schema(ref_template=REF)
    defs.update(edit_schema.pop("$defs", {}))
    bool_query = {"type": "string", "enum": ["0", "1", "true", "false"]}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Emoji crossword API",
            "version": __version__,
            "description": "Make free-form crosswords with a text clue and an emoji-only clue "
            "for every entry. See docs/API.md.",
        },
        "paths": {
            "/api/puzzles": {
                "post": {
                    "summary": "Make a puzzle from a topic, words or entries",
                    "description": "201 when the puzzle is ready within a short wait; else 202 "
                    'with a job to poll at /api/jobs/{id}. `"async": true` always answers 202.',
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": _ref("PuzzleRequest")}},
                    },
                    "responses": {
                        "201": _json("PuzzleResponse", "The puzzle is ready"),
                        "202": _json("JobResponse", "Still making it: poll job.url"),
                        **_errors(400, 413, 415, 422, 429, 503),
                    },
                }
            },
            "/api/puzzles/{id}": {
                "get": {
                    "summary": "A stored puzzle (solution only with ?solution=1)",
                    "parameters": [
                        PUZZLE_ID,
                        {"name": "solution", "in": "query", "schema": bool_query},
                    ],
                    "responses": {
                        "200": _json("PuzzleResponse", "The puzzle"),
                        **_errors(404, 422),
                    },
                }
            },
            "/api/puzzles/{id}.ipuz": _file(
                "application/json",
                "The puzzle as .ipuz (gaps=block writes gaps as '#' blocks, not null)",
                {"name": "gaps", "in": "query", "schema": _enum(export.GAP_STYLES)},
            ),
            "/api/puzzles/{id}.puz": _file("application/x-crossword", "Across Lite .puz"),
            "/api/puzzles/{id}.json": _file("application/json", "The wire JSON with solution"),
            "/api/puzzles/{id}/print": {
                "get": {
                    "summary": "Printable HTML page",
                    "parameters": [
                        PUZZLE_ID,
                        {"name": "variant", "in": "query", "schema": _enum(export.VARIANTS)},
                        {"name": "key", "in": "query", "schema": bool_query},
                        {"name": "bank", "in": "query", "schema": bool_query},
                        {"name": "paper", "in": "query", "schema": _enum(export.PAPERS)},
                    ],
                    "responses": {
                        "200": {
                            "description": "The printable page",
                            "content": {"text/html": {"schema": {"type": "string"}}},
                        },
                        **_errors(404, 422),
                    },
                }
            },
            "/api/puzzles/{id}/edits": {
                "post": {
                    "summary": "A new puzzle from this one with edited hints or fewer words",
                    "description": "The puzzle at {id} never changes (it may be shared): the "
                    "edit is stored as a new puzzle with a new id. Edited hints pass the same "
                    "checks as model-written ones; a rejected one is a 422 whose "
                    "errors[].field names it (entries.3-across.clue). See docs/API.md.",
                    "parameters": [PUZZLE_ID],
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": _ref("EditRequest")}},
                    },
                    "responses": {
                        "201": _json("PuzzleResponse", "The new puzzle (based_on: the old id)"),
                        **_errors(400, 404, 413, 415, 422, 429),
                    },
                }
            },
            "/api/jobs/{id}": {
                "get": {
                    "summary": "A generation job: status, progress, result or error",
                    "parameters": [
                        {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
                    ],
                    "responses": {"200": _json("JobResponse", "The job"), **_errors(404)},
                }
            },
            "/api/themes": {
                "get": {
                    "summary": "Themes a puzzle can be made from",
                    "responses": {"200": _json("Themes", "The themes")},
                }
            },
            "/api/health": {
                "get": {
                    "summary": "Version, database and configured providers",
                    "responses": {"200": _json("Health", "Healthy"), **_errors(503)},
                }
            },
            "/api/traces": {
                "get": {
                    "summary": "Recent model calls, job summaries, puzzles and daily totals",
                    "parameters": [
                        {
                            "name": "limit",
                            "in": "query",
                            "schema": {"type": "integer", "minimum": 1, "maximum": 500},
                        },
                        {
                            "name": "days",
                            "in": "query",
                            "schema": {"type": "integer", "minimum": 1, "maximum": 366},
                        },
                    ],
                    "responses": {"200": _json("Traces", "The traces"), **_errors(404, 422)},
                }
            },
            "/api/openapi.json": {
                "get": {
                    "summary": "This description",
                    "responses": {
                        "200": {
                            "description": "OpenAPI 3.1",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        }
                    },
                }
            },
        },
        "components": {
            "schemas": {
                **defs,
                "PuzzleRequest": request_schema,
                "EditRequest": edit_schema,
                "Entry": WIRE_ENTRY,
                "Puzzle": WIRE_PUZZLE,
                "Urls": URLS,
                "Job": JOB,
                "Error": ERROR,
                "PuzzleResponse": {
                    "type": "object",
                    "required": ["ok", "id", "puzzle", "urls"],
                    "properties": {
                        "ok": {"const": True},
                        "id": {"type": "string"},
                        "puzzle": _ref("Puzzle"),
                        "urls": _ref("Urls"),
                        "job": _ref("Job"),
                        "based_on": {
                            "type": "string",
                            "description": "after an edit: the id of the puzzle it was made from",
                        },
                    },
                },
                "JobResponse": {
                    "type": "object",
                    "required": ["ok", "job"],
                    "properties": {"ok": {"const": True}, "job": _ref("Job")},
                },
                "Themes": {
                    "type": "object",
                    "properties": {
                        "ok": {"const": True},
                        "themes": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["name", "title"],
                                "properties": {
                                    "name": {"type": "string"},
                                    "title": {"type": "string"},
                                },
                            },
                        },
                    },
                },
                "Health": {
                    "type": "object",
                    "properties": {
                        "ok": {"type": "boolean"},
                        "version": {"type": "string"},
                        "db": {"type": "object"},
                        "provider": {
                            "type": "object",
                            "properties": {
                                "default": {"type": "string"},
                                "configured": {"type": "array", "items": {"type": "string"}},
                                "model": {"type": ["string", "null"]},
                            },
                        },
                    },
                },
                "Traces": {
                    "type": "object",
                    "properties": {
                        "ok": {"const": True},
                        "attempts": {"type": "array", "items": {"type": "object"}},
                        "jobs": {"type": "array", "items": {"type": "object"}},
                        "daily": {"type": "array", "items": {"type": "object"}},
                        "spent_today": {"type": "number"},
                        "puzzles": {"type": "array", "items": {"type": "object"}},
                    },
                },
            }
        },
    }
