"""Read-only SQL for ``tracker sql``: run one query, render the result as a table, CSV or JSON.

The query runs on a :func:`tracker.db.connection.reader`, which reaches nothing but the
database: a query that tries to write (``INSERT``…) is refused as read-only, one that reaches
outside (``COPY … TO``, ``read_csv``, ``ATTACH``, ``INSTALL``, ``SET``…) raises
:class:`~tracker.errors.QueryRefused` (exit code 4)."""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import json
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from tracker.db import connection
from tracker.errors import QueryRefused, TrackerError
from tracker.models import DYADS

TABLE, CSV, JSON = "table", "csv", "json"
FORMATS = (TABLE, CSV, JSON)  # what ``tracker sql --format`` offers; TABLE is its default
NULL = "NULL"  # how the table shows a missing value (CSV leaves the cell empty, JSON has null)
_NUMERIC_TYPES = frozenset(
    [
        "TINYINT",
        "SMALLINT",
        "INTEGER",
        "BIGINT",
        "HUGEINT",
        "UTINYINT",
        "USMALLINT",
        "UINTEGER",
        "UBIGINT",
        "UHUGEINT",
        "FLOAT",
        "DOUBLE",
        "DECIMAL",
    ]
)  # right-aligned in the table
MAX_CELL = 80  # a table cell longer than this is cut with an ellipsis
# A string literal that is a relation's name written with a hyphen, where the stored values
# use an en dash; as a whole literal it can only mean the relation.
_HYPHENATED = re.compile(
    "'(" + "|".join(re.escape(d.replace("–", "-")) for d in DYADS) + ")'", re.IGNORECASE
)


@dataclass(frozen=True)
class QueryResult:
    """A query's columns and rows, as DuckDB's Python values (dates stay dates, NULL None)."""

    columns: tuple[str, ...]
    types: tuple[str, ...]  # DuckDB's type names ("DATE", "DECIMAL(2,1)" ...)
    rows: list[tuple[Any, ...]]


def run_query(
    db_path: Path, query: str, wait: float = connection.DEFAULT_WAIT_SECONDS
) -> QueryResult:
    """The result of ``query`` on a read-only connection; writes are refused, and so is
    anything outside the database (:class:`QueryRefused`)."""
    if not query.strip():
        raise TrackerError('Empty query; pass one, e.g. tracker sql "SELECT * FROM daily_scores".')
    with connection.reader(db_path, wait) as con:
        try:
            cursor = con.cursor()
            try:
                cursor.execute(query)
                described = cursor.description or []
                columns = tuple(d[0] for d in described)
                types = tuple(str(d[1]) for d in described)
                return QueryResult(columns, types, cursor.fetchall() if columns else [])
            finally:
                cursor.close()
        except duckdb.Error as exc:
            if connection.is_sandbox_refusal(exc):
                raise QueryRefused() from None
            text = str(exc)
            if "read-only" in text or "read only" in text:
                raise TrackerError(
                    "tracker sql is read-only; change data with tracker ingest or tracker demo."
                ) from None
            first_line = text.splitlines()[0] if text else type(exc).__name__
            raise TrackerError(f"The query failed: {first_line}") from None


def hyphen_hint(query: str) -> str | None:
    """A note for a query that compares with a relation written with a hyphen: the stored
    relations are written with an en dash ("Turkey–Russia"), so 'Turkey-Russia' matches
    nothing."""
    found = _HYPHENATED.search(query)
    if found is None:
        return None
    name = found.group(1)
    dashed = next(d for d in DYADS if d.lower() == name.replace("-", "–").lower())
    return (
        f"Note: relations are stored with an en dash: '{name}' matches nothing; write '{dashed}'."
    )


def _text(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.date | dt.time):  # datetime is a date
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, uuid.UUID | dt.timedelta):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    raise TypeError(f"{type(value).__name__} has no JSON form")


def _cell(value: Any) -> str:
    text = NULL if value is None else _text(value).replace("\n", " ")
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def render(result: QueryResult, fmt: str) -> str:
    """The result as an aligned text table (NULL shown as NULL), CSV with a header (NULL as an
    empty cell) or a JSON array of objects (dates as ISO strings, NULL as null)."""
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r} is not one of {', '.join(FORMATS)}")
    if fmt == CSV:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(result.columns)
        for row in result.rows:
            writer.writerow(["" if v is None else _text(v) for v in row])
        return out.getvalue()
    if fmt == JSON:
        records = [dict(zip(result.columns, row, strict=True)) for row in result.rows]
        return json.dumps(records, ensure_ascii=False, indent=2, default=_json_value) + "\n"
    if not result.columns:
        return "(no result)\n"
    if not result.rows:
        return "(no rows)\n"
    cells = [[_cell(v) for v in row] for row in result.rows]
    numeric = [t.split("(")[0] in _NUMERIC_TYPES for t in result.types]
    widths = [
        max(len(name), *(len(row[i]) for row in cells)) for i, name in enumerate(result.columns)
    ]

    def line(values: list[str]) -> str:
        return "  ".join(
            v.rjust(w) if num else v.ljust(w)
            for v, w, num in zip(values, widths, numeric, strict=True)
        ).rstrip()

    return "\n".join([line(list(result.columns)), *(line(row) for row in cells)]) + "\n"
