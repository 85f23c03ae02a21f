"""Timing helper shared by the benchmark scripts: the best of several runs.

The machines these run on are shared and noisy: the fastest of ``runs`` timings is the one
least disturbed by other load, and figures are compared as ratios within one run.
"""

from __future__ import annotations

import time
from collections.abc import Callable


def best_of(runs: int, work: Callable[[], object]) -> float:
    """Seconds of the fastest of ``runs`` calls of ``work``."""
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - t0)
    return best
