"""Quotation marks, and the regions of text they quote: the one place that says what they are.

Marks. Double: “ « „ open, ” » close, a straight " opens when no quotation is open and closes
one otherwise, except that one with nothing open, glued to the comma or full stop ending a
quoted clause and followed by a space or the end, with no straight mark after it, closes a
quotation that began earlier ('…, I took note," the minister said.') when it is the statement's
first mark, and opens none after a quotation closed in the statement; any closing mark closes
any opening one (copied text mixes them). « » are read the English way round, as the translated
wire copy that uses them writes them: a » met before any « closes a quotation that began
earlier, as ” does. Single: ‘ and ‹ open, ’ and › close, ' does either. ’ and ' are apostrophes
inside or after a word ("Turkey’s", "isn't", "the countries’ leaders") unless a single
quotation is open: ‘ and ' open only after a non-word character and before a non-space, ’ and '
close only before a non-word character. ‹ and › are never apostrophes (and, like « », may be
spaced inside: "‹ no ›"). An opening mark while a quotation of its kind is open starts it over:
a lost closing mark is likelier in news copy than quotes nested in marks of the same kind
(English nests single marks in double ones). An opening double mark typed where a closing one
belongs, after the comma or full stop ending a quoted clause and before a reporting verb ("…,
“said the minister"), with no closing mark after it, closes; nothing is open before it, so it
quotes from the start (below).

``quotations(text, start, end)`` gives the quotations that open and close within
``text[start:end]`` (the segmenter cuts no sentence inside one): marks included, 0-based,
end-exclusive, one merged region for a quotation nested in another. ``quote_regions(text,
open_at_start)`` gives one statement's quoted regions and whether a quotation is still open at
its end; there a double quotation left open quotes to the end of the statement, a closing mark
with nothing open before it quotes from the start (the quotation began in an earlier
statement), and a single quotation counts only when it closes.

A quotation may open in one statement and close several statements later; the statements in
between carry no attribution of their own. ``document_quotes(statements)`` gives, for each
statement in order, its quoted regions and whether it begins inside a quotation left open by
the statement before.

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

DOUBLE_OPENING, DOUBLE_CLOSING = "“«„", "”»"
SINGLE_OPENING, SINGLE_CLOSING = "‘‹", "’›"
# Every mark that can open (close) a quotation, straight ones included.
OPENING = DOUBLE_OPENING + SINGLE_OPENING + "\"'"
CLOSING = DOUBLE_CLOSING + SINGLE_CLOSING + "\"'"
# The marks that are never apostrophes: where one stands, a quotation opens or closes.
QUOTATION_ONLY = DOUBLE_OPENING + DOUBLE_CLOSING + '"‹›'
Region = tuple[int, int]
_DOUBLE_MARKS = DOUBLE_OPENING + DOUBLE_CLOSING + '"'
_SINGLE_MARK = re.compile(r"[‘’'‹›]")
# An opening mark after the comma that ends a quoted clause and before a reporting verb closes.
_CLAUSE_END = re.compile(r"[,.?!]\s?$")
_TURNED = re.compile(r"\s?(?:said|says|added|adds|told|asked|urged|wrote|stressed|noted)\b")
T = TypeVar("T")


def quotations(text: str, start: int = 0, end: int | None = None) -> list[Region]:
    """Quotations opened and closed within ``text[start:end]``, merged, in order."""
    end = len(text) if end is None else end
    spans = _double_regions(text, start, end, None)[0]
    single = _single_regions(text, start, end)
    if not single:
        return spans  # in order and never nested: a double opener inside one starts over
    spans += single
    spans.sort()
    merged = spans[:1]
    for s, e in spans[1:]:
        if s >= merged[-1][1]:
            merged.append((s, e))
        elif e > merged[-1][1]:
            merged[-1] = (merged[-1][0], e)
    return merged


def quote_regions(text: str, open_at_start: bool) -> tuple[list[Region], bool]:
    """Quoted regions (marks included) and whether a quotation is still open at the end."""
    regions, stray, still_open = _double_regions(text, 0, len(text), 0 if open_at_start else None)
    if stray is not None:
        regions.insert(0, (0, stray + 1))  # the quotation began in an earlier statement
    if still_open is not None:
        regions.append((still_open, len(text)))
    for s, e in _single_regions(text, 0, len(text)):
        if not any(a <= s < b for a, b in regions):
            regions.append((s, e))
    return sorted(regions), still_open is not None


def _double_regions(
    text: str, start: int, end: int, open_from: int | None
) -> tuple[list[Region], int | None, int | None]:
    """Closed double quotations; the closing mark met before anything opened, if any; and
    where a quotation still open at ``end`` began, if one is."""
    marks: list[int] = []
    for q in _DOUBLE_MARKS:  # a find() loop per mark beats a character-class regex scan
        i = text.find(q, start, end)
        while i >= 0:
            marks.append(i)
            i = text.find(q, i + 1, end)
    marks.sort()
    regions: list[Region] = []
    opened, stray = open_from, None
    for i in marks:
        q = text[i]
        turned = opened is None and q in DOUBLE_OPENING and _TURNED.match(text, i + 1)
        if (
            turned
            and _CLAUSE_END.search(text, max(start, i - 3), i)
            and not _closes_later(text, i, end)
        ):
            q = DOUBLE_CLOSING[0]  # "…, “said the minister": a closing mark typed the wrong way
        if q == '"' and opened is None and _glued(text, i, end):
            # '…, I took note," the minister said.': it closes what began earlier; after a
            # closed quotation its opening mark was lost, so it opens nothing
            stray = i if stray is None and not regions else stray
            continue
        # A straight mark at the very start of a statement inside a quotation reopens it
        # (a new paragraph of a long quotation), it does not close it.
        if q in DOUBLE_OPENING or (q == '"' and (opened is None or opened == i)):
            opened = i
        elif opened is not None:
            regions.append((opened, i + 1))
            opened = None
        elif stray is None and not regions:
            stray = i
    return regions, stray, opened


def _glued(text: str, i: int, end: int) -> bool:
    """A straight mark right after the punctuation that ends a quoted clause, before a space or
    the end, with no straight mark after it: a closing mark."""
    after_clause = i > 0 and text[i - 1] in ",.?!"
    before_space = i + 1 >= end or text[i + 1].isspace()
    return after_clause and before_space and text.find('"', i + 1, end) < 0


def _closes_later(text: str, i: int, end: int) -> bool:
    return any(text.find(q, i + 1, end) >= 0 for q in DOUBLE_CLOSING)


def _single_regions(text: str, start: int, end: int) -> list[Region]:
    """Closed single quotations (‘…’, '…', ‹…›) within ``text[start:end]``."""
    if text.find("‘", start, end) < 0 and text.find("‹", start, end) < 0:
        # Only ' can open one, and not after a letter: skip the scan of every apostrophe
        # ("Turkey's", "isn't") when no ' can.
        i = text.find("'", start, end)
        while i > start and (text[i - 1].isalnum() or text[i - 1] == "_"):
            i = text.find("'", i + 1, end)
        if i < 0:
            return []
    regions: list[Region] = []
    single: int | None = None
    last = end - 1
    for m in _SINGLE_MARK.finditer(text, start, end):
        i = m.start()
        q = text[i]
        after = text[i + 1] if i < last else " "
        if single is not None and (
            q == "›" or (q in "’'" and not (after.isalnum() or after == "_"))
        ):
            regions.append((single, i + 1))
            single = None
        elif q == "‹" or (q in "‘'" and not after.isspace()):
            before = text[i - 1] if i > start else " "
            if q == "‹" or not (before.isalnum() or before == "_"):
                single = i
    return regions


def quote_content(text: str, region: Region) -> Region:
    """The region without its quotation marks."""
    start, end = region
    start += text[start : start + 1] in OPENING
    end -= end > start and text[end - 1 : end] in CLOSING
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
