"""The values code writes into run rows match the schema; ids and bulk inserts; identifiers."""

from __future__ import annotations

import re
from pathlib import Path

import pyarrow as pa
import pytest

from tracker.db import connection as db
from tracker.db.tables import (
    ANALYSIS_RUN,
    ID_COLUMNS,
    RUN_STATES,
    SCORE_RUN,
    identifier,
    insert_arrow,
    next_id,
)


def allowed_values(db_path: Path, table: str) -> set[str]:
    with db.reader(db_path) as con:
        (text,) = con.execute(
            "SELECT constraint_text FROM duckdb_constraints() "
            "WHERE table_name = ? AND constraint_type = 'CHECK'",
            [table],
        ).fetchall()[0]
    return set(re.findall(r"'([^']*)'", text))


def test_constants_are_the_values_the_schema_allows(db_path: Path) -> None:
    with db.writer(db_path):
        pass
    assert allowed_values(db_path, "score_runs") == set(RUN_STATES)
    assert allowed_values(db_path, "analysis_runs") == set(RUN_STATES)
    assert allowed_values(db_path, "run_inputs") == {SCORE_RUN, ANALYSIS_RUN}


def test_next_id_follows_the_largest_id(db_path: Path) -> None:
    with db.writer(db_path) as con:
        assert {table: next_id(con, table) for table in ID_COLUMNS} == dict.fromkeys(ID_COLUMNS, 1)
        insert_arrow(
            con,
            "documents",
            pa.table(
                {
                    "document_id": [7],
                    "content_hash": ["h"],
                    "origin": ["o"],
                    "published": pa.array([0], pa.date32()),
                    "text": ["t"],
                    "ingested_at": pa.array([0], pa.timestamp("us")),
                }
            ),
        )
        assert next_id(con, "documents") == 8
        with pytest.raises(KeyError):
            next_id(con, "scores")  # ids the tracker does not assign


def test_identifiers_are_checked_before_they_reach_sql(db_path: Path) -> None:
    assert identifier("score_runs") == "score_runs"
    for bad in ("documents; DROP TABLE statements", "Documents", '"x"', ""):
        with pytest.raises(ValueError, match="not a plain table or column name"):
            identifier(bad)
    with db.writer(db_path) as con:
        with pytest.raises(ValueError):
            insert_arrow(con, "documents", pa.table({"document_id) --": [1]}))
        assert con.execute("SELECT count(*) FROM documents").fetchall() == [(0,)]
