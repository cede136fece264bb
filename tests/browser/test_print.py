"""The print page as paper: chromium prints it to PDF, poppler rasterises it, we read pixels.

Checked on the printed page, not on the HTML: gaps are shaded with no borders (also a run of
two), the answer key has a page of its own, the on-screen options never print, A4 and Letter
are the chosen sizes.  Plus the options form itself, and axe on the page (light and dark).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect
from test_player_page import run_axe

from crossword.grid import Grid
from crossword.puzzle import Hints, Puzzle
from web.store import get_store

pytestmark = pytest.mark.skipif(
    not (shutil.which("pdftoppm") and shutil.which("pdftotext")),
    reason="needs pdftoppm and pdftotext (apt-get install poppler-utils)",
)

DPI = 100
MM = DPI / 25.4  # raster pixels per millimetre
CSS_PX_MM = 25.4 / 96  # millimetres per CSS pixel
MARGIN_MM = 12.0  # print.css's @page margin
PAPER_MM = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}


def ring_puzzle() -> Puzzle:
    """A ring around a gap of two cells, the case that printed as one merged white square.

    C A T S      1-across CATS, 1-down COW, 4-down SUE, 5-across WINE
    O . . U
    W I N E
    """
    grid = Grid(("CATS", "O##U", "WINE"))
    hints = {"CATS": "Purring pets", "COW": "Gives milk", "SUE": "Take to court", "WINE": "Vino"}
    emoji = {"CATS": "🐈🐈", "COW": "🐄", "SUE": "⚖️", "WINE": "🍷"}
    clues = {e.id: Hints(hints[e.answer], emoji[e.answer], str(e.length)) for e in grid.entries}
    notices = ("The word FROG could not be placed: it crosses no other word.",)
    return Puzzle(grid=grid, clues=clues, title="Ring", topic="print test", notices=notices)


@pytest.fixture(scope="module")
def ring_id(app) -> str:
    with app.app_context():
        return get_store().save(ring_puzzle())


def read_pgm(path: Path) -> tuple[int, int, bytes]:
    """(width, height, grey bytes) of a binary PGM (pdftoppm -gray)."""
    data = path.read_bytes()
    match = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", data)
    assert match, "not a binary PGM"
    width, height = int(match[1]), int(match[2])
    return width, height, data[match.end() : match.end() + width * height]


class Raster:
    """One PDF page as grey pixels, addressed in millimetres from the page's top left."""

    def __init__(self, path: Path) -> None:
        self.width, self.height, self.pixels = read_pgm(path)

    def at(self, x_mm: float, y_mm: float) -> int:
        return self.pixels[round(y_mm * MM) * self.width + round(x_mm * MM)]

    def patch(self, x_mm: float, y_mm: float, half_mm: float) -> list[int]:
        steps = range(-round(half_mm * MM), round(half_mm * MM) + 1)
        return [self.at(x_mm + dx / MM, y_mm + dy / MM) for dx in steps for dy in steps]


def print_to_pdf(page, url: str, paper: str, tmp_path: Path) -> Path:
    """Print ``url`` as chromium does (print media, the page's own @page size)."""
    width_mm = PAPER_MM[paper][0] - 2 * MARGIN_MM
    page.set_viewport_size({"width": round(width_mm / CSS_PX_MM), "height": 900})
    page.goto(url)
    page.emulate_media(media="print")
    pdf = tmp_path / f"{paper}.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    return pdf


def rasterise(pdf: Path, tmp_path: Path) -> list[Raster]:
    prefix = tmp_path / pdf.stem
    subprocess.run(["pdftoppm", "-gray", "-r", str(DPI), str(pdf), str(prefix)], check=True)
    return [Raster(p) for p in sorted(tmp_path.glob(f"{pdf.stem}-*.pgm"))]


