"""The ``tracker`` command line: parses input, calls the package, renders the result.

Data goes to stdout, diagnostics to stderr. Exit codes (see README "Exit codes"):
0 success, 1 some input failed or a check missed, 2 usage error, 3 no database,
75 the database is locked by another writer (retry later).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from tracker import __version__
from tracker.db import DEFAULT_WAIT_SECONDS
from tracker.errors import EXIT_FAILURE, TrackerError
from tracker.paths import DB_ENV_VAR, default_db_path

F = TypeVar("F", bound=Callable[..., Any])
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class TrackerGroup(click.Group):
    """Turns expected errors into one line on stderr and their exit code, without a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TrackerError as exc:
            click.echo(f"Error: {exc.message}", err=True)
            sys.exit(exc.exit_code)


def db_options(func: F) -> F:
    """``--db`` (env TRACKER_DB) and ``--wait`` for every command that opens the database."""
    func = click.option(
        "--wait",
        type=click.FloatRange(min=0),
        default=DEFAULT_WAIT_SECONDS,
        show_default=True,
        help="Seconds to wait while another process writes the database.",
    )(func)
    func = click.option(
        "--db",
        "db_path",
        type=click.Path(dir_okay=False, path_type=Path),
        envvar=DB_ENV_VAR,
        default=None,
        help=f"DuckDB file [env {DB_ENV_VAR}; default data/tracker.duckdb].",
    )(func)
    return func


def analysis_options(func: F) -> F:
    """``--actors`` and ``--lexicon``: the user's own dictionary files next to ours."""
    func = click.option(
        "--lexicon",
        "lexicons",
        multiple=True,
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        envvar="TRACKER_LEXICON",
        help="Extra diplomacy lexicon CSV (term,valence,note); repeatable [env TRACKER_LEXICON].",
    )(func)
    func = click.option(
        "--actors",
        multiple=True,
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        envvar="TRACKER_ACTORS",
        help="Extra actor dictionary TOML (same format as data/actors.toml); repeatable "
        "[env TRACKER_ACTORS].",
    )(func)
    return func


def build_pipeline(actors: tuple[Path, ...], lexicons: tuple[Path, ...]) -> Any:
    from tracker.pipeline import Pipeline

    return Pipeline.build(actor_files=actors, lexicons=lexicons)


def resolve_db(db_path: Path | None) -> Path:
    return db_path if db_path is not None else default_db_path()


@contextmanager
def counter(label: str) -> Iterator[Callable[[int], None] | None]:
    """A progress counter on stderr when it is a terminal; nothing otherwise."""
    if not sys.stderr.isatty():
        yield None
        return
    done = 0

    def step(n: int) -> None:
        nonlocal done
        done += n
        click.echo(f"\r{label}: {done}", err=True, nl=False)

    try:
        yield step
    finally:
        if done:
            click.echo("", err=True)


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
    help="Publication date for plain files without one.",
)
@click.option("--source", help="Outlet name for plain files without one.")
@click.option(
    "--encoding", default="utf-8", show_default=True, help="Text encoding of the input files."
)
@click.option(
    "--replace", is_flag=True, help="A changed file replaces its earlier version's statements."
)
@analysis_options
@db_options
def ingest(
    paths: tuple[Path, ...],
    published: dt.datetime | None,
    source: str | None,
    encoding: str,
    replace: bool,
    actors: tuple[Path, ...],
    lexicons: tuple[Path, ...],
    db_path: Path | None,
    wait: float,
) -> None:
    """Store articles: text/Markdown files, folders, manifest CSVs, JSON Lines.

    A publication date is required: front matter, a manifest row, or --published.
    Bad files are reported and skipped; the exit code is then 1.

    \b
    Example:
      tracker ingest ../shared/seeds/manifest.csv
      tracker ingest notes/brief.txt --published 2016-07-26 --source Reuters
    """
    from tracker.ingest import ingest_paths
    from tracker.sources import Defaults

    defaults = Defaults(published.date() if published else None, source, encoding)
    pipeline = build_pipeline(actors, lexicons)
    with counter("documents read") as progress:
        report = ingest_paths(
            list(paths),
            resolve_db(db_path),
            defaults=defaults,
            pipeline=pipeline,
            replace=replace,
            wait=wait,
            progress=progress,
        )
    for error in report.errors:
        click.echo(f"Error: {error.message}", err=True)
    for stored in report.stored:
        click.echo(f"{stored.outcome}\t{stored.statements}\t{stored.origin}")
    click.echo(report.summary(), err=True)
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
    from tracker.stats import database_stats

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

    path = resolve_db(db_path)
    with counter("demo briefs") as progress:
        report = build_demo(path, force=force, wait=wait, progress=progress)
    click.echo(
        f"Built {path}: {report.count('added')} documents, {report.statements} statements.",
        err=True,
    )


