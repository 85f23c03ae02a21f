"""``tracker rescore``: recompute what changed, while readers keep reading the previous runs.

Contract
--------
:func:`rescore` holds the tracker's write lock (``<db>.lock``) for its whole run, so a second
rescoring or an ingest waits (up to ``wait`` s, then :class:`DatabaseLocked`, exit 75), but
opens the DuckDB file only for short units of work:

1. clean up runs a killed rescoring left ``running`` (they were never visible) and record the
   current scorer identities (:mod:`tracker.ingest.identity`);
2. plan (:mod:`tracker.rescore.plan`) through one read-only connection; an empty plan ends here;
3. re-analyse the planned documents into a new ``running`` analysis run, add the statements
   whose relation clauses moved to the clause profiles' work, then score the planned
   statements into one new ``running`` run per profile: chunks are read through short
   read-only connections, computed in worker processes (:mod:`tracker.rescore.tasks`), and
   appended to the new runs in transactions of a few thousand rows, each on its own writer
   connection (:class:`tracker.rescore.runs.ChunkWriter`), so readers get the file between
   chunks (they retry while it is taken). Reads and writes alternate in the main process
   (never two connections to the file at once); workers only compute;
4. make every new run ``completed`` in one tiny transaction: the views switch to them at once;
5. place the statements the analysis gave a speaker (new ones, changed ones) in clusters of
   syndicated copies (:mod:`tracker.db.copies`), in short writes of :data:`PLACE_CHUNK`
   statements: until then a new statement counts as a remark of its own;
6. with ``keep``, prune old runs (:func:`tracker.rescore.runs.prune`).

Readers therefore see the previous runs until step 4 and the new ones after it, never a mix.
A kill -9 at any point leaves only ``running`` runs behind, which step 1 of the next rescoring
marks ``failed``. SIGTERM (and Ctrl-C) stop the workers at once, mark the runs failed and raise
:class:`RescoreInterrupted` (exit 143 / 130). Any other failure marks the runs failed and
raises :class:`RescoreFailed` (exit 1); the previous runs stay current either way.
:class:`Execution` carries out steps 3 and 4 for one plan; :meth:`Execution.abandon` marks
whatever it started and did not complete as failed (best effort: a run left ``running`` is
cleaned up by the next rescoring anyway).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import duckdb

from tracker import __version__
from tracker.db import connection, copies
from tracker.db.tables import ALL, ANALYSIS_RUN, CHANGED, COMPLETED, SCORE_RUN, transaction
from tracker.errors import DatabaseMissing, PipelineMismatch, SchemaOutdated, TrackerError
from tracker.ingest.identity import IdentitySnapshot, record, recorded_keys, snapshot
from tracker.ingest.pipeline import Pipeline, PipelineSpec, adopt
from tracker.progress import SILENT, Progress
from tracker.rescore import tasks
from tracker.rescore.plan import RescorePlan, ScorerPlan, make_plan
from tracker.rescore.report import Reporter, RescoreOptions, RescoreReport, RunOutcome
from tracker.rescore.runs import (
    WRITER_POLL_SECONDS,
    ChunkWriter,
    DeadRuns,
    Pruned,
    clean_dead_runs,
    complete_runs,
    dead_runs,
    fail_runs,
    prunable,
    prune,
    run_changes,
    start_analysis_run,
    start_score_run,
    switch_totals,
)
from tracker.rescore.tasks import (
    AnalyseResult,
    AnalyseTask,
    ScoreResult,
    ScoreTask,
    analyse_documents,
    chunked,
    document_chunks,
    needs_clause_scores,
    read_documents,
    read_statements,
    score_statements,
)
from tracker.workers import WorkerPool, default_workers

C = TypeVar("C")
T = TypeVar("T")
R = TypeVar("R")
# Chunk connections may wait longer than --wait: a reader (the dashboard loading its snapshot)
# holds the file for up to a second or two, and giving up mid-run would waste the work done.
CHUNK_WAIT_SECONDS = 120.0
PLACE_CHUNK = 500  # statements placed in clusters of copies per write (well under 0.3 s)
# Statements in no cluster yet (a first placement) are placed in larger writes: the same
# clusters whatever the cut (copies.Pending.chunks), and far fewer file opens and gaps.
PLACE_FRESH_CHUNK = 1500
# Between those writes, for readers: longer than the last interval of a reader's backoff
# within the dashboard's 0.5 s wait (0.05, 0.1, 0.2, then 0.4 s), so any polling reader's tries
# land in a gap: 0.15 s let two of 132 dashboard reads time out during a 100k placement.
PLACE_GAP_SECONDS = 0.45
ABANDON_WAIT_SECONDS = 10.0


class RescoreFailed(TrackerError):
    """The rescoring stopped on an error; its runs were marked failed."""


class RescoreInterrupted(TrackerError):
    """SIGTERM or Ctrl-C stopped the rescoring; its runs were marked failed."""

    def __init__(self, message: str, signum: int) -> None:
        super().__init__(message)
        self.exit_code = 128 + signum


class _Stopped(BaseException):
    """Raised by the signal handler so that every ``finally`` on the way out runs."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextmanager
