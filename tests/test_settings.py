"""Settings the edges share: one table of settings, one default database for every command."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from crossword import ProviderConfig, settings
from crossword.cli import main
from crossword.db import connect
from crossword.settings import database_url, default_database
from crossword.trace import Attempt, Tracer
from web.config import DEFAULTS, LOWER_ONLY, SECRET_NAMES


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


# --- every setting declared once: the table drives the web config, the CLI and the docs ---

ROOT = Path(__file__).resolve().parents[1]


def test_docs_config_md_shows_the_table_as_declared():
    """Run scripts/config_docs.py after changing crossword/settings.py."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "config_docs.py"), "--check"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    text = (ROOT / "docs" / "CONFIG.md").read_text(encoding="utf-8")
    for setting in settings.SETTINGS:
        assert f"| `{setting.name}` | {', '.join(f'`{v}`' for v in setting.variables)} |" in text


def test_the_docs_check_fails_on_a_stale_page(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location(
        "config_docs", ROOT / "scripts" / "config_docs.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    page = tmp_path / "CONFIG.md"
    text = (ROOT / "docs" / "CONFIG.md").read_text(encoding="utf-8")
    page.write_text(text.replace("| `MAX_WORDS` |", "| `MAX_WORDZ` |"), encoding="utf-8")
    monkeypatch.setattr(module, "DOC", page)
    assert module.main(["--check"]) == 1
    assert module.main([]) == 0 and module.main(["--check"]) == 0
    assert page.read_text(encoding="utf-8") == text


def test_the_web_config_is_derived_from_the_table():
    assert {s.name: s.default for s in settings.SETTINGS} == DEFAULTS
    assert LOWER_ONLY == {"MAX_CONTENT_LENGTH": 65536, "MAX_WORDS": 120, "MAX_COUNT": 40}
    assert set(SECRET_NAMES) == {"OPENAI_API_KEY", "GEMINI_API_KEY", "GOOGLE_API_KEY"}


# A value for every setting, as an operator writes it, and what both edges make of it.
GOOD = {
    "DATABASE": ("/srv/x.sqlite3", "/srv/x.sqlite3"),
    "DATABASE_POOL_SIZE": ("3", 3),
    "DATABASE_BUSY_TIMEOUT": ("2.5", 2.5),
    "PROVIDER": ("Offline", "offline"),
    "MODEL": ("llama3.1", "llama3.1"),
    "BASE_URL": ("http://127.0.0.1:9/v1", "http://127.0.0.1:9/v1"),
    "LLM_MODE": ("json", "json"),
    "LLM_TIMEOUT": ("2.5", 2.5),
    "LLM_API_KEY": ("c-key", "c-key"),
    "OPENAI_API_KEY": ("o-key", "o-key"),
    "GEMINI_API_KEY": ("g-key", "g-key"),
    "MAX_CONTENT_LENGTH": ("4096", 4096),
    "MAX_WORDS": ("12", 12),
    "MAX_COUNT": ("10", 10),
    "DEFAULT_COUNT": ("8", 8),
    "MAX_SIZE_CHOICES": ("[11, 13]", [11, 13]),
    "LAYOUT_TIME_LIMIT": ("3", 3.0),
    "QUEUE": ("memory", "memory"),
    "JOB_WORKERS": ("3", 3),
    "EMBEDDED_WORKER": ("false", False),
    "WORKER_NICE": ("5", 5),
    "JOB_QUEUE_LIMIT": ("7", 7),
    "SYNC_WAIT": ("0.5", 0.5),
    "SYNC_WAIT_SLOTS": ("2", 2),
    "JOB_LEASE_SECONDS": ("20", 20),
    "JOB_MAX_ATTEMPTS": ("3", 3),
    "JOB_QUEUE_TIMEOUT": ("60", 60),
    "PUBLIC_URL": ("https://crossword.example", "https://crossword.example"),
    "UPLOAD_SLOTS": ("2", 2),
    "BODY_TIMEOUT": ("1.5", 1.5),
    "BODY_DEADLINE": ("9", 9.0),
    "RATE_LIMIT_PER_MINUTE": ("5", 5),
    "RATE_LIMIT_STORE": ("memory", "memory"),
    "MAX_MODEL_CALLS": ("4", 4),
    "DAILY_BUDGET_USD": ("1.25", 1.25),
    "PROXY_COUNT": ("1", 1),
    "TRUSTED_PROXIES": ("10.0.0.1, 192.0.2.0/24", "10.0.0.1, 192.0.2.0/24"),
    "TRACES": ("off", False),
    "ADMIN_TOKEN": ("t0ken", "t0ken"),
}


def test_every_setting_has_a_sample_here():
    assert set(GOOD) == set(settings.BY_NAME)


def test_the_web_app_and_the_cli_read_every_setting_alike(tmp_path, monkeypatch):
    """The same variables, the same types: the CLI's `settings.load` and create_app."""
    from web import create_app

    env = {settings.BY_NAME[name].variable: raw for name, (raw, _) in GOOD.items()}
    env["CROSSWORD_DATABASE"] = str(tmp_path / "x.sqlite3")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    loaded = settings.load(env)
    app = create_app()
    try:
        for name, (_, expected) in GOOD.items():
            if name == "DATABASE":
                expected = env["CROSSWORD_DATABASE"]
            assert loaded[name] == expected, name
            assert app.config[name] == expected, name
    finally:
        app.extensions["crossword.jobs"].shutdown(wait=True)


def test_a_variable_without_the_prefix_is_read_after_the_prefixed_one():
    env = {"HOME": "/h", "DATABASE_URL": "postgresql://h/db", "GOOGLE_API_KEY": "g"}
    assert settings.load(env)["DATABASE"] == "postgresql://h/db"
    assert settings.load(env)["GEMINI_API_KEY"] == "g"
    both = {**env, "CROSSWORD_DATABASE": "/x.sqlite3", "GEMINI_API_KEY": "g2"}
    assert settings.load(both)["DATABASE"] == "/x.sqlite3"
    assert settings.load(both)["GEMINI_API_KEY"] == "g2"


REFUSED = [
    ({"CROSSWORD_QUEUE": "redis"}, "CROSSWORD_QUEUE must be one of database, memory, not 'redis'"),
    ({"CROSSWORD_PROVIDER": "claude"}, "CROSSWORD_PROVIDER must be one of"),
    ({"CROSSWORD_MAX_SIZE_CHOICES": "15,big"}, "CROSSWORD_MAX_SIZE_CHOICES must be whole numbers"),
    (
        {"CROSSWORD_MAX_COUNT": "10", "CROSSWORD_DEFAULT_COUNT": "12"},
        "CROSSWORD_DEFAULT_COUNT must be at most MAX_COUNT (10), not 12",
    ),
    ({"CROSSWORD_LLM_TIMEOUT": "inf"}, "CROSSWORD_LLM_TIMEOUT must be a number of 0 or more"),
]


@pytest.mark.parametrize("env, says", REFUSED, ids=[next(iter(e)) for e, _ in REFUSED])
def test_a_bad_value_is_named_in_one_line(env, says):
    with pytest.raises(settings.SettingError) as refused:
        settings.load(env)
    assert str(refused.value).startswith(says) and "\n" not in str(refused.value)


def test_an_unset_default_count_stays_within_a_lowered_max_count():
    assert settings.load({})["DEFAULT_COUNT"] == 15
    assert settings.load({"CROSSWORD_MAX_COUNT": "10"})["DEFAULT_COUNT"] == 10
    assert (
        settings.load({"CROSSWORD_MAX_COUNT": "10", "CROSSWORD_DEFAULT_COUNT": "6"})[
            "DEFAULT_COUNT"
        ]
        == 6
    )


def test_the_provider_configuration_hides_its_keys():
    values = settings.load({"OPENAI_API_KEY": "sk-secret-1", "GEMINI_API_KEY": "g-secret-2",
                            "CROSSWORD_LLM_API_KEY": "c-secret-3"})  # fmt: skip
    config = ProviderConfig.from_settings(values)
    assert config.chosen == "openai" and config.api_key == "c-secret-3"
    for shown in (repr(config), str(config)):
        assert "secret" not in shown and "ProviderConfig(" in shown
    assert config.available == ["offline", "openai", "gemini"]
    assert config.choose("gemini").chosen == "gemini" and config.choose(None) is config
