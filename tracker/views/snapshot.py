"""An in-memory copy of what the timeline needs, so every dashboard interaction is fast.

The ``dyad_scores`` view resolves each statement's current analysis and score run at query
time: at a million statements that costs 0.5–1.2 s per query, too slow for a chart that reruns
on every click. :meth:`Snapshot.load` reads the view once, in one short read-only unit of work,
into an in-memory DuckDB database (no file handle is kept, so writers are never blocked), with
the statement texts for search, the key events and the score runs. The dashboard keeps one
snapshot per database stamp (:func:`stamp`: path, size and modification times of the file and
its WAL), so a finished rescoring changes the stamp and is shown at the next rerun.

Every query runs on its own cursor, so Streamlit's threads can share one snapshot. Once the
copy is made the in-memory database is sandboxed (:func:`tracker.db.connection.sandbox`): the
queries the dashboard runs on it, with the user's search text as a parameter, reach no file,
no network and no extension, and cannot change a setting.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from tracker.db import connection
from tracker.models import DYADS, NARRATOR, SPEAKER_SIDES

# How long a dashboard read waits for a writer (every dashboard read uses it). A rescoring
# writes in short transactions (at most about 0.5 s on a loaded machine, bench/rescore.py):
# a read waits one out rather than fail; only a writer that holds the file for longer (a
# duckdb CLI left open) shows the reader the last state it saw.
READ_WAIT_SECONDS = 2.0
ATTACH_POLL_SECONDS = 0.1

# One row per statement × relation × scorer with the columns the timeline filters and plots,
# the event the row's score holds (``dyad_scores.event_*``; NULL where it holds none), and
# whether the row counts for its cluster of syndicated copies (``counted``, ``copies``).
_FACTS = f"""
CREATE TABLE facts AS
SELECT
    s.statement_id,
    s.document_id,
    s.dyad::dyad_t AS dyad,
    s.scorer,
    s.run_id,
    s.score::FLOAT AS score,
    s.published,
    s.refers_to,
    s.speaker,
    coalesce(s.speaker_side, '{NARRATOR}')::side_t AS speaker_side,
    coalesce(s.source, '(unknown)') AS source,
    s.direction,
    s.event_code,
    s.event_quad,
    s.event_goldstein::FLOAT AS event_goldstein,
    s.counted,
    s.copies
