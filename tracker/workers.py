"""Worker processes for the CPU-bound parts of ingest and rescoring: preparing articles,
analysing documents, scoring statements.

Contract
--------
- :class:`PipelineSpec` names what a worker needs to build the same pipeline as the main
  process (profiles, actor, lexicon and events files) and the identities that pipeline must
  have; a worker that builds anything else (a file edited mid-run) refuses to work
  (:class:`tracker.errors.PipelineMismatch`).
- :class:`WorkerPool` runs :func:`prepare_articles` (ingest), :func:`analyse_documents` and
  :func:`score_statements` (rescore) either inline (one worker) or in ``workers`` processes
  started by *forkserver*, never *fork*: workers must not inherit DuckDB's threads or the
  writer's locks. A worker that dies fails the command (``concurrent.futures`` reports a broken
  pool) instead of hanging it.
- :meth:`WorkerPool.terminate` stops the workers at once (the SIGTERM path). Workers also
  watch the main process (a pidfd on Linux) and exit when it is gone, so even a kill -9 of the
  ingest or rescoring leaves no orphans; the forkserver then exits because no process holds
  its pipe.
- Tasks and results are frozen dataclasses of plain values and Arrow tables.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import multiprocessing
import os
import select
import signal
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pyarrow as pa

from tracker.analysis.analyze import analyze_document
from tracker.analysis.dyads import DyadAssignment
from tracker.errors import PipelineMismatch
from tracker.ingest.pipeline import Pipeline
from tracker.ingest.rows import analysis_rows, score_rows
from tracker.ingest.store import ProcessedDocument
from tracker.models import Article
from tracker.scoring.statement import CLAUSE_PROFILES, StatementScores, score_statement
from tracker.scoring.vader import PROFILES

T = TypeVar("T")
R = TypeVar("R")

# (dyad, role, direction, basis, clause_start, clause_end): one statement_dyads row.
DyadRow = tuple[str, str, str, str, int | None, int | None]
ClauseKey = tuple[tuple[str, int, int], ...]
WORKER_NICENESS = 10


ScorerIdentities = tuple[tuple[str, str, str], ...]  # (profile, vader version, lexicon hash)
AnalysisIdentity = tuple[str, str] | None  # (version, inputs hash); None: no analysis


def identities(pipeline: Pipeline) -> tuple[ScorerIdentities, AnalysisIdentity]:
    """What a pipeline's runs record: its scorers' and its analysis' identities."""
    analysis = pipeline.analysis
    return (
        tuple(
            (s.identity.name, s.identity.vader_version, s.identity.lexicon_hash)
            for s in pipeline.scorers
        ),
        (analysis.version, analysis.inputs_hash) if analysis is not None else None,
    )


@dataclass(frozen=True)
class PipelineSpec:
    """How to build the pipeline, and the identities it must come out with."""

    actor_files: tuple[Path, ...] = ()
    lexicons: tuple[Path, ...] = ()
    events_file: Path | None = None
    expected: ScorerIdentities = ()
    expected_analysis: AnalysisIdentity = None
    profiles: tuple[str, ...] = PROFILES
    analyze: bool = True

    def build(self) -> Pipeline:
        return Pipeline.build(
            profiles=self.profiles,
            actor_files=self.actor_files,
            lexicons=self.lexicons,
            events_file=self.events_file,
            analyze=self.analyze,
        )

    def pinned(self, pipeline: Pipeline) -> PipelineSpec:
        """This spec with ``pipeline``'s identities as the ones workers must reproduce."""
        expected, expected_analysis = identities(pipeline)
        return dataclasses.replace(self, expected=expected, expected_analysis=expected_analysis)


_PIPELINES: dict[PipelineSpec, Pipeline] = {}


def pipeline_for(spec: PipelineSpec) -> Pipeline:
    """The process-wide pipeline of ``spec``, checked against the identities it must have."""
    if spec not in _PIPELINES:
        pipeline = spec.build()
        if spec.expected and identities(pipeline) != (spec.expected, spec.expected_analysis):
            raise PipelineMismatch()
        _PIPELINES[spec] = pipeline
    return _PIPELINES[spec]


def adopt(spec: PipelineSpec, pipeline: Pipeline) -> None:
    """Use an already built pipeline for ``spec`` in this process (inline workers)."""
    _PIPELINES[spec] = pipeline


@dataclass(frozen=True)
class PrepareTask:
    spec: PipelineSpec
    articles: tuple[Article, ...]


def prepare_articles(task: PrepareTask) -> tuple[ProcessedDocument, ...]:
    """Segment, analyse and score articles (ingest), in the order given."""
    return pipeline_for(task.spec).prepare_all(task.articles)


@dataclass(frozen=True)
class StatementItem:
    statement_id: int
    text: str
    dyads: tuple[DyadRow, ...]
    scorers: tuple[str, ...]  # the profiles that must score it


@dataclass(frozen=True)
class ScoreTask:
    spec: PipelineSpec
    items: tuple[StatementItem, ...]
    run_ids: tuple[tuple[str, int], ...]  # profile -> run id


@dataclass(frozen=True)
class ScoreResult:
    tables: tuple[pa.Table, ...]  # rows for ``scores``
    statements: int


