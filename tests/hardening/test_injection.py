"""Hostile text from makers and from the model is stored intact and comes out as text:
in the API, the pages (HTML, attributes, JSON-in-HTML), the print page and the exports.
The real-browser check (script execution) is test_hostile_browser.py."""

from __future__ import annotations

import io
import json
import re
from html.parser import HTMLParser

import ipuz
import puz
import pytest
from hardening_helpers import HOSTILE, WORDS, HostileProvider

from crossword import limits


class Elements(HTMLParser):
    """Collects every element, attribute and script body of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in_script: dict[str, str | None] | None = None
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
        self._in_style = tag == "style"

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)
        if self._in_script is not None:
            self.scripts.append((self._in_script, data))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None


def assert_inert(html: str) -> Elements:
    """No markup from the payloads became elements, attributes or script."""
    page = Elements()
    page.feed(html)
    for tag, attrs in page.tags:
        if tag == "img":
            assert (attrs.get("src") or "").startswith("/static/"), attrs  # our own icons only
        assert tag not in (
            "iframe",
            "object",
            "embed",
            "base",
            "meta" if attrs.get("http-equiv") else "",
        ), (tag, attrs)
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert name != "autofocus", (tag, name)
            assert not (value or "").strip().lower().startswith("javascript:"), (tag, name, value)
        if tag == "script":
            assert attrs.get("src") or attrs.get("type") == "application/json", attrs
    styles = [attrs for tag, attrs in page.tags if tag == "style"]
    assert len(styles) <= 1, "a <style> element from the data"  # the print page has its own
    assert not any("pwned" in css or "url(" in css for css in page.styles)
    for attrs, body in page.scripts:
        if attrs.get("type") == "application/json":
            json.loads(body)  # the embedded data still parses ...
            assert "</" not in body and "<!--" not in body  # ... and cannot end its element
        else:
            assert not body.strip(), body
    return page


def hostile_entries():
    texts = list(HOSTILE.values())
    return [
        {
            "word": word,
            "clue": texts[i % len(texts)][: limits.MAX_CLUE_CHARS],
            "emoji": texts[(i + 3) % len(texts)][: limits.MAX_EMOJI_CHARS],
        }
        for i, word in enumerate(WORDS)
    ] + [{"word": text[: limits.MAX_WORD_CHARS]} for text in texts]  # -> unplaced, with reasons


@pytest.fixture(scope="module")
def hostile_ids(make_module_app):
    """Two puzzles: the maker's hostile clues/emoji/title, and a hostile "model" (made
    once for the module: the tests read them; one adds a trace, which none reads back
    but itself)."""
    app = make_module_app(provider=HostileProvider())
    client = app.test_client()
    title = HOSTILE["img-onerror"]
    made = client.post("/api/puzzles", json={"entries": hostile_entries(), "title": title})
    assert made.status_code == 201, made.get_json()
    by_model = client.post(
        "/api/puzzles", json={"topic": HOSTILE["end-script"][: limits.MAX_TOPIC_CHARS]}
    )
    assert by_model.status_code == 201, by_model.get_json()
    return client, [made.get_json()["id"], by_model.get_json()["id"]]


def test_hostile_text_is_stored_exactly(hostile_ids):
    client, (mine, _) = hostile_ids
    puzzle = client.get(f"/api/puzzles/{mine}").get_json()["puzzle"]
    assert puzzle["title"] == HOSTILE["img-onerror"]
    clues = {e["clue"] for e in puzzle["entries"]}
    assert HOSTILE["script-tag"] in clues or HOSTILE["end-script"] in clues
    unplaced = {u["word"] for u in puzzle["unplaced"]}
    assert HOSTILE["svg-onload"] in unplaced  # refused as a word, kept as text with a reason


@pytest.mark.parametrize(
    "url", ["/p/{id}", "/p/{id}/print?variant=both&key=1", "/api/puzzles/{id}/print?variant=emoji"]
)
def test_pages_render_hostile_text_inert(hostile_ids, url):
    client, ids = hostile_ids
    for puzzle_id in ids:
        response = client.get(url.format(id=puzzle_id))
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        assert_inert(html)
        assert "<script>window.__pwned" not in html and 'onerror="window' not in html
        csp = response.headers["Content-Security-Policy"]
        assert "unsafe-inline" not in csp.split("script-src")[-1].split(";")[0]


def test_the_traces_page_renders_hostile_model_output_inert(hostile_ids):
    client, _ = hostile_ids
    from crossword.trace import Attempt

    tracer = client.application.extensions["crossword.tracer"]
    tracer.record(
        Attempt(
            job="j1", provider=HOSTILE["attr-break"], model=HOSTILE["img-onerror"],
            purpose=HOSTILE["script-tag"], outcome=HOSTILE["svg-onload"], items=1, round=1,
            problems=(HOSTILE["end-script"], HOSTILE["css-break"]), error=HOSTILE["js-url"],
        )
    )  # fmt: skip
    html = client.get("/traces").get_data(as_text=True)
    assert_inert(html)
    assert "&lt;script&gt;" in html
    body = client.get("/api/traces").get_json()
    assert body["attempts"][0]["model"] == HOSTILE["img-onerror"]


def test_the_ipuz_export_is_valid_and_keeps_the_text(hostile_ids):
    client, ids = hostile_ids
    for puzzle_id in ids:
        response = client.get(f"/api/puzzles/{puzzle_id}.ipuz")
        assert response.status_code == 200
        data = ipuz.read(response.get_data(as_text=True))  # the third-party validator
        text = json.dumps(data, ensure_ascii=False)
        assert "window.__pwned" in text  # kept as text, not dropped or mangled into markup


def test_the_puz_export_is_readable(hostile_ids):
    client, ids = hostile_ids
    for puzzle_id in ids:
        response = client.get(f"/api/puzzles/{puzzle_id}.puz")
        assert response.status_code == 200
        p = puz.load(response.get_data())  # checksums verified by puzpy
        assert len(p.clues) == len(
            client.get(f"/api/puzzles/{puzzle_id}").get_json()["puzzle"]["entries"]
        )
        assert all("\x00" not in c for c in p.clues)


def test_the_json_export_reads_back(hostile_ids):
    from crossword.serialize import puzzle_from_dict

    client, ids = hostile_ids
    for puzzle_id in ids:
        data = json.load(io.BytesIO(client.get(f"/api/puzzles/{puzzle_id}.json").get_data()))
        assert puzzle_from_dict(data).title == data["title"]


def test_error_pages_do_not_reflect_markup(client):
    html = client.get("/p/%3Cscript%3Ealert(1)%3C%2Fscript%3E").get_data(as_text=True)
    assert "<script>alert" not in html
    response = client.get("/api/jobs/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")
    assert response.status_code == 404 and response.mimetype == "application/json"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    bad = client.get("/p/AAAAAAAAAA/print?variant=%3Cscript%3E")
    assert "<script>" not in bad.get_data(as_text=True)


@pytest.mark.parametrize(
    "url", ["/", "/p/{id}", "/p/{id}/print", "/traces", "/api/health", "/api/puzzles/{id}"]
)
def test_security_headers_on_every_kind_of_page(hostile_ids, url):
    client, ids = hostile_ids
    response = client.get(url.format(id=ids[0]))
    headers = response.headers
    csp = headers["Content-Security-Policy"]
    script_src = re.search(r"(?:script-src|default-src)[^;]*", csp).group(0)
    assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
    assert "object-src 'none'" in csp or "default-src 'none'" in csp
    assert "base-uri 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "frame-ancestors" in csp


def test_hsts_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/api/health").headers
    secure = client.get("/api/health", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=")


KEY = "sk-hardening-SECRET-0123456789abcdef"


def test_api_keys_come_from_the_environment_and_are_never_echoed(make_app, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setenv("CROSSWORD_LLM_API_KEY", KEY + "-llm")
    app = make_app()
    client = app.test_client()
    assert app.config["OPENAI_API_KEY"] == KEY
    made = client.post("/api/puzzles", json={"words": WORDS})
    puzzle_id = made.get_json()["id"]
    urls = [
        "/",
        "/api/health",
        "/api/openapi.json",
        "/traces",
        "/api/traces",
        f"/p/{puzzle_id}",
        f"/api/puzzles/{puzzle_id}",
        "/nothing",
        "/api/nothing",
    ]
    for url in urls:
        assert "SECRET" not in client.get(url).get_data(as_text=True), url
    bad = client.post("/api/puzzles", json={"words": WORDS, "provider": KEY})
    assert bad.status_code == 422 and "SECRET" not in bad.get_data(as_text=True)
