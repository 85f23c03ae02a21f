"""Timing helpers shared by the benchmark scripts: the best of several runs, paired ratios.

The machines these run on are shared and noisy: the fastest of ``runs`` timings is the one
least disturbed by other load, and figures are compared as ratios within one run. The load
comes and goes over seconds, so a ratio of two workloads is taken from runs made back to back
(:func:`paired`), not from two bests that may come from quiet and busy moments.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


def best_of(runs: int, work: Callable[[], object]) -> float:
    """Seconds of the fastest of ``runs`` calls of ``work``."""
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - t0)
    return best


def timed(work: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    work()
    return time.perf_counter() - t0


@dataclass(frozen=True)
class Paired:
    """Seconds of the fastest run of each workload and the median of the pairs' ratios."""

    work: float
    baseline: float
    ratio: float  # median over pairs of baseline seconds / work seconds (work's speed relative)


def paired(runs: int, work: Callable[[], object], baseline: Callable[[], object]) -> Paired:
    """Run ``work`` and ``baseline`` alternately ``runs`` times each."""
    pairs = [(timed(work), timed(baseline)) for _ in range(runs)]
    return Paired(
        work=min(w for w, _ in pairs),
        baseline=min(b for _, b in pairs),
        ratio=statistics.median(b / w for w, b in pairs),
    )
