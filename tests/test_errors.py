"""Expected conditions are TrackerError types with their exit codes and one-place messages."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from tracker.errors import (
    EXIT_FAILURE,
    EXIT_LOCKED,
    EXIT_NO_DATABASE,
    EXIT_REFUSED,
    DatabaseLocked,
    DatabaseMissing,
    InputError,
    NotATrackerDatabase,
    OpenInThisProcess,
    PipelineMismatch,
    QueryRefused,
    SchemaOutdated,
    TrackerError,
)
from tracker.rescore.execute import RescoreInterrupted

DB = Path("/srv/tracker.duckdb")
ERRORS = [
    (TrackerError("plain"), EXIT_FAILURE),
    (DatabaseLocked("held"), EXIT_LOCKED),
    (DatabaseMissing(DB), EXIT_NO_DATABASE),
    (NotATrackerDatabase(DB), EXIT_NO_DATABASE),
    (SchemaOutdated(DB, 2, 3), EXIT_FAILURE),
    (PipelineMismatch(), EXIT_FAILURE),
    (InputError("bad row"), EXIT_FAILURE),
    (QueryRefused(), EXIT_REFUSED),
    (OpenInThisProcess(DB), EXIT_FAILURE),
    (RescoreInterrupted("stopped", 15), 143),
]


@pytest.mark.parametrize("error, code", ERRORS, ids=lambda e: type(e).__name__)
def test_exit_codes_and_pickling(error: TrackerError, code: int) -> None:
    # Errors raised in worker processes come back pickled: same type, message and exit code,
    # whatever arguments the constructor takes.
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is type(error)
    assert (back.message, str(back), back.exit_code) == (error.message, str(error), code)
    assert back.__dict__ == error.__dict__


def test_missing_database_messages_are_built_by_their_types() -> None:
    assert DatabaseMissing(DB).message == (
        "No database at /srv/tracker.duckdb. Build the demo one with `tracker demo`, "
        "or ingest articles with `tracker ingest FILES`."
    )
    assert isinstance(NotATrackerDatabase(DB), DatabaseMissing)
    assert NotATrackerDatabase(DB).message.startswith(f"{DB} is not a tracker database")
    assert SchemaOutdated(DB, 2, 3).message == (
        f"{DB} has schema version 2, this tracker needs 3. Run `tracker migrate` once to "
        "upgrade it."
    )
