"""Streamlit shell: `streamlit run dashboard.py`. Queries, charts and state live in `tracker`;
data comes from a snapshot cached per database stamp (tracker.views.snapshot).

The shell calls typed functions of tracker.views by reference (no names looked up as strings),
draws the typed blocks a view returns (tracker.views.blocks) and holds no SQL. Streamlit's
"magic" is off (.streamlit/config.toml) and no statement here is a bare expression
(tests/test_dashboard_shell.py): only explicit calls draw.
"""

from collections.abc import Callable
from functools import partial
from pathlib import Path
from types import FunctionType
from typing import Any, Concatenate, ParamSpec, TypeVar, assert_never, cast

import streamlit as st

from tracker import demo
from tracker.errors import DatabaseLocked, TrackerError
from tracker.models import TURKEY_RUSSIA, TURKEY_WEST
from tracker.paths import default_db_path, events_path
from tracker.progress import Tally
from tracker.views import charts, drilldown, snapshot
from tracker.views import event_measures as em
from tracker.views import runs as runs_queries
from tracker.views import state as ds
from tracker.views import timeline as tq
from tracker.views.blocks import Block, Heading, Markup, Note, Paragraph, Table
from tracker.views.downloads import downloads

P = ParamSpec("P")
T = TypeVar("T")
TITLE = f"{TURKEY_RUSSIA} & {TURKEY_WEST} relations tracker"
# Cache keys: a query by its qualified name (stable across reruns and sessions), a snapshot by
# its database stamp (a rescoring makes a new stamp, so nothing stale is served).
HASH_FUNCS: dict[str | type, Callable[[Any], object]] = {
    FunctionType: lambda fn: f"{fn.__module__}.{fn.__qualname__}",
    snapshot.Snapshot: lambda snap: snap.key,
}
st.set_page_config(page_title=TITLE, layout="wide")


@st.cache_resource(ttl=3600, max_entries=2, show_spinner="Loading the statements…")
def load_snapshot(path: str, stamp: tuple) -> snapshot.Snapshot:
    return snapshot.Snapshot.load(Path(path))


@st.cache_data(ttl=600, max_entries=512, show_spinner=False, hash_funcs=HASH_FUNCS)
def _cached_query(query: Callable, snap: snapshot.Snapshot, *args: Any, **kwargs: Any) -> object:
    return query(snap, *args, **kwargs)


def q(
    query: Callable[Concatenate[snapshot.Snapshot, P], T],
    snap: snapshot.Snapshot,
    *args: P.args,
    **kwargs: P.kwargs,
) -> T:
    """query(snap, ...), cached per query, snapshot and arguments."""
    return cast(T, _cached_query(query, snap, *args, **kwargs))


@st.cache_data(ttl=600, max_entries=128, show_spinner=False, hash_funcs=HASH_FUNCS)
def _cached_read(
    read: Callable, path: Path, snap: snapshot.Snapshot, *args: Any, **kwargs: Any
) -> object:
    return read(path, *args, **kwargs)


def from_file(
    read: Callable[Concatenate[Path, P], T],
    path: Path,
    snap: snapshot.Snapshot,
    *args: P.args,
    **kwargs: P.kwargs,
) -> T:
    """read(path, ...) on the database file, cached until the snapshot (its stamp) changes."""
    return cast(T, _cached_read(read, path, snap, *args, **kwargs))


def guarded(slot: str, read: Callable[[], T]) -> T:
    """read(), remembered; while the database is being written, the remembered value."""
    try:
        st.session_state[slot] = read()
    except DatabaseLocked:
        st.session_state["locked"] = True
        if slot not in st.session_state:
            st.info("The database is being updated; this view appears once the update is done.")
            st.stop()
    return st.session_state[slot]


