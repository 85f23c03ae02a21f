"""What the timeline would show: gold and tool scores averaged per month and relation.

Contract: ``timeline_agreement(points, profiles)`` takes one :class:`Point` per gold
(item, relation) pair with a polarity and returns, per relation, the monthly means of the gold
polarity (halved, so both sides share the −1…+1 scale of the scores) and of each profile's
scores, Pearson's r between the gold and tool monthly series (months with at least
``MIN_PAIRS`` pairs), and the shift at the relation's turning point: mean after minus mean
before, for the gold and for each profile, with a 95% bootstrap interval for the profile's
shift (fixed seed, so a run is reproducible). ``format_timeline`` prints it as a table.

Months and sides of the turning point come from the gold event date, so the figures measure the
scores alone, not the dates; a month-precision date in the turning point's own month is on
neither side. The turning points are the reference story's: the Turkey–Russia thaw from
Erdogan's letter of 27 Jun 2016, the Turkey–West cooling from the coup attempt of 15 Jul 2016.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from tracker.models import DYADS, TURKEY_RUSSIA, TURKEY_WEST

TURNING_POINTS: dict[str, dt.date] = {
    TURKEY_RUSSIA: dt.date(2016, 6, 27),
    TURKEY_WEST: dt.date(2016, 7, 15),
}
MIN_PAIRS = 3  # a month with fewer pairs is shown but left out of r
RESAMPLES = 2000
SEED = 20160715


@dataclass(frozen=True)
class Point:
    """One gold (item, relation) pair: its event date, gold polarity and the tool's scores."""

    dyad: str
    event_date: str  # 'YYYY-MM-DD' or 'YYYY-MM'
    gold: int  # −2 … +2
    scores: dict[str, float]  # profile -> the tool's score for this relation


def _side(event_date: str, turn: dt.date) -> int | None:
    """-1 before the turning point, +1 on or after it, None when the date cannot say."""
    if len(event_date) == 7:
        month = event_date
        turn_month = turn.strftime("%Y-%m")
        if month == turn_month:
            return None
        return -1 if month < turn_month else 1
    return -1 if dt.date.fromisoformat(event_date) < turn else 1


def _pearson(xs: list[float], ys: list[float]) -> float | None:
    if len(xs) < 3 or np.std(xs) == 0 or np.std(ys) == 0:
        return None
    return round(float(np.corrcoef(xs, ys)[0, 1]), 4)


def _shift(before: list[float], after: list[float]) -> float | None:
    if not before or not after:
        return None
    return round(float(np.mean(after) - np.mean(before)), 4)


def _interval(before: list[float], after: list[float], rng: np.random.Generator) -> list[float]:
    b, a = np.asarray(before), np.asarray(after)
    shifts = a[rng.integers(0, len(a), (RESAMPLES, len(a)))].mean(axis=1) - b[
        rng.integers(0, len(b), (RESAMPLES, len(b)))
    ].mean(axis=1)
    low, high = np.percentile(shifts, [2.5, 97.5])
    return [round(float(low), 4), round(float(high), 4)]


def timeline_agreement(points: Sequence[Point], profiles: Sequence[str]) -> dict[str, Any]:
    """Per relation: monthly means, Pearson r of the monthly series, shift at the turning point."""
    rng = np.random.default_rng(SEED)
    out: dict[str, Any] = {}
    for dyad in DYADS:
        mine = [p for p in points if p.dyad == dyad]
        if not mine:
            continue
        by_month: dict[str, list[Point]] = {}
        for p in mine:
            by_month.setdefault(p.event_date[:7], []).append(p)
        months = []
        for month in sorted(by_month):
            group = by_month[month]
            row: dict[str, Any] = {
                "month": month,
                "pairs": len(group),
                "gold": round(float(np.mean([p.gold / 2 for p in group])), 4),
            }
            for profile in profiles:
                row[profile] = round(float(np.mean([p.scores[profile] for p in group])), 4)
            months.append(row)
        counted = [m for m in months if m["pairs"] >= MIN_PAIRS]
        turn = TURNING_POINTS[dyad]
        sides = [(_side(p.event_date, turn), p) for p in mine]
        before = [p for s, p in sides if s == -1]
        after = [p for s, p in sides if s == 1]
        shift: dict[str, Any] = {
            "gold": _shift([p.gold / 2 for p in before], [p.gold / 2 for p in after])
        }
        for profile in profiles:
            b = [p.scores[profile] for p in before]
            a = [p.scores[profile] for p in after]
            shift[profile] = {
                "value": _shift(b, a),
                "ci95": _interval(b, a, rng) if b and a else None,
            }
        out[dyad] = {
            "turning_point": turn.isoformat(),
            "pairs_before": len(before),
            "pairs_after": len(after),
            "shift": shift,
            "pearson": {
                profile: _pearson([m["gold"] for m in counted], [m[profile] for m in counted])
                for profile in profiles
            },
            "months_in_r": len(counted),
            "months": months,
        }
    return out


def format_timeline(timeline: dict[str, Any]) -> str:
    """The monthly table and the two summary lines per relation."""

    def show(value: float | None) -> str:
        return "  n/a" if value is None else f"{value:+.2f}"

    lines: list[str] = []
    for dyad, t in timeline.items():
        profiles = [k for k in t["shift"] if k != "gold"]
        if lines:
            lines.append("")
        lines.append(
            f"{dyad}: monthly means by gold event month (gold polarity / 2; months with "
            f"{MIN_PAIRS}+ pairs in r: {t['months_in_r']})"
        )
        lines.append(
            "  r with gold: "
            + ", ".join(
                f"{p} {'n/a' if t['pearson'][p] is None else format(t['pearson'][p], '.3f')}"
                for p in profiles
            )
        )
        parts = [f"gold {show(t['shift']['gold'])}"]
        for p in profiles:
            s = t["shift"][p]
            ci = s["ci95"]
            parts.append(
                f"{p} {show(s['value'])}" + (f" [95% {show(ci[0])} … {show(ci[1])}]" if ci else "")
            )
        lines.append(
            f"  after − before {t['turning_point']} ({t['pairs_before']} / {t['pairs_after']} "
            f"pairs): " + ", ".join(parts)
        )
        head = f"  {'month':<8} {'pairs':>5} {'gold':>6}" + "".join(
            f" {p:>{max(6, len(p))}}" for p in profiles
        )
        lines.append(head)
        for m in t["months"]:
            row = f"  {m['month']:<8} {m['pairs']:>5} {show(m['gold']):>6}"
            row += "".join(f" {show(m[p]):>{max(6, len(p))}}" for p in profiles)
            lines.append(row)
    return "\n".join(lines) + "\n"
