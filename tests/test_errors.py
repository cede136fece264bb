"""Error bodies say what happened in plain words: no host, port, path or driver text."""

from __future__ import annotations

import logging

from crossword import lexicon, themes


def test_missing_shipped_data_is_a_500_not_the_makers_fault(
    make_app, monkeypatch, tmp_path, caplog
):
    from crossword.hints.offline import OfflineHintProvider

    empty = tmp_path / "no-wordlists"
    monkeypatch.setattr(lexicon, "_DEFAULT", lexicon.Lexicon(empty))
    monkeypatch.setattr(themes, "DATA_DIR", empty)
    app = make_app(OfflineHintProvider())
    with caplog.at_level(logging.ERROR):
        response = app.test_client().post("/api/puzzles", json={"topic": "space", "seed": 1})
    body = response.get_json()
    assert response.status_code == 500, body
    assert body["ok"] is False and "missing from this installation" in body["error"]
    assert all(e["field"] is None for e in body.get("errors", []))
    assert str(tmp_path) not in response.get_data(as_text=True)
    assert str(empty) in caplog.text  # the operator finds the path in the log
