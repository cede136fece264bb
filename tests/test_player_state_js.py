"""The player's pure state module (web/static/js/play-state.js), unit-tested by node's
own test runner: `node --test tests/js/` (Debian's nodejs; no npm packages, no build).

Runs as part of the README's test command; skipped, with the reason, without node."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NODE = shutil.which("node")


@pytest.mark.skipif(NODE is None, reason="needs node (apt-get install nodejs) for tests/js/")
def test_js_state_unit_tests_pass() -> None:
    result = subprocess.run(
        [str(NODE), "--test", "tests/js/"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout
