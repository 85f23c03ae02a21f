"""The event-data measures GDELT and ICEWS users know, per period, on a snapshot.

The ``diplomacy`` profile codes the act between the sides that a statement reports as a CAMEO
root category with its quad class and Goldstein intensity (``dyad_events``; the snapshot keeps
them on its ``facts`` rows). :func:`event_periods` gives, per week or month and relation under
the dashboard's filters, the number of coded events, their mean Goldstein intensity and the
count of each quad class; :func:`event_statements` lists the statements behind a period (or
any :class:`~tracker.views.state.Selection`), one page at a time, for the drill-down. Events
come from the ``diplomacy`` profile whichever scorer the sidebar compares: stock VADER codes
none.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from tracker.scoring.events.dictionary import QUAD_CLASSES, ROOT_NAMES
from tracker.views.snapshot import Snapshot
from tracker.views.state import Filters, Selection
from tracker.views.timeline import PAGE_SIZE, Page, where

EVENT_SCORER = "diplomacy"
PERIODS = {"week": "week", "month": "month"}
# Quad classes as columns: 'verbal cooperation' -> verbal_cooperation.
QUAD_COLUMNS = {quad: quad.replace(" ", "_") for quad in QUAD_CLASSES}


def _period(period: str) -> str:
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}; use one of {', '.join(PERIODS)}")
    return period


def _event_where(filters: Filters, selection: Selection | None = None) -> tuple[str, list]:
    clause, params = where(replace(filters, scorer=EVENT_SCORER), selection)
    return f"{clause} AND f.event_code IS NOT NULL", params


def event_periods(snap: Snapshot, filters: Filters, period: str = "week") -> pd.DataFrame:
    """Per period and relation: coded events, their mean Goldstein intensity, quad counts.

    Columns: period (its first day), period_end (its last day), dyad, n_events,
    mean_goldstein, and one count per quad class (verbal_cooperation, material_cooperation,
    verbal_conflict, material_conflict). Periods without events have no row.
    """
    unit = _period(period)
    clause, params = _event_where(filters)
    counts = ", ".join(
        f"count(*) FILTER (WHERE f.event_quad = '{quad}') AS {column}"
        for quad, column in QUAD_COLUMNS.items()
    )
    sql = f"""
    SELECT date_trunc('{unit}', f.{filters.date_axis})::DATE AS period,
           (date_trunc('{unit}', f.{filters.date_axis}) + INTERVAL 1 {unit}
               - INTERVAL 1 DAY)::DATE AS period_end,
           f.dyad::VARCHAR AS dyad, count(*) AS n_events,
           avg(f.event_goldstein::DOUBLE) AS mean_goldstein, {counts}
    FROM facts AS f WHERE {clause}
    GROUP BY ALL ORDER BY dyad, period
    """
    return snap.query(sql, params)


def event_statements(
    snap: Snapshot,
    filters: Filters,
    selection: Selection | None = None,
    page: int = 0,
    page_size: int = PAGE_SIZE,
) -> Page:
    """The coded statements behind a selection, by date then id; ``page`` is clamped.

    Columns: date, speaker, side, dyad, kind (quad class), event (CAMEO root category),
    intensity (Goldstein), score (the ``diplomacy`` score), source, text, statement_id.
    """
    clause, params = _event_where(filters, selection)
    total = int(snap.query(f"SELECT count(*) AS n FROM facts AS f WHERE {clause}", params)["n"][0])
    last = max(0, -(-total // page_size) - 1)
    page = min(max(page, 0), last)
    axis = filters.date_axis
    sql = f"""
    WITH rows AS (
        SELECT f.statement_id, f.dyad, f.{axis} AS date, f.speaker, f.speaker_side, f.score,
               f.source, f.event_code, f.event_quad, f.event_goldstein
        FROM facts AS f WHERE {clause}
        ORDER BY date, f.statement_id, f.dyad LIMIT ? OFFSET ?
    )
    SELECT strftime(r.date, '%Y-%m-%d') AS date, r.speaker, r.speaker_side::VARCHAR AS side,
           r.dyad::VARCHAR AS dyad, r.event_quad AS kind, r.event_code,
           r.event_goldstein::DECIMAL(4, 1) AS intensity, r.score::DECIMAL(5, 3) AS score,
           r.source, t.text, r.statement_id
    FROM rows AS r JOIN texts AS t USING (statement_id)
    ORDER BY r.date, r.statement_id, r.dyad
    """
    rows = snap.query(sql, [*params, page_size, page * page_size])
    names = rows.pop("event_code").map(lambda code: f"{code} {ROOT_NAMES.get(code, '')}".strip())
    rows.insert(5, "event", names)
    return Page(rows, total, page, page_size)


def heading(selection: Selection) -> str:
    """The event statement table's heading: what it lists."""
    picked = "" if selection.empty else f" in the selection ({selection.describe()})"
    return f"Statements with a coded event{picked}"
