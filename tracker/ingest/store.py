"""Writing processed documents into the database in bulk, inside one short transaction.

The caller (``tracker.ingest.batches``) does all slow work first and then hands a batch of
:class:`ProcessedDocument` values to :func:`write_batch` on a writer connection. Rows go in as
Arrow tables (never row-by-row INSERTs), and ``dyad_aggregates`` follows in the same
transaction (:mod:`tracker.db.aggregates`). Identifiers are ``max + 1`` under the writer lock
(:func:`tracker.db.tables.next_id`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pyarrow as pa

from tracker.analysis.analyze import StatementAnalysis
from tracker.db import aggregates, copies
from tracker.db.tables import COMPLETED, NEW, identifier, insert_arrow, next_id, transaction
from tracker.ingest.pages import PageArticle
from tracker.ingest.rows import (
    ANALYSIS_COLUMNS,
    DYAD_COLUMNS,
    SCORE_COLUMNS,
    append,
    append_analysis,
    columns,
    extend_scores,
    score_table,
)
from tracker.models import Article, Segment
from tracker.scoring.statement import StatementScores

# The columns of ``pages`` besides document_id: the fields of tracker.ingest.pages.Page.
PAGE_COLUMNS = (
    "raw_gzip",
    "encoding",
    "url",
    "canonical_url",
    "site_name",
    "author",
    "date_source",
    "extractor",
    "extractor_version",
    "date_extractor",
    "date_extractor_version",
)
ADDED = "added"
UNCHANGED = "unchanged"
REPLACED = "replaced"


@dataclass(frozen=True)
class ScorerRun:
    """The identity of one scorer profile and the statements' scores it produced."""

    name: str
    version: str
    lexicon_hash: str


@dataclass(frozen=True)
class AnalysisRun:
    """The identity of the analysis and the reference rows (actors, events) it used."""

    version: str
    inputs_hash: str
    actor_rows: tuple[dict[str, Any], ...] = ()
    event_rows: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True)
