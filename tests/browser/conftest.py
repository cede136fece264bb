"""Browser tests: the real app on a loopback port, driven by Debian's chromium.

Recipe: pytest-playwright's `page`/`browser` fixtures, pointed at Debian's chromium
(tests/chromium.py) through `browser_type_launch_args`; never `playwright install`.
Every test here is marked `browser` and skipped, with the reason,
when chromium is absent.  Puzzles are stored through the store API (deterministic
answers), and opened at /p/<id> like a share link.

To rehearse a loaded CI machine, slow the page's CPU down:
`BROWSER_CPU_THROTTLE=12 .venv/bin/python -m pytest tests/browser/test_player_state.py`
(chromium's CPU throttling on every page opened with `play`, waits raised to a minute).
No test may depend on how fast a second passes: assert what the clock does, not when.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from chromium import INSTALLED, MISSING
from player_puzzles import big_puzzle, lattice_puzzle, space_puzzle
from playwright.sync_api import Page, expect
from werkzeug.serving import make_server

from web import create_app
from web.store import get_store

THROTTLE = int(os.environ.get("BROWSER_CPU_THROTTLE") or 0)
WAIT_MS = 60_000 if THROTTLE else 5_000
expect.set_options(timeout=WAIT_MS)
HERE = Path(__file__).parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)
            if not INSTALLED:
                item.add_marker(pytest.mark.skip(reason=MISSING))


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "viewport": {"width": 1280, "height": 860}}


# `page` is shared: one per worker and kind of context, reset between tests
# (`shared_page`, tests/conftest.py).


@pytest.fixture
def fresh_page(new_context) -> Page:
    """A page in a context of its own (pytest-playwright's `page`), for a test that
    changes what `_reset` cannot undo, such as an init script."""
    return new_context().new_page()


@pytest.fixture(scope="session")
def app(tmp_path_factory: pytest.TempPathFactory):
    db = tmp_path_factory.mktemp("player") / "crossword.sqlite3"
    return create_app(
        {"TESTING": True, "DATABASE": str(db), "RATE_LIMIT_PER_MINUTE": 0, "QUEUE": "memory"}
    )


@pytest.fixture(scope="session")
def live_server(app) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def puzzle_ids(app) -> dict[str, str]:
    with app.app_context():
        store = get_store()
        return {
            "space": store.save(space_puzzle()),
            "lattice": store.save(lattice_puzzle()),
            "big": store.save(big_puzzle()),
        }


@pytest.fixture
def play(page, live_server, puzzle_ids):
    """Open a stored puzzle in the player: play("space") -> the page, ready."""
    throttled = []

    def open_(name: str = "space", target=None):
        target = target or page
        target.set_default_timeout(WAIT_MS)
        target.set_default_navigation_timeout(max(WAIT_MS, 30_000))  # a load under load
        if THROTTLE:
            cdp = target.context.new_cdp_session(target)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
            throttled.append(cdp)
        target.goto(f"{live_server}/p/{puzzle_ids[name]}")
        target.wait_for_selector(".player[data-ready]")
        return target

    yield open_
    for cdp in throttled:  # the shared page runs at full speed for the next test
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
        cdp.detach()
