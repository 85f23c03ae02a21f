"""The dashboard's timeline queries, run on a :class:`tracker.views.snapshot.Snapshot`.

Every function takes the snapshot and a :class:`tracker.views.state.Filters` and returns a
small DataFrame: the browser never receives all rows. A remark carried by several outlets (a
cluster of syndicated copies, :mod:`tracker.db.copies`) counts once, as its representative's
row, unless ``filters.copies`` asks for every copy. Aggregates are per day (smoothed in SQL
with a centred window), per week or per month; points are a deterministic sample (at most
``MAX_POINTS``); the statement table is one page (``LIMIT``/``OFFSET``). User input only ever
reaches SQL as parameters; the few identifiers formatted into SQL (the date column, scorer
names, window sizes) are checked against fixed lists first.

Score columns: ``score`` in long frames (with a ``scorer`` column); ``score_<scorer>`` in the
statement table, one per compared scorer.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, replace

import pandas as pd

from tracker.models import RUSSIA, TURKEY, TURKEY_RUSSIA, WEST
from tracker.views.snapshot import Snapshot
from tracker.views.state import DATE_AXES, SCORERS, WINDOWS, Filters, Selection

MAX_POINTS = 4000
PAGE_SIZE = 25
EXPORT_LIMIT = 100_000
SPEAKERS_LIMIT = 30
Z95 = 1.96


def _axis(filters: Filters) -> str:
    if filters.date_axis not in DATE_AXES:
        raise ValueError(f"unknown date axis {filters.date_axis!r}")
    return filters.date_axis


def _scorers(filters: Filters) -> tuple[str, ...]:
    bad = [s for s in filters.scorers if s not in SCORERS]
    if bad:
        raise ValueError(f"unknown scorer {bad[0]!r}")
    return filters.scorers


def where(filters: Filters, selection: Selection | None = None) -> tuple[str, list]:
    """The WHERE clause (on ``facts`` as ``f``) and its parameters for a filter and selection."""
    axis = _axis(filters)
    clauses = [
        "f.scorer IN (SELECT unnest(?::VARCHAR[]))",
        "f.dyad::VARCHAR IN (SELECT unnest(?::VARCHAR[]))",
        f"f.{axis} BETWEEN ? AND ?",
    ]
    params: list = [list(_scorers(filters)), list(filters.dyads), filters.start, filters.end]
    if not filters.copies:
        clauses.append("f.counted")  # a syndicated remark counts once: its representative
    if filters.sides:
        clauses.append("f.speaker_side::VARCHAR IN (SELECT unnest(?::VARCHAR[]))")
        params.append(list(filters.sides))
    if filters.sources:
        clauses.append("f.source IN (SELECT unnest(?::VARCHAR[]))")
        params.append(list(filters.sources))
    if filters.search:
        # A literal substring, case-insensitive: no LIKE wildcards from the user.
        clauses.append(
            "f.statement_id IN (SELECT statement_id FROM texts "
            "WHERE contains(lower(text), lower(?)))"
        )
        params.append(filters.search)
    if selection is not None and selection.statement_id is not None:
        clauses.append("f.statement_id = ?")
        params.append(selection.statement_id)
    elif selection is not None and selection.start is not None:
        clauses.append(f"f.{axis} BETWEEN ? AND ?")
        params.extend([selection.start, selection.end or selection.start])
    return " AND ".join(clauses), params


def daily_timeline(snap: Snapshot, filters: Filters) -> pd.DataFrame:
    """Per day, relation and scorer: statements that day, the smoothed mean and its 95% band.

    Columns: day, dyad, scorer, n, n_window, mean, lo, hi, thin. The mean is over the
    ``filters.window`` days centred on the day; ``thin`` marks days whose window holds fewer
    than ``filters.min_n`` statements (the chart draws them as uncertain, not as a line).
    """
    if filters.window not in WINDOWS:
        raise ValueError(f"unknown smoothing window {filters.window!r}")
    before = filters.window // 2
    after = filters.window - 1 - before
    clause, params = where(filters)
    sql = f"""
    WITH daily AS (
        SELECT f.{_axis(filters)} AS day, f.dyad::VARCHAR AS dyad, f.scorer,
               count(*) AS n, sum(f.score) AS s, sum(f.score * f.score) AS ss
        FROM facts AS f WHERE {clause} GROUP BY ALL
    ),
    grid AS (
        SELECT g.day::DATE AS day, k.dyad, k.scorer
        FROM generate_series(?::DATE, ?::DATE, INTERVAL 1 DAY) AS g(day)
        CROSS JOIN (SELECT DISTINCT dyad, scorer FROM daily) AS k
    ),
    win AS (
        SELECT g.day, g.dyad, g.scorer, coalesce(d.n, 0) AS n,
               sum(coalesce(d.n, 0)) OVER w AS n_window,
               sum(coalesce(d.s, 0)) OVER w AS s_window,
               sum(coalesce(d.ss, 0)) OVER w AS ss_window
        FROM grid AS g LEFT JOIN daily AS d USING (day, dyad, scorer)
        WINDOW w AS (PARTITION BY g.dyad, g.scorer ORDER BY g.day
                     ROWS BETWEEN {before} PRECEDING AND {after} FOLLOWING)
    ),
    stats AS (
        SELECT *, s_window / nullif(n_window, 0) AS mean,
               sqrt(greatest(ss_window - s_window * s_window / nullif(n_window, 0), 0)
                    / nullif(n_window - 1, 0) / nullif(n_window, 0)) AS se
        FROM win
    )
    SELECT day, dyad, scorer, n, n_window, mean,
           -- greatest/least skip NULLs: keep the band empty where se is undefined
           CASE WHEN se IS NOT NULL THEN greatest(mean - {Z95} * se, -1) END AS lo,
           CASE WHEN se IS NOT NULL THEN least(mean + {Z95} * se, 1) END AS hi,
           n_window < ? AS thin
    FROM stats ORDER BY scorer, dyad, day
    """
    return snap.query(sql, [*params, filters.start, filters.end, filters.min_n])


def sample_points(snap: Snapshot, filters: Filters, limit: int = MAX_POINTS) -> pd.DataFrame:
    """At most ``limit`` statements as points, the same ones on every rerun (hash order)."""
    clause, params = where(filters)
    sql = f"""
    SELECT f.statement_id, f.{_axis(filters)} AS day, f.dyad::VARCHAR AS dyad, f.scorer,
           f.score, f.speaker
    FROM facts AS f WHERE {clause}
    ORDER BY hash(f.statement_id), f.dyad LIMIT ?
    """
    return snap.query(sql, [*params, limit])


def weekly_counts(snap: Snapshot, filters: Filters) -> pd.DataFrame:
    """Statements per week, relation and scorer; ``thin`` when under ``filters.min_n``."""
    clause, params = where(filters)
    sql = f"""
    SELECT date_trunc('week', f.{_axis(filters)})::DATE AS week, f.dyad::VARCHAR AS dyad,
           f.scorer, count(*) AS n, count(*) < ? AS thin
    FROM facts AS f WHERE {clause} GROUP BY ALL ORDER BY week, dyad
    """
    return snap.query(sql, [filters.min_n, *params])


def direction_timeline(snap: Snapshot, filters: Filters) -> pd.DataFrame:
    """Weekly mean score by who speaks: Turkey→Russia, Russia→Turkey, Turkey→West, West→Turkey."""
    clause, params = where(filters)
    sql = f"""
    WITH sided AS (
        SELECT f.{_axis(filters)} AS day, f.scorer, f.score, f.dyad::VARCHAR AS dyad,
               CASE WHEN f.dyad = '{TURKEY_RUSSIA}' THEN '{RUSSIA}' ELSE '{WEST}' END AS partner,
               f.speaker_side::VARCHAR AS side
        FROM facts AS f WHERE {clause}
    )
    SELECT date_trunc('week', day)::DATE AS week, scorer, dyad,
           CASE WHEN side = '{TURKEY}' THEN '{TURKEY}→' || partner
               ELSE partner || '→{TURKEY}' END AS direction,
           count(*) AS n, avg(score) AS mean, count(*) < ? AS thin
    FROM sided WHERE side = '{TURKEY}' OR side = partner
    GROUP BY ALL ORDER BY direction, week
    """
    return snap.query(sql, [*params, filters.min_n])


def _score_columns(filters: Filters, expr: str = "f.score") -> str:
    return ", ".join(
        f"avg({expr}) FILTER (WHERE f.scorer = '{s}') AS score_{s}" for s in _scorers(filters)
    )


def speakers(snap: Snapshot, filters: Filters, limit: int = SPEAKERS_LIMIT) -> pd.DataFrame:
    """The most frequent speakers: speaker, side, statements, mean score per scorer."""
    clause, params = where(filters)
    sql = f"""
    SELECT f.speaker, f.speaker_side::VARCHAR AS side,
           count(DISTINCT f.statement_id) AS statements, {_score_columns(filters)}
    FROM facts AS f WHERE {clause}
    GROUP BY ALL ORDER BY statements DESC, speaker LIMIT ?
    """
    return snap.query(sql, [*params, limit])


def histogram(snap: Snapshot, filters: Filters, bins: int = 10) -> pd.DataFrame:
    """Statements per month, relation, scorer and score bin (``bin_start`` .. +``2/bins``)."""
    clause, params = where(filters)
    width = 2.0 / bins
    sql = f"""
    SELECT date_trunc('month', f.{_axis(filters)})::DATE AS month, f.dyad::VARCHAR AS dyad,
           f.scorer,
           round(least(floor((f.score::DOUBLE + 1) / {width}), {bins - 1}) * {width} - 1, 6)
               AS bin_start,
           count(*) AS n
    FROM facts AS f WHERE {clause} GROUP BY ALL ORDER BY month, dyad, bin_start
    """
    frame = snap.query(sql, params)
    frame["bin_end"] = frame["bin_start"] + width
    return frame


def _statements_sql(
    filters: Filters, selection: Selection | None, *, limit: bool, offset: bool
) -> tuple[str, list]:
    """One row per matching statement × relation, ordered by date, then statement id.

    Rows come from the first compared scorer's facts (unique per statement × relation, so no
    grouping is needed before the LIMIT); the other scorer's score is looked up for those rows.
    """
    first, *others = _scorers(filters)
    clause, params = where(replace(filters, scorer=first), selection)
    axis = _axis(filters)
    page = (" LIMIT ?" if limit else "") + (" OFFSET ?" if offset else "")
    lookups = "".join(
        f", (SELECT g.score FROM facts AS g WHERE g.statement_id = r.statement_id "
        f"AND g.dyad = r.dyad AND g.scorer = '{other}')::DECIMAL(5, 3) AS score_{other}"
        for other in others
    )
    sql = f"""
    WITH rows AS (
        SELECT f.statement_id, f.dyad, f.{axis} AS date, f.speaker, f.speaker_side, f.score,
               f.source
        FROM facts AS f WHERE {clause}
        ORDER BY date, f.statement_id, f.dyad{page}
    )
    SELECT strftime(r.date, '%Y-%m-%d') AS date, r.speaker, r.speaker_side::VARCHAR AS side,
           r.dyad::VARCHAR AS dyad, r.score::DECIMAL(5, 3) AS score_{first}{lookups},
           r.source, t.text, r.statement_id
    FROM rows AS r JOIN texts AS t USING (statement_id)
    ORDER BY r.date, r.statement_id, r.dyad
    """
    return sql, params


@dataclass(frozen=True)
class Page:
    rows: pd.DataFrame
    total: int  # statement × relation rows matching, over all pages
    page: int  # 0-based, clamped to the last page
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))

    def caption(self, rows: str) -> str:
        """ "1,234 <rows>; page 2/50": what the table under it shows."""
        return f"{self.total:,} {rows}; page {self.page + 1}/{self.pages}"


def count_statements(snap: Snapshot, filters: Filters, selection: Selection | None = None) -> int:
    """Matching statement × relation rows (counted on the first compared scorer)."""
    clause, params = where(replace(filters, scorer=_scorers(filters)[0]), selection)
    return int(
        snap.query(f"SELECT count(*) AS n FROM facts AS f WHERE {clause}", params)["n"].iloc[0]
    )


def statement_page(
    snap: Snapshot,
    filters: Filters,
    selection: Selection | None = None,
    page: int = 0,
    page_size: int = PAGE_SIZE,
) -> Page:
    """One page of matching statements, sorted by date then id; ``page`` is clamped."""
    total = count_statements(snap, filters, selection)
    last = max(0, -(-total // page_size) - 1)
    page = min(max(page, 0), last)
    sql, params = _statements_sql(filters, selection, limit=True, offset=True)
    rows = snap.query(sql, [*params, page_size, page * page_size])
    return Page(rows, total, page, page_size)


def export_csv(
    snap: Snapshot, filters: Filters, selection: Selection | None = None, limit: int = EXPORT_LIMIT
) -> bytes:
    """The matching statements as UTF-8 CSV, at most ``limit`` rows, sorted by date."""
    sql, params = _statements_sql(filters, selection, limit=True, offset=False)
    frame = snap.query(sql, [*params, limit])
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False)
    return buffer.getvalue().encode("utf-8")


@dataclass(frozen=True)
class Overview:
    """What the snapshot holds, for the sidebar's choices and the empty states."""

    first: dt.date | None
    last: dt.date | None
    sources: tuple[str, ...]
    scorers: tuple[str, ...]
    rows: int

    def caption(self, statements: int) -> str:
        """One line over the timeline: how many statements, over which dates."""
        span = f" {self.first:%d %b %Y} – {self.last:%d %b %Y}" if self.first and self.last else ""
        return (
            f"{statements:,} statements published{span}. Each is scored for the relation it is "
            "about: −1 hostile, 0 neutral, +1 warm."
        )

    def nothing_scored(self, path: object, statements: int) -> str:
        """The message for a database none of whose statements is analysed and scored yet."""
        return (
            f"The database {path} has {statements} statements, none analysed and scored yet. "
            "Ingest articles with `tracker ingest FILES`, or build the demo with `tracker demo`."
        )


