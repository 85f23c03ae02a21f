"""``tracker rescore`` and ``tracker schedule``: nightly recomputation, and the cron line or
systemd units that run it."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.cli.options import (
    CONTEXT,
    analysis_options,
    db_options,
    resolve_db,
    workers_option,
)
from tracker.cli.progress import on_stderr
from tracker.paths import DB_ENV_VAR
from tracker.rescore import schedule as sched


@click.command(context_settings=CONTEXT)
@workers_option("Worker processes for analysis and scoring [default: one per core].")
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
    events_dicts: tuple[Path, ...],
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

    from tracker.ingest.pipeline import PipelineSpec
    from tracker.rescore.execute import rescore as run_rescore
    from tracker.rescore.report import RescoreOptions

    spec = PipelineSpec(actor_files=actors, lexicons=lexicons, events_dicts=events_dicts)
    options = RescoreOptions(workers=workers, wait=wait, keep=keep, full=full, dry_run=dry_run)
    with on_stderr("rescore: ") as progress:
        report = run_rescore(resolve_db(db_path), spec, options, progress=progress)
    for line in report.lines():
        click.echo(line, err=True)
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))


@click.command(context_settings=CONTEXT)
@click.option(
    "--print",
    "kind",
    type=click.Choice(sched.KINDS),
    required=True,
    help="cron: a crontab line; systemd: a .service and a .timer unit.",
)
@click.option("--at", "at", default=sched.DEFAULT_AT, show_default=True, help="Time of day, HH:MM.")
@click.option(
    "--keep",
    type=click.IntRange(min=1),
    default=sched.DEFAULT_KEEP,
    show_default=True,
    help="The job's --keep.",
)
@click.option(
    "--wait",
    type=click.FloatRange(min=0),
    default=sched.DEFAULT_JOB_WAIT,
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
    "--feeds",
    "feeds_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Fetch news from this feeds file first (`tracker fetch --feeds`), then rescore.",
)
@click.option(
    "--urls",
    "urls_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Fetch the pages of this URL-list file first (`tracker fetch --urls`), then rescore.",
)
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
    feeds_file: Path | None,
    urls_file: Path | None,
    executable: Path | None,
    out: Path | None,
    actors: tuple[Path, ...],
    lexicons: tuple[Path, ...],
    events_dicts: tuple[Path, ...],
    db_path: Path | None,
) -> None:
    """Print a ready crontab line or systemd units that run `tracker rescore` nightly.

    With --feeds or --urls the job is `tracker fetch` then `tracker rescore`, in one unit:
    the rescoring runs even if some feed or page failed; the job exits with the rescoring's
    code if it failed, else the fetch's (0 done, 1 something failed, 75 database busy).
    Paths are made absolute: the tracker of this install, the database, the dictionaries,
    the feeds and URL files. Installing them: docs/operations.md ("Scheduling").

    \b
    Example:
      tracker schedule --print cron --db /srv/tracker/tracker.duckdb
      tracker schedule --print systemd --at 03:15 --out ~/.config/systemd/user
      tracker schedule --print cron --feeds feeds.toml --urls urls.txt
    """
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
        events_dicts=tuple(p.absolute() for p in events_dicts),
        log_file=log_file.absolute() if log_file else None,
        user=user,
        feeds=feeds_file.absolute() if feeds_file else None,
        urls=urls_file.absolute() if urls_file else None,
    )
    files = (
        {"tracker-rescore.cron": sched.cron_entry(spec)}
        if kind == sched.CRON
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
