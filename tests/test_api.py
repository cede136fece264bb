"""The JSON API contract: every route, every error status, one error body."""

from __future__ import annotations

import json
import threading
import time

import pytest

from crossword.errors import HintError
from crossword.puzzle import Puzzle
from web.store import get_store

WORDS = ["otter", "beaver", "heron", "salmon", "trout", "reed"]


def make(client, **body):
    body.setdefault("seed", 1)
    return client.post("/api/puzzles", json=body)


def assert_error(response, status, field=None):
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert body["ok"] is False and body["status"] == status and body["error"]
    if field is not None:
        assert field in [e["field"] for e in body["errors"]], body
    return body


def wait_for_job(client, url, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(url).get_json()["job"]
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.02)
    raise AssertionError("the job did not finish")


@pytest.fixture
def puzzle_id(app, small_puzzle):
    with app.app_context():
        return get_store().save(small_puzzle)


# -- POST /api/puzzles ----------------------------------------------------------
def test_words_make_a_puzzle_at_once(client):
    response = make(client, words=WORDS)
    assert response.status_code == 201
    body = response.get_json()
    assert body["ok"] is True
    assert response.headers["Location"] == f"/api/puzzles/{body['id']}"
    puzzle = body["puzzle"]
    assert puzzle["provider"] == "fake" and puzzle["seed"] == 1
    assert "grid" not in puzzle and all("answer" not in e for e in puzzle["entries"])
    assert {e["emoji"] for e in puzzle["entries"]} == {"🔤"}
    assert set(body["urls"]) == {"play", "print", "api", "json", "ipuz", "puz"}
    assert body["urls"]["play"].endswith(f"/p/{body['id']}")
    assert body["job"]["status"] == "done"


def test_the_solution_comes_only_when_asked(client):
    body = make(client, words=WORDS, solution=True).get_json()
    assert body["puzzle"]["grid"]
    assert all(e["answer"] for e in body["puzzle"]["entries"])


def test_entries_keep_the_makers_clues(client):
    body = make(
        client,
        entries=[
            {"word": "otter", "clue": "River dog", "emoji": "🦦"},
            {"word": "reed"},
            {"word": "heron"},
        ],
    ).get_json()
    by_clue = {e["clue"]: e for e in body["puzzle"]["entries"]}
    assert "River dog" in by_clue and by_clue["River dog"]["emoji"] == "🦦"


def test_a_topic_makes_a_puzzle(client):
    body = make(client, topic="rivers", count=6, title="My river").get_json()
    assert body["puzzle"]["topic"] == "rivers"
    assert body["puzzle"]["title"] == "My river"


def test_the_same_seed_gives_the_same_grid(client):
    a = make(client, words=WORDS, seed=5, solution=True).get_json()["puzzle"]
    b = make(client, words=WORDS, seed=5, solution=True).get_json()["puzzle"]
    assert a["grid"] == b["grid"]


def test_max_size_limits_the_grid(client):
    body = make(client, words=WORDS, max_size=7).get_json()
    assert body["puzzle"]["width"] <= 7 and body["puzzle"]["height"] <= 7


def test_async_answers_202_and_the_job_can_be_polled(client):
    response = make(client, words=WORDS, **{"async": True})
    assert response.status_code == 202
    job = response.get_json()["job"]
    assert response.headers["Location"] == f"/api/jobs/{job['id']}"
    assert job["url"].endswith(f"/api/jobs/{job['id']}")
    done = wait_for_job(client, job["url"])
    assert done["status"] == "done" and done["stage"] == "done"
    assert done["progress"]["hints"]["total"] >= 2
    assert client.get(done["urls"]["api"]).status_code == 200


def test_a_slow_generation_reports_progress(make_app, fake_provider):
    gate = threading.Event()
    app = make_app(provider=fake_provider(gate=gate), SYNC_WAIT=0.05)
    client = app.test_client()
    response = make(client, words=WORDS)
    assert response.status_code == 202
    url = response.get_json()["job"]["url"]
    deadline = time.monotonic() + 5
    job = client.get(url).get_json()["job"]
    while job["progress"].get("hints", {}).get("done") != 1 and time.monotonic() < deadline:
        time.sleep(0.02)
        job = client.get(url).get_json()["job"]
    assert job["status"] == "running" and job["stage"] == "hints"
    assert job["progress"]["words"]["count"] == len(WORDS)
    assert job["progress"]["layout"]["placed"] >= 2
    assert job["progress"]["hints"]["note"] == f"hint 1 of {job['progress']['hints']['total']}"
    gate.set()
    assert wait_for_job(client, url)["status"] == "done"