def _signals_raise() -> Iterator[None]:
    """SIGTERM and SIGINT raise :class:`_Stopped` (once: a second signal during the clean-up
    is ignored so the clean-up finishes)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    fired = False

    def handler(signum: int, _frame: object) -> None:
        nonlocal fired
        if not fired:
            fired = True
            raise _Stopped(signum)

    previous = {s: signal.signal(s, handler) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


def _prepare(
    db_path: Path,
    wait: float,
    write_wait: float,
    snaps: Sequence[IdentitySnapshot],
    dry_run: bool,
) -> DeadRuns:
    """Migrate if needed, clean up dead runs and record the current identities; opens the file
    for writing only when one of these has work (a no-op rescoring writes nothing, a dry run
    never writes)."""
    dead: DeadRuns | None
    try:
        with connection.reader(db_path, wait) as con:
            dead = dead_runs(con)
            unrecorded = [s for s in snaps if s.key not in recorded_keys(con, s.scorer)]
    except SchemaOutdated:
        # Ours to fix: the writer connection below migrates it (a dry run writes nothing).
        if dry_run:
            raise
        dead, unrecorded = None, list(snaps)
    if dead is not None and (dry_run or not (dead.score_runs or dead.analysis_runs or unrecorded)):
        return DeadRuns((), ()) if dry_run else dead
    now = dt.datetime.now()
    with connection.writer_connection(db_path, write_wait, poll=WRITER_POLL_SECONDS) as con:
        dead = clean_dead_runs(con, now)
        for snap in unrecorded:
            record(con, snap, now)
    return dead


def rescore(
    db_path: Path,
    spec: PipelineSpec | None = None,
    options: RescoreOptions | None = None,
    progress: Progress | None = None,
) -> RescoreReport:
    """Bring every statement's analysis and scores up to date with ``spec``'s inputs."""
    began = time.monotonic()
    spec = spec or PipelineSpec()
    options = options or RescoreOptions()
    progress = progress or SILENT
    if not db_path.exists():
        raise DatabaseMissing(db_path)
    pipeline = spec.build()
    spec = spec.pinned(pipeline)
    adopt(spec, pipeline)
    snaps = [snapshot(s) for s in pipeline.scorers]
    analysis = pipeline.analysis
    identity = (analysis.version, analysis.inputs_hash) if analysis is not None else None
    workers = options.workers or default_workers()
    writer = ChunkWriter(db_path, max(options.wait, CHUNK_WAIT_SECONDS), options.write_rows)
    report = Reporter(db_path, writer, began, workers, options)
    with connection.write_lock(db_path, options.wait), _signals_raise():
        execution: Execution | None = None
        try:
            report.dead = _prepare(db_path, options.wait, writer.wait, snaps, options.dry_run)
            with connection.reader(db_path, writer.wait) as con:
                plan = make_plan(con, snaps, identity, full=options.full)
            for line in plan.describe():
                progress.note(f"plan: {line}")
            if options.dry_run:
                return report(plan, ())
            outcomes: tuple[RunOutcome, ...] = ()
            if not plan.is_empty:
                execution = Execution(
                    db_path, spec, pipeline, plan, writer, workers, options, progress
                )
                outcomes = execution.run(dt.datetime.now())
                report.workers = execution.workers_used
                execution = None  # completed: nothing left to give up
            _place_copies(db_path, writer, any(o.kind == ANALYSIS_RUN for o in outcomes))
            if options.keep is not None:
                report.pruned = _prune(db_path, writer, options.keep)
            return report(plan, outcomes)
        except _Stopped as stop:
            failed = execution.abandon() if execution is not None else ()
            name = signal.Signals(stop.signum).name
            raise RescoreInterrupted(
                f"Rescoring stopped by {name} after {time.monotonic() - began:.1f} s; "
                f"{_failed_text(failed)} the previous runs stay current. "
                "Run `tracker rescore` again to finish.",
                stop.signum,
            ) from None
        except PipelineMismatch:
            # A worker's error, not the user's command: say which runs it cost, like any other.
            failed = execution.abandon() if execution is not None else ()
            raise RescoreFailed(
                f"{PipelineMismatch.CAUSE} while the rescoring ran; {_failed_text(failed)} the "
                "previous runs stay current. Run `tracker rescore` again once the files are "
                "settled."
            ) from None
        except TrackerError:
            if execution is not None:
                execution.abandon()
            raise
        except Exception as exc:
            failed = execution.abandon() if execution is not None else ()
            raise RescoreFailed(
                f"Rescoring failed: {type(exc).__name__}: {exc}. {_failed_text(failed)} "
                "the previous runs stay current; fix the cause and run `tracker rescore` again."
            ) from exc


def _prune(db_path: Path, writer: ChunkWriter, keep: int) -> Pruned:
    """Delete runs beyond ``keep``; decided read-only, so a night with nothing to prune
    writes nothing."""
    with connection.reader(db_path, writer.wait) as con:
        drop = prunable(con, keep)
    if drop.score_runs or drop.analysis_runs:
        with writer.connection() as con:
            prune(con, drop)
    return drop


def _place_copies(db_path: Path, writer: ChunkWriter, analysed: bool) -> None:
    """Place the analysed statements in clusters of syndicated copies: the ones this rescoring
    analysed (new, or with another speaker) and any no run placed (a database from before
    migration 0007). Found read-only, and only when an analysis ran or the counts differ, so a
    night with nothing to place writes nothing; placed in parts of :data:`PLACE_CHUNK`
    statements, each its own short write, as the runs' rows are."""
    with connection.reader(db_path, writer.wait) as con:
        if not analysed:
            row = con.execute(
                "SELECT (SELECT count(*) FROM statements), (SELECT count(*) FROM statement_copies)"
            ).fetchall()[0]
            if row[0] == row[1]:
                return
        work = copies.pending(con)
    next_write = 0.0
    for part in work.chunks(PLACE_CHUNK, PLACE_FRESH_CHUNK):
        prepared = copies.prepare([*part.fresh, *part.moved])  # signatures: before the lock
        # Back-to-back writes would starve readers polling every 50 ms: leave them a window,
        # which the signatures above were computed in (the last write needs none after it).
        time.sleep(max(0.0, next_write - time.monotonic()))
        with writer.connection() as con, transaction(con):
            copies.place(con, part, prepared)
        next_write = time.monotonic() + PLACE_GAP_SECONDS


