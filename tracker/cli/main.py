"""The ``tracker`` command line: parses input, calls the package, renders the result.

Data goes to stdout, diagnostics to stderr. Exit codes (see README "Exit codes"):
0 success, 1 some input failed or a check missed, 2 usage error, 3 no database,
75 the database is locked by another writer (retry later), 130/143 interrupted.
Commands live here and in :mod:`tracker.cli.evaluate`, :mod:`tracker.cli.fetch` and
:mod:`tracker.cli.rescore`; shared options in :mod:`tracker.cli.options`, progress rendering in
:mod:`tracker.cli.progress`.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click
from click.core import ParameterSource

from tracker import __version__
from tracker.cli.evaluate import evaluate, evaluate_sentiment, explain
from tracker.cli.fetch import fetch
from tracker.cli.options import (
    CONTEXT,
    TrackerGroup,
    analysis_options,
    db_options,
    resolve_db,
    workers_option,
)
from tracker.cli.progress import on_stderr
from tracker.cli.rescore import rescore, schedule
from tracker.errors import EXIT_FAILURE
from tracker.views.sql import FORMATS, TABLE


@click.group(cls=TrackerGroup, context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="tracker")
def main() -> None:
    """Track Turkey-Russia and Turkey-West relations in dated news text.

    \b
    Example:
      tracker demo && tracker stats
    """


@main.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--published",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Publication date for plain files and web pages without one.",
)
@click.option("--source", help="Outlet name for plain files and web pages without one.")
@click.option(
    "--encoding",
    default="utf-8",
    show_default=True,
    help="Text encoding of the input files (a web page's declared charset wins).",
)
@click.option(
    "--replace", is_flag=True, help="A changed file replaces its earlier version's statements."
)
@click.option(
    "--defer-analysis",
    is_flag=True,
    help="Store the statements with stock VADER scores only (in about a tenth of a full "
    "ingest's time); the next `tracker rescore` adds speakers, relations, dates and the "
    "diplomacy profile, in worker processes. Together they take longer than a full ingest: "
    "for getting an archive in now and analysing it later (e.g. overnight).",
)
@workers_option(
    "Worker processes for analysis and scoring [default: one per core; an ingest with "
    "less than 100 kB of new text runs in one process, as starting workers takes 0.25 s]."
)
@analysis_options
@db_options
def ingest(
    paths: tuple[Path, ...],
    published: dt.datetime | None,
    source: str | None,
    encoding: str,
    replace: bool,
    defer_analysis: bool,
    workers: int | None,
    actors: tuple[Path, ...],
    lexicons: tuple[Path, ...],
    events_dicts: tuple[Path, ...],
    db_path: Path | None,
    wait: float,
) -> None:
    """Store articles: text/Markdown files, web pages, folders, manifest CSVs, JSON Lines.

    A publication date is required: front matter, a manifest row, the page's own
    (JSON-LD, meta tags, URL), or --published.
    Bad files are reported and skipped; the exit code is then 1.

    \b
    Example:
      tracker ingest ../shared/seeds/manifest.csv
      tracker ingest notes/brief.txt --published 2016-07-26 --source Reuters
      tracker ingest saved-pages/ story.html
      tracker ingest archive.jsonl --workers 4
      tracker ingest archive.jsonl --defer-analysis && tracker rescore
    """
    from tracker.ingest.batches import ingest_paths
    from tracker.ingest.pipeline import PipelineSpec
    from tracker.ingest.sources import Defaults, count_inputs
    from tracker.workers import default_workers

    defaults = Defaults(published.date() if published else None, source, encoding)
    spec = PipelineSpec(actor_files=actors, lexicons=lexicons, events_dicts=events_dicts)
    if defer_analysis:
        given = click.get_current_context().get_parameter_source
        names = ("actors", "lexicons", "events_dicts")
        if any(given(name) is ParameterSource.COMMANDLINE for name in names):
            raise click.UsageError(
                "--actors, --lexicon and --events-dict are used when analysing and scoring with "
                "the "
                "diplomacy profile: with --defer-analysis, pass them to `tracker rescore`."
            )
        spec = PipelineSpec(profiles=("vader",), analyze=False)
    with on_stderr() as progress:
        progress.begin("ingest", count_inputs(paths, defaults), "documents")
        report = ingest_paths(
            list(paths),
            resolve_db(db_path),
            defaults=defaults,
            spec=spec,
            replace=replace,
            wait=wait,
            progress=progress,
            workers=workers or default_workers(),
        )
    for error in report.errors:
        click.echo(f"Error: {error.message}", err=True)
    for stored in report.stored:
        click.echo(f"{stored.outcome}\t{stored.statements}\t{stored.origin}")
    click.echo(report.summary(), err=True)
    if defer_analysis and report.statements:
        click.echo(
            "Speakers, relations, dates and the diplomacy profile are deferred: "
            "run `tracker rescore` to add them.",
            err=True,
        )
    if report.errors:
        sys.exit(EXIT_FAILURE)


@main.command(context_settings=CONTEXT)
@db_options
def stats(db_path: Path | None, wait: float) -> None:
    """Documents, statements, date range and score runs of a database.

    \b
    Example:
      tracker stats --db data/tracker.duckdb
    """
    from tracker.views.stats import database_stats

    for line in database_stats(resolve_db(db_path), wait).lines():
        click.echo(line)


@main.command(context_settings=CONTEXT)
@click.option("--force", is_flag=True, help="Rebuild even if the database file exists.")
@db_options
def demo(force: bool, db_path: Path | None, wait: float) -> None:
    """Build the demo database from the bundled corpus (data/corpus).

    \b
    Example:
      tracker demo --force
    """
    from tracker.demo import build_demo
    from tracker.ingest.store import ADDED

    path = resolve_db(db_path)
    with on_stderr(lines=False) as progress:
        report = build_demo(path, force=force, wait=wait, progress=progress)
    click.echo(
        f"Built {path}: {report.count(ADDED)} documents, {report.statements} statements.",
        err=True,
    )


@main.command(context_settings=CONTEXT)
@click.argument("query")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=TABLE,
    show_default=True,
)
@db_options
def sql(query: str, fmt: str, db_path: Path | None, wait: float) -> None:
    """Run a read-only SQL query and print the result.

    Only queries on the tracker's tables and views: a query that reaches a file, another
    database, an extension or a setting is refused (exit code 4).

    \b
    Example:
      tracker sql "SELECT day, scorer, n, mean_score FROM daily_scores ORDER BY day" --format csv
    """
    from tracker.views.sql import hyphen_hint, render, run_query

    result = run_query(resolve_db(db_path), query, wait)
    click.echo(render(result, fmt), nl=False)
    hint = hyphen_hint(query)
    if hint:
        click.echo(hint, err=True)


@main.command(context_settings=CONTEXT)
@db_options
def migrate(db_path: Path | None, wait: float) -> None:
    """Upgrade a database to this version's schema (other writing commands do it too).

    \b
    Example:
      tracker migrate --db old.duckdb
    """
    from tracker.db import connection
    from tracker.db.migrations import applied_versions

    path = resolve_db(db_path)
    with connection.writer(path, wait) as con:
        version = max(applied_versions(con))
    click.echo(f"{path}: schema version {version}", err=True)


for command in (evaluate, evaluate_sentiment, explain, fetch, rescore, schedule):
    main.add_command(command)
