"""Word lists and word patterns shared by every stage that reads English text.

``word_set("a b c")`` is the set of the whitespace-separated words of one string (how every
vocabulary list here is written); ``trie_pattern(forms)`` one regex alternative matching any of
``forms``, longest first; ``WORD`` a word of Latin letters with inner apostrophes ("Turkey's",
"isn’t"); ``DETERMINERS`` the words that open a noun phrase ("the", "its", "whose").

``lower_cased(pattern)`` and ``caseless(text)`` run a case-blind pattern as a case-sensitive one
on the lower-cased text, about twice as fast, with the same matches at the same offsets.
``trie_pattern(forms, case_blind=True)`` matches what ``(?i:…)`` around it would, each letter a
class of the characters case-blind matching equates with it (``blind_initials`` the class of the
forms' first characters): inside a larger case-sensitive pattern the engine then rejects an
alternative by its first character, which it does not for a case-blind one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any


def word_set(words: str) -> frozenset[str]:
    """The words of ``words`` as a set: vocabulary lists written as one string."""
    return frozenset(words.split())


def trie_pattern(forms: Iterable[str], space: str = r"\s+", case_blind: bool = False) -> str:
    """One regex matching any of ``forms``, longest first, as a character trie: the engine
    tests each character once instead of once per form. ``space`` stands for a space. With
    ``case_blind`` (lower-case ASCII letters only) it matches what ``(?i:…)`` around it would."""
    trie: dict[str, Any] = {}
    for form in forms:
        node = trie
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [
            (space if char == " " else _blind(char) if case_blind else re.escape(char))
            + emit(child)
            for char, child in sorted(node.items())
            if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


# Case-blind matching equates these with ASCII letters they do not lower-case to ("ı" with "i",
# "ſ" with "s"); every other character that case-blind matching equates with an ASCII letter
# lower-cases to it, and lower-casing keeps each character's \w, \s and \d class (checked over
# all of Unicode when this was written).
_CASE_BLIND_ONLY = ("\u0131", "\u017f")
_ESCAPE_OR_NAME = re.compile(r"\\.|\(\?P[<=]\w+>?")


def lower_cased(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The case-blind ``pattern`` compiled case-sensitive, for the text :func:`caseless` returns.
    Its letters must be lower-case (an upper-case one would never match lower-cased text)."""
    if not pattern.flags & re.IGNORECASE:
        raise ValueError(f"not a case-blind pattern: {pattern.pattern[:60]!r}")
    if re.search("[A-Z]", _ESCAPE_OR_NAME.sub("", pattern.pattern)):
        raise ValueError(f"upper-case letters in {pattern.pattern[:60]!r}: write them lower-case")
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


def caseless(text: str) -> str | None:
    """``text`` lower-cased, in which a :func:`lower_cased` pattern finds what the case-blind
    original finds in ``text``, at the same offsets (the matched text is lower-cased); None when
    it would not: a character lower-cases to two ("İ") or is one of ``_CASE_BLIND_ONLY``."""
    lowered = text.lower()
    if len(lowered) != len(text) or (
        not lowered.isascii() and any(c in lowered for c in _CASE_BLIND_ONLY)
    ):
        return None
    return lowered


# Besides its two cases, the characters case-blind matching equates with an ASCII letter (checked
# against the engine over all of Unicode by tests/test_pattern_shortcuts.py).
_CASE_BLIND_EXTRA = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}


def _blind_chars(letter: str) -> str:
    if not ("a" <= letter <= "z"):
        raise ValueError(f"case-blind forms are written in lower-case ASCII letters: {letter!r}")
    return letter.upper() + letter + _CASE_BLIND_EXTRA.get(letter, "")


def _blind(letter: str) -> str:
    return "[" + "".join(map(re.escape, _blind_chars(letter))) + "]"


def blind_initials(forms: Iterable[str]) -> str:
    """The characters a ``case_blind`` trie of ``forms`` can start with, escaped for a class."""
    return "".join(re.escape(c) for c in sorted({c for f in forms for c in _blind_chars(f[0])}))


WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
DETERMINERS = word_set("the a an this that these those its his her their our my your whose")
