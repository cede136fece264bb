"""Slow clients cannot hold the server: 32 uploads that send their headers and 10 bytes
of a 1,000-byte body, then stall, while /api/health is probed (gunicorn as the Procfile
starts it, on 127.0.0.1).  Every probe is answered within 3 s, and every stalled upload
gets its answer (408, or 503 at once when the upload slots are taken) - none hangs."""

from __future__ import annotations

import contextlib
import json
import socket
import time

import pytest
from hardening_helpers import GUNICORN, Gunicorn, call

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not GUNICORN.exists(), reason="gunicorn is not installed in this venv"),
]

STALLED = 32
PROBE_LIMIT_S = 3.0
HEAD = (
    b"POST /api/puzzles HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
    b"Content-Length: 1000\r\n\r\n"
)


def stall(port: int) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    sock.sendall(HEAD + b'{"words": ')  # 10 of the 1,000 bytes, then nothing
    return sock


def answer(sock: socket.socket, seconds: float) -> bytes:
    sock.settimeout(seconds)
    data = b""
    with contextlib.suppress(OSError):
        while chunk := sock.recv(65536):
            data += chunk
    return data


def test_stalled_uploads_do_not_block_other_requests(tmp_path):
    server = Gunicorn(
        tmp_path / "slow.sqlite3", tmp_path / "gunicorn.log", CROSSWORD_EMBEDDED_WORKER="false"
    )
    sockets = []
    try:
        sockets = [stall(server.port) for _ in range(STALLED)]
        probes = []
        started = time.monotonic()
        while time.monotonic() - started < 8:  # past BODY_TIMEOUT (5 s): the 408s go out
            t = time.monotonic()
            status, body = call(server.url + "/api/health", timeout=PROBE_LIMIT_S + 2)
            probes.append(time.monotonic() - t)
            assert status == 200, body
            time.sleep(0.2)
        assert max(probes) < PROBE_LIMIT_S, sorted(probes)[-5:]
        statuses = []
        for sock in sockets:
            raw = answer(sock, max(0.5, 12 - (time.monotonic() - started)))
            head, _, rest = raw.partition(b"\r\n\r\n")
            statuses.append(int(head.split()[1]) if head else None)
            if head:
                body = json.loads(rest)
                assert body["ok"] is False and body["status"] == statuses[-1]
                assert b"x-content-type-options: nosniff" in head.lower()
        assert set(statuses) <= {408, 503}, statuses  # each answered, none left hanging
        assert 408 in statuses  # the ones that held a slot were timed out, not ignored
    finally:
        for sock in sockets:
            sock.close()
        server.kill()