def test_another_worker_sees_the_outcome_from_the_database(make_app):
    first = make_app()
    job = make(first.test_client(), words=WORDS, **{"async": True}).get_json()["job"]
    done = wait_for_job(first.test_client(), job["url"])
    other = make_app()  # a second "worker" over the same database file
    seen = other.test_client().get(f"/api/jobs/{job['id']}").get_json()["job"]
    assert seen["status"] == "done" and seen["puzzle_id"] == done["puzzle_id"]


def test_a_provider_failure_is_503_and_stores_nothing(make_app, fake_provider):
    app = make_app(provider=fake_provider(error=HintError("the model is unavailable")))
    body = assert_error(make(app.test_client(), words=WORDS), 503)
    assert body["error"] == "the model is unavailable"
    with app.app_context():
        assert get_store().count() == 0


def test_an_async_failure_is_reported_by_the_job(make_app, fake_provider):
    app = make_app(provider=fake_provider(error=HintError("the model is unavailable")))
    client = app.test_client()
    job = make(client, words=WORDS, **{"async": True}).get_json()["job"]
    done = wait_for_job(client, job["url"])
    assert done["status"] == "failed"
    assert done["error"]["status"] == 503 and done["error"]["ok"] is False


def test_an_unexpected_failure_is_a_json_500(make_app, fake_provider):
    app = make_app(provider=fake_provider(error=RuntimeError("boom with a secret sk-abcdefgh")))
    body = assert_error(make(app.test_client(), words=WORDS), 500)
    assert "sk-" not in json.dumps(body)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"words": ["123", "!!!"]}, "words"),
        ({"entries": [{"word": "42"}]}, "entries"),
        ({"words": ["otter"], "colour": "red"}, "colour"),
        ({"words": ["otter"], "topic": "rivers"}, "topic"),
        ({}, "topic"),
        ({"topic": ""}, "topic"),
        ({"words": []}, "words"),
        ({"words": ["otter"], "seed": -1}, "seed"),
        ({"words": ["otter"], "seed": "x"}, "seed"),
        ({"words": ["otter"], "max_size": 3}, "max_size"),
        ({"topic": "rivers", "count": 500}, "count"),
        ({"words": ["otter"], "provider": "openai"}, "provider"),
        ({"words": ["x" * 41]}, "words.0"),
        ({"entries": [{"word": "otter", "hint": "?"}]}, "entries.0.hint"),
        ({"words": ["otter"], "title": "t" * 81}, "title"),
        ({"topic": "t" * 81}, "topic"),
        ({"words": ["otter"], "async": "soon"}, "async"),
    ],
    ids=[
        "no-usable-words",
        "no-usable-entries",
        "unknown-field",
        "topic-and-words",
        "nothing",
        "empty-topic",
        "empty-words",
        "negative-seed",
        "text-seed",
        "tiny-max-size",
        "count-too-large",
        "provider-not-configured",
        "word-too-long",
        "unknown-entry-field",
        "title-too-long",
        "topic-too-long",
        "async-not-bool",
    ],
)
def test_invalid_bodies_are_422_naming_the_field(client, body, field):
    assert_error(client.post("/api/puzzles", json=body), 422, field)


def test_too_many_words_is_422(make_app):
    client = make_app(MAX_WORDS=3).test_client()
    assert_error(make(client, words=WORDS), 422, "words")


@pytest.mark.parametrize(
    "data",
    [b"{not json", b"[1, 2]", b'"text"', b"", "\u00e9".encode("latin-1")],
    ids=["broken", "array", "string", "empty", "not-utf8"],
)
def test_a_body_that_is_not_a_json_object_is_400(client, data):
    assert_error(client.post("/api/puzzles", data=data, content_type="application/json"), 400)


def test_a_body_over_the_limit_is_413(make_app):
    client = make_app(MAX_CONTENT_LENGTH=1024).test_client()
    body = assert_error(client.post("/api/puzzles", json={"words": ["otter"] * 400}), 413)
    assert "1024" in body["error"]


def test_the_rate_limit_is_429_with_retry_after(make_app):
    client = make_app(RATE_LIMIT_PER_MINUTE=2).test_client()
    assert make(client, words=WORDS).status_code == 201
    assert make(client, words=WORDS).status_code == 201
    response = make(client, words=WORDS)
    assert_error(response, 429)
    assert int(response.headers["Retry-After"]) >= 1


def test_a_full_queue_is_503_with_retry_after(make_app, fake_provider):
    gate = threading.Event()
    app = make_app(provider=fake_provider(gate=gate), JOB_QUEUE_LIMIT=1, SYNC_WAIT=0)
    client = app.test_client()
    assert make(client, words=WORDS).status_code == 202
    response = make(client, words=WORDS)
    assert_error(response, 503)
    assert response.headers["Retry-After"]
    gate.set()


