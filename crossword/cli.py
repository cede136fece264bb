"""The command line: `crossword layout | generate | export | traces | serve | worker`.

An edge over the library: it reads the environment, prints, and turns
CrosswordError into a one-line message (tracebacks only with --debug).
Settings come from the one table in `crossword.settings` (docs/CONFIG.md), read
before any command runs: a bad value stops every command with one line naming it.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from . import (
    DEFAULT_BUDGET,
    CrosswordError,
    HintProvider,
    ProviderConfig,
    Request,
    Tracer,
    connect,
    database_url,
    export,
    lay_out,
    limits,
    lines_to_words,
    parse_line,
    parse_words,
    provider_for,
    puzzle_from_dict,
    puzzle_to_dict,
    settings,
)
from . import generate as run

DATABASE_HELP = (
    "SQLite path or postgresql:// URL [default: CROSSWORD_DATABASE, else DATABASE_URL,"
    " else ~/.local/share/emoji-crossword/crossword.sqlite3, as for every command]"
)


class _Group(click.Group):
    """Turns library errors into clean messages unless --debug is given."""

    def invoke(self, ctx: click.Context) -> object:
        # the command's own arguments, read before click hands them on: main() does not
        # validate the settings for `crossword serve --help`
        ctx.meta["crossword.help"] = bool(set(ctx.args) & set(ctx.help_option_names))
        try:
            return super().invoke(ctx)
        except CrosswordError as exc:
            if ctx.params.get("debug"):
                raise
            message = exc.message
            if exc.problems:
                message += "\n" + "\n".join(f"  - {p}" for p in exc.problems[:20])
            raise click.ClickException(message) from exc


@click.group(cls=_Group)
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.version_option(package_name="emoji-crossword")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Make free-form crosswords with a text clue and an emoji clue for every answer.

    Settings come from CROSSWORD_* environment variables (see docs/CONFIG.md).
    """
    del debug  # _Group reads it from the context when a command fails
    for note in settings.unknown(os.environ):  # first: a typo may explain a bad value
        click.echo(f"crossword: {note}", err=True)
    if ctx.meta.get("crossword.help"):
        return  # `crossword serve --help` shows the help, whatever the settings say
    ctx.obj = settings.load(os.environ)  # every setting, typed; SettingError names a bad one


def _read_words_file(path: str) -> list[tuple[str, str | None]]:
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise click.ClickException(f"cannot read {path}: {exc}") from exc
    return lines_to_words(text)


@main.command()
@click.argument("words_file", required=False)
@click.option("--topic", help="Make the puzzle from a topic or theme instead of a word list.")
@click.option(
    "--count",
    type=click.IntRange(limits.MIN_COUNT, limits.MAX_COUNT),
    help="Number of words for a topic puzzle [default: CROSSWORD_DEFAULT_COUNT, 15;"
    " at most CROSSWORD_MAX_COUNT, 40].",
)
@click.option(
    "--seed",
    default=0,
    show_default=True,
    type=click.IntRange(0, limits.MAX_SEED),
    help="Same seed, same puzzle.",
)
@click.option(
    "--provider",
    help="offline, openai, gemini or compatible [default: CROSSWORD_PROVIDER, else the"
    " first configured, as in the web app].",
)
@click.option(
    "--max-size",
    type=click.IntRange(limits.MIN_SIZE, limits.MAX_SIZE),
    help="Largest grid side, e.g. 15 for print.",
)
@click.option("--title", help="Puzzle title.")
@click.option("--database", help=DATABASE_HELP + "; holds the hint cache and traces.")
@click.option(
    "-o", "--output", default="-", show_default=True, help="Where to write the puzzle JSON."
)
@click.pass_obj
def generate(
    values: dict[str, Any],
    words_file: str | None,
    topic: str | None,
    count: int | None,
    seed: int,
    provider: str | None,
    max_size: int | None,
    title: str | None,
    database: str | None,
    output: str,
) -> None:
    """Make a puzzle from WORDS_FILE (one word per line, optionally `word: clue`) or --topic."""
    if bool(words_file) == bool(topic):
        raise click.UsageError("give either WORDS_FILE or --topic")
    words = _read_words_file(words_file) if words_file else ()
    count = values["DEFAULT_COUNT"] if count is None else count
    _check_limits(values, words=words, topic=topic, title=title, count=count)
    config = ProviderConfig.from_settings(values).choose(provider)
    hint_provider = _provider(config, database, values["DATABASE_POOL_SIZE"])
    request = Request(
        topic=topic, words=words, count=count, seed=seed, title=title,
        max_width=max_size, max_height=max_size,
    )  # fmt: skip

    interactive = sys.stderr.isatty()

    def progress(stage: str, info: dict[str, object]) -> None:
        if interactive and stage == "hints" and info.get("total"):
            click.echo(f"\rhints {info.get('done', 0)}/{info['total']}", nl=False, err=True)

    puzzle = run(request, hint_provider, on_progress=progress)
    if interactive:
        click.echo("", err=True)
    text = json.dumps(puzzle_to_dict(puzzle), ensure_ascii=False, indent=2)
    if output == "-":
        click.echo(text)
    else:
        Path(output).write_text(text + "\n", encoding="utf-8")
        click.echo(
            f"wrote {output}: {len(puzzle.entries)} entries, "
            f"{puzzle.grid.width}x{puzzle.grid.height}, hints by {puzzle.provider}",
            err=True,
        )
    for u in puzzle.unplaced:
        click.echo(f"not placed: {u.word} ({u.reason})", err=True)


