"""Scoring statements with a profile: the whole statement, and each relation's own clause.

A statement that carries two relations ("criticism from the US … while Turkey has heaped praise
on Russia") gets, besides its whole-statement score, one score per relation computed on the
clause that carries it (the ``diplomacy`` profile only: ``vader`` stays the stock baseline and
scores whole statements). Every score keeps its explanation as the JSON text that is stored
(made here, so rescoring workers do that work in parallel too), and a profile that reads
events (``diplomacy``: ``score_explain_and_event``) also the event of each scored text. A
statement assigned to a relation is scored as diplomatic text even when its words name no side
("It will be a historic visit"): the analysis found the relation in its context.

Each relation's own score also leaves out the other relation's relation terms ("concerned about
the rapprochement between Russia and Turkey" is no warming of Turkey–West; see
:mod:`tracker.scoring.diplomacy.relations`): a relation whose clause is the whole statement gets
its own row where that changes its explanation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tracker.models import DyadAssignment, Score
from tracker.scoring.diplomacy.relations import may_name_other_relation
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
    scorer: Scorer,
    text: str,
    span: tuple[int, int] | None,
    relation: bool = False,
    dyad: str | None = None,
) -> ScoredText:
    read_event = getattr(scorer, "score_explain_and_event", None)
    if read_event is not None:
        if dyad is not None:
            return ScoredText(*read_event(text, span, relation=relation, dyad=dyad))
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
    both_named = may_name_other_relation(text)
    for assignment in dyads:
        span = assignment.clause_span
        if span is None or span == (0, len(text)):
            if not both_named:
                continue
            own = _scored(scorer, text, None, relation, assignment.dyad)
            if own.explanation_json != whole.explanation_json:
                per_dyad.append((assignment.dyad, own))
            continue
        per_dyad.append((assignment.dyad, _scored(scorer, text, span, relation, assignment.dyad)))
    return StatementScores(whole, tuple(per_dyad))
