"""The CLI edge: the settings it reads are the ones the provider factory understands."""

import json

from click.testing import CliRunner

from crossword.cli import main, provider_settings_from_env


def test_every_provider_setting_is_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("CROSSWORD_LLM_MODE", "json")
    monkeypatch.setenv("CROSSWORD_DAILY_BUDGET_USD", "2")
    monkeypatch.setenv("GOOGLE_API_KEY", "g-key")
    settings = provider_settings_from_env()
    assert settings["CROSSWORD_LLM_MODE"] == "json"
    assert settings["CROSSWORD_DAILY_BUDGET_USD"] == "2"
    assert settings["GOOGLE_API_KEY"] == "g-key"


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