def overview(snap: Snapshot, date_axis: str = "refers_to") -> Overview:
    axis = _axis(Filters(date_axis=date_axis))
    bounds = snap.query(f"SELECT min({axis}) AS lo, max({axis}) AS hi, count(*) AS n FROM facts")
    sources = snap.query("SELECT DISTINCT source FROM facts ORDER BY source")["source"]
    scorers = snap.query("SELECT DISTINCT scorer FROM facts ORDER BY scorer")["scorer"]
    lo, hi, n = bounds.iloc[0]
    return Overview(
        first=None if pd.isna(lo) else pd.Timestamp(lo).date(),
        last=None if pd.isna(hi) else pd.Timestamp(hi).date(),
        sources=tuple(sources),
        scorers=tuple(scorers),
        rows=int(n),
    )


def key_events(snap: Snapshot) -> pd.DataFrame:
    """Key events stored in the database (may be empty): event_date, label, dyad, description."""
    return snap.query("SELECT * FROM events ORDER BY event_date")


def monthly_means(snap: Snapshot, filters: Filters) -> pd.DataFrame:
    """Mean score and statements per month, relation and scorer."""
    clause, params = where(filters)
    sql = f"""
    SELECT date_trunc('month', f.{_axis(filters)})::DATE AS month, f.dyad::VARCHAR AS dyad,
           f.scorer, count(*) AS n, avg(f.score) AS mean
    FROM facts AS f WHERE {clause} GROUP BY ALL ORDER BY scorer, dyad, month
    """
    return snap.query(sql, params)