def pdf_text(pdf: Path, number: int) -> str:
    args = ["pdftotext", "-layout", "-f", str(number), "-l", str(number), str(pdf), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def cell_centres_mm(page, cells: list[tuple[int, int]]) -> list[tuple[float, float]]:
    """Where cells (row, col) of the first grid land on page 1, in mm from its top left."""
    box = page.evaluate(
        """() => { const s = document.querySelector('svg.grid'), r = s.getBoundingClientRect(),
                          v = s.viewBox.baseVal;
                   return {x: r.left + scrollX, y: r.top + scrollY, w: r.width, h: r.height,
                           vw: v.width, vh: v.height}; }"""
    )
    unit = box["w"] / box["vw"]  # CSS px per SVG unit (viewBox starts at -0.5)
    return [
        (
            MARGIN_MM + (box["x"] + (c * 10 + 5.5) * unit) * CSS_PX_MM,
            MARGIN_MM + (box["y"] + (r * 10 + 5.5) * unit) * CSS_PX_MM,
        )
        for r, c in cells
    ]


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_printed_gaps_are_shaded_and_the_key_has_its_own_page(
    page, live_server, ring_id, paper, tmp_path
):
    url = f"{live_server}/p/{ring_id}/print?variant=both&key=1&bank=1&paper={paper}"
    pdf = print_to_pdf(page, url, paper, tmp_path)
    pages = rasterise(pdf, tmp_path)
    assert len(pages) == 2
    width_mm, height_mm = PAPER_MM[paper]
    assert abs(pages[0].width / MM - width_mm) < 1 and abs(pages[0].height / MM - height_mm) < 1

    first = pages[0]
    (gap1, gap2, square) = cell_centres_mm(page, [(1, 1), (1, 2), (0, 1)])
    for x, y in (gap1, gap2):
        shade = first.patch(x, y, 2.5)
        assert sum(shade) / len(shade) < 225, "a gap prints (nearly) white, like a square"
        assert max(shade) - min(shade) > 60, "a gap should be hatched, not a flat tone"
    white = first.patch(*square, 1.0)
    assert min(white) > 200, "a square prints white (its number is in the corner)"
    # Between the two gaps there is no border: no column of black pixels, so the pair is one
    # hatched area, not two squares, nor one merged square.
    edge_x = (gap1[0] + gap2[0]) / 2
    for dx in (-0.4, -0.2, 0.0, 0.2, 0.4):
        column = [first.at(edge_x + dx, gap1[1] + dy / 10) for dy in range(-25, 26)]
        assert sum(v < 60 for v in column) < len(column) / 3

    text1, text2 = pdf_text(pdf, 1), pdf_text(pdf, 2)
    assert "Purring pets" in text1 and "WORD BANK" in text1 and "SUE" in text1
    assert "Print options" not in text1 and "Update preview" not in text1
    assert "FROG" not in text1  # the maker's notices are on screen only
    assert "Answers" not in text1
    assert "Answers" in text2 and "CATS" in text2
    # The key page has its filled grid: dark letter pixels in its upper half.
    assert min(pages[1].pixels[: len(pages[1].pixels) // 2]) < 60


KEY_OVERLAPS = """() => {
    const boxes = [...document.querySelectorAll('.key .answer')].map((a) => ({
        text: a.textContent, r: a.getBoundingClientRect(),
        group: a.closest('.group').getBoundingClientRect()}));
    const out = boxes.filter((b) => b.r.right > b.group.right + 0.5).map((b) => b.text);
    for (const [i, a] of boxes.entries()) for (const b of boxes.slice(i + 1)) {
        const x = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const y = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (x > 0.5 && y > 0.5) out.push(a.text + ' / ' + b.text);
    }
    return out; }"""


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_long_answers_in_the_key_stay_in_their_column(
    page, live_server, puzzle_ids, paper, tmp_path
):
    """The big puzzle's answers run to 25 letters: two columns a group would overlap them."""
    url = f"{live_server}/p/{puzzle_ids['big']}/print?key=1&paper={paper}"
    pdf = print_to_pdf(page, url, paper, tmp_path)
    assert page.evaluate(KEY_OVERLAPS) == []
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True)
    key = text.stdout.split("\x0c")[-2]  # the last page (the clues spill onto page 2)
    assert key.lstrip().startswith("Answers")
    for answer in page.locator(".key .answer").all_text_contents():
        assert re.search(rf"\b{answer}\b", key), answer  # printed whole, nothing on top


def test_without_the_key_it_is_one_page(page, live_server, ring_id, tmp_path):
    pdf = print_to_pdf(page, f"{live_server}/p/{ring_id}/print?variant=emoji", "a4", tmp_path)
    assert len(rasterise(pdf, tmp_path)) == 1
    text = pdf_text(pdf, 1)
    assert "Answers" not in text and "Purring pets" not in text


def test_the_options_form_changes_the_page_and_print_opens_the_dialog(
    fresh_page, live_server, ring_id
):
    page = fresh_page  # an init script stays with its page
    page.add_init_script("window.print = () => { document.documentElement.dataset.printed = 1 }")
    page.goto(f"{live_server}/p/{ring_id}/print")
    expect(page.locator(".key")).to_have_count(0)
    expect(page.get_by_role("list", name="About this puzzle")).to_contain_text("FROG")
    page.get_by_label("Answer key (on its own page)").check()
    page.get_by_label("Word bank (the answers A to Z)").check()
    page.get_by_label("Emoji clues", exact=True).check()
    page.get_by_label("A4").check()
    page.get_by_role("button", name="Update preview").click()
    expect(page.locator(".key")).to_have_count(1)
    expect(page.locator(".bank li")).to_have_text(["CATS", "COW", "SUE", "WINE"])
    expect(page.locator("h1").first).to_have_text("Ring")
    assert "Purring pets" not in page.locator(".clues").inner_text()
    assert re.search(r"variant=emoji.*paper=a4", page.url)
    expect(page.get_by_label("A4")).to_be_checked()
    page.get_by_role("button", name="Print…").click()
    expect(page.locator("html")).to_have_attribute("data-printed", "1")
    assert "print=1" not in page.url and "key=1" in page.url


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violations_on_the_print_page(
    shared_page, live_server, ring_id, scheme
):
    page = shared_page(color_scheme=scheme, bypass_csp=True)  # to inject axe
    page.goto(f"{live_server}/p/{ring_id}/print?variant=both&key=1&bank=1")
    assert run_axe(page) == []


def test_the_makers_result_card_offers_print_with_the_answer_key(page, live_server):
    page.goto(live_server + "/")
    page.locator("#tab-words").click()
    page.locator("#words").fill("otter\nheron\ntrout\nbeaver\nsalmon\nreed")
    page.get_by_role("button", name="Make crossword").click()
    expect(page.locator("#result")).to_be_visible(timeout=20_000)
    share = page.locator("#share-url").input_value()
    link = page.get_by_role("link", name="Print with answer key")
    expect(link).to_have_attribute("href", f"{share}/print?variant=both&key=1")
    with page.context.expect_page() as opened:
        link.click()
    printed = opened.value
    expect(printed.locator(".key h1")).to_have_text("Answers")
    expect(printed.get_by_label("Answer key (on its own page)")).to_be_checked()
