"""Connections: creation for 1.x clients, migrations, read-only readers, locks."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tracker.db import connection as db
from tracker.db import migrations
from tracker.db.migrations import applied_versions, available, latest_version
from tracker.errors import DatabaseLocked, DatabaseMissing, SchemaOutdated


def test_writer_creates_and_migrates(db_path: Path) -> None:
    with db.writer(db_path) as con:
        assert max(applied_versions(con)) == latest_version()
    with db.reader(db_path) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchall() == [(0,)]


def test_a_database_is_created_whole_or_not_at_all(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A writer that dies while creating the schema leaves no database behind, only a side
    file the next attempt replaces (readers would take a half-made file for a foreign one)."""
    real = migrations.migrate

    def dies_halfway(con: duckdb.DuckDBPyConnection, path: Path) -> list[int]:
        con.execute("CREATE TABLE schema_migrations (version INTEGER)")
        raise KeyboardInterrupt

    monkeypatch.setattr(migrations, "migrate", dies_halfway)
    with pytest.raises(KeyboardInterrupt), db.writer(db_path):
        pass
    assert not db_path.exists()
    assert db_path.with_name(db_path.name + ".creating").exists()
    monkeypatch.setattr(migrations, "migrate", real)
    with db.writer(db_path):
        pass
    assert not db_path.with_name(db_path.name + ".creating").exists()
    with db.reader(db_path) as con:
        assert applied_versions(con) == {m.version for m in available()}


def test_migrations_apply_once(db_path: Path) -> None:
    for _ in range(2):
        with db.writer(db_path) as con:
            pass
    with db.reader(db_path) as con:
        rows = con.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()
    assert [r[0] for r in rows] == [m.version for m in available()]


def test_reader_refuses_to_write(db_path: Path) -> None:
    with db.writer(db_path):
        pass
    with db.reader(db_path) as con, pytest.raises(duckdb.Error, match="read-only"):
        con.execute("CREATE TABLE x (a INT)")


def test_reader_on_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "none.duckdb"
    with pytest.raises(DatabaseMissing) as info, db.reader(missing):
        pass
    assert info.value.message == (
        f"No database at {missing}. Build the demo one with `tracker demo`, "
        "or ingest articles with `tracker ingest FILES`."
    )


def test_reader_on_foreign_duckdb_file(tmp_path: Path) -> None:
    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).close()
    with pytest.raises(DatabaseMissing, match="is not a tracker database"), db.reader(other):
        pass


def test_reader_on_older_schema_says_migrate(db_path: Path) -> None:
    with db.writer(db_path) as con:
        con.execute("DELETE FROM schema_migrations WHERE version = ?", [latest_version()])
    if latest_version() == 1:
        pytest.skip("only one migration so far")
    with pytest.raises(SchemaOutdated) as info, db.reader(db_path):
        pass
    assert info.value.exit_code == 1
    previous = available()[-2].version
    assert info.value.message == (
        f"{db_path} has schema version {previous}, this tracker needs "
        f"{latest_version()}. Run `tracker migrate` once to upgrade it."
    )


