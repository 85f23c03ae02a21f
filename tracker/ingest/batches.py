"""Ingest, batch by batch: inputs -> articles -> processed documents -> database.

Contract
--------
:func:`ingest_paths` (files, folders, manifests; :mod:`tracker.ingest.sources`) and
:func:`ingest_articles` are the ingest's entry points.

Work is done in batches, so memory holds one batch's processed documents (two with worker
processes, which prepare one batch ahead) and the next batch's articles. For each batch,
everything slow (segmenting, analysing, scoring: :meth:`tracker.ingest.pipeline.Pipeline.prepare`)
happens before the writer lock is taken; the lock is held only for the one transaction that
stores the batch. Each stored batch appends one completed analysis run and one completed score
run per profile, so a killed ingest leaves no partial batch behind. Texts already stored are
reported ``unchanged`` and not processed again (unless ``replace``). Each write also records the
scorers' identities and lexicons (:func:`tracker.ingest.identity.record`), so a later lexicon
edit is rescored as a diff. Opening the file is a fixed cost (about 10 ms for DuckDB alone), so
the input is read one batch ahead and that batch's texts are checked on the connection of the
write before it (the first batch's on the connection that creates or migrates the database).
Closing a write's connection (DuckDB's checkpoint, tens of milliseconds) happens on a thread
while the next batch is prepared (:class:`tracker.db.connection.DeferredClose`); the lock is held
until the file is closed, and the ingest returns only once the last close is done. Python's cycle
collector is paused while a batch's objects pile up (:func:`tracker.ingest.pipeline.paused_gc`), and
DuckDB's cache is capped (:data:`MEMORY_LIMIT`) so that memory stays flat as the database grows.
The report lists every input in input order, whatever the batches.

With ``workers > 1`` articles are prepared in chunks of :data:`CHUNK_ARTICLES` in worker
processes (:class:`tracker.workers.WorkerPool`: forkserver, each worker rebuilds the pipeline
from a :class:`~tracker.ingest.pipeline.PipelineSpec` and refuses if its identities differ), and
while the main process writes one batch the workers prepare the next. The report and the stored rows
are the same for any number of workers: outputs keep document order, and the next batch counts
the texts of the batch being written as stored. The processes start only once a batch has
:data:`MIN_PARALLEL_CHARS` of text to prepare; smaller ingests stay in one process, since
starting the workers costs about 0.25 s.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from tracker.db import connection
from tracker.errors import InputError, PipelineMismatch, TrackerError
from tracker.ingest.identity import record
from tracker.ingest.identity import snapshot as identity_snapshot
from tracker.ingest.pages import PageArticle
from tracker.ingest.pipeline import (
    Pipeline,
    PipelineSpec,
    PrepareTask,
    content_hash,
    identities,
    paused_gc,
    prepare_articles,
)
from tracker.ingest.sources import Defaults, read_inputs
from tracker.ingest.store import (
    ADDED,
    REPLACED,
    UNCHANGED,
    ProcessedDocument,
    StoredDocument,
    known_hashes,
    write_batch,
)
from tracker.models import Article
from tracker.progress import SILENT, Progress
from tracker.workers import WorkerPool

# A batch costs one connection (its write, which also checks the next batch) whatever its
# size, so batches are large; the character bound keeps each write (the time the lock is held)
# to 0.2-0.3 s: 2M characters are some 13,000 statements of news length.
DEFAULT_BATCH_SIZE = 2000
BATCH_CHARS = 2_000_000
CHUNK_ARTICLES = 25  # one task for a worker: small, so the progress counter moves
# About half a second of preparing on one core (~1,500 statements): below that, starting the
# worker processes would cost more than it saves.
MIN_PARALLEL_CHARS = 100_000
# DuckDB keeps the blocks it reads cached up to 80% of the machine's memory, so an ingest's
# peak grew with the database (604 MB after 1.1M statements, against 290 MB for a small one);
# capped, it stays near (389 MB), at the same speed. A batch that needs more is written again
# without the cap, and so are the rest of the run's.
MEMORY_LIMIT = "128MB"
Prepared = tuple[ProcessedDocument, ...]


class IngestFailed(TrackerError):
    """The ingest stopped: a worker died or built another pipeline; stored batches stay."""


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
    items: Iterable[Article | InputError], size: int, max_chars: int = BATCH_CHARS
) -> Iterator[list[Article | InputError]]:
    """Up to ``size`` items, fewer once their texts reach ``max_chars`` (long articles)."""
    batch: list[Article | InputError] = []
    chars = 0
    for item in items:
        batch.append(item)
        chars += _size(item)
        if len(batch) >= size or chars >= max_chars:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


def _size(item: Article | InputError) -> int:
    """What an item weighs in a batch: its text, and a page's compressed bytes it carries."""
    if not isinstance(item, Article):
        return 0
    page = item.page if isinstance(item, PageArticle) else None
    return len(item.text) + (len(page.raw_gzip) if page is not None else 0)


