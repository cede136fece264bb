"""HTML pages: maker, player embedding, print, traces, error pages, the serve command."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from crossword.serialize import puzzle_to_dict
from web.pages import json_for_html
from web.store import get_store

WEB = Path(__file__).resolve().parent.parent / "web"
OWN_TEMPLATES = ["base.html", "make.html", "traces.html", "error.html"]
EVIL = '</script><script>alert("x")</script><!-- & \u2028'


@pytest.fixture
def saved(app, small_puzzle):
    def _save(puzzle=small_puzzle):
        with app.app_context():
            return get_store().save(puzzle)

    return _save


def test_the_maker_page(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    for field in ["topic", "words", "count", "title", "max_size", "seed", "provider"]:
        assert f'for="{field}"' in html and f'id="{field}"' in html, field
        assert f'id="{field}-error"' in html
    assert '<option value="offline" selected>' in html
    assert 'src="/static/js/make.js"' in html and 'type="module"' in html


def test_the_maker_offers_only_configured_providers(make_app):
    html = make_app(GEMINI_API_KEY="AIza-test-key").test_client().get("/").get_data(as_text=True)
    assert 'value="gemini"' in html and 'value="openai"' not in html
    assert "AIza-test-key" not in html


@pytest.mark.parametrize("name", OWN_TEMPLATES)
def test_templates_have_no_inline_script_handler_or_style(name):
    text = (WEB / "templates" / name).read_text(encoding="utf-8")
    for tag in re.findall(r"<script\b[^>]*>", text):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert not re.search(r"\son[a-z]+\s*=", text)
    assert not re.search(r"\sstyle\s*=", text)
    assert "|safe" not in text


def test_make_js_never_writes_html():
    text = (WEB / "static" / "js" / "make.js").read_text(encoding="utf-8")
    assert "innerHTML" not in text and "outerHTML" not in text and "insertAdjacentHTML" not in text
    assert "eval(" not in text


def test_json_for_html_cannot_end_the_script_element():
    text = str(json_for_html({"title": EVIL}))
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"title": EVIL}


def test_the_play_page_embeds_the_puzzle_safely(client, saved, small_puzzle):
    evil = replace(small_puzzle, title=EVIL)
    puzzle_id = saved(evil)
    response = client.get(f"/p/{puzzle_id}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "</script><script>" not in html and "<!-- &" not in html
    match = re.search(
        r'<script type="application/json" id="puzzle-data">(.*?)</script>', html, re.S
    )
    assert match, "the page embeds the puzzle as application/json"
    embedded = json.loads(match.group(1))
    full = puzzle_to_dict(evil, solution=True)
    assert embedded["title"] == EVIL and embedded["grid"] == full["grid"]
    # everything the player needs, nothing only the server uses; what the player derives
    # (the answer from the grid, the shape, a plain "5" enumeration) is left out for weight
    assert [(e["id"], e["clue"], e.get("emoji")) for e in embedded["entries"]] == [
        (e["id"], e["clue"], e["emoji"]) for e in full["entries"]
    ]
    spelled = [
        "".join(
            embedded["grid"][e["row"] + k * (e["direction"] == "down")][
                e["col"] + k * (e["direction"] == "across")
            ]
            for k in range(e["length"])
        )
        for e in embedded["entries"]
    ]
    assert spelled == [e["answer"] for e in full["entries"]]
    assert "stats" not in embedded and "notes" not in embedded["entries"][0]
    assert puzzle_id in html


def test_an_unknown_puzzle_is_an_html_404(client):
    response = client.get("/p/NoSuchPuzz")
    assert response.status_code == 404 and response.mimetype == "text/html"
    assert "no puzzle at this address" in response.get_data(as_text=True)
    assert client.get("/p/not..valid").status_code == 404


@pytest.mark.parametrize("variant", ["text", "emoji", "both"])
def test_the_print_page(client, saved, variant):
    puzzle_id = saved()
    response = client.get(f"/p/{puzzle_id}/print?variant={variant}&key=1")
    assert response.status_code == 200 and response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert "Marsh grass" in html or "🌾" in html
    assert "River life" in html


def test_the_print_page_has_controls_and_a_policy_that_allows_only_them(client, saved):
    puzzle_id = saved()
    response = client.get(f"/p/{puzzle_id}/print?variant=both&key=1&bank=1&paper=a4")
    html = response.get_data(as_text=True)
    assert '<form class="controls" method="get"' in html
    assert 'name="key" value="1" checked' in html and 'name="bank" value="1" checked' in html
    assert 'class="bank"' in html and "@page { size: A4; }" in html
    csp = response.headers["Content-Security-Policy"]
    assert "form-action 'self'" in csp and "unsafe-inline" not in csp
    assert "script-src 'self';" in csp
    assert '<script src="/static/js/print.js" defer></script>' in html
    assert client.get("/static/js/print.js").status_code == 200
    # The API's print page is the bare document: no form, no script.
    bare = client.get(f"/api/puzzles/{puzzle_id}/print?key=1")
    assert "<form" not in bare.get_data(as_text=True)
    assert "form-action 'none'" in bare.headers["Content-Security-Policy"]


def test_a_bad_print_option_is_an_html_422(client, saved):
    response = client.get(f"/p/{saved()}/print?variant=loud")
    assert response.status_code == 422 and response.mimetype == "text/html"
    assert "choose one of" in response.get_data(as_text=True)


def test_the_traces_page(client, saved, small_puzzle):
    saved(replace(small_puzzle, title=EVIL))
    response = client.get("/traces")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Totals per day" in html and "Recent puzzles" in html
    assert "&lt;/script&gt;&lt;script&gt;" in html and "</script><script>" not in html


def test_pages_405_is_html(client):
    response = client.post("/traces")
    assert response.status_code == 405 and response.mimetype == "text/html"


@pytest.mark.parametrize(
    "path", ["/static/js/make.js", "/static/css/site.css", "/static/favicon.svg"]
)
def test_static_files(client, path):
    with client.get(path) as response:
        assert response.status_code == 200


def test_the_serve_command_has_help():
    from crossword.cli import main

    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--port" in result.output and "127.0.0.1" in result.output and "5000" in result.output


def test_the_serve_command_starts_the_app(monkeypatch, tmp_path):
    from flask import Flask

    from crossword.cli import main

    calls = {}
    monkeypatch.setattr(Flask, "run", lambda self, **kw: calls.update(kw, app=self))
    result = CliRunner().invoke(
        main, ["serve", "--port", "5123", "--database", str(tmp_path / "x.db")]
    )
    assert result.exit_code == 0, result.output
    assert calls["host"] == "127.0.0.1" and calls["port"] == 5123
    assert calls["app"].config["DATABASE"] == str(tmp_path / "x.db")


def test_every_setting_is_documented():
    from web.config import DEFAULTS, SECRET_NAMES

    text = (WEB.parent / "docs" / "CONFIG.md").read_text(encoding="utf-8")
    for key in [*DEFAULTS, *SECRET_NAMES, "DATABASE_URL", "LLM_API_KEY"]:
        assert f"`{key}`" in text, key


def test_the_play_page_says_who_wrote_the_hints_and_links_print_and_files(
    client, saved, small_puzzle
):
    puzzle_id = saved(replace(small_puzzle, provider="openai", model="gpt-4o-mini"))
    html = client.get(f"/p/{puzzle_id}").get_data(as_text=True)
    assert re.search(r"Hints by <strong>openai · gpt-4o-mini</strong>", html)
    for href in (
        f"/p/{puzzle_id}/print?variant=both&amp;key=1",
        f"/api/puzzles/{puzzle_id}.ipuz",
        f"/api/puzzles/{puzzle_id}.puz",
    ):
        assert f'href="{href}"' in html
    offline = saved(small_puzzle)
    assert "Hints by <strong>the built-in word list</strong>" in client.get(
        f"/p/{offline}"
    ).get_data(as_text=True)
