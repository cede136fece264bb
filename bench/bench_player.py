"""Benchmark: the play page's weight and first render in headless chromium.

Serves the real app on 127.0.0.1 with a 32-entry puzzle (the browser tests' "lattice"),
loads /p/<id> N times in Debian's chromium and reports the page weight (every response:
HTML, JS, CSS, icon; uncompressed, as the browser received them) on a desktop and on a
phone (390x844, touch: its keyboard's script and styles load after the first render), and
the first-render time the player records in data-render-ms (module start -> first frame).

    .venv/bin/python bench/bench_player.py [--loads 10]

Targets (issue "The player"): weight <= 80 KB, first render <= 100 ms.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from player_puzzles import lattice_puzzle  # noqa: E402

from web import create_app  # noqa: E402
from web.store import get_store  # noqa: E402

CHROMIUM = "/usr/bin/chromium"


PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def _weigh(browser, url: str, **context_args) -> list[tuple[str, int]]:  # type: ignore[no-untyped-def]
    """(path, bytes) of every response one cold load fetched, lazy loads included."""
    context = browser.new_context(**context_args)
    page = context.new_page()
    responses: list = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url)
    page.wait_for_selector(".player[data-ready]")
    page.wait_for_load_state("networkidle")
    sizes = [(r.url.split("/", 3)[-1], len(r.body())) for r in responses]
    context.close()
    return sizes


def _report(name: str, sizes: list[tuple[str, int]]) -> None:
    total = sum(size for _, size in sizes)
    print(f"{name}: {len(sizes)} responses, {total / 1024:.1f} KB (target <= 80 KB)")
    for path, size in sorted(sizes, key=lambda kv: -kv[1]):
        print(f"  {size / 1024:6.1f} KB  {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=10)
    args = parser.parse_args()

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    db = Path(tempfile.mkdtemp()) / "bench.sqlite3"
    app = create_app({"DATABASE": str(db), "RATE_LIMIT_PER_MINUTE": 0})
    with app.app_context():
        puzzle_id = get_store().save(lattice_puzzle())
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/p/{puzzle_id}"

    renders: list[float] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--disable-dev-shm-usage"])
        desktop = _weigh(browser, url, viewport={"width": 1280, "height": 860})
        phone = _weigh(browser, url, **PHONE)
        for _ in range(args.loads):
            # A fresh context each time: a first visit, nothing cached.
            context = browser.new_context(viewport={"width": 1280, "height": 860})
            page = context.new_page()
            page.goto(url)
            page.wait_for_selector(".player[data-ready]")
            renders.append(float(page.locator("#player").get_attribute("data-render-ms")))
            context.close()
        browser.close()
    server.shutdown()

    _report("play page, 32 entries, desktop", desktop)
    _report("phone, keyboard loaded", phone)
    print(
        f"first render over {len(renders)} loads: median {statistics.median(renders):.1f} ms, "
        f"min {min(renders):.1f}, max {max(renders):.1f} (target <= 100 ms); "
        f"load average {os.getloadavg()[0]:.2f}"
    )


if __name__ == "__main__":
    main()
