"""Building the Arrow tables that ``store`` and the rescoring workers insert.

Pure functions from processed values (scores, analyses) to column-named Arrow tables; nothing
here opens the database. Explanations become JSON text, which DuckDB casts into its JSON column.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pyarrow as pa

from tracker.analysis.analyze import StatementAnalysis
from tracker.scoring.events.reading import StatementEvent
from tracker.scoring.statement import ScoredText, StatementScores

# The columns of a score row the pipeline fills (run_id apart), the event's last.
SCORE_COLUMNS = (
    "statement_id",
    "dyad",
    "compound",
    "positive",
    "neutral",
    "negative",
    "explanation",
    "event_code",
    "event_quad",
    "event_goldstein",
    "event_mode",
    "event_agent",
    "event_start",
    "event_end",
)
_NO_EVENT = (None,) * 7


def columns(*names: str) -> dict[str, list[Any]]:
    return {name: [] for name in names}


def append(columns: dict[str, list[Any]], **values: Any) -> None:
    for key, value in values.items():
        columns[key].append(value)


def span(span: tuple[int, int] | None) -> tuple[int | None, int | None]:
    return (span[0], span[1]) if span else (None, None)


def score_table(run_id: int, cols: dict[str, list[Any]]) -> pa.Table:
    """Score rows as Arrow, explanations as JSON text (DuckDB casts them to JSON)."""
    n = len(cols["statement_id"])
    return pa.table(
        {
            "run_id": pa.array([run_id] * n, pa.int64()),
            "statement_id": pa.array(cols["statement_id"], pa.int64()),
            "dyad": pa.array(cols["dyad"], pa.string()),
            "compound": pa.array(cols["compound"], pa.float64()),
            "positive": pa.array(cols["positive"], pa.float64()),
            "neutral": pa.array(cols["neutral"], pa.float64()),
            "negative": pa.array(cols["negative"], pa.float64()),
            "explanation": pa.array(cols["explanation"], pa.string()),
            "event_code": pa.array(cols["event_code"], pa.string()),
            "event_quad": pa.array(cols["event_quad"], pa.string()),
            "event_goldstein": pa.array(cols["event_goldstein"], pa.float64()),
            "event_mode": pa.array(cols["event_mode"], pa.string()),
            "event_agent": pa.array(cols["event_agent"], pa.string()),
            "event_start": pa.array(cols["event_start"], pa.int32()),
            "event_end": pa.array(cols["event_end"], pa.int32()),
        }
    )


def _event_fields(event: StatementEvent | None) -> tuple[Any, ...]:
    if event is None:
        return _NO_EVENT
    return (
        event.cameo,
        event.quad_class,
        event.goldstein,
        event.mode,
        event.agent,
        event.start,
        event.end,
    )


def _extend_events(cols: dict[str, list[Any]], events: Sequence[StatementEvent | None]) -> None:
    fields = [_event_fields(e) for e in events]
    for k, name in enumerate(SCORE_COLUMNS[7:]):
        cols[name].extend([f[k] for f in fields])


def append_scores(cols: dict[str, list[Any]], stmt_id: int, scores: StatementScores) -> None:
    # Called once per statement and profile: plain list appends, no per-row dicts.
    ids, dyads, compound = cols["statement_id"], cols["dyad"], cols["compound"]
    positive, neutral, negative = cols["positive"], cols["neutral"], cols["negative"]
    explanation = cols["explanation"]
    rows: list[tuple[str | None, ScoredText]] = [(None, scores.whole), *scores.by_dyad]
    for dyad, scored in rows:
        s = scored.score
        ids.append(stmt_id)
        dyads.append(dyad)
        compound.append(s.compound)
        positive.append(s.positive)
        neutral.append(s.neutral)
        negative.append(s.negative)
        explanation.append(scored.explanation_json)
    _extend_events(cols, [scored.event for _, scored in rows])


def extend_scores(
    cols: dict[str, list[Any]], stmt_ids: Sequence[int], scores: Sequence[StatementScores]
) -> None:
    """:func:`append_scores` for a run of statements: column by column when none of them has
    per-relation rows (the usual case), else statement by statement."""
    if any(s.by_dyad for s in scores):
        for stmt_id, statement_scores in zip(stmt_ids, scores, strict=True):
            append_scores(cols, stmt_id, statement_scores)
        return
    wholes = [s.whole for s in scores]
    values = [w.score for w in wholes]
    cols["statement_id"].extend(stmt_ids)
    cols["dyad"].extend([None] * len(wholes))
    cols["compound"].extend([v.compound for v in values])
    cols["positive"].extend([v.positive for v in values])
    cols["neutral"].extend([v.neutral for v in values])
    cols["negative"].extend([v.negative for v in values])
    cols["explanation"].extend([w.explanation_json for w in wholes])
    _extend_events(cols, [w.event for w in wholes])


def append_analysis(
    analysed: dict[str, list[Any]],
    dyads: dict[str, list[Any]],
    stmt_id: int,
    result: StatementAnalysis,
) -> None:
    attribution, dates = result.attribution, result.dates
    a_start, a_end = span(attribution.span)
    s_start, s_end = span(dates.said_on_span)
    r_start, r_end = span(dates.refers_to_span)
    append(
        analysed,
        statement_id=stmt_id,
        speaker=result.speaker,
        speaker_actor=attribution.actor,
        speaker_side=attribution.side,
        attribution_start=a_start,
        attribution_end=a_end,
        said_on=dates.said_on,
        said_on_precision=dates.said_on_precision,
        said_on_start=s_start,
        said_on_end=s_end,
        refers_to=dates.refers_to,
        refers_to_precision=dates.refers_to_precision,
        refers_to_start=r_start,
        refers_to_end=r_end,
    )
    for assignment in result.dyads:
        c_start, c_end = span(assignment.clause_span)
        append(
            dyads,
            statement_id=stmt_id,
            dyad=assignment.dyad,
            role=assignment.role,
            direction=assignment.direction,
            basis=assignment.basis,
            clause_start=c_start,
            clause_end=c_end,
        )


def score_rows(run_id: int, scored: Sequence[tuple[int, StatementScores]]) -> pa.Table:
    """One run's score rows (whole statement, then per relation) for ``(statement_id, scores)``."""
    cols = columns(*SCORE_COLUMNS)
    for stmt_id, scores in scored:
        append_scores(cols, stmt_id, scores)
    return score_table(run_id, cols)


ANALYSIS_COLUMNS = [
    "statement_id",
    "speaker",
    "speaker_actor",
    "speaker_side",
    "attribution_start",
    "attribution_end",
    "said_on",
    "said_on_precision",
    "said_on_start",
    "said_on_end",
    "refers_to",
    "refers_to_precision",
    "refers_to_start",
    "refers_to_end",
]
DYAD_COLUMNS = ["statement_id", "dyad", "role", "direction", "basis", "clause_start", "clause_end"]


def analysis_rows(
    analysis_id: int, analysed: Sequence[tuple[int, StatementAnalysis]]
) -> tuple[pa.Table, pa.Table]:
    """One analysis run's ``statement_analysis`` and ``statement_dyads`` rows."""
    rows = columns(*ANALYSIS_COLUMNS)
    dyads = columns(*DYAD_COLUMNS)
    for stmt_id, result in analysed:
        append_analysis(rows, dyads, stmt_id, result)
    n, m = len(rows["statement_id"]), len(dyads["statement_id"])
    return (
        pa.table({"analysis_id": pa.array([analysis_id] * n, pa.int64()), **rows}),
        pa.table({"analysis_id": pa.array([analysis_id] * m, pa.int64()), **dyads}),
    )
