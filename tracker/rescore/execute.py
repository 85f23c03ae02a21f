"""Carrying out a rescoring plan: new runs, chunked work in worker processes, one switch-over.

Contract
--------
:class:`Execution` is used once, by :func:`tracker.rescore.command.rescore`, under the tracker's
write
lock. :meth:`Execution.run` re-analyses the planned documents into a new ``running`` analysis
run, adds the statements whose relation clauses moved to the clause profiles' work, scores the
planned statements into one new ``running`` run per profile, and then completes all the new
runs in one transaction. Reads and writes alternate in the main process (never two connections
to the file at once); workers only compute. :meth:`Execution.abandon` marks whatever it started
and did not complete as failed (best effort: a run left ``running`` is cleaned up by the next
rescoring anyway).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import sys
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import Any, TypeVar

import duckdb

from tracker import __version__
from tracker.db import connection as db
from tracker.db.tables import ALL, CHANGED, COMPLETED
from tracker.ingest.pipeline import Pipeline
from tracker.progress import Progress
from tracker.rescore.chunks import (
    WRITER_POLL_SECONDS,
    ChunkWriter,
    chunked,
    document_chunks,
    read_documents,
    read_statements,
)
from tracker.rescore.plan import RescorePlan, ScorerPlan
from tracker.rescore.report import RescoreOptions, RunOutcome
from tracker.rescore.runs import complete_runs, fail_runs, start_analysis_run, start_score_run
from tracker.workers import (
    AnalyseResult,
    AnalyseTask,
    PipelineSpec,
    ScoreResult,
    ScoreTask,
    WorkerPool,
    analyse_documents,
    needs_clause_scores,
    score_statements,
)

C = TypeVar("C")
T = TypeVar("T")
R = TypeVar("R")
ABANDON_WAIT_SECONDS = 10.0


class Execution:
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
        with db.reader(self.db_path, self.writer.wait) as con:
            rows = con.execute(
                "SELECT analysis_id FROM analysis_runs WHERE status = ?", [COMPLETED]
            ).fetchall()
        self._completed_analyses = [int(r[0]) for r in rows]
        # Tasks are sized so every worker gets several: small jobs stay inline.
        small = self._work_size() < 2 * self.options.chunk_statements
        self.workers_used = 1 if small else self.workers
        outcomes: list[RunOutcome] = []
        with WorkerPool(self.workers_used) as pool:
            clause_changed: set[int] = set()
            if self.plan.analysis is not None:
                outcome, clause_changed = self._analyse(pool, started)
                outcomes.append(outcome)
            plans = self._with_clause_work(clause_changed)
            self._start_score_runs(plans, started)
            self._score(pool, plans)
        outcomes += self._score_outcomes(plans)
        with self.writer.connection() as con:
            complete_runs(
                con,
                {self.score_runs[p.scorer]: len(p.statement_ids) for p in plans},
                (self.analysis_id, self.plan.analysis.n_statements)
                if self.analysis_id is not None and self.plan.analysis is not None
                else None,
                self.pipeline.analysis,
                dt.datetime.now(),
            )
        return tuple(outcomes)

    def abandon(self) -> tuple[int, ...]:
        """Mark this execution's unfinished runs failed; returns the run ids it gave up."""
        scores = tuple(self.score_runs.values())
        analyses = (self.analysis_id,) if self.analysis_id is not None else ()
        with (
            contextlib.suppress(Exception),
            db.writer_connection(
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
            "analysis",
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
        with db.reader(self.db_path, self.writer.wait) as con:
            for p in plans:
                run_id = self.score_runs[p.scorer]
                new, changed = _changes(con, p.scorer, run_id)
                reason = "; ".join(p.reasons) or "lexicon edit that no stored statement contains"
                out.append(
                    RunOutcome(
                        "score",
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
            with db.reader(self.db_path, self.writer.wait) as con:
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
            "events_file": str(self.spec.events_file) if self.spec.events_file else None,
            **extra,
        }


def _changes(con: duckdb.DuckDBPyConnection, scorer: str, run_id: int) -> tuple[int, int]:
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