@main.command()
@click.argument("words_file")
@click.option("--seed", default=0, show_default=True, help="Same words and seed, same layout.")
@click.option("--max-width", type=click.IntRange(min=1), help="Widest grid allowed (columns).")
@click.option("--max-height", type=click.IntRange(min=1), help="Tallest grid allowed (rows).")
@click.option(
    "--budget",
    type=click.IntRange(min=0),
    help="Candidate placements to try [default: the engine's].",
)
@click.option(
    "--time-limit", type=click.FloatRange(min=0), help="Stop searching after this many seconds."
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def layout(
    words_file: str,
    seed: int,
    max_width: int | None,
    max_height: int | None,
    budget: int | None,
    time_limit: float | None,
    fmt: str,
) -> None:
    """Lay out the words of WORDS_FILE (one a line, '-' for stdin) into one grid."""
    try:
        text = (
            sys.stdin.read() if words_file == "-" else Path(words_file).read_text(encoding="utf-8")
        )
    except (OSError, UnicodeDecodeError) as exc:
        raise click.ClickException(f"cannot read {words_file}: {exc}") from exc
    lines = [s.strip() for s in text.splitlines()]
    # The same file format as `generate` ("word: clue" lines); only the words matter here.
    word_list = parse_words([parse_line(s)[0] for s in lines if s and not s.startswith("#")])
    result = lay_out(
        word_list.answers,
        seed=seed,
        max_width=max_width,
        max_height=max_height,
        budget=DEFAULT_BUDGET if budget is None else budget,
        time_limit=time_limit,
    )
    # Rejected words are reported by their original text; a repeated line is the same word.
    rejected = [r for r in word_list.rejected if not r.reason.startswith("duplicate of")]
    if fmt == "json":
        placed = [
            {"answer": p.answer, "row": p.row, "col": p.col, "direction": p.direction.value}
            for p in result.placements
        ]
        unplaced = [u.word for u in result.unplaced] + [r.word for r in rejected]
        out = {
            "width": result.width,
            "height": result.height,
            "placed": placed,
            "unplaced": unplaced,
        }
        click.echo(json.dumps(out))
        return
    s = result.stats()
    click.echo(result.grid().render())
    click.echo(
        f"\n{s['placed']} words placed, {s['crossings']} crossings ({s['crossings_per_word']} per word), "
        f"{result.width}x{result.height}, density {s['density']:.0%}"
    )
    for u in result.unplaced:
        click.echo(f"not placed: {u.word} ({u.reason})")
    for r in word_list.rejected:
        click.echo(f"not placed: {r.word} ({r.reason})")


@main.command("export")
@click.argument("puzzle_file")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["ipuz", "puz", "html", "json"]),
    help="File format [default: from the -o file's extension].",
)
@click.option(
    "-o", "--output", default="-", show_default=True, help="File to write ('-' for stdout)."
)
@click.option(
    "--variant",
    type=click.Choice(list(export.VARIANTS)),
    help="html: which clues to print [default: text].",
)
@click.option("--paper", type=click.Choice(list(export.PAPERS)), help="html: fix the paper size.")
@click.option("--bank", is_flag=True, help="html: add a word bank (the answers A to Z).")
@click.option(
    "--gaps",
    type=click.Choice(list(export.GAP_STYLES)),
    help="ipuz: gaps as omitted cells (null) or as '#' blocks [default: omit].",
)
@click.option(
    "--url", help="ipuz, puz: where the puzzle is played (ipuz url and uniqueid, puz notes)."
)
@click.option(
    "--no-key", is_flag=True, help="Leave out the answer key (html) or the solution (ipuz, json)."
)
def export_command(
    puzzle_file: str,
    fmt: str | None,
    output: str,
    variant: str | None,
    paper: str | None,
    bank: bool,
    gaps: str | None,
    url: str | None,
    no_key: bool,
) -> None:
    """Write the puzzle JSON in PUZZLE_FILE ('-' for stdin) as .ipuz, .puz, printable HTML or JSON."""
    if fmt is None:
        fmt = Path(output).suffix.lstrip(".").lower()
        if output == "-" or fmt not in export.FORMATS:
            raise click.UsageError(
                "give --format, or an -o file ending in .ipuz, .puz, .html or .json"
            )
    if (variant or paper or bank) and fmt != "html":
        raise click.UsageError("--variant, --paper and --bank apply to --format html only")
    if gaps and fmt != "ipuz":
        raise click.UsageError("--gaps applies to --format ipuz only")
    if url and fmt not in ("ipuz", "puz"):
        raise click.UsageError("--url applies to --format ipuz and puz only")
    try:
        text = (
            sys.stdin.read()
            if puzzle_file == "-"
            else Path(puzzle_file).read_text(encoding="utf-8")
        )
        data = json.loads(text)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise click.ClickException(f"cannot read {puzzle_file}: {exc}") from exc
    options: dict[str, object] = {"solution": not no_key}
    if fmt == "html":
        options.update(variant=variant or "text", paper=paper, word_bank=bank)
    if gaps:
        options["gaps"] = gaps
    if url:
        options["url"] = url
    content = export.export(puzzle_from_dict(data), fmt, **options)
    if output == "-":
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
    else:
        Path(output).write_bytes(content)
        click.echo(f"wrote {output} ({fmt}, {len(content)} bytes)", err=True)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=int, help="Port to listen on.")
