"""Scoring statements with a profile: the whole statement, and each relation's own clause.

A statement that carries two relations ("criticism from the US … while Turkey has heaped praise
on Russia") gets, besides its whole-statement score, one score per relation computed on the
clause that carries it (the ``diplomacy`` profile only: ``vader`` stays the stock baseline and
scores whole statements). Every score keeps its explanation as the JSON text that is stored
(made here, so rescoring workers do that work in parallel too), and a profile that reads
events (``diplomacy``: ``score_explain_and_event``) also the event of each scored text. A
statement assigned to a relation is scored as diplomatic text even when its words name no side
("It will be a historic visit"): the analysis found the relation in its context.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tracker.models import DyadAssignment, Score
from tracker.scoring.events.reading import StatementEvent
from tracker.scoring.vader import Scorer

CLAUSE_PROFILES = frozenset({"diplomacy"})


@dataclass(frozen=True)
class ScoredText:
    score: Score
    explanation_json: str  # the stored form: Explanation.to_json_text()
    event: StatementEvent | None = None  # the act between the sides it reports, if any


@dataclass(frozen=True)
class StatementScores:
    """One profile's scores for one statement: whole, and per relation where clauses differ."""

    whole: ScoredText
    by_dyad: tuple[tuple[str, ScoredText], ...] = ()


def _scored(
    scorer: Scorer, text: str, span: tuple[int, int] | None, relation: bool = False
) -> ScoredText:
    read_event = getattr(scorer, "score_explain_and_event", None)
    if read_event is not None:
        return ScoredText(*read_event(text, span, relation=relation))
    return ScoredText(*scorer.score_and_explain_json(text, span))


def score_statement(
    scorer: Scorer, text: str, dyads: Sequence[DyadAssignment] = ()
) -> StatementScores:
    relation = bool(dyads)
    whole = _scored(scorer, text, None, relation)
    if scorer.name not in CLAUSE_PROFILES or len(dyads) < 2:
        return StatementScores(whole)
    per_dyad = []
    for assignment in dyads:
        span = assignment.clause_span
        if span is None or span == (0, len(text)):
            continue
        per_dyad.append((assignment.dyad, _scored(scorer, text, span, relation)))
    return StatementScores(whole, tuple(per_dyad))
