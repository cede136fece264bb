"""Shared fixtures: the web app over a temporary SQLite file, a test client, a
CLI runner, a small drawn puzzle, a scripted hint provider, and an environment
with no CROSSWORD_*/OPENAI_*/GEMINI_* variables (so a developer's key never
leaks into a test)."""

from __future__ import annotations

import gc
import gzip
import itertools
import json
import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
from chromium import CHROMIUM
from flask.testing import FlaskClient
from playwright.sync_api import Browser, Error, Page

from crossword.grid import Grid
from crossword.hints import HintContext, HintRequest
from crossword.lexicon import DATA_DIR, Lexicon
from crossword.puzzle import Hints, Puzzle

# Cache bytecode even where the environment sets PYTHONDONTWRITEBYTECODE (this machine
# does): otherwise every xdist worker re-compiles and re-rewrites the test modules and the
# project, and every process a test starts does it again (__pycache__ is gitignored).
sys.dont_write_bytecode = False
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

# Read before the isolation fixture clears CROSSWORD_*.  Without the variable the
# tests try the local server that .ci/run starts, and skip when none answers.
CI_DATABASE_URL = "postgresql://crossword:crossword@127.0.0.1:5432/crossword_test"
TEST_DATABASE_URL = os.environ.get("CROSSWORD_TEST_DATABASE_URL")

ENV_PREFIXES = ("CROSSWORD_", "OPENAI_", "GEMINI_", "GOOGLE_API_KEY", "DATABASE_URL")


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch):
    for name in list(os.environ):
        if name.startswith(ENV_PREFIXES):
            monkeypatch.delenv(name, raising=False)


# -- a scripted hint provider (the provider seam of the web app) -----------------
class FakeProvider:
    """Writes "<n>-letter word" clues and 🔤 emoji; can wait on a gate or fail.

    ``gate``: a threading.Event the provider waits on after reporting the first
    hint (to observe a running job); ``error``: raised from hints().
    """

    name = "fake"
    model = "fake-1"

    def __init__(self, *, gate: threading.Event | None = None, error: Exception | None = None):
        self.gate = gate
        self.error = error

    def hints(self, requests: Sequence[HintRequest], context: HintContext) -> dict[str, Hints]:
        out: dict[str, Hints] = {}
        total = len(requests)
        for i, r in enumerate(requests, 1):
            if self.error is not None:
                raise self.error
            out[r.answer] = Hints(
                text=r.clue or f"A word of {len(r.answer)} letters",
                emoji=r.emoji or "🔤",
                enumeration=r.enumeration,
                source="user" if r.clue else "fake",
                emoji_source="fake",
            )
            if context.progress is not None:
                context.progress(i, total, f"hint {i} of {total}")
            if i == 1 and self.gate is not None:
                assert self.gate.wait(10), "the test never opened the gate"
        context.stats.update({"calls": 1, "cache_hits": 0, "reasks": 0, "fallbacks": 0})
        return out

    def words_for_topic(self, topic: str, count: int, *, seed: int = 0) -> list[str]:
        return ["otter", "beaver", "heron", "salmon", "trout", "reed", "swan", "newt", "frog"]


def fake_factory(provider: FakeProvider | None = None):
    """A PROVIDER_FACTORY that always returns ``provider``."""
    chosen = provider or FakeProvider()
    return lambda settings, db: chosen


@pytest.fixture(scope="session")
def lexicon_with_everyday(tmp_path_factory):
    """Make the shipped lexicon with a given table as its hand-written everyday clues."""

    def make(table: str) -> Lexicon:
        folder: Path = tmp_path_factory.mktemp("wordlists")
        for item in DATA_DIR.iterdir():
            if item.name != "everyday_clues.tsv.gz":
                (folder / item.name).symlink_to(item)
        (folder / "everyday_clues.tsv.gz").write_bytes(gzip.compress(table.encode("utf-8")))
        return Lexicon(folder)

    return make


@pytest.fixture(scope="session")
def known():
    """The shipped lexicon's part-of-speech test, crossword.inflect's ``known``."""
    from crossword.lexicon import default_lexicon

    return default_lexicon().has


