"""The rescoring's writes: runs that start invisible, rows appended in short transactions, one
tiny transaction that makes the new runs current, clean-up of dead runs, pruning.

Contract
--------
Every function takes a writer connection (the caller holds the tracker's write lock) and does one
short transaction. A run is created with status ``running``; the views read only ``completed``
runs, so its rows stay invisible until :func:`complete_runs` flips every run of the rescoring at
once, with ``dyad_aggregates`` (:mod:`tracker.db.aggregates`) in the same transaction (its change
worked out beforehand by :func:`switch_totals`). A process that dies leaves its runs ``running``:
the next rescoring (under the same lock, so nobody else can be writing them) marks them ``failed``
and deletes their rows with :func:`clean_dead_runs`. :func:`prunable` (read-only) names old runs
that no current row needs, and :func:`prune` deletes them; :func:`run_changes` (read-only) counts
what a run changed against the completed runs before it.

:class:`ChunkWriter` opens those writer connections: it buffers the running runs' result tables
and appends them (:func:`append_rows`) in transactions of about ``rows`` rows, each on its own
writer connection (:func:`tracker.db.connection.writer_connection`: the rescoring holds the
tracker's write lock throughout, the DuckDB file only per transaction), retried every
:data:`WRITER_POLL_SECONDS` while readers hold the file. It records how long each connection
kept readers out, and how long it waited for them.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from tracker.db import aggregates, connection
from tracker.db.tables import (
    ANALYSIS_RUN,
    COMPLETED,
    FAILED,
    RUNNING,
    SCORE_RUN,
    identifier,
    insert_arrow,
    next_id,
    transaction,
)
from tracker.ingest.identity import IdentitySnapshot
from tracker.ingest.store import AnalysisRun, refresh_reference_tables
from tracker.rescore.plan import (
    current_analysis_counts,
    current_run_counts,
    effective_identity,
    score_runs,
)

# How often a writer retries while readers hold the file: readers hold it for one query at a
# time, and a short interval catches the gaps between a busy dashboard's queries.
WRITER_POLL_SECONDS = 0.005


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


@dataclass(frozen=True)
class SwitchTotals:
    """What completing the runs adds to ``dyad_aggregates`` and takes from it."""

    added: pa.Table
    removed: pa.Table


def complete_runs(
    con: duckdb.DuckDBPyConnection,
    score_runs: Mapping[int, int],
    analysis: tuple[int, int] | None,
    analysis_run: AnalysisRun | None,
    now: dt.datetime,
    totals: SwitchTotals,
) -> None:
    """Make the new runs current, all in one transaction: the views switch at once, and
    ``dyad_aggregates`` with them (``totals``: :func:`switch_totals` of the same runs).

    ``score_runs`` maps run id to statements scored; ``analysis`` is (id, statements).
    """
    with transaction(con):
        if analysis is not None and analysis_run is not None:
            refresh_reference_tables(con, analysis_run)
        _flip(con, score_runs, analysis, now)
        aggregates.apply(con, totals.added, totals.removed)


def _flip(
    con: duckdb.DuckDBPyConnection,
    score_runs: Mapping[int, int],
    analysis: tuple[int, int] | None,
    now: dt.datetime,
) -> None:
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


def switch_totals(
    writer: ChunkWriter,
    score_runs: Mapping[int, int],
    analysis: tuple[int, int] | None,
) -> SwitchTotals:
    """The change :func:`complete_runs` makes to ``dyad_aggregates``, worked out before it so
    that the switch-over stays one tiny transaction whatever the number of statements.

    The rescoring holds the tracker's write lock from here to the switch-over, so nothing
    visible changes in between. The totals before are read on a reader (readers keep reading);
    the totals after, one id range at a time, each in a transaction on its own writer
    connection that completes the runs, reads, and rolls back: short holds, like the rows'."""
    with connection.reader(writer.db_path, writer.wait) as con:
        ids = _statements_of(con, score_runs, analysis)
        removed = aggregates.totals(con, ids)
        added = [aggregates.totals(con, [])]  # the columns, when no statement changes
    for part in aggregates.segments(ids):
        with writer.connection() as con:
            con.execute("BEGIN TRANSACTION")
            try:
                _flip(con, score_runs, analysis, dt.datetime.now())
                added.append(aggregates.totals(con, part))
            finally:
                con.execute("ROLLBACK")
    return SwitchTotals(pa.concat_tables(added), removed)


