"""Slow clients cannot hold the web's threads.

gunicorn's gthread worker gives a request a thread once its headers arrived, and
the app then reads the body from the socket: a client that sends its headers and
stalls (or trickles) would hold that thread as long as it likes.  So before any
view runs, `receive_body` takes in the whole body (at most MAX_CONTENT_LENGTH):

- at most ``UPLOAD_SLOTS`` requests per process receive a body at once; past that
  the answer is 503 with Retry-After at once.  Bodies can hold at most that many
  threads, and requests without one (page and API reads, health checks) always
  find a free thread;
- the socket waits at most ``BODY_TIMEOUT`` seconds for the next bytes, and the
  whole body must arrive within ``BODY_DEADLINE``; otherwise 408.

Either way the connection's read side is then shut, so the server does not wait
for the rest of the body after answering.  The timeouts need the socket, which
gunicorn passes as ``environ["gunicorn.socket"]``; other servers (the
development server, a buffering proxy in front) get the slot bound only.
"""

from __future__ import annotations

import contextlib
import io
import socket
import threading
import time
from typing import Any

from flask import Flask, request

from .errors import ApiError

CHUNK = 16 * 1024


def init_app(app: Flask) -> None:
    slots = threading.BoundedSemaphore(max(1, int(app.config["UPLOAD_SLOTS"])))
    timeout = float(app.config["BODY_TIMEOUT"])
    deadline = float(app.config["BODY_DEADLINE"])
    limit = int(app.config.get("MAX_CONTENT_LENGTH") or 0)

    @app.before_request
    def receive_body() -> None:
        environ = request.environ
        if not _has_body(request) or environ.get("crossword.body_received"):
            return
        if request.content_length is not None and limit and request.content_length > limit:
            _shut_read(environ)
            return  # Flask answers 413 without reading it
        if not slots.acquire(blocking=False):
            _shut_read(environ)
            raise ApiError(
                503,
                "the server is busy receiving other requests; please try again",
                headers={"Retry-After": "5"},
            )
        try:
            environ["wsgi.input"] = io.BytesIO(_read(environ, limit, timeout, deadline))
            environ["crossword.body_received"] = True
        finally:
            slots.release()


def _has_body(req: Any) -> bool:
    if req.content_length:
        return True
    return "chunked" in req.headers.get("Transfer-Encoding", "").lower()


def _read(environ: dict[str, Any], limit: int, timeout: float, deadline: float) -> bytes:
    """The body, read with a timeout per wait and a deadline for the whole."""
    sock = environ.get("gunicorn.socket")
    length = environ.get("CONTENT_LENGTH")
    want = int(length) if length else (limit + 1 if limit else 1 << 30)
    ends = time.monotonic() + deadline
    chunks: list[bytes] = []
    got = 0
    previous = sock.gettimeout() if sock is not None else None
    try:
        while got < want:
            left = ends - time.monotonic()
            if left <= 0:
                raise TimeoutError
            if sock is not None:
                sock.settimeout(min(timeout, left))
            chunk = environ["wsgi.input"].read(min(CHUNK, want - got))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
    except TimeoutError:
        _shut_read(environ)
        raise ApiError(
            408, "the request body did not arrive in time; please send it again"
        ) from None
    finally:
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.settimeout(previous)
    return b"".join(chunks)


def _shut_read(environ: dict[str, Any]) -> None:
    """No more reading from this connection: it closes after the answer."""
    sock = environ.get("gunicorn.socket")
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RD)
