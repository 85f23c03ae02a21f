"""The fetch state: what ``tracker fetch`` asked for and what came of it (table
``fetched_urls``, migration 0008), so a page is fetched once and a feed conditionally.

Contract
--------
:func:`load` reads every row (creating or migrating the database: the fetch writes it
anyway); :func:`due` says whether a page is to be fetched: never seen, or only failed
transiently (timeouts, network errors, 5xx) on fewer than :data:`MAX_ATTEMPTS` runs. A page
stored, rejected (not an article, too large, a redirect loop) or gone (4xx) is final; one
robots.txt disallowed is checked again next run (no request to it was made). Feeds are read
every run, sending the ETag / Last-Modified of their last 200. :func:`updated` makes a row's
next version; :func:`save` writes a run's rows in one short transaction, after the pages are
stored, so a run that stopped early (the database locked) fetches the same items next time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tracker.db import connection

FEED, PAGE = "feed", "page"
KINDS = (FEED, PAGE)
STORED = "stored"  # a page, ingested (documents.document_id)
READ = "read"  # a feed, read
NOT_MODIFIED = "not-modified"  # a feed, 304
REJECTED = "rejected"  # a response that is no article or feed, too large, a redirect loop
GONE = "gone"  # 4xx
FAILED = "failed"  # transient: timeout, network error, 5xx or 429 after the retries
DISALLOWED = "disallowed"  # robots.txt: nothing requested
OUTCOMES = (STORED, READ, NOT_MODIFIED, REJECTED, GONE, FAILED, DISALLOWED)
FINAL = frozenset({STORED, REJECTED, GONE})
MAX_ATTEMPTS = 3  # runs that may try a page that keeps failing transiently

_COLUMNS = (
    "url",
    "kind",
    "outcome",
    "http_status",
    "final_url",
    "etag",
    "last_modified",
    "document_id",
    "error",
    "attempts",
    "first_fetched",
    "last_fetched",
    "found_in",
)


@dataclass(frozen=True)
class Fetched:
    """One row of ``fetched_urls``."""

    url: str
    kind: str
    outcome: str
    http_status: int | None
    final_url: str | None
    etag: str | None
    last_modified: str | None
    document_id: int | None
    error: str | None
    attempts: int
    first_fetched: dt.datetime
    last_fetched: dt.datetime
    found_in: str | None


def load(db_path: Path, wait: float) -> dict[str, Fetched]:
    with connection.writer(db_path, wait) as con:
        rows = con.execute(f"SELECT {', '.join(_COLUMNS)} FROM fetched_urls").fetchall()
    return {row[0]: Fetched(*row) for row in rows}


def due(previous: Fetched | None) -> bool:
    if previous is None or previous.kind != PAGE:
        return True
    if previous.outcome in FINAL:
        return False
    return previous.outcome != FAILED or previous.attempts < MAX_ATTEMPTS


def updated(
    previous: Fetched | None,
    url: str,
    kind: str,
    outcome: str,
    now: dt.datetime,
    *,
    found_in: str | None,
    http_status: int | None = None,
    final_url: str | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    document_id: int | None = None,
    error: str | None = None,
) -> Fetched:
    """The row after this run's attempt; validators are replaced only by a 200's."""
    if previous is None:
        return Fetched(
            url, kind, outcome, http_status, final_url, etag, last_modified, document_id,
            error, 1, now, now, found_in,
        )  # fmt: skip
    fresh = http_status == 200
    return dataclasses.replace(
        previous,
        outcome=outcome,
        http_status=http_status,
        final_url=final_url or previous.final_url,
        etag=etag if fresh else previous.etag,
        last_modified=last_modified if fresh else previous.last_modified,
        document_id=document_id if document_id is not None else previous.document_id,
        error=error,
        attempts=previous.attempts + 1,
        last_fetched=now,
        found_in=previous.found_in or found_in,
    )


def save(db_path: Path, rows: Iterable[Fetched], wait: float) -> None:
    values = [dataclasses.astuple(row) for row in rows]
    if not values:
        return
    marks = ", ".join("?" for _ in _COLUMNS)
    with connection.writer(db_path, wait) as con:
        con.execute("BEGIN TRANSACTION")
        con.executemany(
            f"INSERT OR REPLACE INTO fetched_urls ({', '.join(_COLUMNS)}) VALUES ({marks})",
            values,
        )
        con.execute("COMMIT")
