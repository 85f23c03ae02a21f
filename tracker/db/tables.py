"""What code shares about the tables: the values stored in run rows, new ids, bulk inserts.

- Run states (``status`` of ``score_runs`` and ``analysis_runs``, the values their CHECK
  constraints allow), run scopes, and the kinds of ``run_inputs`` rows are defined here once and
  reach SQL as ``?`` parameters, never as literals inside SQL text.
- :func:`next_id` gives a table's next identifier (``max + 1``): the caller holds the writer
  lock, so nobody else can take it. Ids are not reused while their row exists (failed runs keep
  theirs).
- :func:`insert_arrow` appends an Arrow table by column name, in one statement.
- :func:`transaction` wraps a unit in BEGIN/COMMIT, rolled back on any error.

Table and column names are identifiers, which SQL cannot take as parameters: they reach SQL text
only after :func:`identifier` checked them against a plain-name pattern.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator

import duckdb
import pyarrow as pa

# Run states. A run is created RUNNING (invisible to the views), becomes COMPLETED in one
# transaction, or FAILED when given up (its rows deleted).
RUNNING = "running"
COMPLETED = "completed"
FAILED = "failed"
RUN_STATES = (RUNNING, COMPLETED, FAILED)

# Run scopes: the statements without a score or analysis (an ingest), the ones whose inputs
# changed, or all of them.
NEW = "new"
CHANGED = "changed"
ALL = "all"

# run_inputs.kind: which runs table a run id refers to.
SCORE_RUN = "score"
ANALYSIS_RUN = "analysis"

# The id column of each table whose ids the tracker assigns.
ID_COLUMNS = {
    "documents": "document_id",
    "statements": "statement_id",
    "score_runs": "run_id",
    "analysis_runs": "analysis_id",
    "copy_clusters": "cluster_id",
}

_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")


def identifier(name: str) -> str:
    """``name``, if it is a plain lower-case SQL identifier (safe to put in SQL text)."""
    if not _IDENTIFIER.match(name):
        raise ValueError(f"{name!r} is not a plain table or column name")
    return name


def next_id(con: duckdb.DuckDBPyConnection, table: str) -> int:
    """The next free id of ``table`` (one of :data:`ID_COLUMNS`), under the writer lock."""
    column = ID_COLUMNS[table]
    row = con.execute(f"SELECT coalesce(max({column}), 0) + 1 FROM {identifier(table)}").fetchall()
    return int(row[0][0])


def insert_arrow(con: duckdb.DuckDBPyConnection, table: str, data: pa.Table) -> None:
    """Append ``data`` to ``table``, column by name (the table's other columns get defaults)."""
    if data.num_rows == 0:
        return
    columns = ", ".join(identifier(c) for c in data.column_names)
    sql = f"INSERT INTO {identifier(table)} ({columns}) SELECT {columns} FROM _batch"
    con.register("_batch", data)
    try:
        con.execute(sql)
    except BaseException:
        # In an aborted transaction unregistering fails too: keep the error that matters.
        with contextlib.suppress(duckdb.Error):
            con.unregister("_batch")
        raise
    con.unregister("_batch")


@contextlib.contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """One transaction: committed when the block ends, rolled back if it raises."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield
        con.execute("COMMIT")
    except BaseException:
        # A COMMIT that failed (a full disk) has rolled back already: nothing is left to undo.
        with contextlib.suppress(duckdb.TransactionException):
            con.execute("ROLLBACK")
        raise
