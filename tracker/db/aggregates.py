"""Per-day totals of the timeline, kept equal to the ``dyad_scores`` view by its writers.

Contract
--------
``dyad_aggregates`` (migration 0009) holds, per date axis (``published`` or ``refers_to``),
day, its precision, relation, scorer, speaker side, source and ``counted``, the count, score
sum and sum of squares and the event totals of the ``dyad_scores`` rows with those values.
Every writer that changes what ``dyad_scores`` shows does so inside :func:`maintained` (or
calls :func:`add` for statements that did not exist before), in the same transaction, naming
the statements whose rows may change: their totals are taken away before the change and added
after it, so the table never disagrees with the view and a rolled-back transaction leaves both
as they were. Which statements a change touches is the caller's knowledge: a batch's new
statements; a switch-over's statements in the new runs; statements leaving a cluster of
syndicated copies with every member of that cluster (:func:`with_cluster_members`: the
representative may move). Rows never visible (``running`` runs, their clean-up, pruning of
runs no current row needs) change nothing here.

Cost: the totals of a set of statements are read through the views one id range at a time
(:data:`SEGMENT` ids), so DuckDB's range filter skips the rest of the archive: a batch's contiguous
new ids cost one narrow query, a scattered set costs at most one pass. A switch-over of a rescoring
that touches every statement would hold the file for a pass over the archive:
:func:`tracker.rescore.runs.switch_totals` works its change out beforehand, under the tracker's
write lock, in short holds, and the switch-over only applies it. Counts are exact; sums are
floating-point, exact up to rounding (about 1e-12 relative).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

import duckdb
import pyarrow as pa

TABLE = "dyad_aggregates"
KEY = (
    "axis",
    "day",
    "precision",
    "dyad",
    "scorer",
    "speaker_side",
    "source",
    "counted",
)
# The event dictionary's quad classes as columns, 'verbal cooperation' -> verbal_cooperation,
# as the views spell them (tracker.scoring is no layer of db's: tests/test_aggregates.py checks
# that they are the dictionary's).
QUADS = ("verbal cooperation", "material cooperation", "verbal conflict", "material conflict")
MEASURES = (
    "n",
    "sum_score",
    "sum_score_sq",
    "n_events",
    "sum_goldstein",
    *(quad.replace(" ", "_") for quad in QUADS),
)
# About one DuckDB row group: a range this wide is one narrow scan of each table.
SEGMENT = 100_000

_QUADS = {quad: quad.replace(" ", "_") for quad in QUADS}
_MEASURE_SQL = """
    count(*)::BIGINT AS n,
    sum(score)::DOUBLE AS sum_score,
    sum(score * score)::DOUBLE AS sum_score_sq,
    count(event_code)::BIGINT AS n_events,
    coalesce(sum(event_goldstein), 0)::DOUBLE AS sum_goldstein,
""" + ",\n".join(
    f"    count(*) FILTER (WHERE event_quad = '{quad}')::BIGINT AS {column}"
    for quad, column in _QUADS.items()
)
# The totals of the dyad_scores rows a filter keeps ({where}), on both date axes.
_TOTALS = f"""
WITH r AS (SELECT * FROM dyad_scores WHERE {{where}})
SELECT 'published' AS axis, published AS day, 'day' AS precision, dyad, scorer, speaker_side,
       source, counted, {_MEASURE_SQL}
FROM r GROUP BY ALL
UNION ALL
SELECT 'refers_to' AS axis, refers_to AS day, refers_to_precision AS precision, dyad, scorer,
       speaker_side, source, counted, {_MEASURE_SQL}
