"""The rescoring's writes: runs that start invisible, rows appended in short transactions, one
tiny transaction that makes the new runs current, clean-up of dead runs, pruning.

Contract
--------
Every function takes a writer connection (the caller holds the tracker's write lock) and does
one short transaction. A run is created with status ``running``; the views read only
``completed`` runs, so its rows stay invisible until :func:`complete_runs` flips every run of
the rescoring at once. A process that dies leaves its runs ``running``: the next rescoring
(under the same lock, so nobody else can be writing them) marks them ``failed`` and deletes their
rows with :func:`clean_dead_runs`. :func:`prunable` (read-only) names old runs that no current
row needs, and :func:`prune` deletes them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from tracker.db.tables import (
    ANALYSIS_RUN,
    COMPLETED,
    FAILED,
    RUNNING,
    SCORE_RUN,
    identifier,
    insert_arrow,
    next_id,
)
from tracker.ingest.store import AnalysisRun, refresh_reference_tables
from tracker.rescore.identity import IdentitySnapshot
from tracker.rescore.plan import (
    current_analysis_counts,
    current_run_counts,
    effective_identity,
    score_runs,
)


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    con.execute("BEGIN TRANSACTION")
    try:
        yield
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


@dataclass(frozen=True)
class DeadRuns:
    score_runs: tuple[int, ...]
    analysis_runs: tuple[int, ...]


def dead_runs(con: duckdb.DuckDBPyConnection) -> DeadRuns:
    """Runs left ``running`` (read-only: tells whether :func:`clean_dead_runs` has work)."""
    score = con.execute("SELECT run_id FROM score_runs WHERE status = ?", [RUNNING]).fetchall()
    analysis = con.execute(
        "SELECT analysis_id FROM analysis_runs WHERE status = ?", [RUNNING]
    ).fetchall()
    return DeadRuns(tuple(int(r[0]) for r in score), tuple(int(r[0]) for r in analysis))


def clean_dead_runs(con: duckdb.DuckDBPyConnection, now: dt.datetime) -> DeadRuns:
    """Mark runs a dead process left ``running`` as failed and delete their rows."""
    dead = dead_runs(con)
    fail_runs(con, dead.score_runs, dead.analysis_runs, now)
    return dead


def fail_runs(
    con: duckdb.DuckDBPyConnection,
    score_ids: Sequence[int],
    analysis_ids: Sequence[int],
    now: dt.datetime,
) -> None:
    """Give up runs that are still ``running``: status failed, rows deleted (never a completed
    run, so this is safe to call after a completion whose outcome is unknown)."""
    if not score_ids and not analysis_ids:
        return
    with transaction(con):
        if score_ids:
            ids = con.execute(
                "UPDATE score_runs SET status = ?, finished = ? "
                "WHERE run_id IN (SELECT unnest(?)) AND status = ? RETURNING run_id",
                [FAILED, now, list(score_ids), RUNNING],
            ).fetchall()
            con.execute(
                "DELETE FROM scores WHERE run_id IN (SELECT unnest(?))", [[r[0] for r in ids]]
            )
        if analysis_ids:
            ids = con.execute(
                "UPDATE analysis_runs SET status = ?, finished = ? "
                "WHERE analysis_id IN (SELECT unnest(?)) AND status = ? "
                "RETURNING analysis_id",
                [FAILED, now, list(analysis_ids), RUNNING],
            ).fetchall()
            for table in ("statement_analysis", "statement_dyads"):
                con.execute(
                    f"DELETE FROM {identifier(table)} WHERE analysis_id IN (SELECT unnest(?))",
                    [[r[0] for r in ids]],
                )


def record_inputs(
    con: duckdb.DuckDBPyConnection, kind: str, run_id: int, reason: str, inputs: Mapping[str, Any]
) -> None:
    con.execute(
        "INSERT INTO run_inputs (kind, run_id, reason, inputs) VALUES (?, ?, ?, ?)",
        [kind, run_id, reason, json.dumps(inputs, ensure_ascii=False, default=str)],
    )


def start_score_run(
    con: duckdb.DuckDBPyConnection,
    snap: IdentitySnapshot,
    scope: str,
    started: dt.datetime,
    reason: str,
    inputs: Mapping[str, Any],
) -> int:
    """A new, invisible score run; returns its id."""
    with transaction(con):
        run_id = next_id(con, "score_runs")
        con.execute(
            "INSERT INTO score_runs (run_id, scorer, scorer_version, lexicon_hash, scope, started, "
            "finished, status, n_statements) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, NULL)",
            [run_id, snap.scorer, snap.scorer_version, snap.lexicon_hash, scope, started, RUNNING],
        )
        record_inputs(con, SCORE_RUN, run_id, reason, inputs)
    return run_id


def start_analysis_run(
    con: duckdb.DuckDBPyConnection,
    version: str,
    inputs_hash: str,
    scope: str,
    started: dt.datetime,
    reason: str,
    inputs: Mapping[str, Any],
) -> int:
    """A new, invisible analysis run; returns its id."""
    with transaction(con):
        analysis_id = next_id(con, "analysis_runs")
        con.execute(
            "INSERT INTO analysis_runs (analysis_id, analysis_version, inputs_hash, scope, "
            "started, finished, status, n_statements) "
            "VALUES (?, ?, ?, ?, ?, NULL, ?, NULL)",
            [analysis_id, version, inputs_hash, scope, started, RUNNING],
        )
        record_inputs(con, ANALYSIS_RUN, analysis_id, reason, inputs)
    return analysis_id


def append_rows(con: duckdb.DuckDBPyConnection, tables: Sequence[tuple[str, pa.Table]]) -> int:
    """Append rows of running runs in one transaction; returns the number of rows."""
    with transaction(con):
        for name, data in tables:
            insert_arrow(con, name, data)
    return sum(t.num_rows for _, t in tables)


def complete_runs(
    con: duckdb.DuckDBPyConnection,
    score_runs: Mapping[int, int],
    analysis: tuple[int, int] | None,
    analysis_run: AnalysisRun | None,
    now: dt.datetime,
) -> None:
    """Make the new runs current, all in one transaction: the views switch at once.

    ``score_runs`` maps run id to statements scored; ``analysis`` is (id, statements).
    """
    with transaction(con):
        if analysis is not None and analysis_run is not None:
            refresh_reference_tables(con, analysis_run)
        if analysis is not None:
            con.execute(
                "UPDATE analysis_runs SET status = ?, finished = ?, n_statements = ? "
                "WHERE analysis_id = ? AND status = ?",
                [COMPLETED, now, analysis[1], analysis[0], RUNNING],
            )
        for run_id, n in score_runs.items():
            con.execute(
                "UPDATE score_runs SET status = ?, finished = ?, n_statements = ? "
                "WHERE run_id = ? AND status = ?",
                [COMPLETED, now, n, run_id, RUNNING],
            )


@dataclass(frozen=True)
class Pruned:
    score_runs: tuple[int, ...]
    analysis_runs: tuple[int, ...]


def prunable(con: duckdb.DuckDBPyConnection, keep: int) -> Pruned:
    """Runs beyond the newest ``keep`` per scorer (and of the analysis) that nothing needs."""
    drop_scores: list[int] = []
    scorers = [r[0] for r in con.execute("SELECT DISTINCT scorer FROM score_runs").fetchall()]
    for scorer in sorted(scorers):
        runs = score_runs(con, scorer)
        finished = [r for r in runs if r.status != RUNNING]
        completed = [r.run_id for r in runs if r.status == COMPLETED]
        needed = {r.run_id for r in sorted(finished, key=lambda r: -r.run_id)[:keep]}
        for run_id, n in current_run_counts(con, completed).items():
            if n:
                needed.add(run_id)
                needed.update(effective_identity(run_id, runs)[1])
        drop_scores += [r.run_id for r in finished if r.run_id not in needed]
    rows = con.execute(
        "SELECT analysis_id, status FROM analysis_runs WHERE status <> ? ORDER BY analysis_id DESC",
        [RUNNING],
    ).fetchall()
    completed = [int(a) for a, s in rows if s == COMPLETED]
    needed = {int(a) for a, _ in rows[:keep]}
    needed.update(a for a, n in current_analysis_counts(con, completed).items() if n)
    drop_analysis = [int(a) for a, _ in rows if int(a) not in needed]
    return Pruned(tuple(sorted(drop_scores)), tuple(sorted(drop_analysis)))


def prune(con: duckdb.DuckDBPyConnection, drop: Pruned) -> None:
    """Delete the runs :func:`prunable` named, with their rows, in one transaction."""
    if not drop.score_runs and not drop.analysis_runs:
        return
    with transaction(con):
        if drop.score_runs:
            ids = [list(drop.score_runs)]
            con.execute("DELETE FROM scores WHERE run_id IN (SELECT unnest(?))", ids)
            con.execute("DELETE FROM score_runs WHERE run_id IN (SELECT unnest(?))", ids)
            con.execute(
                "DELETE FROM run_inputs WHERE kind = ? AND run_id IN (SELECT unnest(?))",
                [SCORE_RUN, *ids],
            )
        if drop.analysis_runs:
            ids = [list(drop.analysis_runs)]
            for table in ("statement_analysis", "statement_dyads", "analysis_runs"):
                con.execute(
                    f"DELETE FROM {identifier(table)} WHERE analysis_id IN (SELECT unnest(?))", ids
                )
            con.execute(
                "DELETE FROM run_inputs WHERE kind = ? AND run_id IN (SELECT unnest(?))",
                [ANALYSIS_RUN, *ids],
            )
