"""HTTP caching and sharing of stored puzzles.

A stored puzzle never changes (an edit saves a new puzzle under a new id), so
its reads are cacheable by anyone: browsers, CDNs and third-party solvers.

- A strong ``ETag`` (a hash of the body) and ``Cache-Control: public,
  max-age=..., immutable`` on the puzzle JSON, its exports and its play and
  print pages; ``If-None-Match`` with the current tag answers 304 with no body.
- ``Access-Control-Allow-Origin: *`` on the read-only API reads (the JSON, the
  ``.ipuz``/``.puz``/``.json`` files, the printable page), so a web solver on
  another site can fetch them, and their preflight (``OPTIONS``, for a
  cross-site ``If-None-Match``) is answered.  Never on a POST, an error or an
  HTML page.

The pages get a shorter max-age than the data: their HTML links this
deployment's scripts and styles, which change with a release.
"""

from __future__ import annotations

import hashlib

from flask import Flask, Response, request

DATA_MAX_AGE = 31_536_000  # a year: the puzzle data itself never changes
PAGE_MAX_AGE = 3_600  # an hour: the page around it changes with a release

# endpoint -> (max-age, readable from other origins)
CACHEABLE: dict[str, tuple[int, bool]] = {
    "api.get_puzzle": (DATA_MAX_AGE, True),
    "api.get_puzzle_file": (DATA_MAX_AGE, True),
    "api.print_puzzle": (PAGE_MAX_AGE, True),
    "pages.play": (PAGE_MAX_AGE, False),
    "pages.print_page": (PAGE_MAX_AGE, False),
}


def init_app(app: Flask) -> None:
    app.after_request(cache_puzzle_reads)


def cache_puzzle_reads(response: Response) -> Response:
    """ETag, Cache-Control and CORS on a successful puzzle read; 304 when the tag matches."""
    rule = CACHEABLE.get(request.endpoint or "")
    if rule is not None and rule[1] and request.method == "OPTIONS":
        return _preflight(response)
    if rule is None or request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    max_age, shared = rule
    response.set_etag(hashlib.sha256(response.get_data()).hexdigest()[:40])
    response.headers["Cache-Control"] = f"public, max-age={max_age}, immutable"
    if shared:
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers["Access-Control-Expose-Headers"] = "ETag, Content-Disposition"
    response.make_conditional(request)  # 304, no body, when If-None-Match matches (in place)
    return response


def _preflight(response: Response) -> Response:
    """A browser asks first when a cross-site read sends If-None-Match (not a "simple"
    header): allow GET and HEAD with it, and let the browser remember that for a day."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Allow-Methods"] = "GET, HEAD"
    response.headers["Access-Control-Allow-Headers"] = "If-None-Match"
    response.headers["Access-Control-Max-Age"] = "86400"
    return response
