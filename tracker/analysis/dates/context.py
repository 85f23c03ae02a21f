"""Dates a statement takes from the statements before it in the same document.

News text dates many sentences only through their neighbours: "Peskov said the same day",
"The following day, Moscow lifted the ban", "Lavrov told a news conference after the summit
that …". ``DateContext`` carries what the earlier statements of a document dated, and
``context_mentions(text, context, own_date)`` turns such phrases into ``DateMention`` values at
their place in the text, so the ordinary dating rules of :mod:`tracker.analysis.dates.resolve` use
them like any date written out (a phrase tied to a speech verb dates the remark, one in the main
clause dates a narrated event, one in a quotation counts only when nothing else does).

Rules:

* Anaphoric day phrases resolve against the date of the last statement that had an explicit
  date of its own (``refers_to`` with a span, else ``said_on`` with a span): "the same day",
  "that day", "later that day" (that date), "the following/next day", "a day later", "two days
  later" (after it), "the previous day", "a day earlier" (before it), all only when that date
  is a day; "at the time" / "at that time" take it at any precision. "The day before the summit"
  and "a day after Erdogan met Putin" name their own reference point and are not read.
* A definite reference to a meeting just reported ("after the summit", "at the talks", "during
  the call", "on the sidelines of the meeting") takes the day of the nearest earlier statement,
  at most ``EVENT_REACH`` statements back, that had an explicit day date and reported a meeting,
  call, visit, summit, talks or agreement, of the same kind: a call ("after the call", "during
  the conversation") only a statement that reported a call, any other meeting only one that
  reported something else ("after the talks" is not the telephone call reported before). It
  applies only to a statement with no date of its own outside quotations. "Before the
  summit" is not read (the remark may precede it by days), nor "the next meeting" or "the
  previous call" (another meeting).

``advance(context, text, dates)`` gives the context for the next statement.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from typing import Protocol

from tracker.analysis.dates.mentions import DAY, DateMention
from tracker.text.words import caseless, lower_cased

EVENT_REACH = 3
_NUMBERS = {"one": 1, "a": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_SAME = re.compile(
    r"\b(?:(?:on\s+)?the\s+same\s+day|(?:later\s+)?that\s+(?:same\s+)?(?:day|morning|afternoon"
    r"|evening|night))(?!\s*'s)\b",
    re.IGNORECASE,
)
_AT_THE_TIME = re.compile(r"\bat\s+(?:the|that)\s+time\b(?!\s+(?:of|when|that)\b)", re.IGNORECASE)
_SHIFTED = re.compile(
    r"\b(?:(?P<next>the\s+(?:following|next)\s+(?:day|morning))"
    r"|(?P<prev>the\s+(?:previous|preceding)\s+day)"
    r"|(?P<n>a|one|two|three|four|five|\d)\s+days?\s+(?P<dir>later|earlier)"
    r"|(?P<rel>the\s+day\s+(?:after|before)|a\s+day\s+(?:after|before)))"
    r"(?P<tail>\s+\w+)?",
    re.IGNORECASE,
)
_EVENT_NOUNS = (
    r"summit|talks|meeting|call|conversation|negotiations|conference|visit|session|ceremony"
    r"|gathering|encounter|dinner|consultations"
)
# "the next meeting", "the previous call": another meeting than the one just reported.
_OTHER_EVENT = (
    r"(?:next|upcoming|coming|planned|forthcoming|future|previous|last|earlier|later|second"
    r"|third|new|annual|regular|weekly|monthly)\b"
)
_EVENT_REFERENCE = re.compile(
    r"\b(?:after|at|during|following|in\s+the\s+course\s+of|on\s+the\s+(?:sidelines|margins)"
    r"\s+of)\s+(?:the|that)\s+(?:(?!"
    + _OTHER_EVENT
    + r")[\w'’-]+\s+){0,2}?(?:"
    + _EVENT_NOUNS
    + r")\b(?!\s+(?:for|to)\b)",
    re.IGNORECASE,
)
_EVENT_REPORT = re.compile(
    r"\b(?:" + _EVENT_NOUNS + r"|met|meet|meets|phoned|telephoned|phone|spoke|talked|visited"
    r"|hosted|agreed|agreement|deal|held)\b",
    re.IGNORECASE,
)
_EVENT_REPORT_LOWER = lower_cased(_EVENT_REPORT)  # on the lower-cased text: faster, the same
# A call is one kind of event, every other meeting another: "after the talks" is not the
# telephone call reported just before it.
_CALL = re.compile(r"\b(?:call|conversation|phoned|telephoned|phone|telephone)\b", re.IGNORECASE)
CALL, MEETING = "call", "meeting"


def _kind(text: str) -> str:
    return CALL if _CALL.search(text) else MEETING


class _Dates(Protocol):
    """The fields of ``tracker.analysis.dates.resolve.StatementDates`` this module reads."""

    @property
    def said_on(self) -> dt.date | None: ...
    @property
    def said_on_precision(self) -> str | None: ...
    @property
    def said_on_span(self) -> tuple[int, int] | None: ...
    @property
    def refers_to(self) -> dt.date | None: ...
    @property
    def refers_to_precision(self) -> str | None: ...
    @property
    def refers_to_span(self) -> tuple[int, int] | None: ...


@dataclass(frozen=True)
class DateContext:
    """What the statements before this one dated; the default is a document's start."""

    date: dt.date | None = None
    precision: str | None = None
    event_day: dt.date | None = None
    event_age: int = 0  # how many statements back the one that gave event_day is
    event_kind: str | None = None  # CALL or MEETING: what the statement that gave it reported


