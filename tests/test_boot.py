"""What a server process does once, before it forks: gunicorn's master imports the app's
modules (gunicorn.conf.py), the generation workers' parent loads the lexicon, so every
process forked from them starts with both instead of loading them again."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import crossword.lexicon
from web import worker

ROOT = Path(__file__).resolve().parents[1]


def test_after_import_modules_building_the_app_imports_nothing(tmp_path):
    """The master's `import_modules` covers all that `create_app` imports (a fresh
    interpreter: this one has imported everything already)."""
    code = (
        "import sys, web\n"
        "web.import_modules()\n"
        "before = set(sys.modules)\n"
        f"web.create_app({{'DATABASE': {str(tmp_path / 'boot.sqlite3')!r}}})\n"
        "print(sorted(set(sys.modules) - before))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]", done.stdout


def test_the_workers_parent_warms_up_before_it_forks_and_checks_them_often(monkeypatch, tmp_path):
    monkeypatch.setenv("CROSSWORD_DATABASE", str(tmp_path / "worker.sqlite3"))
    monkeypatch.setattr(crossword.lexicon, "_DEFAULT", None)  # as in a new process
    seen = []

    def run(consumer):  # Huey's consumer would fork its worker processes now
        seen.append(crossword.lexicon._DEFAULT is not None)
        seen.append(consumer._health_check_interval)

    monkeypatch.setattr(worker.WorkerConsumer, "run", run)
    assert worker.run("web:create_app()", workers=1) == 0
    # and a worker that dies is replaced within a second (Huey's default: 10 s)
    assert seen == [True, worker.HEALTH_CHECK_EVERY] and worker.HEALTH_CHECK_EVERY <= 1
