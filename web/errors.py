"""One status table, one JSON error body for every /api failure, an HTML page otherwise.

    {"ok": false, "status": 422, "error": "could not place 3 of 12 words",
     "errors": [{"field": "words", "message": "..."}]}

``errors`` is present when there is more than the headline to say; each item
names the request ``field`` it concerns (or null), so a form can show it next
to that input.  Nothing under /api ever answers with Flask's HTML error page.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response, jsonify, render_template, request
from pydantic import ValidationError
from werkzeug.exceptions import HTTPException

import crossword

log = logging.getLogger(__name__)

# The one table: library errors -> HTTP status (most specific class first wins via the MRO).
STATUS: dict[type[Exception], int] = {
    crossword.WordListError: 422,  # words unusable
    crossword.LayoutError: 422,  # the words do not fit together (or not within max_size)
    crossword.PuzzleError: 422,  # a malformed puzzle
    crossword.ExportError: 422,  # a format cannot represent this puzzle / bad option
    crossword.HintError: 503,  # the hint provider is unavailable or failed
    crossword.DatabaseError: 503,  # the database is unreachable
    crossword.DataError: 500,  # the installation lacks its shipped data: our fault, not the maker's
    crossword.CrosswordError: 422,
}

TITLES = {
    400: "Bad request",
    401: "Admin token needed",
    404: "Not found",
    405: "Method not allowed",
    413: "Request too large",
    415: "Unsupported media type",
    422: "Cannot make that",
    429: "Too many requests",
    500: "Something went wrong",
    503: "Service unavailable",
}


class ApiError(Exception):
    """An error the API answers with directly (status, message, field errors)."""

    def __init__(
        self,
        status: int,
        message: str,
        errors: list[dict[str, Any]] | None = None,
        *,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors = errors or []
        self.headers = headers or {}


def status_for(exc: BaseException) -> int:
    for cls in type(exc).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 500


def error_body(status: int, message: str, errors: list[dict[str, Any]] | None = None) -> dict:
    body: dict[str, Any] = {"ok": False, "status": status, "error": message}
    if errors:
        body["errors"] = errors
    return body


def crossword_error_body(exc: crossword.CrosswordError, field: str | None = None) -> dict[str, Any]:
    """The API body for a library error; ``field`` is the request input it concerns."""
    status = status_for(exc)
    if status >= 500:  # the server's trouble, not an input's; details (with causes) to the log
        log.error("%s: %s", type(exc).__name__, exc.message, exc_info=exc)
        field = None
    errors = [{"field": field, "message": p} for p in exc.problems[:50]]
    if not errors and field:
        errors = [{"field": field, "message": exc.message}]
    return error_body(status, exc.message, errors)


# Pydantic's wording ("String should have at least 1 character") said for people.
PLAIN_MESSAGES: dict[str, Any] = {
    "string_too_short": lambda c: (
        "is empty" if c.get("min_length") == 1 else f"is shorter than {c['min_length']} characters"
    ),
    "string_too_long": lambda c: f"is longer than {c['max_length']} characters",
    "too_long": lambda c: f"has more than {c['max_length']} items",
    "greater_than_equal": lambda c: f"must be at least {c['ge']}",
    "less_than_equal": lambda c: f"must be at most {c['le']}",
    "int_parsing": lambda c: "must be a whole number",
    "int_type": lambda c: "must be a whole number",
    "int_from_float": lambda c: "must be a whole number",
    "string_type": lambda c: "must be text",
    "bool_parsing": lambda c: "must be true or false",
    "bool_type": lambda c: "must be true or false",
    "list_type": lambda c: "must be a list",
    "dict_type": lambda c: "must be an object",
    "string_pattern_mismatch": lambda c: "is not in the expected form",
    "missing": lambda c: "is required",
}


def validation_errors(exc: ValidationError) -> list[dict[str, Any]]:
    """Pydantic errors as field errors: {"field": "entries.2.word", "message": "is empty"}."""
    out = []
    for err in exc.errors(include_url=False, include_input=False):
        field = ".".join(str(part) for part in err["loc"]) or None
        plain = PLAIN_MESSAGES.get(err["type"])
        if err["type"] == "extra_forbidden":
            message = "unknown field"
        elif plain is not None:
            message = plain(err.get("ctx") or {})
        else:
            message = err["msg"].removeprefix("Value error, ")
        out.append({"field": field, "message": message})
    return out


def field_label(field: str) -> str:
    """How a headline names a field: "entries.2.word" -> "entry 3, word", "words.0" -> "word 1"."""
    parts = field.split(".")
    if len(parts) >= 2 and parts[0] in ("entries", "words") and parts[1].isdigit():
        label = f"{ {'entries': 'entry', 'words': 'word'}[parts[0]] } {int(parts[1]) + 1}"
        return ", ".join([label, *parts[2:]])
    return field.replace("_", " ")


def validation_body(exc: ValidationError) -> dict[str, Any]:
    errors = validation_errors(exc)
    first = errors[0]
    headline = (
        f"{field_label(first['field'])}: {first['message']}" if first["field"] else first["message"]
    )
    if len(errors) > 1:
        headline += f" (and {len(errors) - 1} more)"
    return error_body(422, headline, errors)


def wants_json() -> bool:
    return request.path == "/api" or request.path.startswith("/api/")


def respond(body: dict[str, Any], headers: dict[str, str] | None = None) -> Response:
    """The error as JSON under /api, as the HTML error page elsewhere."""
    status = body["status"]
    if wants_json():
        response = jsonify(body)
    else:
        try:
            html = render_template(
                "error.html",
                status=status,
                title=TITLES.get(status, "Error"),
                message=body["error"],
                errors=body.get("errors", []),
            )
        except Exception:  # the error page must never fail itself
            log.exception("rendering the error page failed")
            html = f"{status} {TITLES.get(status, 'Error')}"
        response = Response(html, mimetype="text/html")
    response.status_code = status
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def register(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def _api_error(exc: ApiError) -> Response:
        return respond(error_body(exc.status, exc.message, exc.errors), exc.headers)

    @app.errorhandler(ValidationError)
    def _validation(exc: ValidationError) -> Response:
        return respond(validation_body(exc))

    @app.errorhandler(crossword.CrosswordError)
    def _crossword(exc: crossword.CrosswordError) -> Response:
        return respond(crossword_error_body(exc))

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException) -> Response:
        status = exc.code or 500
        message = {
            400: "the request is malformed",
            404: "not found",
            405: f"method {request.method} is not allowed here",
            413: "the request body is too large"
            + (
                f" (at most {app.config['MAX_CONTENT_LENGTH']} bytes)"
                if app.config.get("MAX_CONTENT_LENGTH")
                else ""
            ),
        }.get(status, (exc.description or TITLES.get(status, "error")).rstrip("."))
        if exc.description and exc.description != type(exc).description:
            message = exc.description  # a page's own explanation (abort(404, "..."))
        headers = {}
        if status == 405 and exc.get_response().headers.get("Allow"):
            headers["Allow"] = exc.get_response().headers["Allow"]
        return respond(error_body(status, message), headers)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.path)
        return respond(error_body(500, "something went wrong on our side; please try again"))
