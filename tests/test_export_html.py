"""The printable page: escaping, variants, answer key, sizing, and a real print to PDF.

Golden file: tests/golden/sea-both.html (the sea puzzle, variant "both", with the key).
After an intended change to the template or the CSS, regenerate it with
    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_export_html.py
and look at the page (print it: see test_prints_to_two_pages) before keeping it.
"""

import os
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from chromium import CHROMIUM, INSTALLED, MISSING
from export_samples import blocked_puzzle, sea_puzzle, tiny_puzzle

from crossword.errors import ExportError
from crossword.export import export
from crossword.export.html import (
    CELL_MAX_MM,
    GRID_MAX_HEIGHT_MM,
    GRID_MAX_WIDTH_MM,
    GRID_MIN_HEIGHT_MM,
    render,
    spelled,
)
from crossword.grid import Grid
from crossword.puzzle import Hints, Puzzle

GOLDEN = Path(__file__).parent / "golden"


def test_golden_html():
    page = render(sea_puzzle(), variant="both")
    path = GOLDEN / "sea-both.html"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(page, encoding="utf-8")
    assert page == path.read_text(encoding="utf-8")


def test_export_returns_utf8_bytes():
    assert export(sea_puzzle(), "html") == render(sea_puzzle()).encode("utf-8")


def test_user_strings_are_escaped():
    page = render(sea_puzzle(), variant="both")
    assert "<script" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; friends" in page
    assert "<i>" not in page
    assert "<title>Sea &amp; Space 👩\u200d🚀: “Test” &lt;i&gt;puzzle&lt;/i&gt;" in page
    assert "e.g. &#34;big blue&#34;" in page


def test_page_is_self_contained():
    page = render(sea_puzzle(), variant="both")
    assert not re.search(r"<(script|link|img|iframe|object)\b", page)
    assert not re.search(r"\b(src|href)=", page)
    assert "@import" not in page
    # url() only to the page's own SVG patterns (the hatching of the gaps), never outside.
    assert set(re.findall(r"url\(([^)]*)\)", page)) == {"#hatch-grid", "#hatch-key"}
    # The only URL is the SVG namespace, which is a name, not a request.
    assert set(re.findall(r"https?://[^\s\"']+", page)) == {"http://www.w3.org/2000/svg"}


def clue_section(page: str) -> str:
    return page.split('<div class="clues">', 1)[1].split("</main>", 1)[0]


def test_text_variant_prints_text_clues_only():
    clues = clue_section(render(sea_puzzle(), variant="text"))
    assert "Pacific or Atlantic" in clues
    assert "🌊🐋🏝️" not in clues and 'class="emoji' not in clues


def test_emoji_variant_prints_emoji_and_says_when_there_is_none():
    clues = clue_section(render(sea_puzzle(), variant="emoji"))
    assert "🌊🐋🏝️" in clues and "🌊🏄\u200d♀️" in clues
    assert "Pacific or Atlantic" not in clues
    # ANT has no emoji clue: its text clue is printed, marked as such.
    assert (
        '<span class="tag">no emoji clue:</span> <span class="text">Tiny worker… six-legged</span>'
        in clues
    )


def test_both_variant_prints_both():
    clues = clue_section(render(sea_puzzle(), variant="both"))
    assert "Pacific or Atlantic" in clues and "🌊🐋🏝️" in clues


def test_enumerations_and_numbers():
    clues = clue_section(render(blocked_puzzle()))
    assert (
        '<li><span class="num">1</span><span class="body"><span class="text">Letters, à la française</span> <span class="enum">(1,2)</span></span></li>'
        in clues
    )
    assert clues.index("<h2>Across</h2>") < clues.index("<h2>Down</h2>")


def test_answer_key_is_on_its_own_page_and_optional():
    page = render(sea_puzzle())
    key = page.split('<section class="key">', 1)[1]
    assert ">WHALE<" in key and ">CAFE<" in key
    assert page.count("<rect x=") == 2 * 17  # 17 letter cells: blank grid + filled grid
    assert ".key { break-before: page;" in page
    bare = render(sea_puzzle(), solution=False)
    assert 'class="key"' not in bare and "WHALE" not in bare and 'class="l"' not in bare
    assert bare.count("<rect x=") == 17


def test_cells_outside_entries_are_not_drawn():
    page = render(tiny_puzzle(), solution=False)
    rects = re.findall(r'<rect x="(\d+)" y="(\d+)"', page)
    assert rects == [("0", "0"), ("10", "0"), ("20", "0"), ("20", "10"), ("20", "20")]


@pytest.mark.parametrize(
    ("paper", "css"),
    [("a4", "@page { size: A4; }"), ("letter", "@page { size: letter; }"), (None, None)],
)
def test_paper_size(paper, css):
    page = render(tiny_puzzle(), paper=paper)
    if css:
        assert css in page
    else:
        assert "@page { size" not in page


