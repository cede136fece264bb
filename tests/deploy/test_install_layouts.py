"""The wheel works in every install layout: the word lists ship inside the package.

Build the wheel once, install it with ``--target``, ``--prefix`` and ``--user`` into
temporary directories (a temporary HOME), and make a puzzle from another directory.
Dependencies come from this venv (PYTHONPATH), never from the network; the checks
make sure ``crossword`` itself is imported from the install, not from the checkout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

# one block of one worker builds the wheel once for all of them (tests/conftest.py)
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("install-layouts")]

ROOT = Path(__file__).resolve().parents[2]
SITE = sysconfig.get_paths()["purelib"]  # this venv's packages: flask, pydantic, ...
PY = f"python{sys.version_info.major}.{sys.version_info.minor}"


def build_backend_installed() -> bool:
    """This venv has the build backend pyproject.toml asks for (the test extra brings it)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return int(version("setuptools").split(".")[0]) >= 77
    except (PackageNotFoundError, ValueError):
        return False


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built by pyproject.toml's backend: this venv's when it has it (no
    network, no throwaway build environment: seconds less), else pip's isolated build."""
    out = tmp_path_factory.mktemp("wheel")
    isolation = ["--no-build-isolation"] if build_backend_installed() else []
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", *isolation, "-w", str(out),
         str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    (built,) = out.glob("emoji_crossword-*.whl")
    return built


def test_every_word_list_file_is_in_the_wheel(wheel):
    """wordlists/ ships whole, whatever its files are named (a new list ships as it lands)."""
    import zipfile

    inside = set(zipfile.ZipFile(wheel).namelist())
    data = ROOT / "wordlists"
    files = [p for p in data.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    assert any(p.suffix == ".tsv" for p in files)
    missing = [
        str(p)
        for p in files
        if f"crossword/wordlists/{p.relative_to(data).as_posix()}" not in inside
    ]
    assert missing == []


def run(python: str, args: list[str], *, cwd: Path, pythonpath: list[str], home: Path, **env: str):
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("CROSSWORD_", "OPENAI_", "GEMINI_", "GOOGLE_", "DATABASE_URL"))
        and k not in ("PYTHONPATH", "HOME", "XDG_DATA_HOME")
    }
    clean.update(PYTHONPATH=os.pathsep.join(pythonpath), HOME=str(home), **env)
    return subprocess.run(
        [python, *args], cwd=cwd, env=clean, capture_output=True, text=True, timeout=300
    )


def make_a_puzzle(python: str, where: Path, pythonpath: list[str], home: Path, **env: str) -> None:
    """`crossword generate --topic` from a directory far from the checkout and the install."""
    elsewhere = home / "elsewhere"
    elsewhere.mkdir(parents=True, exist_ok=True)
    probe = run(
        python, ["-c", "import crossword, crossword.lexicon as l; print(crossword.__file__, l.DATA_DIR)"],
        cwd=elsewhere, pythonpath=pythonpath, home=home, **env,
    )  # fmt: skip
    assert probe.returncode == 0, probe.stderr
    module, data_dir = probe.stdout.split()
    assert Path(module).is_relative_to(where), f"crossword came from {module}, not the install"
    assert Path(data_dir).is_relative_to(where) and Path(data_dir, "lexicon.tsv.gz").is_file()
    made = run(
        python, ["-m", "crossword", "generate", "--topic", "space", "--seed", "1", "-o", "p.json"],
        cwd=elsewhere, pythonpath=pythonpath, home=home, **env,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    puzzle = json.loads((elsewhere / "p.json").read_text())
    assert len(puzzle["entries"]) >= 8
    assert all(e["clue"] for e in puzzle["entries"])


def pip_install(python: str, wheel: Path, *args: str, home: Path, **env: str) -> None:
    done = run(
        python, ["-m", "pip", "install", "-q", "--no-deps", "--no-index", "--ignore-installed", *args, str(wheel)],
        cwd=home, pythonpath=[SITE], home=home, **env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    # the checkout's own install (this venv's) is untouched: pip uninstalls nothing here
    still = subprocess.run(
        [sys.executable, "-c", "import importlib.metadata as m; m.distribution('emoji-crossword')"],
        capture_output=True, timeout=60,
    )  # fmt: skip
    assert still.returncode == 0, "installing the wheel removed the development install"


def test_target_install(wheel, tmp_path):
    target = tmp_path / "target"
    pip_install(sys.executable, wheel, "--target", str(target), home=tmp_path)
    make_a_puzzle(sys.executable, target, [str(target), SITE], tmp_path)


def test_prefix_install(wheel, tmp_path):
    prefix = tmp_path / "prefix"
    pip_install(sys.executable, wheel, "--prefix", str(prefix), home=tmp_path)
    site = prefix / "lib" / PY / "site-packages"
    make_a_puzzle(sys.executable, prefix, [str(site), SITE], tmp_path)


def test_user_install(wheel, tmp_path):
    """--user needs a Python whose user site is on: a venv that sees the system packages."""
    venv = tmp_path / "user-venv"
    subprocess.run(
        [sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(venv)],
        check=True, timeout=120,
    )  # fmt: skip
    python = str(venv / "bin" / "python")
    userbase = tmp_path / "userbase"
    pip_install(python, wheel, "--user", home=tmp_path, PYTHONUSERBASE=str(userbase))
    assert list(userbase.glob("lib/python*/site-packages/crossword/wordlists/lexicon.tsv.gz"))
    # the user site comes before SITE only when SITE is not on PYTHONPATH: deps via a .pth
    user_site = next(userbase.glob("lib/python*/site-packages"))
    (user_site / "zz-deps.pth").write_text(SITE + "\n")
    make_a_puzzle(python, userbase, [], tmp_path, PYTHONUSERBASE=str(userbase))
