"""Opening the DuckDB file for one unit of work, as a reader or as the single writer.

DuckDB lets one process write a file or many processes read it. The rules this module enforces:

* Nothing holds a connection longer than one unit of work: both helpers are context managers
  that close the connection on exit.
* Readers open the file read-only and retry with backoff while a writer holds it.
* Writers first take an advisory ``flock`` on ``<db>.lock`` (the kernel drops it when the process
  dies, so a lock is never stale) and write who holds it into the file, so a second writer can
  say who it waits for. They then retry DuckDB's own file lock, which other clients may hold.
* Every wait for a lock goes through :func:`retry_while_locked`, and every lock conflict is
  recognised by :func:`is_lock_conflict`; a lock still held after ``wait`` seconds raises
  :class:`DatabaseLocked` (exit code 75) naming the holder.
* Files are created with ``storage_compatibility_version = v1.5.0`` so DuckDB 1.x clients can
  read them; the writer migrates the schema (see :mod:`tracker.db.migrations`) before yielding.
* Readers touch the database and nothing else: they open with :data:`SANDBOX` (no external
  access, configuration locked), so a query can neither read nor write other files (``COPY …
  TO``, ``EXPORT DATABASE``, ``read_csv``/``read_text``/``read_blob``/``glob``, ``ATTACH``),
  install or load extensions, nor change a setting back; DuckDB still spills to its temporary
  directory. An in-memory copy (the dashboard's snapshot) is closed the same way by
  :func:`sandbox` once it has attached and copied what it needs.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import duckdb

from tracker.errors import (
    DatabaseLocked,
    DatabaseMissing,
    DatabaseNotWritable,
    DiskFull,
    OpenInThisProcess,
    UnreadableDatabase,
)

T = TypeVar("T")
STORAGE_COMPATIBILITY = "v1.5.0"
DuckConfig = dict[str, str | bool | int | float | list[str]]
DEFAULT_WAIT_SECONDS = 30.0
_FIRST_BACKOFF = 0.05
MAX_BACKOFF = 1.0
# DuckDB's words when another process has the file open (its IOException has no subtype).
_DUCKDB_LOCK_TEXTS = ("Could not set lock", "Conflicting lock")
# DuckDB's words when this process already has the file open with another configuration.
_OTHER_CONFIG_TEXT = "different configuration than existing connections"
# Set when the connection opens, so there is no moment a query could run without them. DuckDB
# still opens the database file, its WAL and its temp_directory (spilling) under this setting.
SANDBOX: DuckConfig = {"enable_external_access": False, "lock_configuration": True}


def is_lock_conflict(exc: BaseException) -> bool:
    """Whether ``exc`` means another process holds a lock we need: our advisory ``flock``
    (non-blocking, so it raises :class:`BlockingIOError`) or DuckDB's lock on the file (an
    ``IOException`` from ``connect`` or ``ATTACH``). Any other error is a real failure."""
    if isinstance(exc, BlockingIOError):
        return True
    return isinstance(exc, duckdb.IOException) and any(t in str(exc) for t in _DUCKDB_LOCK_TEXTS)


def is_sandbox_refusal(exc: BaseException) -> bool:
    """Whether ``exc`` is DuckDB refusing what :data:`SANDBOX` forbids: a file, the network or
    an extension (``PermissionException``), or a change of setting (the locked configuration)."""
    if isinstance(exc, duckdb.PermissionException):
        return True
    return isinstance(exc, duckdb.InvalidInputException) and (
        "the configuration has been locked" in str(exc)
    )


def backoff_seconds(attempt: int, cap: float = MAX_BACKOFF) -> float:
    """How long to sleep before retry ``attempt`` (0, 1, …) of a locked database."""
    return float(min(cap, _FIRST_BACKOFF * (2**attempt)))


def retry_while_locked(
    operation: Callable[[], T],
    *,
    wait: float,
    locked_message: Callable[[BaseException], str],
    cap: float = MAX_BACKOFF,
) -> T:
    """``operation()``, retried with exponential backoff (0.05 s doubling up to ``cap``) while
    it fails on a lock conflict (:func:`is_lock_conflict`).

    After ``wait`` seconds of conflicts it raises :class:`DatabaseLocked` with
    ``locked_message(last conflict)``; ``wait=0`` tries once. Other errors pass through at once.
    """
    deadline = time.monotonic() + wait
    attempt = 0
    while True:
        try:
            return operation()
        except Exception as exc:
            if not is_lock_conflict(exc):
                raise
            if time.monotonic() >= deadline:
                raise DatabaseLocked(locked_message(exc)) from None
        time.sleep(backoff_seconds(attempt, cap))
        attempt += 1


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def _holder(lock_file: Path) -> str:
    try:
        text = lock_file.read_text(encoding="utf-8").strip()
    except OSError:
        text = ""
    return text or "another process"


def _duckdb_holder(exc: BaseException) -> str:
    text = str(exc)
    marker = "Conflicting lock is held in "
    if marker in text:
        return text.split(marker, 1)[1].split(". See also", 1)[0]
    return "another process"


def _locked_message(db_path: Path, holder: str, wait: float) -> str:
    return (
        f"The database {db_path} is being written by {holder}; waited {wait:g} s. "
        "Retry later, or pass a longer --wait."
    )


def _open_elsewhere_message(db_path: Path, holder: str, wait: float) -> str:
    # A writer that holds the tracker lock is kept out by some other client (a duckdb CLI,
    # a notebook) that has the file open, read-only or not: that client is not writing.
    return (
        f"The database {db_path} is open in another program ({holder}), and DuckDB writes a "
        f"file only while no other process has it open; waited {wait:g} s. Close that "
        "program's connection and retry, or pass a longer --wait."
    )


@contextlib.contextmanager
def write_lock(db_path: Path, wait: float = DEFAULT_WAIT_SECONDS) -> Iterator[None]:
    """Hold the tracker's advisory writer lock for ``db_path`` (waiting up to ``wait`` s)."""
    path = lock_path(db_path)
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:  # a read-only folder or file system, a full disk
        raise _write_error(db_path, exc) from None
    try:
        retry_while_locked(
            lambda: fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB),
            wait=wait,
            locked_message=lambda _exc: _locked_message(db_path, _holder(path), wait),
        )
        command = " ".join(os.path.basename(a) if i == 0 else a for i, a in enumerate(sys.argv))
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"tracker (PID {os.getpid()}: {command[:200]})\n".encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _write_error(db_path: Path, exc: OSError) -> DatabaseNotWritable | DiskFull:
    if exc.errno == errno.ENOSPC:
        return DiskFull(db_path)
    return DatabaseNotWritable(db_path, f"{exc.strerror}: {exc.filename or db_path}")


