"""The CLI edge: the settings it reads are the ones the provider factory understands."""

import json
import os

import pytest
from click.testing import CliRunner

from crossword import ProviderConfig, settings
from crossword.cli import main
from tests.llm_server import LLMServer, hints, slow

WORDS = ["otter", "beaver", "heron", "salmon", "trout", "reed"]


def test_every_provider_setting_is_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("CROSSWORD_LLM_MODE", "json")
    monkeypatch.setenv("CROSSWORD_DAILY_BUDGET_USD", "2")
    monkeypatch.setenv("CROSSWORD_LLM_TIMEOUT", "7.5")
    monkeypatch.setenv("GOOGLE_API_KEY", "g-key")
    config = ProviderConfig.from_settings(settings.load(os.environ))
    assert (config.llm_mode, config.daily_budget_usd, config.timeout) == ("json", 2.0, 7.5)
    assert (config.chosen, config.api_key) == ("gemini", "g-key")


def _words_file(tmp_path, words):
    path = tmp_path / "words.txt"
    path.write_text("\n".join(words) + "\n", encoding="utf-8")
    return str(path)


RAISED = [("CROSSWORD_MAX_WORDS", "500", 120), ("CROSSWORD_MAX_COUNT", "41", 40)]


@pytest.mark.parametrize("name, value, ceiling", RAISED, ids=[n for n, _, _ in RAISED])
def test_generate_refuses_a_raised_limit_in_one_line(monkeypatch, tmp_path, name, value, ceiling):
    monkeypatch.setenv(name, value)
    result = CliRunner().invoke(main, ["generate", _words_file(tmp_path, WORDS)])
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {name} can be lowered, not raised: at most {ceiling}, not {value}\n"
    )


def test_generate_honours_a_lowered_word_limit(monkeypatch, tmp_path):
    words = _words_file(tmp_path, WORDS)
    monkeypatch.setenv("CROSSWORD_MAX_WORDS", "5")
    result = CliRunner().invoke(main, ["generate", words])
    assert result.exit_code == 2 and "words: at most 5 words (got 6)" in result.output
    monkeypatch.setenv("CROSSWORD_MAX_WORDS", "6")
    result = CliRunner().invoke(main, ["generate", words, "-o", str(tmp_path / "p.json")])
    assert result.exit_code == 0, result.output


def test_generate_honours_a_lowered_count_limit(monkeypatch, tmp_path):
    monkeypatch.setenv("CROSSWORD_MAX_COUNT", "8")
    monkeypatch.setenv("CROSSWORD_DEFAULT_COUNT", "6")
    result = CliRunner().invoke(main, ["generate", "--topic", "space", "--count", "9"])
    assert result.exit_code == 2 and "count: at most 8 words for a topic" in result.output
    out = tmp_path / "space.json"
    result = CliRunner().invoke(main, ["generate", "--topic", "space", "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert 0 < len(data["entries"]) + len(data.get("unplaced", [])) <= 6


COMMANDS = [
    ["generate", "--topic", "space"],
    ["layout", "-"],
    ["export", "-", "--format", "json"],
    ["traces"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_a_bad_value_stops_any_command_in_one_line(monkeypatch, command):
    monkeypatch.setenv("CROSSWORD_JOB_WORKERS", "abc")
    result = CliRunner().invoke(main, command, input="")
    assert result.exit_code == 1
    assert (
        result.output == "Error: CROSSWORD_JOB_WORKERS must be a number of 0 or more, not 'abc'\n"
    )


@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_a_commands_help_shows_whatever_the_settings_say(monkeypatch, command):
    monkeypatch.setenv("CROSSWORD_JOB_WORKERS", "abc")
    result = CliRunner().invoke(main, [command[0], "--help"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Usage: main {command[0]} ")


def test_generate_gives_up_on_a_slow_model_after_llm_timeout(monkeypatch, tmp_path):
    """CROSSWORD_LLM_TIMEOUT reaches the model client: a model slower than it is given up
    on (traced as timeouts), and the hints come from the offline fallback."""
    with LLMServer() as server:
        server.responder = lambda body: slow(1.5, hints({1: ("Hints", "🦦")}))
        monkeypatch.setenv("CROSSWORD_BASE_URL", server.base_url)
        monkeypatch.setenv("CROSSWORD_MODEL", "test-model")
        monkeypatch.setenv("CROSSWORD_LLM_TIMEOUT", "0.2")
        monkeypatch.setenv("CROSSWORD_DATABASE", str(tmp_path / "db.sqlite3"))
        out = tmp_path / "p.json"
        args = ["generate", _words_file(tmp_path, WORDS[:3]), "-o", str(out)]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        assert server.requests  # the model was asked
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["entries"] and all(e["fallback"] for e in data["entries"])
    traced = CliRunner().invoke(main, ["traces", "--json"])
    outcomes = {r["outcome"] for r in json.loads(traced.output)["recent"]}
    assert outcomes and outcomes <= {"timeout"}, outcomes


def test_generate_offline_then_export(tmp_path):
    runner = CliRunner()
    out = tmp_path / "space.json"
    result = runner.invoke(main, ["generate", "--topic", "space", "--seed", "2", "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["provider"] == "offline" and all(e["clue"] for e in data["entries"])
    html = tmp_path / "space.html"
    result = runner.invoke(main, ["export", str(out), "--format", "html", "-o", str(html)])
    assert result.exit_code == 0, result.output
    assert "Answers" in html.read_text(encoding="utf-8")


def test_a_bad_word_file_is_a_clear_error(tmp_path):
    path = tmp_path / "words.txt"
    path.write_text("1\n2\n")
    result = CliRunner().invoke(main, ["generate", str(path)])
    assert result.exit_code != 0
    assert "no usable words" in result.output and "Traceback" not in result.output
