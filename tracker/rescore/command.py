"""``tracker rescore``: recompute what changed, while readers keep reading the previous runs.

Contract
--------
:func:`rescore` holds the tracker's write lock (``<db>.lock``) for its whole run, so a second
rescoring or an ingest waits (up to ``wait`` s, then :class:`DatabaseLocked`, exit 75), but
opens the DuckDB file only for short units of work:

1. clean up runs a killed rescoring left ``running`` (they were never visible);
2. plan (:mod:`tracker.rescore.plan`) through one read-only connection; an empty plan ends here;
3. re-analyse the planned documents, then score the planned statements: chunks are read through
   short read-only connections, computed in worker processes (:mod:`tracker.workers`), and
   appended to new ``running`` runs in transactions of a few thousand rows, each on its own
   writer connection, so readers get the file between chunks (they retry while it is taken);
4. make every new run ``completed`` in one tiny transaction: the views switch to them at once;
5. with ``keep``, prune old runs (:func:`tracker.rescore.runs.prune`).

Readers therefore see the previous runs until step 4 and the new ones after it, never a mix.
A kill -9 at any point leaves only ``running`` runs behind, which step 1 of the next rescoring
marks ``failed``. SIGTERM (and Ctrl-C) stop the workers at once, mark the runs failed and raise
:class:`RescoreInterrupted` (exit 143 / 130). Any other failure marks the runs failed and
raises :class:`RescoreFailed` (exit 1); the previous runs stay current either way.
"""

from __future__ import annotations

import datetime as dt
import signal
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from tracker import __version__
from tracker.db import connection as db
from tracker.errors import DatabaseMissing, PipelineMismatch, SchemaOutdated, TrackerError
from tracker.progress import SILENT, Progress
from tracker.rescore.chunks import WRITER_POLL_SECONDS, ChunkWriter
from tracker.rescore.execute import Execution
from tracker.rescore.identity import IdentitySnapshot, record, recorded_keys, snapshot
from tracker.rescore.plan import RescorePlan, make_plan
from tracker.rescore.report import RescoreOptions, RescoreReport, RunOutcome
from tracker.rescore.runs import (
    DeadRuns,
    Pruned,
    clean_dead_runs,
    dead_runs,
    prunable,
    prune,
)
from tracker.workers import PipelineSpec, adopt, default_workers

# Chunk connections may wait longer than --wait: a reader (the dashboard loading its snapshot)
# holds the file for up to a second or two, and giving up mid-run would waste the work done.
CHUNK_WAIT_SECONDS = 120.0


class RescoreFailed(TrackerError):
    """The rescoring stopped on an error; its runs were marked failed."""


class RescoreInterrupted(TrackerError):
    """SIGTERM or Ctrl-C stopped the rescoring; its runs were marked failed."""

    def __init__(self, message: str, signum: int) -> None:
        super().__init__(message)
        self.exit_code = 128 + signum


