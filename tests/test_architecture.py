"""Keeps the module map true: the engine never imports the web app or click."""

import ast
import tomllib
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


# --- the public surface: the edges use `crossword` only -----------------------------------

EDGES = sorted((ROOT / "web").glob("*.py")) + [ROOT / "crossword" / "cli.py"]


def library_imports(path: Path) -> list[tuple[int, str, list[str]]]:
    """(line, module, names) of every import of the library in ``path``.

    ``from . import x`` inside crossword/ reads as ``from crossword import x``;
    ``module`` is then "crossword" and ``names`` what is imported from it.
    """
    inside = path.parent == ROOT / "crossword"
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [
                (node.lineno, a.name, []) for a in node.names if a.name.startswith("crossword")
            ]
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0 and (node.module or "").split(".")[0] == "crossword":
                module = node.module or ""
            elif node.level == 1 and inside:
                module = "crossword" + (f".{node.module}" if node.module else "")
            else:
                continue
            found.append((node.lineno, module, [a.name for a in node.names]))
    return found


@pytest.mark.parametrize("path", EDGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_edges_import_only_the_public_surface(path):
    import crossword

    wrong = [
        f"line {line}: {module} {names or ''}".strip()
        for line, module, names in library_imports(path)
        if module != "crossword" or not set(names) <= set(crossword.__all__)
    ]
    assert not wrong, (
        "import these from `crossword` (add the name to crossword/__init__.py's __all__"
        f" if an edge really needs it): {wrong}"
    )


def test_the_scan_sees_the_imports_it_must_refuse(tmp_path):
    # the check above must not pass because it reads nothing
    edge = tmp_path / "edge.py"
    edge.write_text(
        "import crossword.db\nfrom crossword.puzzle import Puzzle\nfrom flask import g\n"
    )
    assert [m for _, m, _ in library_imports(edge)] == ["crossword.db", "crossword.puzzle"]
    cli = ROOT / "crossword" / "cli.py"
    assert any(m == "crossword" and "generate" in n for _, m, n in library_imports(cli))


def test_every_public_name_is_there_and_the_package_is_typed():
    import crossword

    missing = [name for name in crossword.__all__ if not hasattr(crossword, name)]
    assert not missing
    assert len(set(crossword.__all__)) == len(crossword.__all__)
    assert (ROOT / "crossword" / "py.typed").exists()
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "py.typed" in package_data["tool"]["setuptools"]["package-data"]["crossword"]
