"""The Procfile's app for subprocess tests: ``web.create_app()`` unchanged, plus a
marker file per worker once its app is built (so a test knows every worker booted)."""

from __future__ import annotations

import os
from pathlib import Path


def create():  # -> Flask
    from web import create_app

    app = create_app()
    Path(os.environ["BOOT_MARKERS"], f"{os.getpid()}.ready").touch()
    return app
