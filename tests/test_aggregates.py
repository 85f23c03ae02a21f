"""``dyad_aggregates`` equals a GROUP BY over the ``dyad_scores`` view after every kind of write:
ingest, ``--replace``, syndicated copies placed and moved, rescoring as a diff, ``--full``,
a re-analysis, pruning with ``--keep``, a migration of an existing database, a rolled-back
write and rescorings killed with ``kill -9`` at random moments.

The reference query is written here, independently of :mod:`tracker.db.aggregates`: counts
must be equal, sums equal up to floating-point rounding.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests.conftest import write
from tests.test_copies import BODY, LATER, _article
from tests.test_rescore import LEXICON_B, LEXICON_C, WASHINGTON_OTHER, copy_db, lexicon, spec
from tests.test_rescore_safety import (
    INGEST,
    _articles,
    _lexicon,
    tracker,
    wait_for_no_processes,
)
from tracker.db import aggregates, copies
from tracker.db import connection as db
from tracker.db.tables import transaction
from tracker.ingest.batches import ingest_articles, ingest_paths
from tracker.ingest.pipeline import Pipeline, PipelineSpec
from tracker.paths import corpus_dir
from tracker.rescore.execute import rescore
from tracker.rescore.report import RescoreOptions
from tracker.scoring.events.dictionary import QUAD_CLASSES
from tracker.synthetic.build import make_database

D = dt.date
INLINE = RescoreOptions(workers=1)
KEY = "axis, day, precision, dyad, scorer, speaker_side, source, counted"
COUNTS = ("n", "n_events", "verbal_cooperation", "material_cooperation", "verbal_conflict",
          "material_conflict")  # fmt: skip
SUMS = ("sum_score", "sum_score_sq", "sum_goldstein")

REFERENCE = f"""
WITH rows AS (
    SELECT 'published' AS axis, published AS day, 'day' AS precision, * EXCLUDE (published)
    FROM dyad_scores
    UNION ALL BY NAME
    SELECT 'refers_to' AS axis, refers_to AS day, refers_to_precision AS precision,
           * EXCLUDE (refers_to)
    FROM dyad_scores
)
SELECT {KEY},
       count(*) AS n,
       count(event_code) AS n_events,
       count(*) FILTER (event_quad = 'verbal cooperation') AS verbal_cooperation,
       count(*) FILTER (event_quad = 'material cooperation') AS material_cooperation,
       count(*) FILTER (event_quad = 'verbal conflict') AS verbal_conflict,
       count(*) FILTER (event_quad = 'material conflict') AS material_conflict,
       sum(score) AS sum_score,
       sum(score ^ 2) AS sum_score_sq,
       coalesce(sum(event_goldstein), 0) AS sum_goldstein
