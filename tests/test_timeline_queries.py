"""Timeline queries, the snapshot, the drill-down and the runs section, on small databases.

Exact figures come from hand-made snapshots; the story-shaped checks use a synthetic database
(tracker.synthetic.build) of 3,000 statements with a partial rescoring run.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import math
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from tracker.errors import DatabaseLocked, DatabaseMissing
from tracker.synthetic.build import add_rescoring_run, make_database
from tracker.views import drilldown, snapshot
from tracker.views import event_measures as em
from tracker.views import runs as runs_queries
from tracker.views import timeline as tq
from tracker.views.blocks import Heading, Markup, Paragraph, Table
from tracker.views.state import Filters, Selection

D = dt.date
RUSSIA, WEST = "Turkey–Russia", "Turkey–West"


@pytest.fixture(scope="module")
def synthetic_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("synthetic") / "tracker.duckdb"
    make_database(path, 3000, seed=3)
    add_rescoring_run(path, "diplomacy", fraction=0.2, seed=2)
    return path


@pytest.fixture(scope="module")
def snap(synthetic_db: Path) -> snapshot.Snapshot:
    return snapshot.Snapshot.load(synthetic_db)


def handmade(rows: list[tuple]) -> snapshot.Snapshot:
    """rows: (statement_id, dyad, scorer, score, day, side, source, text)."""
    facts = pd.DataFrame(
        [
            {
                "statement_id": sid, "document_id": 1, "dyad": dyad, "scorer": scorer,
                "run_id": 1, "score": score, "published": day, "refers_to": day,
                "speaker": f"speaker {side}", "speaker_side": side, "source": source,
                "direction": "narrated",
            }
            for sid, dyad, scorer, score, day, side, source, _ in rows
        ]
    )  # fmt: skip
    texts = pd.DataFrame({"statement_id": [r[0] for r in rows], "text": [r[7] for r in rows]})
    return snapshot.Snapshot.from_frames(facts, texts.drop_duplicates("statement_id"))


THREE_DAYS = [
    (1, RUSSIA, "diplomacy", 0.5, D(2016, 1, 1), "Turkey", "A", "first text"),
    (2, RUSSIA, "diplomacy", -0.5, D(2016, 1, 1), "Russia", "B", "second 50% 'odd' text"),
    (3, RUSSIA, "diplomacy", 1.0, D(2016, 1, 2), "Turkey", "A", "third text"),
]
JAN = Filters(start=D(2016, 1, 1), end=D(2016, 1, 3), window=7, min_n=3)


def test_smoothed_mean_and_band_are_exact() -> None:
    daily = tq.daily_timeline(handmade(THREE_DAYS), JAN)
    assert list(daily["day"].dt.date) == [D(2016, 1, 1), D(2016, 1, 2), D(2016, 1, 3)]
    assert list(daily["n"]) == [2, 1, 0]
    assert list(daily["n_window"]) == [3, 3, 3]  # a 7-day window covers all three days
    se = math.sqrt((1 / 36 + 25 / 36 + 16 / 36) / 2 / 3)
    assert daily["mean"].iloc[0] == pytest.approx(1 / 3, abs=1e-6)
    assert daily["lo"].iloc[0] == pytest.approx(1 / 3 - 1.96 * se, abs=1e-6)
    assert daily["hi"].iloc[0] == pytest.approx(1.0)  # clipped to the score range
    assert not daily["thin"].any()


def test_thin_windows_are_marked() -> None:
    daily = tq.daily_timeline(handmade(THREE_DAYS), replace(JAN, min_n=4))
    assert daily["thin"].all()


def test_narrow_window_only_sees_its_days() -> None:
    rows = [*THREE_DAYS, (4, RUSSIA, "diplomacy", -1.0, D(2016, 1, 20), "Russia", "A", "late")]
    daily = tq.daily_timeline(handmade(rows), replace(JAN, end=D(2016, 1, 31)))
    last = daily[daily["day"].dt.date == D(2016, 1, 20)].iloc[0]
    assert (last["n_window"], last["mean"]) == (1, pytest.approx(-1.0))
    assert pd.isna(last["lo"])  # one statement: no band


FILTERS = [
    ("side", replace(JAN, sides=("Russia",)), [2]),
    ("source", replace(JAN, sources=("A",)), [1, 3]),
    ("search ignores case", replace(JAN, search="THIRD"), [3]),
    ("search is literal, not a LIKE pattern", replace(JAN, search="50% 'odd"), [2]),
    ("percent alone matches only a percent", replace(JAN, search="%"), [2]),
    ("other relation", replace(JAN, dyads=(WEST,)), []),
    ("other scorer", replace(JAN, scorer="vader"), []),
]


@pytest.mark.parametrize(("name", "filters", "ids"), FILTERS, ids=[f[0] for f in FILTERS])
def test_filters_select_statements(name: str, filters: Filters, ids: list[int]) -> None:
    page = tq.statement_page(handmade(THREE_DAYS), filters)
    assert sorted(page.rows["statement_id"]) == ids
    assert page.total == len(ids)


def test_selection_narrows_the_table() -> None:
    snap = handmade(THREE_DAYS)
    assert list(
        tq.statement_page(snap, JAN, Selection(D(2016, 1, 2), D(2016, 1, 2))).rows["statement_id"]
    ) == [3]
    assert list(tq.statement_page(snap, JAN, Selection(statement_id=2)).rows["statement_id"]) == [2]


def test_story_shape(snap: snapshot.Snapshot) -> None:
    monthly = tq.monthly_means(snap, Filters())
    mean = monthly.set_index(["dyad", "month"])["mean"]
    assert mean[(RUSSIA, pd.Timestamp("2015-12-01"))] < -0.3
    assert mean[(RUSSIA, pd.Timestamp("2016-08-01"))] > 0.2
    assert mean[(WEST, pd.Timestamp("2016-08-01"))] < mean[(WEST, pd.Timestamp("2016-06-01"))] - 0.3
    heads = {h.dyad: h for h in tq.headlines(monthly, min_n=5)}
    assert heads[RUSSIA].change > 0.3 and heads[WEST].change < -0.2


def test_daily_covers_every_day_of_the_range(snap: snapshot.Snapshot) -> None:
    daily = tq.daily_timeline(snap, Filters(scorer="both"))
    days = (Filters().end - Filters().start).days + 1
    assert len(daily) == days * 2 * 2  # days × relations × scorers
    assert daily["n"].sum() == sum(
        tq.count_statements(snap, Filters(scorer=s)) for s in ("diplomacy", "vader")
    )


def test_points_are_a_stable_capped_sample(snap: snapshot.Snapshot) -> None:
    first = tq.sample_points(snap, Filters(), limit=300)
    assert len(first) == 300
    assert first.equals(tq.sample_points(snap, Filters(), limit=300))
    assert set(first["dyad"]) == {RUSSIA, WEST}


def test_counts_and_histogram_add_up(snap: snapshot.Snapshot) -> None:
    total = tq.count_statements(snap, Filters())
    assert tq.weekly_counts(snap, Filters())["n"].sum() == total
    hist = tq.histogram(snap, Filters())
    assert hist["n"].sum() == total
    assert hist["bin_start"].between(-1.0, 0.8 + 1e-9).all()


def test_pages_are_ordered_clamped_and_complete(snap: snapshot.Snapshot) -> None:
    f = Filters(dyads=(RUSSIA,), sides=("Russia",))
    first = tq.statement_page(snap, f, page_size=10)
    assert len(first.rows) == 10 and first.pages == -(-first.total // 10)
    assert list(first.rows["date"]) == sorted(first.rows["date"])
    beyond = tq.statement_page(snap, f, page=10_000, page_size=10)
    assert beyond.page == first.pages - 1 and 1 <= len(beyond.rows) <= 10
    assert set(first.rows["side"]) == {"Russia"} and set(first.rows["dyad"]) == {RUSSIA}


def test_both_scorers_side_by_side(snap: snapshot.Snapshot) -> None:
    page = tq.statement_page(snap, Filters(scorer="both"))
    assert {"score_diplomacy", "score_vader"} <= set(page.rows.columns)
    assert page.rows["score_vader"].notna().all()


def test_export_csv(snap: snapshot.Snapshot) -> None:
    f = Filters(search="lowest point")
    rows = list(csv.DictReader(io.StringIO(tq.export_csv(snap, f).decode("utf-8"))))
    assert len(rows) == tq.count_statements(snap, f) > 0
    assert all("lowest point" in r["text"] for r in rows)
    assert len(list(csv.DictReader(io.StringIO(tq.export_csv(snap, f, limit=3).decode())))) == 3


def test_direction_and_speakers(snap: snapshot.Snapshot) -> None:
    direction = tq.direction_timeline(snap, Filters())
    assert set(direction["direction"]) == {
        "Turkey→Russia",
        "Russia→Turkey",
        "Turkey→West",
        "West→Turkey",
    }
    speakers = tq.speakers(snap, Filters(sides=("West",)))
    assert set(speakers["side"]) == {"West"}
    assert list(speakers["statements"]) == sorted(speakers["statements"], reverse=True)


def test_overview_and_choices(snap: snapshot.Snapshot) -> None:
    ov = tq.overview(snap)
    assert ov.scorers == ("diplomacy", "vader") and len(ov.sources) == 8
    assert ov.first is not None and ov.first <= D(2015, 11, 1)
    page = tq.statement_page(snap, Filters(), page_size=5)
    labels = tq.statement_choices(page.rows)
    assert set(labels) == set(page.rows["statement_id"])
    assert all(len(label) < 140 for label in labels.values())


def test_bad_identifiers_never_reach_sql(snap: snapshot.Snapshot) -> None:
    with pytest.raises(ValueError, match="date axis"):
        tq.daily_timeline(snap, replace(Filters(), date_axis="x; DROP TABLE facts"))
    with pytest.raises(ValueError, match="window"):
        tq.daily_timeline(snap, replace(Filters(), window=8))


def test_snapshot_errors(tmp_path: Path) -> None:
    with pytest.raises(DatabaseMissing):
        snapshot.Snapshot.load(tmp_path / "none.duckdb")


def test_locked_database_raises_locked(tmp_path: Path) -> None:
    path = tmp_path / "locked.duckdb"
    make_database(path, 50)
    code = (
        "import sys, time; from pathlib import Path; from tracker.db import connection as db\n"
        "with db.writer(Path(sys.argv[1])):\n    print('locked', flush=True); time.sleep(20)\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        began = time.monotonic()
        with pytest.raises(DatabaseLocked):
            snapshot.Snapshot.load(path, wait=0.3)
        assert time.monotonic() - began < 5
    finally:
        holder.kill()
        holder.wait()


def test_snapshot_waits_for_a_writer_that_came_between_check_and_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reader's check passed, then a writer took the file: the copy waits, then loads."""
    path = tmp_path / "busy.duckdb"
    make_database(path, 50)
    with snapshot.connection.reader(path) as con:
        expected = con.execute("SELECT count(*) FROM statements").fetchall()[0][0]
    code = (
        "import sys, time; from pathlib import Path; from tracker.db import connection as db\n"
        "with db.writer(Path(sys.argv[1])):\n    print('locked', flush=True); time.sleep(1)\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE, text=True
    )

    @contextlib.contextmanager
    def checked_before_the_writer(_path: Path, _wait: float) -> Iterator[object]:
        con = duckdb.connect(":memory:")
        con.execute(f"CREATE TABLE statements AS SELECT range FROM range({expected})")
        yield con

    monkeypatch.setattr(snapshot.connection, "reader", checked_before_the_writer)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        snap = snapshot.Snapshot.load(path, wait=30)
        assert snap.info.statements == expected and snap.info.facts > 0
    finally:
        holder.kill()
        holder.wait()


