"""Every /api route answers what /api/openapi.json says: each call below is a real
request, and its response must have a documented status, media type and required
headers and, for JSON, validate against the generated schema, which admits no field the
types do not declare.

Adding a route: describe it in web/openapi.py ROUTES and add its calls to CALLS."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import jsonschema_rs
import pytest

from crossword.errors import HintError
from web.openapi import spec
from web.store import Store

WORDS = ["otter", "beaver", "heron", "salmon", "trout", "reed"]


@dataclass(frozen=True)
class Call:
    method: str
    path: str  # as in the document; {id} is a stored puzzle (or its job)
    status: int
    json: Any = None
    query: str = ""
    config: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    data: bytes | None = None


CALLS = [
    Call("POST", "/api/puzzles", 201, {"words": WORDS, "seed": 1}),
    Call("POST", "/api/puzzles", 201, {"words": WORDS, "solution": True}),
    Call("POST", "/api/puzzles", 202, {"words": WORDS, "async": True}),
    Call("POST", "/api/puzzles", 422, {"words": WORDS, "colour": "red"}),
    Call("POST", "/api/puzzles", 400, data=b"[1, 2]", headers={"Content-Type": "application/json"}),
    Call("POST", "/api/puzzles", 415, data=b"words=otter", headers={"Content-Type": "text/plain"}),
    Call("POST", "/api/puzzles", 413, {"words": WORDS * 50}, config={"MAX_CONTENT_LENGTH": 256}),
    Call("POST", "/api/puzzles", 503, {"words": WORDS}, config={"error": HintError("model down")}),
    Call("POST", "/api/puzzles", 429, {"words": WORDS}, config={"RATE_LIMIT_PER_MINUTE": 1}),
    Call("GET", "/api/puzzles/{id}", 200),
    Call("GET", "/api/puzzles/{id}", 200, query="solution=1"),
    Call("GET", "/api/puzzles/{id}", 304, headers={"If-None-Match": "{etag}"}),
    Call("GET", "/api/puzzles/{id}", 422, query="solution=maybe"),
    Call("GET", "/api/puzzles/{missing}", 404),
    Call("GET", "/api/puzzles/{id}.ipuz", 200),
    Call("GET", "/api/puzzles/{id}.ipuz", 200, query="gaps=block"),
    Call("GET", "/api/puzzles/{id}.puz", 200),
    Call("GET", "/api/puzzles/{id}.json", 200),
    Call("GET", "/api/puzzles/{id}.ipuz", 304, headers={"If-None-Match": "{etag}"}),
    Call("GET", "/api/puzzles/{missing}.json", 404),
    Call("GET", "/api/puzzles/{id}/print", 200, query="variant=both&key=1&bank=1&paper=letter"),
    Call("GET", "/api/puzzles/{id}/print", 422, query="variant=sideways"),
    Call("POST", "/api/puzzles/{id}/edits", 201, {"title": "Edited"}),
    Call("POST", "/api/puzzles/{id}/edits", 422, {}),
    Call("POST", "/api/puzzles/{missing}/edits", 404, {"title": "Edited"}),
    Call("GET", "/api/jobs/{id}", 200),
    Call("GET", "/api/jobs/{missing}", 404),
    Call("GET", "/api/themes", 200),
    Call("GET", "/api/health", 200),
    Call("GET", "/api/health", 503, config={"db_down": True}),
    Call("GET", "/api/traces", 200),
    Call("GET", "/api/traces", 401, headers={"Authorization": "Bearer not-the-token"}),
    Call("GET", "/api/traces", 422, query="limit=0"),
    Call("GET", "/api/traces", 404, config={"TRACES": False}),
    Call("GET", "/api/openapi.json", 200),
]


def _id(call: Call) -> str:
    return f"{call.method} {call.path}{'?' + call.query if call.query else ''} {call.status}"


@pytest.fixture
def answer(make_app, fake_provider, monkeypatch):
    """answer(call) -> (the document, the response to that real request)."""

    def _answer(call: Call):
        config = dict(call.config)
        provider = fake_provider(error=config.pop("error", None))
        if config.pop("db_down", False):
            monkeypatch.setattr(Store, "ping", lambda self: False)
        # a long wait, so a loaded machine answers 201 (not 202) where 201 is expected
        client = make_app(provider, **{"SYNC_WAIT": 60.0, **config}).test_client()
        document = client.get("/api/openapi.json").get_json()
        path = call.path.replace("{missing}", "nothere00")
        if "{id}" in path:
            path = path.replace("{id}", _stored(client, job="/jobs/" in path))
        url = path + (f"?{call.query}" if call.query else "")
        headers = dict(call.headers)
        if headers.get("If-None-Match") == "{etag}":  # the tag of a first read
            headers["If-None-Match"] = client.get(url).headers["ETag"]
        response = client.open(
            url, method=call.method, json=call.json, data=call.data, headers=headers
        )
        for _ in range(2):  # 429: a second request in the minute (or a third, at its turn)
            if call.status == 429 and response.status_code != 429:
                response = client.open(url, method=call.method, json=call.json)
        return document, response

    return _answer


def _stored(client, *, job: bool) -> str:
    made = client.post("/api/puzzles", json={"words": WORDS, "seed": 1})
    assert made.status_code == 201, made.get_data(as_text=True)
    return made.get_json()["job"]["id"] if job else made.get_json()["id"]


@pytest.mark.parametrize("call", CALLS, ids=_id)
def test_every_response_is_what_the_document_says(answer, call):
    document, response = answer(call)
    assert response.status_code == call.status, response.get_data(as_text=True)[:500]
    operation = document["paths"][call.path.replace("{missing}", "{id}")][call.method.lower()]
    documented = operation["responses"].get(str(call.status))
    assert documented, f"{call.status} is not documented for {call.method} {call.path}"
    required = [h for h, d in documented.get("headers", {}).items() if d.get("required")]
    assert [h for h in required if h not in response.headers] == []
    if "content" not in documented:  # 304: no body
        assert response.get_data() == b""
        return
    (media, content), *_ = documented["content"].items()
    assert response.mimetype == media
    if media == "application/json":
        schema = {**content["schema"], "components": document["components"]}
        errors = [str(e) for e in jsonschema_rs.validator_for(schema).iter_errors(response.json)]
        assert not errors, errors[0]


def test_the_calls_cover_every_route_and_method(client):
    document = client.get("/api/openapi.json").get_json()
    operations = {(m.upper(), p) for p, ops in document["paths"].items() for m in ops}
    called = {(c.method, c.path.replace("{missing}", "{id}")) for c in CALLS}
    assert called == operations


def test_every_operation_has_its_own_id(client):
    document = client.get("/api/openapi.json").get_json()
    ids = [op.get("operationId") for ops in document["paths"].values() for op in ops.values()]
    assert all(ids) and len(set(ids)) == len(ids)
    assert "create_puzzle" in ids and "get_puzzle_file_ipuz" in ids


def test_the_headers_a_client_needs_are_documented(client):
    paths = client.get("/api/openapi.json").get_json()["paths"]
    create = paths["/api/puzzles"]["post"]["responses"]
    assert create["201"]["headers"]["Location"]["required"]
    assert {"Location", "Retry-After"} <= set(create["202"]["headers"])
    assert {"Retry-After", "RateLimit-Remaining"} <= set(create["429"]["headers"])
    assert "Retry-After" in create["503"]["headers"]
    assert "415" in create
    read = paths["/api/puzzles/{id}"]["get"]["responses"]
    assert {"ETag", "Cache-Control", "Access-Control-Allow-Origin"} <= set(read["200"]["headers"])
    assert "content" not in read["304"]


def test_every_declared_object_is_closed(client):
    """An object with declared fields admits no others, so a new field must be declared."""
    schemas = client.get("/api/openapi.json").get_json()["components"]["schemas"]

    def walk(node):
        if isinstance(node, dict):
            if "properties" in node:
                yield node
            for value in node.values():
                yield from walk(value)
        elif isinstance(node, list):
            for value in node:
                yield from walk(value)

    declared = list(walk(schemas))
    assert len(declared) > 10
    assert all(node.get("additionalProperties") is False for node in declared)


def test_a_route_the_document_does_not_describe_is_refused(make_app):
    app = make_app()
    app.add_url_rule("/api/secret", "api.secret", lambda: {})
    with pytest.raises(LookupError, match="api.secret"):
        spec(app)


def test_the_wire_types_name_what_serialize_writes(small_puzzle):
    from crossword.serialize import EntryJSON, PuzzleJSON, puzzle_to_dict

    data = puzzle_to_dict(small_puzzle)
    assert set(data) == set(PuzzleJSON.__annotations__)
    assert set(data["entries"][0]) == set(EntryJSON.__annotations__)
    without = puzzle_to_dict(small_puzzle, solution=False)
    assert set(PuzzleJSON.__annotations__) - set(without) == {"grid"}
    assert "answer" not in without["entries"][0]
