"""`tracker ingest --workers N`: articles prepared in worker processes are stored exactly as
one process stores them (same rows, same report, same order), small ingests stay in one
process, and failures of the workers end the ingest with one clear line."""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import session_processes, without_progress, write
from tracker.cli.main import main
from tracker.db import connection as db
from tracker.errors import InputError
from tracker.ingest import batches as ingest
from tracker.ingest.batches import IngestFailed, ingest_articles
from tracker.ingest.pipeline import Pipeline, PipelineSpec
from tracker.ingest.sources import read_inputs
from tracker.models import Article
from tracker.paths import corpus_dir
from tracker.progress import Tally
from tracker.workers import WorkerPool

# Every table an ingest writes, with the columns that differ between two runs (clock times)
# left out; ids are compared, since they must come out the same too.
TABLES = {
    "documents": "* EXCLUDE (ingested_at)",
    "statements": "*",
    "statement_analysis": "*",
    "statement_dyads": "*",
    "scores": "*",
    "score_runs": "* EXCLUDE (started, finished)",
    "analysis_runs": "* EXCLUDE (started, finished)",
    "actors": "*",
    "key_events": "*",
    "copy_clusters": "*",
    "copy_bands": "*",
    "statement_copies": "*",
}


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def rows(path: Path) -> dict[str, list[tuple]]:
    with db.reader(path) as con:
        return {
            table: con.execute(f"SELECT {columns} FROM {table} ORDER BY ALL").fetchall()
            for table, columns in TABLES.items()
        }


