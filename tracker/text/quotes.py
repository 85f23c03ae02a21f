"""Quotations across the statements of one document.

A quotation may open in one statement and close several statements later; the statements in
between carry no attribution of their own. ``document_quotes(statements)`` gives, for each
statement in order, its quoted regions (quotation marks included; 0-based, end-exclusive) and
whether it begins inside a quotation left open by the statement before. Straight quotes pair
up in order; a closing mark with no opening one quotes from the start of the statement (the
quotation began earlier), an opening one with no closing mark quotes to its end. Single curly
quotes (‘…’) count when they enclose a phrase, not when ’ is an apostrophe.

``give_quotations_owners`` fills the statements that have no speaker of their own: a run of
statements joined by an open quotation takes the last speaker named in it (normally at its
end: "“We oppose every coup. … We hope Turkey recovers,” Putin said."), and a statement made
only of a quotation takes the speaker of a quoting neighbour ("“Ties are back,” Erdogan said.
“Our region expects a lot.”").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TypeVar

OPENING, CLOSING = "“«„", "”»"
Region = tuple[int, int]
_MARKS = re.compile(f'[{OPENING}{CLOSING}"]')
_SINGLE = re.compile(r"‘[^‘’“”]*?’(?!\w)")
T = TypeVar("T")


def quote_regions(text: str, open_at_start: bool) -> tuple[list[Region], bool]:
    """Quoted regions (marks included) and whether a quotation is still open at the end."""
    regions: list[Region] = []
    start: int | None = 0 if open_at_start else None
    for mark in _MARKS.finditer(text):  # other characters change nothing below
        i, char = mark.start(), mark.group()
        if start is None and (char in OPENING or char == '"'):
            start = i
        elif start is not None and (char in CLOSING or char == '"') and i > start:
            regions.append((start, i + 1))
            start = None
        elif start is None and char in CLOSING and not regions:
            regions.append((0, i + 1))  # the quotation began in an earlier statement
    if start is not None:
        regions.append((start, len(text)))
    for m in _SINGLE.finditer(text):
        if not any(s <= m.start() < e for s, e in regions):
            regions.append((m.start(), m.end()))
    return sorted(regions), start is not None


def quote_content(text: str, region: Region) -> Region:
    """The region without its quotation marks."""
    start, end = region
    start += text[start : start + 1] in OPENING + '"‘'
    end -= end > start and text[end - 1 : end] in CLOSING + '"’'
    return start, end


def document_quotes(statements: Sequence[str]) -> tuple[list[list[Region]], list[bool]]:
    """Each statement's quoted regions, and whether it starts inside an open quotation."""
    regions: list[list[Region]] = []
    starts_open: list[bool] = []
    is_open = False
    for text in statements:
        starts_open.append(is_open)
        found, is_open = quote_regions(text, is_open)
        regions.append(found)
    return regions, starts_open


def give_quotations_owners(
    statements: Sequence[str],
    regions: list[list[Region]],
    starts_open: list[bool],
    results: list[T | None],
    continuation: Callable[[T, int], T],
) -> None:
    """Fill ``results`` (None: no speaker of its own) in place, by the rules above.

    ``continuation(owner, k)`` makes statement k's result from the owner's.
    """
    n = len(statements)

    def give(k: int, owner: T | None) -> None:
        if results[k] is None and owner is not None:
            results[k] = continuation(owner, k)

    def bare(k: int) -> bool:
        rest = statements[k]
        for start, end in reversed(regions[k]):
            rest = rest[:start] + rest[end:]
        return bool(regions[k]) and not re.search(r"\w", rest)

    i = 0
    while i < n:  # runs of statements joined by a quotation left open at a statement's end
        j = i
        while j + 1 < n and starts_open[j + 1]:
            j += 1
        owner = next((results[k] for k in range(j, i - 1, -1) if results[k]), None)
        for k in range(i, j + 1):
            give(k, owner)
        i = j + 1
    for k in range(1, n):
        if bare(k) and regions[k - 1]:
            give(k, results[k - 1])
    for k in range(n - 2, -1, -1):
        if bare(k) and regions[k + 1]:
            give(k, results[k + 1])
