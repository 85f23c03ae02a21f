"""Altair charts for the dashboard, built from the frames of :mod:`tracker.views.timeline`.

Colours are fixed per relation (:data:`DYAD_COLOURS`) and per direction, so a relation looks
the same in every chart and both names always appear in the legend. The timeline has a brush
(``brush_<scorer>``, an x interval) and a click selection (``pick_<scorer>`` on statement_id),
which :func:`tracker.views.state.selection_from_event` reads back. Key events come from the
database's ``key_events`` table or, when that is empty, from ``data/events.csv``; their labels
are stacked on rows so they do not overlap (see :mod:`tracker.views.chart_events`). Charts render as
SVG so their text is in the page.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Final, Literal

import altair as alt
import pandas as pd

from tracker.models import DYADS, RUSSIA, TURKEY, TURKEY_RUSSIA, TURKEY_WEST, WEST
from tracker.views.chart_events import key_events, label_levels, read_events_csv
from tracker.views.state import DATE_AXES, Filters

__all__ = [
    "direction_chart",
    "event_chart",
    "histogram_chart",
    "key_events",
    "label_levels",
    "read_events_csv",
    "timeline_chart",
    "to_image",
]

DYAD_COLOURS = {TURKEY_RUSSIA: "#c0392b", TURKEY_WEST: "#1f5fa8"}
DIRECTION_COLOURS = {
    f"{TURKEY}→{RUSSIA}": "#8e1b10",
    f"{RUSSIA}→{TURKEY}": "#f08a6c",
    f"{TURKEY}→{WEST}": "#123d73",
    f"{WEST}→{TURKEY}": "#7fb2e5",
}
PHASE_COLOURS = {
    "crisis": "#d7301f",
    "thaw": "#31a354",
    "post-coup": "#3182bd",
    "summit": "#756bb1",
}
# Quad classes in plain words, cooperation green, conflict red; verbal lighter than material.
QUAD_COLOURS = {
    "verbal cooperation": "#a1d99b",
    "material cooperation": "#31a354",
    "verbal conflict": "#fdae6b",
    "material conflict": "#d7301f",
}
INTENSITY_TITLE = "mean event intensity (Goldstein, −10…+10)"
KINDS_TITLE = "events by kind"
WIDTH = 780
HEIGHT = 340
COUNTS_HEIGHT = 70
LABEL_ROW_PX = 14


# The reference story's phases as consecutive periods (the chart clips them to its range).
PHASES = (
    ("Crisis", "crisis", dt.date(2015, 11, 24), dt.date(2016, 6, 27)),
    ("Thaw", "thaw", dt.date(2016, 6, 27), dt.date(2016, 7, 15)),
    ("Post-coup", "post-coup", dt.date(2016, 7, 15), dt.date(2016, 8, 9)),
    ("Summit", "summit", dt.date(2016, 8, 9), dt.date(2016, 8, 31)),
)

_dyad_scale = alt.Scale(domain=list(DYADS), range=[DYAD_COLOURS[d] for d in DYADS])
# Missing values break a line; Vega-Lite 6 draws a null-invalid value at zero.
_BREAK: Final = "break-paths-filter-domains"
_SVG = {"embedOptions": {"renderer": "svg", "actions": False}}
_LEGEND = alt.Legend(
    orient="top", symbolOpacity=1, symbolSize=120, labelFontSize=13, titleFontSize=12
)


def _x(filters: Filters, field: str = "day", title: bool = True) -> alt.X:
    return alt.X(
        f"{field}:T",
        title=DATE_AXES[filters.date_axis].capitalize() if title else None,
        scale=alt.Scale(domain=[filters.start.isoformat(), filters.end.isoformat()]),
        axis=alt.Axis(format="%b %Y", labelAngle=0, tickCount="month", grid=False),
    )


def _phases(filters: Filters) -> alt.LayerChart:
    rows = [
        {
            "phase": name,
            "kind": kind,
            "start": pd.Timestamp(max(a, filters.start)),
            "end": pd.Timestamp(min(b, filters.end)),
        }
        for name, kind, a, b in PHASES
        if a < filters.end and b > filters.start
    ]
    data = pd.DataFrame(rows, columns=["phase", "kind", "start", "end"])
    fill = alt.Scale(domain=list(PHASE_COLOURS), range=list(PHASE_COLOURS.values()))
    band = (
        alt.Chart(data)
        .mark_rect(opacity=0.05)
        .encode(
            x=_x(filters, "start"), x2="end:T", fill=alt.Fill("kind:N", scale=fill, legend=None)
        )
    )
    names = (
        alt.Chart(data)
        .mark_text(
            align="left",
            baseline="bottom",
            dx=4,
            dy=-4,
            fontSize=12,
            fontStyle="italic",
            color="#444",
        )
        .encode(x=_x(filters, "start"), y=alt.value(HEIGHT), text="phase:N")
    )
    return band + names


def _events(events: pd.DataFrame | None, filters: Filters, width: int) -> list[alt.Chart]:
    if events is None or events.empty:
        return []
    placed = label_levels(events, filters.start, filters.end, width)
    if placed.empty:
        return []
    placed = placed.assign(
        label_y=4 + placed["level"] * LABEL_ROW_PX,
        colour=[DYAD_COLOURS.get(d, "#555555") for d in placed["dyad"]],
    )
    rules = (
        alt.Chart(placed)
        .mark_rule(strokeDash=[4, 3], strokeWidth=1.2, opacity=0.8)
        .encode(
            x=_x(filters, "event_date"),
            color=alt.Color("colour:N", scale=None),
            tooltip=[
                alt.Tooltip("event_date:T", title="date", format="%d %b %Y"),
                alt.Tooltip("label:N", title="event"),
                alt.Tooltip("description:N"),
            ],
        )
    )
    layers: list[alt.Chart] = [rules]
    sides: tuple[tuple[Literal["left", "right"], int], ...] = (("left", 3), ("right", -3))
    for align, dx in sides:
        layers.append(
            alt.Chart(placed[(placed["align"] == align) & (placed["level"] >= 0)])
            .mark_text(align=align, baseline="top", dx=dx, fontSize=11, fontWeight="bold")
            .encode(
                x=_x(filters, "event_date"),
                y=alt.Y("label_y:Q", scale=None),
                text="label:N",
                color=alt.Color("colour:N", scale=None),
            )
        )
    return layers


def _panel(
    daily: pd.DataFrame,
    points: pd.DataFrame,
    counts: pd.DataFrame,
    events: pd.DataFrame | None,
    filters: Filters,
    scorer: str,
    width: int,
) -> alt.VConcatChart:
    daily = daily[(daily["scorer"] == scorer) & (daily["n_window"] > 0)].copy()
    daily["solid"] = daily["mean"].where(~daily["thin"].astype(bool))
    points = points[points["scorer"] == scorer]
    counts = counts[counts["scorer"] == scorer]
    # One legend definition on every layer: Vega-Lite merges them, a None would drop it.
    colour = keyed = alt.Color("dyad:N", scale=_dyad_scale, title="Relation", legend=_LEGEND)
    y_scale = alt.Scale(domain=[-1, 1])
    y_title = "Score (−1 hostile … +1 warm)"
    brush = alt.selection_interval(name=f"brush_{scorer}", encodings=["x"])
    pick = alt.selection_point(name=f"pick_{scorer}", fields=["statement_id"], on="click")
    base = alt.Chart(daily).encode(x=_x(filters))
    dots = (
        alt.Chart(points)
        .mark_circle(size=14, opacity=0.25)
        .encode(
            x=_x(filters),
            y=alt.Y("score:Q", scale=y_scale, title=y_title),
            color=colour,
            tooltip=[
                alt.Tooltip("day:T", title="date", format="%d %b %Y"),
                alt.Tooltip("dyad:N", title="relation"),
                "speaker:N",
                alt.Tooltip("score:Q", format="+.2f"),
            ],
        )
        .add_params(brush, pick)
    )
    band = base.mark_area(opacity=0.16, invalid=_BREAK).encode(
        y=alt.Y("lo:Q", scale=y_scale, title=y_title), y2="hi:Q", color=colour
    )
    thin = base.mark_line(strokeDash=[2, 3], strokeWidth=1.5, opacity=0.7).encode(
        y=alt.Y("mean:Q", scale=y_scale), color=colour
    )
    solid = base.mark_line(strokeWidth=2.8, invalid=_BREAK).encode(
        y=alt.Y("solid:Q", scale=y_scale),
        color=keyed,
        tooltip=[
            alt.Tooltip("day:T", title="date", format="%d %b %Y"),
            alt.Tooltip("dyad:N", title="relation"),
            alt.Tooltip("mean:Q", title=f"{filters.window}-day mean", format="+.2f"),
            alt.Tooltip("n_window:Q", title="statements in window"),
        ],
    )
    zero = (
        alt.Chart(pd.DataFrame({"y": [0.0]}))
        .mark_rule(color="#999", strokeWidth=0.8)
        .encode(y="y:Q")
    )
    main = alt.layer(
        _phases(filters), zero, dots, band, thin, solid, *_events(events, filters, width)
    ).properties(width=width, height=HEIGHT)
    bars = (
        alt.Chart(counts)
        .mark_bar(opacity=0.85)
        .encode(
            x=_x(filters, "week"),
            y=alt.Y("n:Q", title="Statements / week", axis=alt.Axis(tickCount=3)),
            color=colour,
            opacity=alt.condition("datum.thin", alt.value(0.35), alt.value(0.85)),
            tooltip=[
                alt.Tooltip("week:T", title="week of", format="%d %b %Y"),
                alt.Tooltip("dyad:N", title="relation"),
                alt.Tooltip("n:Q", title="statements"),
            ],
        )
        .properties(width=width, height=COUNTS_HEIGHT)
    )
    panel = alt.vconcat(main, bars, spacing=6)
    if len(filters.scorers) > 1:
        panel = panel.properties(title=alt.TitleParams(f"{scorer} scorer", anchor="middle"))
    return panel


def timeline_chart(
    daily: pd.DataFrame,
    points: pd.DataFrame,
    counts: pd.DataFrame,
    events: pd.DataFrame | None,
    filters: Filters,
    width: int = WIDTH,
) -> alt.VConcatChart | alt.HConcatChart:
    """The main view: points, smoothed lines with bands, events, phases, weekly counts.

    With both scorers the panels stand side by side, each ``width / 2`` wide.
    """
    scorers = filters.scorers
    panel_width = width if len(scorers) == 1 else width // 2 - 20
    panels = [_panel(daily, points, counts, events, filters, s, panel_width) for s in scorers]
    chart = panels[0] if len(panels) == 1 else alt.hconcat(*panels, spacing=24)
    subtitle = [
        "Each dot is one statement, scored from −1 (hostile) to +1 (warm).",
        f"Lines: {filters.window}-day average with its 95% band; dotted where fewer than "
        f"{filters.min_n} statements. Drag across the chart to list the statements below.",
    ]
    return chart.properties(
        title=alt.TitleParams(
            "How warm are Turkey's relations with Russia and the West?",
            subtitle=subtitle,
            anchor="start",
            fontSize=16,
            subtitleFontSize=12,
        ),
        usermeta=_SVG,
    ).configure_view(stroke=None)


def direction_chart(
    frame: pd.DataFrame, filters: Filters, width: int = WIDTH
) -> alt.LayerChart | alt.HConcatChart:
    """Weekly mean by who speaks (Turkey→Russia, Russia→Turkey, ...); thin weeks faded."""
    domain = list(DIRECTION_COLOURS)
    colour = alt.Color(
        "direction:N",
        title="Who speaks about whom",
        scale=alt.Scale(domain=domain, range=list(DIRECTION_COLOURS.values())),
        legend=alt.Legend(orient="top"),
    )
    y = alt.Y("mean:Q", scale=alt.Scale(domain=[-1, 1]), title="Weekly mean score")
    base = alt.Chart(frame).encode(x=_x(filters, "week"), y=y, color=colour)
    panels = []
    for scorer in filters.scorers:
        part = base.transform_filter(alt.datum.scorer == scorer)
        lines = part.mark_line(strokeWidth=2)
        dots = part.mark_circle().encode(
            size=alt.Size("n:Q", title="statements", legend=None),
            opacity=alt.condition("datum.thin", alt.value(0.25), alt.value(0.9)),
            tooltip=[
                alt.Tooltip("week:T", title="week of", format="%d %b %Y"),
                "direction:N",
                alt.Tooltip("mean:Q", format="+.2f"),
                alt.Tooltip("n:Q", title="statements"),
            ],
        )
        title = f"{scorer} scorer" if len(filters.scorers) > 1 else ""
        w = width if len(filters.scorers) == 1 else width // 2 - 20
        panels.append((lines + dots).properties(width=w, height=HEIGHT - 60, title=title))
    chart = panels[0] if len(panels) == 1 else alt.hconcat(*panels)
    return chart.properties(
        title=alt.TitleParams(
            "Direction: how each side speaks about the other",
            subtitle="Turkish speakers on Russia or the West, and Russian or Western speakers "
            "on Turkey; faded dots are weeks with few statements.",
            anchor="start",
        ),
        usermeta=_SVG,
    ).configure_view(stroke=None)


def histogram_chart(frame: pd.DataFrame, filters: Filters) -> alt.VConcatChart:
    """Score distribution per month, one heat strip per relation (and scorer).

    Each cell is the share of that month's statements in a score bin, so a split month shows
    two dark cells where a mean would show one grey middle.
    """
    data = frame.copy()
    if not data.empty:
        totals = data.groupby(["month", "dyad", "scorer"])["n"].transform("sum")
        data["share"] = data["n"] / totals
    data["bin"] = data["bin_start"].map(lambda b: f"{b:+.1f} … {b + 0.2:+.1f}")
    bins = [f"{b / 10:+.1f} … {b / 10 + 0.2:+.1f}" for b in range(8, -12, -2)]
    strips = []
    for dyad in filters.dyads:
        for scorer in filters.scorers:
            part = data[(data["dyad"] == dyad) & (data["scorer"] == scorer)]
            scheme: Literal["reds", "blues"] = "reds" if dyad == DYADS[0] else "blues"
            title = dyad if len(filters.scorers) == 1 else f"{dyad} · {scorer} scorer"
            strip = (
                alt.Chart(part, title=alt.TitleParams(title, color=DYAD_COLOURS[dyad]))
                .mark_rect()
                .encode(
                    x=alt.X("month:O", timeUnit="yearmonth", title=None,
                            axis=alt.Axis(format="%b %Y", labelAngle=0)),
                    y=alt.Y("bin:O", sort=bins, scale=alt.Scale(domain=bins), title="score"),
                    color=alt.Color("share:Q", scale=alt.Scale(scheme=scheme, domain=[0, 0.5]),
                                    legend=alt.Legend(format="%", title="share of month")),
                    tooltip=[
                        alt.Tooltip("month:T", format="%b %Y"),
                        alt.Tooltip("bin:N", title="score"),
                        alt.Tooltip("n:Q", title="statements"),
                        alt.Tooltip("share:Q", format=".0%"),
                    ],
                )
                .properties(width=WIDTH - 120, height=170)
            )  # fmt: skip
            strips.append(strip)
    chart = alt.vconcat(*strips, spacing=18).resolve_scale(color="independent")
    return chart.properties(
        title=alt.TitleParams(
            "Score distribution per month",
            subtitle="Darker cells hold a larger share of the month's statements; "
            "a mean near zero can hide a split between warm and hostile.",
            anchor="start",
        ),
        usermeta=_SVG,
    )


def event_chart(
    frame: pd.DataFrame, filters: Filters, period: str = "week", width: int = WIDTH
) -> alt.VConcatChart:
    """The event-data measures per period: mean Goldstein intensity, then events by kind.

    ``frame`` is :func:`tracker.views.event_measures.event_periods`. The top panel draws the
    mean intensity of each relation's coded events per period (dot size: how many events); a
    click on a dot picks that period (selection ``period_events``, read by
    :func:`tracker.views.state.selection_from_event`). Below, one stacked bar chart per
    relation counts the events of each quad class.
    """
    quads = list(QUAD_COLOURS)
    data = frame.copy()
    colour = alt.Color("dyad:N", scale=_dyad_scale, title="Relation", legend=_LEGEND)
    x = _x(filters, "period")
    pick = alt.selection_point(name="period_events", fields=["period", "period_end"], on="click")
    y = alt.Y("mean_goldstein:Q", scale=alt.Scale(domain=[-10, 10]), title=INTENSITY_TITLE)
    tooltip = [
        alt.Tooltip("period:T", title=f"{period} of", format="%d %b %Y"),
        alt.Tooltip("dyad:N", title="relation"),
        alt.Tooltip("mean_goldstein:Q", title="mean intensity", format="+.1f"),
        alt.Tooltip("n_events:Q", title="events"),
        *(alt.Tooltip(f"{q.replace(' ', '_')}:Q", title=q) for q in quads),
    ]
    base = alt.Chart(data).encode(x=x, y=y, color=colour)
    lines = base.mark_line(strokeWidth=2, opacity=0.6)
    dots = (
        base.mark_circle(opacity=0.9)
        .encode(size=alt.Size("n_events:Q", title="events", legend=None), tooltip=tooltip)
        .add_params(pick)
    )
    zero = (
        alt.Chart(pd.DataFrame({"y": [0.0]}))
        .mark_rule(color="#999", strokeWidth=0.8)
        .encode(y="y:Q")
    )
    top = alt.layer(_phases(filters), zero, lines, dots).properties(width=width, height=HEIGHT - 80)
    long = data.melt(
        id_vars=["period", "dyad"],
        value_vars=[q.replace(" ", "_") for q in quads],
        var_name="column",
        value_name="events",
    )
    long["kind"] = long["column"].str.replace("_", " ")
    strips = []
    for k, dyad in enumerate(filters.dyads):
        kind = alt.Color(
            "kind:N",
            title="Kind of event",
            scale=alt.Scale(domain=quads, range=list(QUAD_COLOURS.values())),
            sort=quads,
            legend=alt.Legend(orient="top") if k == 0 else None,  # one legend for the strips
        )
        part = long[(long["dyad"] == dyad) & (long["events"] > 0)]
        strips.append(
            alt.Chart(
                part, title=alt.TitleParams(f"{dyad}: {KINDS_TITLE}", color=DYAD_COLOURS[dyad])
            )
            .mark_bar()
            .encode(
                x=_x(filters, "period", title=False),
                y=alt.Y("sum(events):Q", title=KINDS_TITLE, axis=alt.Axis(tickCount=3)),
                color=kind,
                order=alt.Order("kind_order:Q"),
                tooltip=[
                    alt.Tooltip("period:T", title=f"{period} of", format="%d %b %Y"),
                    alt.Tooltip("kind:N", title="kind"),
                    alt.Tooltip("events:Q"),
                ],
            )
            .transform_calculate(kind_order=f"indexof({quads!r}, datum.kind)")
            .properties(width=width, height=COUNTS_HEIGHT + 40)
        )
    chart = alt.vconcat(top, *strips, spacing=14).resolve_scale(color="independent")
    return chart.properties(
        title=alt.TitleParams(
            "Events between the sides, as event-data coders count them",
            subtitle=[
                f"Acts the statements report (CAMEO categories), per {period}: their mean "
                "intensity on the Goldstein scale (−10 hostile … +10 cooperative) and how many "
                "of each kind.",
                "Coded by the diplomacy profile. Click a dot to list the statements behind it.",
            ],
            anchor="start",
        ),
        usermeta=_SVG,
    ).configure_view(stroke=None)


def to_image(chart: alt.TopLevelMixin, fmt: str) -> bytes:
    """The chart as ``png`` or ``svg`` bytes (rendered by vl-convert, no browser)."""
    if fmt == "png":
        png = io.BytesIO()
        chart.save(png, format="png", scale_factor=2)
        return png.getvalue()
    if fmt == "svg":
        svg = io.StringIO()
        chart.save(svg, format="svg")
        return svg.getvalue().encode("utf-8")
    raise ValueError(f"unknown image format {fmt!r}; use png or svg")