@click.option("--database", help=DATABASE_HELP + ".")
@click.option("--reload", is_flag=True, help="Restart when the code changes (development).")
def serve(host: str, port: int, database: str | None, reload: bool) -> None:
    """Run the web app locally: the maker page, the player and the JSON API.

    Settings come from CROSSWORD_* environment variables (see docs/CONFIG.md);
    for production use gunicorn (see docs/DEPLOY.md).
    """
    from web import create_app  # the CLI is an edge: it may start the other edge
    from web.config import SettingError
    from web.worker import embedded_wanted, start_embedded, stop_embedded

    try:
        app = create_app({"DATABASE": database} if database else None)
    except SettingError as exc:
        raise click.ClickException(str(exc)) from None
    worker = None
    # with --reload, the process that serves is the reloader's child: it owns the workers
    if embedded_wanted(app.config) and (not reload or os.environ.get("WERKZEUG_RUN_MAIN")):
        env = dict(os.environ, **({"CROSSWORD_DATABASE": database} if database else {}))
        worker = start_embedded(env=env)
    click.echo(f"Serving on http://{host}:{port}/ (Ctrl+C to stop)", err=True)
    try:
        app.run(host=host, port=port, threaded=True, use_reloader=reload)
    finally:
        stop_embedded(worker)


