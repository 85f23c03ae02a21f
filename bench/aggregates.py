"""What keeping ``dyad_aggregates`` costs: ingest and rescore with and without it, side by side.

    python bench/aggregates.py [--archive 200000] [--articles 1000] [--statements 30000]

Each workload runs alternately with the totals maintained (as shipped) and with their upkeep
switched off in this process (:mod:`tracker.db.aggregates`' ``totals`` and ``apply`` made
no-ops: bench only), ``--runs`` times each, every run on a fresh copy of the same database:

- ingest of ``--articles`` synthetic articles (bench/ingest.py's corpus, full pipeline) into a
  database that already holds ``--archive`` synthetic statements: the upkeep of a batch reads
  only its own id range, so it must not grow with the archive;
- the first rescoring of a synthetic database of ``--statements`` statements (its made-up
  identities make it re-analyse and rescore everything, then place every statement in a
  cluster of syndicated copies): the worst case, a switch-over of every statement;
- a lexicon edit whose term ("regional") occurs in about 5% of those statements (a scattered
  diff).

It prints the wall times (best run), the median ratio over back-to-back pairs, and the time
spent inside the write transactions that carry the upkeep (ingest: the batches' writes;
rescore: the switch-over and the copy placements), so the cost to readers shows apart from
the analysis and scoring that dominate the wall time, and the time inside the upkeep itself
(``totals`` and ``apply``), the figure least disturbed by other load.
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.ingest import write_corpus  # noqa: E402
from tracker.db import aggregates, copies  # noqa: E402
from tracker.ingest import batches  # noqa: E402
from tracker.ingest.batches import ingest_paths  # noqa: E402
from tracker.ingest.pipeline import Pipeline, PipelineSpec  # noqa: E402
from tracker.rescore import execute  # noqa: E402
from tracker.rescore.execute import rescore  # noqa: E402
from tracker.rescore.report import RescoreOptions  # noqa: E402
from tracker.synthetic.build import make_database  # noqa: E402


@dataclass
class Clock:
    """Seconds spent inside the wrapped write functions, per run."""

    seconds: float = 0.0
    calls: list[float] = field(default_factory=list)

    def wrap(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            began = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent = time.perf_counter() - began
                self.seconds += spent
                self.calls.append(spent)

        return timed


@contextlib.contextmanager
def patched(obj: Any, name: str, value: Any) -> Iterator[None]:
    original = getattr(obj, name)
    setattr(obj, name, value)
    try:
        yield
    finally:
        setattr(obj, name, original)


@contextlib.contextmanager
def upkeep(on: bool) -> Iterator[None]:
    """The totals maintained (as shipped) or their upkeep switched off."""
    if on:
        yield
        return
    empty = aggregates.totals

    def no_totals(con: Any, ids: Any) -> Any:
        return empty(con, [])

    with (
        patched(aggregates, "totals", no_totals),
        patched(aggregates, "apply", lambda *a, **k: None),
        patched(aggregates, "with_cluster_members", lambda con, ids: list(ids)),
    ):
        yield


@contextlib.contextmanager
def write_clock(clock: Clock) -> Iterator[None]:
    with (
        patched(batches, "write_batch", clock.wrap(batches.write_batch)),
        patched(execute, "complete_runs", clock.wrap(execute.complete_runs)),
        patched(copies, "place", clock.wrap(copies.place)),
    ):
        yield


@contextlib.contextmanager
def upkeep_clock(clock: Clock) -> Iterator[None]:
    """Time inside the upkeep itself (reading totals through the views, applying them)."""
    with (
        patched(aggregates, "totals", clock.wrap(aggregates.totals)),
        patched(aggregates, "apply", clock.wrap(aggregates.apply)),
    ):
        yield


@dataclass
class Side:
    walls: list[float] = field(default_factory=list)
    writes: list[float] = field(default_factory=list)
    longest: list[float] = field(default_factory=list)
    upkeep: list[float] = field(default_factory=list)


def compare(name: str, runs: int, work: Callable[[], float | None]) -> None:
    """``work`` returns the longest time one connection kept readers out, if it knows it."""
    sides = {True: Side(), False: Side()}
    for i in range(runs):
        # Alternate which goes first: the machine's load drifts over seconds.
        for on in (True, False) if i % 2 == 0 else (False, True):
            clock, spent = Clock(), Clock()
            with upkeep(on), upkeep_clock(spent), write_clock(clock):
                began = time.perf_counter()
                held = work()
                sides[on].walls.append(time.perf_counter() - began)
            sides[on].upkeep.append(spent.seconds)
            sides[on].writes.append(clock.seconds)
            sides[on].longest.append(max(clock.calls, default=0.0) if held is None else held)
    on, off = sides[True], sides[False]
    ratio = statistics.median(a / b for a, b in zip(on.walls, off.walls, strict=True))
    write_ratio = statistics.median(
        a / b for a, b in zip(on.writes, off.writes, strict=True) if b > 0
    )
    print(f"{name}:")
    print(
        f"  wall      with {min(on.walls):7.2f} s   without {min(off.walls):7.2f} s   "
        f"ratio {ratio:.2f}x"
    )
    print(
        f"  writes    with {min(on.writes):7.2f} s   without {min(off.writes):7.2f} s   "
        f"ratio {write_ratio:.2f}x   (time inside the write transactions)"
    )
    share = statistics.median(u / w for u, w in zip(on.upkeep, on.walls, strict=True))
    print(
        f"  upkeep    {min(on.upkeep):7.2f} s inside the totals' reads and writes "
        f"({share:.1%} of the wall time with it)"
    )
    print(
        f"  longest   with {min(on.longest):7.2f} s   without {min(off.longest):7.2f} s"
        "   (the longest time one writer connection kept readers out)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", type=int, default=200_000)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--statements", type=int, default=30_000)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus.jsonl"
        write_corpus(corpus, args.articles)
        archive = make_database(folder / "archive.duckdb", args.archive)
        target = folder / "t.duckdb"
        pipeline = Pipeline.build()

        def ingest() -> None:
            shutil.copyfile(archive, target)
            ingest_paths([corpus], target, pipeline=pipeline)  # longest write: the clock's

        compare(
            f"ingest of {args.articles} articles into {args.archive} statements",
            args.runs,
            ingest,
        )

        pristine = make_database(folder / "pristine.duckdb", args.statements)
        options = RescoreOptions(workers=args.workers)

        def first_rescore() -> float:
            shutil.copyfile(pristine, target)
            return rescore(target, options=options).max_lock_hold

        compare(
            f"first rescoring of {args.statements} statements (everything switches over)",
            args.runs,
            first_rescore,
        )

        done = folder / "done.duckdb"
        shutil.copyfile(pristine, done)
        rescore(done, options=options)
        lexicon = folder / "lexicon.csv"
        lexicon.write_text("term,valence,note\nregional,1.5,bench edit\n", encoding="utf-8")
        spec = PipelineSpec(lexicons=(lexicon,))

        def edit() -> float:
            shutil.copyfile(done, target)
            return rescore(target, spec, options).max_lock_hold

        compare(f"lexicon edit on {args.statements} statements (a scattered diff)", args.runs, edit)


if __name__ == "__main__":
    main()