def _failed_text(failed: Sequence[int]) -> str:
    if not failed:
        return "no run had started;"
    return f"run(s) {', '.join(map(str, failed))} were marked failed;"


class Execution:
    """Steps 3 and 4 of :func:`rescore` for one plan; used once."""

    def __init__(
        self,
        db_path: Path,
        spec: PipelineSpec,
        pipeline: Pipeline,
        plan: RescorePlan,
        writer: ChunkWriter,
        workers: int,
        options: RescoreOptions,
        progress: Progress,
    ) -> None:
        self.db_path = db_path
        self.spec = spec
        self.pipeline = pipeline
        self.plan = plan
        self.writer = writer
        self.workers = workers
        self.options = options
        self.progress = progress
        self.workers_used = workers
        self.score_runs: dict[str, int] = {}
        self.analysis_id: int | None = None
        self._completed_analyses: list[int] = []

    # -- the steps ----------------------------------------------------------------------

    def run(self, started: dt.datetime) -> tuple[RunOutcome, ...]:
        with connection.reader(self.db_path, self.writer.wait) as con:
            rows = con.execute(
                "SELECT analysis_id FROM analysis_runs WHERE status = ?", [COMPLETED]
            ).fetchall()
        self._completed_analyses = [int(r[0]) for r in rows]
        # Tasks are sized so every worker gets several: small jobs stay inline.
        small = self._work_size() < 2 * self.options.chunk_statements
        self.workers_used = 1 if small else self.workers
        outcomes: list[RunOutcome] = []
        with WorkerPool(self.workers_used, preload=[tasks.__name__]) as pool:
            clause_changed: set[int] = set()
            if self.plan.analysis is not None:
                outcome, clause_changed = self._analyse(pool, started)
                outcomes.append(outcome)
            plans = self._with_clause_work(clause_changed)
            self._start_score_runs(plans, started)
            self._score(pool, plans)
        outcomes += self._score_outcomes(plans)
        score_runs = {self.score_runs[p.scorer]: len(p.statement_ids) for p in plans}
        analysis = (
            (self.analysis_id, self.plan.analysis.n_statements)
            if self.analysis_id is not None and self.plan.analysis is not None
            else None
        )
        totals = switch_totals(self.writer, score_runs, analysis)
        with self.writer.connection() as con:
            complete_runs(
                con, score_runs, analysis, self.pipeline.analysis, dt.datetime.now(), totals
            )
        return tuple(outcomes)

    def abandon(self) -> tuple[int, ...]:
        """Mark this execution's unfinished runs failed; returns the run ids it gave up."""
        scores = tuple(self.score_runs.values())
        analyses = (self.analysis_id,) if self.analysis_id is not None else ()
        with (
            contextlib.suppress(Exception),
            connection.writer_connection(
                self.db_path, ABANDON_WAIT_SECONDS, migrate=False, poll=WRITER_POLL_SECONDS
            ) as con,
        ):
            fail_runs(con, scores, analyses, dt.datetime.now())
        return scores + analyses

    # -- analysis -------------------------------------------------------------------------

    def _analyse(self, pool: WorkerPool, started: dt.datetime) -> tuple[RunOutcome, set[int]]:
        plan = self.plan.analysis
        assert plan is not None and self.pipeline.analysis is not None
        analysis = self.pipeline.analysis
        reason = "; ".join(plan.reasons)
        with self.writer.connection() as con:
            self.analysis_id = start_analysis_run(
                con,
                analysis.version,
                analysis.inputs_hash,
                ALL if len(plan.document_ids) and self._all_documents() else CHANGED,
                started,
                reason,
                self._inputs(documents=len(plan.document_ids), statements=plan.n_statements),
            )
        analysis_id = self.analysis_id
        self.progress.begin("analysis", plan.n_statements, "statements")
        changed: set[int] = set()
        new = 0
        allowed = self._completed_analyses

        def consume(result: AnalyseResult) -> None:
            nonlocal new
            new += result.new
            self.writer.add("statement_analysis", result.analysis)
            self.writer.add("statement_dyads", result.dyads)
            changed.update(result.clauses_changed)
            self.progress.advance(result.statements)

        self._pipeline(
            pool,
            document_chunks(plan.statements_per_document, self.options.chunk_statements),
            lambda con, docs: AnalyseTask(
                self.spec, read_documents(con, docs, allowed), analysis_id
            ),
            analyse_documents,
            consume,
        )
        outcome = RunOutcome(
            ANALYSIS_RUN,
            analysis_id,
            analysis.version,
            ALL if self._all_documents() else CHANGED,
            plan.n_statements,
            new,
            len(changed) - new,
            reason,
        )
        return outcome, changed

    def _all_documents(self) -> bool:
        plan = self.plan.analysis
        return plan is not None and plan.n_statements == self.plan.statements

    # -- scoring --------------------------------------------------------------------------

    def _with_clause_work(self, clause_changed: set[int]) -> list[ScorerPlan]:
        """The planned scorer work plus, for clause profiles, statements whose clauses moved."""
        plans = []
        for p in self.plan.scorers:
            if clause_changed and needs_clause_scores(p.scorer):
                extra = clause_changed.difference(p.statement_ids)
                if extra:
                    ids = tuple(sorted(extra.union(p.statement_ids)))
                    counts = {**p.counts, "analysis": len(extra)}
                    reasons = (*p.reasons, f"{len(extra)} statements' relation clauses changed")
                    scope = ALL if len(ids) == self.plan.statements else CHANGED
                    p = dataclasses.replace(
                        p, statement_ids=ids, counts=counts, reasons=reasons, scope=scope
                    )
            if p.has_work:
                plans.append(p)
        return plans

    def _start_score_runs(self, plans: Sequence[ScorerPlan], started: dt.datetime) -> None:
        if not plans:
            return
        with self.writer.connection() as con:
            for p in plans:
                self.score_runs[p.scorer] = start_score_run(
                    con,
                    p.snapshot,
                    p.scope,
                    started,
                    "; ".join(p.reasons) or "identity recorded",
                    self._inputs(
                        bases=[list(b) for b in p.bases],
                        changed_terms=list(p.changed_terms),
                        counts=dict(p.counts),
                        rules_hash=p.snapshot.rules_hash,
                        lexicon_files=list(p.snapshot.lexicon_files),
                    ),
                )

    def _score(self, pool: WorkerPool, plans: Sequence[ScorerPlan]) -> None:
        union = sorted(set().union(*(p.statement_ids for p in plans)))
        if not union:
            return
        everything = tuple(p.scorer for p in plans if len(p.statement_ids) == len(union))
        partial = {p.scorer: set(p.statement_ids) for p in plans if p.scorer not in everything}

        def scorers_of(statement_id: int) -> tuple[str, ...]:
            return everything + tuple(s for s, ids in partial.items() if statement_id in ids)

        allowed = [*self._completed_analyses, *([self.analysis_id] if self.analysis_id else [])]
        run_ids = tuple(self.score_runs.items())
        self.progress.begin("scoring", len(union), "statements")

        def consume(result: ScoreResult) -> None:
            for table in result.tables:
                self.writer.add("scores", table)
            self.progress.advance(result.statements)

        self._pipeline(
            pool,
            chunked(union, self.options.chunk_statements),
            lambda con, ids: ScoreTask(
                self.spec, read_statements(con, ids, allowed, scorers_of), run_ids
            ),
            score_statements,
            consume,
        )

    def _score_outcomes(self, plans: Sequence[ScorerPlan]) -> list[RunOutcome]:
        out = []
        with connection.reader(self.db_path, self.writer.wait) as con:
            for p in plans:
                run_id = self.score_runs[p.scorer]
                new, changed = run_changes(con, p.scorer, run_id)
                reason = "; ".join(p.reasons) or "lexicon edit that no stored statement contains"
                out.append(
                    RunOutcome(
                        SCORE_RUN,
                        run_id,
                        p.scorer,
                        p.scope,
                        len(p.statement_ids),
                        new,
                        changed,
                        reason,
                    )
                )
        return out

    # -- plumbing -------------------------------------------------------------------------

    def _work_size(self) -> int:
        scored = max((len(p.statement_ids) for p in self.plan.scorers), default=0)
        analysed = self.plan.analysis.n_statements if self.plan.analysis is not None else 0
        return max(scored, analysed)

    def _pipeline(
        self,
        pool: WorkerPool,
        chunks: Iterable[C],
        read: Callable[[duckdb.DuckDBPyConnection, C], T],
        compute: Callable[[T], R],
        consume: Callable[[R], None],
    ) -> None:
        """Read a chunk, hand it to a worker, write finished results; at most two tasks per
        worker in flight so memory stays flat."""
        pending: deque[Future[R]] = deque()
        window = 2 * pool.workers
        for chunk in chunks:
            with connection.reader(self.db_path, self.writer.wait) as con:
                task = read(con, chunk)
            pending.append(pool.submit(compute, task))
            while pending and (len(pending) >= window or pending[0].done()):
                consume(pending.popleft().result())
        while pending:
            consume(pending.popleft().result())
        self.writer.flush()

    def _inputs(self, **extra: Any) -> dict[str, Any]:
        return {
            "tracker_version": __version__,
            "command": " ".join(sys.argv)[:500],
            "actor_files": [str(p) for p in self.spec.actor_files],
            "lexicons": [str(p) for p in self.spec.lexicons],
            "events_dicts": [str(p) for p in self.spec.events_dicts],
            "events_file": str(self.spec.events_file) if self.spec.events_file else None,
            **extra,
        }
