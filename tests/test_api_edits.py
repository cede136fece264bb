"""Review and edit before sharing: POST /api/puzzles/<id>/edits makes a new puzzle.

The rule these tests hold: a stored (possibly shared) puzzle never changes; an edit is
a new puzzle under a new id, made only when every edited hint passes the hint checks.
"""

from __future__ import annotations

import pytest

from web.store import get_store

ENTRIES = [
    {"word": "otter", "clue": "Playful river swimmer", "emoji": "🦦🌊"},
    {"word": "beaver", "clue": "Dam builder", "emoji": "🦫🪵"},
    {"word": "heron", "clue": "Wading bird", "emoji": "🐦🌾"},
    {"word": "salmon", "clue": "Fish that swims upstream", "emoji": "🐟⬆️"},
    {"word": "trout", "clue": "Speckled freshwater fish", "emoji": "🎣"},
    {"word": "reed", "clue": "Marsh grass", "emoji": "🌾💧"},
]


@pytest.fixture
def made(client):
    """A stored puzzle made from ENTRIES: (id, {answer: wire entry with solution})."""
    response = client.post("/api/puzzles", json={"entries": ENTRIES, "seed": 2})
    assert response.status_code == 201, response.get_data(as_text=True)
    puzzle_id = response.get_json()["id"]
    return puzzle_id, by_answer(client, puzzle_id)


def by_answer(client, puzzle_id):
    data = client.get(f"/api/puzzles/{puzzle_id}?solution=1").get_json()["puzzle"]
    return {e["answer"]: e for e in data["entries"]}


def edit(client, puzzle_id, **body):
    return client.post(f"/api/puzzles/{puzzle_id}/edits", json=body)


def stored(app):
    with app.app_context():
        return get_store().count()


def test_an_edited_clue_is_a_new_puzzle_and_the_shared_one_is_unchanged(client, made):
    old_id, old = made
    otter = old["OTTER"]
    response = edit(client, old_id, entries={otter["id"]: {"clue": "Whiskered swimmer"}})
    assert response.status_code == 201, response.get_data(as_text=True)
    body = response.get_json()
    assert body["id"] != old_id and body["based_on"] == old_id
    assert response.headers["Location"] == f"/api/puzzles/{body['id']}"
    new = by_answer(client, body["id"])
    assert new["OTTER"]["clue"] == "Whiskered swimmer" and new["OTTER"]["source"] == "user"
    assert new["OTTER"]["emoji"] == otter["emoji"]  # only the field sent changes
    assert {a: e["clue"] for a, e in new.items() if a != "OTTER"} == {
        a: e["clue"] for a, e in old.items() if a != "OTTER"
    }
    # the link already shared still opens exactly the puzzle it opened before
    assert by_answer(client, old_id) == old
    assert client.get(f"/p/{old_id}").status_code == 200


def test_a_clue_that_gives_the_answer_away_is_refused_with_the_reason(app, client, made):
    old_id, old = made
    before = stored(app)
    entry_id = old["OTTER"]["id"]
    response = edit(client, old_id, entries={entry_id: {"clue": "An otter, of course"}})
    assert response.status_code == 422
    body = response.get_json()
    assert body["errors"] == [
        {
            "field": f"entries.{entry_id}.clue",
            "message": "The clue contains the answer 'OTTER' or a form of it; "
            "describe it without the word",
        }
    ]
    assert body["error"].startswith(f"{entry_id.replace('-', ' ')} (OTTER), clue: the clue")
    assert stored(app) == before  # a refused edit stores nothing


@pytest.mark.parametrize(
    ("emoji", "reason"),
    [("OTTER", "only emoji"), ("🦫🪵", "same as another entry's"), ("🦦🦦🦦🦦🦦🦦", "at most 5")],
    ids=["letters", "duplicate", "too-many"],
)
def test_an_emoji_clue_is_checked_like_a_model_one(client, made, emoji, reason):
    old_id, old = made
    entry_id = old["OTTER"]["id"]
    response = edit(client, old_id, entries={entry_id: {"emoji": emoji}})
    assert response.status_code == 422
    [error] = response.get_json()["errors"]
    assert error["field"] == f"entries.{entry_id}.emoji" and reason in error["message"]


