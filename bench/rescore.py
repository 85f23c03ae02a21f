"""Rescoring benchmark: ``python bench/rescore.py [--statements N] [--noop-statements M]``.

Prints, for a synthetic database of N statements (:mod:`tracker.synthetic.build`, whose runs carry
made-up identities, so the first rescoring re-analyses and rescores everything): the full
rescoring's wall time and throughput, and how long its writes locked readers out (longest,
median) and waited for them. Then, for M statements (default one million), the wall time of
``tracker rescore`` when nothing changed (the whole command, Python start-up included), and of a
lexicon edit whose term occurs in a few per cent of the statements, and of the no-op after it.

Building the M-statement database takes about half a minute; to measure the no-op without a
full rescoring of a million statements first, the synthetic runs are relabelled with the
current identities (bench only: a real database gets them from ingest or a rescoring).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from tracker.db import connection
from tracker.ingest.pipeline import Pipeline
from tracker.synthetic.build import make_database


def fresh(path: Path) -> Path:
    for suffix in ("", ".wal", ".lock"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    return path


def tracker(*args: str) -> tuple[float, dict]:
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "tracker", "rescore", "--json", *args],
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - began
    if done.returncode != 0:
        raise SystemExit(f"tracker rescore failed ({done.returncode}): {done.stderr}")
    return wall, json.loads(done.stdout)


def full_rescore(path: Path, n: int, workers: int | None) -> None:
    began = time.perf_counter()
    make_database(fresh(path), n)
    print(f"built {n} statements in {time.perf_counter() - began:.1f} s")
    extra = ["--workers", str(workers)] if workers else []
    # Hold times per write: rerun through the library to see every one of them.
    from tracker.rescore import runs

    holds: list[float] = []
    waits: list[float] = []
    original = runs.ChunkWriter.flush

    def flush(self: runs.ChunkWriter) -> None:
        before = len(self.holds)
        original(self)
        holds.extend(self.holds[before:])
        waits.extend(self.waits[before:])

    wall, summary = tracker("--db", str(path), *extra)
    print(
        f"full rescoring of {n} statements (analysis + 2 profiles, "
        f"{summary['workers']} workers): {wall:.1f} s wall, "
        f"{n / wall:.0f} statements/s; {summary['lock_holds']} writes, longest kept readers "
        f"out {summary['max_lock_hold_s'] * 1000:.0f} ms, longest wait for readers "
        f"{summary['max_writer_wait_s'] * 1000:.0f} ms"
    )
    runs.ChunkWriter.flush = flush  # type: ignore[method-assign]
    try:
        from tracker.rescore.execute import rescore
        from tracker.rescore.report import RescoreOptions

        report = rescore(path, options=RescoreOptions(workers=workers, full=True))
    finally:
        runs.ChunkWriter.flush = original  # type: ignore[method-assign]
    print(
        f"--full again in-process: {report.duration:.1f} s; write holds: median "
        f"{statistics.median(holds) * 1000:.0f} ms, p90 "
        f"{sorted(holds)[int(0.9 * len(holds))] * 1000:.0f} ms, max {max(holds) * 1000:.0f} ms "
        f"over {len(holds)} writes"
    )


def adopt_current_identities(path: Path) -> None:
    pipeline = Pipeline.build()
    analysis = pipeline.analysis
    assert analysis is not None
    with connection.writer(path) as con:
        for scorer in pipeline.scorers:
            ident = scorer.identity
            con.execute(
                "UPDATE score_runs SET scorer_version = ?, lexicon_hash = ? WHERE scorer = ?",
                [ident.vader_version, ident.lexicon_hash, ident.name],
            )
        con.execute(
            "UPDATE analysis_runs SET analysis_version = ?, inputs_hash = ?",
            [analysis.version, analysis.inputs_hash],
        )


def noop_and_lexicon_edit(path: Path, n: int, workers: int | None) -> None:
    began = time.perf_counter()
    make_database(fresh(path), n)
    print(f"built {n} statements in {time.perf_counter() - began:.1f} s")
    adopt_current_identities(path)
    tracker("--db", str(path))  # records the identities' lexicons: the first run writes once
    walls = []
    for _ in range(3):
        wall, summary = tracker("--db", str(path))
        assert not summary["changed"], summary
        walls.append(wall)
    print(
        f"no-op at {n} statements: {min(walls):.2f} s wall (best of 3, whole command), "
        f"{summary['duration_s']:.2f} s inside"
    )
    lexicon = path.with_name("bench-lexicon.csv")
    lexicon.write_text(
        "term,valence,note\nwarm,2.5,bench edit\n",
        encoding="utf-8",
    )
    extra = ["--workers", str(workers)] if workers else []
    wall, summary = tracker("--db", str(path), "--lexicon", str(lexicon), *extra)
    run = summary["runs"][0]
    print(
        f"lexicon edit of 1 term at {n} statements: {wall:.1f} s wall, {run['statements']} "
        f"statements rescored ({run['changed']} changed), longest write "
        f"{summary['max_lock_hold_s'] * 1000:.0f} ms"
    )
    # Most statements' current rows now come from runs of the older identity: the no-op
    # check must follow the lexicon run's record instead of diffing them again.
    wall, summary = tracker("--db", str(path), "--lexicon", str(lexicon))
    assert not summary["changed"], summary
    print(f"no-op after that edit: {wall:.2f} s wall, {summary['duration_s']:.2f} s inside")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--noop-statements", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/tracker-bench"))
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    full_rescore(args.dir / "full.duckdb", args.statements, args.workers)
    noop_and_lexicon_edit(args.dir / "noop.duckdb", args.noop_statements, args.workers)


if __name__ == "__main__":
    main()