@dataclass
class _Batch:
    """One batch between the skip check and its write."""

    articles: list[Article]
    hashes: list[str]
    known: dict[str, int]  # hash -> document id, stored before this batch was checked
    pending: set[str]  # hashes an earlier batch, not yet written at the check, will store
    started: dt.datetime
    chunks: list[Future[Prepared]] = field(default_factory=list)

    def skipped(self, hash_: str) -> bool:
        return hash_ in self.known or hash_ in self.pending

    @property
    def todo(self) -> list[Article]:
        return [a for a, h in zip(self.articles, self.hashes, strict=True) if not self.skipped(h)]

    @property
    def todo_hashes(self) -> set[str]:
        return {h for h in self.hashes if not self.skipped(h)}


class _Ingest:
    """The batch loop; with worker processes it prepares one batch ahead of the writes."""

    def __init__(
        self,
        db_path: Path,
        pipeline: Pipeline,
        spec: PipelineSpec,
        stack: ExitStack,
        *,
        workers: int,
        replace: bool,
        wait: float,
        progress: Progress | None,
    ) -> None:
        self.db_path, self.pipeline, self.spec, self.stack = db_path, pipeline, spec, stack
        self.workers, self.replace, self.wait = workers, replace, wait
        self.progress = progress or SILENT
        self.pool = WorkerPool(1)  # inline until a batch is worth the processes
        # Each write's close (DuckDB's checkpoint) overlaps the next batch's preparing.
        self.closer = connection.DeferredClose()
        stack.callback(self.closer.wait)
        self.report = IngestReport()
        self.queue: deque[_Batch] = deque()
        self.written: dict[str, int] = {}  # hash -> document id, of the last batch written
        self.identities = [identity_snapshot(s) for s in pipeline.scorers]
        self.memory_limit: str | None = MEMORY_LIMIT
        # The texts of the batch after the one being added, and which of them a write found
        # stored: checking them on the write's connection saves opening the file again.
        self.lookahead: list[str] = []
        self.checked: tuple[list[str], dict[str, int]] | None = None

    def start(self, hashes: list[str]) -> None:
        """Create or migrate the database and check the first batch's texts, in one unit.

        A first batch with no article (every input failed, or none given) opens nothing: a
        mistyped path must not leave an empty database and its lock file behind. A later batch
        with articles creates the database when it writes."""
        if not hashes:
            self.checked = (hashes, {})
            return
        with self.closer.writer(self.db_path, self.wait) as con:
            self.checked = (hashes, {} if self.replace else known_hashes(con, hashes))

    def add(self, items: list[Article | InputError], hashes: list[str]) -> None:
        """Start preparing a batch (``hashes``: its articles' content hashes, in order)."""
        articles = [a for a in items if isinstance(a, Article)]
        errors = [e for e in items if isinstance(e, InputError)]
        self.report.errors.extend(errors)
        known = {} if self.replace else self._stored(hashes)
        pending = set() if self.replace else {h for b in self.queue for h in b.todo_hashes}
        batch = _Batch(articles, hashes, known, pending, dt.datetime.now())
        todo = batch.todo
        self.progress.advance(len(errors) + len(articles) - len(todo))
        text = sum(len(a.text) for a in todo)
        if self.pool.workers < self.workers and text >= MIN_PARALLEL_CHARS:
            preload = [prepare_articles.__module__]  # the task's module, imported once
            self.pool = self.stack.enter_context(WorkerPool(self.workers, preload))
        compute = prepare_articles if self.pool.workers > 1 else self._prepare_inline
        for start in range(0, len(todo), CHUNK_ARTICLES):
            task = PrepareTask(self.spec, tuple(todo[start : start + CHUNK_ARTICLES]))
            batch.chunks.append(self.pool.submit(compute, task))
        self.queue.append(batch)
        # Inline, preparing ahead would only delay the write; with workers it keeps them busy
        # while this process writes.
        while len(self.queue) > (1 if self.pool.workers > 1 else 0):
            self.finish()

    def _stored(self, hashes: list[str]) -> dict[str, int]:
        """Which texts are stored already, so unchanged ones are not processed again."""
        checked, self.checked = self.checked, None  # good for the batch it was made for only
        if checked is not None and checked[0] == hashes:
            return checked[1]
        if not hashes:
            return {}
        self.closer.wait()
        with connection.reader(self.db_path, self.wait) as con:
            return known_hashes(con, hashes)

    def _prepare_inline(self, task: PrepareTask) -> Prepared:
        return self.pipeline.prepare_all(task.articles)

    def finish(self) -> None:
        """Collect the oldest batch's documents (in order), write them, and report every
        article of the batch in input order."""
        batch = self.queue.popleft()
        todo: list[ProcessedDocument] = []
        for chunk in batch.chunks:
            documents = _result(chunk)
            todo.extend(documents)
            self.progress.advance(len(documents))
        stored = iter(self._write(todo, batch.started) if todo else [])
        earlier = self.written  # the previous batch's, for its texts this batch repeats
        self.written = {}
        for article, hash_ in zip(batch.articles, batch.hashes, strict=True):
            if batch.skipped(hash_):
                doc_id = batch.known[hash_] if hash_ in batch.known else earlier[hash_]
                outcome = StoredDocument(article.origin, UNCHANGED, doc_id, 0)
            else:
                outcome = next(stored)
                self.written[hash_] = outcome.document_id
            self.report.stored.append(outcome)

    def _write(self, todo: list[ProcessedDocument], started: dt.datetime) -> list[StoredDocument]:
        """One unit: the batch's transaction, the identities, the next batch's check."""
        while True:
            with self.closer.writer(self.db_path, self.wait, self.memory_limit) as con:
                try:
                    stored = write_batch(
                        con,
                        todo,
                        self.pipeline.scorer_runs,
                        replace=self.replace,
                        started=started,
                        analysis=self.pipeline.analysis,
                    )
                except duckdb.OutOfMemoryException:
                    if self.memory_limit is None:
                        raise
                    # Rolled back. The database needs more: no cap for the rest of the run,
                    # rather than a failed attempt before each batch.
                    self.memory_limit = None
                    continue
                # So a later lexicon edit is rescored as a diff from this identity, not in full.
                for snap in self.identities:
                    record(con, snap, dt.datetime.now())
                self.checked = None
                if self.lookahead and not self.replace:
                    self.checked = (self.lookahead, known_hashes(con, self.lookahead))
            return stored