def _assignments(rows: Sequence[DyadRow]) -> tuple[DyadAssignment, ...]:
    return tuple(
        DyadAssignment(dyad, direction, basis, None if a is None or b is None else (a, b), role)
        for dyad, role, direction, basis, a, b in rows
    )


def score_statements(task: ScoreTask) -> ScoreResult:
    pipeline = pipeline_for(task.spec)
    runs = dict(task.run_ids)
    tables = []
    for scorer in pipeline.scorers:
        if scorer.name not in runs:
            continue
        scored: list[tuple[int, StatementScores]] = [
            (item.statement_id, score_statement(scorer, item.text, _assignments(item.dyads)))
            for item in task.items
            if scorer.name in item.scorers
        ]
        if scored:
            tables.append(score_rows(runs[scorer.name], scored))
    return ScoreResult(tuple(tables), len(task.items))


def clause_key(rows: Sequence[DyadRow], text_length: int) -> ClauseKey:
    """The relation clauses a clause profile scores separately (empty: whole statement only),
    mirroring :func:`tracker.scoring.statement.score_statement`."""
    if len(rows) < 2:
        return ()
    return tuple(
        sorted(
            (dyad, a, b)
            for dyad, _role, _direction, _basis, a, b in rows
            if a is not None and b is not None and (a, b) != (0, text_length)
        )
    )


@dataclass(frozen=True)
class DocumentItem:
    document_id: int
    published: dt.date
    statements: tuple[tuple[int, str], ...]  # (statement_id, text) in document order
    old_clauses: tuple[ClauseKey | None, ...]  # per statement; None: it had no analysis


@dataclass(frozen=True)
class AnalyseTask:
    spec: PipelineSpec
    documents: tuple[DocumentItem, ...]
    analysis_id: int


@dataclass(frozen=True)
class AnalyseResult:
    analysis: pa.Table
    dyads: pa.Table
    clauses_changed: tuple[int, ...]  # statements whose clause scores must be recomputed
    statements: int
    new: int  # statements that had no analysis before


def analyse_documents(task: AnalyseTask) -> AnalyseResult:
    pipeline = pipeline_for(task.spec)
    analysed = []
    changed = []
    new = 0
    for doc in task.documents:
        texts = [text for _, text in doc.statements]
        results = analyze_document(texts, doc.published, pipeline.actors, pipeline.events)
        for (stmt_id, text), result, old in zip(
            doc.statements, results, doc.old_clauses, strict=True
        ):
            analysed.append((stmt_id, result))
            rows = [
                (d.dyad, d.role, d.direction, d.basis, *(d.clause_span or (None, None)))
                for d in result.dyads
            ]
            new += old is None
            if old is None or clause_key(rows, len(text)) != old:
                changed.append(stmt_id)
    analysis, dyads = analysis_rows(task.analysis_id, analysed)
    return AnalyseResult(analysis, dyads, tuple(changed), len(analysed), new)


def needs_clause_scores(profile: str) -> bool:
    return profile in CLAUSE_PROFILES


def _init_worker(parent: int) -> None:
    # The parent handles Ctrl-C and SIGTERM and stops the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Scoring is background work: the parent's short writes (the time readers are locked out)
    # and the readers themselves should get the CPU first.
    with contextlib.suppress(OSError):
        os.nice(WORKER_NICENESS)
    _exit_with(parent)


def _exit_with(parent: int) -> None:
    """Exit as soon as the parent (the rescoring's main process) is gone.

    A forkserver worker's parent is the forkserver, so PR_SET_PDEATHSIG would not fire, and
    neither its task queue nor the forkserver ever see end-of-file (workers hold those pipes'
    other ends too): after a kill -9 of the main process the workers would wait forever.
    """
    try:
        handle = os.pidfd_open(parent)
    except (AttributeError, OSError):
        handle = None

    def watch() -> None:
        if handle is not None:
            select.select([handle], [], [])
        else:
            while True:
                time.sleep(0.5)
                try:
                    os.kill(parent, 0)
                except ProcessLookupError:
                    break
        os._exit(1)

    threading.Thread(target=watch, name="tracker-parent-watch", daemon=True).start()


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


class WorkerPool:
    """Inline (``workers == 1``) or forkserver processes; use as a context manager."""

    def __init__(self, workers: int) -> None:
        self.workers = max(1, workers)
        self._executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> WorkerPool:
        if self.workers > 1:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["tracker.workers"])
            self._executor = ProcessPoolExecutor(
                self.workers,
                mp_context=context,
                initializer=_init_worker,
                initargs=(os.getpid(),),
            )
        return self

    def submit(self, fn: Callable[[T], R], task: T) -> Future[R]:
        if self._executor is not None:
            return self._executor.submit(fn, task)
        future: Future[R] = Future()
        try:
            future.set_result(fn(task))
        except Exception as exc:
            future.set_exception(exc)
        return future

    def terminate(self) -> None:
        """Stop every worker now (running tasks are lost)."""
        executor, self._executor = self._executor, None
        if executor is None:
            return
        processes: dict[Any, Any] = getattr(executor, "_processes", None) or {}
        for process in list(processes.values()):
            with contextlib.suppress(Exception):
                process.terminate()
        for process in list(processes.values()):
            with contextlib.suppress(Exception):
                process.join(1.0)
                if process.is_alive():
                    process.kill()
        executor.shutdown(wait=False, cancel_futures=True)

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is not None:
            self.terminate()
        elif self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None
