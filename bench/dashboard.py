"""Time every query the dashboard issues: ``python bench/dashboard.py /tmp/bench.duckdb``.

Make the database first with ``python bench/make_db.py --statements 1000000 --rescore``.
Prints the snapshot load (once per database change) and, for each interaction's query, the
median of ``--repeat`` runs against the snapshot or the file, and flags any over 300 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tracker.models import RUSSIA, TURKEY_RUSSIA
from tracker.views import drilldown
from tracker.views import runs as runs_queries
from tracker.views import timeline as tq
from tracker.views.charts import timeline_chart
from tracker.views.snapshot import Snapshot
from tracker.views.state import Filters, Selection

BUDGET_MS = 300.0


def _median_ms(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        fn()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    began = time.perf_counter()
    snap = Snapshot.load(args.db, wait=5.0)
    print(
        f"snapshot load: {(time.perf_counter() - began) * 1000:.0f} ms "
        f"({snap.info.statements} statements, {snap.info.facts} statement×relation×scorer rows)"
    )
    default = Filters()
    both = Filters(scorer="both")
    narrow = Filters(
        dyads=(TURKEY_RUSSIA,),
        start=dt.date(2016, 6, 1),
        end=dt.date(2016, 8, 31),
        sides=(RUSSIA,),
        search="relations",
        window=7,
        date_axis="published",
    )
    brush = Selection(dt.date(2016, 7, 1), dt.date(2016, 7, 31))
    probe = tq.statement_page(snap, default, brush).rows
    statement_id = int(probe["statement_id"].iloc[0]) if not probe.empty else 1
    daily = tq.daily_timeline(snap, default)
    points = tq.sample_points(snap, default)
    counts = tq.weekly_counts(snap, default)
    cases: list[tuple[str, Callable[[], Any]]] = [
        ("overview (sidebar choices)", lambda: tq.overview(snap)),
        ("timeline per day, smoothed", lambda: tq.daily_timeline(snap, default)),
        ("timeline, both scorers", lambda: tq.daily_timeline(snap, both)),
        ("timeline, narrow filter + search", lambda: tq.daily_timeline(snap, narrow)),
        ("points sample", lambda: tq.sample_points(snap, default)),
        ("weekly counts", lambda: tq.weekly_counts(snap, default)),
        ("monthly means (headline)", lambda: tq.monthly_means(snap, default)),
        ("direction view", lambda: tq.direction_timeline(snap, default)),
        ("speakers table", lambda: tq.speakers(snap, default)),
        ("histogram", lambda: tq.histogram(snap, default)),
        ("statement table page 1", lambda: tq.statement_page(snap, default)),
        ("statement table page 2000", lambda: tq.statement_page(snap, default, page=2000)),
        ("statement table, brush", lambda: tq.statement_page(snap, default, brush)),
        ("statement table, both scorers", lambda: tq.statement_page(snap, both)),
        ("statement table, search", lambda: tq.statement_page(snap, narrow)),
        ("drill-down (file)", lambda: drilldown.statement_detail(args.db, statement_id)),
        ("runs", lambda: runs_queries.score_runs(snap)),
        ("rescoring changes (file)", lambda: runs_queries.score_changes(args.db, "diplomacy")),
        ("chart spec build", lambda: timeline_chart(daily, points, counts, None, default)),
    ]
    slow = 0
    for name, fn in cases:
        ms = _median_ms(fn, args.repeat)
        flag = "  SLOW" if ms > BUDGET_MS else ""
        slow += bool(flag)
        print(f"{name:34s} {ms:8.1f} ms{flag}")
    print(f"{slow} of {len(cases)} over {BUDGET_MS:.0f} ms")


if __name__ == "__main__":
    main()
