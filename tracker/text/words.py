"""Word lists and word patterns shared by every stage that reads English text.

``word_set("a b c")`` is the set of the whitespace-separated words of one string (how every
vocabulary list here is written); ``trie_pattern(forms)`` one regex alternative matching any of
``forms``, longest first; ``WORD`` a word of Latin letters with inner apostrophes ("Turkey's",
"isn’t"); ``DETERMINERS`` the words that open a noun phrase ("the", "its", "whose").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any


def word_set(words: str) -> frozenset[str]:
    """The words of ``words`` as a set: vocabulary lists written as one string."""
    return frozenset(words.split())


def trie_pattern(forms: Iterable[str], space: str = r"\s+") -> str:
    """One regex matching any of ``forms``, longest first, as a character trie: the engine
    tests each character once instead of once per form. ``space`` stands for a space."""
    trie: dict[str, Any] = {}
    for form in forms:
        node = trie
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [
            (space if char == " " else re.escape(char)) + emit(child)
            for char, child in sorted(node.items())
            if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
DETERMINERS = word_set("the a an this that these those its his her their our my your whose")