def is_disk_full(exc: BaseException) -> bool:
    """Whether ``exc`` (an OSError, or DuckDB's IO or commit error) says the disk is full."""
    if isinstance(exc, OSError):
        return exc.errno == errno.ENOSPC
    return isinstance(exc, duckdb.Error) and os.strerror(errno.ENOSPC) in str(exc)


# A DuckDB file starts with a checksum and then these bytes; DuckDB opens some other files as
# databases (a CSV file by its name, read-only), where a writer's rows would go nowhere.
_DUCKDB_MAGIC = (8, b"DUCK")


def _check_duckdb_file(db_path: Path) -> None:
    offset, magic = _DUCKDB_MAGIC
    try:
        with db_path.open("rb") as handle:
            head = handle.read(offset + len(magic))
    except OSError:
        return  # DuckDB says what is wrong when it opens it
    if head and head[offset:] != magic:
        raise UnreadableDatabase(db_path, "not a DuckDB file")


def duckdb_locked(db_path: Path, wait: float, *, read_only: bool) -> Callable[[BaseException], str]:
    """The give-up message (for :func:`retry_while_locked`) when DuckDB's own lock on the file
    kept a connection or ``ATTACH`` out: it names the holder DuckDB reports."""
    message = _locked_message if read_only else _open_elsewhere_message
    return lambda exc: message(db_path, _duckdb_holder(exc), wait)


def _connect_with_retry(
    db_path: Path,
    *,
    read_only: bool,
    wait: float,
    config: DuckConfig | None = None,
    poll: float = MAX_BACKOFF,
) -> duckdb.DuckDBPyConnection:
    existed = db_path.exists()
    if existed:
        _check_duckdb_file(db_path)
        if not read_only and not os.access(db_path, os.W_OK):
            raise DatabaseNotWritable(db_path, f"no permission to write {db_path}")
    try:
        return retry_while_locked(
            lambda: duckdb.connect(str(db_path), read_only=read_only, config=config or {}),
            wait=wait,
            locked_message=duckdb_locked(db_path, wait, read_only=read_only),
            cap=poll,
        )
    except duckdb.Error as exc:
        if _OTHER_CONFIG_TEXT in str(exc):
            raise OpenInThisProcess(db_path) from None
        if not existed:
            raise
        # Not a lock conflict (those are retried or become DatabaseLocked): the file itself
        # is not one DuckDB can open, an expected mistake with --db.
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise UnreadableDatabase(db_path, reason) from None


@contextlib.contextmanager
def writer(
    db_path: Path, wait: float = DEFAULT_WAIT_SECONDS, memory_limit: str | None = None
) -> Iterator[duckdb.DuckDBPyConnection]:
    """The single writer's connection for one unit of work, schema migrated, closed on exit.

    Do slow work (reading files, segmenting, scoring) before entering, so the lock is held
    only while rows are written.
    """
    with (
        write_lock(db_path, wait),
        writer_connection(db_path, wait, memory_limit=memory_limit) as con,
    ):
        yield con


