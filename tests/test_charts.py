"""Chart builders, checked through their Vega-Lite specs (and one render through vl-convert)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from tracker.synthetic.build import make_database
from tracker.views import charts
from tracker.views import event_measures as em
from tracker.views import timeline as tq
from tracker.views.snapshot import Snapshot
from tracker.views.state import DYADS, Filters

D = dt.date


@pytest.fixture(scope="module")
def frames(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    path = tmp_path_factory.mktemp("charts") / "tracker.duckdb"
    make_database(path, 1500, seed=5)
    snap = Snapshot.load(path)
    out: dict[str, Any] = {"events": tq.key_events(snap), "snap": snap}
    for name, f in (("one", Filters()), ("both", Filters(scorer="both"))):
        out[name] = {
            "daily": tq.daily_timeline(snap, f),
            "points": tq.sample_points(snap, f),
            "counts": tq.weekly_counts(snap, f),
            "direction": tq.direction_timeline(snap, f),
            "histogram": tq.histogram(snap, f),
            "measures": em.event_periods(snap, f),
        }
    return out


def _walk(node: Any) -> list[dict]:
    """Every dict in a spec, depth first."""
    found: list[dict] = []
    if isinstance(node, dict):
        found.append(node)
        for value in node.values():
            found.extend(_walk(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(_walk(value))
    return found


def _timeline(frames: dict, which: str = "one", f: Filters | None = None) -> dict:
    data = frames[which]
    chart = charts.timeline_chart(
        data["daily"], data["points"], data["counts"], frames["events"], f or Filters()
    )
    return chart.to_dict()


def test_timeline_has_both_relations_with_fixed_colours(frames: dict) -> None:
    spec = _timeline(frames)
    scales = [
        d["scale"]
        for d in _walk(spec)
        if d.get("field") == "dyad" and isinstance(d.get("scale"), dict)
    ]
    assert scales, "the relation colour scale is missing"
    for scale in scales:
        assert scale["domain"] == list(DYADS)
        assert scale["range"] == [charts.DYAD_COLOURS[d] for d in DYADS]
    legends = [d["legend"] for d in _walk(spec) if d.get("field") == "dyad" and "legend" in d]
    assert legends and all(legend is not None for legend in legends)


def test_timeline_selections_and_svg_renderer(frames: dict) -> None:
    spec = _timeline(frames)
    names = {p["name"] for p in _walk(spec) if "select" in p and "name" in p}
    assert names == {"brush_diplomacy", "pick_diplomacy"}
    assert spec["usermeta"]["embedOptions"]["renderer"] == "svg"
    assert "How warm" in spec["title"]["text"]
    assert any("14-day" in line for line in spec["title"]["subtitle"])


def test_both_scorers_stand_side_by_side(frames: dict) -> None:
    spec = _timeline(frames, "both", Filters(scorer="both"))
    assert len(spec["hconcat"]) == 2
    names = {p["name"] for p in _walk(spec) if "select" in p and "name" in p}
    assert names == {"brush_diplomacy", "pick_diplomacy", "brush_vader", "pick_vader"}


def test_thin_days_are_not_drawn_as_the_solid_line(frames: dict) -> None:
    f = Filters(min_n=10_000)  # every window is thin
    daily = tq.daily_timeline(frames["snap"], f)
    assert daily["thin"].all()
    data = frames["one"]
    spec = charts.timeline_chart(daily, data["points"], data["counts"], None, f).to_dict()
    datasets = spec["datasets"]
    solid = [rows for rows in datasets.values() if rows and "solid" in rows[0]]
    assert solid and all(row["solid"] is None for rows in solid for row in rows)
    assert any("fewer than 10000" in line for line in spec["title"]["subtitle"])


def test_event_rules_and_phases(frames: dict) -> None:
    spec = json.dumps(_timeline(frames), ensure_ascii=False)
    for label in ("Jet shot down", "Coup attempt", "St Petersburg summit"):
        assert label in spec
    for phase in ("Crisis", "Thaw", "Post-coup", "Summit"):
        assert f'"phase": "{phase}"' in spec


L, R = "left", "right"
LEVELS = [
    ("far apart", [("2016-01-01", "A"), ("2016-05-01", "B")], [0, 0], [L, L]),
    ("close pair stacks", [("2015-11-24", "Jet down"), ("2015-11-28", "Curbs")], [0, 1], [L, L]),
    ("right edge aligns right", [("2016-08-30", "Summit")], [0], [R]),
    ("outside range dropped", [("2014-01-01", "Old"), ("2016-01-01", "In")], [0], [L]),
    ("row freed", [("2015-11-24", "Long"), ("2015-11-25", "B"), ("2016-04-01", "C")], [0, 1, 0], [L] * 3),  # noqa: E501
]  # fmt: skip


@pytest.mark.parametrize(("name", "events", "levels", "aligns"), LEVELS, ids=[r[0] for r in LEVELS])
def test_label_levels(name: str, events: list, levels: list, aligns: list) -> None:
    rows = [{"event_date": D.fromisoformat(d), "label": lab} for d, lab in events]
    frame = pd.DataFrame(rows).assign(dyad="", description="")
    placed = charts.label_levels(frame, D(2015, 11, 1), D(2016, 8, 31), width=780)
    assert list(placed["level"]) == levels
    assert list(placed["align"]) == aligns


def test_crowded_labels_are_hidden_not_overlapped(frames: dict) -> None:
    days = [D(2016, 6, 1) + dt.timedelta(days=3 * i) for i in range(6)]
    events = pd.DataFrame({"event_date": days, "label": "Event", "dyad": "", "description": ""})
    placed = charts.label_levels(events, D(2015, 11, 1), D(2016, 8, 31), width=780)
    assert list(placed["level"]) == [0, 1, 2, 3, -1, 0]  # the sixth clears the first row again
    data = frames["one"]
    chart = charts.timeline_chart(data["daily"], data["points"], data["counts"], events, Filters())
    datasets = [rows for rows in chart.to_dict()["datasets"].values() if rows]
    events_data = [rows for rows in datasets if all(r.get("label") == "Event" for r in rows)]
    # Rules (and tooltips) for all six events; text for the five that found a row.
    assert sorted(len(rows) for rows in events_data) == [5, 6]


def test_events_fall_back_to_csv(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text(
        "date,label,dyad,description,aliases\n"
        "2016-06-27,Letter,Turkey–Russia,A letter,letter\n"
        "not a date,Broken,Turkey–West,,\n",
        encoding="utf-8",
    )
    assert charts.read_events_csv(path).empty  # one bad row: the file is reported unusable
    path.write_text("date,label,dyad,description\n2016-06-27,Letter,Turkey–Russia,A letter\n")
    from_csv = charts.key_events(pd.DataFrame(), path)
    assert list(from_csv["label"]) == ["Letter"]
    stored = pd.DataFrame(
        {"event_date": [D(2016, 7, 15)], "label": ["Coup"], "dyad": [""], "description": [""]}
    )
    assert list(charts.key_events(stored, path)["label"]) == ["Coup"]
    assert charts.read_events_csv(tmp_path / "missing.csv").empty


def test_direction_and_histogram_specs(frames: dict) -> None:
    direction = charts.direction_chart(frames["one"]["direction"], Filters()).to_dict()
    scale = next(
        d["scale"] for d in _walk(direction) if d.get("field") == "direction" and "scale" in d
    )
    assert scale["domain"] == list(charts.DIRECTION_COLOURS)
    hist = charts.histogram_chart(frames["both"]["histogram"], Filters(scorer="both")).to_dict()
    assert len(hist["vconcat"]) == 4  # relations × scorers
    shares = [r["share"] for rows in hist["datasets"].values() for r in rows]
    assert shares and max(shares) <= 1.0


def test_empty_frames_still_build(frames: dict) -> None:
    empty = {k: v.iloc[0:0] for k, v in frames["one"].items()}
    spec = charts.timeline_chart(empty["daily"], empty["points"], empty["counts"], None, Filters())
    assert spec.to_dict()["usermeta"]
    assert charts.histogram_chart(empty["histogram"], Filters()).to_dict()


def test_images(frames: dict) -> None:
    chart = charts.direction_chart(frames["one"]["direction"], Filters())
    assert charts.to_image(chart, "png")[:8] == b"\x89PNG\r\n\x1a\n"
    svg = charts.to_image(chart, "svg").decode("utf-8")
    assert svg.lstrip().startswith("<svg") and "Russia→Turkey" in svg
    with pytest.raises(ValueError, match="png or svg"):
        charts.to_image(chart, "gif")


def test_event_chart_speaks_plain_words(frames: dict) -> None:
    spec = charts.event_chart(frames["one"]["measures"], Filters()).to_dict()
    titles = json.dumps(spec, ensure_ascii=False)
    assert "mean event intensity (Goldstein, −10…+10)" in titles
    assert "Turkey–Russia: events by kind" in titles and "Turkey–West: events by kind" in titles
    kinds = next(d["scale"] for d in _walk(spec) if d.get("title") == "Kind of event")
    assert kinds["domain"] == list(charts.QUAD_COLOURS)
    names = {p["name"] for p in _walk(spec) if "select" in p and "name" in p}
    assert names == {"period_events"}
    y = next(d for d in _walk(spec) if d.get("field") == "mean_goldstein" and "scale" in d)
    assert y["scale"]["domain"] == [-10, 10]
    empty = charts.event_chart(frames["one"]["measures"].iloc[0:0], Filters(dyads=DYADS[:1]))
    assert len(empty.to_dict()["vconcat"]) == 2  # intensity, and one relation's kinds
    svg = charts.to_image(charts.event_chart(frames["one"]["measures"], Filters()), "svg")
    assert "material conflict" in svg.decode("utf-8")