@pytest.fixture(scope="session")
def generated_lexicon(lexicon_with_everyday) -> Lexicon:
    """The lexicon without the everyday table: what the build generates from WordNet and
    CLDR, which clues every word beyond the commonest."""
    return lexicon_with_everyday("")


@pytest.fixture
def fake_provider():
    """fake_provider(gate=None, error=None) -> a FakeProvider (see its docstring)."""
    return FakeProvider


@pytest.fixture
def postgres_url():
    """CROSSWORD_TEST_DATABASE_URL, else the server .ci/run starts; skip when none answers.

    Under pytest-xdist each worker gets its own schema in that database (first on its
    search_path), so workers running at once never see each other's tables."""
    url = TEST_DATABASE_URL or CI_DATABASE_URL
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    try:
        import psycopg

        with psycopg.connect(url, connect_timeout=2, autocommit=True) as conn:
            if worker:
                conn.execute(f"CREATE SCHEMA IF NOT EXISTS test_{worker}")
    except Exception as exc:  # no driver, no server, no role: nothing to test against
        pytest.skip(
            f"no PostgreSQL at {url.split('@')[-1]} ({type(exc).__name__}); "
            "set CROSSWORD_TEST_DATABASE_URL or run .ci/run"
        )
    if worker:
        url += ("&" if "?" in url else "?") + f"options=-csearch_path%3Dtest_{worker}"
    return url


ADMIN_TOKEN = "test-admin-token"  # make_app's apps have it; tests/test_traces_access.py