def _result(chunk: Future[Prepared]) -> Prepared:
    try:
        return chunk.result()
    except BrokenProcessPool:
        raise IngestFailed(
            "A worker process died (out of memory, or killed); the batches written so far "
            "are stored. Run the same ingest again to finish: stored texts are skipped."
        ) from None
    except PipelineMismatch:
        raise IngestFailed(
            "The worker processes built a different pipeline (a lexicon, actor, events or rule "
            "file changed during the ingest); the batches written so far are stored. Run the "
            "same ingest again once the files are settled: stored texts are skipped."
        ) from None


def ingest_articles(
    items: Iterable[Article | InputError],
    db_path: Path,
    *,
    pipeline: Pipeline | None = None,
    spec: PipelineSpec | None = None,
    replace: bool = False,
    wait: float = connection.DEFAULT_WAIT_SECONDS,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Progress | None = None,
    workers: int = 1,
) -> IngestReport:
    """Store articles (and report the errors mixed in with them) batch by batch.

    ``spec`` says how worker processes rebuild the pipeline (``workers > 1``) and, without
    ``pipeline``, how this process builds it. A ``pipeline`` given without ``spec`` must be
    one the bundled files rebuild (its profiles, with or without analysis) when
    ``workers > 1``, else :class:`ValueError`. Scripts that pass ``workers > 1`` need the
    ``if __name__ == "__main__":`` guard (the workers are started by forkserver).
    ``progress`` advances by one for each input: an article prepared or found stored already,
    or an error; the caller begins it (:mod:`tracker.progress`), as only it knows what the
    inputs are (:func:`tracker.ingest.sources.count_inputs` counts them).
    """
    pipeline, spec = _pipeline_and_spec(pipeline, spec, workers)
    batches = _batches(items, batch_size)
    current = next(batches, None)
    following = next(batches, None) if current is not None else None
    with ExitStack() as stack:
        run = _Ingest(
            db_path,
            pipeline,
            spec,
            stack,
            workers=max(1, workers),
            replace=replace,
            wait=wait,
            progress=progress,
        )
        hashes = _hashes(current or [])
        run.start(hashes)
        while current is not None:
            # One batch read ahead: its texts are checked during this batch's write.
            run.lookahead = _hashes(following or [])
            with paused_gc():  # a batch's objects live until it is written
                run.add(current, hashes)
            current, hashes = following, run.lookahead
            following = next(batches, None) if current is not None else None
        run.lookahead = []
        while run.queue:
            with paused_gc():
                run.finish()
    return run.report


