"""Building the demo database from the bundled corpus in ``data/corpus``.

The database is built in a temporary file beside the target and moved into place atomically, so
a reader never sees a half-built demo and a failed build leaves any previous file untouched.
"""

from __future__ import annotations

import os
from pathlib import Path

from tracker.db import connection
from tracker.errors import TrackerError
from tracker.ingest.batches import IngestReport, ingest_paths
from tracker.paths import corpus_dir
from tracker.progress import SILENT, Progress


def demo_files() -> list[Path]:
    files = sorted(corpus_dir().glob("*.md"))
    if not files:
        raise TrackerError(
            f"No demo corpus in {corpus_dir()}; reinstall the tracker from a full checkout."
        )
    return files


def build_demo(
    db_path: Path,
    *,
    force: bool = False,
    wait: float = connection.DEFAULT_WAIT_SECONDS,
    progress: Progress | None = None,
) -> IngestReport:
    """Build the demo database at ``db_path``; an existing file is replaced only with ``force``."""
    report = _build(db_path, force=force, wait=wait, progress=progress, quiet_if_exists=False)
    assert report is not None
    return report


def _build(
    db_path: Path, *, force: bool, wait: float, progress: Progress | None, quiet_if_exists: bool
) -> IngestReport | None:
    files = demo_files()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    building = db_path.with_name(db_path.name + ".building")
    with connection.write_lock(db_path, wait):
        # Checked under the lock: two first-time dashboard sessions must not both build.
        if db_path.exists() and not force:
            if quiet_if_exists:
                return None
            raise TrackerError(
                f"{db_path} exists already; pass --force to rebuild it from the demo corpus, "
                "or --db to build the demo elsewhere."
            )
        for stale in (building, building.with_name(building.name + ".wal")):
            stale.unlink(missing_ok=True)
        progress = progress or SILENT
        progress.begin("demo briefs", len(files), "articles")
        try:
            report = ingest_paths(files, building, wait=wait, progress=progress)
            if report.errors:
                raise TrackerError(
                    f"The demo corpus has {len(report.errors)} unreadable file(s): "
                    f"{report.errors[0].message}"
                )
            os.replace(building, db_path)
            db_path.with_name(db_path.name + ".wal").unlink(missing_ok=True)
        finally:
            building.unlink(missing_ok=True)
            building.with_name(building.name + ".lock").unlink(missing_ok=True)
    return report


def ensure_demo(db_path: Path, progress: Progress | None = None) -> IngestReport | None:
    """Build the demo database if ``db_path`` does not exist; return the report if built."""
    if db_path.exists():
        return None
    return _build(
        db_path,
        force=False,
        wait=connection.DEFAULT_WAIT_SECONDS,
        progress=progress,
        quiet_if_exists=True,
    )
