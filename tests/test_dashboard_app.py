"""The Streamlit app, run headless with AppTest: smoke, every control, drill-down, URL, states."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tracker import demo
from tracker.db import connection as db
from tracker.synthetic.build import add_rescoring_run, make_database
from tracker.views import state as ds

APP = str(Path(__file__).resolve().parents[1] / "dashboard.py")
D = dt.date


@pytest.fixture(scope="module")
def synthetic_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("app") / "tracker.duckdb"
    make_database(path, 3000, seed=11)
    add_rescoring_run(path, "diplomacy")
    return path


@pytest.fixture
def use_db(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], None]:
    def point(path: Path) -> None:
        monkeypatch.setenv("TRACKER_DB", str(path))

    return point


def run(**params: str) -> AppTest:
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def healthy(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def table(at: AppTest):
    return at.dataframe[0].value


def spec(at: AppTest) -> dict:
    return json.loads(at.get("vega_lite_chart")[0].proto.spec)


def events_table(at: AppTest):
    return at.tabs[1].dataframe[0].value


@pytest.fixture
def app(synthetic_db: Path, use_db: Callable[[Path], None]) -> AppTest:
    use_db(synthetic_db)
    return healthy(run())


def test_smoke(app: AppTest) -> None:
    assert app.title[0].value == "Turkey–Russia & Turkey–West relations tracker"
    assert "3,000 statements" in app.caption[0].value
    assert [m.label.split(" · ")[0] for m in app.metric] == ["Turkey–Russia", "Turkey–West"]
    assert "How warm" in spec(app)["title"]["text"]
    assert len(app.get("vega_lite_chart")) == 4  # timeline, events, direction, distribution
    rows = table(app)
    assert 0 < len(rows) <= 25 and list(rows["date"]) == sorted(rows["date"])
    runs = app.dataframe[-2].value
    assert sorted(runs.loc[runs["current"], "run_id"]) == [2, 3]
    assert not app.dataframe[-1].value.empty  # what the rescoring changed
    assert not app.warning


CONTROLS = [
    (
        "relations",
        lambda at: at.multiselect(key="rel").unselect("Turkey–West"),
        lambda at: set(table(at)["dyad"]) == {"Turkey–Russia"} and len(at.metric) == 1,
        {"rel": "Turkey–Russia"},
    ),
    (
        "date range",
        lambda at: at.date_input(key="dates").set_value((D(2016, 7, 1), D(2016, 7, 31))),
        lambda at: set(table(at)["date"].str[:7]) == {"2016-07"},
        {"from": "2016-07-01", "to": "2016-07-31"},
    ),
    (
        "date axis",
        lambda at: at.radio(key="axis").set_value("published"),
        lambda at: "Publication date" in json.dumps(spec(at), ensure_ascii=False),
        {"axis": "published"},
    ),
    (
        "both scorers",
        lambda at: at.radio(key="scorer").set_value("both"),
        lambda at: (
            {"score_diplomacy", "score_vader"} <= set(table(at).columns) and len(at.metric) == 4
        ),
        {"scorer": "both"},
    ),
    (
        "speaker side",
        lambda at: at.multiselect(key="sides").select("Russia"),
        lambda at: set(table(at)["side"]) == {"Russia"},
        {"side": "Russia"},
    ),
    (
        "source",
        lambda at: at.multiselect(key="sources").select("Levant Monitor"),
        lambda at: set(table(at)["source"]) == {"Levant Monitor"},
        {"source": "Levant Monitor"},
    ),
    (
        "text search",
        lambda at: at.text_input(key="q").input("lowest point"),
        lambda at: table(at)["text"].str.contains("lowest point").all(),
        {"q": "lowest point"},
    ),
    (
        "minimum statements",
        lambda at: at.number_input(key="min_n").set_value(50),
        lambda at: any("fewer than 50" in s for s in spec(at)["title"]["subtitle"]),
        {"min": "50"},
    ),
    (
        "smoothing window",
        lambda at: at.select_slider(key="window").set_value(30),
        lambda at: any("30-day" in s for s in spec(at)["title"]["subtitle"]),
        {"window": "30"},
    ),
]


@pytest.mark.parametrize(("name", "act", "check", "url"), CONTROLS, ids=[c[0] for c in CONTROLS])
def test_each_control(app: AppTest, name: str, act, check, url: dict) -> None:
    act(app).run()
    healthy(app)
    assert check(app)
    assert {k: app.query_params.get(k) for k in url} == url  # the view is in the URL


def test_paging(app: AppTest) -> None:
    first = table(app)
    app.number_input(key="page").set_value(2).run()
    healthy(app)
    assert "page 2/" in app.caption[1].value
    second = table(app)
    assert len(second) == 25 and second["date"].iloc[0] >= first["date"].iloc[-1]
    keys = {(r.statement_id, r.dyad) for r in first.itertuples()}
    assert keys.isdisjoint((r.statement_id, r.dyad) for r in second.itertuples())


def test_the_search_box_holds_what_is_searched(app: AppTest) -> None:
    """The box takes at most MAX_SEARCH characters, the length a shared URL's ``q`` is cut to:
    what is searched is always the literal text in the box (tests/test_search.py)."""
    assert app.text_input(key="q").max_chars == ds.MAX_SEARCH


def test_search_with_no_match_says_so(app: AppTest) -> None:
    app.text_input(key="q").input("%' OR 1=1 --").run()
    healthy(app)
    assert "No statements match" in app.warning[0].value


def test_drilldown(app: AppTest) -> None:
    statement_id = int(table(app)["statement_id"].iloc[3])
    app.selectbox(key="statement").select(statement_id).run()
    healthy(app)
    text = " ".join(m.value for m in app.markdown)
    assert "Speaker:" in text and "Source:" in text and "scorer" in text
    assert any(s.value == f"Statement {statement_id} in context" for s in app.subheader)
    dates = app.dataframe[1].value
    assert list(dates.index) == ["published", "said on", "refers to"]


def test_events_tab(app: AppTest) -> None:
    chart = json.loads(app.get("vega_lite_chart")[1].proto.spec)
    text = json.dumps(chart, ensure_ascii=False)
    assert "mean event intensity (Goldstein, −10…+10)" in text and "events by kind" in text
    assert "material conflict" in text and "event_goldstein" not in text
    assert any(s.value == "Statements with a coded event" for s in app.subheader)
    coded = events_table(app)
    assert 0 < len(coded) <= 25
    assert set(coded["kind"]) <= {
        "verbal cooperation", "material cooperation", "verbal conflict", "material conflict"
    }  # fmt: skip
    app.radio(key="event_period").set_value("month").run()
    healthy(app)
    statement_id = int(events_table(app)["statement_id"].iloc[0])
    app.selectbox(key="event_statement").select(statement_id).run()
    healthy(app)
    assert any(s.value == f"Statement {statement_id} in context" for s in app.subheader)


def test_events_tab_follows_the_filters(app: AppTest) -> None:
    app.multiselect(key="rel").unselect("Turkey–West").run()
    healthy(app)
    assert set(events_table(app)["dyad"]) == {"Turkey–Russia"}
    app.radio(key="scorer").set_value("vader").run()  # events come from the diplomacy profile
    healthy(app)
    assert len(events_table(app)) > 0


def test_url_opens_a_shared_view(synthetic_db: Path, use_db: Callable[[Path], None]) -> None:
    use_db(synthetic_db)
    at = healthy(run(rel="Turkey–West", window="7", stmt="12"))
    assert at.multiselect(key="rel").value == ["Turkey–West"]
    assert at.select_slider(key="window").value == 7
    assert list(table(at)["statement_id"].unique()) == [12]
    assert any(s.value == "Statement 12 in context" for s in at.subheader)


def test_bad_url_parameters_are_ignored(synthetic_db: Path, use_db: Callable[[Path], None]) -> None:
    use_db(synthetic_db)
    at = healthy(run(scorer="gdelt", window="9", sel_from="not-a-date"))
    assert at.radio(key="scorer").value == "diplomacy"
    assert "Ignored link parameters" in at.toast[0].value


def test_missing_database_builds_the_demo(tmp_path: Path, use_db: Callable[[Path], None]) -> None:
    path = tmp_path / "fresh" / "tracker.duckdb"
    use_db(path)
    at = healthy(run())
    assert path.exists()
    assert at.get("status") or at.info or at.metric  # the build was shown, then its result
    # The corpus's publication range, not the earliest background date a statement refers to.
    assert "statements published 24 Nov 2015 – 31 Aug 2016." in at.caption[0].value


def test_failed_demo_build_explains(
    tmp_path: Path, use_db: Callable[[Path], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("No space left on device.")

    monkeypatch.setattr(demo, "ensure_demo", broken)
    use_db(tmp_path / "tracker.duckdb")
    at = run()
    assert not at.exception
    assert "No space left" in at.error[0].value and "tracker demo" in at.error[0].value


def test_empty_database(tmp_path: Path, use_db: Callable[[Path], None]) -> None:
    path = tmp_path / "empty.duckdb"
    with db.writer(path):
        pass
    use_db(path)
    at = healthy(run())
    assert "none analysed and scored" in at.info[0].value


def test_not_a_tracker_database(tmp_path: Path, use_db: Callable[[Path], None]) -> None:
    path = tmp_path / "other.duckdb"
    duckdb.connect(str(path)).close()
    use_db(path)
    at = run()
    assert not at.exception
    assert "not a tracker database" in at.error[0].value


@pytest.fixture
def writer_holding(synthetic_db: Path) -> Iterator[Callable[[], None]]:
    """Call to start another process that holds the database's writer lock."""
    holders: list[subprocess.Popen] = []
    code = (
        "import sys, time; from pathlib import Path; from tracker.db import connection as db\n"
        "with db.writer(Path(sys.argv[1])):\n    print('locked', flush=True); time.sleep(60)\n"
    )

    def start() -> None:
        holder = subprocess.Popen(
            [sys.executable, "-c", code, str(synthetic_db)], stdout=subprocess.PIPE, text=True
        )
        holders.append(holder)
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"

    yield start
    for holder in holders:
        holder.kill()
        holder.wait()


