"""Options and helpers shared by the ``tracker`` commands (click conventions: ``-h``,
``--db`` with env ``TRACKER_DB``, ``--wait``; expected errors as one line and an exit code)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from tracker.db.connection import DEFAULT_WAIT_SECONDS
from tracker.errors import TrackerError
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
    """``--actors``, ``--lexicon`` and ``--events-dict``: the user's own dictionary files next
    to ours."""
    func = click.option(
        "--events-dict",
        "events_dicts",
        multiple=True,
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        envvar="TRACKER_EVENTS_DICT",
        help="Extra event dictionary CSV (pattern,cameo,goldstein,note) for the diplomacy "
        "profile; repeatable [env TRACKER_EVENTS_DICT].",
    )(func)
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


def workers_option(help_text: str) -> Callable[[F], F]:
    """``--workers N`` (at least 1; None: the command's default, one per core)."""
    return click.option("--workers", type=click.IntRange(min=1), default=None, help=help_text)


def build_pipeline(
    actors: tuple[Path, ...], lexicons: tuple[Path, ...], events_dicts: tuple[Path, ...] = ()
) -> Any:
    from tracker.ingest.pipeline import Pipeline

    return Pipeline.build(actor_files=actors, lexicons=lexicons, events_dicts=events_dicts)


def resolve_db(db_path: Path | None) -> Path:
    return db_path if db_path is not None else default_db_path()
