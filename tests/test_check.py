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


def test_a_failing_mypy_fails_the_check_though_it_runs_beside_the_others(tmp_path):
    """mypy runs in the background: its exit status and its output must still count."""
    import shutil
    import stat
    import subprocess

    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "check", tmp_path / "scripts" / "check")
    tools = tmp_path / ".venv" / "bin"
    tools.mkdir(parents=True)
    for name, body in (("ruff", "exit 0"), ("vulture", "exit 0"),
                       ("mypy", "sleep 0.2; echo 'x.py:1: error: boom'; exit 1")):  # fmt: skip
        tool = tools / name
        tool.write_text(f"#!/bin/sh\n{body}\n")
        tool.chmod(tool.stat().st_mode | stat.S_IEXEC)
    done = subprocess.run(
        [str(tmp_path / "scripts" / "check")], capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 1
    assert done.stdout.rstrip().endswith("x.py:1: error: boom")
