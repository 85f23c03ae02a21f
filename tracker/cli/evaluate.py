"""``tracker evaluate``, ``evaluate-sentiment`` and ``explain``: how good the output is, and why
one statement scored as it did."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.cli.options import (
    CONTEXT,
    analysis_options,
    build_pipeline,
    db_options,
    resolve_db,
)
from tracker.errors import TrackerError


@click.command(context_settings=CONTEXT)
@click.argument("gold", type=click.Path(path_type=Path))
@click.option(
    "--documents",
    type=click.Path(path_type=Path),
    help="Manifest of the gold file's articles: evaluate statements in their documents.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
@click.option("--errors", is_flag=True, help="List every miss with the gold and system values.")
@click.option(
    "--by-tag",
    is_flag=True,
    help="Also give the figures per category (the gold items' tags, or the bracketed tags "
    "opening their notes).",
)
@click.option(
    "--by-event",
    is_flag=True,
    help="Also give the polarity figures per event the diplomacy profile coded for the "
    "statement-relation (CAMEO root category and quad class, and no event).",
)
@click.option(
    "--by-month",
    is_flag=True,
    help="Also give the timeline the gold items would draw: monthly means of gold and tool "
    "scores per relation, their Pearson r, and the shift at each relation's turning point "
    "(27 Jun 2016 for Turkey–Russia, 15 Jul 2016 for Turkey–West).",
)
@analysis_options
def evaluate(
    gold: Path,
    documents: Path | None,
    as_json: bool,
    errors: bool,
    by_tag: bool,
    by_event: bool,
    by_month: bool,
    actors: tuple[Path, ...],
    lexicons: tuple[Path, ...],
    events_dicts: tuple[Path, ...],
) -> None:
    """Compare statements, speakers, relations, dates and scores with a gold file.

    Metric definitions: docs/evaluation.md.

    \b
    Example:
      tracker evaluate ../shared/eval/seed_gold.jsonl --documents ../shared/seeds/manifest.csv
      tracker evaluate ../shared/eval/real_dev/sentences.jsonl --by-tag --errors
      tracker evaluate ../shared/eval/real_dev/sentences.jsonl --by-event
      tracker evaluate ../shared/eval/real_dev/sentences.jsonl --by-month
    """
    import json

    from tracker.evaluation.gold import read_gold
    from tracker.evaluation.statements import evaluate as run_evaluation
    from tracker.evaluation.statements import format_table

    if documents is not None and not documents.exists():
        raise TrackerError(f"{documents}: no such manifest; check the --documents path.")
    items = read_gold(gold)
    result = run_evaluation(
        items,
        build_pipeline(actors, lexicons, events_dicts),
        documents,
        by_tag=by_tag,
        by_event=by_event,
        by_month=by_month,
    )
    for message in result.ingest_errors:
        click.echo(f"Error: {message}", err=True)
    if as_json:
        click.echo(json.dumps(result.results, ensure_ascii=False, indent=2))
    else:
        click.echo(format_table(result.results), nl=False)
    if errors:
        for miss in result.misses:
            click.echo(
                f"{miss.item}\t{miss.metric}\tgold={miss.gold}\tsystem={miss.system}\t{miss.text}"
                f"\tevent={miss.shown_event()}",
                err=as_json,
            )


@click.command("evaluate-sentiment", context_settings=CONTEXT)
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

    from tracker.evaluation.sentiment import evaluate_directory, format_results

    results = evaluate_directory(directory)
    if as_json:
        rounded = {p: {c: round(r, 4) for c, r in by.items()} for p, by in results.items()}
        click.echo(json.dumps(rounded, indent=2))
    else:
        click.echo(format_results(results))


@click.command(context_settings=CONTEXT)
@click.argument("statement_id", type=int)
@db_options
def explain(statement_id: int, db_path: Path | None, wait: float) -> None:
    """Show a statement's speaker, relations, dates, and which words and rules moved its score.

    \b
    Example:
      tracker explain 42
    """
    from tracker.views.statement import statement_report

    for line in statement_report(resolve_db(db_path), statement_id, wait).lines():
        click.echo(line)