@pytest.fixture
def pools(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The worker counts of the pools the ingest starts (inline work starts none)."""
    started: list[int] = []

    class Spy(WorkerPool):
        def __enter__(self) -> WorkerPool:
            started.append(self.workers)
            return super().__enter__()

    monkeypatch.setattr(ingest, "WorkerPool", Spy)
    return started


@pytest.fixture
def always_parallel(monkeypatch: pytest.MonkeyPatch) -> None:
    """Start the worker processes whatever the amount of text."""
    monkeypatch.setattr(ingest, "MIN_PARALLEL_CHARS", 0)


def corpus() -> list[Article | InputError]:
    """The demo corpus with repeats (in one batch, in the next batch, further on) and input
    errors mixed in, so every path of the skip check is taken."""
    items: list[Article | InputError] = list(read_inputs([corpus_dir()]))
    articles = [a for a in items if isinstance(a, Article)]
    assert len(articles) >= 60
    again = [dataclasses.replace(a, origin=f"copy of {a.origin}") for a in articles[:12]]
    items[3:3] = [again[0], again[0]]  # twice in the first batch
    items[14:14] = [again[1], InputError("bad.txt: not UTF-8")]  # next batch
    items[40:40] = again[2:]
    items.append(InputError("late.csv: malformed row 3"))
    return items


def edited(items: list[Article | InputError]) -> list[Article | InputError]:
    return [
        dataclasses.replace(a, text=a.text + " An earlier version.")
        for a in items
        if isinstance(a, Article)
    ]


def outcomes(report: ingest.IngestReport) -> list[tuple]:
    return [dataclasses.astuple(s) for s in report.stored] + [
        ("error", e.message) for e in report.errors
    ]


@pytest.mark.parametrize("replace", [False, True])
def test_two_workers_store_the_same_rows_and_report_as_one(
    tmp_path: Path,
    pools: list[int],
    always_parallel: None,
    monkeypatch: pytest.MonkeyPatch,
    replace: bool,
) -> None:
    monkeypatch.setattr(ingest, "CHUNK_ARTICLES", 4)  # several chunks to a batch of 10
    items = corpus()
    pipeline = Pipeline.build()
    reports, tables = {}, {}
    for workers in (1, 2):
        path = tmp_path / f"w{workers}.duckdb"
        # Some texts are stored already (skipped, never prepared again), and earlier versions
        # of some others (new documents, or replaced ones with ``replace``).
        ingest_articles(items[20:30] + edited(items[:3]), path, pipeline=pipeline, batch_size=4)
        ticks = Tally()
        reports[workers] = ingest_articles(
            items,
            path,
            pipeline=pipeline,
            replace=replace,
            batch_size=10,
            workers=workers,
            progress=ticks,
        )
        assert ticks.done == len(items)  # articles and errors: every input
        tables[workers] = rows(path)
    assert pools == [2]  # processes for the two-worker ingest only
    assert outcomes(reports[2]) == outcomes(reports[1])
    kinds = {s.outcome for s in reports[1].stored}
    assert kinds == ({"added", "replaced", "unchanged"} if replace else {"added", "unchanged"})
    assert reports[1].statements > 300 and len(reports[1].errors) == 2
    # ...and both in input order: new documents take ids in the order they were given.
    new = [s for s in reports[1].stored if s.outcome != "unchanged"]
    given = dict.fromkeys(i.origin for i in items if isinstance(i, Article))
    assert [s.origin for s in new] == [o for o in given if o in {s.origin for s in new}]
    assert [s.document_id for s in new] == sorted(s.document_id for s in new) or replace
    assert tables[2] == tables[1]
    assert all(tables[1][t] for t in ("statements", "statement_dyads", "scores"))
    # The earlier versions carry the same statements: syndicated copies, clustered alike.
    assert any(copies > 1 for *_, copies in tables[1]["copy_clusters"]) != replace


def test_a_small_ingest_stays_in_one_process(
    articles: Path, db_path: Path, pools: list[int]
) -> None:
    report = ingest.ingest_paths([articles], db_path, workers=2)
    assert [s.outcome for s in report.stored] == ["added"] * 3
    assert pools == []


def test_cli_workers_option(articles: Path, tmp_path: Path, always_parallel: None) -> None:
    one = run("ingest", str(articles), "--workers", "1", "--db", str(tmp_path / "one.duckdb"))
    two = run("ingest", str(articles), "--workers", "2", "--db", str(tmp_path / "two.duckdb"))
    assert (one.exit_code, two.exit_code) == (0, 0)
    assert two.stdout == one.stdout and len(one.stdout.splitlines()) == 3
    assert without_progress(two.stderr) == without_progress(one.stderr)
    assert rows(tmp_path / "two.duckdb") == rows(tmp_path / "one.duckdb")


def test_cli_workers_must_be_at_least_one(articles: Path) -> None:
    result = CliRunner().invoke(main, ["ingest", str(articles), "--workers", "0"])
    assert result.exit_code == 2
    assert without_progress(result.stderr).splitlines()[-1] == (
        "Error: Invalid value for '--workers': 0 is not in the range x>=1."
    )


def test_cli_lexicon_reaches_the_workers(
    articles: Path, tmp_path: Path, always_parallel: None
) -> None:
    lexicon = write(tmp_path / "lex.csv", "term,valence,note\ncharter,2.5,test\n")
    paths = {w: tmp_path / f"{w}.duckdb" for w in (1, 2)}
    for workers, path in paths.items():
        result = run(
            "ingest", str(articles), "--lexicon", str(lexicon), "--workers", str(workers),
            "--db", str(path),
        )  # fmt: skip
        assert result.exit_code == 0, result.stderr
    assert rows(paths[2]) == rows(paths[1])
    default = tmp_path / "default.duckdb"
    assert run("ingest", str(articles), "--db", str(default)).exit_code == 0
    assert rows(default)["scores"] != rows(paths[1])["scores"]  # the lexicon did count


def test_a_pipeline_the_workers_cannot_rebuild_is_refused(articles: Path, tmp_path: Path) -> None:
    lexicon = write(tmp_path / "lex.csv", "term,valence,note\ncharter,2.5,test\n")
    items = list(read_inputs([articles]))
    custom = Pipeline.build(lexicons=(lexicon,))
    with pytest.raises(ValueError, match=r"needs the PipelineSpec the pipeline was built from"):
        ingest_articles(items, tmp_path / "x.duckdb", pipeline=custom, workers=2)
    # With its spec it works; one worker needs no spec at all.
    spec = PipelineSpec(lexicons=(lexicon,))
    report = ingest_articles(items, tmp_path / "x.duckdb", pipeline=custom, spec=spec, workers=2)
    assert report.count("added") == 3
    assert ingest_articles(items, tmp_path / "y.duckdb", pipeline=custom).count("added") == 3


def test_workers_that_build_another_pipeline_stop_the_ingest(
    articles: Path, tmp_path: Path, always_parallel: None
) -> None:
    # As if the lexicon had been edited between the main process's build and the workers'.
    lexicon = write(tmp_path / "lex.csv", "term,valence,note\ncharter,2.5,test\n")
    path = tmp_path / "x.duckdb"
    with pytest.raises(IngestFailed) as failed:
        ingest.ingest_paths(
            [articles],
            path,
            pipeline=Pipeline.build(),
            spec=PipelineSpec(lexicons=(lexicon,)),
            workers=2,
        )
    assert failed.value.message == (
        "The worker processes built a different pipeline (a lexicon, actor, events or rule "
        "file changed during the ingest); the batches written so far are stored. Run the same "
        "ingest again once the files are settled: stored texts are skipped."
    )
    with db.reader(path) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchall() == [(0,)]


def test_a_dead_worker_is_one_clear_error() -> None:
    chunk: Future[tuple] = Future()
    chunk.set_exception(BrokenProcessPool("A process in the process pool was terminated"))
    with pytest.raises(IngestFailed) as failed:
        ingest._result(chunk)
    assert failed.value.message == (
        "A worker process died (out of memory, or killed); the batches written so far are "
        "stored. Run the same ingest again to finish: stored texts are skipped."
    )


def _poll(condition: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@pytest.mark.slow
def test_kill_9_of_an_ingest_leaves_no_worker_behind(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for k in range(2000):  # 500 a batch, 200,000 characters: enough to start the workers
        (folder / f"brief-{k}.md").write_text(
            f"---\npublished: 2016-07-{1 + k % 28:02d}\n---\n"
            f"Turkish and Russian officials met in Ankara on day {k}. The Kremlin said talks "
            "on lifting the ban on charter flights would resume next week. Erdogan said ties "
            "with Moscow were improving. “We are ready to work together,” Peskov said.\n",
            encoding="utf-8",
        )
    job = subprocess.Popen(
        [sys.executable, "-m", "tracker", "ingest", str(folder), "--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "TRACKER_DB": str(tmp_path / "k.duckdb")},
        start_new_session=True,
    )
    try:
        # The main process, the forkserver and two workers.
        started = _poll(lambda: len(session_processes(job.pid)) >= 4 or job.poll() is not None, 60)
        assert started and job.poll() is None, "no workers started"
    finally:
        os.kill(job.pid, signal.SIGKILL)
        job.wait(timeout=30)
    assert _poll(lambda: not session_processes(job.pid), 10), "orphaned workers after kill -9"
