"""Checks shared by the diplomacy profile's test tables: the sign of a sentence's score, and
whether a rule (named by a marker in its explanation note) fired."""

from __future__ import annotations

import math

from tracker.scoring.vader import expected_compound, get_scorer

DIPLOMACY = get_scorer("diplomacy")
VADER = get_scorer("vader")


def sign(x: float) -> int:
    return (x > 0) - (x < 0)


def check_sign(sentence: str, expected: int) -> None:
    compound = DIPLOMACY.score(sentence).compound
    assert sign(compound) == expected, DIPLOMACY.explain(sentence).describe()


def notes(sentence: str) -> list[str]:
    return [c.note for c in DIPLOMACY.explain(sentence).contributions]


def fired(sentence: str, marker: str) -> bool:
    return any(marker in note for note in notes(sentence))


def check_rule(sentence: str, expected: int, marker: str, fires: bool) -> None:
    check_sign(sentence, expected)
    explanation = DIPLOMACY.explain(sentence)
    assert math.isclose(expected_compound(explanation), explanation.compound, abs_tol=1e-4)
    assert fired(sentence, marker) == fires, explanation.describe()
