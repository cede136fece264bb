"""The JSON API under /api (described by /api/openapi.json, documented in docs/API.md)."""

from __future__ import annotations

import json
from typing import Any, cast

from flask import Blueprint, Response, current_app, g, jsonify, request, url_for
from werkzeug.exceptions import RequestEntityTooLarge

from crossword import Puzzle, SpendCap, __version__, puzzle_to_dict

from . import config as settings
from .dispatch import Jobs
from .downloads import download, flag, print_page
from .edits import revise
from .errors import ApiError, error_body
from .generation import build_request, choose_provider, input_field, payload
from .openapi import spec
from .schemas import EditIn, JobJSON, PuzzleIn, PuzzleResponse, UrlsJSON
from .store import get_store
from .traces import require_admin, traces_report

bp = Blueprint("api", __name__, url_prefix="/api")


def jobs() -> Jobs:
    return current_app.extensions["crossword.jobs"]


def external_url(endpoint: str, **values: Any) -> str:
    """An absolute URL: on PUBLIC_URL when one is configured, so no request header
    (Host, X-Forwarded-Host) decides where share links point; else the request's host."""
    base = current_app.config.get("PUBLIC_URL")
    if base:
        return str(base).rstrip("/") + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)


def puzzle_urls(puzzle_id: str) -> UrlsJSON:
    def url(endpoint: str, **kw: Any) -> str:
        return external_url(endpoint, puzzle_id=puzzle_id, **kw)

    return {
        "play": url("pages.play"),
        "print": url("pages.print_page"),
        "api": url("api.get_puzzle"),
        "json": url("api.get_puzzle_file", fmt="json"),
        "ipuz": url("api.get_puzzle_file", fmt="ipuz"),
        "puz": url("api.get_puzzle_file", fmt="puz"),
    }


def _load(puzzle_id: str) -> Puzzle:
    puzzle = get_store().get(puzzle_id)
    if puzzle is None:
        raise ApiError(404, f"no puzzle with id {puzzle_id!r}")
    return puzzle


def _puzzle_body(puzzle_id: str, puzzle: Puzzle, *, solution: bool) -> PuzzleResponse:
    return {
        "ok": True,
        "id": puzzle_id,
        "puzzle": puzzle_to_dict(puzzle, solution=solution),
        "urls": puzzle_urls(puzzle_id),
    }


def _read_json() -> dict[str, Any]:
    """The body as a JSON object.  Only ``application/json`` is accepted: a form or a
    text/plain POST from another site cannot start a (paid) generation, because a
    browser must ask first (CORS preflight) before sending JSON cross-site."""
    if not request.is_json:
        raise ApiError(
            415,
            "send the body as JSON with the header Content-Type: application/json",
            headers={"Accept-Post": "application/json"},
        )
    raw = request.get_data(cache=False)
    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    if limit and request.content_length is None and len(raw) >= int(limit):
        # a streamed (chunked) body is cut at the limit, not refused: refuse it here
        raise RequestEntityTooLarge()
    try:
        body = json.loads(raw or b"null")
    except RecursionError:
        raise ApiError(400, "the body is not valid JSON: nested too deeply") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiError(400, f"the body is not valid JSON: {exc}") from None
    if not isinstance(body, dict):
        raise ApiError(400, "the body must be a JSON object")
    return body


def _job_body(job: dict[str, Any]) -> JobJSON:
    body = dict(job)
    body["url"] = external_url("api.get_job", job_id=job["id"])
    if job.get("puzzle_id"):
        body["urls"] = puzzle_urls(job["puzzle_id"])
    return cast(JobJSON, body)  # the snapshot's fields; tests/test_openapi.py checks them


# -- puzzles -------------------------------------------------------------------
@bp.post("/puzzles")
def create_puzzle() -> Response:
    """Validate, count against the quota, queue, wait a moment, answer (docs/API.md)."""
    body = PuzzleIn.model_validate(_read_json())
    config = current_app.config
    gen_request = build_request(body, config)
    provider, notices = choose_provider(body, config, _spent_today)
    _count_against_quota()  # only well-formed requests use up the quota
    job_id = jobs().submit(payload(gen_request, provider, input_field(body)), notices)
    if not body.run_async:
        jobs().wait(job_id, float(config["SYNC_WAIT"]))
    job = jobs().get(job_id)
    if job is None:  # pragma: no cover - the row was written above
        raise ApiError(503, "the job was lost; please try again")
    if body.run_async or job["status"] not in ("done", "failed"):
        return _accepted(job)
    if job["status"] == "failed":
        return _failed(job)
    return _created(job, solution=body.solution)


def _spent_today() -> float:
    """Today's model spending as the cap counts it (the ledger the model client reserves in)."""
    return SpendCap(get_store().db, 0).spent_today()


