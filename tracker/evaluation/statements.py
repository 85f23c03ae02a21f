"""``tracker evaluate``: the tool's statements against a gold file.

Two modes:

* **document mode** (``documents`` = a manifest): the documents are ingested into a temporary
  database with the normal pipeline; each gold sentence is matched to the stored statement that
  contains it (whitespace-normalised), so speakers, relations and dates are judged in context;
* **sentence mode**: each gold line is a one-sentence document with its own ``published`` date;
  where that is null, the date its ``source_url`` path carries, at day or month precision, as
  an ingest of the page would know it (:mod:`tracker.analysis.dates.url`); with neither,
  explicit dates still resolve, relative ones cannot.

Metric definitions (also in ``docs/evaluation.md``):

* ``is_statement.accuracy``: the share of gold lines whose "is a statement" label (a line with a
  speaker, not marked ``is_statement: false``) equals whether the tool stored it as a statement.
* ``speaker.accuracy``: over gold statements; names match after folding case, diacritics and a
  leading article ("the", "a", "an") and resolving aliases through the actor dictionary
  (Erdoğan = Erdogan = Recep Tayyip Erdogan); ``narrator`` matches the tool's narrator.
* ``speaker_side.accuracy``: over gold statements; the narrator's side is null.
* ``dyad`` precision, recall, F1: over (item, dyad) pairs, including ``also``.
* ``event_date.accuracy``: over gold statements with an event date; exact at the gold precision
  (a day needs the same day at day precision, a month the same month); ``month_accuracy``
  compares year and month only. ``published_known``: the same exact figure over the items whose
  publication date the tool is given (the gold's ``published``, else a date in its
  ``source_url`` path), with their count: relative dates ("on Tuesday") cannot resolve without
  one, so this is the dating rules' own figure.
* ``polarity[PROFILE]``: over (item, dyad) pairs with a gold polarity, the tool's score for that
  relation (its clause score where it has one, else the statement's score).
  ``sign_agreement`` over pairs with non-zero gold polarity, a zero score counting as wrong;
  ``spearman`` is Spearman's rank correlation over all such pairs.

A metric is null when the gold file has no labels for it.

* ``event`` (only when some gold item carries the optional ``event`` key): over those items,
  ``accuracy`` is the share whose CAMEO root code equals the event the tool coded for the item's
  primary relation (see below), no event matching only no event; ``quad_accuracy`` compares
  their quad classes the same way; ``items`` is how many items carry the key.

The event the tool coded for a statement-relation is the ``diplomacy`` profile's event of the
text whose score is judged: the relation's own clause where the statement stores one, else the
whole statement (the ``dyad_events`` view's choice); no event when the statement is not stored.

``by_tag`` (on request) repeats the figures for the items of each category (the gold items'
tags, see :mod:`tracker.evaluation.gold`), so errors can be counted by kind of construction.
``by_event`` (on request) gives the polarity figures of the gold (item, relation) pairs with a
polarity grouped by the event the tool coded for that relation: per CAMEO root category
(``root``) and per quad class (``quad``), each with a ``"no event"`` group.
``by_month`` (on request) is what a timeline of the gold items would show, gold against tool:
see :mod:`tracker.evaluation.timeline`.
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
from tracker.analysis.dates.url import PublishedDate, published_from_url
from tracker.db import connection
from tracker.evaluation.gold import GoldItem
from tracker.evaluation.timeline import Point, format_timeline, timeline_agreement
from tracker.ingest.batches import ingest_paths
from tracker.ingest.pipeline import Pipeline
from tracker.models import NARRATOR
from tracker.scoring.events.dictionary import QUAD_CLASSES, ROOT_NAMES, quad_class

_SPACE = re.compile(r"\s+")
EVENT_PROFILE = "diplomacy"  # the profile that codes events
NO_EVENT = "no event"


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
    # The event profile's CAMEO root codes: None -> the whole statement's, dyad -> the relation's
    # own clause row where one is stored (a value of None: that text reports no event).
    events: dict[str | None, str | None] = field(default_factory=dict)
    cluster: int | None = None  # its cluster of syndicated copies (document mode)

    def score(self, dyad: str, profile: str) -> float:
        return self.dyad_scores.get((dyad, profile), self.scores.get(profile, 0.0))

    def event(self, dyad: str | None = None) -> str | None:
        """The event coded for a relation (its clause's where stored), or the statement's."""
        if dyad is not None and dyad in self.events:
            return self.events[dyad]
        return self.events.get(None)


# Gold files differ on the article before a descriptor ("a senior EU official", "German
# Foreign Ministry"); it names no one, so it is folded away like case.
_ARTICLE = re.compile(r"^(?:the|a|an) (?=\S)")


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
                "SELECT ss.statement_id, ss.text, ss.speaker, ss.speaker_side, ss.refers_to, "
                "ss.refers_to_precision, ss.scorer, ss.score, sc.event_code "
                "FROM statement_scores AS ss JOIN scores AS sc ON sc.run_id = ss.run_id "
                "AND sc.statement_id = ss.statement_id AND sc.dyad IS NULL "
                "ORDER BY ss.statement_id"
            ).fetchall()
            per_dyad = cur.execute(
                "SELECT ds.statement_id, ds.dyad, ds.scorer, ds.score, "
                "dsc.statement_id IS NOT NULL, dsc.event_code "
                "FROM dyad_scores AS ds LEFT JOIN scores AS dsc ON dsc.run_id = ds.run_id "
                "AND dsc.statement_id = ds.statement_id AND dsc.dyad = ds.dyad"
            ).fetchall()
            clusters = dict(
                cur.execute("SELECT statement_id, cluster_id FROM statement_copies").fetchall()
            )
    rows: dict[int, dict[str, Any]] = {}
    for sid, text, speaker, side, refers, precision, scorer, score, code in whole:
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
                "events": {},
                "cluster": clusters.get(sid),
            },
        )
        row["scores"][scorer] = score
        if scorer == EVENT_PROFILE:
            row["events"][None] = code
    for sid, dyad, scorer, score, has_clause, code in per_dyad:
        row = rows[sid]
        if dyad not in row["dyads"]:
            row["dyads"].append(dyad)
        row["dyad_scores"][(dyad, scorer)] = score
        if scorer == EVENT_PROFILE and has_clause:
            row["events"][dyad] = code
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
            r["events"],
            r["cluster"],
        )
        for _, r in sorted(rows.items())
    ]
    return statements, errors


def publication(gold: GoldItem) -> PublishedDate | None:
    """What an ingest of the item's page would know of its date: ``published`` (a day), else
    the date its ``source_url`` path carries, at the precision found (day or month)."""
    if gold.published is not None:
        return PublishedDate(gold.published, "day")
    return published_from_url(gold.source_url)


def statement_from_sentence(gold: GoldItem, pipeline: Pipeline) -> SystemStatement | None:
    """Process one gold line as a one-sentence document (published may be unknown)."""
    known = publication(gold)
    published = known.date if known else None
    precision = known.precision if known else "day"
    segments, analyses, scores = pipeline.process_text(gold.text, published, precision)
    if not segments:
        return None
    analysis = analyses[0]
    whole: dict[str, float] = {}
    per_dyad: dict[tuple[str, str], float] = {}
    events: dict[str | None, str | None] = {}
    for profile, per_statement in scores.items():
        result = per_statement[0]
        whole[profile] = result.whole.score.compound
        if profile == EVENT_PROFILE:
            events[None] = result.whole.event.cameo if result.whole.event else None
        for dyad, scored in result.by_dyad:
            per_dyad[(dyad, profile)] = scored.score.compound
            if profile == EVENT_PROFILE:
                events[dyad] = scored.event.cameo if scored.event else None
    dates = analysis.dates
    return SystemStatement(
        segments[0].text,
        analysis.speaker,
        analysis.attribution.side,
        dates.refers_to or dates.said_on or published,
        dates.refers_to_precision or dates.said_on_precision or (precision if known else None),
        tuple(d.dyad for d in analysis.dyads),
        whole,
        per_dyad,
        events,
    )


def _same_speaker(gold: str, system: str, actors: ActorDictionary, on: dt.date | None) -> bool:
    if gold == NARRATOR or system == NARRATOR:
        return gold == system
    gold_name = actors.canonical(gold, on) or _ARTICLE.sub("", normalise(gold).casefold())
    system_name = actors.canonical(system, on) or _ARTICLE.sub("", normalise(system).casefold())
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
    event: str | None = None  # the event the tool coded (CAMEO root code); None: no event

    def shown_event(self) -> str:
        return show_event(self.event)


def show_event(code: str | None) -> str:
    """``14 (protest)``, or ``none``."""
    if code is None or code not in ROOT_NAMES:
        return "none"
    return f"{code} ({ROOT_NAMES[code]})"


def _quad(code: str | None) -> str:
    return quad_class(code) if code is not None else NO_EVENT


def event_hits(gold: str | None, system: str | None) -> tuple[bool, bool]:
    """Whether the tool's event code (None: no event) has the gold root, and its quad class."""
    return gold == system, _quad(gold) == _quad(system)


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


def _polarity(golds: list[float], scores: list[float]) -> dict[str, float | None]:
    """Sign agreement (non-zero gold; a zero score is wrong) and Spearman over all pairs."""
    signed = [(g, s) for g, s in zip(golds, scores, strict=True) if g != 0]
    agree = sum(1 for g, s in signed if s != 0 and (s > 0) == (g > 0))
    return {"sign_agreement": _ratio(agree, len(signed)), "spearman": _spearman(golds, scores)}


def evaluate(
    gold: Sequence[GoldItem],
    pipeline: Pipeline,
    documents: Path | None = None,
    by_tag: bool = False,
    by_event: bool = False,
    by_month: bool = False,
) -> Evaluation:
    """Compare the tool with the gold items; see the module docstring for the metrics."""
    errors: list[str] = []
    if documents is not None:
        stored, errors = statements_from_documents(documents, pipeline)
        found = [match(item, stored) for item in gold]
    else:
        found = [statement_from_sentence(item, pipeline) for item in gold]
    with_events = any(item.has_event for item in gold)
    results, misses = _figures(gold, found, pipeline, with_events)
    if by_tag:
        results["by_tag"] = {}
        for tag in sorted({t for item in gold for t in item.tags}):
            pairs = [(i, f) for i, f in zip(gold, found, strict=True) if tag in i.tags]
            results["by_tag"][tag] = _figures(
                [i for i, _ in pairs], [f for _, f in pairs], pipeline, with_events
            )[0]
    if by_event:
        results["by_event"] = _by_event(gold, found, [s.name for s in pipeline.scorers])
    if by_month:
        profiles = [s.name for s in pipeline.scorers]
        results["by_month"] = timeline_agreement(_points(gold, found, profiles), profiles)
    return Evaluation(results, misses, errors)


def _points(
    gold: Sequence[GoldItem], found: Sequence[SystemStatement | None], profiles: list[str]
) -> list[Point]:
    """The gold (item, relation) pairs with a polarity and an event date, scored as
    ``polarity`` scores them (an unstored statement scores 0). Gold items found as copies of
    one syndicated remark (one cluster) count once, as the timeline counts them: the first."""
    points: list[Point] = []
    seen: set[tuple[int, str]] = set()
    for item, system in zip(gold, found, strict=True):
        if not item.is_statement or not item.event_date:
            continue
        for relation in item.relations:
            if relation.polarity is None:
                continue
            if system is not None and system.cluster is not None:
                if (system.cluster, relation.dyad) in seen:
                    continue
                seen.add((system.cluster, relation.dyad))
            scores = {p: system.score(relation.dyad, p) if system else 0.0 for p in profiles}
            points.append(Point(relation.dyad, item.event_date, relation.polarity, scores))
    return points


def _by_event(
    gold: Sequence[GoldItem], found: Sequence[SystemStatement | None], profiles: list[str]
) -> dict[str, dict[str, dict[str, Any]]]:
    """Polarity figures of the gold pairs grouped by the event the tool coded for the relation:
    ``{"root": {code | "no event": figures}, "quad": {quad class | "no event": figures}}``,
    each ``{"pairs", "signed", "polarity": {profile: {"sign_agreement", "spearman"}}}``."""
    groups: dict[str, dict[str, list[tuple[float, dict[str, float]]]]] = {"root": {}, "quad": {}}
    for item, system in zip(gold, found, strict=True):
        for relation in item.relations:
            if relation.polarity is None:
                continue
            code = system.event(relation.dyad) if system else None
            scores = {p: system.score(relation.dyad, p) if system else 0.0 for p in profiles}
            pair = (float(relation.polarity), scores)
            groups["root"].setdefault(code or NO_EVENT, []).append(pair)
            groups["quad"].setdefault(_quad(code), []).append(pair)
    order = {
        "root": [*sorted(ROOT_NAMES), NO_EVENT],
        "quad": [*QUAD_CLASSES, NO_EVENT],
    }
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for kind, by_key in groups.items():
        out[kind] = {}
        for key in order[kind]:
            pairs = by_key.get(key)
            if not pairs:
                continue
            golds = [g for g, _ in pairs]
            out[kind][key] = {
                "pairs": len(pairs),
                "signed": sum(1 for g in golds if g != 0),
                "polarity": {p: _polarity(golds, [s[p] for _, s in pairs]) for p in profiles},
            }
    return out


def _figures(
    gold: Sequence[GoldItem],
    found: Sequence[SystemStatement | None],
    pipeline: Pipeline,
    with_events: bool = False,
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
            "dated_n",
            "dated_hit",
            "tp",
            "fp",
            "fn",
            "event_n",
            "event_hit",
            "quad_hit",
        ],
        0,
    )
    polarity: dict[str, tuple[list[float], list[float]]] = {p: ([], []) for p in profiles}
    for item, system in zip(gold, found, strict=True):
        coded = system.event() if system else None  # the whole statement's event

        def miss(
            metric: str,
            gold_value: Any,
            system_value: Any,
            code: str | None = coded,
            on: GoldItem = item,
        ) -> None:
            misses.append(Miss(on.id, metric, gold_value, system_value, on.text, code))

        stored_as_statement = system is not None
        if stored_as_statement == item.is_statement:
            counts["stmt_hit"] += 1
        else:
            miss("is_statement", item.is_statement, stored_as_statement)
        if item.is_statement and item.speaker is not None:
            counts["spk_n"] += 1
            got_speaker = system.speaker if system else None
            if got_speaker and _same_speaker(
                item.speaker, got_speaker, pipeline.actors, item.published
            ):
                counts["spk_hit"] += 1
            else:
                miss("speaker", item.speaker, got_speaker)
            got_side = system.speaker_side if system else None
            if system is not None and got_side == item.speaker_side:
                counts["side_hit"] += 1
            else:
                miss("speaker_side", item.speaker_side, got_side)
        if item.is_statement and item.event_date:
            counts["date_n"] += 1
            exact, month = _date_hits(item, system)
            counts["date_hit"] += exact
            counts["month_hit"] += month
            if publication(item) is not None:
                counts["dated_n"] += 1
                counts["dated_hit"] += exact
            if not exact:
                got = system.refers_to.isoformat() if system and system.refers_to else None
                shown = f"{got} ({system.refers_to_precision})" if system and got else got
                miss("event_date", f"{item.event_date} ({item.date_precision})", shown)
        gold_dyads = {r.dyad for r in item.relations}
        system_dyads = set(system.dyads) if system else set()
        counts["tp"] += len(gold_dyads & system_dyads)
        counts["fp"] += len(system_dyads - gold_dyads)
        counts["fn"] += len(gold_dyads - system_dyads)
        if gold_dyads != system_dyads:
            miss("dyad", sorted(gold_dyads), sorted(system_dyads))
        if with_events and item.has_event:
            primary = item.relations[0].dyad if item.relations else None
            got_event = system.event(primary) if system else None
            counts["event_n"] += 1
            root_hit, quad_hit = event_hits(item.event, got_event)
            counts["event_hit"] += root_hit
            counts["quad_hit"] += quad_hit
            if got_event != item.event:
                miss("event", show_event(item.event), show_event(got_event), got_event)
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
                    miss(
                        f"polarity[{profile}] {relation.dyad}",
                        relation.polarity,
                        round(score, 3),
                        system.event(relation.dyad) if system else None,
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
            "published_known": {
                "items": counts["dated_n"],
                "accuracy": _ratio(counts["dated_hit"], counts["dated_n"]),
            },
        },
        "polarity": {},
    }
    for profile in profiles:
        results["polarity"][profile] = _polarity(*polarity[profile])
    if with_events:
        results["event"] = {
            "items": counts["event_n"],
            "accuracy": _ratio(counts["event_hit"], counts["event_n"]),
            "quad_accuracy": _ratio(counts["quad_hit"], counts["event_n"]),
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
    known = dates["published_known"]
    lines.append(
        f"event_date where published known  {show(known['accuracy'])} ({known['items']} items)"
    )
    for profile, figures in results["polarity"].items():
        lines.append(
            f"polarity {profile:<16} sign {show(figures['sign_agreement'])}, "
            f"spearman {show(figures['spearman'])}"
        )
    if "event" in results:
        event = results["event"]
        lines.append(
            f"event root / quad class   {show(event['accuracy'])} / "
            f"{show(event['quad_accuracy'])} ({event['items']} items)"
        )
    if "by_tag" in results:
        lines.append("")
        lines.append(format_by_tag(results["by_tag"]).rstrip("\n"))
    if "by_event" in results:
        lines.append("")
        lines.append(format_by_event(results["by_event"]).rstrip("\n"))
    if "by_month" in results:
        lines.append("")
        lines.append(format_timeline(results["by_month"]).rstrip("\n"))
    return "\n".join(lines) + "\n"


def format_by_event(by_event: dict[str, dict[str, dict[str, Any]]]) -> str:
    """Two tables of the gold pairs by the event the tool coded: per CAMEO root category, then
    per quad class; columns: pairs, signed (non-zero gold), sign agreement and Spearman per
    profile."""

    def show(value: Any) -> str:
        return "n/a" if value is None else f"{value:.3f}"

    rows = [*by_event["root"].values(), *by_event["quad"].values()]
    profiles = list(rows[0]["polarity"]) if rows else []
    roots = {
        (k if k == NO_EVENT else f"{k} {ROOT_NAMES[k]}"): r for k, r in by_event["root"].items()
    }
    width = max([len("event coded (CAMEO root)"), *map(len, roots), *map(len, by_event["quad"])])
    columns = [h for p in profiles for h in (f"sign {p}", f"spearman {p}")]

    def table(title: str, group: dict[str, dict[str, Any]]) -> list[str]:
        head = f"{title:<{width}}  pairs  signed" + "".join(f"  {h:>8}" for h in columns)
        lines = [head]
        for label, r in group.items():
            values = [
                show(r["polarity"][p][k]) for p in profiles for k in ("sign_agreement", "spearman")
            ]
            row = f"{label:<{width}}  {r['pairs']:>5}  {r['signed']:>6}"
            row += "".join(f"  {v:>{max(8, len(h))}}" for v, h in zip(values, columns, strict=True))
            lines.append(row)
        return lines

    lines = table("event coded (CAMEO root)", roots)
    lines += ["", *table("event coded (quad class)", by_event["quad"])]
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