def test_another_answer_in_a_clue_is_refused(client, made):
    old_id, old = made
    response = edit(client, old_id, entries={old["OTTER"]["id"]: {"clue": "Eats trout"}})
    assert response.status_code == 422
    assert "TROUT" in response.get_json()["errors"][0]["message"]


def test_an_empty_emoji_clue_removes_it_and_a_clue_cannot_be_empty(client, made):
    old_id, old = made
    entry_id = old["HERON"]["id"]
    response = edit(client, old_id, entries={entry_id: {"emoji": ""}})
    assert response.status_code == 201
    assert by_answer(client, response.get_json()["id"])["HERON"]["emoji"] is None
    response = edit(client, old_id, entries={entry_id: {"clue": "  "}})
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["field"] == f"entries.{entry_id}.clue"


def test_removing_a_word_lays_the_rest_out_again_and_keeps_their_hints(client, made):
    old_id, old = made
    response = edit(client, old_id, remove=[old["SALMON"]["id"]], solution=True)
    assert response.status_code == 201, response.get_data(as_text=True)
    puzzle = response.get_json()["puzzle"]
    new = {e["answer"]: e for e in puzzle["entries"]}
    assert set(new) == set(old) - {"SALMON"}
    for answer, entry in new.items():
        assert (entry["clue"], entry["emoji"]) == (old[answer]["clue"], old[answer]["emoji"])
    letters = sum(row.count("1") for row in puzzle["shape"])
    assert "".join(puzzle["grid"]).replace("#", "") != "" and letters == sum(
        len(row) - row.count("#") for row in puzzle["grid"]
    )
    assert max(puzzle["width"], puzzle["height"]) <= max(
        client.get(f"/api/puzzles/{old_id}").get_json()["puzzle"][k] for k in ("width", "height")
    )
    assert "SALMON" in by_answer(client, old_id)  # the old puzzle keeps it


def test_edit_and_remove_together_and_a_new_title(client, made):
    old_id, old = made
    response = edit(
        client,
        old_id,
        entries={old["REED"]["id"]: {"clue": "Tall marsh plant", "emoji": "🌿"}},
        remove=[old["TROUT"]["id"]],
        title="River life",
        solution=True,
    )
    assert response.status_code == 201, response.get_data(as_text=True)
    puzzle = response.get_json()["puzzle"]
    reed = next(e for e in puzzle["entries"] if e["answer"] == "REED")
    assert (reed["clue"], reed["emoji"], puzzle["title"]) == (
        "Tall marsh plant",
        "🌿",
        "River life",
    )
    assert "TROUT" not in {e["answer"] for e in puzzle["entries"]}


def test_removing_all_but_one_word_is_refused(client, made):
    old_id, old = made
    keep = "OTTER"
    response = edit(client, old_id, remove=[e["id"] for a, e in old.items() if a != keep])
    assert response.status_code == 422
    body = response.get_json()
    assert body["errors"][0]["field"] == "remove" and "at least two" in body["error"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"entries": {"99-across": {"clue": "Nothing"}}}, "entries.99-across"),
        ({"remove": ["98-down"]}, "remove"),
        ({}, None),
        ({"entries": {"otter": {"clue": "x"}}}, "entries.otter.[key]"),
        ({"remove": ["1-across"], "colour": "red"}, "colour"),
    ],
    ids=["unknown-entry", "unknown-removal", "nothing", "bad-entry-id", "unknown-field"],
)
def test_bad_edits_name_the_field(app, client, made, body, field):
    old_id, _ = made
    before = stored(app)
    response = edit(client, old_id, **body)
    assert response.status_code == 422, response.get_data(as_text=True)
    errors = response.get_json()["errors"]
    assert field in [e["field"] for e in errors]
    assert stored(app) == before


def test_editing_a_missing_puzzle_is_404(client):
    response = edit(client, "NoSuchPuzz", entries={"1-across": {"clue": "x"}})
    assert response.status_code == 404 and response.get_json()["ok"] is False