def test_a_migration_missing_below_the_highest_is_applied(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Migrations are numbered on parallel branches: a database may hold a later one without an
    # earlier one merged after it (0008 written by a tracker that did not ship 0007 yet). A
    # reader asks for `tracker migrate`; a writer applies the missing one.
    shipped = available()
    late = shipped[-2]  # merged after the last one was applied
    assert late.version < shipped[-1].version
    monkeypatch.setattr(migrations, "available", lambda: [m for m in shipped if m is not late])
    with db.writer(db_path) as con:
        assert late.version not in applied_versions(con)
        assert max(applied_versions(con)) == shipped[-1].version
    monkeypatch.setattr(migrations, "available", lambda: shipped)
    with pytest.raises(SchemaOutdated), db.reader(db_path):
        pass
    with db.writer(db_path) as con:
        assert sorted(applied_versions(con)) == [m.version for m in shipped]


# -- waiting for locks ------------------------------------------------------------------------

DUCKDB_CONFLICT = (
    'IO Error: Could not set lock on file "/x.duckdb": Conflicting lock is held in '
    "/usr/bin/python3 (PID 4242). See also https://duckdb.org/docs/current/connect/concurrency"
)


class Flaky:
    """An operation that fails with ``error`` ``times`` times, then returns "done"."""

    def __init__(self, error: BaseException, times: int) -> None:
        self.error, self.times, self.calls = error, times, 0

    def __call__(self) -> str:
        self.calls += 1
        if self.calls <= self.times:
            raise self.error
        return "done"


@pytest.mark.parametrize(
    "error", [duckdb.IOException(DUCKDB_CONFLICT), BlockingIOError(11, "would block")]
)
def test_retry_while_locked_retries_lock_conflicts_until_the_operation_succeeds(
    error: BaseException,
) -> None:
    operation = Flaky(error, times=3)
    result = db.retry_while_locked(
        operation, wait=5, locked_message=lambda _exc: "unused", cap=0.001
    )
    assert (result, operation.calls) == ("done", 4)


def test_retry_while_locked_gives_up_after_the_wait_naming_the_holder(tmp_path: Path) -> None:
    operation = Flaky(duckdb.IOException(DUCKDB_CONFLICT), times=10**6)
    path = tmp_path / "x.duckdb"
    began = time.monotonic()
    with pytest.raises(DatabaseLocked) as info:
        db.retry_while_locked(
            operation, wait=0.2, locked_message=db.duckdb_locked(path, 0.2, read_only=True)
        )
    assert 0.2 <= time.monotonic() - began < 2
    assert operation.calls > 1
    assert info.value.exit_code == 75
    assert info.value.message == (
        f"The database {path} is being written by /usr/bin/python3 (PID 4242); waited 0.2 s. "
        "Retry later, or pass a longer --wait."
    )


def test_retry_while_locked_with_no_wait_tries_once() -> None:
    operation = Flaky(BlockingIOError(11, "would block"), times=1)
    with pytest.raises(DatabaseLocked, match="^held$"):
        db.retry_while_locked(operation, wait=0, locked_message=lambda _exc: "held")
    assert operation.calls == 1


@pytest.mark.parametrize(
    "error",
    [
        duckdb.IOException('IO Error: Cannot open file "/x.duckdb": Permission denied'),
        duckdb.CatalogException("Catalog Error: Table with name x does not exist!"),
        ValueError("not a lock"),
    ],
)
def test_retry_while_locked_passes_other_errors_through_at_once(error: BaseException) -> None:
    operation = Flaky(error, times=1)
    with pytest.raises(type(error)) as info:
        db.retry_while_locked(operation, wait=5, locked_message=lambda _exc: "unused")
    assert info.value is error and operation.calls == 1


def test_one_lock_conflict_test_for_flock_and_duckdb() -> None:
    assert db.is_lock_conflict(BlockingIOError(11, "would block"))
    assert db.is_lock_conflict(duckdb.IOException(DUCKDB_CONFLICT))
    # An I/O error that merely mentions a lock file is not a conflict (it used to be, for the
    # dashboard's ATTACH, which tested for "lock" anywhere in the text).
    assert not db.is_lock_conflict(duckdb.IOException('Cannot open file "/x.duckdb.lock"'))
    assert not db.is_lock_conflict(OSError("Could not set lock"))


HOLD_LOCK = """
import sys, time
from pathlib import Path
from tracker.db import connection as db
with db.writer(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(30)
"""


@pytest.fixture
def held_lock(db_path: Path):
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(db_path)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "locked"
    yield proc
    proc.kill()
    proc.wait()


def test_second_writer_times_out_naming_the_holder(db_path: Path, held_lock) -> None:
    with pytest.raises(DatabaseLocked) as info, db.writer(db_path, wait=0.3):
        pass
    assert info.value.exit_code == 75
    assert f"is being written by tracker (PID {held_lock.pid}" in info.value.message
    assert info.value.message.endswith("Retry later, or pass a longer --wait.")


def test_reader_times_out_while_writer_holds_file(db_path: Path, held_lock) -> None:
    with pytest.raises(DatabaseLocked, match="Retry later"), db.reader(db_path, wait=0.3):
        pass


def test_lock_is_released_when_holder_dies(db_path: Path, held_lock) -> None:
    held_lock.kill()
    held_lock.wait()
    with db.writer(db_path, wait=5) as con:
        assert con.execute("SELECT 1").fetchall() == [(1,)]


@pytest.mark.skipif(
    shutil.which("duckdb") is None, reason="duckdb CLI (pip duckdb-cli) not installed"
)
def test_duckdb_1x_cli_reads_our_file(db_path: Path) -> None:
    with db.writer(db_path):
        pass
    out = subprocess.run(
        [
            "duckdb",
            "-readonly",
            "-csv",
            str(db_path),
            "-c",
            "SELECT version() LIKE 'v1.%' AS v1, count(*) AS n FROM statement_scores",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["v1,n", "true,0"]


def _lock_is_free(db_path: Path) -> bool:
    import fcntl
    import os

    fd = os.open(db.lock_path(db_path), os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        fcntl.flock(fd, fcntl.LOCK_UN)
        return True
    except BlockingIOError:
        return False
    finally:
        os.close(fd)


def test_deferred_close_commits_then_closes_on_a_thread(db_path: Path) -> None:
    closer = db.DeferredClose()
    for source in ("first", "second"):  # the second unit waits for the first close itself
        with closer.writer(db_path, wait=5) as con:
            con.execute(
                "INSERT INTO documents VALUES (?, ?, 'o', NULL, ?, NULL, DATE '2016-01-01', "
                "'t', now())",
                [1 if source == "first" else 2, source, source],
            )
    closer.wait()
    assert _lock_is_free(db_path)
    with db.reader(db_path) as con:
        rows = con.execute("SELECT source FROM documents ORDER BY document_id").fetchall()
    assert rows == [("first",), ("second",)]


def test_deferred_close_closes_at_once_on_an_error(db_path: Path) -> None:
    closer = db.DeferredClose()
    with pytest.raises(ValueError, match="boom"), closer.writer(db_path, wait=5):
        raise ValueError("boom")
    assert _lock_is_free(db_path)  # no thread holds it: closed before the error went on
    closer.wait()


def test_deferred_close_reports_a_failed_close(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import contextlib

    real = db.writer_connection

    @contextlib.contextmanager
    def failing(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        with real(*args, **kwargs) as con:  # type: ignore[arg-type]
            yield con
        raise OSError("disk full")

    monkeypatch.setattr(db, "writer_connection", failing)
    closer = db.DeferredClose()
    with closer.writer(db_path, wait=5):
        pass
    with pytest.raises(OSError, match="disk full"):
        closer.wait()
    assert _lock_is_free(db_path)
    closer.wait()  # reported once