def test_locked_database_keeps_the_last_data(app: AppTest, writer_holding) -> None:
    before = table(app)
    writer_holding()
    st.cache_data.clear()
    st.cache_resource.clear()
    app.select_slider(key="window").set_value(7).run()
    healthy(app)
    assert "being updated" in app.warning[0].value
    assert table(app).equals(before)


def test_locked_database_on_first_visit(
    synthetic_db: Path, use_db: Callable[[Path], None], writer_holding
) -> None:
    use_db(synthetic_db)
    writer_holding()
    at = healthy(run())
    assert "being updated" in at.info[0].value


@pytest.fixture(scope="module")
def copies_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic database with its syndicated copies placed: its templated sentences often
    repeat word for word, by one speaker, within days."""
    from tracker.db import copies

    path = tmp_path_factory.mktemp("copies") / "tracker.duckdb"
    make_database(path, 3000, seed=11)
    with db.writer(path) as con:
        con.execute("BEGIN TRANSACTION")
        copies.refresh(con)
        con.execute("COMMIT")
    return path


def _rows_caption(at: AppTest) -> str:
    return next(c.value for c in at.caption if "statement–relation rows" in c.value)


def test_copies_toggle(copies_db: Path, use_db: Callable[[Path], None]) -> None:
    use_db(copies_db)
    at = healthy(run())
    with duckdb.connect(str(copies_db), read_only=True) as con:
        once, every = con.execute(
            "SELECT count(*) FILTER (WHERE counted), count(*) FROM dyad_scores "
            "WHERE scorer = 'diplomacy' AND refers_to BETWEEN '2015-11-01' AND '2016-08-31'"
        ).fetchall()[0]
    assert once < every
    assert _rows_caption(at).startswith(f"{once:,} ")
    at.toggle(key="copies").set_value(True).run()
    healthy(at)
    assert _rows_caption(at).startswith(f"{every:,} ")
    assert at.query_params.get("copies") == "1"
    shared = healthy(run(copies="1"))  # a shared link keeps the choice
    assert _rows_caption(shared).startswith(f"{every:,} ")


def test_drilldown_lists_every_copy(copies_db: Path, use_db: Callable[[Path], None]) -> None:
    with duckdb.connect(str(copies_db), read_only=True) as con:
        rep, n = con.execute(
            "SELECT representative_id, copies FROM copy_clusters WHERE copies > 2 "
            "ORDER BY cluster_id LIMIT 1"
        ).fetchall()[0]
        urls = [r[0] for r in con.execute(
            "SELECT d.url FROM statement_copies AS m JOIN statement_copies AS r USING (cluster_id) "
            "JOIN statements AS st ON st.statement_id = m.statement_id "
            "JOIN documents AS d USING (document_id) WHERE r.statement_id = ?", [rep]
        ).fetchall()]  # fmt: skip
    use_db(copies_db)
    at = healthy(run(stmt=str(rep)))
    text = " ".join(m.value for m in at.markdown)
    assert f"Carried by {n} outlets: counted once, as statement {rep}" in text
    assert all(f"]({url})" in text for url in urls)