# -- reading puzzles ------------------------------------------------------------
def test_get_a_puzzle_without_and_with_solution(client, puzzle_id):
    body = client.get(f"/api/puzzles/{puzzle_id}").get_json()
    assert body["id"] == puzzle_id and body["puzzle"]["title"] == "River life"
    assert "grid" not in body["puzzle"]
    solved = client.get(f"/api/puzzles/{puzzle_id}?solution=1").get_json()
    assert solved["puzzle"]["grid"] == ["OTTER", "####E", "####E", "####D"]
    assert_error(client.get(f"/api/puzzles/{puzzle_id}?solution=maybe"), 422, "solution")


@pytest.mark.parametrize(
    ("fmt", "mimetype"),
    [
        ("ipuz", "application/json"),
        ("puz", "application/x-crossword"),
        ("json", "application/json"),
    ],
)
def test_downloads(client, puzzle_id, fmt, mimetype):
    response = client.get(f"/api/puzzles/{puzzle_id}.{fmt}")
    assert response.status_code == 200
    assert response.mimetype == mimetype
    assert response.headers["Content-Disposition"] == f'attachment; filename="river-life.{fmt}"'
    assert response.data


def test_the_json_download_reads_back(client, puzzle_id, small_puzzle):
    from crossword.serialize import puzzle_from_dict

    data = json.loads(client.get(f"/api/puzzles/{puzzle_id}.json").data)
    assert isinstance(puzzle_from_dict(data), Puzzle)


@pytest.mark.parametrize("variant", ["text", "emoji", "both"])
def test_the_print_page(client, puzzle_id, variant):
    response = client.get(f"/api/puzzles/{puzzle_id}/print?variant={variant}&key=1")
    assert response.status_code == 200 and response.mimetype == "text/html"
    csp = response.headers["Content-Security-Policy"]
    assert "script-src" not in csp and "default-src 'none'" in csp and "'sha256-" in csp
    assert "unsafe-inline" not in csp


def test_ipuz_download_gaps_and_url(client, puzzle_id):
    import ipuz

    default = ipuz.read(client.get(f"/api/puzzles/{puzzle_id}.ipuz").get_data(as_text=True))
    assert default["puzzle"][1][0] is None  # small puzzle: OTTER / ####E ...
    assert default["url"] == default["uniqueid"] == f"http://localhost/p/{puzzle_id}"
    blocks = client.get(f"/api/puzzles/{puzzle_id}.ipuz?gaps=block").get_data(as_text=True)
    assert ipuz.read(blocks)["puzzle"][1][0] == "#"
    assert_error(client.get(f"/api/puzzles/{puzzle_id}.ipuz?gaps=white"), 422, "gaps")


def test_puz_download_notes_give_the_play_url(client, puzzle_id):
    import puz

    notes = puz.load(client.get(f"/api/puzzles/{puzzle_id}.puz").data).notes
    assert notes.startswith(f"Play online: http://localhost/p/{puzzle_id} ")


def test_print_options_are_checked(client, puzzle_id):
    assert_error(client.get(f"/api/puzzles/{puzzle_id}/print?variant=loud"), 422, "variant")
    assert_error(client.get(f"/api/puzzles/{puzzle_id}/print?paper=a3"), 422, "paper")
    assert_error(client.get(f"/api/puzzles/{puzzle_id}/print?key=perhaps"), 422, "key")
    assert_error(client.get(f"/api/puzzles/{puzzle_id}/print?bank=perhaps"), 422, "bank")


@pytest.mark.parametrize(
    "url",
    [
        "/api/puzzles/NoSuchPuzz",
        "/api/puzzles/NoSuchPuzz.ipuz",
        "/api/puzzles/NoSuchPuzz/print",
        "/api/puzzles/bad%20id!",
        "/api/jobs/nosuchjob",
        "/api/nothing-here",
        "/api",
    ],
)
def test_unknown_things_are_json_404(client, url):
    assert_error(client.get(url), 404)


def test_an_unknown_format_is_404(client, puzzle_id):
    body = assert_error(client.get(f"/api/puzzles/{puzzle_id}.pdf"), 404)
    assert "ipuz" in body["error"]


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/api/puzzles"),
        ("delete", "/api/puzzles/abcdefghij"),
        ("post", "/api/health"),
        ("put", "/api/themes"),
    ],
)
def test_wrong_methods_are_json_405(client, method, url):
    response = getattr(client, method)(url)
    assert_error(response, 405)
    assert response.headers["Allow"]


def test_an_unhandled_error_in_a_route_is_a_json_500(make_app):
    app = make_app()

    @app.get("/api/boom")
    def boom():
        raise RuntimeError("boom")

    assert_error(app.test_client().get("/api/boom"), 500)


