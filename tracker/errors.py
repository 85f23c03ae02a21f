"""Expected failures and the exit codes the CLI maps them to.

Every error here carries a message that names the problem and the fix in one or two sentences;
the CLI prints it on stderr without a traceback and exits with ``exit_code``.
"""

from __future__ import annotations

# Documented in README.md ("Exit codes"); scripts and cron rely on them.
EXIT_OK = 0
EXIT_FAILURE = 1  # some input could not be processed, or an evaluation target was missed
EXIT_USAGE = 2  # bad command line (click's own code)
EXIT_NO_DATABASE = 3  # the database file does not exist or is not a tracker database
EXIT_LOCKED = 75  # another process is writing the database: retry later (EX_TEMPFAIL)


class TrackerError(Exception):
    """An expected condition that ends a command with a clear message."""

    exit_code = EXIT_FAILURE

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class DatabaseLocked(TrackerError):
    """Another process holds the write lock longer than we were willing to wait."""

    exit_code = EXIT_LOCKED


class DatabaseMissing(TrackerError):
    """No database file where one was expected."""

    exit_code = EXIT_NO_DATABASE


class InputError(TrackerError):
    """One input (file, manifest row, JSON line) could not be read; the batch goes on."""
