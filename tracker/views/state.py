"""The dashboard's filter and chart selection as values, and their URL form.

:class:`Filters` is what the sidebar controls set; :class:`Selection` is what a brush or a click
on the timeline picked. Both round-trip through URL query parameters
(:func:`to_query_params` / :func:`from_query_params`) so a view can be shared as a link;
values that do not parse fall back to the defaults and are reported, never raised. The widget
keys and their values live here too, so the Streamlit shell only wires widgets to keys. Pure
Python: no Streamlit, no database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

from tracker.models import DYADS
from tracker.models import SPEAKER_SIDES as SIDES
from tracker.scoring.vader import PROFILES as SCORERS

SCORER_CHOICES = (*SCORERS, "both")
WINDOWS = (7, 14, 30)
DATE_AXES = {"refers_to": "date referred to", "published": "publication date"}
DEFAULT_START = dt.date(2015, 11, 1)
DEFAULT_END = dt.date(2016, 8, 31)
MAX_MIN_N = 100
MAX_SEARCH = 200
COPIES_HELP = (
    "Off: a remark carried by several outlets counts once. On: every outlet's copy counts."
)


@dataclass(frozen=True)
class Filters:
    """The sidebar's choices. Empty ``sides`` / ``sources`` mean all of them."""

    dyads: tuple[str, ...] = DYADS
    start: dt.date = DEFAULT_START
    end: dt.date = DEFAULT_END
    scorer: str = "diplomacy"
    sides: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    search: str = ""
    min_n: int = 5
    window: int = 14
    date_axis: str = "refers_to"
    copies: bool = False  # count every syndicated copy, not each cluster once

    @property
    def scorers(self) -> tuple[str, ...]:
        return SCORERS if self.scorer == "both" else (self.scorer,)


@dataclass(frozen=True)
class Selection:
    """Part of the timeline picked on the chart: a date interval, or one statement."""

    start: dt.date | None = None
    end: dt.date | None = None
    statement_id: int | None = None

    @property
    def empty(self) -> bool:
        return self.start is None and self.statement_id is None

    def describe(self) -> str:
        if self.statement_id is not None:
            return f"statement {self.statement_id}"
        if self.start is not None:
            return f"{self.start:%d %b %Y} – {(self.end or self.start):%d %b %Y}"
        return "nothing"

    def heading(self) -> str:
        """The statement table's heading: what it lists."""
        return "Statements" + ("" if self.empty else f" in the selection ({self.describe()})")


# URL parameter names, short so links stay readable.
_PARAMS = {
    "dyads": "rel",
    "start": "from",
    "end": "to",
    "scorer": "scorer",
    "sides": "side",
    "sources": "source",
    "search": "q",
    "min_n": "min",
    "window": "window",
    "date_axis": "axis",
    "copies": "copies",
}
_SELECTION_PARAMS = {"start": "sel_from", "end": "sel_to", "statement_id": "stmt"}


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, list | tuple):
        return ",".join(str(v) for v in value)
    return str(value)


def to_query_params(filters: Filters, selection: Selection | None = None) -> dict[str, str]:
    """The URL query parameters for a view; defaults are left out."""
    default = Filters()
    out: dict[str, str] = {}
    for f in fields(Filters):
        value = getattr(filters, f.name)
        if value != getattr(default, f.name):
            out[_PARAMS[f.name]] = value.isoformat() if isinstance(value, dt.date) else _text(value)
    if selection is not None:
        for name, key in _SELECTION_PARAMS.items():
            value = getattr(selection, name)
            if value is not None:
                out[key] = value.isoformat() if isinstance(value, dt.date) else str(value)
    return out


@dataclass(frozen=True)
class ParsedParams:
    filters: Filters
    selection: Selection
    ignored: tuple[str, ...] = field(default=())  # parameters that did not parse, with why


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text.strip())


