"""A bad setting stops start-up with one line naming it (web/config.py `check`), in
create_app, `crossword serve`/`worker` and gunicorn's master; limits can be lowered only."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from crossword import settings
from crossword.cli import main
from web import create_app
from web.config import SettingError, check_environment

ROOT = Path(__file__).resolve().parents[1]

BAD = [
    ("CROSSWORD_JOB_WORKERS", "abc", "must be a number"),
    ("CROSSWORD_RATE_LIMIT_PER_MINUTE", "ten", "must be a number"),
    ("CROSSWORD_SYNC_WAIT", "-1", "of 0 or more"),
    ("CROSSWORD_JOB_WORKERS", "2.5", "whole number"),
    ("CROSSWORD_EMBEDDED_WORKER", "maybe", "true or false"),
    ("CROSSWORD_MAX_WORDS", "500", "can be lowered, not raised"),
    ("CROSSWORD_MAX_CONTENT_LENGTH", "99999999", "can be lowered, not raised"),
]


@pytest.mark.parametrize("name, value, says", BAD, ids=[f"{n}={v}" for n, v, _ in BAD])
def test_a_bad_value_is_refused_by_name(monkeypatch, tmp_path, name, value, says):
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingError) as refused:
        create_app({"DATABASE": str(tmp_path / "x.sqlite3"), "QUEUE": "memory"})
    message = str(refused.value)
    assert message.startswith(name) and says in message and "\n" not in message
    with pytest.raises(SettingError, match=name):
        check_environment()


def test_good_values_from_the_environment_get_their_types(monkeypatch, make_app):
    for name, value in [("EMBEDDED_WORKER", "false"), ("DAILY_BUDGET_USD", "2.5"),
                        ("MAX_WORDS", "10"), ("JOB_WORKERS", "3"), ("TRACES", "off")]:  # fmt: skip
        monkeypatch.setenv(f"CROSSWORD_{name}", value)
    check_environment()
    config = make_app().config
    assert config["EMBEDDED_WORKER"] is False and config["TRACES"] is False
    assert config["DAILY_BUDGET_USD"] == 2.5 and config["MAX_WORDS"] == 10
    assert config["JOB_WORKERS"] == 3


def test_the_cli_says_it_in_one_line(monkeypatch, tmp_path):
    from click.testing import CliRunner

    monkeypatch.setenv("CROSSWORD_JOB_WORKERS", "abc")
    for command in (["serve", "--database", str(tmp_path / "x.sqlite3")], ["worker"]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 1, result.output
        assert result.output.strip() == (
            "Error: CROSSWORD_JOB_WORKERS must be a number of 0 or more, not 'abc'"
        )


def test_gunicorn_stops_before_any_worker_with_one_line(tmp_path):
    gunicorn = Path(sys.executable).with_name("gunicorn")
    if not gunicorn.exists():
        pytest.skip("gunicorn is not installed in this venv")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "CROSSWORD_JOB_WORKERS": "abc",
           "CROSSWORD_DATABASE": str(tmp_path / "x.sqlite3"),
           "CROSSWORD_JOB_WORKER": "3"}  # fmt: skip  # a typo, named as a warning
    done = subprocess.run(
        [str(gunicorn), "web:create_app()", "-c", "gunicorn.conf.py", "-b", "127.0.0.1:0"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode != 0
    assert "crossword: CROSSWORD_JOB_WORKERS must be a number" in done.stderr
    assert "Traceback" not in done.stderr and "Booting worker" not in done.stderr
    assert (
        "crossword: CROSSWORD_JOB_WORKER is not a setting and is ignored; "
        "did you mean CROSSWORD_JOB_WORKERS?"
    ) in done.stderr


def test_a_variable_that_names_no_setting_is_named_with_the_nearest_one():
    environ = {"CROSSWORD_MAX_WORD": "5", "CROSSWORD_COLOUR": "red", "CROSSWORD_MAX_WORDS": "5",
               "CROSSWORD_TEST_DATABASE_URL": "postgresql://", "PATH": "/bin"}  # fmt: skip
    assert settings.unknown(environ) == [
        "CROSSWORD_COLOUR is not a setting and is ignored",
        "CROSSWORD_MAX_WORD is not a setting and is ignored; did you mean CROSSWORD_MAX_WORDS?",
    ]


def test_the_cli_warns_of_a_typo_and_goes_on(monkeypatch, tmp_path):
    from click.testing import CliRunner

    words = tmp_path / "words.txt"
    words.write_text("otter\nheron\ntrout\n")
    monkeypatch.setenv("CROSSWORD_MAX_WORD", "5")
    result = CliRunner().invoke(main, ["layout", str(words)])
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "crossword: CROSSWORD_MAX_WORD is not a setting and is ignored; "
        "did you mean CROSSWORD_MAX_WORDS?\n"
    )
    assert "3 words placed" in result.stdout


PROVIDER_ENVS = [
    {},
    {"GOOGLE_API_KEY": "g-key"},
    {"GEMINI_API_KEY": "g-key"},
    {"OPENAI_API_KEY": "o-key", "GOOGLE_API_KEY": "g-key"},
    {"CROSSWORD_BASE_URL": "http://127.0.0.1:9/v1", "OPENAI_API_KEY": "o-key"},
    {"CROSSWORD_PROVIDER": "offline", "OPENAI_API_KEY": "o-key"},
    {"CROSSWORD_PROVIDER": "auto", "GOOGLE_API_KEY": "g-key"},
]


@pytest.mark.parametrize("env", PROVIDER_ENVS, ids=lambda e: ",".join(e) or "nothing")
def test_the_web_and_the_cli_choose_the_same_default_provider(monkeypatch, tmp_path, env):
    """One rule: with only GOOGLE_API_KEY set the CLI chose Gemini and the web stayed offline."""
    import os

    from crossword import ProviderConfig, chosen_provider, settings
    from web.config import configured_providers, default_provider, provider_config

    for name, value in env.items():
        monkeypatch.setenv(name, value)
    app = create_app({"DATABASE": str(tmp_path / "x.sqlite3"), "QUEUE": "memory"})
    try:
        web_choice = default_provider(app.config)
        assert web_choice == chosen_provider(os.environ)
        assert web_choice in configured_providers(app.config)
        # one typed configuration, built by one function from the same settings
        cli_config = ProviderConfig.from_settings(settings.load(os.environ))
        assert provider_config(app.config) == cli_config and cli_config.chosen == web_choice
    finally:
        app.extensions["crossword.jobs"].shutdown(wait=True)
