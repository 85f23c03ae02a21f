"""The ingest pipeline's driver: inputs -> articles -> processed documents -> database.

Work is done in batches so memory stays flat in corpus size. For each batch, everything slow
(reading, segmenting, analysing, scoring: :class:`tracker.pipeline.Pipeline`) happens before the
writer lock is taken; the lock is held only for the one transaction that stores the batch. Each
stored batch appends one completed analysis run and one completed score run per profile, so a
killed ingest leaves no partial batch behind.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from tracker import db
from tracker.errors import InputError
from tracker.models import Article
from tracker.pipeline import Pipeline, content_hash
from tracker.sources import Defaults, read_inputs
from tracker.store import (
    ADDED,
    REPLACED,
    UNCHANGED,
    ProcessedDocument,
    StoredDocument,
    known_hashes,
    write_batch,
)

DEFAULT_BATCH_SIZE = 500
Progress = Callable[[int], None]


@dataclass
class IngestReport:
    """What an ingest did, input by input."""

    stored: list[StoredDocument] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for s in self.stored if s.outcome == outcome)

    @property
    def statements(self) -> int:
        return sum(s.statements for s in self.stored)

    def summary(self) -> str:
        parts = [
            f"{self.count(ADDED)} added",
            f"{self.count(REPLACED)} replaced",
            f"{self.count(UNCHANGED)} unchanged",
            f"{len(self.errors)} failed",
        ]
        return f"Ingest: {', '.join(parts)}; {self.statements} new statements."


def _batches(
    items: Iterable[Article | InputError], size: int
) -> Iterator[list[Article | InputError]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def ingest_articles(
    items: Iterable[Article | InputError],
    db_path: Path,
    *,
    pipeline: Pipeline | None = None,
    replace: bool = False,
    wait: float = db.DEFAULT_WAIT_SECONDS,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Progress | None = None,
) -> IngestReport:
    """Store articles (and report the errors mixed in with them) batch by batch."""
    pipeline = pipeline or Pipeline.build()
    report = IngestReport()
    with db.writer(db_path, wait):
        pass  # create or migrate the database first, so the readers below see the schema
    for batch in _batches(items, batch_size):
        articles = [a for a in batch if isinstance(a, Article)]
        report.errors.extend(e for e in batch if isinstance(e, InputError))
        stored = {} if replace else _already_stored(db_path, articles, wait)
        todo: list[ProcessedDocument] = []
        started = dt.datetime.now()
        for article in articles:
            digest = content_hash(article.text)
            if digest in stored:
                report.stored.append(StoredDocument(article.origin, UNCHANGED, stored[digest], 0))
            else:
                todo.append(pipeline.prepare(article))
            if progress:
                progress(1)
        if todo:
            with db.writer(db_path, wait) as con:
                report.stored.extend(
                    write_batch(
                        con,
                        todo,
                        pipeline.scorer_runs,
                        replace=replace,
                        started=started,
                        analysis=pipeline.analysis,
                    )
                )
    return report


def _already_stored(db_path: Path, articles: Sequence[Article], wait: float) -> dict[str, int]:
    """Which texts are stored already, so unchanged ones are not processed again."""
    if not articles:
        return {}
    with db.reader(db_path, wait) as con:
        return known_hashes(con, [content_hash(a.text) for a in articles])


def ingest_paths(
    paths: Sequence[Path],
    db_path: Path,
    *,
    defaults: Defaults = Defaults(),
    pipeline: Pipeline | None = None,
    replace: bool = False,
    wait: float = db.DEFAULT_WAIT_SECONDS,
    progress: Progress | None = None,
) -> IngestReport:
    """Ingest files, folders, manifests and JSON Lines files; see :mod:`tracker.sources`."""
    return ingest_articles(
        read_inputs(paths, defaults),
        db_path,
        pipeline=pipeline,
        replace=replace,
        wait=wait,
        progress=progress,
    )
