"""Hostile words, clues, emoji, titles and topics in a real browser: no script runs and no
CSP violation is reported on the maker, the player, the print page or the traces page.

Every payload that could run sets ``window.__pwned``; ``alert()``-style dialogs and
``securitypolicyviolation`` events are recorded too (a violation means markup from the
data reached the page as markup, even if the CSP then blocked it).
"""

from __future__ import annotations

import pytest
from chromium import INSTALLED, MISSING
from hardening_helpers import HOSTILE, WORDS, HostileProvider, LiveServer

from crossword import limits

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not INSTALLED, reason=MISSING),
]

WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation',
  (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    from web import create_app

    db = tmp_path_factory.mktemp("hostile") / "hostile.sqlite3"
    provider = HostileProvider()
    app = create_app(
        {
            "TESTING": True,
            "DATABASE": str(db),
            "PROVIDER_FACTORY": lambda settings, _db: provider,
            "RATE_LIMIT_PER_MINUTE": 0,
            "SYNC_WAIT": 60.0,  # a loaded CI machine may take more than seconds to make one
            "QUEUE": "memory",
            "ADMIN_TOKEN": "hostile-admin-token",  # /traces is private (web/traces.py)
        }
    )
    server = LiveServer(app)
    yield server
    server.close()
    app.extensions["crossword.jobs"].shutdown(wait=True)


@pytest.fixture(scope="module")
def puzzle_ids(live):
    client = live.app.test_client()
    texts = list(HOSTILE.values())
    entries = [
        {"word": w, "clue": texts[i % len(texts)], "emoji": texts[(i + 5) % len(texts)][:40]}
        for i, w in enumerate(WORDS)
    ] + [{"word": t[: limits.MAX_WORD_CHARS]} for t in texts]
    ids = []
    for body in (
        {"entries": entries, "title": HOSTILE["img-onerror"]},
        {"topic": HOSTILE["end-script"][:80], "title": HOSTILE["attr-break"]},
        {"words": WORDS},  # hints from the hostile "model"
    ):
        response = client.post("/api/puzzles", json=body)
        assert response.status_code == 201, response.get_json()
        ids.append(response.get_json()["id"])
    from crossword.trace import Attempt

    live.app.extensions["crossword.tracer"].record(
        Attempt(
            job="j", provider=HOSTILE["attr-break"], model=HOSTILE["img-onerror"],
            purpose=HOSTILE["script-tag"], outcome="failed_checks", items=1, round=1,
            problems=(HOSTILE["end-script"], HOSTILE["css-break"]), error=HOSTILE["svg-onload"],
        )
    )  # fmt: skip
    return ids


@pytest.fixture
def tab(shared_page):
    """The worker's page of a context that watches for CSP violations (tests/conftest.py
    resets it between tests), recording dialogs, CSP console messages and page errors."""
    pg = shared_page(init_script=WATCH)
    pg.dialogs = []
    pg.csp_console = []
    pg.errors = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on(
        "console",
        lambda m: pg.csp_console.append(m.text) if "Content Security Policy" in m.text else None,
    )
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    return pg


def assert_clean(pg, where: str) -> None:
    pg.wait_for_timeout(150)  # let module scripts and error handlers run
    assert pg.evaluate("window.__pwned") is None, f"script ran on {where}"
    assert pg.dialogs == [], (where, pg.dialogs)
    assert pg.evaluate("window.__violations") == [], where
    assert pg.csp_console == [], (where, pg.csp_console)


def test_the_player_shows_hostile_text_as_text(live, puzzle_ids, tab):
    page = tab
    for puzzle_id in puzzle_ids:
        page.goto(f"{live.url}/p/{puzzle_id}")
        page.wait_for_selector("#grid [role=row], #grid .cell, #grid *", timeout=5000)
        for mode in ("emoji", "both"):
            page.locator(f"input[name=mode][value={mode}]").check(force=True)
        first = page.locator("#grid input, #grid [tabindex='0']").first
        if first.count():
            first.click()
            page.keyboard.type("AB")
        assert_clean(page, f"/p/{puzzle_id}")
        text = page.locator("body").inner_text()
        assert "window.__pwned" in text  # the payloads are on screen, as text
    assert page.errors == []


@pytest.mark.parametrize(
    "url", ["/p/{id}/print?variant=both&key=1", "/api/puzzles/{id}/print?variant=emoji"]
)
def test_the_print_page(live, puzzle_ids, tab, url):
    page = tab
    for puzzle_id in puzzle_ids:
        page.goto(live.url + url.format(id=puzzle_id))
        assert_clean(page, url)
        assert "window.__pwned" in page.locator("body").inner_text()


def test_the_traces_page(live, puzzle_ids, tab):
    page = tab
    page.set_extra_http_headers({"Authorization": "Bearer hostile-admin-token"})
    page.goto(f"{live.url}/traces")
    assert_clean(page, "/traces")
    assert HOSTILE["script-tag"] in page.locator("body").inner_text()


def test_the_maker_with_hostile_input(live, tab):
    page = tab
    page.goto(f"{live.url}/")
    page.locator("#tab-words").click()
    texts = list(HOSTILE.values())
    lines = [f"{w}: {texts[i % len(texts)][:150]}" for i, w in enumerate(WORDS)]
    lines += [t[:40] for t in texts if ":" not in t[:40]]
    page.locator("#words").fill("\n".join(lines))
    page.locator("#options summary").click()
    page.locator("#title").fill(HOSTILE["img-onerror"][:80])
    page.locator("#make-button").click()
    page.wait_for_selector("#result:not([hidden])", timeout=15_000)
    assert page.locator("#result-title").inner_text() == HOSTILE["img-onerror"]
    assert "onerror" in page.locator("#unplaced").text_content()
    assert_clean(page, "/ (result)")
    page.locator("#play-link").click()
    page.wait_for_load_state()
    assert_clean(page, "play from the maker")


def test_the_maker_shows_server_errors_as_text(live, tab):
    page = tab
    page.goto(f"{live.url}/")
    page.locator("#topic").fill(HOSTILE["svg-onload"] + "\u202e")  # refused: direction override
    page.locator("#make-button").click()
    page.wait_for_selector("#topic-error:not([hidden])", timeout=10_000)
    assert "text-direction" in page.locator("#topic-error").inner_text()
    assert_clean(page, "/ (error)")
    page.locator("#tab-words").click()
    page.locator("#words").fill("otter: " + "c" * (limits.MAX_CLUE_CHARS + 5))
    page.locator("#make-button").click()
    page.wait_for_selector("#words-error:not([hidden])", timeout=5_000)
    assert f"at most {limits.MAX_CLUE_CHARS}" in page.locator("#words-error").inner_text()


def test_the_watch_would_see_an_injection(live, tab):
    """Negative control: the same checks catch a payload that does reach the DOM as markup."""
    tab.goto(f"{live.url}/api/health")
    tab.evaluate(f"document.body.innerHTML = {HOSTILE['img-onerror']!r}")
    with pytest.raises(AssertionError):
        assert_clean(tab, "control")