@main.command(context_settings=CONTEXT)
@click.argument("query")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
)
@db_options
def sql(query: str, fmt: str, db_path: Path | None, wait: float) -> None:
    """Run a read-only SQL query and print the result.

    \b
    Example:
      tracker sql "SELECT day, scorer, n, mean_score FROM daily_scores ORDER BY day" --format csv
    """
    from tracker.sql_query import render, run_query

    click.echo(render(run_query(resolve_db(db_path), query, wait), fmt), nl=False)


@main.command(context_settings=CONTEXT)
@db_options
def migrate(db_path: Path | None, wait: float) -> None:
    """Upgrade a database to this version's schema (other writing commands do it too).

    \b
    Example:
      tracker migrate --db old.duckdb
    """
    from tracker import db
    from tracker.migrations import applied_versions

    path = resolve_db(db_path)
    with db.writer(path, wait) as con:
        version = max(applied_versions(con))
    click.echo(f"{path}: schema version {version}", err=True)


@main.command(context_settings=CONTEXT)
@click.argument("gold", type=click.Path(path_type=Path))
@click.option(
    "--documents",
    type=click.Path(path_type=Path),
    help="Manifest of the gold file's articles: evaluate statements in their documents.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
@click.option("--errors", is_flag=True, help="List every miss with the gold and system values.")
@analysis_options
def evaluate(
    gold: Path,
    documents: Path | None,
    as_json: bool,
    errors: bool,
    actors: tuple[Path, ...],
    lexicons: tuple[Path, ...],
) -> None:
    """Compare statements, speakers, relations, dates and scores with a gold file.

    Metric definitions: docs/evaluation.md.

    \b
    Example:
      tracker evaluate ../shared/eval/seed_gold.jsonl --documents ../shared/seeds/manifest.csv
    """
    import json

    from tracker.evaluation import evaluate as run_evaluation
    from tracker.evaluation import format_table
    from tracker.gold import read_gold

    if documents is not None and not documents.exists():
        raise TrackerError(f"{documents}: no such manifest; check the --documents path.")
    items = read_gold(gold)
    result = run_evaluation(items, build_pipeline(actors, lexicons), documents)
    for message in result.ingest_errors:
        click.echo(f"Error: {message}", err=True)
    if as_json:
        click.echo(json.dumps(result.results, ensure_ascii=False, indent=2))
    else:
        click.echo(format_table(result.results), nl=False)
    if errors:
        for miss in result.misses:
            click.echo(
                f"{miss.item}\t{miss.metric}\tgold={miss.gold}\tsystem={miss.system}\t{miss.text}",
                err=as_json,
            )


@main.command("evaluate-sentiment", context_settings=CONTEXT)
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print {profile: {corpus: r}} as JSON.")
def evaluate_sentiment(directory: Path, as_json: bool) -> None:
    """Pearson r against the VADER paper's human ratings, per corpus, for both profiles.

    DIRECTORY holds the four *_GroundTruth.txt files (tweets, movie, amazon, nyt).

    \b
    Example:
      tracker evaluate-sentiment ../shared/data/vader_groundtruth --json
    """
    import json

    from tracker.sentiment_eval import evaluate_directory, format_results

    results = evaluate_directory(directory)
    if as_json:
        rounded = {p: {c: round(r, 4) for c, r in by.items()} for p, by in results.items()}
        click.echo(json.dumps(rounded, indent=2))
    else:
        click.echo(format_results(results))


@main.command(context_settings=CONTEXT)
@click.argument("statement_id", type=int)
@db_options
def explain(statement_id: int, db_path: Path | None, wait: float) -> None:
    """Show a statement's speaker, relations, dates, and which words and rules moved its score.

    \b
    Example:
      tracker explain 42
    """
    from tracker.statement_report import statement_report

    for line in statement_report(resolve_db(db_path), statement_id, wait).lines():
        click.echo(line)


@main.command(context_settings=CONTEXT)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes for analysis and scoring [default: one per core].",
)
@click.option(
    "--keep",
    type=click.IntRange(min=1),
    default=None,
    help="Afterwards keep only the N newest runs per scorer (and of the analysis); runs "
    "still current for some statement are always kept.",
)
@click.option("--full", is_flag=True, help="Re-analyse and rescore everything, changed or not.")
@click.option("--dry-run", is_flag=True, help="Print what would be recomputed; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary on stdout.")
@analysis_options
@db_options
def rescore(
    workers: int | None,
    keep: int | None,
    full: bool,
    dry_run: bool,
    as_json: bool,
    actors: tuple[Path, ...],
    lexicons: tuple[Path, ...],
    db_path: Path | None,
    wait: float,
) -> None:
    """Recompute the analysis and scores whose inputs changed; readers are never locked out.

    Statements without a score, statements containing an edited lexicon term, every statement
    after a rule or vaderSentiment change, and documents after an actor or events change are
    recomputed into new runs; the views switch to them when all are complete. Progress goes
    to stderr. Exit codes: 0 done or nothing to do, 1 failed (the previous runs stay current),
    3 no database, 75 another process is writing (retry later), 143 stopped by SIGTERM.
    Details: docs/operations.md.

    \b
    Example:
      tracker rescore --json
      tracker rescore --lexicon my_terms.csv --keep 14 --wait 600
    """
    import json

    from tracker.rescore import rescore as run_rescore
    from tracker.rescore_report import RescoreOptions
    from tracker.workers import PipelineSpec

    spec = PipelineSpec(actor_files=actors, lexicons=lexicons)
    options = RescoreOptions(workers=workers, wait=wait, keep=keep, full=full, dry_run=dry_run)
    report = run_rescore(
        resolve_db(db_path),
        spec,
        options,
        progress=lambda message: click.echo(f"rescore: {message}", err=True),
    )
    for line in report.lines():
        click.echo(line, err=True)
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))


