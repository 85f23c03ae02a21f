"""Tense cues: whether the words around a date expression put it in the past or the future.

``tense_cue(text, start, end)`` reads the clause around ``text[start:end]`` and returns "past",
"future" or None (rules in its docstring). The word lists here (determiners, future words,
irregular past forms, ``is_ed_verb``) are shared with the clause readers of statement dates, and
the helpers for word lists (``word_set``, ``trie_pattern``) with every module that keeps one.
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
_CLAUSE_BREAK = re.compile(r"[;!?“”\"]|(?<!\b[A-Z][a-z])(?<!\b[A-Z])\.\s")
DETERMINERS = word_set("the a an this that these those its his her their our my your whose")
FUTURE_WORDS = word_set(
    """will shall upcoming planned scheduled expected forthcoming coming next due slated plans
    plan planning intends intend going proposed"""
)
IRREGULAR_PAST = word_set(
    """was were had did said told met gave took made came went held shot sent began left saw
    brought fell rose won lost led paid spoke wrote broke struck became sought fought thought
    felt kept knew grew drew flew threw ran sat stood understood chose froze spent built meant
    heard found bought caught taught withdrew overthrew undertook hit"""
)
_PAST_MARKERS = word_set("ago since last earlier previously already yesterday")
_PAST_ADJECTIVES = word_set("failed defeated botched abortive foiled thwarted former")
_NEUTRAL_STOPS = word_set("would could can may might should must is are am has have")
_INFINITIVE_FUTURES = word_set(
    """visit meet hold travel attend sign discuss host begin start resume open launch return
    lift restore go come make take talk"""
)
_ED_NOT_VERBS = word_set("speed seed feed breed greed creed deed indeed hundred sacred naked shed")


def is_ed_verb(word: str) -> bool:
    """A lower-case '-ed' word that is plausibly a past tense or participle."""
    return (
        len(word) > 4
        and word[0].islower()
        and word.endswith("ed")
        and word.lower() not in _ED_NOT_VERBS
    )


def _word_cue(word: str, following: str) -> str | None:
    """'future', 'past', 'stop' (a modal or present auxiliary: no cue) or None for one word."""
    low = word.lower().replace("’", "'")
    if low.endswith("'ll") or low in ("won't", "shan't"):
        return "future"
    if low.endswith("n't"):
        low = low[:-3]
    if low in FUTURE_WORDS or (low == "to" and following in _INFINITIVE_FUTURES):
        return "future"
    if low in _NEUTRAL_STOPS:
        return "stop"
    if low in IRREGULAR_PAST or low in _PAST_MARKERS or low in _PAST_ADJECTIVES:
        return "past"
    if is_ed_verb(word):
        return "past"
    return None


def tense_cue(text: str, start: int, end: int) -> str | None:
    """'past', 'future' or None for the mention at ``text[start:end]``, from its clause.

    The nearest cue before the mention wins. A date that directly follows a determiner ("the
    August 9 visit") modifies a noun, so the verb before it says nothing about it: only an
    adjective between ("the planned …", "the failed …") counts. A date that opens its clause
    ("On August 20, the ministers met …") takes the first cue after it.
    """
    window = text[max(0, start - 100) : start]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    if breaks:
        window = window[breaks[-1].end() :]
    words = WORD.findall(window)[-8:]
    if words:
        nearest = words[-1].lower()
        if nearest in DETERMINERS or nearest.endswith(("'s", "’s")):
            return None
        if len(words) > 1 and words[-2].lower() in DETERMINERS:
            if nearest in FUTURE_WORDS:
                return "future"
            if nearest in _PAST_ADJECTIVES or is_ed_verb(words[-1]):
                return "past"
            return None
    following = ""
    for i in range(len(words) - 1, -1, -1):
        cue = _word_cue(words[i], following)
        # "will be held in November": a participle after "be" takes its tense from before it
        if cue == "past" and i and words[i - 1].lower() in ("be", "been", "being"):
            cue = None
        if cue is not None:
            return None if cue == "stop" else cue
        following = words[i].lower()
    if len(words) > 1:
        return None
    ahead = text[end : end + 80]
    stop = _CLAUSE_BREAK.search(ahead)
    after = WORD.findall(ahead[: stop.start()] if stop else ahead)[:8]
    for i, word in enumerate(after):
        low = word.lower()
        if low in ("is", "are", "am", "has", "have", "be", "been", "being"):
            continue  # "is expected to", "has been resolved": the next word tells
        cue = _word_cue(word, after[i + 1].lower() if i + 1 < len(after) else "")
        if cue == "past" and i and after[i - 1].lower() in ("be", "been", "being"):
            cue = None  # "will be held": the auxiliary before decided already
        if cue is not None:
            return None if cue == "stop" else cue
    return None
