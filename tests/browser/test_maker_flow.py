"""A maker's whole journey in a real browser (offline hints, no key): make a puzzle,
read every entry on the result card, fix a clue, drop a word, share, open the link.
Also: messages said next to their field in words, notices, the public header, axe."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
WORDS = "otter: Playful river swimmer\nheron\ntrout\nbeaver\nsalmon\nreed\nkingfisher\nfrog"
FIELD_PATH = re.compile(r"\b(entries|words)\.\d|String should|Input should")


def make_from_words(page, live_server, words=WORDS, seed="5"):
    page.goto(live_server + "/")
    page.locator("#tab-words").click()
    page.locator("#words").fill(words)
    page.locator("#options summary").click()
    page.locator("#seed").fill(seed)
    page.get_by_role("button", name="Make crossword").click()
    expect(page.locator("#result")).to_be_visible(timeout=20_000)
    expect(page.locator(".review-entry").first).to_be_visible()


def api_puzzle(page, share_url: str) -> dict:
    url = share_url.replace("/p/", "/api/puzzles/") + "?solution=1"
    return page.request.get(url).json()["puzzle"]


def review_row(page, answer: str):
    return page.locator(".review-entry").filter(
        has=page.locator(".review-answer", has_text=re.compile(f"^{answer}$"))
    )


def test_make_a_theme_puzzle_then_play_it_to_the_end(page, live_server):
    page.goto(live_server + "/")
    page.get_by_role("button", name="Space", exact=False).first.click()
    expect(page.locator("#topic")).to_have_value("space")
    page.locator("#options summary").click()
    page.locator("#seed").fill("4")
    page.get_by_role("button", name="Make crossword").click()

    result = page.locator("#result")
    expect(result).to_be_visible(timeout=15_000)
    expect(page.locator("#result-title")).to_contain_text("Space")
    share = page.locator("#share-url").input_value()
    assert share.startswith(live_server + "/p/")
    expect(page.locator("#dl-ipuz")).to_have_attribute(
        "href", share.replace("/p/", "/api/puzzles/") + ".ipuz"
    )

    page.locator("#play-link").click()
    expect(page).to_have_url(share)
    data = json.loads(page.locator("#puzzle-data").text_content())
    assert data["provider"] == "offline"
    assert len(data["entries"]) >= 8
    assert all(e["clue"] for e in data["entries"])
    assert sum(1 for e in data["entries"] if e["emoji"]) >= 0.8 * len(data["entries"])

    # Fill every letter cell by clicking it and typing its letter from the solution.
    width = data["width"]
    for r, row in enumerate(data["grid"]):
        for c, letter in enumerate(row):
            if letter != "#":
                page.locator(f'#grid .cell[data-i="{r * width + c}"]').click()
                page.keyboard.press(letter)
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Solved!")


def test_the_result_card_lists_every_entry_with_both_hints(page, live_server):
    make_from_words(page, live_server)
    puzzle = api_puzzle(page, page.locator("#share-url").input_value())
    rows = page.locator(".review-entry")
    expect(rows).to_have_count(len(puzzle["entries"]))
    for direction in ("across", "down"):
        listed = page.locator(f"#review-{direction} .review-entry")
        expect(listed).to_have_count(sum(e["direction"] == direction for e in puzzle["entries"]))
    for e in puzzle["entries"]:
        row = page.locator(f'.review-entry[data-id="{e["id"]}"]')
        expect(row.locator(".review-num")).to_have_text(str(e["number"]))
        expect(row.locator(".review-answer")).to_have_text(e["answer"])
        expect(row.locator(".review-clue")).to_contain_text(e["clue"])
        if e["emoji"]:
            expect(row.locator(".review-emoji-text")).to_have_text(e["emoji"])
        else:
            expect(row.locator(".review-emoji")).to_contain_text("none")
    expect(review_row(page, "OTTER").locator(".review-clue")).to_contain_text(
        "Playful river swimmer"
    )


def test_edit_a_clue_remove_a_word_share_and_open_the_link(page, live_server):
    make_from_words(page, live_server)
    first_link = page.locator("#share-url").input_value()
    shared_before = api_puzzle(page, first_link)

    # a clue that gives the answer away is refused, with the reason next to the field
    heron = review_row(page, "HERON")
    heron.get_by_role("button", name=re.compile("^Edit")).click()
    clue = heron.get_by_label(re.compile("^Clue for"))
    expect(clue).to_be_focused()
    clue.fill("A grey heron")
    heron.get_by_label(re.compile("^Emoji clue for")).fill("HERON")
    heron.get_by_role("button", name="Save").click()
    clue_error = heron.locator(".field-error").first
    expect(clue_error).to_contain_text("contains the answer 'HERON'")
    expect(clue).to_have_attribute("aria-invalid", "true")
    expect(heron.locator(".field-error").nth(1)).to_contain_text("only emoji")
    assert page.locator("#share-url").input_value() == first_link  # nothing was made

    clue.fill("Patient grey wader")
    heron.get_by_label(re.compile("^Emoji clue for")).fill("🐦🌾")
    heron.get_by_role("button", name="Save").click()
    expect(page.locator("#review-status")).to_contain_text("Saved")
    expect(review_row(page, "HERON").locator(".review-clue")).to_contain_text("Patient grey wader")
    edited_link = page.locator("#share-url").input_value()
    assert edited_link != first_link

    # remove a word: the grid is laid out again without it
    review_row(page, "SALMON").get_by_role("button", name=re.compile("^Remove")).click()
    expect(page.locator("#review-status")).to_contain_text("Removed SALMON")
    expect(review_row(page, "SALMON")).to_have_count(0)
    final_link = page.locator("#share-url").input_value()
    assert final_link not in (first_link, edited_link)

    # Undo goes back to the version before, with its link
    page.get_by_role("button", name="Undo the last change").click()
    expect(review_row(page, "SALMON")).to_have_count(1)
    expect(page.locator("#share-url")).to_have_value(edited_link)
    review_row(page, "SALMON").get_by_role("button", name=re.compile("^Remove")).click()
    expect(review_row(page, "SALMON")).to_have_count(0)
    final_link = page.locator("#share-url").input_value()

    # the link shared first never changed under its solvers
    assert api_puzzle(page, first_link) == shared_before

    page.locator("#play-link").click()
    expect(page).to_have_url(final_link)
    expect(page.locator(".player[data-ready]")).to_be_attached()
    answers = {e["answer"]: e for e in api_puzzle(page, final_link)["entries"]}
    assert "SALMON" not in answers and {"OTTER", "HERON", "TROUT"} <= set(answers)
    assert (answers["HERON"]["clue"], answers["HERON"]["emoji"]) == ("Patient grey wader", "🐦🌾")


def test_a_line_with_a_clue_but_no_word_is_named_by_its_line(page, live_server):
    page.goto(live_server + "/")
    page.locator("#tab-words").click()
    page.locator("#words").fill("otter\n\n: just a clue\nheron")
    page.get_by_role("button", name="Make crossword").click()
    error = page.locator("#words-error")
    expect(error).to_have_text(re.compile("^Line 3 has a clue but no word"))
    expect(page.locator("#words")).to_be_focused()
    assert not FIELD_PATH.search(page.locator("main").inner_text())


def test_server_field_errors_are_said_in_words(page, live_server):
    """What only the server can refuse (a text-direction override) is placed by line."""
    page.goto(live_server + "/")
    page.locator("#tab-words").click()
    page.locator("#words").fill("otter\nhe\u202eron: a bird")
    page.get_by_role("button", name="Make crossword").click()
    error = page.locator("#words-error")
    expect(error).to_contain_text("Line 2: the word contains text-direction control characters")
    page.locator("#words").fill("otter\nheron")
    page.locator("#options summary").click()
    page.locator("#title").fill("River\u202e")
    page.get_by_role("button", name="Make crossword").click()
    expect(page.locator("#title-error")).to_contain_text("The title contains text-direction")
    assert not FIELD_PATH.search(page.locator("main").inner_text())
    assert "title:" not in page.locator("main").inner_text()


def test_an_unknown_topic_gets_a_short_message_and_the_chips_are_pointed_at(page, live_server):
    page.goto(live_server + "/")
    expect(page.locator("#themes .chip").first).to_be_visible()
    page.locator("#topic").fill("xyzzy qwv")
    page.get_by_role("button", name="Make crossword").click()
    error = page.locator("#topic-error")
    expect(error).to_contain_text("too little about the topic", timeout=15_000)
    text = error.inner_text()
    assert len(text) < 200 and "vegetables" not in text and "weather" not in text
    expect(page.locator("#form-error")).to_be_hidden()
    expect(page.locator("#themes-box")).to_have_class(re.compile("is-suggested"))
    page.locator("#themes .chip").first.click()
    expect(error).to_be_hidden()
    expect(page.locator("#themes-box")).not_to_have_class(re.compile("is-suggested"))


def test_notices_show_on_the_result_card_as_information(page, live_server):
    """The puzzle's "notices" (plain sentences on what differs from the request) are
    listed on the card, styled as information, not as an error."""
    make_from_words(page, live_server, WORDS + "\nqqq")  # QQQ crosses nothing
    box = page.locator("#result-notices")
    expect(box).to_be_visible()
    expect(box.get_by_role("listitem").filter(has_text="QQQ")).to_have_count(1)
    assert box.get_attribute("role") != "alert"
    assert box.evaluate("el => getComputedStyle(el).color") != page.locator("#form-error").evaluate(
        "el => getComputedStyle(el).color"
    )


def test_notices_of_the_request_and_of_the_puzzle_are_listed_once(page, live_server):
    notice = "No theme 'harry potter': used the theme 'Magic' instead."

    def with_notices(route):
        response = route.fetch()
        body = response.json()
        body["puzzle"]["notices"] = [notice, notice]
        route.fulfill(response=response, json=body)

    page.route(re.compile(r"/api/puzzles/[\w-]+\?solution=1$"), with_notices)
    make_from_words(page, live_server)
    expect(page.locator("#result-notices").get_by_role("listitem")).to_have_text([notice])


@pytest.mark.parametrize("path", ["/", "/p/{id}"], ids=["make", "play"])
def test_no_operations_links_in_the_header(page, live_server, puzzle_ids, path):
    page.goto(live_server + path.format(id=puzzle_ids["space"]))
    header = page.locator("header.site-header")
    for name in ("Traces", "API"):
        expect(header.get_by_role("link", name=name, exact=True)).to_have_count(0)
    expect(page.locator("footer").get_by_role("link", name="API")).to_have_attribute(
        "href", "/api/openapi.json"
    )


def serious_axe_findings(page) -> list[dict]:
    page.evaluate(AXE.read_text(encoding="utf-8"))
    found = page.evaluate(
        """async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a',
                'wcag21aa', 'best-practice']})).violations.map(v => ({id: v.id,
                impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"""
    )
    return [v for v in found if v["impact"] in {"serious", "critical"}]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_serious_on_the_make_page(shared_page, live_server, scheme):
    page = shared_page(bypass_csp=True, color_scheme=scheme)
    page.goto(live_server + "/")
    expect(page.locator("#themes .chip").first).to_be_visible()
    page.locator("#topic").fill("xyzzy qwv")  # field error + suggested chips
    page.get_by_role("button", name="Make crossword").click()
    expect(page.locator("#topic-error")).to_be_visible(timeout=15_000)
    assert serious_axe_findings(page) == [], "form"
    make_from_words(page, live_server)
    row = review_row(page, "OTTER")
    row.get_by_role("button", name=re.compile("^Edit")).click()
    row.get_by_label(re.compile("^Clue for")).fill("An otter")
    row.get_by_role("button", name="Save").click()
    expect(row.locator(".field-error").first).to_be_visible()
    assert serious_axe_findings(page) == [], "result card"
