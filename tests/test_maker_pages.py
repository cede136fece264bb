"""The public site frame: no operations links in the header of any page."""

from __future__ import annotations

import re

import pytest

from web.store import get_store


def header_and_footer(html: str) -> tuple[str, str]:
    header = re.search(r'<header class="site-header">.*?</header>', html, re.S)
    footer = re.search(r'<footer class="site-footer">.*?</footer>', html, re.S)
    assert header and footer
    return header.group(0), footer.group(0)


@pytest.mark.parametrize("page", ["make", "play", "missing"])
def test_the_header_has_no_operations_links(make_app, small_puzzle, page):
    app = make_app(TRACES=True)
    with app.app_context():
        puzzle_id = get_store().save(small_puzzle)
    url = {"make": "/", "play": f"/p/{puzzle_id}", "missing": "/p/NoSuchPuzz"}[page]
    header, footer = header_and_footer(app.test_client().get(url).get_data(as_text=True))
    links = re.findall(r"<a [^>]*>(.*?)</a>", header, re.S)
    assert not [text for text in links if re.search(r"\b(Traces|API)\b", text)], links
    assert "/traces" not in header and "/api/" not in header
    assert re.search(r'<a href="/api/openapi.json">API</a>', footer)


@pytest.mark.parametrize(
    ("body", "headline", "field", "message"),
    [
        ({"entries": [{"word": "", "clue": "just a clue"}]}, "entry 1, word: is empty",
         "entries.0.word", "is empty"),
        ({"words": ["otter", "x" * 41]}, "word 2: is longer than 40 characters",
         "words.1", "is longer than 40 characters"),
        ({"topic": "space", "count": 1}, "count: must be at least 4", "count", "must be at least 4"),
        ({"topic": "space", "max_size": 99}, "max size: must be at most 60", "max_size",
         "must be at most 60"),
    ],
    ids=["clue-without-word", "long-word", "count", "max-size"],
)  # fmt: skip
def test_validation_messages_are_for_people(client, body, headline, field, message):
    response = client.post("/api/puzzles", json=body)
    assert response.status_code == 422
    got = response.get_json()
    assert got["error"] == headline
    assert got["errors"] == [{"field": field, "message": message}]
