"""Browser tests: the real app on a loopback port, driven by Debian's chromium.

Recipe: pytest-playwright's `page`/`browser`
fixtures, pointed at /usr/bin/chromium through `browser_type_launch_args`; never
`playwright install`.  Every test here is marked `browser` and skipped, with the reason,
when chromium is absent.  Puzzles are stored through the store API (deterministic
answers), and opened at /p/<id> like a share link.

To rehearse a loaded CI machine, slow the page's CPU down:
`BROWSER_CPU_THROTTLE=12 .venv/bin/python -m pytest tests/browser/test_player_state.py`
(chromium's CPU throttling on every page opened with `play`, waits raised to a minute).
No test may depend on how fast a second passes: assert what the clock does, not when.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
from player_puzzles import big_puzzle, lattice_puzzle, space_puzzle
from playwright.sync_api import Browser, Error, Page, expect
from werkzeug.serving import make_server

from web import create_app
from web.store import get_store

CHROMIUM = Path("/usr/bin/chromium")
THROTTLE = int(os.environ.get("BROWSER_CPU_THROTTLE") or 0)
WAIT_MS = 60_000 if THROTTLE else 5_000
expect.set_options(timeout=WAIT_MS)
HERE = Path(__file__).parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM.exists():
                item.add_marker(
                    pytest.mark.skip(
                        reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)"
                    )
                )


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "viewport": {"width": 1280, "height": 860}}


# -- one page per worker, reset between tests --------------------------------------
# A new page costs chromium about a second of CPU (a renderer process starts), and so
# does a page of the app after about:blank; a navigation within the site far less.  Over 200 browser tests that was
# half of the whole suite's CPU, so `page` hands every test the same page, reset.
PLAYWRIGHT_TIMEOUT_MS = 30_000  # Playwright's own default, restored after `play` raised it
# the storage cleared, and kept empty while the page goes (the player saves on pagehide)
FORGET = """() => { Storage.prototype.setItem = () => {};
                    localStorage.clear(); sessionStorage.clear(); }"""
DEFAULT_MEDIA = {"media": "null", "color_scheme": "light", "reduced_motion": "no-preference",
                 "forced_colors": "none"}  # fmt: skip  # what a new context starts with


@pytest.fixture(scope="session")
def _pages(browser: Browser) -> Iterator[dict[str, Page]]:  # closed before the browser
    pages: dict[str, Page] = {}  # by the context options they were made with
    yield pages
    for page in pages.values():
        page.context.close()


@pytest.fixture
def page(_pages: dict[str, Page], browser: Browser, browser_context_args: dict) -> Iterator[Page]:
    """pytest-playwright's `page`, reused: blank, with the storage, cookies, permissions,
    routes, listeners, other tabs, media emulation, viewport and timeouts the last test
    left reset (`_reset`).  A test that needs what cannot be undone (an init script, a
    CDP session, other context options) makes its own context, or takes `fresh_page`."""
    key = json.dumps(browser_context_args, sort_keys=True)
    page = _pages.get(key)
    if page is None or page.is_closed():
        context = page.context if page is not None and page.context.pages else None
        page = _pages[key] = (context or browser.new_context(**browser_context_args)).new_page()
    baseline = _listeners(page)
    yield page
    if THROTTLE or not _reset(page, baseline, browser_context_args):
        page.context.close()  # rebuilt for the next test
        del _pages[key]


@pytest.fixture
def fresh_page(new_context) -> Page:
    """A page in a context of its own (pytest-playwright's `page`), for a test that
    changes what `_reset` cannot undo, such as an init script."""
    return new_context().new_page()


def _listeners(page: Page) -> set[tuple[str, object]]:
    """The event listeners on ``page`` now (Playwright's own include some)."""
    emitter = page._impl_obj  # the sync API keeps no list of its own
    return {(event, f) for event in emitter.event_names() for f in emitter.raw_listeners(event)}


def _reset(page: Page, baseline: set[tuple[str, object]], context_args: dict) -> bool:
    """Undo what a test may have changed; False when that failed (a new page then)."""
    emitter = page._impl_obj
    try:
        for event, f in _listeners(page) - baseline:
            emitter.remove_listener(event, f)
        for other in page.context.pages:
            if other != page:
                other.close()
        page.unroute_all(behavior="ignoreErrors")
        page.context.unroute_all(behavior="ignoreErrors")
        if page.url.startswith("http"):  # storage is per origin: one live server here
            page.evaluate(FORGET)
            # a page of the same site, not about:blank: leaving the site ends the
            # renderer process, and the next test's page would start a new one
            page.goto(urljoin(page.url, "/static/favicon.svg"))
        page.context.clear_cookies()
        page.context.clear_permissions()
        page.emulate_media(**DEFAULT_MEDIA)
        page.set_viewport_size(context_args.get("viewport") or {"width": 1280, "height": 720})
        page.set_default_timeout(PLAYWRIGHT_TIMEOUT_MS)
        page.set_default_navigation_timeout(PLAYWRIGHT_TIMEOUT_MS)
        return True
    except Error:
        return False


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

    def open_(name: str = "space", target=None):
        target = target or page
        target.set_default_timeout(WAIT_MS)
        target.set_default_navigation_timeout(max(WAIT_MS, 30_000))  # a load under load
        if THROTTLE:
            cdp = target.context.new_cdp_session(target)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
        target.goto(f"{live_server}/p/{puzzle_ids[name]}")
        target.wait_for_selector(".player[data-ready]")
        return target

    return open_