# -- the rest -------------------------------------------------------------------
def test_themes(client):
    body = client.get("/api/themes").get_json()
    assert body["ok"] is True and len(body["themes"]) >= 25
    names = [t["name"] for t in body["themes"]]
    assert names == sorted(names) and {"animals", "space", "ocean", "food"} <= set(names)
    for theme in body["themes"]:
        assert theme["name"] and theme["title"] and theme["count"] >= 40 and theme["emoji"]


def test_health(client):
    body = client.get("/api/health").get_json()
    assert body["ok"] is True and body["db"]["ok"] is True and body["db"]["dialect"] == "sqlite"
    assert body["provider"] == {"default": "offline", "configured": ["offline"], "model": None}
    assert body["version"]


def test_keys_are_used_but_never_shown(make_app, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-very-secret-key")
    monkeypatch.setenv("GEMINI_API_KEY", "AIza-test-very-secret-key")
    app = make_app()
    assert app.config["OPENAI_API_KEY"] == "sk-test-very-secret-key"
    client = app.test_client()
    health = client.get("/api/health")
    assert health.get_json()["provider"]["configured"] == ["offline", "openai", "gemini"]
    assert health.get_json()["provider"]["default"] == "openai"
    for url in ["/api/health", "/", "/api/openapi.json", "/api/traces", "/traces"]:
        text = client.get(url).get_data(as_text=True)
        assert "very-secret" not in text, url


def test_configuration_comes_from_prefixed_environment(make_app, monkeypatch):
    monkeypatch.setenv("CROSSWORD_JOB_WORKERS", "7")
    monkeypatch.setenv("CROSSWORD_MODEL", "gpt-4o-mini")
    app = make_app()
    assert app.config["JOB_WORKERS"] == 7
    assert app.config["MODEL"] == "gpt-4o-mini"


def test_database_url_selects_the_database(make_app, monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", str(tmp_path / "from-env.sqlite3"))
    app = make_app(DATABASE=None)
    assert get_store.__module__  # the store is reachable
    assert app.extensions["crossword.store"].db.url == str(tmp_path / "from-env.sqlite3")


def test_traces(client, puzzle_id):
    body = client.get("/api/traces").get_json()
    assert body["ok"] is True
    assert set(body) >= {"attempts", "jobs", "daily", "spent_today", "puzzles"}
    assert body["puzzles"][0]["id"] == puzzle_id
    assert body["puzzles"][0]["stats"]["cache_hits"] == 2
    assert_error(client.get("/api/traces?limit=0"), 422, "limit")
    assert_error(client.get("/api/traces?days=x"), 422, "days")


def test_traces_can_be_turned_off(make_app):
    client = make_app(TRACES=False).test_client()
    assert_error(client.get("/api/traces"), 404)
    assert client.get("/traces").status_code == 404


# -- OpenAPI ----------------------------------------------------------------------
def _flask_paths(app):
    out = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api"):
            continue
        path = (
            rule.rule.replace("<pid:puzzle_id>", "{id}")
            .replace("<job_id>", "{id}")
            .replace("<pid:job_id>", "{id}")
        )
        if "<fmt>" in path:
            out.update(path.replace("<fmt>", f) for f in ("ipuz", "puz", "json"))
        else:
            out.add(path)
    return out


def test_openapi_describes_exactly_the_routes(app, client):
    spec = client.get("/api/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    assert set(spec["paths"]) == _flask_paths(app)
    request_schema = spec["components"]["schemas"]["PuzzleRequest"]
    assert request_schema["additionalProperties"] is False
    assert {
        "topic",
        "words",
        "entries",
        "seed",
        "max_size",
        "provider",
        "title",
        "count",
        "solution",
        "async",
    } == set(request_schema["properties"])


def test_openapi_refs_resolve(client):
    spec = client.get("/api/openapi.json").get_json()
    text = json.dumps(spec)
    for name in set(part.split('"')[0] for part in text.split("#/components/schemas/")[1:]):
        assert name in spec["components"]["schemas"], name


# -- headers ----------------------------------------------------------------------
@pytest.mark.parametrize("url", ["/", "/api/health", "/traces", "/api/nothing"])
def test_security_headers(client, url):
    headers = client.get(url).headers
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"


def test_the_default_provider_is_offline(make_app):
    pytest.importorskip("crossword.hints.offline", reason="the offline provider has not landed")
    client = make_app(PROVIDER_FACTORY=None).test_client()
    response = make(client, words=WORDS)
    assert response.status_code == 201, response.get_data(as_text=True)
    assert response.get_json()["puzzle"]["provider"] == "offline"
