"""Input limits: each one answers with a clear error naming the field, and the API,
the maker page and the CLI share them (crossword/limits.py, docs/LIMITS.md)."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hardening_helpers import REFUSED, WORDS

from crossword import limits
from crossword.cli import main as cli
from web.errors import field_label

ROOT = Path(__file__).resolve().parents[2]


def error(response, status):
    body = response.get_json()
    assert response.status_code == status, body
    assert body["ok"] is False and body["status"] == status and body["error"]
    return body


def fields(body) -> set[str | None]:
    return {e["field"] for e in body.get("errors", [])}


TOO_LONG = [
    ({"words": ["otter", "x" * (limits.MAX_WORD_CHARS + 1)]}, "words.1"),
    ({"entries": [{"word": "otter", "clue": "c" * (limits.MAX_CLUE_CHARS + 1)}]}, "entries.0.clue"),
    (
        {"entries": [{"word": "otter", "emoji": "🦦" * (limits.MAX_EMOJI_CHARS + 1)}]},
        "entries.0.emoji",
    ),
    ({"topic": "t" * (limits.MAX_TOPIC_CHARS + 1)}, "topic"),
    ({"words": WORDS, "title": "t" * (limits.MAX_TITLE_CHARS + 1)}, "title"),
    ({"topic": "rivers", "count": limits.MAX_COUNT + 1}, "count"),
    ({"topic": "rivers", "count": limits.MIN_COUNT - 1}, "count"),
    ({"words": WORDS, "max_size": limits.MAX_SIZE + 1}, "max_size"),
    ({"words": WORDS, "seed": limits.MAX_SEED + 1}, "seed"),
    ({"words": WORDS, "seed": 10**40}, "seed"),
    ({"words": WORDS, "count": 1e308}, "count"),
    ({"words": WORDS, "extra": 1}, "extra"),
    ({"entries": [{"word": "otter", "answer": "OTTER"}]}, "entries.0.answer"),
    ({"words": "otter"}, "words"),
    ({"words": [["otter"]]}, "words.0"),
    ({"words": [None]}, "words.0"),
    ({"words": ["   "]}, "words.0"),
    ({"entries": [{"clue": "no word"}]}, "entries.0.word"),
    ({"topic": {"$gt": ""}}, "topic"),
    ({"words": WORDS, "solution": "yes please"}, "solution"),
]


@pytest.mark.parametrize(("body", "field"), TOO_LONG, ids=[f for _, f in TOO_LONG])
def test_over_a_field_limit_is_422_naming_the_field(client, body, field):
    body = error(client.post("/api/puzzles", json=body), 422)
    assert field in fields(body), body
    assert body["error"].startswith(field_label(field)), body["error"]  # said in words


def test_ten_thousand_words_are_413_or_422_never_work(make_app):
    client = make_app(MAX_CONTENT_LENGTH=10**7).test_client()  # past the body limit: the count
    body = error(client.post("/api/puzzles", json={"words": ["otter"] * 10_000}), 422)
    assert fields(body) == {"words"} and "at most 120 words (got 10000)" in body["error"]
    # with the default body limit the same list is too large to read at all
    client = make_app().test_client()
    assert client.post("/api/puzzles", json={"words": ["otter"] * 10_000}).status_code == 413


def test_a_pasted_novel_is_413(client):
    novel = "It was a dark and stormy night; " * 4000
    body = error(client.post("/api/puzzles", json={"topic": novel}), 413)
    assert str(limits.MAX_BODY_BYTES) in body["error"]


def test_a_chunked_body_over_the_limit_is_413(client):
    """No Content-Length (chunked upload): the limit still holds while reading."""
    big = b'{"words": ["' + b"a" * (limits.MAX_BODY_BYTES + 10) + b'"]}'
    response = client.post(
        "/api/puzzles",
        input_stream=io.BytesIO(big),
        headers={"Content-Type": "application/json", "Transfer-Encoding": "chunked"},
        environ_overrides={"wsgi.input_terminated": True},
    )
    error(response, 413)


@pytest.mark.parametrize("name", list(REFUSED))
@pytest.mark.parametrize(
    "where", ["words.0", "entries.0.clue", "entries.0.emoji", "topic", "title"]
)
def test_control_characters_are_422(client, where, name):
    text = REFUSED[name]
    if where == "words.0":
        body = {"words": [text, *WORDS]}
    elif where.startswith("entries"):
        key = where.rsplit(".", 1)[1]
        body = {"entries": [{"word": "otter", key: text}, *({"word": w} for w in WORDS)]}
    elif where == "topic":
        body = {"topic": text}
    else:
        body = {"words": WORDS, "title": text}
    data = json.dumps(body)  # ASCII escapes: a lone surrogate travels as \\ud800
    answer = error(client.post("/api/puzzles", data=data, content_type="application/json"), 422)
    assert where in fields(answer)


def test_a_lone_surrogate_in_raw_json_is_422_not_500(client):
    raw = b'{"words": ["otter", "heron", "be\\ud800aver"], "title": "t\\udfff"}'
    body = error(client.post("/api/puzzles", data=raw, content_type="application/json"), 422)
    assert {"words.2", "title"} <= fields(body)


def test_line_breaks_and_tabs_become_spaces(client):
    response = client.post(
        "/api/puzzles",
        json={
            "entries": [
                {"word": "otter", "clue": "Playful\n\triver\r\nswimmer"},
                *({"word": w} for w in WORDS[1:]),
            ],
            "title": "  River\nlife  ",
        },
    )
    assert response.status_code == 201, response.get_json()
    puzzle = response.get_json()["puzzle"]
    assert puzzle["title"] == "River life"
    assert "Playful river swimmer" in {e["clue"] for e in puzzle["entries"]}


@pytest.mark.parametrize(
    ("data", "content_type", "status"),
    [
        (b'{"words": ["otter"]}', "text/plain", 415),
        (b"words=otter", "application/x-www-form-urlencoded", 415),
        (b'{"words": ["otter"]}', None, 415),
        (b"[" * 50_000 + b"]" * 50_000, "application/json", 413),
        (b"[" * 20_000 + b"]" * 20_000, "application/json", 400),
        (b'{"words": ["otter"], "words": 5}', "application/json", 422),
        (b"\xff\xfe{", "application/json", 400),
        (b"NaN", "application/json", 400),
    ],
    ids=["text-plain", "form", "no-type", "deep-413", "deep-400", "dup-key", "bad-utf8", "nan"],
)
def test_bodies_that_are_not_a_json_object(client, data, content_type, status):
    headers = {"Content-Type": content_type} if content_type else {}
    error(client.post("/api/puzzles", data=data, headers=headers), status)


# -- one place: the maker page and the CLI use the same numbers ---------------------
def test_the_maker_page_uses_the_limits(client):
    html = client.get("/").get_data(as_text=True)
    assert f'id="topic" name="topic" type="text" maxlength="{limits.MAX_TOPIC_CHARS}"' in html
    assert f'id="title" name="title" type="text" maxlength="{limits.MAX_TITLE_CHARS}"' in html
    assert f'data-max-words="{limits.MAX_WORDS}"' in html
    assert f'data-max-word-chars="{limits.MAX_WORD_CHARS}"' in html
    assert f'data-max-clue-chars="{limits.MAX_CLUE_CHARS}"' in html
    assert f'min="{limits.MIN_COUNT}" max="{limits.MAX_COUNT}"' in html


def test_the_openapi_schema_carries_the_limits(client):
    schemas = client.get("/api/openapi.json").get_json()["components"]["schemas"]
    text = str(schemas)
    for value in (limits.MAX_WORD_CHARS, limits.MAX_CLUE_CHARS, limits.MAX_TOPIC_CHARS):
        assert f"'maxLength': {value}" in text


@pytest.mark.parametrize(
    ("lines", "args", "message"),
    [
        (["otter", "x" * (limits.MAX_WORD_CHARS + 1)], [], "at most 40 characters"),
        (["otter: " + "c" * (limits.MAX_CLUE_CHARS + 1)], [], "entries.0.clue"),
        (["otter"] * (limits.MAX_WORDS + 1), [], "at most 120 words"),
        (["otter: a\x1bclue"], [], "control characters"),
        (["otter", "heron"], ["--title", "t" * 81], "title"),
        (["otter", "heron"], ["--max-size", "61"], "--max-size"),
        (["otter", "heron"], ["--seed", "-1"], "--seed"),
    ],
    ids=["word", "clue", "count", "control", "title", "max-size", "seed"],
)
def test_the_cli_has_the_same_limits(tmp_path, lines, args, message):
    words = tmp_path / "words.txt"
    words.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["generate", str(words), *args])
    assert result.exit_code == 2, result.output
    assert message in result.output


def test_the_cli_topic_count_is_bounded():
    result = CliRunner().invoke(cli, ["generate", "--topic", "space", "--count", "41"])
    assert result.exit_code == 2 and "4<=x<=40" in result.output


def test_every_limit_is_documented_in_one_place():
    text = (ROOT / "docs" / "LIMITS.md").read_text(encoding="utf-8")
    for name in limits.__all__:
        if name.isupper():
            assert f"`{name}`" in text, name
    for value in (
        "64 KiB",
        "| 120 |",
        "40 characters",
        "200 characters",
        "80 characters",
        "4–40",
        "5–60",
    ):
        assert value in text, value
    assert "LIMITS.md" in (ROOT / "docs" / "CONFIG.md").read_text(encoding="utf-8")
    assert re.search(r"MAX_WORDS = 120\b", (ROOT / "crossword" / "limits.py").read_text())