FROM r GROUP BY ALL
"""
_KEYS = ", ".join(KEY)
_COLUMNS = ", ".join((*KEY, *MEASURES))
_SAME_KEY = " AND ".join(f"a.{k} IS NOT DISTINCT FROM d.{k}" for k in KEY)


def segments(ids: Iterable[int]) -> list[list[int]]:
    """Sorted distinct ids cut where a range would pass :data:`SEGMENT` ids."""
    out: list[list[int]] = []
    for i in sorted(set(ids)):
        if not out or i - out[-1][0] >= SEGMENT:
            out.append([])
        out[-1].append(i)
    return out


def totals(con: duckdb.DuckDBPyConnection, statement_ids: Iterable[int]) -> pa.Table:
    """The totals of these statements' ``dyad_scores`` rows, per key (read inside any unit)."""
    parts = []
    for seg in segments(statement_ids):
        con.register("_agg_ids", pa.table({"statement_id": pa.array(seg, pa.int64())}))
        try:
            # The BETWEEN reaches the tables' scans through the views (the IN alone does not).
            where = "statement_id BETWEEN ? AND ? AND statement_id IN (SELECT * FROM _agg_ids)"
            parts.append(
                con.sql(_TOTALS.format(where=where), params=[seg[0], seg[-1]]).to_arrow_table()
            )
        finally:
            con.unregister("_agg_ids")
    if not parts:
        return _empty(con)
    return pa.concat_tables(parts)


def _empty(con: duckdb.DuckDBPyConnection) -> pa.Table:
    return con.sql(f"SELECT {_COLUMNS} FROM {TABLE} LIMIT 0").to_arrow_table()


def apply(con: duckdb.DuckDBPyConnection, added: pa.Table, removed: pa.Table) -> None:
    """Add ``added`` and take away ``removed`` (tables of :func:`totals`); keys left with no
    row are deleted."""
    if not added.num_rows and not removed.num_rows:
        return
    negated = ", ".join(f"-{m} AS {m}" for m in MEASURES)
    summed = ", ".join(f"sum({m}) AS {m}" for m in MEASURES)
    con.register("_agg_added", added)
    con.register("_agg_removed", removed)
    try:
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE _agg_delta AS "
            f"SELECT {_KEYS}, {summed} FROM ("
            f"SELECT * FROM _agg_added UNION ALL SELECT {_KEYS}, {negated} FROM _agg_removed"
            f") GROUP BY ALL"
        )
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE _agg_merged AS "
            f"SELECT {_KEYS}, {summed} FROM ("
            f"SELECT a.* FROM {TABLE} AS a SEMI JOIN _agg_delta AS d ON {_SAME_KEY} "
            f"UNION ALL SELECT * FROM _agg_delta) GROUP BY ALL HAVING sum(n) <> 0"
        )
        con.execute(f"DELETE FROM {TABLE} AS a USING _agg_delta AS d WHERE {_SAME_KEY}")
        con.execute(f"INSERT INTO {TABLE} ({_COLUMNS}) SELECT * FROM _agg_merged")
        con.execute("DROP TABLE _agg_delta")
        con.execute("DROP TABLE _agg_merged")
    finally:
        con.unregister("_agg_added")
        con.unregister("_agg_removed")


def add(con: duckdb.DuckDBPyConnection, statement_ids: Iterable[int]) -> None:
    """Add the totals of statements that had no rows before (inside the writer's transaction)."""
    ids = list(statement_ids)
    if ids:
        apply(con, totals(con, ids), _empty(con))


@contextmanager
def maintained(con: duckdb.DuckDBPyConnection, statement_ids: Sequence[int]) -> Iterator[None]:
    """Around a change (inside its transaction) of these statements' ``dyad_scores`` rows:
    their totals before are taken away, their totals after added."""
    ids = list(statement_ids)
    before = totals(con, ids) if ids else None
    yield
    if before is not None:
        apply(con, totals(con, ids), before)


def with_cluster_members(con: duckdb.DuckDBPyConnection, statement_ids: Sequence[int]) -> list[int]:
    """The statements and every member of their clusters of syndicated copies: when a
    statement leaves its cluster, another member may become the one ``counted``."""
    if not statement_ids:
        return []
    rows = con.execute(
        "SELECT statement_id FROM statement_copies WHERE cluster_id IN ("
        "SELECT cluster_id FROM statement_copies WHERE statement_id IN (SELECT unnest(?)))",
        [list(statement_ids)],
    ).fetchall()
    return sorted({*statement_ids, *(int(r[0]) for r in rows)})


def rebuild(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute the whole table from the views (inside the caller's transaction): for bulk
    writers that bypass :func:`maintained` (the synthetic bench databases)."""
    con.execute(f"DELETE FROM {TABLE}")
    con.execute(f"INSERT INTO {TABLE} ({_COLUMNS}) " + _TOTALS.format(where="TRUE"))
