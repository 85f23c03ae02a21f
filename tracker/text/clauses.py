"""Clause boundaries shared by the relation analysis (``dyads``) and the scoring profile.

A sentence that opens with a contrast clause ("While Ankara's ties with Brussels are warming,
its relations with Moscow remain frozen") carries two clauses: :func:`leading_contrast` gives
the span of the opening one (without "While" and the comma), or None when there is none. A
one- or two-word "clause" is an appositive's head ("While Turkey, a NATO member, …"), not one.
"""

from __future__ import annotations

import re

_LEADING_CONTRAST = re.compile(
    r"^\s*[\"'\u201c\u2018]?(?:while|whereas)\s+([^,;]+),\s+", re.IGNORECASE
)


def leading_contrast(text: str) -> tuple[tuple[int, int], int] | None:
    """((start, end) of the opening contrast clause, offset where the main clause starts)."""
    match = _LEADING_CONTRAST.match(text)
    if match is None or len(match.group(1).split()) < 3:
        return None
    return (match.start(1), match.end(1)), match.end()
