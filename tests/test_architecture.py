"""Keeps the module map true: the engine never imports the web app or click."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = sorted((ROOT / "crossword").rglob("*.py"))


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize(
    "path", [p for p in LIBRARY if p.name != "cli.py"], ids=lambda p: str(p.relative_to(ROOT))
)
def test_library_never_imports_flask_or_web(path):
    # cli.py is an edge like web/: `crossword serve` starts the web app.
    assert not imported_modules(path) & {"flask", "web", "werkzeug"}


@pytest.mark.parametrize(
    "path", [p for p in LIBRARY if p.name != "cli.py"], ids=lambda p: str(p.relative_to(ROOT))
)
def test_only_the_cli_imports_click_or_reads_the_environment(path):
    assert "click" not in imported_modules(path)
    assert "os.environ" not in path.read_text(encoding="utf-8")
    assert "getenv(" not in path.read_text(encoding="utf-8")


def test_there_is_library_code_to_check():
    assert len(LIBRARY) > 5