def draw(blocks: list[Block]) -> None:
    """Each block as its one Streamlit element (tracker.views.blocks)."""
    for block in blocks:
        match block:
            case Heading(text):
                st.subheader(text)
            case Paragraph(markdown):
                st.markdown(markdown)
            case Note(markdown):
                st.caption(markdown)
            case Markup(html):
                st.html(html)
            case Table(frame):
                st.dataframe(frame)
            case _:
                assert_never(block)


def show_statement(statement_id: int) -> None:
    """The drill-down of one statement: its context, scores and why it scored so."""
    read_detail = partial(from_file, drilldown.statement_detail, path, snap, statement_id)
    detail = guarded(f"detail_{statement_id}", read_detail)
    if detail is None:
        st.warning(f"Statement {statement_id} is not in the database (any more).")
    else:
        draw(drilldown.blocks(detail))


def page_of(key: str, view: object) -> int:
    """The 0-based page the table under ``key`` shows: the first one again when the view (the
    filters and the selection) changed since the last run."""
    if st.session_state.get(f"{key}view") != view:
        st.session_state.update({f"{key}view": view, f"{key}page": 1})
    return int(st.session_state[f"{key}page"]) - 1


def paged_statements(
    page: tq.Page, rows: str, key: str, label: str, widths: list[int]
) -> tuple[int | None, list]:
    """A page of statements with its page number and a picker: the statement picked (or None)
    and the row of columns under the table (the first two hold the page number and picker)."""
    st.caption(page.caption(rows))
    st.dataframe(page.rows, hide_index=True, key=f"{key}table")
    columns = st.columns(widths)
    st.session_state[f"{key}page"] = min(st.session_state[f"{key}page"], page.pages)
    columns[0].number_input("Page", 1, page.pages, key=f"{key}page")
    choices = tq.statement_choices(page.rows)
    picked = columns[1].selectbox(
        label, list(choices), None, lambda sid: choices[sid], f"{key}statement"
    )
    return picked, columns


def build_demo(path: Path) -> None:
    with st.status("No database yet: building the demo database…", expanded=True) as status:
        bar = st.progress(0.0)

        def show(t: Tally) -> None:
            bar.progress(t.fraction or 0.0, text=f"{t.done} of {t.total} {t.unit}")

        try:
            step = Tally(show)
            demo.ensure_demo(path, progress=step)
        except Exception as exc:  # the page explains what to do, never shows a traceback
            status.update(label="The demo database could not be built", state="error")
            st.error(f"{exc} Build it with `tracker demo`, or set TRACKER_DB to a database.")
            st.stop()
        status.update(label=f"Demo database built at {path}", state="complete", expanded=False)


st.title(TITLE)
path = default_db_path()
if not path.exists():
    build_demo(path)
try:
    snap = guarded("snapshot", partial(load_snapshot, str(path), snapshot.stamp(path)))
except TrackerError as exc:
    st.error(exc.message)
    st.stop()
if st.session_state.pop("locked", False):
    st.warning("The database is being updated by another process: showing the last data.")
overview = q(tq.overview, snap, "published")  # the caption: what the corpus covers
if overview.rows == 0:
    st.info(overview.nothing_scored(path, snap.info.statements))
    st.stop()

if "rel" not in st.session_state:  # the session's first run starts from the URL
    parsed = ds.from_query_params(st.query_params.to_dict())
    st.session_state.update(ds.widget_values(parsed.filters), url_view=parsed)
    if parsed.ignored:
        st.toast("Ignored link parameters: " + "; ".join(parsed.ignored))
with st.sidebar:
    st.header("Filters")
    st.multiselect("Relations", ds.DYADS, key="rel")
    st.date_input("Date range", key="dates")
    st.radio("Date axis", list(ds.DATE_AXES), format_func=ds.DATE_AXES.get, key="axis")
    st.radio("Scorer profile", ds.SCORER_CHOICES, key="scorer", horizontal=True)
    st.multiselect("Speaker side", ds.SIDES, key="sides", placeholder="All sides")
    st.multiselect("Source", overview.sources, key="sources", placeholder="All sources")
    st.text_input("Text search", key="q", placeholder="e.g. sanctions", max_chars=ds.MAX_SEARCH)
    st.number_input("Minimum statements per period", 1, ds.MAX_MIN_N, key="min_n")
    st.select_slider("Smoothing window (days)", ds.WINDOWS, key="window")
    st.toggle("Count syndicated copies", key="copies", help=ds.COPIES_HELP)
