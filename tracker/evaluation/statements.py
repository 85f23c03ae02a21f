"""``tracker evaluate``: the tool's statements against a gold file.

Two modes:

* **document mode** (``documents`` = a manifest): the documents are ingested into a temporary
  database with the normal pipeline; each gold sentence is matched to the stored statement that
  contains it (whitespace-normalised), so speakers, relations and dates are judged in context;
* **sentence mode**: each gold line is a one-sentence document with its own ``published`` date
  (or none: explicit dates still resolve, relative ones cannot).

Metric definitions (also in ``docs/evaluation.md``):

* ``is_statement.accuracy``: the share of gold lines whose "is a statement" label (a line with a
  speaker, not marked ``is_statement: false``) equals whether the tool stored it as a statement.
* ``speaker.accuracy``: over gold statements; names match after folding case and diacritics and
  resolving aliases through the actor dictionary (Erdoğan = Erdogan = Recep Tayyip Erdogan);
  ``narrator`` matches the tool's narrator.
* ``speaker_side.accuracy``: over gold statements; the narrator's side is null.
* ``dyad`` precision, recall, F1: over (item, dyad) pairs, including ``also``.
* ``event_date.accuracy``: over gold statements with an event date; exact at the gold precision
  (a day needs the same day at day precision, a month the same month); ``month_accuracy``
  compares year and month only.
* ``polarity[PROFILE]``: over (item, dyad) pairs with a gold polarity, the tool's score for that
  relation (its clause score where it has one, else the statement's score).
  ``sign_agreement`` over pairs with non-zero gold polarity, a zero score counting as wrong;
  ``spearman`` is Spearman's rank correlation over all such pairs.

A metric is null when the gold file has no labels for it.

``by_tag`` (on request) repeats the figures for the items of each category (the gold items'
tags, see :mod:`tracker.evaluation.gold`), so errors can be counted by kind of construction.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from tracker.analysis.actors import ActorDictionary, fold
from tracker.db import connection
from tracker.evaluation.gold import GoldItem
from tracker.ingest.batches import ingest_paths
from tracker.ingest.pipeline import Pipeline
from tracker.models import NARRATOR

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class SystemStatement:
    """What the tool says about one stored statement."""

    text: str
    speaker: str
    speaker_side: str | None
    refers_to: dt.date | None
    refers_to_precision: str | None
    dyads: tuple[str, ...]
    scores: dict[str, float] = field(default_factory=dict)  # profile -> whole-statement score
    dyad_scores: dict[tuple[str, str], float] = field(default_factory=dict)  # (dyad, profile)

    def score(self, dyad: str, profile: str) -> float:
        return self.dyad_scores.get((dyad, profile), self.scores.get(profile, 0.0))


def normalise(text: str) -> str:
    return _SPACE.sub(" ", fold(text)).strip()


def match(gold: GoldItem, statements: Sequence[SystemStatement]) -> SystemStatement | None:
    """The statement that contains the gold sentence (or, failing that, lies inside it)."""
    wanted = normalise(gold.text)
    if not wanted:
        return None
    for statement in statements:
        if wanted in normalise(statement.text):
            return statement
    for statement in statements:
        if normalise(statement.text) and normalise(statement.text) in wanted:
            return statement
    return None


def statements_from_documents(
    manifest: Path, pipeline: Pipeline
) -> tuple[list[SystemStatement], list[str]]:
    """Ingest a manifest into a temporary database and read the statements back."""
    with tempfile.TemporaryDirectory(prefix="tracker-eval-") as tmp:
        db_path = Path(tmp) / "eval.duckdb"
        report = ingest_paths([manifest], db_path, pipeline=pipeline)
        errors = [e.message for e in report.errors]
        with connection.reader(db_path) as con:
            cur = con.cursor()
            whole = cur.execute(
                "SELECT statement_id, text, speaker, speaker_side, refers_to, "
                "refers_to_precision, scorer, score FROM statement_scores "
                "ORDER BY statement_id"
            ).fetchall()
            per_dyad = cur.execute(
                "SELECT statement_id, dyad, scorer, score FROM dyad_scores"
            ).fetchall()
    rows: dict[int, dict[str, Any]] = {}
    for sid, text, speaker, side, refers, precision, scorer, score in whole:
        row = rows.setdefault(
            sid,
            {
                "text": text,
                "speaker": speaker,
                "side": side,
                "refers": refers,
                "precision": precision,
                "dyads": [],
                "scores": {},
                "dyad_scores": {},
            },
        )
        row["scores"][scorer] = score
    for sid, dyad, scorer, score in per_dyad:
        row = rows[sid]
        if dyad not in row["dyads"]:
            row["dyads"].append(dyad)
        row["dyad_scores"][(dyad, scorer)] = score
    statements = [
        SystemStatement(
            r["text"],
            r["speaker"],
            r["side"],
            r["refers"],
            r["precision"],
            tuple(r["dyads"]),
            r["scores"],
            r["dyad_scores"],
        )
        for _, r in sorted(rows.items())
    ]
    return statements, errors


def statement_from_sentence(gold: GoldItem, pipeline: Pipeline) -> SystemStatement | None:
    """Process one gold line as a one-sentence document (published may be unknown)."""
    segments, analyses, scores = pipeline.process_text(gold.text, gold.published)
    if not segments:
        return None
    analysis = analyses[0]
    whole: dict[str, float] = {}
    per_dyad: dict[tuple[str, str], float] = {}
    for profile, per_statement in scores.items():
        result = per_statement[0]
        whole[profile] = result.whole.score.compound
        for dyad, scored in result.by_dyad:
            per_dyad[(dyad, profile)] = scored.score.compound
    dates = analysis.dates
    return SystemStatement(
        segments[0].text,
        analysis.speaker,
        analysis.attribution.side,
        dates.refers_to or dates.said_on or gold.published,
        dates.refers_to_precision or ("day" if gold.published else None),
        tuple(d.dyad for d in analysis.dyads),
        whole,
        per_dyad,
    )


def _same_speaker(gold: str, system: str, actors: ActorDictionary, on: dt.date | None) -> bool:
    if gold == NARRATOR or system == NARRATOR:
        return gold == system
    gold_name = actors.canonical(gold, on) or normalise(gold).casefold()
    system_name = actors.canonical(system, on) or normalise(system).casefold()
    return bool(gold_name == system_name)


def _date_hits(gold: GoldItem, system: SystemStatement | None) -> tuple[bool, bool]:
    if system is None or system.refers_to is None or not gold.event_date:
        return False, False
    got = system.refers_to
    month_hit = got.strftime("%Y-%m") == gold.event_date[:7]
    if gold.date_precision == "month" or len(gold.event_date) == 7:
        return month_hit, month_hit
    return (system.refers_to_precision == "day" and got.isoformat() == gold.event_date), month_hit


@dataclass(frozen=True)
class Miss:
    item: str
    metric: str
    gold: Any
    system: Any
    text: str


@dataclass
class Evaluation:
    results: dict[str, Any]
    misses: list[Miss]
    ingest_errors: list[str] = field(default_factory=list)


def _ratio(hits: int, total: int) -> float | None:
    return round(hits / total, 4) if total else None


def _spearman(gold: list[float], system: list[float]) -> float | None:
    if len(gold) < 2:
        return None
    # Pearson on average ranks is Spearman's rho (pandas' method="spearman" needs scipy).
    value = pd.Series(gold).rank().corr(pd.Series(system).rank())
    return None if pd.isna(value) else round(float(value), 4)


def evaluate(
    gold: Sequence[GoldItem],
    pipeline: Pipeline,
    documents: Path | None = None,
    by_tag: bool = False,
) -> Evaluation:
    """Compare the tool with the gold items; see the module docstring for the metrics."""
    errors: list[str] = []
    if documents is not None:
        stored, errors = statements_from_documents(documents, pipeline)
        found = [match(item, stored) for item in gold]
    else:
        found = [statement_from_sentence(item, pipeline) for item in gold]
    results, misses = _figures(gold, found, pipeline)
    if by_tag:
        results["by_tag"] = {}
        for tag in sorted({t for item in gold for t in item.tags}):
            pairs = [(i, f) for i, f in zip(gold, found, strict=True) if tag in i.tags]
            results["by_tag"][tag] = _figures(
                [i for i, _ in pairs], [f for _, f in pairs], pipeline
            )[0]
    return Evaluation(results, misses, errors)


def _figures(
    gold: Sequence[GoldItem], found: Sequence[SystemStatement | None], pipeline: Pipeline
) -> tuple[dict[str, Any], list[Miss]]:
    """The metrics over gold items and the statements found for them, and the misses."""
    profiles = [s.name for s in pipeline.scorers]
    misses: list[Miss] = []
    counts: dict[str, int] = dict.fromkeys(
        [
            "stmt_hit",
            "spk_n",
            "spk_hit",
            "side_hit",
            "date_n",
            "date_hit",
            "month_hit",
            "tp",
            "fp",
            "fn",
        ],
        0,
    )
    polarity: dict[str, tuple[list[float], list[float]]] = {p: ([], []) for p in profiles}
    for item, system in zip(gold, found, strict=True):
        stored_as_statement = system is not None
        if stored_as_statement == item.is_statement:
            counts["stmt_hit"] += 1
        else:
            misses.append(
                Miss(item.id, "is_statement", item.is_statement, stored_as_statement, item.text)
            )
        if item.is_statement and item.speaker is not None:
            counts["spk_n"] += 1
            got_speaker = system.speaker if system else None
            if got_speaker and _same_speaker(
                item.speaker, got_speaker, pipeline.actors, item.published
            ):
                counts["spk_hit"] += 1
            else:
                misses.append(Miss(item.id, "speaker", item.speaker, got_speaker, item.text))
            got_side = system.speaker_side if system else None
            if system is not None and got_side == item.speaker_side:
                counts["side_hit"] += 1
            else:
                misses.append(Miss(item.id, "speaker_side", item.speaker_side, got_side, item.text))
        if item.is_statement and item.event_date:
            counts["date_n"] += 1
            exact, month = _date_hits(item, system)
            counts["date_hit"] += exact
            counts["month_hit"] += month
            if not exact:
                got = system.refers_to.isoformat() if system and system.refers_to else None
                shown = f"{got} ({system.refers_to_precision})" if system and got else got
                misses.append(
                    Miss(
                        item.id,
                        "event_date",
                        f"{item.event_date} ({item.date_precision})",
                        shown,
                        item.text,
                    )
                )
        gold_dyads = {r.dyad for r in item.relations}
        system_dyads = set(system.dyads) if system else set()
        counts["tp"] += len(gold_dyads & system_dyads)
        counts["fp"] += len(system_dyads - gold_dyads)
        counts["fn"] += len(gold_dyads - system_dyads)
        if gold_dyads != system_dyads:
            misses.append(
                Miss(item.id, "dyad", sorted(gold_dyads), sorted(system_dyads), item.text)
            )
        for relation in item.relations:
            if relation.polarity is None:
                continue
            for profile in profiles:
                score = system.score(relation.dyad, profile) if system else 0.0
                polarity[profile][0].append(float(relation.polarity))
                polarity[profile][1].append(score)
                wrong_sign = relation.polarity != 0 and (
                    score == 0 or (score > 0) != (relation.polarity > 0)
                )
                if wrong_sign and profile == profiles[0]:
                    misses.append(
                        Miss(
                            item.id,
                            f"polarity[{profile}] {relation.dyad}",
                            relation.polarity,
                            round(score, 3),
                            item.text,
                        )
                    )
    precision = _ratio(counts["tp"], counts["tp"] + counts["fp"])
    recall = _ratio(counts["tp"], counts["tp"] + counts["fn"])
    f1 = (
        round(2 * precision * recall / (precision + recall), 4)
        if precision is not None and recall is not None and precision + recall > 0
        else (0.0 if precision is not None and recall is not None else None)
    )
    has_dyads = any(item.relations for item in gold)
    results: dict[str, Any] = {
        "items": len(gold),
        "is_statement": {"accuracy": _ratio(counts["stmt_hit"], len(gold))},
        "speaker": {"accuracy": _ratio(counts["spk_hit"], counts["spk_n"])},
        "speaker_side": {"accuracy": _ratio(counts["side_hit"], counts["spk_n"])},
        "dyad": {
            "precision": precision if has_dyads else None,
            "recall": recall if has_dyads else None,
            "f1": f1 if has_dyads else None,
        },
        "event_date": {
            "accuracy": _ratio(counts["date_hit"], counts["date_n"]),
            "month_accuracy": _ratio(counts["month_hit"], counts["date_n"]),
        },
        "polarity": {},
    }
    for profile in profiles:
        golds, scores = polarity[profile]
        signed = [(g, s) for g, s in zip(golds, scores, strict=True) if g != 0]
        agree = sum(1 for g, s in signed if s != 0 and (s > 0) == (g > 0))
        results["polarity"][profile] = {
            "sign_agreement": _ratio(agree, len(signed)),
            "spearman": _spearman(golds, scores),
        }
    return results, misses


def format_table(results: dict[str, Any]) -> str:
    """The results as an aligned plain-text table."""

    def show(value: Any) -> str:
        return "n/a" if value is None else f"{value:.3f}"

    lines = [f"items                     {results['items']}"]
    lines.append(f"is_statement accuracy     {show(results['is_statement']['accuracy'])}")
    lines.append(f"speaker accuracy          {show(results['speaker']['accuracy'])}")
    lines.append(f"speaker_side accuracy     {show(results['speaker_side']['accuracy'])}")
    dyad = results["dyad"]
    lines.append(
        f"dyad P / R / F1           {show(dyad['precision'])} / {show(dyad['recall'])} / "
        f"{show(dyad['f1'])}"
    )
    dates = results["event_date"]
    lines.append(
        f"event_date exact / month  {show(dates['accuracy'])} / {show(dates['month_accuracy'])}"
    )
    for profile, figures in results["polarity"].items():
        lines.append(
            f"polarity {profile:<16} sign {show(figures['sign_agreement'])}, "
            f"spearman {show(figures['spearman'])}"
        )
    if "by_tag" in results:
        lines.append("")
        lines.append(format_by_tag(results["by_tag"]).rstrip("\n"))
    return "\n".join(lines) + "\n"


def format_by_tag(by_tag: dict[str, dict[str, Any]]) -> str:
    """Per-category figures, one row per tag: items, speaker, side, dyad F1, date, signs."""

    def show(value: Any) -> str:
        return "  n/a" if value is None else f"{value:.3f}"

    profiles = list(next(iter(by_tag.values()))["polarity"]) if by_tag else []
    width = max([len("category"), *map(len, by_tag)])
    head = f"{'category':<{width}}  items  speaker   side  dyad F1   date"
    widths = {p: max(10, len(p) + 5) for p in profiles}
    head += "".join(f"  {'sign ' + p:>{widths[p]}}" for p in profiles)
    lines = [head]
    for tag, r in by_tag.items():
        row = f"{tag:<{width}}  {r['items']:>5}  {show(r['speaker']['accuracy']):>7}"
        row += f"  {show(r['speaker_side']['accuracy'])}  {show(r['dyad']['f1']):>7}"
        row += f"  {show(r['event_date']['accuracy'])}"
        row += "".join(f"  {show(r['polarity'][p]['sign_agreement']):>10}" for p in profiles)
        lines.append(row)
    return "\n".join(lines) + "\n"
