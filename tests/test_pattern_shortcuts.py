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
from tracker.analysis.dates.context import (
    _AT_THE_TIME,
    _EVENT_REPORT,
    _SAME,
    _SHIFTED,
    _may_refer_back,
)
from tracker.analysis.dates.resolve import _DAY_LAG
from tracker.text.clauses import _CLAUSE_BREAK
from tracker.text.words import caseless, lower_cased


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


# Case-blind patterns run case-sensitive on the lower-cased text (tracker.text.words.caseless):
# texts where that must find the same matches at the same offsets, or fall back to the
# case-blind pattern.
CASELESS_TEXTS = [
    ("plain", "The minister SAID on Monday, while Ankara Warned that talks would resume."),
    ("masked quotation", "■■■■■■■, the Kremlin spokesman Told reporters; though it was late"),
    ("accented names", "Çavuşoğlu said, but ÇAVUŞOĞLU ADDED that Şahin agreed."),
    ("dotless i stands for i", "The envoy saıd, whıle the minıster added nothing."),
    ("long s stands for s", "The envoy ſaid it; whereaſ the aide ſaid nothing."),
    ("dotted capital I lowers to two", "İzmir's governor SAID, although İSTANBUL denied it."),
    ("kelvin sign lowers to k", "The aide as\u212aed, though officials \u212aept quiet."),
]


@pytest.mark.parametrize("text", [t for _, t in CASELESS_TEXTS], ids=[n for n, _ in CASELESS_TEXTS])
@pytest.mark.parametrize(
    "pattern", [VERB_RE, SUBORDINATOR, _CLAUSE_BREAK], ids=["verbs", "subordinators", "breaks"]
)
def test_lower_cased_patterns_find_what_case_blind_ones_find(
    pattern: re.Pattern[str], text: str
) -> None:
    lowered = caseless(text)
    found = lowered and [(m.span(), m.lastgroup) for m in lower_cased(pattern).finditer(lowered)]
    expected = [(m.span(), m.lastgroup) for m in pattern.finditer(text)]
    assert expected
    assert found is None or found == expected


EVENT_TEXTS = [
    ("plain", "The two leaders MET two days after the Summit, a day Before the vote."),
    ("accented", "Çavuşoğlu Met Lavrov one day after the TALKS."),
    ("long s stands for s", "They ſigned the deal ſeven days after the viſit."),
    ("dotless i stands for i", "They vısıted Ankara the day after the ceremony."),
    ("dotted capital I", "İzmir HOSTED the meeting three days before the vote."),
]


@pytest.mark.parametrize("text", [t for _, t in EVENT_TEXTS], ids=[n for n, _ in EVENT_TEXTS])
@pytest.mark.parametrize("pattern", [_EVENT_REPORT, _DAY_LAG], ids=["event report", "day lag"])
def test_lower_cased_date_patterns_find_what_case_blind_ones_find(
    pattern: re.Pattern[str], text: str
) -> None:
    lowered = caseless(text)
    found = lowered and [(m.span(), m.groupdict()) for m in lower_cased(pattern).finditer(lowered)]
    expected = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
    assert expected
    if found is not None:
        assert [span for span, _ in found] == [span for span, _ in expected]
        lower = [{k: v and v.lower() for k, v in groups.items()} for _, groups in expected]
        assert [groups for _, groups in found] == lower


@pytest.mark.parametrize(
    ("text", "usable"),
    [
        ("Plain ASCII, SAID.", True),
        ("Çavuşoğlu SAID", True),
        ("The envoy saıd", False),
        ("whereaſ", False),
        ("İzmir", False),
    ],
)
def test_caseless_refuses_text_it_cannot_stand_for(text: str, usable: bool) -> None:
    assert (caseless(text) is not None) == usable


def test_lower_cased_refuses_patterns_it_cannot_run() -> None:
    with pytest.raises(ValueError, match="not a case-blind"):
        lower_cased(re.compile("said"))
    with pytest.raises(ValueError, match="upper-case"):
        lower_cased(re.compile(r"\bMPs?\b", re.IGNORECASE))
    assert lower_cased(re.compile(r"\b(?P<verb>said)\S", re.IGNORECASE)).pattern
