"""tracker evaluate --by-month: the timeline the gold items would draw, gold against tool.

Points are built by hand so every figure can be worked out on paper; the CLI case runs on gold
lines we wrote (anonymous speakers, no real quotations)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli.main import main
from tracker.evaluation.timeline import (
    MIN_PAIRS,
    Point,
    _side,
    format_timeline,
    timeline_agreement,
)
from tracker.models import TURKEY_RUSSIA, TURKEY_WEST

TR, TW = TURKEY_RUSSIA, TURKEY_WEST
TURN_TR = "2016-06-27"


def _p(dyad: str, date: str, gold: int, score: float) -> Point:
    return Point(dyad, date, gold, {"diplomacy": score})


SIDES = [
    ("day before", "2016-06-26", -1),
    ("the day itself is after", "2016-06-27", 1),
    ("day after", "2016-06-28", 1),
    ("month before", "2016-05", -1),
    ("month of the turn is on neither side", "2016-06", None),
    ("month after", "2016-07", 1),
]


@pytest.mark.parametrize(("name", "date", "expected"), SIDES, ids=[s[0] for s in SIDES])
def test_side_of_the_turning_point(name: str, date: str, expected: int | None) -> None:
    import datetime as dt

    assert _side(date, dt.date.fromisoformat(TURN_TR)) == expected


def _thaw() -> list[Point]:
    # Three hostile months, then three warm ones; the tool tracks the gold at half strength.
    points = []
    for month, gold, score in [
        ("2016-03", -2, -0.5),
        ("2016-04", -2, -0.4),
        ("2016-05", -1, -0.2),
        ("2016-07", 1, 0.2),
        ("2016-08", 2, 0.4),
        ("2016-09", 2, 0.5),
    ]:
        points += [_p(TR, f"{month}-10", gold, score)] * MIN_PAIRS
    return points


def test_monthly_means_r_and_shift() -> None:
    result = timeline_agreement(_thaw(), ["diplomacy"])
    assert list(result) == [TR]
    tr = result[TR]
    assert [m["month"] for m in tr["months"]] == [
        "2016-03",
        "2016-04",
        "2016-05",
        "2016-07",
        "2016-08",
        "2016-09",
    ]
    assert tr["months"][0] == {"month": "2016-03", "pairs": 3, "gold": -1.0, "diplomacy": -0.5}
    assert tr["months_in_r"] == 6
    assert tr["pearson"]["diplomacy"] == pytest.approx(0.9938, abs=1e-4)
    # gold: before mean of (−1, −1, −0.5) = −0.8333, after (0.5, 1, 1) = 0.8333
    assert tr["shift"]["gold"] == pytest.approx(1.6667, abs=1e-4)
    # tool: before mean −0.3667, after 0.3667
    assert tr["shift"]["diplomacy"]["value"] == pytest.approx(0.7333, abs=1e-4)
    low, high = tr["shift"]["diplomacy"]["ci95"]
    assert low <= 0.7333 <= high and low > 0
    assert (tr["pairs_before"], tr["pairs_after"]) == (9, 9)


def test_thin_months_are_shown_but_left_out_of_r() -> None:
    points = _thaw() + [_p(TR, "2016-10-01", -2, 0.9)]  # one contrary pair in a thin month
    tr = timeline_agreement(points, ["diplomacy"])[TR]
    assert tr["months"][-1]["pairs"] == 1
    assert tr["months_in_r"] == 6
    assert tr["pearson"]["diplomacy"] == pytest.approx(0.9938, abs=1e-4)


def test_a_flat_tool_has_no_r_and_an_interval_round_zero() -> None:
    points = [_p(TW, p.event_date, p.gold, 0.0) for p in _thaw()]
    tw = timeline_agreement(points, ["diplomacy"])[TW]
    assert tw["turning_point"] == "2016-07-15"
    assert tw["pearson"]["diplomacy"] is None
    assert tw["shift"]["diplomacy"] == {"value": 0.0, "ci95": [0.0, 0.0]}


def test_no_pairs_on_one_side_gives_no_shift() -> None:
    points = [_p(TR, "2016-03-01", -2, -0.5)] * 3
    tr = timeline_agreement(points, ["diplomacy"])[TR]
    assert tr["shift"]["gold"] is None
    assert tr["shift"]["diplomacy"] == {"value": None, "ci95": None}


def test_the_table_names_relation_r_and_shift() -> None:
    text = format_timeline(timeline_agreement(_thaw(), ["diplomacy"]))
    lines = text.splitlines()
    assert lines[0].startswith("Turkey–Russia: monthly means by gold event month")
    assert lines[1] == "  r with gold: diplomacy 0.994"
    assert lines[2].startswith(
        "  after − before 2016-06-27 (9 / 9 pairs): gold +1.67, diplomacy +0.73"
    )
    assert lines[4] == "  2016-03      3  -1.00     -0.50"


def _gold_line(id_: str, text: str, date: str, dyad: str, polarity: int) -> dict[str, object]:
    return {
        "id": id_,
        "text": text,
        "published": date,
        "speaker": "narrator",
        "speaker_side": None,
        "event_date": date,
        "date_precision": "day",
        "dyad": dyad,
        "polarity": polarity,
    }


def test_cli_by_month(tmp_path: Path) -> None:
    lines = [
        _gold_line("t1", "Russia banned imports of Turkish fruit.", "2016-01-05", TR, -2),
        _gold_line("t2", "Russia lifted its ban on Turkish fruit.", "2016-08-05", TR, 2),
        _gold_line("t3", "The EU praised Turkey for its help with refugees.", "2016-03-05", TW, 1),
        _gold_line("t4", "The EU condemned Turkey's purge of judges.", "2016-08-05", TW, -2),
    ]
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", str(gold), "--by-month", "--json"])
    assert result.exit_code == 0, result.output
    by_month = json.loads(result.output)["by_month"]
    assert set(by_month) == {TR, TW}
    assert by_month[TR]["shift"]["gold"] == 2.0
    assert by_month[TW]["shift"]["gold"] == -1.5
    assert [m["month"] for m in by_month[TW]["months"]] == ["2016-03", "2016-08"]
    text = CliRunner().invoke(main, ["evaluate", str(gold), "--by-month"]).output
    assert "Turkey–West: monthly means by gold event month" in text
    assert "after − before 2016-07-15 (1 / 1 pairs): gold -1.50" in text