def _statements_of(
    con: duckdb.DuckDBPyConnection,
    score_runs: Mapping[int, int],
    analysis: tuple[int, int] | None,
) -> list[int]:
    """The statements whose rows runs about to be completed change."""
    rows = con.execute(
        "SELECT statement_id FROM scores WHERE run_id IN (SELECT unnest(?)) "
        "UNION SELECT statement_id FROM statement_analysis WHERE analysis_id = ?",
        [list(score_runs), analysis[0] if analysis is not None else None],
    ).fetchall()
    return [int(r[0]) for r in rows]


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


def run_changes(con: duckdb.DuckDBPyConnection, scorer: str, run_id: int) -> tuple[int, int]:
    """(statements the run scored that had no score, statements whose score it changed)."""
    row = con.execute(
        "WITH new AS (SELECT statement_id, compound FROM scores "
        "WHERE run_id = ? AND dyad IS NULL), "
        "old AS (SELECT s.statement_id, arg_max(s.compound, s.run_id) AS compound "
        "FROM scores AS s JOIN score_runs AS r USING (run_id) "
        "WHERE r.scorer = ? AND r.status = ? AND s.dyad IS NULL "
        "AND s.statement_id IN (SELECT statement_id FROM new) GROUP BY s.statement_id) "
        "SELECT count(*) FILTER (WHERE old.compound IS NULL), "
        "count(*) FILTER (WHERE old.compound IS NOT NULL AND new.compound <> old.compound) "
        "FROM new LEFT JOIN old USING (statement_id)",
        [run_id, scorer, COMPLETED],
    ).fetchall()[0]
    return int(row[0]), int(row[1])


class ChunkWriter:
    """Buffered appends of the running runs' rows, one short writer connection per flush."""

    def __init__(self, db_path: Path, wait: float, rows: int) -> None:
        self.db_path = db_path
        self.wait = wait
        self.rows = rows
        self.holds: list[float] = []  # readers locked out (s), per connection
        self.waits: list[float] = []  # waiting for readers to let go (s), per connection
        self.rows_written = 0
        self._buffer: list[tuple[str, pa.Table]] = []
        self._buffered = 0

    @contextmanager
    def connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A writer connection, retried every few milliseconds while readers hold the file.
        The time from open to closed counts as a lock hold; the wait before it does not."""
        began = time.monotonic()
        opened = began
        try:
            with connection.writer_connection(
                self.db_path, self.wait, migrate=False, poll=WRITER_POLL_SECONDS
            ) as con:
                opened = time.monotonic()
                yield con
        finally:
            done = time.monotonic()
            self.waits.append(opened - began)
            self.holds.append(done - opened)

    def add(self, table: str, data: pa.Table) -> None:
        if data.num_rows:
            self._buffer.append((table, data))
            self._buffered += data.num_rows
        if self._buffered >= self.rows:
            self.flush()

    def flush(self) -> None:
        if not self._buffer:
            return
        tables = self._merge(self._buffer)
        with self.connection() as con:
            self.rows_written += append_rows(con, tables)
        self._buffer, self._buffered = [], 0

    @staticmethod
    def _merge(buffer: list[tuple[str, pa.Table]]) -> list[tuple[str, pa.Table]]:
        by_table: dict[str, list[pa.Table]] = {}
        for name, data in buffer:
            by_table.setdefault(name, []).append(data)
        merged = []
        for name, tables in by_table.items():
            try:
                merged.append((name, pa.concat_tables(tables, promote_options="permissive")))
            except (pa.ArrowInvalid, pa.ArrowTypeError):
                merged.extend((name, t) for t in tables)
        return merged

    @property
    def max_hold(self) -> float:
        return max(self.holds, default=0.0)

    @property
    def max_wait(self) -> float:
        return max(self.waits, default=0.0)
