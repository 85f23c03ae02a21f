"""Regression floor on our own held-out gold set (tests/fixtures/heldout: six articles written
and labelled for this purpose, independently of the rules). Floors sit just under the measured
figures; raise them when the tool improves, never lower them to make a change pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.evaluation.gold import read_gold
from tracker.evaluation.statements import evaluate
from tracker.ingest.pipeline import Pipeline

HELDOUT = Path(__file__).resolve().parent / "fixtures" / "heldout"

FLOORS = [
    ("is_statement", ("is_statement", "accuracy"), 0.95),
    ("speaker", ("speaker", "accuracy"), 0.95),
    ("speaker_side", ("speaker_side", "accuracy"), 0.95),
    ("dyad_f1", ("dyad", "f1"), 0.95),
    ("event_date_month", ("event_date", "month_accuracy"), 0.98),
    ("event_date_exact", ("event_date", "accuracy"), 0.98),
    ("diplomacy_sign", ("polarity", "diplomacy", "sign_agreement"), 0.78),
    ("diplomacy_spearman", ("polarity", "diplomacy", "spearman"), 0.75),
]


@pytest.fixture(scope="module")
def results() -> dict:
    gold = read_gold(HELDOUT / "gold.jsonl")
    return evaluate(gold, Pipeline.build(), HELDOUT / "manifest.csv").results


@pytest.mark.parametrize(("name", "path", "floor"), FLOORS, ids=[f[0] for f in FLOORS])
def test_heldout_floor(results: dict, name: str, path: tuple[str, ...], floor: float) -> None:
    value = results
    for key in path:
        value = value[key]
    assert value >= floor, f"{name} fell to {value} (floor {floor})"


def test_diplomacy_beats_stock_vader_on_relations(results: dict) -> None:
    ours, stock = results["polarity"]["diplomacy"], results["polarity"]["vader"]
    assert ours["sign_agreement"] > stock["sign_agreement"]
    assert ours["spearman"] > stock["spearman"]