class _Stopped(BaseException):
    """Raised by the signal handler so that every ``finally`` on the way out runs."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextmanager
def _signals_raise() -> Iterator[None]:
    """SIGTERM and SIGINT raise :class:`_Stopped` (once: a second signal during the clean-up
    is ignored so the clean-up finishes)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    fired = False

    def handler(signum: int, _frame: object) -> None:
        nonlocal fired
        if not fired:
            fired = True
            raise _Stopped(signum)

    previous = {s: signal.signal(s, handler) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


def _prepare(
    db_path: Path,
    wait: float,
    write_wait: float,
    snaps: Sequence[IdentitySnapshot],
    dry_run: bool,
) -> DeadRuns:
    """Migrate if needed, clean up dead runs and record the current identities; opens the file
    for writing only when one of these has work (a no-op rescoring writes nothing, a dry run
    never writes)."""
    dead: DeadRuns | None
    try:
        with db.reader(db_path, wait) as con:
            dead = dead_runs(con)
            unrecorded = [s for s in snaps if s.key not in recorded_keys(con, s.scorer)]
    except SchemaOutdated:
        # Ours to fix: the writer connection below migrates it (a dry run writes nothing).
        if dry_run:
            raise
        dead, unrecorded = None, list(snaps)
    if dead is not None and (dry_run or not (dead.score_runs or dead.analysis_runs or unrecorded)):
        return DeadRuns((), ()) if dry_run else dead
    now = dt.datetime.now()
    with db.writer_connection(db_path, write_wait, poll=WRITER_POLL_SECONDS) as con:
        dead = clean_dead_runs(con, now)
        for snap in unrecorded:
            record(con, snap, now)
    return dead


def rescore(
    db_path: Path,
    spec: PipelineSpec | None = None,
    options: RescoreOptions | None = None,
    progress: Progress | None = None,
) -> RescoreReport:
    """Bring every statement's analysis and scores up to date with ``spec``'s inputs."""
    began = time.monotonic()
    spec = spec or PipelineSpec()
    options = options or RescoreOptions()
    progress = progress or SILENT
    if not db_path.exists():
        raise DatabaseMissing(db_path)
    pipeline = spec.build()
    spec = spec.pinned(pipeline)
    adopt(spec, pipeline)
    snaps = [snapshot(s) for s in pipeline.scorers]
    analysis = pipeline.analysis
    identity = (analysis.version, analysis.inputs_hash) if analysis is not None else None
    workers = options.workers or default_workers()
    writer = ChunkWriter(db_path, max(options.wait, CHUNK_WAIT_SECONDS), options.write_rows)
    report = _Reporter(db_path, writer, began, workers, options)
    with db.write_lock(db_path, options.wait), _signals_raise():
        execution: Execution | None = None
        try:
            report.dead = _prepare(db_path, options.wait, writer.wait, snaps, options.dry_run)
            with db.reader(db_path, writer.wait) as con:
                plan = make_plan(con, snaps, identity, full=options.full)
            for line in plan.describe():
                progress.note(f"plan: {line}")
            if options.dry_run:
                return report(plan, ())
            outcomes: tuple[RunOutcome, ...] = ()
            if not plan.is_empty:
                execution = Execution(
                    db_path, spec, pipeline, plan, writer, workers, options, progress
                )
                outcomes = execution.run(dt.datetime.now())
                report.workers = execution.workers_used
                execution = None  # completed: nothing left to give up
            if options.keep is not None:
                report.pruned = _prune(db_path, writer, options.keep)
            return report(plan, outcomes)
        except _Stopped as stop:
            failed = execution.abandon() if execution is not None else ()
            name = signal.Signals(stop.signum).name
            raise RescoreInterrupted(
                f"Rescoring stopped by {name} after {time.monotonic() - began:.1f} s; "
                f"{_failed_text(failed)} the previous runs stay current. "
                "Run `tracker rescore` again to finish.",
                stop.signum,
            ) from None
        except PipelineMismatch:
            # A worker's error, not the user's command: say which runs it cost, like any other.
            failed = execution.abandon() if execution is not None else ()
            raise RescoreFailed(
                "An input of the analysis or scoring (a lexicon, actor, events or rule file) "
                f"changed while the rescoring ran; {_failed_text(failed)} the previous runs stay "
                "current. Run `tracker rescore` again once the files are settled."
            ) from None
        except TrackerError:
            if execution is not None:
                execution.abandon()
            raise
        except Exception as exc:
            failed = execution.abandon() if execution is not None else ()
            raise RescoreFailed(
                f"Rescoring failed: {type(exc).__name__}: {exc}. {_failed_text(failed)} "
                "the previous runs stay current; fix the cause and run `tracker rescore` again."
            ) from exc


def _prune(db_path: Path, writer: ChunkWriter, keep: int) -> Pruned:
    """Delete runs beyond ``keep``; decided read-only, so a night with nothing to prune
    writes nothing."""
    with db.reader(db_path, writer.wait) as con:
        drop = prunable(con, keep)
    if drop.score_runs or drop.analysis_runs:
        with writer.connection() as con:
            prune(con, drop)
    return drop


def _failed_text(failed: Sequence[int]) -> str:
    if not failed:
        return "no run had started;"
    return f"run(s) {', '.join(map(str, failed))} were marked failed;"


class _Reporter:
    """Collects what the rescoring did and builds the report."""

    def __init__(
        self,
        db_path: Path,
        writer: ChunkWriter,
        began: float,
        workers: int,
        options: RescoreOptions,
    ) -> None:
        self.db_path, self.writer, self.began = db_path, writer, began
        self.workers, self.options = workers, options
        self.dead = DeadRuns((), ())
        self.pruned = Pruned((), ())

    def __call__(self, plan: RescorePlan, outcomes: tuple[RunOutcome, ...]) -> RescoreReport:
        return RescoreReport(
            database=self.db_path,
            changed=bool(outcomes),
            dry_run=self.options.dry_run,
            statements=plan.statements,
            plan=tuple(plan.describe()),
            runs=outcomes,
            cleaned_score_runs=self.dead.score_runs,
            cleaned_analysis_runs=self.dead.analysis_runs,
            pruned_score_runs=self.pruned.score_runs,
            pruned_analysis_runs=self.pruned.analysis_runs,
            duration=time.monotonic() - self.began,
            max_lock_hold=self.writer.max_hold,
            max_writer_wait=self.writer.max_wait,
            lock_holds=len(self.writer.holds),
            workers=self.workers,
            tracker_version=__version__,
        )
