"""Date expressions in news text, each resolved to a calendar date with a precision.

Contract: ``find_date_mentions(text, published)`` returns the date expressions of ``text`` as
``DateMention`` values in text order, non-overlapping, with 0-based end-exclusive offsets
(``text[m.start:m.end] == m.text``). It never raises on odd input. Precision is "day", "month"
(date = the 1st) or "year" (date = 1 January).

What is read, and how it is resolved:

* Full dates ("July 25, 2016", "25 July 2016", "2016-07-25"), month-year ("November 2015") and
  prepositional years ("in 2015") are absolute; they resolve without a publication date. The
  edge of a year is a month: "late 2015", "by the end of 2015" are December, "early 2016",
  "at the start/beginning of 2016" January (month precision); "mid-2016" stays a year.
* Everything else is relative to ``published`` and is skipped when it is None: "yesterday",
  "today", "tomorrow", "last/next/this month", "earlier this year", "a year ago", weekdays, and
  year-less dates ("November 24", "24 November", "in November", "last November").
* Year-less dates take the nearest plausible year. A tense cue near the mention (``tense_cue``)
  decides: past ("were disrupted on November 24") → the latest candidate on or before
  publication; future ("will meet on August 9", "the planned August 9 visit") → the earliest on
  or after it; no cue, or only a present-tense event verb (a headline narrates in the present:
  "Russia lifts ban on June 30") → a candidate at most two months after publication if there
  is one (news announces near events), else the latest one on or before publication.
  "last"/"next" November means strictly before/after the publication month. A past date one
  day after publication (``CLOCK_SLACK_DAYS``) counts as on or before it: pages are often dated
  in another time zone than their text.
* ``find_dateline(text, published)``: a dateline opening the text, a place in capitals and a
  year-less day ("GENEVA, Sept 10 (Reuters) -") or a place, a full date and a dash ("Ankara,
  16 November 2015 (Wire) –"); its day, when within two days of publication (or, a full date,
  when the publication date is unknown), is the day the caller counts the statement's relative
  dates from (``dateline_day``), and the dateline's own date dates nothing in the statement.
* Deadlines look ahead: a date after "by", "until", "till" or "before" ("by June", "until
  Friday", "before the end of June", "by June 30") with no past-tense cue is read as with a
  future cue ("must comply by June" in March is this June); a past tense keeps it in the past
  ("the ban stayed in place until June").
* Weekdays: past or no cue → the most recent such day on or before publication; future, or a
  present-tense event verb (news tells a schedule that way: "flights resume on Sunday", "Putin
  is visiting Ankara on Friday") → the first on or after it; "last"/"next Friday" →
  strictly before/after. A weekday between a determiner ("the", "a", "Britain's") and a
  capitalised word is part of a name, not a date ("the Sunday Times reported", "a Monday Club
  member"); "on Sunday Erdogan said", "Sunday's talks", "last Sunday" are dates.
* Weeks have no precision of their own: "last/next/this week" resolve at month precision to the
  month holding most of the days meant (Monday to Sunday; "earlier this week" is the days
  before publication, so on Friday 1 July 2016 it is June; "this week" with a past cue the
  days up to publication, with a future cue or a present-tense event verb the days from it);
  "two weeks ago" to the month that day falls in. "N months/years ago" is month precision.
* Month and weekday names count only in title case or capitals, so "may" (modal), "march" (the
  noun) and "sun"/"wed"/"we" never match; weekdays are never abbreviated. A month without a day
  or year needs a preposition before it ("in March", "since November"; "a March" is a walk); a
  bare "May" only after in/last/next/this/early/late/mid/since/until/of/during and with no verb
  after it ("since May took office", "a letter from May" are about a person). Abbreviated
  months ("Nov.") count only with a day or year.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from tracker.analysis.dates.tense import tense_cue
from tracker.text.words import blind_initials, trie_pattern, word_set

DAY, MONTH, YEAR = "day", "month", "year"


_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_ABBREVIATIONS = {m[:3]: n for n, m in enumerate(_MONTHS, 1) if m != "May"} | {"Sept": 9}
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTH_NUMBER = {m.lower(): i for i, m in enumerate(_MONTHS, 1)} | {
    a.lower(): n for a, n in _ABBREVIATIONS.items()
}
_WEEKDAY_NUMBER = {w.lower(): i for i, w in enumerate(_WEEKDAYS)}
# Beyond this many days ahead, a year-less date with no tense cue is read as last year's.
NEAR_FUTURE_DAYS = 62
# A year-less past date this many days after publication is still this year's.
CLOCK_SLACK_DAYS = 1


def _cased(words: list[str]) -> str:
    return trie_pattern({f for w in words for f in (w, w.upper())})


_MONTH_FULL = rf"(?:{_cased(_MONTHS)})(?![A-Za-z])"
_MONTH = rf"(?:{_MONTH_FULL}|(?:{_cased(list(_ABBREVIATIONS))})(?![A-Za-z])\.?)"
_WEEKDAY = rf"(?:{_cased(_WEEKDAYS)})(?![A-Za-z])"
_DAYNUM = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\w)"
_YEARNUM = r"(?:19|20)\d\d(?!\w)"
_WD_PREFIX = rf"(?:{_WEEKDAY},?\s+)?"

# Words read in any case: what leads a month ("in March", "end of June"), a year ("since 2015"),
# a week, month or year ("earlier this week"), a weekday ("last Friday"); counts and units of
# "two days ago"; days told from today.
_MONTH_LEADS = [
    *word_set(
        "in last next this since until till of by during from through throughout before after"
        " early late mid for to around into between"
    ),
    *["end of", "beginning of", "start of", "middle of"],
]
_YEAR_LEADS = [
    *word_set(
        "in since until by during from throughout before after of early late mid for around between"
    ),
    "end of",
]
_MONTH_PARTS_BEFORE = ["early", "late", "mid"]
_RELATIVE_LEADS = ["last", "next", "this", "earlier this", "later this", "early this", "late this"]
_UNITS = ["week", "month", "year"]
_COUNTS = ["a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
_WEEKDAY_LEADS = ["last", "next", "this", "coming", "past"]
_DAY_WORDS = ["yesterday", "today", "tomorrow", "tonight", "last night", "this morning"]
_DAY_WORDS += ["this afternoon", "this evening"]


def _blind(words: list[str]) -> str:
    return trie_pattern(words, case_blind=True)


def _first(chars: str) -> str:
    """A guard on the first character of an alternative: the engine tries the alternatives at
    every word start, and most fail on their first character; checked first, that is cheap."""
    return f"(?=[{chars}])"


_MONTH_INITIALS = "".join(sorted({m[0] for m in _MONTHS}))
_NAME_INITIALS = "".join(sorted({m[0] for m in _MONTHS + _WEEKDAYS}))
_WEEKDAY_INITIALS = "".join(sorted({w[0] for w in _WEEKDAYS}))
_DAYNUM_OR_WEEKDAY = "0-9" + _WEEKDAY_INITIALS
_COUNT_INITIALS = r"\d" + blind_initials(_COUNTS)  # "\d{1,2} days ago" takes any digit
_DAY_UNITS, _AGO = ["day", *_UNITS], ["ago"]

# Every alternative starts a word with one of these characters; checking that first lets the
# engine skip most positions cheaply (the full alternation is several times slower). Each
# alternative then checks its own first characters, and the words read in any case are tries
# of case-blind letters (tracker.text.words.trie_pattern).
_FIRST_CHARS = "".join(sorted(set("ilntsuobdfaemycp".upper() + "ilntsuobdfaemycpJFMASONDTW")))
_PATTERN = re.compile(
    rf"""
    \b(?=[\d{_FIRST_CHARS}])(?:
    (?P<iso>(?<![\w-])(?P<iso_y>(?:19|20)\d\d)-(?P<iso_m>1[0-2]|0?[1-9])-(?P<iso_d>3[01]|[12]\d|0?[1-9])(?![\w-]))
    |{_first(_NAME_INITIALS)}(?P<mdy>{_WD_PREFIX}(?P<mdy_m>{_MONTH})\s+(?P<mdy_d>{_DAYNUM})(?:\s*,\s*|\s+)(?P<mdy_y>{_YEARNUM}))
    |{_first(_DAYNUM_OR_WEEKDAY)}(?P<dmy>{_WD_PREFIX}(?<![\w.,])(?P<dmy_d>{_DAYNUM})\s+(?:of\s+)?(?P<dmy_m>{_MONTH}),?\s+(?P<dmy_y>{_YEARNUM}))
    |{_first(_MONTH_INITIALS)}(?P<my>(?P<my_m>{_MONTH})\s+(?:of\s+)?(?P<my_y>{_YEARNUM}))
    |{_first(_NAME_INITIALS)}(?P<md>{_WD_PREFIX}(?P<md_m>{_MONTH})\s+(?P<md_d>{_DAYNUM}))
    |{_first(_DAYNUM_OR_WEEKDAY)}(?P<dm>{_WD_PREFIX}(?<![\w.,])(?P<dm_d>{_DAYNUM})\s+(?:of\s+)?(?P<dm_m>{_MONTH}))
    |{_first(blind_initials(_MONTH_LEADS))}(?P<pm>(?<![\w-])(?P<pm_p>{_blind(_MONTH_LEADS)})
        [\s-]+(?:{_blind(_MONTH_PARTS_BEFORE)}[\s-]+)?(?P<pm_m>{_MONTH_FULL})(?![\w-]|\s*,?\s*(?:of\s+)?\d))
    |{_first(blind_initials(_RELATIVE_LEADS))}(?P<rel>(?<![\w-])(?P<rel_q>{_blind(_RELATIVE_LEADS)})
        \s+(?P<rel_u>{_blind(_UNITS)})(?!\w))
    |{_first(_COUNT_INITIALS)}(?P<ago>(?<![\w-])(?P<ago_n>{_blind(_COUNTS)}|\d{{1,2}})
        \s+(?P<ago_u>{_blind(_DAY_UNITS)})s?\s+{_blind(_AGO)}(?!\w))
    |{_first(_WEEKDAY_INITIALS + blind_initials(_WEEKDAY_LEADS))}(?P<wd>(?<![\w-])
        (?:(?P<wd_q>{_blind(_WEEKDAY_LEADS)})\s+)?(?P<wd_n>{_WEEKDAY}))
    |{_first(blind_initials(_DAY_WORDS))}(?P<dw>(?<![\w-]){_blind(_DAY_WORDS)}(?!\w))
    |{_first(blind_initials(_YEAR_LEADS))}(?P<py>(?<![\w-])(?P<py_p>{_blind(_YEAR_LEADS)})[\s-]+(?P<py_y>(?:19|20)\d\d)(?!\w|[-–/]\d))
    )""",
    re.VERBOSE,
)

_NUMBER_WORDS = {
    w: n for n, w in enumerate(["one", "two", "three", "four", "five", "six", "seven"], 1)
}
_NUMBER_WORDS |= {"eight": 8, "nine": 9, "ten": 10, "a": 1, "an": 1}

# --- resolution ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DateMention:
    """One date expression: where it stands, what it says, and how precise it is."""

    start: int
    end: int
    text: str
    date: dt.date
    precision: str


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _shift_month(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _pick_day(month: int, day: int, published: dt.date, cue: str | None) -> dt.date | None:
    """The year for a year-less day, by the rule in the module docstring."""
    if cue == "present":
        cue = None
    years = (published.year - 1, published.year, published.year + 1)
    candidates = [c for c in (_safe_date(y, month, day) for y in years) if c is not None]
    # A page's date may lag its text by a day (dated in another time zone, or the evening
    # before a wire's dateline): a day just after it is not a year back.
    before = [c for c in candidates if c <= published + dt.timedelta(days=CLOCK_SLACK_DAYS)]
    after = [c for c in candidates if c >= published]
    if cue == "future":
        return after[0] if after else None
    if cue is None:
        horizon = published + dt.timedelta(days=NEAR_FUTURE_DAYS)
        soon = [c for c in candidates if published < c <= horizon]
        if soon:
            return soon[0]
    return before[-1] if before else None


def _pick_month(month: int, published: dt.date, qualifier: str, cue: str | None) -> dt.date:
    this_month = published.replace(day=1)
    candidates = [dt.date(y, month, 1) for y in range(published.year - 1, published.year + 2)]
    if qualifier == "last":
        return [c for c in candidates if c < this_month][-1]
    if qualifier == "next":
        return [c for c in candidates if c > this_month][0]
    if qualifier == "this":
        return dt.date(published.year, month, 1)
    if qualifier == "since":
        cue = "past"
    if cue == "present":
        cue = None
    if cue == "future":
        return [c for c in candidates if c >= this_month][0]
    if cue is None:
        soon = [c for c in candidates if this_month < c <= _shift_month(this_month, 2)]
        if soon:
            return soon[0]
    return [c for c in candidates if c <= this_month][-1]


def _pick_weekday(weekday: int, published: dt.date, qualifier: str, cue: str | None) -> dt.date:
    back = (published.weekday() - weekday) % 7
    ahead = (weekday - published.weekday()) % 7
    if qualifier in ("last", "past"):
        return published - dt.timedelta(days=back or 7)
    if qualifier == "next":
        return published + dt.timedelta(days=ahead or 7)
    if qualifier == "coming" or cue in ("future", "present"):
        return published + dt.timedelta(days=ahead)
    return published - dt.timedelta(days=back)


def _week_month(published: dt.date, qualifier: str) -> dt.date:
    """The month holding most of the days a week phrase covers; on a tie, the one nearer
    publication. Weeks run Monday to Sunday; "earlier this week" is the days before
    publication, "later this week" the days after it, "early/late this week" its halves, and
    "this week" with a past or future tense cue the days up to or from publication."""
    monday = published - dt.timedelta(days=published.weekday())
    shift = {"last": -7, "next": 7}.get(qualifier, 0)
    week = [monday + dt.timedelta(days=shift + i) for i in range(7)]
    if qualifier == "earlier this":
        days = [d for d in week if d < published]
    elif qualifier == "later this":
        days = [d for d in week if d > published]
    elif qualifier == "this up to":
        days = [d for d in week if d <= published]
    elif qualifier == "this from":
        days = [d for d in week if d >= published]
    else:
        days = {"early this": week[:3], "late this": week[3:]}.get(qualifier, week)
    counts: dict[dt.date, int] = {}
    nearest: dict[dt.date, int] = {}
    for d in days or [published]:
        month, gap = d.replace(day=1), abs((d - published).days)
        counts[month] = counts.get(month, 0) + 1
        nearest[month] = min(nearest.get(month, gap), gap)
    return max(counts, key=lambda m: (counts[m], -nearest[m]))


# "by June", "until Friday", "before the end of June": the words a deadline follows.
_DEADLINE = r"\b(?i:by|until|till|before)\s+"
_DEADLINE_BEFORE = re.compile(_DEADLINE + "$")
_DEADLINE_BEFORE_PART = re.compile(_DEADLINE + r"(?i:the)\s+$")
_DEADLINE_WORDS = word_set("by until till before")
_MONTH_PARTS = word_set("end beginning start middle")


def _cue(text: str, start: int, end: int, deadline: bool) -> str | None:
    """The tense cue of a mention; a deadline with no past cue looks ahead."""
    cue = tense_cue(text, start, end)
    return "future" if deadline and cue != "past" else cue


def _after_deadline_word(text: str, start: int, preposition: str = "") -> bool:
    """Whether the mention at ``start`` (whose own preposition is ``preposition``, if any)
    is a deadline: "by June", "until Friday", "before the end of June"."""
    words = preposition.lower().split()
    if words and words[0] in _DEADLINE_WORDS:
        return True
    pattern = _DEADLINE_BEFORE_PART if words and words[0] in _MONTH_PARTS else _DEADLINE_BEFORE
    return bool(pattern.search(text, max(0, start - 16), start))


# A weekday between a determiner and a capitalised word names a paper or a club.
_NAME_DETERMINER = re.compile(r"(?:\b(?i:the|an?)|\w['’]s)\s+$")
_CAPITALISED_NEXT = re.compile(r"[^\S\n]+[A-Z]")


def _weekday_is_a_name(text: str, m: re.Match[str]) -> bool:
    """ "the Sunday Times reported", "a Monday Club member", "Britain's Sunday Telegraph"."""
    return (
        m["wd_q"] is None
        and _CAPITALISED_NEXT.match(text, m.end()) is not None
        and _NAME_DETERMINER.search(text, max(0, m.start() - 16), m.start()) is not None
    )


_VERBLIKE_AFTER_NAME = re.compile(
    r"\s+(?:is|was|has|had|said|says|will|would|could|can|may|might|must|should|did|does|told"
    r"|tells|took|takes|wants|wanted|[a-z]+ed)\b"
)
_MAY_PREPOSITIONS = word_set("in last next this early late mid since until till of during")


def _may_is_a_name(text: str, m: re.Match[str]) -> bool:
    """A bare "May" is a month only after a few prepositions and with no verb after it
    ("since May took office", "a letter from May" are about a person)."""
    if m["pm_m"].lower() != "may":
        return False
    preposition = m["pm_p"].lower().split()[-1]
    return preposition not in _MAY_PREPOSITIONS or bool(_VERBLIKE_AFTER_NAME.match(text, m.end()))


def _day(text: str, m: re.Match[str], prefix: str, published: dt.date | None) -> dt.date | None:
    month = _MONTH_NUMBER[m.group(prefix + "_m").rstrip(".").lower()]
    day = int(m.group(prefix + "_d").rstrip("stndrh"))
    year_text = m.groupdict().get(prefix + "_y")
    if year_text:
        return _safe_date(int(year_text), month, day)
    if published is None:
        return None
    deadline = _after_deadline_word(text, m.start())
    return _pick_day(month, day, published, _cue(text, m.start(), m.end(), deadline))


def _resolve(text: str, m: re.Match[str], published: dt.date | None) -> tuple[dt.date, str] | None:
    kind = m.lastgroup
    if kind == "iso":
        date = _safe_date(int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"]))
        return (date, DAY) if date else None
    if kind in ("mdy", "dmy", "md", "dm"):
        date = _day(text, m, kind, published)
        return (date, DAY) if date else None
    if kind == "my":
        return dt.date(int(m["my_y"]), _MONTH_NUMBER[m["my_m"].rstrip(".").lower()], 1), MONTH
    if kind == "py":
        year = int(m["py_y"])
        # The end or the start of a year is a month ("late 2015" is its last weeks).
        lead = " ".join(m["py_p"].lower().split())
        if lead in ("late", "end of"):
            return dt.date(year, 12, 1), MONTH
        if lead == "early" or (lead == "of" and _YEAR_START.search(text, 0, m.start())):
            return dt.date(year, 1, 1), MONTH
        return dt.date(year, 1, 1), YEAR
    if published is None:
        return None
    if kind == "pm":
        if _may_is_a_name(text, m):
            return None
        qualifier = m["pm_p"].lower()
        month = _MONTH_NUMBER[m["pm_m"].lower()]
        deadline = _after_deadline_word(text, m.start(), qualifier)
        cue = _cue(text, m.start(), m.end(), deadline)
        return _pick_month(month, published, qualifier, cue), MONTH
    if kind == "rel":
        qualifier = m["rel_q"].lower()
        offset = {"last": -1, "next": 1}.get(qualifier, 0)
        unit = m["rel_u"].lower()
        if unit == "year":
            return dt.date(published.year + offset, 1, 1), YEAR
        if unit == "month":
            return _shift_month(published, offset), MONTH
        qualifier = " ".join(qualifier.split())
        if qualifier == "this":  # "met this week" is its past days, "will meet …" its future
            cue = tense_cue(text, m.start(), m.end())
            qualifier = {"past": "this up to", "future": "this from", "present": "this from"}.get(
                cue or "", qualifier
            )
        return _week_month(published, qualifier), MONTH
    if kind == "ago":
        n_text = m["ago_n"].lower()
        n = _NUMBER_WORDS[n_text] if n_text in _NUMBER_WORDS else int(n_text)
        unit = m["ago_u"].lower()
        if unit == "day":
            return published - dt.timedelta(days=n), DAY
        if unit == "week":
            return (published - dt.timedelta(days=7 * n)).replace(day=1), MONTH
        return _shift_month(published, -n * (12 if unit == "year" else 1)), MONTH
    if kind == "wd":
        if _weekday_is_a_name(text, m):
            return None
        qualifier = (m["wd_q"] or "").lower()
        weekday = _WEEKDAY_NUMBER[m["wd_n"].lower()]
        deadline = not qualifier and _after_deadline_word(text, m.start())
        cue = _cue(text, m.start(), m.end(), deadline)
        return _pick_weekday(weekday, published, qualifier, cue), DAY
    if kind == "dw":
        word = " ".join(m.group().lower().split())
        shift = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0)
        return published + dt.timedelta(days=shift), DAY
    return None


_YEAR_START = re.compile(r"\b(?:start|beginning)\s+$", re.IGNORECASE)


# Every match contains one of these (in lower case). Running the full pattern only near them
# is several times faster than over the whole text. A match starts at most _REACH_BACK
# characters before its first anchor ("beginning of early November") and its lookaheads read
# at most _REACH_ON characters past its last one.
_ANCHOR_WORDS = [
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
    "day",
    "tom",
    "ton",
    "ago",
    "week",
    "month",
    "year",
    "night",
    "morning",
    "afternoon",
    "evening",
]
# A run of digits is one anchor and the words a trie (none is a prefix of another): the windows
# are the same as with a plain alternation of single digits and words, found faster. Every
# alternative starts with a literal character, so that the engine skips to the positions holding
# one. Only ASCII digits: the parts of a match read as digits start with one ("1999", "3rd"), but
# for the count of "٣ days ago", whose unit and "ago" are anchors.
_ANCHOR = re.compile(
    "|".join(
        [f"{digit}[0-9]*" for digit in "0123456789"]
        + [
            initial + trie_pattern(sorted(w[1:] for w in _ANCHOR_WORDS if w[0] == initial))
            for initial in sorted({w[0] for w in _ANCHOR_WORDS})
        ]
    )
)
_REACH_BACK, _REACH_ON = 24, 24


def _windows(text: str) -> list[tuple[int, int]]:
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters ("İ") lower to two: offsets would drift
        return [(0, len(text))]
    windows: list[tuple[int, int]] = []
    for m in _ANCHOR.finditer(lowered):
        start, end = max(0, m.start() - _REACH_BACK), m.end() + _REACH_ON
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


# A wire dateline: a place in capitals (and a country or state), then a year-less day.
_DATELINE = re.compile(
    rf"[^\S\n]*[A-Z][A-Z'’.\- ]*[A-Z](?:,\s*[A-Z][A-Za-z.'’\- ]*)?,\s+"
    rf"(?P<dl_m>{_MONTH})\s+(?P<dl_d>{_DAYNUM})(?!\s*,?\s*\d)"
)
# A dated dateline: a place, then (after at most a few words: another calendar's date) a full
# date and a dash, with the agency in brackets between ("Ankara, 16 November 2015 (Wire) –").
_FULL_DATELINE = re.compile(
    rf"[^\S\n]*[A-Z][A-Za-z'’.\-]*(?: [A-Z][A-Za-z'’.\-]*){{0,2}},[^,.!?\"“”()]{{0,30}}?"
    rf"(?P<full>(?:{_MONTH})\s+{_DAYNUM},?\s+\d{{4}}|{_DAYNUM}\s+(?:{_MONTH}),?\s+\d{{4}})"
    rf"\s*(?:\([^()]{{1,30}}\)\s*)?[-–—]"
)
# A dateline this many days from the page's date is the day the report was filed.
DATELINE_REACH_DAYS = 2


@dataclass(frozen=True)
class Dateline:
    """A dateline opening a text: the text up to ``end`` is the dateline, and ``day`` is the day
    the report speaks from when the dateline may stand for the publication date (else None)."""

    end: int
    day: dt.date | None


def _near(candidate: dt.date, published: dt.date, precision: str) -> bool:
    if precision == MONTH and candidate.replace(day=1) == published.replace(day=1):
        return True
    return abs((candidate - published).days) <= DATELINE_REACH_DAYS


def find_dateline(text: str, published: dt.date | None, precision: str = DAY) -> Dateline | None:
    """The dateline opening ``text``: "GENEVA, Sept 10 (Reuters) - …" (a place in capitals and
    a year-less day) or "Ankara, 16 November 2015 (Wire) – …" (a place, a full date and a dash).
    Its day stands for the publication day when it lies within ``DATELINE_REACH_DAYS`` of
    ``published`` (of a ``precision`` "month" publication date: in that month); a full date
    also when ``published`` is unknown. The dateline's own date dates nothing else."""
    full = _FULL_DATELINE.match(text)
    if full is not None:
        found = _find(full["full"], None)
        day = found[0].date if found and found[0].precision == DAY else None
        if day is not None and published is not None and not _near(day, published, precision):
            day = None
        return Dateline(full.end(), day)
    m = _DATELINE.match(text)
    if m is None:
        return None
    if published is None:
        return Dateline(m.end(), None)
    month = _MONTH_NUMBER[m["dl_m"].rstrip(".").lower()]
    day_number = int(m["dl_d"].rstrip("stndrh"))
    years = (published.year - 1, published.year, published.year + 1)
    for candidate in (_safe_date(y, month, day_number) for y in years):
        if candidate is not None and _near(candidate, published, precision):
            return Dateline(m.end(), candidate)
    return Dateline(m.end(), None)


