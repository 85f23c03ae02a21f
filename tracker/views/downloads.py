"""What the dashboard offers for download: the statements behind the view, and the chart.

Each :class:`Download` makes its bytes only when asked (Streamlit calls ``data`` when the button
is pressed), so an unused export costs nothing on a rerun.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import altair as alt

from tracker.views.charts import to_image
from tracker.views.snapshot import Snapshot
from tracker.views.state import Filters, Selection
from tracker.views.timeline import export_csv


@dataclass(frozen=True)
class Download:
    label: str
    data: Callable[[], bytes]
    mime: str
    filename: str


def downloads(
    snap: Snapshot, filters: Filters, selection: Selection, chart: alt.TopLevelMixin
) -> list[Download]:
    """The matching statements as CSV, the timeline chart as PNG and SVG."""
    return [
        Download(
            "statements (CSV)",
            lambda: export_csv(snap, filters, selection),
            "text/csv",
            "tracker.csv",
        ),
        Download("chart (PNG)", lambda: to_image(chart, "png"), "image/png", "tracker.png"),
        Download("chart (SVG)", lambda: to_image(chart, "svg"), "image/svg+xml", "tracker.svg"),
    ]