def _count_against_quota() -> None:
    limiter = current_app.extensions["crossword.rate_limit"]
    g.rate_limit_headers = limiter.hit(request.remote_addr or "unknown")


@bp.after_request
def _quota_headers(response: Response) -> Response:
    """RateLimit-* on a response to a request that counted against the quota."""
    for name, value in g.get("rate_limit_headers", {}).items():
        response.headers.setdefault(name, value)
    return response


def _created(job: dict[str, Any], *, solution: bool) -> Response:
    puzzle_id = job["puzzle_id"]
    result = _puzzle_body(puzzle_id, _load(puzzle_id), solution=solution)
    result["job"] = _job_body(job)
    # the job's notices (e.g. the budget) and the puzzle's own (topic, fallbacks)
    result["notices"] = [*job["notices"], *result["puzzle"]["notices"]]
    response = jsonify(result)
    response.status_code = 201
    response.headers["Location"] = url_for("api.get_puzzle", puzzle_id=puzzle_id)
    return response


def _failed(job: dict[str, Any]) -> Response:
    response = jsonify(job["error"])
    response.status_code = job["error"]["status"]
    if response.status_code == 503:
        response.headers["Retry-After"] = "30"
    return response


def _accepted(job: dict[str, Any]) -> Response:
    response = jsonify({"ok": True, "job": _job_body(job)})
    response.status_code = 202
    response.headers["Location"] = url_for("api.get_job", job_id=job["id"])
    response.headers["Retry-After"] = "1"
    return response


@bp.get("/puzzles/<pid:puzzle_id>")
def get_puzzle(puzzle_id: str) -> Response:
    solution = flag(request.args, "solution", default=False)
    return jsonify(_puzzle_body(puzzle_id, _load(puzzle_id), solution=solution))


@bp.get("/puzzles/<pid:puzzle_id>.<fmt>")
def get_puzzle_file(puzzle_id: str, fmt: str) -> Response:
    play_url = external_url("pages.play", puzzle_id=puzzle_id)
    return download(_load(puzzle_id), fmt.lower(), request.args, play_url)


@bp.get("/puzzles/<pid:puzzle_id>/print")
def print_puzzle(puzzle_id: str) -> Response:
    return print_page(_load(puzzle_id), request.args)


@bp.post("/puzzles/<pid:puzzle_id>/edits")
def edit_puzzle(puzzle_id: str) -> Response:
    """A new puzzle from this one with edited hints or fewer words (web/edits.py)."""
    body = EditIn.model_validate(_read_json())
    puzzle = revise(_load(puzzle_id), body, current_app.config, based_on=puzzle_id)
    _count_against_quota()
    new_id = get_store().save(puzzle)
    result = _puzzle_body(new_id, puzzle, solution=body.solution)
    result["based_on"] = puzzle_id
    result["notices"] = result["puzzle"]["notices"]
    response = jsonify(result)
    response.status_code = 201
    response.headers["Location"] = url_for("api.get_puzzle", puzzle_id=new_id)
    return response


# -- jobs ----------------------------------------------------------------------
@bp.get("/jobs/<pid:job_id>")
def get_job(job_id: str) -> Response:
    job = jobs().get(job_id)
    if job is None:
        raise ApiError(404, f"no job with id {job_id!r}")
    return jsonify({"ok": True, "job": _job_body(job)})


# -- the rest --------------------------------------------------------------------
@bp.get("/themes")
def themes() -> Response:
    from .generation import list_themes

    return jsonify({"ok": True, "themes": list_themes()})


@bp.get("/health")
def health() -> tuple[Response, int] | Response:
    config = current_app.config
    try:
        db_ok = get_store().ping()
    except Exception:
        db_ok = False
    body = {
        "ok": db_ok,
        "version": __version__,
        "db": {"ok": db_ok, "dialect": get_store().db.dialect},
        "provider": {
            "default": settings.default_provider(config),
            "configured": settings.configured_providers(config),
            "model": config.get("MODEL"),
        },
    }
    if not db_ok:
        body.update(error_body(503, "the database is unreachable"))
        body["db"] = {"ok": False, "dialect": get_store().db.dialect}
        return jsonify(body), 503
    return jsonify(body)


@bp.get("/traces")
def traces() -> Response:
    require_admin()
    limit = _int_arg("limit", 50, 1, 500)
    days = _int_arg("days", 14, 1, 366)
    report = traces_report(limit=limit, days=days)
    report["puzzles"] = get_store().recent(limit)
    return jsonify({"ok": True, **report})


def _int_arg(name: str, default: int, low: int, high: int) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = low - 1
    if not low <= value <= high:
        message = f"must be a whole number from {low} to {high}"
        raise ApiError(422, f"{name}: {message}", [{"field": name, "message": message}])
    return value


@bp.get("/openapi.json")
def openapi() -> Response:
    return jsonify(spec(current_app))