@main.command()
@click.option(
    "--app",
    "app_spec",
    default="web:create_app()",
    show_default=True,
    help="The app factory, as gunicorn takes it.",
)
@click.option(
    "--workers",
    type=int,
    default=None,
    help="Generation processes [default: CROSSWORD_JOB_WORKERS, 2].",
)
def worker(app_spec: str, workers: int | None) -> None:
    """Run the generation workers (the Procfile's `worker:` process).

    They take puzzle jobs from the queue - a SQLite file beside the database, or the
    PostgreSQL database itself - so on PostgreSQL they may run on other machines than
    the web.  Stop with Ctrl+C (running jobs finish first).
    """
    from web.config import SettingError, check_environment
    from web.worker import main as worker_main

    try:
        check_environment()
    except SettingError as exc:
        raise click.ClickException(str(exc)) from None
    argv = ["--app", app_spec] + (["--workers", str(workers)] if workers else [])
    sys.exit(worker_main(argv))


@main.command()
@click.option("--database", help=DATABASE_HELP + "; holds the traces.")
@click.option("--limit", default=20, show_default=True, help="How many recent model calls to show.")
@click.option("--days", default=7, show_default=True, help="Days of daily totals.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")
@click.pass_obj
def traces(
    values: dict[str, Any], database: str | None, limit: int, days: int, as_json: bool
) -> None:
    """Show recent model calls (tokens, cost, latency, outcome) and totals per day."""
    url = database_url(os.environ, database)
    tracer = Tracer(connect(url, pool_size=values["DATABASE_POOL_SIZE"]))
    recent, totals = tracer.recent(limit), tracer.daily_totals(days)
    if as_json:
        data = {"recent": recent, "daily": totals, "spent_today_usd": tracer.spent_today()}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(
        "day         calls  errors  prompt  completion      cost $  jobs  cache hits  fallbacks"
    )
    for d in totals:
        click.echo(
            f"{d['day']}  {d['calls']:5d}  {d['errors']:6d}  {d['prompt_tokens']:6d}  {d['completion_tokens']:10d}"
            f"  {d['cost_usd']:10.6f}  {d['jobs']:4d}  {d['cache_hits']:10d}  {d['fallbacks']:9d}"
        )
    click.echo(f"\nspent today: ${tracer.spent_today():.6f}\n")
    click.echo(
        "time (UTC)           provider/model           purpose      round items  tokens  ms     outcome"
    )
    for r in recent:
        model = f"{r['provider']}/{r['model'] or '-'}"[:24]
        click.echo(
            f"{r['at'][:19]}  {model:24} {r['purpose']:12} {r['round']:5d} {r['items']:5d}"
            f" {r['prompt_tokens'] + r['completion_tokens']:7d} {r['latency_ms']:6d}  {r['outcome']}"
        )
        for p in r["problems"][:5]:
            click.echo(f"    - {p}")
        if r.get("error"):
            click.echo(f"    ! {r['error']}")


def _check_limits(values: dict[str, Any], **request: Any) -> None:
    """The limits of the API and the maker page (docs/LIMITS.md), as this machine's
    settings lower them (CROSSWORD_MAX_WORDS, CROSSWORD_MAX_COUNT)."""
    problems = limits.request_problems(
        words=request["words"], topic=request["topic"], title=request["title"],
        max_words=values["MAX_WORDS"],
    )  # fmt: skip
    if request["count"] > values["MAX_COUNT"]:
        problems.append(("count", f"at most {values['MAX_COUNT']} words for a topic"))
    if problems:
        lines = [f"  - {field}: {message}" for field, message in problems[:20]]
        raise click.UsageError("over a limit (see docs/LIMITS.md):\n" + "\n".join(lines))


def _provider(config: ProviderConfig, database: str | None, pool_size: int) -> HintProvider:
    """The hint provider the settings ask for (the web app builds it the same way, with
    the same timeout and daily budget); no key configured means offline."""
    # the offline provider needs no database (no cache, no model calls to trace)
    offline = config.chosen == "offline"
    db = None if offline else connect(database_url(os.environ, database), pool_size=pool_size)
    return provider_for(config, db=db)