class OperatorClient(FlaskClient):
    """The test client as the operator: every request carries the admin token, so the
    tests that read /traces need not say it (a visitor's client is a plain FlaskClient)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {ADMIN_TOKEN}"


def _app_maker(directory: Path, clean: bool = False) -> Iterator[Callable[..., object]]:
    """make(provider=None, **config) -> a Flask app over a fresh SQLite file in
    ``directory``; the apps' worker threads are stopped when the generator is closed.
    ``clean``: build it without CROSSWORD_* and the keys in the environment (a module's
    fixture is built before the per-test fixture that clears them)."""
    from web import create_app

    apps = []

    def _make(provider=None, **config):
        test_config = {
            "TESTING": True,
            "DATABASE": str(directory / "test.sqlite3"),
            "PROVIDER_FACTORY": fake_factory(provider),
            "RATE_LIMIT_PER_MINUTE": 0,
            "SYNC_WAIT": 60.0,  # a loaded CI machine may take more than seconds to make one
            "QUEUE": "memory",  # worker threads in this process, so PROVIDER_FACTORY reaches them
            "ADMIN_TOKEN": ADMIN_TOKEN,
        }
        test_config.update(config)
        with pytest.MonkeyPatch.context() as env:
            for name in list(os.environ) if clean else ():
                if name.startswith(ENV_PREFIXES):
                    env.delenv(name)
            app = create_app(test_config)
        app.test_client_class = OperatorClient
        limiter = app.extensions.get("crossword.rate_limit")
        if hasattr(limiter, "clock"):  # one window per test: a minute boundary under load
            limiter.clock = lambda: 1_000_020.0  # must not reset the count mid-test
        apps.append(app)
        return app

    yield _make
    for app in apps:
        app.extensions["crossword.jobs"].shutdown(wait=True)


@pytest.fixture
def make_app(tmp_path):
    """make_app(provider=None, **config) -> a Flask app over a fresh SQLite file in
    tmp_path; hints come from ``provider`` (a FakeProvider by default)."""
    yield from _app_maker(tmp_path)


@pytest.fixture(scope="module")
def make_module_app(tmp_path_factory):
    """make_app for one app that a module's tests share (built once: tests that only
    read what it made need not make it again each)."""
    yield from _app_maker(tmp_path_factory.mktemp("module-app"), clean=True)


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def small_puzzle() -> Puzzle:
    """Two entries crossing at the R of OTTER:

        O T T E R
        # # # # E
        # # # # E
        # # # # D

    1-across OTTER, 2-down REED.
    """
    grid = Grid(("OTTER", "####E", "####E", "####D"))
    clues = {
        "1-across": Hints(
            "Playful river swimmer", "🦦🌊", "5", source="user", emoji_source="offline"
        ),
        "2-down": Hints("Marsh grass", "🌾💧", "4", source="offline", emoji_source="offline"),
    }
    return Puzzle(
        grid=grid,
        clues=clues,
        title="River life",
        provider="offline",
        seed=7,
        topic="rivers",
        created_at="2025-01-02T03:04:05+00:00",
        stats={"calls": 0, "cache_hits": 2, "reasks": 0, "fallbacks": 0, "total_ms": 12.5},
    )


# -- browsers: pytest-playwright's fixtures, pointed at Debian's chromium ---------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Never `playwright install`: every browser test drives Debian's chromium, and one
    Playwright session serves the whole run (two sync sessions cannot share a process)."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--disable-dev-shm-usage"],
    }


# -- one page per worker and kind of context, reset between tests ---------------------
# A new context costs chromium about 1.5 s of CPU for its first page of the app (a
# renderer process starts and compiles the scripts), a navigation within the site about a
# third of that.  So every test gets the same page of a context made with the options it
# asks for, reset when it ends (docs/ARCHITECTURE.md "Tests and checks": what it saved).
PLAYWRIGHT_TIMEOUT_MS = 30_000  # Playwright's own default, restored after a test raised it
# the storage cleared, and kept empty while the page goes (the player saves on pagehide)
FORGET = """() => { Storage.prototype.setItem = () => {};
                    localStorage.clear(); sessionStorage.clear(); }"""
PAGE_OPTIONS = ("viewport", "color_scheme", "reduced_motion", "forced_colors")
DEFAULT_MEDIA = {"media": "null", "color_scheme": "light", "reduced_motion": "no-preference",
                 "forced_colors": "none"}  # fmt: skip  # what a new context starts with


@pytest.fixture(scope="session")
def _pages(browser: Browser) -> Iterator[dict[str, Page]]:  # closed before the browser
    pages: dict[str, Page] = {}  # by the context options (and init script) they were made with
    yield pages
    for page in pages.values():
        page.context.close()


@pytest.fixture
def shared_page(
    _pages: dict[str, Page], browser: Browser, browser_context_args: dict
) -> Iterator[Callable[..., Page]]:
    """shared_page(init_script=None, **options) -> this worker's page of a context made
    with those options (on top of `browser_context_args`) and that init script, blank of
    what the last test left (storage, cookies, permissions, routes, listeners, other tabs,
    extra headers, media emulation, viewport, timeouts; `_reset`).

    Takes `browser.new_context`'s options.  The viewport and the media ones (colour scheme,
    forced colours, reduced motion) are set on the page, as such a context would start it
    (`emulate_media`, `set_viewport_size`); the others (`is_mobile`, `bypass_csp`...) are
    the context's, one context per worker for each set of them."""
    taken: dict[str, tuple[Page, set[tuple[str, object]], dict]] = {}

    def take(init_script: str | None = None, **options) -> Page:
        on_page = {name: options.pop(name) for name in PAGE_OPTIONS if name in options}
        args = {**browser_context_args, **options}
        key = json.dumps([args, init_script], sort_keys=True)
        if key not in taken:
            page = _page_of(key, args, init_script)
            taken[key] = (page, _listeners(page), args)
        page = taken[key][0]
        media = {name: value for name, value in on_page.items() if name != "viewport"}
        if media:
            page.emulate_media(**media)
        if "viewport" in on_page:
            page.set_viewport_size(on_page["viewport"])
        return page

    def _page_of(key: str, args: dict, init_script: str | None) -> Page:
        page = _pages.get(key)
        if page is None or page.is_closed():
            context = page.context if page is not None and page.context.pages else None
            if context is None:
                context = browser.new_context(**args)
                if init_script:
                    context.add_init_script(init_script)
            page = _pages[key] = context.new_page()
        return page

    yield take
    for key, (page, baseline, args) in taken.items():
        if not _reset(page, baseline, args):
            page.context.close()  # rebuilt for the next test
            del _pages[key]


