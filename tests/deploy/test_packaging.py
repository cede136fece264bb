"""Deploy files that work as written: the package list, requirements.txt, the licence."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_python_package_is_in_the_wheel():
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in ("crossword", "web")
        for init in (ROOT / top).rglob("__init__.py")
    }
    assert found <= listed, f"add {sorted(found - listed)} to [tool.setuptools] packages"


def test_the_word_lists_map_into_the_package_whole():
    setuptools = PYPROJECT["tool"]["setuptools"]
    assert setuptools["package-dir"]["crossword.wordlists"] == "wordlists"
    assert setuptools["package-data"]["crossword.wordlists"] == ["**/*"]


def test_requirements_install_the_app_with_postgresql():
    lines = [
        line.strip()
        for line in (ROOT / "requirements.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert lines == [".[postgres]"]
    postgres = " ".join(PYPROJECT["project"]["optional-dependencies"]["postgres"])
    assert "psycopg[binary]" in postgres and "psycopg-pool" in postgres


def test_the_licence_is_an_spdx_expression_with_its_file():
    assert PYPROJECT["project"]["license"] == "MIT"
    assert "LICENSE" in PYPROJECT["project"]["license-files"]
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")
