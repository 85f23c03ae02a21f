"""Key events for the timeline: where they come from and where their labels go.

Events come from the database's ``key_events`` table or, when that is empty, from the bundled
``data/events.csv`` (``date,label,dyad,description[,aliases]``). :func:`label_levels` places
each label on the first row where it clears the previous one, so labels never overlap, and
right-aligns a label that would run past the chart's right edge; a label with no free row is
hidden, its rule and tooltip stay.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pandas as pd

LABEL_CHAR_PX = 6.2
MAX_LABEL_LEVELS = 4


def read_events_csv(path: Path) -> pd.DataFrame:
    """``date,label,dyad,description[,aliases]`` rows; an absent or unreadable file gives none."""
    columns = ["event_date", "label", "dyad", "description"]
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = [
                {
                    "event_date": dt.date.fromisoformat(r["date"].strip()),
                    "label": r["label"].strip(),
                    "dyad": (r.get("dyad") or "").strip(),
                    "description": (r.get("description") or "").strip(),
                }
                for r in csv.DictReader(handle)
                if (r.get("date") or "").strip() and (r.get("label") or "").strip()
            ]
    except (OSError, ValueError, KeyError):
        rows = []
    return pd.DataFrame(rows, columns=columns)


def key_events(from_db: pd.DataFrame | None, csv_path: Path) -> pd.DataFrame:
    """The events table when it has rows, else the bundled CSV."""
    if from_db is not None and not from_db.empty:
        return from_db[["event_date", "label", "dyad", "description"]].copy()
    return read_events_csv(csv_path)


def label_levels(events: pd.DataFrame, start: dt.date, end: dt.date, width: int) -> pd.DataFrame:
    """Events in [start, end] with ``level`` (0 = top row) and ``align`` so labels don't overlap.

    Labels are placed left to right; each goes on the first row where it clears the previous
    label; a label that would run past the right edge is right-aligned to its rule instead.
    When no row is free the label is hidden (``level`` -1): its rule and tooltip remain.
    """
    frame = events.copy()
    if frame.empty:
        return frame.assign(level=pd.Series(dtype=int), align=pd.Series(dtype=str))
    # Timestamps, not date objects: specs must serialise to JSON (vl-convert, exports).
    frame["event_date"] = pd.to_datetime(frame["event_date"])
    inside = frame["event_date"].between(pd.Timestamp(start), pd.Timestamp(end))
    frame = frame[inside]
    frame = frame.sort_values("event_date").reset_index(drop=True)
    span = max((end - start).days, 1)
    row_end = [-1e9] * MAX_LABEL_LEVELS
    levels, aligns = [], []
    for day, label in zip(frame["event_date"], frame["label"], strict=True):
        x = (day.date() - start).days / span * width
        size = len(str(label)) * LABEL_CHAR_PX + 6
        align = "right" if x + size > width else "left"
        left, right = (x - size, x) if align == "right" else (x, x + size)
        free = [k for k in range(MAX_LABEL_LEVELS) if row_end[k] < left]
        level = free[0] if free else -1
        if free:
            row_end[level] = right
        levels.append(level)
        aligns.append(align)
    return frame.assign(level=levels, align=aligns)
