"""CI runs what the README says: the test command is one line, verbatim in .ci/run, and it
runs the static checks (scripts/check) as well as the tests."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def readme_test_command() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("Set up and run the tests", 1)[1]
    return re.search(r"^    (\S.*)$", section, re.MULTILINE).group(1)


def test_ci_runs_the_readme_test_command_verbatim():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    last = [line for line in ci.splitlines() if line.strip() and not line.startswith("#")][-1]
    assert last == readme_test_command()


def test_the_test_command_runs_the_static_checks_and_the_tests():
    command = readme_test_command()
    assert "scripts/check && " in command and "-m pytest" in command
    script = (ROOT / "scripts" / "check").read_text(encoding="utf-8")
    for step in (
        'ruff)" check .',
        "format --check .",
        'mypy)" crossword web',
        "vulture",
        "node --test",
    ):
        assert step in script, step
