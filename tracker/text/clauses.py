"""Clause boundaries shared by the relation analysis (``dyads``) and the scoring profile.

:func:`split_clauses` cuts a sentence where a contrast joins two clauses that can each carry a
relation: at ", while", ", whereas", ", but", ", although", ", though", ", even though",
", even as", ", yet", at "; " and at " while " / " whereas ", and after an opening contrast
clause. The connector belongs to neither clause; spans are trimmed, none is empty. Connectors
are function words in any case ("Ankara Warms To Moscow While Brussels Waits" is cut too);
"though" followed by a comma is an adverb ("Moscow, though, was unmoved"), not a connector.

A sentence that opens with a contrast clause ("While Ankara's ties with Brussels are warming,
its relations with Moscow remain frozen") carries two clauses: :func:`leading_contrast` gives
the span of the opening one (without "While" and the comma), or None when there is none. A
one- or two-word "clause" is an appositive's head ("While Turkey, a NATO member, …"), not one.
"""

from __future__ import annotations

import re

from tracker.text.quotes import OPENING
from tracker.text.words import caseless, lower_cased

_LEADING_CONTRAST = re.compile(
    rf"^\s*[{re.escape(OPENING)}]?(?:while|whereas)\s+([^,;]+),\s+", re.IGNORECASE
)
_CLAUSE_BREAK = re.compile(
    r",\s+(?:while|whereas|but|although|though(?!\s*,)|even\s+though|even\s+as|yet)\b"
    r"|;\s+|\s+(?:while|whereas)\s+",
    re.IGNORECASE,
)
_CLAUSE_BREAK_LOWER = lower_cased(_CLAUSE_BREAK)  # on the lower-cased text: faster, the same


def leading_contrast(text: str) -> tuple[tuple[int, int], int] | None:
    """((start, end) of the opening contrast clause, offset where the main clause starts)."""
    match = _LEADING_CONTRAST.match(text)
    if match is None or len(match.group(1).split()) < 3:
        return None
    return (match.start(1), match.end(1)), match.end()


def split_clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of each clause of ``text``, in order; [] when it holds no word."""
    spans: list[tuple[int, int]] = []
    start = 0
    leading = leading_contrast(text)
    if leading is not None:
        spans.append(leading[0])
        start = leading[1]
    lowered = caseless(text)
    if lowered is None:
        breaks = _CLAUSE_BREAK.finditer(text, start)
    else:
        breaks = _CLAUSE_BREAK_LOWER.finditer(lowered, start)
    for match in breaks:
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out
