"""A summary of what a database holds, for ``tracker stats`` and the dashboard header."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from tracker.db import connection
from tracker.db.migrations import applied_versions
from tracker.db.tables import COMPLETED


@dataclass(frozen=True)
class RunSummary:
    run_id: int
    scorer: str
    scorer_version: str
    lexicon_hash: str
    scope: str
    started: dt.datetime
    finished: dt.datetime | None
    status: str
    n_statements: int | None


@dataclass(frozen=True)
class DatabaseStats:
    path: Path
    schema_version: int
    documents: int
    statements: int
    first_published: dt.date | None
    last_published: dt.date | None
    runs: tuple[RunSummary, ...]
    analysis_runs: int = 0
    latest_analysis: str | None = None  # version of the newest completed analysis run

    def lines(self) -> list[str]:
        span = (
            f"{self.first_published} .. {self.last_published}" if self.first_published else "none"
        )
        completed = [r for r in self.runs if r.status == COMPLETED]
        out = [
            f"database:       {self.path}",
            f"schema version: {self.schema_version}",
            f"documents:      {self.documents}",
            f"statements:     {self.statements}",
            f"published:      {span}",
            f"score runs:     {len(self.runs)} ({len(completed)} completed)",
        ]
        analysis = f"analysis runs:  {self.analysis_runs}"
        if self.latest_analysis:
            analysis += f" (current rules {self.latest_analysis})"
        for scorer in sorted({r.scorer for r in completed}):
            latest = max((r for r in completed if r.scorer == scorer), key=lambda r: r.run_id)
            out.append(
                f"  {scorer}: latest run {latest.run_id} finished {latest.finished:%Y-%m-%d %H:%M}"
                f" (vaderSentiment {latest.scorer_version}, lexicon {latest.lexicon_hash[:12]})"
            )
        out.append(analysis)
        return out


def database_stats(db_path: Path, wait: float = connection.DEFAULT_WAIT_SECONDS) -> DatabaseStats:
    with connection.reader(db_path, wait) as con:
        documents, statements, first, last = con.execute(
            "SELECT (SELECT count(*) FROM documents), count(*), min(published), max(published) "
            "FROM statements"
        ).fetchall()[0]
        runs = con.execute(
            "SELECT run_id, scorer, scorer_version, lexicon_hash, scope, started, finished, "
            "status, n_statements FROM score_runs ORDER BY run_id"
        ).fetchall()
        version = max(applied_versions(con))
        analysis = con.execute(
            "SELECT count(*), arg_max(analysis_version, analysis_id) FILTER (status = ?) "
            "FROM analysis_runs",
            [COMPLETED],
        ).fetchall()[0]
    return DatabaseStats(
        path=db_path,
        schema_version=version,
        documents=int(documents),
        statements=int(statements),
        first_published=first,
        last_published=last,
        runs=tuple(RunSummary(*row) for row in runs),
        analysis_runs=int(analysis[0]),
        latest_analysis=analysis[1],
    )
