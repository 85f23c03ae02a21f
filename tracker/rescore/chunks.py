"""Reading the rescoring's work in chunks, and writing its rows back, in short units of work.

Contract
--------
- :func:`read_documents` and :func:`read_statements` read one chunk each through a read-only
  connection that the caller opens with :func:`tracker.db.connection.reader` and closes right
  after, so
  no connection is held while workers compute.
- :class:`ChunkWriter` buffers result tables and appends them in transactions of about
  ``rows`` rows, each on its own writer connection
  (:func:`tracker.db.connection.writer_connection`: the
  rescoring holds the tracker's write lock throughout, the DuckDB file only per chunk). It
  records how long each connection kept readers out, and how long it waited for them.
- :func:`chunked` cuts sorted ids into chunks; :func:`document_chunks` keeps whole documents.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import duckdb
import pyarrow as pa

from tracker.db import connection as db
from tracker.rescore.runs import append_rows
from tracker.workers import ClauseKey, DocumentItem, DyadRow, StatementItem, clause_key

T = TypeVar("T")
# How often a writer retries while readers hold the file: readers hold it for one query at a
# time, and a short interval catches the gaps between a busy dashboard's queries.
WRITER_POLL_SECONDS = 0.005


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
            with db.writer_connection(
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