FROM rows GROUP BY ALL
"""


def _by_key(con: duckdb.DuckDBPyConnection, sql: str) -> dict[tuple, tuple]:
    rows = con.execute(
        f"SELECT {KEY}, {', '.join(COUNTS)}, {', '.join(SUMS)} FROM ({sql})"
    ).fetchall()
    return {r[:8]: r[8:] for r in rows}


def agrees(path: Path) -> dict[tuple, tuple]:
    """Assert the table equals the reference; return it (for checks that it moved)."""
    with db.reader(path) as con:
        expected = _by_key(con, REFERENCE)
        stored = _by_key(con, "SELECT * FROM dyad_aggregates")
    assert expected, "the database has no dyad_scores rows: nothing would be checked"
    assert sorted(stored, key=repr) == sorted(expected, key=repr)
    for key, values in expected.items():
        got = stored[key]
        assert got[: len(COUNTS)] == values[: len(COUNTS)], key
        assert got[len(COUNTS) :] == pytest.approx(values[len(COUNTS) :], abs=1e-9), key
    return stored


def counted_false(stored: dict[tuple, tuple]) -> int:
    return sum(v[0] for k, v in stored.items() if k[7] is False)


# -- ingest, replace, copies ----------------------------------------------------------------


@pytest.fixture
def syndicated(tmp_path: Path) -> Path:
    """Two remarks carried by three outlets, and the same words as news again later."""
    path = tmp_path / "s.duckdb"
    ingest_articles(
        [
            _article(BODY, D(2016, 6, 28), "a", "Ankara Wire"),
            _article("ANKARA (Reuters) - " + BODY, D(2016, 6, 29), "b", "Moscow Evening Post"),
            _article(BODY + " — TASS", D(2016, 6, 29), "c", "Caspian Herald"),
            _article(BODY + " " + LATER, D(2016, 7, 10), "d", "Levant Monitor"),
        ],
        path,
    )
    return path


def test_ingest_and_a_later_ingest_joining_the_clusters(syndicated: Path) -> None:
    stored = agrees(syndicated)
    assert counted_false(stored) == 2 * 4 * 2  # 4 copies × 2 scorers × 2 axes (one relation)
    ingest_articles([_article("AFP - " + BODY, D(2016, 6, 30), "e", "Atlantic Desk")], syndicated)
    assert counted_false(agrees(syndicated)) == 2 * 6 * 2


def test_replace_of_a_representative_moves_the_counted_row(syndicated: Path) -> None:
    before = agrees(syndicated)
    changed = "The Turkish president said ties with the West were under review."
    ingest_articles(
        [_article(changed, D(2016, 6, 28), "a", "Ankara Wire")], syndicated, replace=True
    )
    after = agrees(syndicated)
    # The remark's counted rows moved from the Ankara Wire to a copy's outlet.
    ankara = [k for k in after if k[6] == "Ankara Wire" and k[5] is not None]
    assert counted_false(after) == counted_false(before) - 2 * 2 * 2
    assert ankara and after != before


def test_deferred_analysis_placed_by_rescore_and_a_moved_statement(tmp_path: Path) -> None:
    path = tmp_path / "d.duckdb"
    articles = [
        _article(BODY, D(2016, 6, 28), "a", "Ankara Wire"),
        _article("AFP - " + BODY, D(2016, 6, 28), "b", "Atlantic Desk"),
    ]
    ingest_articles(articles, path, spec=PipelineSpec(profiles=("vader",), analyze=False))
    rescore(path)  # analyses, scores, then places the copies: the AFP copy stops counting
    assert counted_false(agrees(path)) > 0
    with db.writer(path) as con:
        # As a re-analysis that names another speaker for a representative would (the speaker
        # is no key column, so the table still agrees): placed again, it founds a cluster of
        # its own and its copy becomes the counted row of the old one.
        con.execute("UPDATE statement_analysis SET speaker = 'someone else' WHERE statement_id = 1")
        agreed = agrees_on(con)
        with transaction(con):
            assert copies.refresh(con) == 1
        assert agrees_on(con) != agreed


def agrees_on(con: duckdb.DuckDBPyConnection) -> dict[tuple, tuple]:
    """:func:`agrees` on an open connection."""
    expected = _by_key(con, REFERENCE)
    stored = _by_key(con, "SELECT * FROM dyad_aggregates")
    assert stored.keys() == expected.keys()
    for key, values in expected.items():
        assert stored[key][: len(COUNTS)] == values[: len(COUNTS)], key
        assert stored[key][len(COUNTS) :] == pytest.approx(values[len(COUNTS) :], abs=1e-9)
    return stored


def test_a_write_that_fails_leaves_table_and_views_as_they_were(syndicated: Path) -> None:
    before = agrees(syndicated)
    with db.writer(syndicated) as con, pytest.raises(ZeroDivisionError), transaction(con):
        with aggregates.maintained(con, [1, 2, 3]):
            con.execute("DELETE FROM scores WHERE statement_id IN (1, 2, 3)")
        assert agrees_on(con) != before  # the totals followed, inside the transaction
        raise ZeroDivisionError  # a later step of the same write fails: both roll back
    assert agrees(syndicated) == before


def test_replace_from_files(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    note = write(
        folder / "note.md",
        """
        ---
        published: 2016-06-30
        source: test wire
        ---
        Russia lifted its ban on charter flights to Turkey on Thursday.
        The Kremlin said trade talks would resume next month.
        """,
    )
    path = tmp_path / "f.duckdb"
    ingest_paths([folder], path)
    before = agrees(path)
    note.write_text(
        note.read_text(encoding="utf-8").replace("lifted its ban", "imposed a ban"), "utf-8"
    )
    ingest_paths([folder], path, replace=True)
    assert agrees(path) != before


# -- rescoring ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def base_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("base") / "base.duckdb"
    ingest_paths([corpus_dir()], path, pipeline=Pipeline.build())
    return path


def test_rescore_diff_full_reanalysis_and_keep(base_db: Path, tmp_path: Path) -> None:
    path = copy_db(base_db, tmp_path / "t.duckdb")
    first = agrees(path)
    rescore(path, spec((lexicon(tmp_path, "b", LEXICON_B),)), INLINE)  # a diff
    diff = agrees(path)
    assert diff != first
    rescore(path, spec((lexicon(tmp_path, "c", LEXICON_C),)), RescoreOptions(workers=1, full=True))
    assert agrees(path) != diff
    actors = write(tmp_path / "actors.toml", WASHINGTON_OTHER)
    lex_c = lexicon(tmp_path, "c2", LEXICON_C)
    report = rescore(path, spec((lex_c,), actors=(actors,)), INLINE)  # a re-analysis
    assert any(r.kind == "analysis" for r in report.runs)
    reanalysed = agrees(path)
    report = rescore(path, spec((lex_c,), actors=(actors,)), RescoreOptions(workers=1, keep=1))
    assert report.pruned_score_runs  # runs went; no current row with them
    assert agrees(path) == reanalysed


def test_migration_fills_the_table_of_an_existing_database(base_db: Path, tmp_path: Path) -> None:
    path = copy_db(base_db, tmp_path / "t.duckdb")
    with db.writer(path) as con:  # as a tracker before migration 0009 left it
        con.execute("DROP TABLE dyad_aggregates")
        con.execute("DELETE FROM schema_migrations WHERE version = 9")
    with db.writer(path):  # migrates
        pass
    agrees(path)


def test_the_quad_columns_are_the_event_dictionarys() -> None:
    assert aggregates.QUADS == QUAD_CLASSES


def test_segments_cut_scattered_ids_into_narrow_ranges() -> None:
    step = aggregates.SEGMENT
    ids = [5, 3, 3, 7, step + 3, step + 4, 10 * step]
    assert aggregates.segments(ids) == [[3, 5, 7], [step + 3, step + 4], [10 * step]]


# -- kill -9 --------------------------------------------------------------------------------


@pytest.mark.slow
def test_rescores_killed_at_random_moments(tmp_path: Path) -> None:
    path = make_database(tmp_path / "k.duckdb", 3_000)
    agrees(path)
    began = time.monotonic()
    job = tracker("rescore", "--db", str(path), "--lexicon", str(_lexicon(tmp_path, 0)))
    _, err = job.communicate(timeout=120)
    assert job.returncode == 0, err
    duration = time.monotonic() - began
    moved = agrees(path)
    rng = random.Random(14)
    kills = 6
    for i in range(1, kills + 1):
        job = tracker("rescore", "--db", str(path), "--full", "--lexicon",
                      str(_lexicon(tmp_path, i)))  # fmt: skip
        time.sleep(duration * (i - 1 + rng.random()) / kills)
        os.kill(job.pid, signal.SIGKILL)
        job.communicate(timeout=30)
        assert wait_for_no_processes(job.pid) == []
        moved = agrees(path)
    job = tracker("rescore", "--db", str(path), "--lexicon", str(_lexicon(tmp_path, kills + 1)))
    _, err = job.communicate(timeout=120)
    assert job.returncode == 0, err
    assert agrees(path) != moved
    shutil.rmtree(tmp_path, ignore_errors=True)


@pytest.mark.slow
def test_ingests_killed_at_random_moments(tmp_path: Path) -> None:
    """A batch's totals are written in the batch's own transaction: an ingest killed between
    or inside batches leaves the table equal to its statements."""
    path = tmp_path / "i.duckdb"
    began = time.monotonic()
    first = subprocess.run(
        [sys.executable, "-c", INGEST, str(path), str(_articles(tmp_path / "a0", 0, 100))],
        capture_output=True,
        text=True,
    )
    assert first.returncode == 0, first.stderr
    duration = time.monotonic() - began
    agrees(path)
    rng = random.Random(21)
    kills = 6
    for i in range(1, kills + 1):
        job = subprocess.Popen(
            [sys.executable, "-c", INGEST, str(path), str(_articles(tmp_path / f"a{i}", i, 100))],
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        time.sleep(duration * (i - 1 + rng.random()) / kills)
        os.kill(job.pid, signal.SIGKILL)
        job.communicate(timeout=30)
        assert wait_for_no_processes(job.pid) == []
        agrees(path)