@dataclass(frozen=True)
class Headline:
    """How a relation moved over the view: first and last month with enough statements."""

    dyad: str
    scorer: str
    first_month: dt.date
    first_mean: float
    last_month: dt.date
    last_mean: float

    @property
    def change(self) -> float:
        return self.last_mean - self.first_mean


@dataclass(frozen=True)
class Metric:
    """One headline number as the shell shows it: a label, the value, its change (all text)."""

    label: str
    value: str
    delta: str


def headline_metrics(monthly: pd.DataFrame, min_n: int) -> list[Metric]:
    """One :class:`Metric` per relation and scorer: the last solid month and its change."""
    return [
        Metric(
            f"{h.dyad} · {h.scorer} · {h.last_month:%b %Y}",
            f"{h.last_mean:+.2f}",
            f"{h.change:+.2f} since {h.first_month:%b %Y}",
        )
        for h in headlines(monthly, min_n)
    ]


def headlines(monthly: pd.DataFrame, min_n: int) -> list[Headline]:
    """One :class:`Headline` per relation and scorer that has a month with ``min_n`` statements."""
    out: list[Headline] = []
    solid = monthly[monthly["n"] >= min_n]
    for (dyad, scorer), group in solid.groupby(["dyad", "scorer"], sort=True):
        group = group.sort_values("month")
        first, last = group.iloc[0], group.iloc[-1]
        out.append(
            Headline(
                str(dyad),
                str(scorer),
                pd.Timestamp(first["month"]).date(),
                float(first["mean"]),
                pd.Timestamp(last["month"]).date(),
                float(last["mean"]),
            )
        )
    return out


def statement_choices(rows: pd.DataFrame) -> dict[int, str]:
    """statement_id -> a one-line label (date, speaker, start of text) for a page's rows."""
    out: dict[int, str] = {}
    for r in rows.itertuples(index=False):
        sid = int(r.statement_id)
        if sid not in out:
            text = str(r.text)
            short = text if len(text) <= 80 else text[:79] + "…"
            out[sid] = f"{pd.Timestamp(r.date):%d %b %Y} · {r.speaker} · {short}"
    return out