def _mention(
    m: re.Match[str], date: dt.date, precision: str, end: int | None = None
) -> DateMention:
    stop = m.end() if end is None else end
    return DateMention(m.start(), stop, m.string[m.start() : stop], date, precision)


# Every phrase _AT_THE_TIME, _SAME and _SHIFTED find contains one of these words (keep in step).
_ANAPHORIC_WORDS = ("day", "time", "morning", "afternoon", "evening", "night")
_ANAPHORIC_WORD = re.compile("|".join(_ANAPHORIC_WORDS), re.IGNORECASE)


def _may_refer_back(text: str) -> bool:
    """Whether ``text`` has a word every anaphoric phrase contains: most statements have none,
    and this check costs a fraction of the phrase patterns. In ASCII text a lower-case search
    finds what the case-blind pattern finds (other text may fold case differently)."""
    if text.isascii():
        lowered = text.lower()
        return any(word in lowered for word in _ANAPHORIC_WORDS)
    return _ANAPHORIC_WORD.search(text) is not None


def _anaphoric(text: str, context: DateContext) -> list[DateMention]:
    date, precision = context.date, context.precision
    if date is None or precision is None or not _may_refer_back(text):
        return []
    found = [_mention(m, date, precision) for m in _AT_THE_TIME.finditer(text)]
    if precision != DAY:
        return found
    found += [_mention(m, date, DAY) for m in _SAME.finditer(text)]
    for m in _SHIFTED.finditer(text):
        tail = m.group("tail")
        if m.group("rel"):
            if tail:  # "the day before the summit": its own reference point
                continue
            shift = 1 if m.group("rel").lower().endswith("after") else -1
        elif m.group("n"):
            n = m.group("n").lower()
            shift = (_NUMBERS[n] if n in _NUMBERS else int(n)) * (
                1 if m.group("dir").lower() == "later" else -1
            )
        else:
            shift = 1 if m.group("next") else -1
        end = m.end("tail") - len(tail) if tail else m.end()
        found.append(_mention(m, date + dt.timedelta(days=shift), DAY, end))
    return found


def context_mentions(text: str, context: DateContext, own_date: bool) -> list[DateMention]:
    """Date mentions the context gives ``text``, by the rules of the module docstring."""
    found = _anaphoric(text, context)
    if not own_date and not found and context.event_day and context.event_age <= EVENT_REACH:
        found = [
            _mention(m, context.event_day, DAY)
            for m in _EVENT_REFERENCE.finditer(text)
            if context.event_kind in (None, _kind(m.group()))
        ]
    return sorted(found, key=lambda m: m.start)


def _reports_event(text: str) -> bool:
    lowered = caseless(text)
    if lowered is None:
        return _EVENT_REPORT.search(text) is not None
    return _EVENT_REPORT_LOWER.search(lowered) is not None


def advance(context: DateContext, text: str, dates: _Dates) -> DateContext:
    """The context for the statement after ``text``, which ``dates`` dated."""
    if dates.refers_to_span is not None and dates.refers_to is not None:
        date, precision = dates.refers_to, dates.refers_to_precision
    elif dates.said_on_span is not None and dates.said_on is not None:
        date, precision = dates.said_on, dates.said_on_precision
    else:
        return dataclasses.replace(context, event_age=context.event_age + 1)
    if precision == DAY and _reports_event(text):
        return DateContext(date, precision, date, 1, _kind(text))
    return dataclasses.replace(
        context, date=date, precision=precision, event_age=context.event_age + 1
    )
