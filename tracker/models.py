"""Values that cross module lines: articles read from input, segments of their text, scores,
and the names stored in rows (relations, sides, the narrator).

The values are frozen dataclasses. Character offsets are 0-based and end-exclusive, as in Python
slicing, into the article's stored text:
``segment.text == article.text[segment.start:segment.end]``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# Segment kinds. Only STATEMENT segments are stored as statements; the others are boilerplate
# that news text carries around the reporting (kept for diagnostics and tests).
STATEMENT = "statement"
ID_LINE = "id_line"
CREDIT = "credit"
CAPTION = "caption"
BYLINE = "byline"  # a byline, a date or time stamp, a dateline standing alone
PAGE = "page"  # site chrome: labels, related links, share bars, reader pleas, keyword lists
BOILERPLATE_KINDS = frozenset({ID_LINE, CREDIT, CAPTION, BYLINE, PAGE})

# Names stored in rows and compared across stages, written once: a retyped literal with a
# hyphen for the en dash (U+2013) of a relation would silently match nothing.
TURKEY, RUSSIA, WEST, OTHER = "Turkey", "Russia", "West", "other"
SIDES = (TURKEY, RUSSIA, WEST, OTHER)  # an actor's side; "other": none of the three
TURKEY_RUSSIA = "Turkey\u2013Russia"
TURKEY_WEST = "Turkey\u2013West"
DYADS = (TURKEY_RUSSIA, TURKEY_WEST)  # the relations tracked
NARRATOR = "narrator"  # the speaker of a statement that quotes nobody
SPEAKER_SIDES = (*SIDES, NARRATOR)  # a speaker's side as the views show it: the narrator's own
PRIMARY, ALSO = "primary", "also"  # a statement's main relation, and a second one it names


@dataclass(frozen=True)
class Article:
    """One document read from input, ready to be segmented and stored."""

    text: str
    published: dt.date
    origin: str
    title: str | None = None
    source: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Segment:
    """A span of an article's text: a statement, or boilerplate of a named kind."""

    start: int
    end: int
    text: str
    kind: str = STATEMENT


@dataclass(frozen=True)
class Score:
    """One scorer's reading of one text."""

    compound: float
    positive: float
    neutral: float
    negative: float


@dataclass(frozen=True)
class DyadAssignment:
    """One relation a statement is about, as the analysis found it and the scoring reads it:
    ``direction`` ("Turkey→Russia" …), ``basis`` ("text", "speaker" or "document"), the clause
    that carries it (None: the whole statement) and its ``role`` (PRIMARY or ALSO)."""

    dyad: str
    direction: str
    basis: str
    clause_span: tuple[int, int] | None
    role: str = PRIMARY