class ProcessedDocument:
    """An article with its statements, their analysis and scores, ready to store."""

    article: Article
    content_hash: str
    statements: tuple[Segment, ...]
    analyses: tuple[StatementAnalysis, ...] = ()
    scores: dict[str, tuple[StatementScores, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class StoredDocument:
    origin: str
    outcome: str  # ADDED, UNCHANGED or REPLACED
    document_id: int
    statements: int


def known_hashes(con: duckdb.DuckDBPyConnection, hashes: Sequence[str]) -> dict[str, int]:
    """content_hash -> document_id for the hashes already stored."""
    if not hashes:
        return {}
    rows = con.execute(
        "SELECT content_hash, min(document_id) FROM documents "
        "WHERE content_hash IN (SELECT unnest(?)) GROUP BY content_hash",
        [list(hashes)],
    ).fetchall()
    return {h: int(i) for h, i in rows}


def _latest_by_origin(con: duckdb.DuckDBPyConnection, origins: Sequence[str]) -> dict[str, int]:
    if not origins:
        return {}
    rows = con.execute(
        "SELECT origin, max(document_id) FROM documents "
        "WHERE origin IN (SELECT unnest(?)) GROUP BY origin",
        [list(origins)],
    ).fetchall()
    return {o: int(i) for o, i in rows}


def _delete_document_rows(con: duckdb.DuckDBPyConnection, document_ids: list[int]) -> None:
    """Remove a replaced document's statements and everything derived from them."""
    ids = "SELECT statement_id FROM statements WHERE document_id IN (SELECT unnest(?))"
    gone = [r[0] for r in con.execute(ids, [document_ids]).fetchall()]
    # Another copy may become its cluster's counted row when a representative goes.
    with aggregates.maintained(con, aggregates.with_cluster_members(con, gone)):
        copies.leave(con, gone)  # before the rows go: their clusters need a new representative
        for table in derived_tables(con):
            con.execute(
                f"DELETE FROM {identifier(table)} WHERE statement_id IN ({ids})", [document_ids]
            )
        con.execute(
            "DELETE FROM statements WHERE document_id IN (SELECT unnest(?))", [document_ids]
        )


def derived_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Tables keyed by statement_id, other than statements itself (grows with migrations)."""
    rows = con.execute(
        "SELECT table_name FROM information_schema.columns "
        "WHERE column_name = 'statement_id' AND table_name <> 'statements' "
        "AND table_name IN (SELECT table_name FROM information_schema.tables "
        "WHERE table_type = 'BASE TABLE') ORDER BY table_name"
    ).fetchall()
    return [r[0] for r in rows]


def write_batch(
    con: duckdb.DuckDBPyConnection,
    documents: Sequence[ProcessedDocument],
    scorers: Sequence[ScorerRun],
    *,
    replace: bool,
    started: dt.datetime,
    analysis: AnalysisRun | None = None,
) -> list[StoredDocument]:
    """Store a batch in one transaction; documents whose text is stored already are skipped."""
    with transaction(con):
        return _write(con, documents, scorers, replace=replace, started=started, analysis=analysis)


def _write(
    con: duckdb.DuckDBPyConnection,
    documents: Sequence[ProcessedDocument],
    scorers: Sequence[ScorerRun],
    *,
    replace: bool,
    started: dt.datetime,
    analysis: AnalysisRun | None,
) -> list[StoredDocument]:
    existing = known_hashes(con, [d.content_hash for d in documents])
    by_origin = _latest_by_origin(con, [d.article.origin for d in documents]) if replace else {}
    next_doc = next_id(con, "documents")
    next_stmt = next_id(con, "statements")
    first_stmt = next_stmt
    now = dt.datetime.now()

    outcomes: list[StoredDocument] = []
    new_docs: list[tuple[int, ProcessedDocument]] = []
    replaced_ids: list[int] = []
    stored = dict(existing)  # hash -> document id, with the texts stored by this batch
    for doc in documents:
        if doc.content_hash in stored:
            doc_id = stored[doc.content_hash]
            outcomes.append(StoredDocument(doc.article.origin, UNCHANGED, doc_id, 0))
            continue
        n = len(doc.statements)
        if doc.article.origin in by_origin:
            doc_id = by_origin[doc.article.origin]
            replaced_ids.append(doc_id)
            outcomes.append(StoredDocument(doc.article.origin, REPLACED, doc_id, n))
        else:
            doc_id = next_doc
            next_doc += 1
            outcomes.append(StoredDocument(doc.article.origin, ADDED, doc_id, n))
        stored[doc.content_hash] = doc_id
        new_docs.append((doc_id, doc))

    if replaced_ids:
        _delete_document_rows(con, replaced_ids)
        for table in ("pages", "documents"):
            con.execute(
                f"DELETE FROM {identifier(table)} WHERE document_id IN (SELECT unnest(?))",
                [replaced_ids],
            )
    if analysis is not None:
        _refresh_reference_tables(con, analysis)
    if not new_docs:
        return outcomes

    docs = columns(
        "document_id",
        "content_hash",
        "origin",
        "title",
        "source",
        "url",
        "published",
        "text",
        "ingested_at",
    )
    stmts = columns(
        "statement_id", "document_id", "seq", "start_char", "end_char", "text", "published"
    )
    pages = columns("document_id", *PAGE_COLUMNS)
    placing: list[copies.CopyCandidate] = []
    analysed = columns(*ANALYSIS_COLUMNS)
    dyads = columns(*DYAD_COLUMNS)
    scored = {s.name: columns(*SCORE_COLUMNS) for s in scorers}
    for doc_id, doc in new_docs:
        a = doc.article
        append(
            docs,
            document_id=doc_id,
            content_hash=doc.content_hash,
            origin=a.origin,
            title=a.title,
            source=a.source,
            url=a.url,
            published=a.published,
            text=a.text,
            ingested_at=now,
        )
        if isinstance(a, PageArticle) and a.page is not None:
            append(pages, document_id=doc_id, **{c: getattr(a.page, c) for c in PAGE_COLUMNS})
        # A document's statements column by column (list operations, not a row at a time).
        segments = doc.statements
        n = len(segments)
        ids = range(next_stmt, next_stmt + n)
        next_stmt += n
        stmts["statement_id"].extend(ids)
        stmts["document_id"].extend([doc_id] * n)
        stmts["seq"].extend(range(n))
        stmts["start_char"].extend([seg.start for seg in segments])
        stmts["end_char"].extend([seg.end for seg in segments])
        stmts["text"].extend([seg.text for seg in segments])
        stmts["published"].extend([a.published] * n)
        if analysis is not None and doc.analyses:
            for stmt_id, result, seg in zip(ids, doc.analyses, segments, strict=True):
                append_analysis(analysed, dyads, stmt_id, result)
                placing.append(copies.CopyCandidate(stmt_id, seg.text, result.speaker, a.published))
        for scorer in scorers:
            extend_scores(scored[scorer.name], ids, doc.scores[scorer.name])

    insert_arrow(con, "documents", pa.table(docs))
    insert_arrow(con, "statements", pa.table(stmts))
    insert_arrow(con, "pages", pa.table(pages))
    n_statements = len(stmts["statement_id"])
    if analysis is not None:
        analysis_id = next_id(con, "analysis_runs")
        con.execute(
            "INSERT INTO analysis_runs (analysis_id, analysis_version, inputs_hash, scope, "
            "started, finished, status, n_statements) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                analysis_id,
                analysis.version,
                analysis.inputs_hash,
                NEW,
                started,
                now,
                COMPLETED,
                n_statements,
            ],
        )
        n = len(analysed["statement_id"])
        insert_arrow(
            con, "statement_analysis", pa.table({"analysis_id": [analysis_id] * n, **analysed})
        )
        n = len(dyads["statement_id"])
        insert_arrow(con, "statement_dyads", pa.table({"analysis_id": [analysis_id] * n, **dyads}))
        copies.assign(con, placing)
    for scorer in scorers:
        run_id = next_id(con, "score_runs")
        con.execute(
            "INSERT INTO score_runs (run_id, scorer, scorer_version, lexicon_hash, scope, "
            "started, finished, status, n_statements) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                run_id,
                scorer.name,
                scorer.version,
                scorer.lexicon_hash,
                NEW,
                started,
                now,
                COMPLETED,
                n_statements,
            ],
        )
        cols = scored[scorer.name]
        insert_arrow(con, "scores", score_table(run_id, cols))
    # The new statements' rows; the clusters they joined keep their counted rows.
    aggregates.add(con, range(first_stmt, next_stmt))
    return outcomes


def _refresh_reference_tables(con: duckdb.DuckDBPyConnection, analysis: AnalysisRun) -> None:
    """Keep the actors and key_events tables equal to the dictionary the analysis used."""
    current = con.execute(
        "SELECT inputs_hash FROM analysis_runs WHERE status = ? ORDER BY analysis_id DESC LIMIT 1",
        [COMPLETED],
    ).fetchall()
    if current and current[0][0] == analysis.inputs_hash:
        return
    con.execute("DELETE FROM actors")
    con.execute("DELETE FROM key_events")
    insert_arrow(con, "actors", pa.Table.from_pylist(list(analysis.actor_rows)))
    insert_arrow(con, "key_events", pa.Table.from_pylist(list(analysis.event_rows)))


def refresh_reference_tables(con: duckdb.DuckDBPyConnection, analysis: AnalysisRun) -> None:
    """Make ``actors`` and ``key_events`` those of ``analysis`` unless the newest completed
    analysis run already used the same inputs (call before completing a new analysis run)."""
    _refresh_reference_tables(con, analysis)