def _choices(text: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
    picked = tuple(v.strip() for v in text.split(",") if v.strip())
    bad = [v for v in picked if v not in allowed]
    if bad:
        raise ValueError(f"unknown value {bad[0]!r}")
    return tuple(v for v in allowed if v in picked)


def _one_of(allowed: tuple[str, ...]) -> Any:
    def parse(text: str) -> str:
        if text not in allowed:
            raise ValueError(f"expected one of {', '.join(allowed)}")
        return text

    return parse


def _int_in(low: int, high: int, allowed: tuple[int, ...] = ()) -> Any:
    def parse(text: str) -> int:
        value = int(text)
        if allowed and value not in allowed or not low <= value <= high:
            raise ValueError(f"out of range {low}..{high}")
        return value

    return parse


def _flag(text: str) -> bool:
    if text not in ("0", "1"):
        raise ValueError("expected 0 or 1")
    return text == "1"


_PARSERS: dict[str, Any] = {
    "dyads": lambda t: _choices(t, DYADS) or DYADS,
    "start": _date,
    "end": _date,
    "scorer": _one_of(SCORER_CHOICES),
    "sides": lambda t: _choices(t, SIDES),
    "sources": lambda t: tuple(v.strip() for v in t.split(",") if v.strip()),
    "search": lambda t: t[:MAX_SEARCH],
    "min_n": _int_in(1, MAX_MIN_N),
    "window": _int_in(min(WINDOWS), max(WINDOWS), WINDOWS),
    "date_axis": _one_of(tuple(DATE_AXES)),
    "copies": _flag,
}


def from_query_params(params: Mapping[str, Any]) -> ParsedParams:
    """Filters and selection from URL query parameters; bad values fall back to defaults."""
    values: dict[str, Any] = {}
    ignored: list[str] = []
    for name, key in _PARAMS.items():
        if key not in params:
            continue
        try:
            values[name] = _PARSERS[name](_text(params[key]))
        except ValueError as exc:
            ignored.append(f"{key}={_text(params[key])!r} ({exc})")
    filters = Filters(**values)
    if filters.end < filters.start:
        ignored.append("from/to (the end is before the start)")
        filters = replace(filters, start=Filters().start, end=Filters().end)
    sel: dict[str, Any] = {}
    for name, key in _SELECTION_PARAMS.items():
        if key in params:
            try:
                text = _text(params[key])
                sel[name] = int(text) if name == "statement_id" else _date(text)
            except ValueError:
                ignored.append(f"{key}={_text(params[key])!r} (not a valid value)")
    if "start" in sel and "end" not in sel:
        sel["end"] = sel["start"]
    if "end" in sel and "start" not in sel:
        sel.pop("end")
    return ParsedParams(filters, Selection(**sel), tuple(ignored))


# Sidebar widget keys, in the order the sidebar shows them.
WIDGET_KEYS = (
    "rel", "dates", "scorer", "sides", "sources", "q", "min_n", "window", "axis", "copies"
)  # fmt: skip


def widget_values(filters: Filters) -> dict[str, Any]:
    """The initial value of each sidebar widget for ``filters``."""
    return {
        "rel": list(filters.dyads),
        "dates": (filters.start, filters.end),
        "scorer": filters.scorer,
        "sides": list(filters.sides),
        "sources": list(filters.sources),
        "q": filters.search,
        "min_n": filters.min_n,
        "window": filters.window,
        "axis": filters.date_axis,
        "copies": filters.copies,
    }


def filters_from_widgets(values: Mapping[str, Any], previous: Filters) -> Filters:
    """Filters from the widgets' current values; a half-picked date range keeps ``previous``."""
    dates = values.get("dates") or (previous.start, previous.end)
    start, end = (dates[0], dates[1]) if len(dates) == 2 else (previous.start, previous.end)
    dyads = tuple(d for d in DYADS if d in (values.get("rel") or ()))
    return Filters(
        dyads=dyads or DYADS,
        start=start,
        end=end,
        scorer=values.get("scorer") or previous.scorer,
        sides=tuple(s for s in SIDES if s in (values.get("sides") or ())),
        sources=tuple(sorted(values.get("sources") or ())),
        search=str(values.get("q") or "").strip()[:MAX_SEARCH],
        min_n=int(values.get("min_n") or previous.min_n),
        window=int(values.get("window") or previous.window),
        date_axis=values.get("axis") or previous.date_axis,
        copies=bool(values.get("copies", previous.copies)),
    )


def selection_from_event(event: Any) -> Selection:
    """The selection in a Streamlit chart event (``st.altair_chart(..., on_select="rerun")``).

    Brushes are named ``brush_<scorer>`` and clicks ``pick_<scorer>`` by
    :mod:`tracker.views.charts`, a click on a period of the event chart ``period_events``
    (fields ``period`` and ``period_end``); dates arrive as epoch milliseconds or ISO strings.
    """
    state = event.get("selection", {}) if isinstance(event, Mapping) else {}
    if not isinstance(state, Mapping):
        return Selection()
    for name, value in state.items():
        if name.startswith("pick") and isinstance(value, list) and value:
            picked = value[0].get("statement_id") if isinstance(value[0], Mapping) else None
            if picked is not None:
                return Selection(statement_id=int(picked))
    for name, value in state.items():
        if name.startswith("period") and isinstance(value, list) and value:
            chosen = value[0] if isinstance(value[0], Mapping) else {}
            if chosen.get("period") is not None:
                begins = _as_date(chosen["period"])
                ends = _as_date(chosen["period_end"]) if chosen.get("period_end") else begins
                return Selection(start=begins, end=ends)
    for name, value in state.items():
        if name.startswith("brush") and isinstance(value, Mapping) and value:
            bounds = next(iter(value.values()))
            if isinstance(bounds, list | tuple) and len(bounds) == 2:
                first, last = sorted(_as_date(b) for b in bounds)
                return Selection(start=first, end=last)
    return Selection()


def current_selection(event: Any, shared: ParsedParams | None, filters: Filters) -> Selection:
    """The chart's selection; without one, a shared link's selection while its filters hold."""
    selection = selection_from_event(event)
    if selection.empty and shared is not None and shared.filters == filters:
        return shared.selection
    return selection


def _as_date(value: Any) -> dt.date:
    if isinstance(value, int | float):
        return dt.datetime.fromtimestamp(value / 1000, tz=dt.UTC).date()
    return dt.date.fromisoformat(str(value)[:10])
