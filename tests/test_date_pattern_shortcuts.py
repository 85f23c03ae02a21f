"""Guards on the shortcuts taken by the date-expression pattern (tracker.analysis.dates.mentions).

The pattern is only run in windows around anchors (ASCII digits, month and relative words), each
of its alternatives first checks the character it can start with, and its words read in any case
are tries of case-blind letter classes (tracker.text.words.trie_pattern with ``case_blind``).
Each shortcut must find exactly what the plain pattern finds: every listed word must still match
in every case, with its group, and a window must never cut a date off. A word added with a new
initial, or a letter class missing a character the engine equates with it, must fail here rather
than silently never match.
"""

from __future__ import annotations

import datetime as dt
import re
import string

import pytest

from tracker.analysis.dates import mentions
from tracker.analysis.dates.mentions import (
    _ANCHOR,
    _COUNTS,
    _DAY_WORDS,
    _MONTH_LEADS,
    _MONTH_PARTS_BEFORE,
    _MONTHS,
    _PATTERN,
    _RELATIVE_LEADS,
    _UNITS,
    _WEEKDAY_LEADS,
    _WEEKDAYS,
    _YEAR_LEADS,
    _find,
)
from tracker.text.words import _blind_chars, blind_initials, trie_pattern

PUBLISHED = dt.date(2016, 3, 15)
_EVERY_CHARACTER = "".join(map(chr, range(0x110000)))


@pytest.mark.parametrize("letter", list(string.ascii_lowercase))
def test_case_blind_letters_are_what_the_engine_equates(letter: str) -> None:
    equated = set(re.findall(f"(?i:{letter})", _EVERY_CHARACTER))
    assert set(_blind_chars(letter)) == equated


def _forms(word: str) -> list[str]:
    """A word as news text may write it, with the letters case-blind matching equates (past
    its first letter: a date starts with an ASCII letter or a digit)."""
    first, rest = word[0], word[1:]
    forms = [word, word.upper(), word.title()]
    forms += [first + rest.replace(a, b) for a, b in ("iı", "iİ", "sſ", "k\u212a")]
    return forms


WORD_LISTS = [
    ("month leads", _MONTH_LEADS),
    ("year leads", _YEAR_LEADS),
    ("month parts", _MONTH_PARTS_BEFORE),
    ("relative leads", _RELATIVE_LEADS),
    ("units", _UNITS),
    ("counts", _COUNTS),
    ("weekday leads", _WEEKDAY_LEADS),
    ("day words", _DAY_WORDS),
]


@pytest.mark.parametrize("words", [w for _, w in WORD_LISTS], ids=[n for n, _ in WORD_LISTS])
def test_case_blind_tries_match_what_case_blind_alternations_match(words: list[str]) -> None:
    trie = re.compile(trie_pattern(words, case_blind=True))
    plain = re.compile("(?i:" + "|".join(w.replace(" ", r"\s+") for w in words) + ")")
    initials = re.compile(f"[{blind_initials(words)}]")
    for word in words:
        for form in [*_forms(word), word + "x", word[:-1]]:
            assert bool(trie.fullmatch(form)) == bool(plain.fullmatch(form)), form
            assert bool(plain.fullmatch(form)) <= bool(initials.match(form)), form


def test_case_blind_tries_take_lower_case_ascii_only() -> None:
    with pytest.raises(ValueError, match="lower-case ASCII"):
        trie_pattern(["Ankara"], case_blind=True)


def _groups(text: str) -> list[tuple[str | None, str]]:
    return [(m.lastgroup, m.group()) for m in _PATTERN.finditer(text)]


# Each listed word, in each of its forms, before a date that only it makes one.
LISTED_WORDS = [
    *[(f"month lead {w}", w, "{} March", "pm") for w in _MONTH_LEADS],
    *[(f"month part {w}", w, "in {} March", "pm") for w in _MONTH_PARTS_BEFORE],
    *[(f"year lead {w}", w, "{} 2015", "py") for w in _YEAR_LEADS],
    *[(f"relative lead {w}", w, "{} week", "rel") for w in _RELATIVE_LEADS],
    *[(f"unit {w}", w, "this {}", "rel") for w in _UNITS],
    *[(f"count {w}", w, "{} days ago", "ago") for w in _COUNTS],
    *[(f"ago unit {w}", w, "two {}s ago", "ago") for w in ["day", *_UNITS]],
    ("ago", "ago", "two days {}", "ago"),
    *[(f"weekday lead {w}", w, "{} Friday", "wd") for w in _WEEKDAY_LEADS],
    *[(f"day word {w}", w, "{}", "dw") for w in _DAY_WORDS],
]


