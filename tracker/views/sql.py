"""Read-only SQL for ``tracker sql``: run one query, render the result as a table, CSV or JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from tracker.db import connection
from tracker.errors import TrackerError

if TYPE_CHECKING:  # pandas is imported when a result is rendered: the CLI starts without it
    import pandas as pd

TABLE, CSV, JSON = "table", "csv", "json"
FORMATS = (TABLE, CSV, JSON)  # what ``tracker sql --format`` offers; TABLE is its default


def run_query(
    db_path: Path, query: str, wait: float = connection.DEFAULT_WAIT_SECONDS
) -> pd.DataFrame:
    """The result of ``query`` on a read-only connection; writes are refused."""
    if not query.strip():
        raise TrackerError('Empty query; pass one, e.g. tracker sql "SELECT * FROM daily_scores".')
    with connection.reader(db_path, wait) as con:
        try:
            cursor = con.cursor()
            try:
                return cursor.execute(query).df()
            finally:
                cursor.close()
        except duckdb.Error as exc:
            text = str(exc)
            if "read-only" in text or "read only" in text:
                raise TrackerError(
                    "tracker sql is read-only; change data with tracker ingest or tracker demo."
                ) from None
            first_line = text.splitlines()[0] if text else type(exc).__name__
            raise TrackerError(f"The query failed: {first_line}") from None


def render(frame: pd.DataFrame, fmt: str) -> str:
    """The frame as an aligned text table, CSV with a header, or a JSON array of objects."""
    import pandas as pd

    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r} is not one of {', '.join(FORMATS)}")
    if fmt == CSV:
        return str(frame.to_csv(index=False))
    if fmt == JSON:
        records = json.loads(frame.to_json(orient="records", date_format="iso"))
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    if frame.empty:
        return "(no rows)\n" if len(frame.columns) else "(no result)\n"
    with pd.option_context("display.max_colwidth", 80, "display.width", 200):
        return frame.to_string(index=False) + "\n"
