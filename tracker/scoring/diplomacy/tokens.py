"""The token view the diplomacy rules work on, aligned one-to-one with VADER's own tokens.

Contract
--------
VADER splits a text on whitespace (``str.split()``) and scores each piece; the rules must
see exactly those pieces so a rule's verdict lands on the right entry of VADER's list.
:func:`tokenize` therefore splits the same way and keeps, for piece ``i``:

- ``words[i]``: the piece lower-cased, typographic apostrophes folded to ``'`` and outer
  punctuation (ASCII and typographic: quotes, dashes, ellipsis) stripped;
- ``vocab``: the set of ``words``, for the rules' quick "does this text concern me?" tests;
- ``clause_end[i]``: the piece closes a clause (ends in ``, ; : . ! ?``, or is a dash), so
  rule windows do not reach across it ("U.S." and "St." do not close one).

Offsets for explanations come from :func:`tracker.scoring.vader.piece_spans`.
:func:`normalise_quotes` maps curly quotes to ASCII one character for one character, so
offsets into the normalised text are offsets into the original.
"""

from __future__ import annotations

import re
import string

from tracker.text.quotes import (
    CLOSING,
    DOUBLE_CLOSING,
    DOUBLE_OPENING,
    OPENING,
    SINGLE_CLOSING,
    SINGLE_OPENING,
)

# Every quotation mark, from the one list of them (tracker.text.quotes).
_DOUBLE = DOUBLE_OPENING + DOUBLE_CLOSING
_SINGLE = SINGLE_OPENING + SINGLE_CLOSING
_STRIP = string.punctuation + _DOUBLE + _SINGLE + "\u2013\u2014\u2026\u2022\u00b7"
_CLAUSE_CLOSERS = frozenset(",;:.!?")
_CLOSING = ")]}" + CLOSING
_OPENING = "([{" + OPENING
_TAIL = frozenset(",;:.!?)]}-\u2013\u2014" + CLOSING)
_DASHES = frozenset({"-", "--", "\u2013", "\u2014"})
# A double quote opening or closing a word of one or two letters, next to a space or an end.
_SHORT_QUOTED_RE = re.compile(
    r'(?:(?<=\s)|^)"(?=[A-Za-z]{1,2}(?:\s|"|$))|(?<=(?<![A-Za-z])[A-Za-z])"(?=\s|$)'
    r'|(?<=(?<![A-Za-z])[A-Za-z]{2})"(?=\s|$)'
)
# "U.S." or "St." end in a full stop without ending the clause.
_ABBREVIATION_RE = re.compile(
    r"(?:[A-Za-z]\.)+|(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sen|Rep|Gov|Prof|No|Vol)\."
)


def normalise_quotes(text: str) -> str:
    """Quotation marks (curly, guillemets, low) to ASCII, length-preserving (VADER strips ASCII
    punctuation only), so a statement scores the same whatever marks its outlet uses.

    A double quote against a word of one or two letters becomes a space: VADER strips
    punctuation only from longer words, so a quoted '"no prospect"' would keep its mark on
    "no" and lose the negation."""
    if not text.isascii():
        # replace per mark: much faster than str.translate with a dict on short texts.
        for mark in _DOUBLE:
            text = text.replace(mark, '"')
        for mark in _SINGLE:
            text = text.replace(mark, "'")
    if '"' in text:
        text = _SHORT_QUOTED_RE.sub(" ", text)
    return text


def base_word(word: str) -> str:
    """A word without its possessive ending: ``turkey's`` -> ``turkey``."""
    return word[:-2] if word.endswith("'s") else word


class Tokens:
    """Whitespace pieces of one text, with the per-piece facts the rules look at."""

    __slots__ = ("text", "raw", "words", "clause_end", "vocab")

    def __init__(self, text: str) -> None:
        self.text = text
        self.raw = text.split()
        # Lower-casing never adds or removes whitespace, so the two splits stay aligned.
        self.words = [p.strip(_STRIP) for p in normalise_quotes(text.lower()).split()]
        self.clause_end = [p[-1] in _TAIL and _ends_clause(p) for p in self.raw]
        # The distinct words: rules test it first to skip a text that cannot concern them.
        self.vocab = frozenset(self.words)

    def __len__(self) -> int:
        return len(self.raw)

    def window_before(self, index: int, size: int) -> range:
        """Indices of up to ``size`` pieces before ``index`` within the same clause."""
        lo = index
        while lo > 0 and index - lo < size and not self.clause_end[lo - 1]:
            lo -= 1
        return range(lo, index)

    def window_after(self, index: int, size: int) -> range:
        """Indices of up to ``size`` pieces after ``index`` within the same clause."""
        hi = index
        last = len(self.raw) - 1
        while hi < last and hi - index < size and not self.clause_end[hi]:
            hi += 1
        return range(index + 1, hi + 1)


def _ends_clause(piece: str) -> bool:
    if piece in _DASHES:
        return True
    core = piece.rstrip(_CLOSING).lstrip(_OPENING)
    if not core or core[-1] not in _CLAUSE_CLOSERS:
        return False
    return not (core[-1] == "." and _ABBREVIATION_RE.fullmatch(core))


def tokenize(text: str) -> Tokens:
    return Tokens(text)