@pytest.mark.parametrize(
    ("word", "template", "group"),
    [case[1:] for case in LISTED_WORDS],
    ids=[case[0] for case in LISTED_WORDS],
)
def test_every_listed_word_matches_in_every_case(word: str, template: str, group: str) -> None:
    for form in _forms(word):
        text = template.format(form)
        expected = re.sub(r"\s+", " ", text)
        found = _groups(f"Officials met {text}, a spokesman said.")
        assert [(g, re.sub(r"\s+", " ", t)) for g, t in found] == [(group, expected)], text


NAMES = [
    *[(f"month {m}", f"{m} 5, 2015", "mdy") for m in _MONTHS],
    *[(f"month {m} in capitals", f"5 {m.upper()} 2015", "dmy") for m in _MONTHS],
    *[(f"month {m} and year", f"{m} 2015", "my") for m in _MONTHS],
    *[(f"abbreviated {m[:3]}", f"{m[:3]}. 5", "md") for m in _MONTHS if m != "May"],
    ("abbreviated Sept", "Sept. 5", "md"),
    *[(f"weekday {w}", f"{w}, 5 June", "dm") for w in _WEEKDAYS],
    *[(f"weekday {w} in capitals", f"on {w.upper()}", "wd") for w in _WEEKDAYS],
    ("iso date", "2015-11-24", "iso"),
    ("day and month", "24 November", "dm"),
]


@pytest.mark.parametrize(("text", "group"), [c[1:] for c in NAMES], ids=[c[0] for c in NAMES])
def test_every_month_and_weekday_name_matches(text: str, group: str) -> None:
    found = _groups(f"Officials met {text} in the capital.")
    assert found[-1][0] == group
    assert text.endswith(found[-1][1])


# Texts whose dates a window around the anchors must find as the whole text does, and the dates
# found with a publication date.
WINDOW_TEXTS = [
    (
        "long lead",
        "The talks begin at the beginning of early November, a diplomat said.",
        ["beginning of early November"],
    ),
    (
        "eastern arabic count",
        "Talks resumed \u0663 days ago and again \u0665 weeks ago.",
        ["\u0663 days ago", "\u0665 weeks ago"],
    ),
    ("digit after the month", "They met in March \u0663, officials said.", []),
    ("dotted capital I", "İzmir hosted talks on TUESDAY; İN MARCH the envoy returns.", ["TUESDAY"]),
    (
        "long s and dotless i",
        "The viſit waſ laſt week and the vote ıs ın June 2016.",
        ["laſt week", "June 2016"],
    ),
    ("kelvin sign", "A \u212aremlin aide spoke on Friday night.", ["Friday"]),
    (
        "modal may and a month",
        "Talks may resume since May, and in May 2017 they may end.",
        ["since May", "May 2017"],
    ),
    (
        "datelines and years",
        "ANKARA, Nov 24 - Throughout 2015 and by mid-2016 ties froze.",
        ["Nov 24", "Throughout 2015", "mid-2016"],
    ),
    (
        "weekday names a paper",
        "The Sunday Times said on Sunday that talks ended yesterday.",
        ["Sunday", "yesterday"],
    ),
    ("no anchor", "Officials said nothing about the talks at all.", []),
]


@pytest.mark.parametrize(
    ("text", "dates"), [c[1:] for c in WINDOW_TEXTS], ids=[c[0] for c in WINDOW_TEXTS]
)
@pytest.mark.parametrize("published", [PUBLISHED, None], ids=["published", "undated"])
def test_windows_find_what_the_whole_text_gives(
    text: str, dates: list[str], published: dt.date | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = _find(text, published)
    if published is not None:
        assert [m.text for m in found] == dates
    monkeypatch.setattr(mentions, "_windows", lambda text: [(0, len(text))])
    assert found == _find(text, published)


def test_anchors_start_with_a_literal_character() -> None:
    # The engine skips to positions holding one of their first characters only when every
    # alternative starts with a literal one.
    for alternative in _ANCHOR.pattern.split("|"):
        if not alternative.startswith("(") and not alternative[0].isspace():
            assert re.match(r"[0-9a-z]", alternative), alternative
    assert not _ANCHOR.pattern.startswith("(")


def test_every_alternative_but_the_iso_date_checks_its_first_character() -> None:
    body = _PATTERN.pattern
    named = re.findall(r"(\(\?=\[[^\]]*\]\))?\(\?P<(mdy|dmy|my|md|dm|pm|rel|ago|wd|dw|py)>", body)
    assert {name for _, name in named} == {"mdy", "dmy", "my", "md", "dm", "pm", "rel", "ago"} | {
        "wd",
        "dw",
        "py",
    }
    assert all(guard for guard, _ in named)
