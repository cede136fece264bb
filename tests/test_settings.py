"""Settings the edges share: one default database for every command."""

from __future__ import annotations

import json

from click.testing import CliRunner

from crossword.cli import main
from crossword.db import connect
from crossword.settings import database_url, default_database
from crossword.trace import Attempt, Tracer


def test_the_default_database_is_in_the_users_data_directory(tmp_path):
    home = {"HOME": str(tmp_path)}
    expected = tmp_path / ".local/share/emoji-crossword/crossword.sqlite3"
    assert default_database(home) == str(expected)
    xdg = {"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data")}
    assert default_database(xdg) == str(tmp_path / "data/emoji-crossword/crossword.sqlite3")


def test_the_database_is_chosen_in_one_order():
    env = {"HOME": "/h", "DATABASE_URL": "postgres://platform/db"}
    assert database_url(env) == "postgres://platform/db"
    assert database_url({**env, "CROSSWORD_DATABASE": "/x.sqlite3"}) == "/x.sqlite3"
    assert (
        database_url({**env, "CROSSWORD_DATABASE": "/x.sqlite3"}, "/opt.sqlite3") == "/opt.sqlite3"
    )


def _one_trace(url: str) -> None:
    Tracer(connect(url)).record(
        Attempt(job="j1", provider="openai", model="gpt-4o-mini", purpose="hints", outcome="ok")
    )


def test_traces_reads_database_url(tmp_path, monkeypatch):
    url = str(tmp_path / "platform.sqlite3")
    _one_trace(url)
    monkeypatch.setenv("DATABASE_URL", url)
    result = CliRunner().invoke(main, ["traces", "--json"])
    assert result.exit_code == 0, result.output
    assert [r["job"] for r in json.loads(result.output)["recent"]] == ["j1"]


def test_serve_and_traces_share_the_default_database(tmp_path, monkeypatch):
    """No setting at all: the web app and `crossword traces` open the same file."""
    from web import create_app

    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    app = create_app({"TESTING": True})
    try:
        db_url = app.extensions["crossword.store"].db.url
        assert db_url == default_database({"HOME": str(tmp_path)})
        _one_trace(db_url)
    finally:
        app.extensions["crossword.jobs"].shutdown()
    result = CliRunner().invoke(main, ["traces", "--json"])
    assert result.exit_code == 0, result.output
    assert [r["job"] for r in json.loads(result.output)["recent"]] == ["j1"]
