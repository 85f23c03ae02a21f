"""Guards on the shortcuts taken by the word-list patterns of the statement analysis.

Speech verbs and subordinators check a word's first letter before trying their alternatives, the
speech verbs are matched through a character trie built from word lists, and the anaphoric date
phrases are only looked for in text holding one of a few words. Every listed word must still
match, with its group; a subordinator added with a new initial, or an anaphoric phrase without
one of the words, must fail here rather than silently never match.
"""

from __future__ import annotations

import re

import pytest

from tracker.analysis.attribution.speech_verbs import PART, STRONG, VERB_RE, WEAK
from tracker.analysis.dates.clauses import SUBORDINATOR, SUBORDINATOR_INITIALS
from tracker.analysis.dates.context import _AT_THE_TIME, _SAME, _SHIFTED, _may_refer_back


def test_subordinators_start_with_a_listed_initial() -> None:
    # The alternatives after the lookahead; each starts after "|" or "(?:".
    body = SUBORDINATOR.pattern.split(")(?:", 1)[1]
    found = re.findall(r"(?:^|\||\(\?:)([A-Za-z])", body)
    assert found
    assert set("".join(found).lower()) <= set(SUBORDINATOR_INITIALS)


@pytest.mark.parametrize(("group", "words"), [("strong", STRONG), ("weak", WEAK), ("part", PART)])
def test_every_listed_verb_matches_in_its_group(group: str, words: frozenset[str]) -> None:
    for word in sorted(words):
        for form in (word, word.upper(), word.capitalize()):
            found = VERB_RE.search(f"Officials {form} it")
            assert found is not None and found.group() == form and found.lastgroup == group


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("He was quoted as saying", "passive"),
        ("according to Lavrov", "according"),
        ("AFTER THE SUMMIT", None),
        ("the unsaid words", None),
        ("sayings", None),
    ],
)
def test_verb_pattern_edges(text: str, group: str | None) -> None:
    found = VERB_RE.search(text)
    assert (found.lastgroup if found else None) == group


def test_subordinator_initials_check_is_case_blind() -> None:
    assert SUBORDINATOR.search("AFTER THE SUMMIT") is not None


@pytest.mark.parametrize(
    "phrase",
    [
        "the same day",
        "on the same day",
        "that day",
        "later that same evening",
        "that night",
        "the following day",
        "the next morning",
        "the previous day",
        "the preceding day",
        "a day later",
        "two days earlier",
        "3 days later",
        "the day after",
        "a day before",
        "at the time",
        "at that time",
    ],
)
def test_anaphoric_phrases_pass_the_word_check(phrase: str) -> None:
    for form in (phrase, phrase.upper(), phrase.title(), phrase + " in İzmir"):
        text = f"Peskov said {form}, officials added."
        assert any(p.search(text) for p in (_SAME, _SHIFTED, _AT_THE_TIME))
        assert _may_refer_back(text)
