"""Fixtures of the hardening suite (the shared ones are in tests/conftest.py)."""

from __future__ import annotations

import pytest


@pytest.fixture
def post():
    """post(client, **body) -> the response of POST /api/puzzles with a JSON body."""

    def _post(client, **body):
        return client.post("/api/puzzles", json=body)

    return _post


def error_fields(response) -> list[str | None]:
    body = response.get_json()
    assert body["ok"] is False and body["status"] == response.status_code, body
    return [e.get("field") for e in body.get("errors", [])]