def test_stamp_changes_when_the_database_changes(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    make_database(path, 50)
    before = snapshot.stamp(path)
    add_rescoring_run(path, "vader")
    assert snapshot.stamp(path) != before


def test_drilldown(synthetic_db: Path, snap: snapshot.Snapshot) -> None:
    recalled = tq.statement_page(snap, Filters(search="Recalling the events of"), page_size=1)
    sid = int(recalled.rows["statement_id"].iloc[0])
    detail = drilldown.statement_detail(synthetic_db, sid)
    assert detail is not None and detail.text.startswith("Recalling the events of")
    dates = {d.label: d for d in detail.dates}
    assert dates["refers to"].evidence and dates["refers to"].evidence[0].isdigit()
    assert dates["refers to"].day < dates["published"].day
    assert detail.attribution and detail.attribution.endswith("said")
    assert detail.before or detail.after
    assert {s.scorer for s in detail.scores} == {"diplomacy", "vader"}
    assert drilldown.statement_detail(synthetic_db, 10**9) is None
    kinds = [type(block) for block in drilldown.blocks(detail)]
    assert kinds[:4] == [Heading, Markup, Paragraph, Table]


def test_drilldown_explanations_point_into_the_text(
    synthetic_db: Path, snap: snapshot.Snapshot
) -> None:
    explained = 0
    for sid in tq.statement_page(snap, Filters(), page_size=40).rows["statement_id"]:
        detail = drilldown.statement_detail(synthetic_db, int(sid))
        assert detail is not None
        for score in detail.scores:
            for c in score.contributions:
                explained += 1
                assert detail.text[c.start : c.end] == c.text
    assert explained > 0


def _explained(*items: object) -> str:
    return json.dumps({"compound": 0.5, "contributions": list(items)})


def _item(start: int, end: int, text: str | None = None, weight: object = 1.0) -> dict:
    item = {"start": start, "end": end, "kind": "phrase", "weight": weight}
    return item if text is None else item | {"text": text}


CONTRIBUTIONS = [
    ("valid", _explained(_item(7, 11, "warm")), [(7, 11, "warm")]),
    ("offsets only", _explained(_item(12, 16)), [(12, 16, "step")]),
    ("offsets past the end", _explained(_item(12, 99)), []),
    ("offsets off, text found", _explained(_item(0, 4, "warm")), [(7, 11, "warm")]),
    ("text absent", _explained(_item(0, 4, "cold")), []),
    ("not JSON", "{nope", []),
    ("no contributions key", '{"compound": 0.4}', []),
    ("entries not objects", _explained({"text": "warm"}, 3, None), []),
    ("weight not a number", _explained(_item(7, 11, "warm", weight="high")), []),
    ("sorted by start", _explained(_item(12, 16), _item(0, 4)), [(0, 4, "Ties"), (12, 16, "step")]),
    ("null", None, []),
]


@pytest.mark.parametrize(("name", "raw", "spans"), CONTRIBUTIONS, ids=[c[0] for c in CONTRIBUTIONS])
def test_parse_contributions(name: str, raw: str | None, spans: list[tuple]) -> None:
    found = drilldown.parse_contributions(raw, "Ties a warm step.")
    assert [(c.start, c.end, c.text) for c in found] == spans


def test_highlight_escapes_and_marks() -> None:
    text = "<b>Ankara</b> & Moscow agreed warmly"
    raw = _explained(_item(0, 0, "agreed", 1.2), _item(0, 0, "<b>", -0.4))
    contributions = drilldown.parse_contributions(raw, text)
    out = drilldown.highlight_html(text, contributions)
    assert "<b>Ankara" not in out and "&lt;b&gt;" in out and "&amp;" in out
    assert out.count("<mark") == 2 and "+1.20" in out and "-0.40" in out
    assert "rgba(26, 150, 65" in out and "rgba(215, 48, 39" in out


def test_clause_marker_does_not_hide_its_words() -> None:
    text = "Ankara thanked its ally, Moscow voiced charges."
    raw = _explained(
        _item(0, 23, "Ankara thanked its ally", 0.0),
        _item(19, 23, "ally", 1.2),
        _item(7, 14, "thanked", 0.8),
    )
    out = drilldown.highlight_html(text, drilldown.parse_contributions(raw, text))
    assert out.count("<mark") == 2 and "+1.20" in out and "+0.80" in out


def test_runs_and_changes(synthetic_db: Path, snap: snapshot.Snapshot) -> None:
    runs = runs_queries.score_runs(snap)
    current = runs[runs["current"]]
    assert sorted(current["run_id"]) == [2, 3]  # vader's only run, diplomacy's rescoring
    changes = runs_queries.score_changes(synthetic_db, "diplomacy", limit=5)
    assert len(changes) == 5 and (changes["previous_run"] == 1).all()
    assert list(changes["change"].abs()) == sorted(changes["change"].abs(), reverse=True)
    assert (changes["after"] - changes["before"]).round(6).equals(changes["change"].round(6))
    assert runs_queries.score_changes(synthetic_db, "vader").empty


def test_overview_texts(snap: snapshot.Snapshot) -> None:
    view = tq.overview(snap, "published")
    assert view.first is not None and view.last is not None
    assert view.caption(1234) == (
        f"1,234 statements published {view.first:%d %b %Y} – {view.last:%d %b %Y}. "
        "Each is scored for the relation it is about: −1 hostile, 0 neutral, +1 warm."
    )
    assert view.nothing_scored("x.duckdb", 3) == (
        "The database x.duckdb has 3 statements, none analysed and scored yet. Ingest articles "
        "with `tracker ingest FILES`, or build the demo with `tracker demo`."
    )


def test_downloads_make_their_bytes_on_demand(snap: snapshot.Snapshot) -> None:
    from tracker.views import charts
    from tracker.views.downloads import downloads

    filters = Filters()
    daily = tq.daily_timeline(snap, filters)
    chart = charts.timeline_chart(
        daily, tq.sample_points(snap, filters), tq.weekly_counts(snap, filters), None, filters
    )
    found = downloads(snap, filters, Selection(), chart)
    assert [(d.label, d.mime, d.filename) for d in found] == [
        ("statements (CSV)", "text/csv", "tracker.csv"),
        ("chart (PNG)", "image/png", "tracker.png"),
        ("chart (SVG)", "image/svg+xml", "tracker.svg"),
    ]
    assert found[0].data().startswith(b"date,")
    assert found[1].data().startswith(b"\x89PNG")


# (statement_id, dyad, scorer, day, event_code, quad, goldstein, side)
CODED = [
    (1, RUSSIA, "diplomacy", D(2016, 6, 27), "03", "verbal cooperation", 4.0, "Turkey"),
    (2, RUSSIA, "diplomacy", D(2016, 6, 29), "06", "material cooperation", 6.0, "Russia"),
    (3, RUSSIA, "diplomacy", D(2016, 6, 30), None, None, None, "Russia"),  # no event
    (4, RUSSIA, "diplomacy", D(2016, 7, 4), "19", "material conflict", -10.0, "Russia"),
    (5, WEST, "diplomacy", D(2016, 7, 5), "11", "verbal conflict", -2.0, "West"),
    (5, RUSSIA, "diplomacy", D(2016, 7, 5), "13", "verbal conflict", -4.0, "West"),
    (4, RUSSIA, "vader", D(2016, 7, 4), None, None, None, "Russia"),  # vader codes none
]


def coded() -> snapshot.Snapshot:
    facts = pd.DataFrame(
        [
            {
                "statement_id": sid, "document_id": 1, "dyad": dyad, "scorer": scorer,
                "run_id": 1, "score": 0.1, "published": day, "refers_to": day,
                "speaker": f"speaker {side}", "speaker_side": side, "source": "A",
                "direction": "narrated", "event_code": code, "event_quad": quad,
                "event_goldstein": goldstein,
            }
            for sid, dyad, scorer, day, code, quad, goldstein, side in CODED
        ]
    )  # fmt: skip
    texts = pd.DataFrame({"statement_id": [1, 2, 3, 4, 5], "text": [f"text {i}" for i in range(5)]})
    return snapshot.Snapshot.from_frames(facts, texts)


JUNE_JULY = Filters(start=D(2016, 6, 1), end=D(2016, 7, 31))


def test_event_periods_are_exact() -> None:
    weeks = em.event_periods(coded(), JUNE_JULY)
    russia = weeks[weeks["dyad"] == RUSSIA]
    assert list(russia["period"].dt.date) == [D(2016, 6, 27), D(2016, 7, 4)]
    assert list(russia["period_end"].dt.date) == [D(2016, 7, 3), D(2016, 7, 10)]
    assert list(russia["n_events"]) == [2, 2]  # the statement without an event is not counted
    assert list(russia["mean_goldstein"]) == [5.0, -7.0]
    assert list(russia["verbal_cooperation"]) == [1, 0]
    assert list(russia["material_cooperation"]) == [1, 0]
    assert list(russia["verbal_conflict"]) == [0, 1]
    assert list(russia["material_conflict"]) == [0, 1]
    months = em.event_periods(coded(), JUNE_JULY, "month")
    assert list(months[["dyad", "n_events"]].itertuples(index=False, name=None)) == [
        (RUSSIA, 2), (RUSSIA, 2), (WEST, 1)
    ]  # fmt: skip
    with pytest.raises(ValueError, match="unknown period"):
        em.event_periods(coded(), JUNE_JULY, "year")


def test_event_periods_follow_the_filters() -> None:
    west = em.event_periods(coded(), replace(JUNE_JULY, dyads=(WEST,)))
    assert list(west["dyad"]) == [WEST] and list(west["mean_goldstein"]) == [-2.0]
    sides = em.event_periods(coded(), replace(JUNE_JULY, sides=("Russia",)))
    assert int(sides["n_events"].sum()) == 2
    # Events come from the diplomacy profile whichever scorer the sidebar compares.
    vader = em.event_periods(coded(), replace(JUNE_JULY, scorer="vader"))
    assert int(vader["n_events"].sum()) == 5
    assert em.event_periods(coded(), replace(JUNE_JULY, search="nothing like it")).empty


def test_event_statements_behind_a_period() -> None:
    july = Selection(D(2016, 7, 4), D(2016, 7, 10))
    page = em.event_statements(coded(), JUNE_JULY, july)
    assert page.total == 3
    assert list(page.rows["statement_id"]) == [4, 5, 5]
    first = page.rows.iloc[0]
    assert (first["kind"], first["event"], float(first["intensity"])) == (
        "material conflict", "19 fight", -10.0
    )  # fmt: skip
    assert (
        em.heading(july)
        == "Statements with a coded event in the selection (04 Jul 2016 – 10 Jul 2016)"
    )
    assert em.heading(Selection()) == "Statements with a coded event"
    second = em.event_statements(coded(), JUNE_JULY, july, page=5, page_size=2)
    assert (second.page, second.pages, list(second.rows["statement_id"])) == (1, 2, [5])
    assert em.event_statements(coded(), JUNE_JULY, Selection(statement_id=3)).total == 0


def test_hand_made_facts_without_events_have_none() -> None:
    assert em.event_periods(handmade(THREE_DAYS), JAN).empty


def test_snapshot_carries_the_stored_events(synthetic_db: Path, snap: snapshot.Snapshot) -> None:
    with contextlib.closing(duckdb.connect(str(synthetic_db), read_only=True)) as con:
        stored = con.execute(
            "SELECT date_trunc('month', day)::DATE AS month, dyad, sum(n_events),"
            " sum(mean_goldstein * n_events) / sum(n_events), sum(material_conflict)"
            " FROM daily_dyad_events WHERE scorer = 'diplomacy' GROUP BY ALL ORDER BY dyad, month"
        ).fetchall()
    months = em.event_periods(snap, Filters(start=D(2015, 1, 1), end=D(2016, 12, 31)), "month")
    assert stored, "the synthetic database has coded events"
    ours = [
        (r.period.date(), r.dyad, r.n_events, r.mean_goldstein, r.material_conflict)
        for r in months.itertuples()
    ]
    assert [r[:3] + r[4:] for r in ours] == [tuple(s[:3]) + tuple(s[4:]) for s in stored]
    assert all(math.isclose(a[3], b[3], abs_tol=1e-4) for a, b in zip(ours, stored, strict=True))


def test_a_syndicated_remark_counts_once_unless_copies_are_asked_for() -> None:
    snap = handmade(THREE_DAYS)
    # Statement 3 is a copy of statement 1 (its cluster's representative) in another outlet.
    snap.query("UPDATE facts SET counted = statement_id <> 3, copies = 2 WHERE statement_id <> 2")
    once = tq.daily_timeline(snap, JAN)
    every = tq.daily_timeline(snap, replace(JAN, copies=True))
    assert list(once["n"]) == [2, 0, 0]
    assert list(every["n"]) == [2, 1, 0]
    assert sorted(tq.statement_page(snap, JAN).rows["statement_id"]) == [1, 2]
    assert tq.count_statements(snap, replace(JAN, copies=True)) == 3
    assert list(tq.monthly_means(snap, JAN)["n"]) == [2]
