"""The ingest's batch loop: the same rows whatever the batch size (with texts repeated across
batches), DuckDB's memory cap and the write again without it, the cycle collector restored."""

from __future__ import annotations

import dataclasses
import gc
from pathlib import Path

import pytest

from tracker.db import connection as db
from tracker.ingest import batches as ingest
from tracker.ingest.batches import ingest_articles, ingest_paths
from tracker.ingest.pipeline import Pipeline
from tracker.ingest.sources import read_inputs
from tracker.models import Article
from tracker.paths import corpus_dir

VADER_ONLY = Pipeline.build(profiles=("vader",), analyze=False)


def stored(path: Path) -> dict[str, list[tuple]]:
    with db.reader(path) as con:
        return {
            "documents": con.execute(
                "SELECT document_id, content_hash, origin FROM documents ORDER BY ALL"
            ).fetchall(),
            "statements": con.execute("SELECT * FROM statements ORDER BY ALL").fetchall(),
            "scores": con.execute(
                "SELECT statement_id, compound, explanation::VARCHAR FROM scores ORDER BY ALL"
            ).fetchall(),
        }


def demo_articles(repeat_every: int = 0) -> list[Article]:
    """The demo corpus, with every ``repeat_every``-th article's text sent again later on."""
    articles = [a for a in read_inputs([corpus_dir()]) if isinstance(a, Article)]
    if repeat_every:
        articles += [
            dataclasses.replace(a, origin=f"copy of {a.origin}") for a in articles[::repeat_every]
        ]
    return articles


@pytest.mark.parametrize(
    ("batch_size", "prepared"),
    # The copies come after every original: with small batches each is seen stored (or being
    # written) and skipped; in one batch, write_batch finds them among the batch's own texts.
    [(1, 75), (7, 75), (1000, 90)],
    ids=["one", "seven", "all"],
)
def test_same_rows_and_report_for_any_batch_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch_size: int, prepared: int
) -> None:
    articles = demo_articles(repeat_every=5)
    assert len(articles) == 90 and len({a.text for a in articles}) == 75
    reference = ingest_articles(articles, tmp_path / "ref.duckdb", pipeline=VADER_ONLY)
    counted: list[Article] = []
    real = Pipeline.prepare

    def counting(self: Pipeline, article: Article):  # type: ignore[no-untyped-def]
        counted.append(article)
        return real(self, article)

    monkeypatch.setattr(Pipeline, "prepare", counting)
    path = tmp_path / f"b{batch_size}.duckdb"
    report = ingest_articles(articles, path, pipeline=VADER_ONLY, batch_size=batch_size)
    assert len(counted) == prepared
    assert report.stored == reference.stored
    assert stored(path) == stored(tmp_path / "ref.duckdb")
    repeats = [s for s in report.stored if s.origin.startswith("copy of ")]
    originals = {s.origin: s.document_id for s in report.stored}
    assert repeats and all(s.outcome == "unchanged" for s in repeats)
    assert all(s.document_id == originals[s.origin[len("copy of ") :]] for s in repeats)


def test_a_batch_beyond_the_memory_cap_is_written_again_without_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reference = tmp_path / "ref.duckdb"
    ingest_paths([corpus_dir()], reference, pipeline=VADER_ONLY)
    monkeypatch.setattr(ingest, "MEMORY_LIMIT", "2MB")  # too small for any batch's write
    attempts: list[int] = []
    real = ingest.write_batch

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        attempts.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(ingest, "write_batch", counting)
    path = tmp_path / "capped.duckdb"
    report = ingest_articles(demo_articles(), path, pipeline=VADER_ONLY, batch_size=30)
    assert len(attempts) == 4  # three batches, the first written twice: capped, then not
    assert report.count("added") == len(demo_articles()) and not report.errors
    assert stored(path) == stored(reference)


@pytest.mark.parametrize("enabled", [True, False], ids=["enabled", "disabled by the caller"])
def test_the_cycle_collector_is_left_as_it_was(tmp_path: Path, enabled: bool) -> None:
    (gc.enable if enabled else gc.disable)()
    try:
        ingest_paths([corpus_dir()], tmp_path / "gc.duckdb", pipeline=VADER_ONLY)
        assert gc.isenabled() is enabled
    finally:
        gc.enable()
