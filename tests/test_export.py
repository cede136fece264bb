"""The export registry (crossword/export/__init__.py) and the `crossword export` command."""

import json

import puz
import pytest
from click.testing import CliRunner
from export_samples import sea_puzzle, tiny_puzzle

from crossword.cli import main
from crossword.errors import ExportError
from crossword.export import FORMATS, content_type, export, filename
from crossword.serialize import puzzle_from_dict, puzzle_to_dict


def test_formats():
    assert list(FORMATS) == ["ipuz", "puz", "html", "json"]
    assert content_type("puz") == "application/x-crossword"
    assert content_type("html") == "text/html; charset=utf-8"
    assert content_type("IPUZ") == "application/json; charset=utf-8"


@pytest.mark.parametrize(
    ("title", "name"),
    [("Sea & Space 👩‍🚀", "sea-space.puz"), ("Café: “Crème”", "cafe-creme.puz"), ("🌊🐋", "crossword.puz"),
     ("x" * 100, "x" * 60 + ".puz")],
    ids=["emoji", "accents", "emoji-only", "long"],
)  # fmt: skip
def test_filename_is_a_safe_slug(title, name):
    puzzle = tiny_puzzle()
    renamed = type(puzzle)(grid=puzzle.grid, clues=puzzle.clues, title=title)
    assert filename(renamed, "puz") == name


def test_json_export_is_the_wire_format():
    puzzle = sea_puzzle()
    data = json.loads(export(puzzle, "json"))
    assert data == json.loads(json.dumps(puzzle_to_dict(puzzle)))
    assert puzzle_from_dict(data) == puzzle
    assert "grid" not in json.loads(export(puzzle, "json", solution=False))


def test_unknown_format_and_option():
    with pytest.raises(ExportError, match="unknown export format 'pdf'"):
        export(tiny_puzzle(), "pdf")
    with pytest.raises(ExportError, match="does not take that option"):
        export(tiny_puzzle(), "puz", variant="emoji")


@pytest.fixture
def puzzle_file(tmp_path):
    path = tmp_path / "sea.json"
    path.write_text(json.dumps(puzzle_to_dict(sea_puzzle()), ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["ipuz", "puz", "html", "json"])
def test_cli_export_writes_each_format(puzzle_file, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(main, ["export", str(puzzle_file), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == export(sea_puzzle(), fmt)


def test_cli_export_html_options(puzzle_file):
    result = CliRunner().invoke(
        main,
        [
            "export",
            str(puzzle_file),
            "--format",
            "html",
            "--variant",
            "emoji",
            "--no-key",
            "--paper",
            "a4",
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == export(
        sea_puzzle(), "html", variant="emoji", solution=False, paper="a4"
    )


def test_cli_export_puz_to_stdout(puzzle_file):
    result = CliRunner().invoke(main, ["export", str(puzzle_file), "--format", "puz"])
    assert result.exit_code == 0, result.output
    assert puz.load(result.stdout_bytes).width == 6


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--format", "puz", "--no-key"], "always holds the solution"),
     (["--format", "ipuz", "--variant", "both"], "html only"),
     (["--format", "puz", "--bank"], "html only"),
     (["--format", "puz", "--gaps", "block"], "ipuz only"),
     (["--format", "json", "--url", "https://x.example/p/1"], "ipuz and puz only"),
     ([], "give --format")],
    ids=["puz-no-key", "variant-not-html", "bank-not-html", "gaps-not-ipuz", "url-not-file",
         "no-format"],
)  # fmt: skip
def test_cli_export_errors(puzzle_file, args, message):
    result = CliRunner().invoke(main, ["export", str(puzzle_file), *args])
    assert result.exit_code != 0
    assert message in result.output


def test_cli_export_ipuz_gaps_and_url(puzzle_file):
    url = "https://crossword.example/p/Ab3dE5gH"
    args = ["export", str(puzzle_file), "--format", "ipuz", "--gaps", "block", "--url", url]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout_bytes)
    assert doc["puzzle"][0][:2] == ["#", "#"] and (doc["url"], doc["uniqueid"]) == (url, url)


def test_cli_export_puz_url_goes_into_the_notes(puzzle_file):
    url = "https://crossword.example/p/Ab3dE5gH"
    result = CliRunner().invoke(main, ["export", str(puzzle_file), "--format", "puz", "--url", url])
    assert result.exit_code == 0, result.output
    assert puz.load(result.stdout_bytes).notes.startswith(f"Play online: {url} ")


def test_cli_export_html_word_bank(puzzle_file):
    result = CliRunner().invoke(main, ["export", str(puzzle_file), "--format", "html", "--bank"])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == export(sea_puzzle(), "html", word_bank=True)
    assert b'class="bank"' in result.stdout_bytes


def test_print_options_are_declared_once(app):
    """The CLI and the API document take their choices from crossword.export."""
    from crossword import export as exports
    from web.openapi import spec

    options = {p.name: p for p in main.commands["export"].params}
    assert list(options["variant"].type.choices) == list(exports.VARIANTS)
    assert list(options["paper"].type.choices) == list(exports.PAPERS)
    assert list(options["gaps"].type.choices) == list(exports.GAP_STYLES)
    paths = spec(app)["paths"]
    query = {p["name"]: p for p in paths["/api/puzzles/{id}/print"]["get"]["parameters"]}
    assert query["variant"]["schema"]["enum"] == ["text", "emoji", "both"]
    assert query["paper"]["schema"]["enum"] == ["a4", "letter"]
    assert "bank" in query
    ipuz = {p["name"]: p for p in paths["/api/puzzles/{id}.ipuz"]["get"]["parameters"]}
    assert ipuz["gaps"]["schema"]["enum"] == ["omit", "block"]