def grid_size_mm(page: str) -> tuple[float, float]:
    width, height = re.search(r'<svg [^>]*width="([\d.]+)mm" height="([\d.]+)mm"', page).groups()
    return float(width), float(height)


@pytest.mark.parametrize(
    ("width", "height"), [(3, 3), (15, 15), (40, 12), (12, 40), (60, 60)], ids=lambda v: str(v)
)
def test_grid_scales_to_fit_the_page(width, height):
    rows = ["A" * width] + ["#" * (width - 1) + "B"] * (height - 2) + ["C" * width]
    grid = Grid(tuple(rows))
    puzzle = Puzzle(grid=grid, clues={e.id: Hints("x", None, str(e.length)) for e in grid.entries})
    w, h = grid_size_mm(render(puzzle))
    assert w <= GRID_MAX_WIDTH_MM + 0.1 and h <= GRID_MAX_HEIGHT_MM + 0.1
    cell = w / width
    assert cell <= CELL_MAX_MM + 0.01
    assert abs(h / height - cell) < 0.01  # square cells
    assert cell == pytest.approx(
        min(CELL_MAX_MM, GRID_MAX_WIDTH_MM / width, GRID_MAX_HEIGHT_MM / height), abs=0.01
    )


def test_style_nonce_for_a_content_security_policy():
    assert '<style nonce="r4nd&#34;om">' in render(tiny_puzzle(), nonce='r4nd"om')
    assert "<style>" in render(tiny_puzzle())


@pytest.mark.parametrize(("option", "value"), [("variant", "colour"), ("paper", "A5")])
def test_bad_options(option, value):
    with pytest.raises(ExportError):
        render(tiny_puzzle(), **{option: value})


@pytest.mark.browser
@pytest.mark.skipif(not INSTALLED, reason=MISSING)
@pytest.mark.skipif(
    not shutil.which("pdftotext"), reason="needs pdftotext, pdfinfo (poppler-utils)"
)
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_prints_to_two_pages(tmp_path, paper):
    """Chromium prints the page: clues on page 1, the answer key alone on page 2."""
    html = tmp_path / "print.html"
    pdf = tmp_path / "print.pdf"
    html.write_bytes(export(sea_puzzle(), "html", variant="both", paper=paper))
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", f"--print-to-pdf={pdf}",
         "--no-pdf-header-footer", html.as_uri()],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip

    def text(page: int) -> str:
        args = ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"]
        return subprocess.run(args, check=True, capture_output=True, text=True).stdout

    first, second = text(1), text(2)
    assert "ACROSS" in first and "DOWN" in first and "Pacific or Atlantic" in first
    assert "<script>alert('x')</script>" in first  # shown as text, never run
    assert "Answers" not in first and "WHALE" not in first.replace(" ", "")
    assert "Answers" in second and "WHALE" in second
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert re.search(r"^Pages:\s+2$", info, re.M)
    assert ("A4" if paper == "a4" else "letter") in info


# -- gaps, word bank, controls (issue 15 items 12-13) ----------------------------------------


def gap_path(page: str) -> str:
    return re.search(r'<path class="gap" fill="url\(#hatch-grid\)" d="([^"]*)"', page).group(1)


def test_every_gap_in_the_bounding_box_is_one_hatched_area_without_borders():
    page = render(tiny_puzzle(), solution=False)
    # CAT / ##O / ##P: the four gaps, as one path drawn before the squares.
    assert gap_path(page) == "M0 10h10v10h-10zM10 10h10v10h-10zM0 20h10v10h-10zM10 20h10v10h-10z"
    assert page.index('class="gap"') < page.index("<rect x=")
    css = page.split("<style>", 1)[1]
    assert "svg.grid path.gap { stroke: none; }" in css
    assert "svg.grid .hatch-bg { fill: #d9d9d9; stroke: none; }" in css


def test_a_grid_without_gaps_has_no_hatching():
    page = render(Puzzle(grid=Grid(("AB",)), clues={"1-across": Hints("ab", None, "2")}))
    assert 'class="gap"' not in page and "<pattern" not in page


def test_the_word_bank_lists_the_answers_a_to_z_as_written():
    puzzle = blocked_puzzle()  # ABC is "1,2": A BC
    assert 'class="bank"' not in render(puzzle)
    page = render(puzzle, word_bank=True, solution=False)
    bank = page.split('<section class="bank"', 1)[1].split("</section>", 1)[0]
    assert re.findall(r"<li>([^<]*)</li>", bank) == ["A BC", "ADF", "CEH", "FGH"]
    # Under the grid, before the clues.
    assert page.index("</svg>") < page.index('class="bank"') < page.index('class="clues"')


