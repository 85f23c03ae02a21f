"""Queries touch the database and nothing else.

Every escape a query could try (writing a file, reading one, attaching another database,
installing or loading an extension, changing a setting back, a PRAGMA that writes) is tried
through ``tracker sql``, through the views' reader and through the dashboard's snapshot: each
is refused, ``tracker sql`` with its one line and exit code 4, and no file is written or read.
The same escapes on a plain read-only DuckDB connection do reach the files (the control rows),
so these tests fail without the sandbox.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from tests.conftest import write
from tracker.cli.main import main
from tracker.db import connection
from tracker.errors import EXIT_REFUSED, OpenInThisProcess, QueryRefused
from tracker.views.snapshot import Snapshot
from tracker.views.sql import run_query

SECRET = "not-for-queries-7f3a"  # what the file outside the database holds
REFUSED = f"Error: {QueryRefused().message}\n"


@dataclass(frozen=True)
class Place:
    """Where an escape aims: a folder that must stay empty, a file that must stay unread and a
    second database that must stay unattached."""

    out: Path
    secret: Path
    other: Path


# (name, query with {out} {secret} {other} {folder}, whether a plain connection may run it in
# a test: INSTALL/LOAD and secrets would go to the network or the home folder, so no control).
ESCAPES = [
    ("copy to a file", "COPY (SELECT 1 AS one) TO '{out}/copy.csv'", True),
    ("copy to parquet", "COPY (SELECT 1 AS one) TO '{out}/copy.parquet' (FORMAT parquet)", True),
    ("export database", "EXPORT DATABASE '{out}/export'", True),
    ("read_csv", "SELECT * FROM read_csv('{secret}', header = false)", True),
    ("a path as a table", "SELECT * FROM '{secret}'", True),
    ("read_text", "SELECT content FROM read_text('{secret}')", True),
    ("read_blob", "SELECT content FROM read_blob('{secret}')", True),
    ("glob", "SELECT file FROM glob('{folder}/*')", True),
    ("attach another file", "ATTACH '{other}' AS other; SELECT * FROM other.notes", True),
    (
        "pragma that writes",
        "PRAGMA enable_profiling = 'json'; PRAGMA profiling_output = '{out}/profile.json'; "
        "SELECT 1",
        True,
    ),
    (
        "logging to a file",
        "CALL enable_logging(storage = 'file', storage_path = '{out}/log'); SELECT 1",
        True,
    ),
    ("install", "INSTALL httpfs", False),
    ("install from a file", "INSTALL '{secret}'", False),
    ("load", "LOAD '{secret}'", False),
    ("a url", "SELECT * FROM read_csv('http://127.0.0.1:9/data.csv')", False),
    ("persistent secret", "CREATE PERSISTENT SECRET s (TYPE s3, KEY_ID 'k', SECRET 'v')", False),
    ("set external access back", "SET enable_external_access = true", False),
    ("reset the lock", "RESET lock_configuration", False),
    ("set a temp directory", "SET temp_directory = '{out}/spill'", False),
]
IDS = [name for name, _, _ in ESCAPES]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tracker database with one ingested article."""
    folder = tmp_path_factory.mktemp("sandbox")
    article = write(
        folder / "articles" / "talks.md",
        """
        ---
        published: 2016-06-30
        source: test wire
        ---
        Russia lifted its ban on charter flights to Turkey on Thursday.
        """,
    )
    path = folder / "db" / "tracker.duckdb"
    result = CliRunner().invoke(main, ["ingest", str(article), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture
def place(tmp_path: Path) -> Place:
    out = tmp_path / "out"
    out.mkdir()
    secret = write(tmp_path / "outside" / "secret.csv", f"note\n{SECRET}\n")
    other = tmp_path / "outside" / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE notes AS SELECT ? AS note", [SECRET])
    con.close()
    return Place(out, secret, other)


def _query(template: str, place: Place) -> str:
    return template.format(
        out=place.out, secret=place.secret, other=place.other, folder=place.secret.parent
    )


def _written(place: Place) -> list[str]:
    return sorted(str(p.relative_to(place.out)) for p in place.out.rglob("*"))


@pytest.mark.parametrize(("name", "template", "control"), ESCAPES, ids=IDS)
def test_tracker_sql_refuses_each_escape(
    db: Path, place: Place, name: str, template: str, control: bool
) -> None:
    result = CliRunner().invoke(main, ["sql", _query(template, place), "--db", str(db)])
    assert (result.exit_code, result.stderr, result.stdout) == (EXIT_REFUSED, REFUSED, "")
    assert _written(place) == []


@pytest.mark.parametrize(("name", "template", "control"), ESCAPES, ids=IDS)
def test_the_views_reader_and_the_snapshot_refuse_each_escape(
    db: Path, place: Place, name: str, template: str, control: bool
) -> None:
    query = _query(template, place)
    with connection.reader(db) as con, pytest.raises(duckdb.Error) as refused:
        con.execute(query).fetchall()
    assert connection.is_sandbox_refusal(refused.value), refused.value
    snapshot = Snapshot.load(db)
    with pytest.raises(duckdb.Error) as refused_in_memory:
        snapshot.query(query)
    # EXPORT on the in-memory copy needs no table of the file, the others fail the same way.
    assert connection.is_sandbox_refusal(refused_in_memory.value), refused_in_memory.value
    assert _written(place) == []


@pytest.mark.parametrize(
    ("name", "template"), [(n, t) for n, t, control in ESCAPES if control], ids=str
)
def test_without_the_sandbox_each_escape_reaches_outside(
    db: Path, place: Place, name: str, template: str
) -> None:
    """The control: a plain read-only connection writes or reads the files, so the tests above
    see a refusal only because of the sandbox."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(_query(template, place)).fetchall()
    finally:
        con.close()
    assert _written(place) != [] or SECRET in str(rows) or "secret.csv" in str(rows)


def test_the_sql_connection_still_reads_the_database(db: Path) -> None:
    result = run_query(db, "SELECT count(*) AS n FROM statements WHERE text LIKE '%charter%'")
    assert result.rows == [(1,)]
    # A query that names no file still works on every table and view.
    views = run_query(db, "SELECT count(*) FROM dyad_scores")
    assert views.rows[0][0] > 0


# A full sort (a window over 1.5M strings): about 70 MB to order, more than the limit below.
SPILLING_SORT = (
    "SELECT max(r) FROM (SELECT row_number() OVER (ORDER BY md5(i::VARCHAR)) * (i % 7) AS r "
    "FROM range(1500000) t(i))"
)


def test_sandboxed_readers_still_spill_to_the_temp_directory(db: Path) -> None:
    """A sort larger than the memory limit spills to ``<db>.tmp``, which the sandbox allows:
    it gives the unlimited answer; with spilling off the same sort runs out of memory."""
    plain = duckdb.connect(":memory:")
    expected = plain.execute(SPILLING_SORT).fetchall()
    plain.close()
    limited = {**connection.SANDBOX, "memory_limit": "24MB", "threads": 1}
    con = duckdb.connect(str(db), read_only=True, config=limited)
    try:
        assert con.execute(SPILLING_SORT).fetchall() == expected
    finally:
        con.close()
    con = duckdb.connect(str(db), read_only=True, config={**limited, "temp_directory": ""})
    try:
        with pytest.raises(duckdb.OutOfMemoryException):
            con.execute(SPILLING_SORT).fetchall()
    finally:
        con.close()


def test_a_connection_of_ones_own_with_other_settings_is_named(db: Path) -> None:
    """DuckDB shares one instance per file and process: a reader cannot open the file with
    its settings while the caller holds a plain connection to it, and says so."""
    mine = duckdb.connect(str(db), read_only=True)
    try:
        with pytest.raises(OpenInThisProcess) as info, connection.reader(db):
            pass
    finally:
        mine.close()
    assert info.value.message == (
        f"{db} is already open in this process with other settings (a duckdb connection of "
        "your own?); close that connection first: the tracker opens the file read-only with "
        "external access off, or alone to write it."
    )
    with connection.reader(db) as con:  # closed: the reader opens it
        assert con.execute("SELECT count(*) FROM documents").fetchall() == [(1,)]
