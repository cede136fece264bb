"""The web app: the maker page, the player, the JSON API and the traces page.

    create_app(test_config=None) -> Flask

Settings: `web.config.DEFAULTS`, then environment variables ``CROSSWORD_*``, then
``test_config`` (all keys are described in docs/CONFIG.md).
"""

from __future__ import annotations

import importlib
from typing import Any

from flask import Flask, Response, request
from werkzeug.routing import BaseConverter

from crossword import ModelCalls

from . import config as settings

__all__ = ["create_app", "import_modules"]

# every module create_app imports (its own imports bring the rest)
APP_MODULES = (
    "api", "dispatch", "errors", "generation", "http_cache", "jobs", "pages", "proxies",
    "ratelimit", "slowclients", "store", "tasks", "traces",
)  # fmt: skip

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
    " font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none';"
    " form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


class PuzzleIdConverter(BaseConverter):
    """Puzzle ids are URL-safe base64 (secrets.token_urlsafe): letters, digits, - and _."""

    regex = r"[A-Za-z0-9_-]{4,32}"


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(settings.DEFAULTS)
    app.config.from_mapping(settings.from_environment())
    app.config.from_prefixed_env("CROSSWORD")
    app.config.update(settings.check(app.config))  # a bad value stops here, named
    if test_config is not None:
        app.config.from_mapping(test_config)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]  # emoji stay emoji in JSON bodies
    app.json.sort_keys = False  # type: ignore[attr-defined]

    from . import proxies

    proxies.init_app(app)  # X-Forwarded-* only from TRUSTED_PROXIES, PROXY_COUNT deep
    app.url_map.converters["pid"] = PuzzleIdConverter

    from . import errors, http_cache, slowclients, store, traces
    from .ratelimit import make_limiter

    errors.register(app)
    http_cache.init_app(app)
    slowclients.init_app(app)
    puzzle_store = store.init_app(app)
    traces.init_app(app, puzzle_store.db)
    # MAX_MODEL_CALLS: model calls in flight at once in this process, all jobs together
    limit = int(app.config.get("MAX_MODEL_CALLS") or 0)
    app.extensions["crossword.model_calls"] = ModelCalls(limit) if limit > 0 else ModelCalls()
    _init_jobs(app, puzzle_store)
    app.extensions["crossword.rate_limit"] = make_limiter(app.config, puzzle_store.db)

    from .api import bp as api_bp
    from .pages import bp as pages_bp

    app.register_blueprint(api_bp)
    app.register_blueprint(pages_bp)

    @app.after_request
    def _headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if response.mimetype == "application/json":
            response.headers.setdefault("Cache-Control", "no-store")
        if response.status_code == 503:  # every 503 says when to come back
            response.headers.setdefault("Retry-After", "30")
        if request.is_secure:
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        return response

    return app


def import_modules() -> None:
    """Import what `create_app` uses, without building an app (no connections, no
    threads).  gunicorn's master calls this before it forks the web processes, so each
    starts with the modules loaded: a process boots in a few hundredths of a second of
    CPU instead of a third of a second, and the modules' memory is shared."""
    for name in APP_MODULES:
        importlib.import_module(f"{__name__}.{name}")


def _init_jobs(app: Flask, puzzle_store: Any) -> None:
    """The job rows, the queue to the generation workers, and the web side of both."""
    from .dispatch import Jobs
    from .jobs import JobRecords
    from .tasks import Queue, make_huey

    config = app.config
    records = JobRecords(
        puzzle_store.db,
        lease=config["JOB_LEASE_SECONDS"],
        max_attempts=config["JOB_MAX_ATTEMPTS"],
        queue_timeout=config["JOB_QUEUE_TIMEOUT"],
    )
    in_process = str(config["QUEUE"]).strip().lower() == "memory"
    queue = Queue(make_huey(config["QUEUE"], puzzle_store.db))
    app.extensions["crossword.job_records"] = records
    app.extensions["crossword.queue"] = queue
    app.extensions["crossword.jobs"] = Jobs(
        records,
        queue,
        queue_limit=config["JOB_QUEUE_LIMIT"],
        wait_slots=config["SYNC_WAIT_SLOTS"],
        threads=int(config["JOB_WORKERS"]) if in_process else 0,
    )
    if in_process:
        from .generation import work_for
        from .tasks import run_job

        build = work_for(app)
        queue.runner = lambda job_id: run_job(records, puzzle_store, job_id, build)
