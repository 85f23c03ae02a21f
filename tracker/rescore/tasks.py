"""The rescoring's worker tasks: how the work is cut into chunks, how a chunk is read into a
task, what a worker computes from it, and the rows it hands back.

Contract
--------
- :func:`chunked` cuts sorted statement ids into chunks; :func:`document_chunks` cuts documents
  into chunks of about as many statements, keeping whole documents (analysis needs them).
- :func:`read_documents` and :func:`read_statements` (main process) read one chunk into task
  items through a read-only connection that the caller opens with
  :func:`tracker.db.connection.reader` and closes right after, so no connection is held while
  workers compute.
- :func:`analyse_documents` (an :class:`AnalyseTask`) and :func:`score_statements` (a
  :class:`ScoreTask`) run in a :class:`tracker.workers.WorkerPool`: each rebuilds the pipeline
  from the task's :class:`~tracker.ingest.pipeline.PipelineSpec` once per process and returns
  Arrow tables of rows for the running runs, plus counts. Tasks and results are frozen
  dataclasses of plain values and Arrow tables, so they pickle.
- :func:`clause_key` is the relation clauses a clause profile scores separately (and whether
  the statement has a relation at all, which makes it diplomatic text): the reader
  computes it from the stored dyads, the analysis task from the new ones, and a statement
  whose key differs is rescored by the clause profiles (:func:`needs_clause_scores`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

import duckdb
import pyarrow as pa

from tracker.analysis.analyze import analyze_document
from tracker.ingest.pipeline import PipelineSpec, pipeline_for
from tracker.ingest.rows import analysis_rows, score_rows
from tracker.models import DyadAssignment
from tracker.scoring.statement import CLAUSE_PROFILES, StatementScores, score_statement

T = TypeVar("T")
# (dyad, role, direction, basis, clause_start, clause_end): one statement_dyads row.
DyadRow = tuple[str, str, str, str, int | None, int | None]
ClauseKey = tuple[tuple[str, int, int], ...]


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


# The key of a statement with one relation: scored whole, but as diplomatic text (a statement
# that gains or loses its only relation is rescored).
ONE_RELATION: ClauseKey = (("", 0, 0),)


def clause_key(rows: Sequence[DyadRow], text_length: int) -> ClauseKey:
    """The relation clauses a clause profile scores separately (empty: no relation, whole
    statement only), mirroring :func:`tracker.scoring.statement.score_statement`: with two
    relations each is scored on its own, its clause or (None) the whole statement."""
    if len(rows) < 2:
        return ONE_RELATION if rows else ()
    return tuple(
        sorted(
            (dyad, 0, text_length) if a is None or b is None else (dyad, a, b)
            for dyad, _role, _direction, _basis, a, b in rows
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


# -- reading chunks (main process) ----------------------------------------------------------


def chunked(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def document_chunks(per_document: Mapping[int, int], statements: int) -> Iterator[list[int]]:
    """Document ids in order, cut so each chunk holds about ``statements`` statements."""
    chunk: list[int] = []
    held = 0
    for doc_id in sorted(per_document):
        chunk.append(doc_id)
        held += per_document[doc_id]
        if held >= statements:
            yield chunk
            chunk, held = [], 0
    if chunk:
        yield chunk


def _dyads(
    con: duckdb.DuckDBPyConnection, ids: Sequence[int], analysis_ids: Sequence[int]
) -> tuple[dict[int, list[DyadRow]], set[int]]:
    """Each statement's dyad rows from its newest analysis among ``analysis_ids``, and the
    statements that have such an analysis at all."""
    lo, hi = min(ids), max(ids)
    rows = con.execute(
        "WITH cur AS (SELECT statement_id, max(analysis_id) AS analysis_id "
        "FROM statement_analysis WHERE statement_id BETWEEN ? AND ? "
        "AND statement_id IN (SELECT unnest(?)) AND analysis_id IN (SELECT unnest(?)) "
        "GROUP BY statement_id) "
        "SELECT cur.statement_id, d.dyad, d.role, d.direction, d.basis, d.clause_start, "
        "d.clause_end FROM cur LEFT JOIN (SELECT * FROM statement_dyads "
        "WHERE statement_id BETWEEN ? AND ?) AS d USING (statement_id, analysis_id)",
        [lo, hi, list(ids), list(analysis_ids), lo, hi],
    ).fetchall()
    dyads: dict[int, list[DyadRow]] = {}
    analysed: set[int] = set()
    for stmt_id, dyad, role, direction, basis, a, b in rows:
        analysed.add(int(stmt_id))
        if dyad is not None:
            dyads.setdefault(int(stmt_id), []).append((dyad, role, direction, basis, a, b))
    return dyads, analysed


def read_documents(
    con: duckdb.DuckDBPyConnection, doc_ids: Sequence[int], analysis_ids: Sequence[int]
) -> tuple[DocumentItem, ...]:
    """Documents with their statements in order and each statement's current clause key."""
    rows = con.execute(
        "SELECT s.document_id, d.published, s.statement_id, s.text FROM statements AS s "
        "JOIN documents AS d USING (document_id) WHERE s.document_id BETWEEN ? AND ? "
        "AND s.document_id IN (SELECT unnest(?)) ORDER BY s.document_id, s.seq",
        [min(doc_ids), max(doc_ids), list(doc_ids)],
    ).fetchall()
    dyads, analysed = _dyads(con, [int(r[2]) for r in rows], analysis_ids) if rows else ({}, set())
    grouped: dict[int, list[tuple[int, str]]] = {}
    published = {}
    for doc_id, day, stmt_id, text in rows:
        grouped.setdefault(int(doc_id), []).append((int(stmt_id), str(text)))
        published[int(doc_id)] = day
    out = []
    for doc_id, statements in grouped.items():
        old: list[ClauseKey | None] = [
            clause_key(dyads.get(s, []), len(t)) if s in analysed else None for s, t in statements
        ]
        out.append(DocumentItem(doc_id, published[doc_id], tuple(statements), tuple(old)))
    return tuple(out)


def read_statements(
    con: duckdb.DuckDBPyConnection,
    ids: Sequence[int],
    analysis_ids: Sequence[int],
    scorers_of: Callable[[int], tuple[str, ...]],
) -> tuple[StatementItem, ...]:
    """Statements with the dyads they are scored with (from their newest analysis among
    ``analysis_ids``: the completed runs plus the rescoring's own)."""
    rows = con.execute(
        "SELECT statement_id, text FROM statements WHERE statement_id BETWEEN ? AND ? "
        "AND statement_id IN (SELECT unnest(?)) ORDER BY statement_id",
        [min(ids), max(ids), list(ids)],
    ).fetchall()
    dyads, _ = _dyads(con, ids, analysis_ids)
    return tuple(
        StatementItem(int(i), str(text), tuple(dyads.get(int(i), ())), scorers_of(int(i)))
        for i, text in rows
    )