@main.command(context_settings=CONTEXT)
@click.option(
    "--print",
    "kind",
    type=click.Choice(["cron", "systemd"]),
    required=True,
    help="cron: a crontab line; systemd: a .service and a .timer unit.",
)
@click.option("--at", "at", default="02:30", show_default=True, help="Time of day, HH:MM.")
@click.option(
    "--keep", type=click.IntRange(min=1), default=14, show_default=True, help="The job's --keep."
)
@click.option(
    "--wait",
    type=click.FloatRange(min=0),
    default=600.0,
    show_default=True,
    help="The job's --wait: seconds to wait for another writer (an ingest) before exit 75.",
)
@click.option(
    "--log",
    "log_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Append the job's output to this file [systemd default: the journal; "
    "cron default: <db>.rescore.log].",
)
@click.option("--user", default=None, help="User= line for a system-wide systemd unit.")
@click.option(
    "--executable",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The tracker the job runs [default: this install's].",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write the unit files (or tracker-rescore.cron) into this folder instead of printing.",
)
@analysis_options
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar=DB_ENV_VAR,
    default=None,
    help=f"DuckDB file the job rescores [env {DB_ENV_VAR}; default data/tracker.duckdb].",
)
def schedule(
    kind: str,
    at: str,
    keep: int,
    wait: float,
    log_file: Path | None,
    user: str | None,
    executable: Path | None,
    out: Path | None,
    actors: tuple[Path, ...],
    lexicons: tuple[Path, ...],
    db_path: Path | None,
) -> None:
    """Print a ready crontab line or systemd units that run `tracker rescore` nightly.

    Paths are made absolute: the tracker of this install, the database, the dictionaries.
    Installing them: docs/operations.md ("Scheduling").

    \b
    Example:
      tracker schedule --print cron --db /srv/tracker/tracker.duckdb
      tracker schedule --print systemd --at 03:15 --out ~/.config/systemd/user
    """
    from tracker import schedule as sched

    try:
        hour_minute = sched.parse_at(at)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--at") from None
    spec = sched.ScheduleSpec(
        command=(str(executable.absolute()),) if executable else sched.tracker_command(),
        db_path=resolve_db(db_path).absolute(),
        at=hour_minute,
        keep=keep,
        wait=wait,
        actor_files=tuple(p.absolute() for p in actors),
        lexicons=tuple(p.absolute() for p in lexicons),
        log_file=log_file.absolute() if log_file else None,
        user=user,
    )
    files = (
        {"tracker-rescore.cron": sched.cron_entry(spec)}
        if kind == "cron"
        else sched.systemd_units(spec)
    )
    if out is None:
        for name, text in files.items():
            if len(files) > 1:
                click.echo(f"# ---- {name} ----")
            click.echo(text, nl=False)
        return
    out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8")
        click.echo(f"wrote {out / name}", err=True)