def dateline_day(text: str, published: dt.date | None, precision: str = DAY) -> dt.date | None:
    """The day of the dateline opening ``text`` that stands for the publication day
    (:func:`find_dateline`), or None."""
    line = find_dateline(text, published, precision)
    return line.day if line else None


def find_date_mentions(
    text: str, published: dt.date | None, precision: str = DAY
) -> list[DateMention]:
    """The date expressions of ``text`` resolved against ``published`` (see module docstring).

    With a ``precision`` "month" publication date (``published`` is then any day of that month)
    an expression is read against the month's first and last days. A count of days from
    publication ("on Tuesday", "yesterday", "two days ago", "this week") cannot resolve: it is
    the month both readings share, else the publication month, at month precision. Any other
    expression keeps the reading that falls in the publication month when one does ("arrived on
    November 12" in a November page), else the last day's.
    """
    if precision != MONTH or published is None:
        return _find(text, published)
    first = published.replace(day=1)
    last = _shift_month(first, 1) - dt.timedelta(days=1)
    early = {(m.start, m.end): m for m in _find(text, first)}
    mentions = []
    for m in _find(text, last):
        other = early.get((m.start, m.end), m)
        if _COUNTS_DAYS.search(m.text):
            shared = m.date.replace(day=1) == other.date.replace(day=1)
            month = m.date.replace(day=1) if shared else first
            mentions.append(DateMention(m.start, m.end, m.text, month, MONTH))
        elif other.date.replace(day=1) == first and m.date.replace(day=1) != first:
            mentions.append(other)
        else:
            mentions.append(m)
    return mentions


# Expressions counted in days from publication (weekdays, "yesterday", "a week ago").
_COUNTS_DAYS = re.compile(
    r"(?i)\b(?:yesterday|today|tomorrow|tonight|weeks?|days?|fortnight"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b"
)


def _find(text: str, published: dt.date | None) -> list[DateMention]:
    mentions: list[DateMention] = []
    for start, end in _windows(text):
        for m in _PATTERN.finditer(text, start, end):
            if mentions and m.start() < mentions[-1].end:
                continue
            try:
                resolved = _resolve(text, m, published)
            except (ValueError, OverflowError):  # arithmetic past year 9999
                continue
            if resolved is not None:
                mentions.append(DateMention(m.start(), m.end(), m.group(), *resolved))
    return mentions