@pytest.fixture
def page(shared_page: Callable[..., Page]) -> Page:
    """pytest-playwright's `page`, reused (`shared_page`).  A test that needs what cannot be
    undone (an init script of its own, a cache of its own) makes its own context."""
    return shared_page()


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
        page.set_extra_http_headers({})
        if page.url.startswith("http"):  # storage is per origin: a context sees one server
            # The page stays where the test left it, saving nothing from now on: the next
            # test's first navigation unloads it (a hop to a blank page of the same site
            # was a second navigation per test, about 0.07 s of chromium's CPU each).
            page.evaluate(FORGET)
        page.context.clear_cookies()
        page.context.clear_permissions()
        media = {k: context_args.get(k, v) for k, v in DEFAULT_MEDIA.items()}
        page.emulate_media(**media)
        page.set_viewport_size(context_args.get("viewport") or {"width": 1280, "height": 720})
        page.set_default_timeout(PLAYWRIGHT_TIMEOUT_MS)
        page.set_default_navigation_timeout(PLAYWRIGHT_TIMEOUT_MS)
        return True
    except Error:
        return False


# -- the garbage collector ---------------------------------------------------------------
@pytest.hookimpl(trylast=True)
def pytest_collection_finish(session: pytest.Session) -> None:
    """What a worker has built by now lives for the whole run (the imported modules, the
    collected tests), and the lexicon and the hint checks' caches soon join it: every
    collection of the oldest generation walked them all.  Freeze what exists, and collect
    less often (gen0 every 10,000 allocations, not 700).  Nothing is left uncollected;
    the suite takes about 6 % less CPU (docs/ARCHITECTURE.md "Tests and checks")."""
    gc.freeze()
    gc.set_threshold(10_000, 50, 100)


# -- running in parallel (pytest-xdist `-n`; docs/ARCHITECTURE.md "Tests") ------------
@pytest.hookimpl(trylast=True)  # after pytest groups the items by their chromium parameter
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Hand the slow tests out first, spread over the workers, so no worker is left with
    a long test at the end.

    What else keeps parallel workers apart: tmp_path and live servers on port 0 are per
    worker, and `postgres_url` gives each worker its own schema."""
    for item in items:
        if getattr(getattr(item, "obj", None), "is_hypothesis_test", False):
            item.add_marker(pytest.mark.slow)  # property tests: hypothesis draws many cases
    slow = [item for item in items if any(item.iter_markers("slow"))]
    rest = [item for item in items if not any(item.iter_markers("slow"))]
    items[:] = _spread(slow, rest, int(os.environ.get("PYTEST_XDIST_WORKER_COUNT") or 0))


def _spread(slow: list[pytest.Item], rest: list[pytest.Item], workers: int) -> list[pytest.Item]:
    """The slow tests at the start of each worker's first block, the rest after them.

    xdist's "load" schedule sends worker k the k-th block of (tests // workers) // 4
    tests up front, in this order; with the slow tests simply first, every one of them
    was in the first block, so one worker ran them all (624 s against 277 s for the
    other two in one run).  Tests marked ``xdist_group(name)`` stay in one block: they
    share a module fixture that must not be built twice at once (the install tests'
    wheel).
    """
    if workers < 2:
        return slow + rest
    units: dict[str, list[pytest.Item]] = {}
    for item in slow:
        group = item.get_closest_marker("xdist_group")
        units.setdefault(str(group.args[0]) if group else item.nodeid, []).append(item)
    lanes: list[list[pytest.Item]] = [[] for _ in range(workers)]
    for unit in sorted(units.values(), key=len, reverse=True):
        min(lanes, key=len).extend(unit)
    block = max((len(slow) + len(rest)) // workers // 4, 2)
    if max(len(lane) for lane in lanes) > block:
        return slow + rest  # too many slow tests to spread this way: keep them first
    ordered: list[pytest.Item] = []
    others = iter(rest)
    for lane in lanes:
        ordered += lane + list(itertools.islice(others, block - len(lane)))
    return ordered + list(others)
