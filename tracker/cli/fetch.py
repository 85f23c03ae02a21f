"""``tracker fetch``: new items of news feeds and a URL list, fetched politely and ingested."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from tracker.cli.options import CONTEXT, analysis_options, db_options, resolve_db
from tracker.cli.progress import on_stderr
from tracker.errors import EXIT_FAILURE
from tracker.fetch.http import FetchOptions

_DEFAULTS = FetchOptions()


@click.command(context_settings=CONTEXT)
@click.option(
    "--feeds",
    "feeds_file",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="TRACKER_FEEDS",
    help="Feeds file (TOML: [[feed]] url, outlet, optional keywords) [env TRACKER_FEEDS].",
)
@click.option(
    "--urls",
    "urls_file",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="TRACKER_URLS",
    help="URL-list file: one address per line, # comments [env TRACKER_URLS].",
)
@click.option(
    "--rate",
    type=click.FloatRange(min=0.01),
    default=_DEFAULTS.rate,
    show_default=True,
    help="Requests per second to each host (robots.txt's Crawl-delay may slow it further).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=_DEFAULTS.timeout,
    show_default=True,
    help="Seconds to wait for the network at each step of a request.",
)
@click.option(
    "--retries",
    type=click.IntRange(min=0, max=10),
    default=_DEFAULTS.retries,
    show_default=True,
    help="Retries after a 5xx, 429, timeout or network error, waiting --backoff, then doubling.",
)
@click.option(
    "--backoff",
    type=click.FloatRange(min=0),
    default=_DEFAULTS.backoff,
    show_default=True,
    help="Seconds before the first retry.",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1024),
    default=_DEFAULTS.max_bytes,
    show_default=True,
    help="Largest response read; a larger one is refused without being read.",
)
@click.option(
    "--encoding",
    default="utf-8",
    show_default=True,
    help="Encoding of pages that declare none (neither in HTTP nor in the page).",
)
@analysis_options
@db_options
def fetch(
    feeds_file: Path | None,
    urls_file: Path | None,
    rate: float,
    timeout: float,
    retries: int,
    backoff: float,
    max_bytes: int,
    encoding: str,
    actors: tuple[Path, ...],
    lexicons: tuple[Path, ...],
    events_dicts: tuple[Path, ...],
    db_path: Path | None,
    wait: float,
) -> None:
    """Fetch the new items of news feeds and a URL list, and ingest them as web pages.

    Obeys robots.txt (user agent "tracker"), sends conditional requests for feeds, waits
    1/--rate s between requests to a host, retries transient failures, and never fetches a
    page twice (table fetched_urls). One line on stdout per page stored (as `tracker ingest`),
    one on stderr per failure; the run goes on. Exit codes: 0 done, 1 some feed or page
    failed, 2 bad feeds or URL file, 75 database busy.

    \b
    Example:
      tracker fetch --feeds feeds.toml --urls urls.txt
      tracker fetch --feeds feeds.toml --rate 0.5 --db /srv/tracker/tracker.duckdb
    """
    from tracker.fetch.lists import read_feeds, read_urls
    from tracker.fetch.run import fetch as run_fetch
    from tracker.fetch.state import DISALLOWED
    from tracker.ingest.pipeline import PipelineSpec

    if feeds_file is None and urls_file is None:
        raise click.UsageError("give --feeds FILE, --urls FILE or both.")
    feeds = read_feeds(feeds_file) if feeds_file else []
    urls = read_urls(urls_file) if urls_file else []
    options = FetchOptions(rate, timeout, retries, backoff, max_bytes)
    spec = PipelineSpec(actor_files=actors, lexicons=lexicons, events_dicts=events_dicts)
    with on_stderr(lines=False) as progress:
        report = run_fetch(
            feeds,
            urls,
            resolve_db(db_path),
            url_list=str(urls_file),
            options=options,
            spec=spec,
            encoding=encoding,
            wait=wait,
            progress=progress,
        )
    for outcome in report.outcomes:
        if outcome.ingest is not None:
            click.echo(f"{outcome.ingest}\t{outcome.statements}\t{outcome.url}")
        elif outcome.outcome == DISALLOWED:
            click.echo(f"Skipped: {outcome.message}", err=True)
        elif outcome in report.failures:
            click.echo(f"Error: {outcome.message}", err=True)
    for line in report.refused_links:
        click.echo(f"Skipped: {line}", err=True)
    click.echo(report.summary(), err=True)
    if report.failures:
        sys.exit(EXIT_FAILURE)