widgets = {k: st.session_state.get(k) for k in ds.WIDGET_KEYS}
filters = ds.filters_from_widgets(widgets, ds.Filters())
st.caption(overview.caption(snap.info.statements))

daily = q(tq.daily_timeline, snap, filters)
if daily.empty:
    st.warning("No statements match these filters. Widen the date range or clear the search.")
    st.stop()
metrics = tq.headline_metrics(q(tq.monthly_means, snap, filters), filters.min_n)
for col, metric in zip(st.columns(max(1, len(metrics))), metrics, strict=False):
    col.metric(metric.label, metric.value, metric.delta)
events = charts.key_events(q(tq.key_events, snap), events_path())
points, counts = q(tq.sample_points, snap, filters), q(tq.weekly_counts, snap, filters)
chart = charts.timeline_chart(daily, points, counts, events, filters)
tabs = st.tabs(["Timeline", "Events", "Direction & speakers", "Distribution", "Runs"])
with tabs[0]:
    event = st.altair_chart(chart, key="timeline", on_select="rerun", width="content")
    selection = ds.current_selection(event, st.session_state.get("url_view"), filters)
    st.subheader(selection.heading())
    page = q(tq.statement_page, snap, filters, selection, page_of("", (filters, selection)))
    label = "Open a statement to see why it scored so"
    picked, columns = paged_statements(
        page, "statement–relation rows by date", "", label, [1, 3, 2]
    )
    chosen = selection.statement_id or picked
    for d in downloads(snap, filters, selection, chart):
        columns[2].download_button(
            f"Download {d.label}", d.data, d.filename, d.mime, on_click="ignore"
        )
    st.query_params.from_dict(ds.to_query_params(filters, selection))
    if chosen is not None:
        show_statement(int(chosen))
with tabs[1]:
    period = st.radio("Period", list(em.PERIODS), key="event_period", horizontal=True)
    measures = q(em.event_periods, snap, filters, period)
    if measures.empty:
        st.info("No statement under these filters reports an act between the sides.")
    else:
        event_chart = charts.event_chart(measures, filters, period)
        picked_period = st.altair_chart(
            event_chart, key="event_chart", on_select="rerun", width="content"
        )
        period_selection = ds.selection_from_event(picked_period)
        st.subheader(em.heading(period_selection))
        event_page = page_of("event_", (filters, period_selection))
        coded = q(em.event_statements, snap, filters, period_selection, event_page)
        label = "Open a statement to see its event and why it scored so"
        opened, _ = paged_statements(
            coded, "coded statement–relation rows", "event_", label, [1, 5]
        )
        if opened is not None:
            show_statement(int(opened))
with tabs[2]:
    direction = charts.direction_chart(q(tq.direction_timeline, snap, filters), filters)
    st.altair_chart(direction, width="content")
    st.subheader("Speakers")
    st.dataframe(q(tq.speakers, snap, filters), hide_index=True)
with tabs[3]:
    histogram = charts.histogram_chart(q(tq.histogram, snap, filters), filters)
    st.altair_chart(histogram, width="content")
with tabs[4]:
    st.dataframe(runs_queries.score_runs(snap), hide_index=True)
    for scorer in filters.scorers:
        st.markdown(f"**What the last `{scorer}` rescoring changed** (largest moves first)")
        read_changes = partial(from_file, runs_queries.score_changes, path, snap, scorer)
        changes = guarded(f"changes_{scorer}", read_changes)
        if len(changes):
            st.dataframe(changes, hide_index=True)
        else:
            st.caption("No earlier run.")