def _pipeline_and_spec(
    pipeline: Pipeline | None, spec: PipelineSpec | None, workers: int
) -> tuple[Pipeline, PipelineSpec]:
    if spec is None:
        spec = PipelineSpec()
        if pipeline is not None:
            spec = dataclasses.replace(
                spec,
                profiles=tuple(s.name for s in pipeline.scorers),
                analyze=pipeline.analysis is not None,
            )
            # Checked here, before anything is stored, rather than by the first worker.
            if workers > 1 and identities(spec.build()) != identities(pipeline):
                raise ValueError(
                    "ingest_articles(workers > 1) needs the PipelineSpec the pipeline was "
                    "built from (spec=...): its dictionaries are not the bundled ones"
                )
    pipeline = pipeline or spec.build()
    return pipeline, spec.pinned(pipeline)


def _hashes(items: list[Article | InputError]) -> list[str]:
    return [content_hash(a.text) for a in items if isinstance(a, Article)]


def ingest_paths(
    paths: Sequence[Path],
    db_path: Path,
    *,
    defaults: Defaults = Defaults(),
    pipeline: Pipeline | None = None,
    spec: PipelineSpec | None = None,
    replace: bool = False,
    wait: float = connection.DEFAULT_WAIT_SECONDS,
    progress: Progress | None = None,
    workers: int = 1,
) -> IngestReport:
    """Ingest files, folders, manifests and JSON Lines files; see :mod:`tracker.ingest.sources`."""
    return ingest_articles(
        read_inputs(paths, defaults),
        db_path,
        pipeline=pipeline,
        spec=spec,
        replace=replace,
        wait=wait,
        progress=progress,
        workers=workers,
    )
