"""Stored puzzles are cacheable and shareable (ETag, Cache-Control, 304, CORS); the
quota is told in RateLimit-* headers."""

from __future__ import annotations

import pytest

READS = [
    ("/api/puzzles/{id}", True, 31_536_000),
    ("/api/puzzles/{id}?solution=1", True, 31_536_000),
    ("/api/puzzles/{id}.ipuz", True, 31_536_000),
    ("/api/puzzles/{id}.puz", True, 31_536_000),
    ("/api/puzzles/{id}.json", True, 31_536_000),
    ("/api/puzzles/{id}/print", True, 3_600),
    ("/p/{id}", False, 3_600),
    ("/p/{id}/print?variant=both&key=1", False, 3_600),
]


@pytest.fixture
def puzzle_id(app, small_puzzle):
    return app.extensions["crossword.store"].save(small_puzzle)


@pytest.mark.parametrize("url, shared, max_age", READS, ids=[r[0] for r in READS])
def test_a_puzzle_read_is_cacheable_and_revalidates_to_304(client, puzzle_id, url, shared, max_age):
    url = url.format(id=puzzle_id)
    first = client.get(url)
    assert first.status_code == 200
    etag = first.headers["ETag"]
    assert etag.startswith('"') and not etag.startswith("W/")  # strong
    assert first.headers["Cache-Control"] == f"public, max-age={max_age}, immutable"
    assert (first.headers.get("Access-Control-Allow-Origin") == "*") is shared
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b""
    assert again.headers["ETag"] == etag
    other = client.get(url, headers={"If-None-Match": '"something-else"'})
    assert other.status_code == 200 and other.get_data() == first.get_data()


def test_the_tag_differs_between_representations(client, puzzle_id):
    plain = client.get(f"/api/puzzles/{puzzle_id}").headers["ETag"]
    solved = client.get(f"/api/puzzles/{puzzle_id}?solution=1").headers["ETag"]
    assert plain != solved


def test_writes_errors_and_private_pages_are_not_cached_or_shared(client, puzzle_id):
    made = client.post("/api/puzzles", json={"words": ["otter", "heron", "trout", "reed"]})
    assert made.status_code in (201, 202)
    missing = client.get("/api/puzzles/nosuchpuzzle")
    traces = client.get("/api/traces")
    for response in (made, missing, traces):
        assert "Access-Control-Allow-Origin" not in response.headers
        assert "ETag" not in response.headers
        assert "public" not in response.headers.get("Cache-Control", "")
    assert missing.status_code == 404


@pytest.mark.parametrize("store", ["memory", "database"])
def test_a_429_says_the_rate_limit(make_app, store):
    app = make_app(RATE_LIMIT_PER_MINUTE=2, RATE_LIMIT_STORE=store)
    limiter = app.extensions["crossword.rate_limit"]
    limiter.clock = lambda: 1_000_020.0  # one moment: no minute boundary mid-test
    client = app.test_client()
    body = {"words": ["otter", "heron", "trout", "reed"]}
    first = client.post("/api/puzzles", json=body)
    assert first.status_code in (201, 202)
    assert first.headers["RateLimit-Limit"] == "2" and first.headers["RateLimit-Remaining"] == "1"
    second = client.post("/api/puzzles", json=body)
    assert second.headers["RateLimit-Remaining"] == "0"
    refused = client.post("/api/puzzles", json=body)
    assert refused.status_code == 429
    headers = refused.headers
    assert headers["RateLimit-Limit"] == "2" and headers["RateLimit-Remaining"] == "0"
    assert headers["RateLimit-Policy"] == "2;w=60"
    assert int(headers["RateLimit-Reset"]) == int(headers["Retry-After"]) > 0
    assert int(first.headers["RateLimit-Reset"]) == 60  # the window (or the hit) just began


def test_reads_that_do_not_count_get_no_quota_headers(make_app, small_puzzle):
    app = make_app(RATE_LIMIT_PER_MINUTE=5)
    app.extensions["crossword.rate_limit"].clock = lambda: 1_000_020.0
    puzzle_id = app.extensions["crossword.store"].save(small_puzzle)
    client = app.test_client()
    assert "RateLimit-Limit" not in client.get(f"/api/puzzles/{puzzle_id}").headers
    made = client.post("/api/puzzles", json={"words": ["otter", "heron", "trout", "reed"]})
    assert made.headers["RateLimit-Remaining"] == "4"


def test_a_cross_site_revalidation_passes_the_browsers_preflight(client, puzzle_id):
    asked = {"Origin": "https://solver.example", "Access-Control-Request-Method": "GET",
             "Access-Control-Request-Headers": "if-none-match"}  # fmt: skip
    answer = client.options(f"/api/puzzles/{puzzle_id}.ipuz", headers=asked)
    assert answer.status_code == 200
    assert answer.headers["Access-Control-Allow-Origin"] == "*"
    assert "If-None-Match" in answer.headers["Access-Control-Allow-Headers"]
    assert "POST" not in answer.headers["Access-Control-Allow-Methods"]
    create = client.options("/api/puzzles", headers=asked)  # writes are never shared
    assert "Access-Control-Allow-Origin" not in create.headers
    page = client.options(f"/p/{puzzle_id}", headers=asked)
    assert "Access-Control-Allow-Origin" not in page.headers