@pytest.mark.parametrize(
    ("answer", "enum", "written"),
    [("ICECREAM", "3,5", "ICE CREAM"), ("XRAY", "1-3", "X-RAY"), ("JACKINTHEBOX", "4-2-3-3",
     "JACK-IN-THE-BOX"), ("OTTER", "5", "OTTER"), ("OTTER", "2,2", "OTTER"), ("OTTER", "", "OTTER")],
    ids=["phrase", "hyphen", "hyphens", "word", "wrong-sum", "none"],
)  # fmt: skip
def test_spelled(answer, enum, written):
    assert spelled(answer, enum) == written


def test_the_answer_key_spells_phrases_as_written():
    key = render(blocked_puzzle()).split('<section class="key">', 1)[1]
    assert '<span class="answer">A BC</span>' in key


@pytest.mark.parametrize(
    ("answer", "enum", "columns"),
    [("WATERMELONS", "11", 2), ("WATERMELONSS", "12", 1), ("ICE CREAM CONES", "3,5,5", 1)],
    ids=["fits", "one-letter-more", "phrase-with-spaces"],
)
def test_the_key_has_one_column_a_group_when_an_answer_would_not_fit_two(answer, enum, columns):
    """(tests/browser/test_print.py prints long answers and checks that none overlap.)"""
    grid = Grid((answer.replace(" ", ""),))
    page = render(Puzzle(grid=grid, clues={"1-across": Hints("clue", None, enum)}))
    key = page.split('<section class="key">', 1)[1]
    assert f'<div class="answers columns-{columns}">' in key


def test_the_word_bank_makes_room_on_page_one():
    rows = ["A" * 10] + ["#" * 9 + "B"] * 18 + ["C" * 10]  # 20 tall: the height limits it
    grid = Grid(tuple(rows))
    long = "a clue that runs on " * 9  # four lines or so
    puzzle = Puzzle(grid=grid, clues={e.id: Hints(long, None, str(e.length)) for e in grid.entries})
    plain = grid_size_mm(render(puzzle))[1]
    assert plain == GRID_MAX_HEIGHT_MM
    assert plain > grid_size_mm(render(puzzle, word_bank=True))[1] >= GRID_MIN_HEIGHT_MM


def test_an_enumeration_the_clue_already_shows_is_not_printed_twice():
    grid = Grid(("RAINORSHINE",))
    clue = Hints("Phrase (4,2,5) starting with R", None, "4,2,5")
    clues = clue_section(render(Puzzle(grid=grid, clues={"1-across": clue})))
    assert clues.count("(4,2,5)") == 1 and 'class="enum"' not in clues


def test_controls_only_when_asked_and_they_show_the_current_options():
    assert "<form" not in render(sea_puzzle()) and "<script" not in render(sea_puzzle())
    page = render(sea_puzzle(), variant="emoji", paper="letter", solution=False, controls=True)
    form = page.split('<form class="controls"', 1)[1].split("</form>", 1)[0]
    checked = re.findall(r'name="(\w+)" value="(\w*)" checked', form)
    assert checked == [("variant", "emoji"), ("paper", "letter")]
    assert 'name="key" value="1">' in form and 'name="bank" value="1">' in form
    assert '<button type="submit" name="print" value="1" id="print-now" hidden>' in form
    assert "@media print { .controls { display: none; } }" in page
    with_key = render(
        sea_puzzle(), solution=True, word_bank=True, controls=True, script_src="/s/print.js"
    )
    assert (
        'name="key" value="1" checked' in with_key and 'name="bank" value="1" checked' in with_key
    )
    assert '<script src="/s/print.js" defer></script>' in with_key
    assert "<script" not in page  # no script without its URL, and never an inline one


def test_a_long_clue_list_spills_over_rather_than_shrinking_the_grid():
    rows = ["A" * 10] + ["#" * 9 + "B"] * 18 + ["C" * 10]
    grid = Grid(tuple(rows))
    long = "a clue that runs on and on " * 30  # far too many lines for page 1
    puzzle = Puzzle(grid=grid, clues={e.id: Hints(long, None, str(e.length)) for e in grid.entries})
    assert grid_size_mm(render(puzzle))[1] == GRID_MAX_HEIGHT_MM


def test_notices_show_on_screen_with_the_options_never_on_paper():
    puzzle = replace(tiny_puzzle(), notices=("2 words were left out: <b>ZZZ</b>",))
    page = render(puzzle, controls=True)
    form = page.split('<form class="controls"', 1)[1].split("</form>", 1)[0]
    assert '<ul class="notices" aria-label="About this puzzle">' in form
    assert "<li>2 words were left out: &lt;b&gt;ZZZ&lt;/b&gt;</li>" in form
    assert "left out" not in render(puzzle)  # the bare page (files, API) is the paper only