@contextlib.contextmanager
def writer_connection(
    db_path: Path,
    wait: float = DEFAULT_WAIT_SECONDS,
    *,
    migrate: bool = True,
    poll: float = MAX_BACKOFF,
    memory_limit: str | None = None,
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection for one unit of work, for a caller that already holds
    :func:`write_lock`. ``tracker rescore`` keeps the lock for its whole run but opens the file
    only per chunk, so readers get in between chunks. ``poll`` caps the retry interval while
    readers hold the file: a small one catches the gaps between busy readers' queries, which
    the default backoff (up to 1 s) can miss for many seconds. ``memory_limit`` (e.g. "256MB")
    caps DuckDB's buffer pool, which otherwise keeps the blocks it read, up to 80% of the
    machine's memory. Closed on exit."""
    from tracker.db.migrations import migrate as apply_migrations

    if not db_path.exists():
        _create(db_path, apply_migrations)
    config: DuckConfig = {}
    if memory_limit is not None:
        config["memory_limit"] = memory_limit
    con = _connect_with_retry(db_path, read_only=False, wait=wait, config=config, poll=poll)
    try:
        with _disk_full_named(db_path):
            if migrate:
                apply_migrations(con, db_path)
            yield con
    finally:
        with _disk_full_named(db_path):
            con.close()  # a checkpoint: it writes too


@contextlib.contextmanager
def _disk_full_named(db_path: Path) -> Iterator[None]:
    """The OS's or DuckDB's "no space left on device" as :class:`DiskFull` (DuckDB has rolled
    the failed commit back); any other error as it is."""
    try:
        yield
    except (OSError, duckdb.Error) as exc:
        if is_disk_full(exc):
            raise DiskFull(db_path) from None
        raise


def _create(
    db_path: Path, apply_migrations: Callable[[duckdb.DuckDBPyConnection, Path], object]
) -> None:
    """Make a new database with the whole schema beside ``db_path``, then rename it into place:
    a process killed while creating leaves no file that readers would find without its tables
    (the side file is replaced by the next attempt). The caller holds :func:`write_lock`."""
    side = db_path.with_name(db_path.name + ".creating")
    for leftover in (side, side.with_name(side.name + ".wal")):
        leftover.unlink(missing_ok=True)
    with _disk_full_named(db_path):
        con = duckdb.connect(
            str(side), config={"storage_compatibility_version": STORAGE_COMPATIBILITY}
        )
        try:
            apply_migrations(con, db_path)
        finally:
            con.close()
    os.replace(side, db_path)


class DeferredClose:
    """Writer units whose connection is closed on a thread, for a loop of units (ingest).

    DuckDB checkpoints a file when its last connection closes: tens of milliseconds of work,
    done outside Python's GIL, which can overlap the caller's next slow step. The unit's
    transaction is committed before the hand-off; the tracker lock is released only once the
    file is closed; and the next unit, and :meth:`wait`, join the thread first, so this process
    never opens the file while it is still closing it. Call :meth:`wait` when the loop ends
    (it re-raises an error the close met).
    """

    def __init__(self) -> None:
        self._closing: threading.Thread | None = None
        self._error: BaseException | None = None

    @contextlib.contextmanager
    def writer(
        self, db_path: Path, wait: float = DEFAULT_WAIT_SECONDS, memory_limit: str | None = None
    ) -> Iterator[duckdb.DuckDBPyConnection]:
        """:func:`writer`, but a unit that ends without an error is closed on a thread."""
        self.wait()
        with contextlib.ExitStack() as stack:
            con = stack.enter_context(writer(db_path, wait, memory_limit))
            yield con
            closing = stack.pop_all()  # not reached on an error: the stack closes as usual
        thread = threading.Thread(
            target=self._close, args=(closing,), name="tracker-close", daemon=False
        )
        try:
            thread.start()
        except BaseException:
            closing.close()  # no thread (or interrupted): close here, as writer() would
            raise
        self._closing = thread

    def _close(self, closing: contextlib.ExitStack) -> None:
        try:
            closing.close()
        except BaseException as exc:  # handed to the caller by wait()
            self._error = exc

    def wait(self) -> None:
        """Wait until the last unit's file is closed and its lock released."""
        # Forgotten only once joined: an interrupted join leaves it for the next wait().
        if self._closing is not None:
            self._closing.join()
            self._closing = None
        error, self._error = self._error, None
        if error is not None:
            raise error


def sandbox(con: duckdb.DuckDBPyConnection) -> None:
    """Shut ``con`` (an in-memory database that has copied what it needs) off from files,
    the network and extensions, for good: the settings of :data:`SANDBOX`, applied in the
    order DuckDB requires (a locked configuration cannot be changed)."""
    for name, value in SANDBOX.items():  # names from the constant above, never from input
        con.execute(f"SET {name} = {str(value).lower()}")


@contextlib.contextmanager
def reader(
    db_path: Path, wait: float = DEFAULT_WAIT_SECONDS
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection for one unit of work, closed on exit, that reaches nothing
    but the database (:data:`SANDBOX`)."""
    if not db_path.exists():
        raise DatabaseMissing(db_path)
    con = _connect_with_retry(db_path, read_only=True, wait=wait, config=SANDBOX)
    try:
        from tracker.db.migrations import check_readable

        check_readable(con, db_path)
        yield con
    finally:
        con.close()
