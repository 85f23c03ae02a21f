"""Expected failures and the exit codes the CLI maps them to.

Every error here carries a message that names the problem and the fix in one or two sentences;
the CLI prints it on stderr without a traceback and exits with ``exit_code``. Callers tell
the conditions apart by type (``except SchemaOutdated``), never by comparing messages or
``type(exc) is TrackerError``. Errors that know their message build it from their arguments,
so each message is written once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

# Documented in README.md ("Exit codes"); scripts and cron rely on them.
EXIT_OK = 0
EXIT_FAILURE = 1  # some input could not be processed, or an evaluation target was missed
EXIT_USAGE = 2  # bad command line (click's own code)
EXIT_NO_DATABASE = 3  # the database file does not exist or is not a tracker database
EXIT_REFUSED = 4  # a query reached outside the database (files, extensions, settings)
EXIT_LOCKED = 75  # another process is writing the database: retry later (EX_TEMPFAIL)


def _restore(cls: type[TrackerError], message: str, state: dict[str, Any]) -> TrackerError:
    error = cls.__new__(cls)
    Exception.__init__(error, message)
    error.__dict__.update(state)
    return error


class TrackerError(Exception):
    """An expected condition that ends a command with a clear message."""

    exit_code = EXIT_FAILURE

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __reduce__(self) -> tuple[Any, ...]:
        # Worker processes send errors back pickled; subclasses whose constructor takes other
        # arguments than the message would not survive Exception's default (cls(*args)).
        return _restore, (type(self), self.message, self.__dict__)


class DatabaseLocked(TrackerError):
    """Another process holds the write lock longer than we were willing to wait."""

    exit_code = EXIT_LOCKED


class DatabaseMissing(TrackerError):
    """No database file where one was expected."""

    exit_code = EXIT_NO_DATABASE

    def __init__(self, db_path: Path) -> None:
        super().__init__(self.describe(db_path))
        self.db_path = db_path

    @staticmethod
    def describe(db_path: Path) -> str:
        return (
            f"No database at {db_path}. Build the demo one with `tracker demo`, "
            "or ingest articles with `tracker ingest FILES`."
        )


class NotATrackerDatabase(DatabaseMissing):
    """A DuckDB file without the tracker's schema (no ``schema_migrations`` table)."""

    @staticmethod
    def describe(db_path: Path) -> str:
        return (
            f"{db_path} is not a tracker database (no schema_migrations table). "
            "Point --db / TRACKER_DB at a tracker database, or build one with `tracker demo`."
        )


class UnreadableDatabase(NotATrackerDatabase):
    """A file DuckDB cannot open as a database (a CSV, a text file, a damaged or newer file)."""

    def __init__(self, db_path: Path, reason: str) -> None:
        TrackerError.__init__(
            self,
            f"{db_path} is not a tracker database: DuckDB cannot open it ({reason}). "
            "Point --db / TRACKER_DB at a tracker database, or build one with `tracker demo`.",
        )
        self.db_path = db_path
        self.reason = reason


class OpenInThisProcess(TrackerError):
    """The file is already open in this process on a connection with other settings (a
    ``duckdb.connect`` of the caller's own, or a reader while a writer opens it): DuckDB shares
    one instance per file and process, with one configuration."""

    def __init__(self, db_path: Path) -> None:
        super().__init__(
            f"{db_path} is already open in this process with other settings (a duckdb "
            "connection of your own?); close that connection first: the tracker opens the "
            "file read-only with external access off, or alone to write it."
        )
        self.db_path = db_path


class SchemaOutdated(TrackerError):
    """A tracker database with an older schema than this version needs; a writer migrates it,
    a reader refuses it."""

    def __init__(self, db_path: Path, version: int, needed: int) -> None:
        super().__init__(
            f"{db_path} has schema version {version}, this tracker needs {needed}. "
            "Run `tracker migrate` once to upgrade it."
        )
        self.db_path, self.version, self.needed = db_path, version, needed


class PipelineMismatch(TrackerError):
    """A worker process built a pipeline with other identities than the main process's."""

    CAUSE = "An input of the analysis or scoring (a lexicon, actor, events or rule file) changed"

    def __init__(self) -> None:
        super().__init__(
            f"{self.CAUSE} while the command ran, so worker processes built a different "
            "pipeline. Run the command again once the files are settled."
        )


class QueryRefused(TrackerError):
    """A query (``tracker sql``) that reaches outside the database: another file, an
    extension, a setting. Readers cannot do it (:data:`tracker.db.connection.SANDBOX`); this
    says so plainly instead of DuckDB's words."""

    exit_code = EXIT_REFUSED

    def __init__(self) -> None:
        super().__init__(
            "Only queries on the tracker's tables and views are allowed: tracker sql does not "
            "read or write other files, attach databases, load extensions or change settings."
        )


class InputError(TrackerError):
    """One input (file, manifest row, JSON line) could not be read; the batch goes on."""


class SchemaNewer(TrackerError):
    """A tracker database with migrations this version does not know: a later tracker made it."""

    exit_code = EXIT_NO_DATABASE

    def __init__(self, db_path: Path, version: int, latest: int) -> None:
        super().__init__(
            f"{db_path} has schema version {version}, newer than this tracker's {latest} (a "
            "later tracker wrote it). Upgrade the tracker to use it; nothing in it was changed."
        )
        self.db_path, self.version, self.latest = db_path, version, latest


class DatabaseNotWritable(TrackerError):
    """The database, its folder or its lock file cannot be written (permissions, read-only
    file system)."""

    def __init__(self, db_path: Path, reason: str) -> None:
        super().__init__(
            f"Cannot write the database {db_path} ({reason}). Make it and its folder writable, "
            "or point --db / TRACKER_DB at a writable place; nothing in it was changed."
        )
        self.db_path, self.reason = db_path, reason


class DiskFull(TrackerError):
    """The disk holding the database ran out of space while a unit of work was written."""

    def __init__(self, db_path: Path) -> None:
        super().__init__(
            f"No space left on the disk of {db_path}: the write under way was rolled back, "
            "what was stored before is kept. Free some space (or point --db at another disk) "
            "and run the command again."
        )
        self.db_path = db_path
