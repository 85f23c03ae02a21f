"""Append-only, numbered schema migrations recorded in the database.

Each ``NNNN_name.sql`` file in this folder is one migration, applied once, in order, inside a
transaction, and recorded in ``schema_migrations``. A migration, once released, is never edited:
change the schema by adding the next number. ``tests/test_schema.py`` pins the resulting schema.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import duckdb

from tracker.errors import NotATrackerDatabase, SchemaNewer, SchemaOutdated

_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


@functools.cache
def _shipped() -> tuple[Migration, ...]:
    found = []
    for entry in resources.files(__package__).iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    return tuple(found)


def available() -> list[Migration]:
    """All migrations shipped with this version of the package, in order."""
    return list(_shipped())


def latest_version() -> int:
    return available()[-1].version


def applied_versions(con: duckdb.DuckDBPyConnection) -> set[int]:
    # Asking for the table directly: information_schema is several times slower on a freshly
    # opened file, and every unit of work (each reader, each writer) starts here.
    try:
        rows = con.execute("SELECT version FROM schema_migrations").fetchall()
    except duckdb.CatalogException:
        return set()
    return {row[0] for row in rows}


def check_not_newer(done: set[int], db_path: Path) -> None:
    """Refuse a database holding migrations this version does not ship (:class:`SchemaNewer`):
    a later tracker wrote it, and its tables may not mean what this version's code thinks."""
    unknown = done - {m.version for m in available()}
    if unknown:
        raise SchemaNewer(db_path, max(unknown), latest_version())


def migrate(con: duckdb.DuckDBPyConnection, db_path: Path) -> list[int]:
    """Apply every migration not yet recorded; return the versions applied. A database from a
    later tracker (:func:`check_not_newer`) is refused before anything is written."""
    done = applied_versions(con)
    check_not_newer(done, db_path)
    # Every shipped version, not the highest: branches add migrations in parallel, so a
    # database may hold 0008 without 0007 when the two were merged in the other order.
    if done and done.issuperset(m.version for m in available()):
        return []
    con.execute(
        """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    INTEGER PRIMARY KEY,
            name       VARCHAR NOT NULL,
            applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp
        )
        """
    )
    done = applied_versions(con)
    newly = []
    for migration in available():
        if migration.version in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(migration.sql)
            con.execute(
                "INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                [migration.version, migration.name],
            )
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        newly.append(migration.version)
    return newly


def check_readable(con: duckdb.DuckDBPyConnection, db_path: Path) -> None:
    """Fail clearly when a read-only connection sees no or an older tracker schema
    (:class:`NotATrackerDatabase`, :class:`SchemaOutdated`)."""
    done = applied_versions(con)
    if not done:
        raise NotATrackerDatabase(db_path)
    check_not_newer(done, db_path)
    missing = [m.version for m in available() if m.version not in done]
    if missing:
        # The schema is complete up to the version before the first one missing.
        reached = max((v for v in done if v < missing[0]), default=0)
        raise SchemaOutdated(db_path, reached, latest_version())