FROM src.dyad_scores AS s
"""
# The columns a facts frame may leave out (:meth:`Snapshot.from_frames`), with their default:
# no event, and a statement that is no syndicated copy.
EVENT_COLUMNS = {"event_code": "VARCHAR", "event_quad": "VARCHAR", "event_goldstein": "FLOAT"}
COPY_COLUMNS = {"counted": "TRUE", "copies": "1"}
_TEXTS = "CREATE TABLE texts AS SELECT statement_id, text FROM src.statements"
_EVENTS = "CREATE TABLE events AS SELECT event_date, label, dyad, description FROM src.key_events"
_RUNS = "CREATE TABLE runs AS SELECT * FROM src.score_runs"


def stamp(db_path: Path) -> tuple[str, int, int, int]:
    """Changes whenever the database file or its write-ahead log changes."""

    def mtime(path: Path) -> tuple[int, int]:
        try:
            st = path.stat()
        except FileNotFoundError:
            return 0, 0
        return st.st_mtime_ns, st.st_size

    main = mtime(db_path)
    wal = mtime(db_path.with_name(db_path.name + ".wal"))
    return str(db_path), main[0], main[1], wal[0] + wal[1]


def _types(mem: duckdb.DuckDBPyConnection) -> None:
    mem.execute(f"CREATE TYPE dyad_t AS ENUM ({_sql_strings(DYADS)})")
    mem.execute(f"CREATE TYPE side_t AS ENUM ({_sql_strings(SPEAKER_SIDES)})")


def _sql_strings(values: tuple[str, ...]) -> str:
    """SQL string literals of names defined in code (none holds a quote)."""
    return ", ".join(f"'{v}'" for v in values)


def _attach(mem: duckdb.DuckDBPyConnection, db_path: Path, wait: float) -> None:
    # A writer may take the file between the reader's check and this ATTACH: wait for it the
    # same way the reader does (polling often: the dashboard is waiting), with the same answer.
    connection.retry_while_locked(
        lambda: mem.execute("ATTACH ? AS src (READ_ONLY)", [str(db_path)]),
        wait=wait,
        locked_message=connection.duckdb_locked(db_path, wait, read_only=True),
        cap=ATTACH_POLL_SECONDS,
    )


@dataclass(frozen=True)
class SnapshotInfo:
    statements: int  # statements in the database, scored or not
    facts: int  # statement × relation × scorer rows the timeline can show
    loaded_seconds: float


class Snapshot:
    """Read-only, in-memory tables ``facts`` (with each row's event), ``texts``, ``events`` (the
    key events) and ``runs``."""

    def __init__(self, con: duckdb.DuckDBPyConnection, info: SnapshotInfo, key: tuple) -> None:
        self._con = con
        self.info = info
        self.key = key

    @classmethod
    def load(cls, db_path: Path, wait: float = READ_WAIT_SECONDS) -> Snapshot:
        """Copy the database's current state; raises ``DatabaseLocked`` / ``DatabaseMissing``."""
        began = time.perf_counter()
        key = stamp(db_path)
        threads = max(1, min(4, os.cpu_count() or 1))
        config: dict[str, str | bool | int | float | list[str]] = {
            "threads": threads,
            "memory_limit": "2GB",
        }
        mem = duckdb.connect(":memory:", config=config)
        _types(mem)
        # The reader proves the file is a readable tracker database and retries while a writer
        # holds it; the copy itself goes through ATTACH so it is one bulk scan, not a fetch.
        with connection.reader(db_path, wait) as con:
            statements = int(con.execute("SELECT count(*) FROM statements").fetchall()[0][0])
            con.close()
            _attach(mem, db_path, wait)
            try:
                for sql in (_FACTS, _TEXTS, _EVENTS, _RUNS):
                    mem.execute(sql)
            finally:
                mem.execute("DETACH src")
        connection.sandbox(mem)
        facts = int(mem.execute("SELECT count(*) FROM facts").fetchall()[0][0])
        info = SnapshotInfo(statements, facts, time.perf_counter() - began)
        return cls(mem, info, key)

    @classmethod
    def from_frames(
        cls,
        facts: pd.DataFrame,
        texts: pd.DataFrame,
        events: pd.DataFrame | None = None,
        runs: pd.DataFrame | None = None,
    ) -> Snapshot:
        """A snapshot made from frames with the tables' columns (for tests and examples)."""
        mem = duckdb.connect(":memory:")
        _types(mem)
        missing = [c for c in EVENT_COLUMNS if c not in facts.columns]
        mem.register("facts_in", facts)
        extra = "".join(f", NULL::{EVENT_COLUMNS[c]} AS {c}" for c in missing)
        extra += "".join(
            f", {value} AS {c}" for c, value in COPY_COLUMNS.items() if c not in facts.columns
        )
        mem.execute(
            "CREATE TABLE facts AS SELECT * REPLACE (dyad::dyad_t AS dyad, score::FLOAT AS score,"
            f" coalesce(speaker_side, '{NARRATOR}')::side_t AS speaker_side){extra} FROM facts_in"
        )
        mem.register("texts_in", texts)
        mem.execute("CREATE TABLE texts AS SELECT * FROM texts_in")
        empty_events = pd.DataFrame(columns=["event_date", "label", "dyad", "description"])
        mem.register("events_in", empty_events if events is None else events)
        mem.execute("CREATE TABLE events AS SELECT * FROM events_in")
        if runs is None:
            mem.execute(
                "CREATE TABLE runs (run_id BIGINT, scorer VARCHAR, scorer_version VARCHAR, "
                "lexicon_hash VARCHAR, scope VARCHAR, started TIMESTAMP, finished TIMESTAMP, "
                "status VARCHAR, n_statements BIGINT)"
            )
        else:
            mem.register("runs_in", runs)
            mem.execute("CREATE TABLE runs AS SELECT * FROM runs_in")
        connection.sandbox(mem)
        n = len(texts)
        return cls(mem, SnapshotInfo(n, len(facts), 0.0), ("frames", id(mem)))

    def query(self, sql: str, params: list | None = None) -> pd.DataFrame:
        cursor = self._con.cursor()
        try:
            return cursor.execute(sql, params or []).df()
        finally:
            cursor.close()
