"""What ``tracker rescore`` is asked to do and what it did: options in, report out.

:class:`RescoreOptions` is everything the command takes besides the database and the pipeline.
:class:`Reporter` collects what the rescoring did along the way and builds the
:class:`RescoreReport`, which renders as plain lines for people (stderr) and as one JSON object
for scripts and cron (``--json`` on stdout); the JSON keys are documented in docs/operations.md.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tracker import __version__
from tracker.db.connection import DEFAULT_WAIT_SECONDS
from tracker.db.tables import ANALYSIS_RUN, SCORE_RUN
from tracker.rescore.plan import RescorePlan
from tracker.rescore.runs import ChunkWriter, DeadRuns, Pruned

DEFAULT_CHUNK_STATEMENTS = 2000
DEFAULT_WRITE_ROWS = 20_000


@dataclass(frozen=True)
class RescoreOptions:
    workers: int | None = None  # None: one per available core
    wait: float = DEFAULT_WAIT_SECONDS  # for the write lock held by another process
    keep: int | None = None  # prune to the newest N runs per scorer (and of the analysis)
    full: bool = False  # recompute everything, changed or not
    dry_run: bool = False  # plan only
    chunk_statements: int = DEFAULT_CHUNK_STATEMENTS  # per worker task
    write_rows: int = DEFAULT_WRITE_ROWS  # per write transaction


@dataclass(frozen=True)
class RunOutcome:
    """One run the rescoring completed."""

    kind: str  # SCORE_RUN or ANALYSIS_RUN
    run_id: int
    name: str  # profile, or the analysis version
    scope: str
    statements: int  # scored or analysed
    new: int  # of which had no row before
    changed: int  # of which got a different score (analysis: different relation clauses)
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "run_id": self.run_id,
            "name": self.name,
            "scope": self.scope,
            "statements": self.statements,
            "new": self.new,
            "changed": self.changed,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class RescoreReport:
    database: Path
    changed: bool  # False: nothing needed recomputing
    dry_run: bool
    statements: int  # in the database
    plan: tuple[str, ...]
    runs: tuple[RunOutcome, ...]
    cleaned_score_runs: tuple[int, ...]  # left running by a dead process, now failed
    cleaned_analysis_runs: tuple[int, ...]
    pruned_score_runs: tuple[int, ...]
    pruned_analysis_runs: tuple[int, ...]
    duration: float
    max_lock_hold: float  # longest time one writer connection kept readers out (s)
    max_writer_wait: float  # longest wait of a writer connection for readers to let go (s)
    lock_holds: int
    workers: int
    tracker_version: str

    @property
    def statements_scored(self) -> int:
        return sum(r.statements for r in self.runs if r.kind == SCORE_RUN)

    @property
    def statements_changed(self) -> int:
        return sum(r.changed + r.new for r in self.runs if r.kind == SCORE_RUN)

    def as_dict(self) -> dict[str, Any]:
        return {
            "database": str(self.database),
            "changed": self.changed,
            "dry_run": self.dry_run,
            "statements": self.statements,
            "statements_scored": self.statements_scored,
            "statements_changed": self.statements_changed,
            "runs": [r.as_dict() for r in self.runs],
            "plan": list(self.plan),
            "cleaned_runs": {
                "score": list(self.cleaned_score_runs),
                "analysis": list(self.cleaned_analysis_runs),
            },
            "pruned_runs": {
                "score": list(self.pruned_score_runs),
                "analysis": list(self.pruned_analysis_runs),
            },
            "duration_s": round(self.duration, 3),
            "max_lock_hold_s": round(self.max_lock_hold, 3),
            "max_writer_wait_s": round(self.max_writer_wait, 3),
            "lock_holds": self.lock_holds,
            "workers": self.workers,
            "tracker_version": self.tracker_version,
        }

    def lines(self) -> list[str]:
        out = []
        if self.cleaned_score_runs or self.cleaned_analysis_runs:
            ids = [*self.cleaned_score_runs, *self.cleaned_analysis_runs]
            out.append(f"Marked {len(ids)} run(s) left by a stopped rescoring as failed.")
        if self.dry_run:
            out.append("Dry run: nothing was written. " + " ".join(self.plan))
        elif not self.changed:
            out.append(
                f"Nothing changed: all {self.statements} statements are up to date "
                f"({self.duration:.2f} s)."
            )
        for run in self.runs:
            label = "analysis" if run.kind == ANALYSIS_RUN else f"score run {run.run_id}"
            what = "analysed" if run.kind == ANALYSIS_RUN else "scored"
            out.append(
                f"{run.name}: {label} ({run.scope}) completed: {run.statements} {what}, "
                f"{run.new} new, {run.changed} changed. {run.reason}"
            )
        if self.runs:
            out.append(
                f"Done in {self.duration:.1f} s with {self.workers} worker(s); readers were "
                f"kept out at most {self.max_lock_hold:.3f} s at a time ({self.lock_holds} writes)."
            )
        if self.pruned_score_runs or self.pruned_analysis_runs:
            out.append(
                f"Pruned {len(self.pruned_score_runs)} score run(s) and "
                f"{len(self.pruned_analysis_runs)} analysis run(s)."
            )
        return out


class Reporter:
    """Collects what a rescoring did (cleaned, pruned, workers, the writer's lock holds) and
    builds its :class:`RescoreReport` from the plan and the completed runs."""

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
