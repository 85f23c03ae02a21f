"""The three dates of a statement: when it was said, and what day it is about.

Contract: ``resolve_statement_dates(text, published, attributed=…)`` returns ``StatementDates``:

* ``said_on``: for an attributed remark, a date outside quotations tied to a speech verb
  ("…, Peskov told reporters on Tuesday", "In an interview on Sunday, Lavrov said …"), the verb
  inside ``attribution_span`` when the caller gives one; failing that, any date inside that span.
  A remark cannot postdate its article, so later dates are ignored. Otherwise the publication
  date (day precision, no span).
* ``refers_to``, attributed remarks: the day they were made (= ``said_on``), whatever dates
  the quotation mentions. Exception, kept narrow: when nothing dates the remark and the
  sentence opens with a past-tense action that is not a speech act ("X gave his support over
  the July 15 coup attempt and said …"), a date between that verb and the next speech verb
  dates the action: its own date when it modifies the verb ("sent a letter on June 27"), its
  month when it only names an earlier event (the action followed the event by an unknown lag).
  With no speech verb after the action, an opening adverbial dates it too ("On Monday, Erdogan
  sent a letter …, expressing regret"). A date naming the noun of an opening frame ("In a
  March 31 interview, …", "During a June 27 call, …") dates a past main clause like any other.
* ``refers_to``, narrator statements that "come N days after" an event ("The ruling comes a
  day after the minister resigned"): that event's day, N days before the statement's own (a
  date in its main clause, else now), or the day the clause after the phrase names.
* ``refers_to``, other narrator statements: (1) a date in the main clause ("On June 30, Russia
  lifted …", "will visit next month"), but not a date after publication in a past-tense sentence
  ("pledged to pay by the end of 2018" dates the plan, not the pledge); (2) when the main clause
  is in the past tense, a date in a subordinate clause that is not after publication ("After
  Turkey downed the jet on November 24, relations soured"), else the date of a key event named
  by an alias there ("After the Air Force shot down a Russian jet, …"), day precision, except in
  a "since" clause (the start of a lasting state) and when the main clause is a copula before a
  noun phrase ("The call was the latest sign of warming after a deal in June": a description);
  (3) otherwise the statement is about now: ``said_on``. A main clause in the present or future
  with a dated background ("… since ties deteriorated last November") is about now. The period a
  figure is compared with ("compared with the same period in 2015", "than in 2014") dates
  nothing, nor does the day a measure takes effect when it is still to come ("barred from
  entering starting January 1", "a truce effective from Monday"): the statement reports the
  decision. A bare year ("first applied in 1987", "fell last year") dates nothing at all: it is
  a period looked back on, and the statement is about the day it was made; the edge of a year
  ("in late 2015") is a month and dates as one. Dates inside quotations count only when nothing
  else does, and never in a statement made only of quotation ("“In January, exports fell by
  half, and …"): that is a remark whose speaker stands elsewhere, dated as one (the day it was
  made).
* Context (``context``, from the statements before in the same document, see
  :mod:`tracker.analysis.dates.context`): "the same day", "the following day", "at the time" resolve
  against the last explicitly dated statement, and "after the summit", "during the call" in a
  statement with no date of its own take the day of the meeting just reported. They then
  count like dates written out: "Peskov said the same day" dates the remark.
* Attributed remarks that report someone else's words ("During the call, Putin told Erdogan
  that …, the Kremlin said"): when nothing dates the remark itself, a date tied to the
  reported speech verb before the attribution dates the statement (``refers_to``).
* A bare weekday with no tense cue of its own in a narrated sentence about the future
  ("migrants who reach the islands from Sunday will be sent back") is the coming one, and a
  date on or after publication in a subordinate clause of such a sentence dates it: the
  sentence is about that future arrangement.
* A wire dateline opening the statement ("GENEVA, Sept 10 (Reuters) -", "Ankara, 16 November
  2015 (Wire) –") stands for the publication date when it is within two days of it (a dated
  one also when there is none): the report speaks from that day. Its own date dates nothing.
* A publication date known to the month only (``published_precision="month"``, as read from a
  page address by :mod:`tracker.analysis.dates.url`): the month stands for the publication
  date at month precision, nothing may postdate the month's last day, and a date whose reading
  depends on the day of publication ("said on Tuesday", "yesterday") is its month. A dateline
  day in that month makes the statement day-dated again.
* Clause rules (subordinate clauses, noun modifiers such as "the August 9 meeting", tense of
  the main clause, quotations) are in :mod:`tracker.analysis.dates.clauses`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from tracker.analysis.dates.clauses import SPEECH_VERBS, Sentence, first_verb
from tracker.analysis.dates.context import DateContext, context_mentions
from tracker.analysis.dates.mentions import (
    DAY,
    MONTH,
    YEAR,
    DateMention,
    find_date_mentions,
    find_dateline,
)
from tracker.analysis.dates.tense import INFINITIVE_FUTURES, tense_cue
from tracker.analysis.key_events import KeyEvent, find_event_mentions
from tracker.text.words import DETERMINERS, WORD, caseless, lower_cased, word_set

__all__ = [
    "DateMention",
    "StatementDates",
    "find_date_mentions",
    "follows_news",
    "resolve_statement_dates",
]

Span = tuple[int, int]


@dataclass(frozen=True)
class StatementDates:
    """When a statement was made and which date it is about, each with the text that said so."""

    said_on: dt.date | None
    said_on_precision: str | None
    said_on_span: Span | None
    refers_to: dt.date | None
    refers_to_precision: str | None
    refers_to_span: Span | None


@dataclass(frozen=True)
class _Dated:
    date: dt.date | None
    precision: str | None
    span: Span | None


_ATTITUDE_VERBS = word_set(
    """condemned criticised criticized praised thanked welcomed expressed voiced called accused
    appreciated hoped believed thought felt wanted vowed promised pledged offered blamed
    described rejected demanded asked"""
)
_WEEKDAY_ONLY = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|[A-Z]+DAY")


def _as_dated(mention: DateMention) -> _Dated:
    return _Dated(mention.date, mention.precision, (mention.start, mention.end))


def _usable(sentence: Sentence) -> list[DateMention]:
    """Mentions that can date a remark: outside quotations, not after publication, not a
    noun's modifier, not the start of a lasting state ("has lived there since 1999")."""
    return [
        m
        for m in sentence.mentions
        if not sentence.quoted(m.start)
        and sentence.not_after_publication(m.date)
        and not (sentence.modifier(m) and not _frames(sentence, m))
        and not _SINCE_BEFORE.search(sentence.text, 0, m.start)
    ]


_SINCE_BEFORE = re.compile(r"\bsince\s+(?:early\s+|late\s+|mid-?)?$", re.IGNORECASE)
_FRAME_LEADS = ("in", "at", "during")


def _frames(sentence: Sentence, mention: DateMention) -> bool:
    """Whether a date that modifies a noun opens the sentence in a frame the main clause
    happened in ("In a March 31 broadcast, the host recited …", "During a June 27 call, …"):
    the event it names is the one the past main clause tells."""
    lead = WORD.match(sentence.unquoted)
    verb = sentence.main_verb
    return (
        lead is not None
        and lead.group().lower() in _FRAME_LEADS
        and sentence.opens_sentence(mention.start)
        and verb is not None
        and verb[0] == "past"
    )


def _said_on(sentence: Sentence, attribution_span: Span | None) -> _Dated:
    def in_span(pos: int) -> bool:
        return attribution_span is None or attribution_span[0] <= pos < attribution_span[1]

    usable = _usable(sentence)
    # The caller's attribution span may stop at the verb ("Cavusoglu said") and leave the
    # time ("… in an interview on Monday") outside: a date tied to a verb in the span counts.
    for m in usable:
        if any(in_span(verb.start()) for verb in sentence.tying_verbs(m)):
            return _as_dated(m)
    for m in usable:
        if attribution_span is not None and in_span(m.start):
            return _as_dated(m)
    published = sentence.published
    return _Dated(published, DAY if published else None, None)


def _reported_action(sentence: Sentence, said: _Dated) -> _Dated | None:
    """A dated past action that is not a speech act ("X gave his support over …")."""
    text = sentence.text
    if said.span is not None or sentence.quoted(len(text) - len(text.lstrip(" –—-"))):
        return None
    verb = sentence.main_verb
    if verb is None or verb[0] != "past":
        return None
    word = verb[1].group().lower()
    if word in SPEECH_VERBS or word in _ATTITUDE_VERBS:
        return None
    latest = said.date if said.precision == DAY else sentence.published
    later = [v.start() for v in sentence.speech_verbs if v.start() > verb[1].end()]
    for m in sentence.mentions if not later else ():
        # "On Monday, Erdogan sent a letter …, expressing regret": an opening adverbial dates
        # the speaker's own action. With a speech verb after it ("On Monday, artillery shelled
        # …, the ministry said") the statement is the remark, dated as one.
        if (
            m.end <= verb[1].start()
            and not sentence.quoted(m.start)
            and sentence.opens_sentence(m.start)
            and (latest is None or m.date <= latest)
        ):
            return _as_dated(m)
    limit = later[0] if later else len(text)
    for m in sentence.mentions:
        if not verb[1].end() <= m.start < limit or sentence.quoted(m.start):
            continue
        if latest is not None and m.date >= latest:
            continue
        if m.precision == DAY and (sentence.modifier(m) or sentence.subordinate(m.start)):
            return _Dated(m.date.replace(day=1), MONTH, (m.start, m.end))
        return _as_dated(m)
    return None


def _reported_speech(sentence: Sentence, attribution_span: Span | None) -> _Dated | None:
    """ "On Tuesday, Putin told Erdogan …, the Kremlin said": the reported speech act's date."""
    if attribution_span is None:
        return None
    for m in _usable(sentence):
        if any(v.end() <= attribution_span[0] for v in sentence.tying_verbs(m)):
            return _as_dated(m)
    return None


def _about_future(sentence: Sentence, after: int) -> bool:
    """Whether the main clause is in the future; when subordinate clauses hide it ("migrants
    who reach … will be sent back"), the first verb after position ``after`` says."""
    verb = sentence.main_verb or first_verb(sentence.unquoted[after:])
    return verb is not None and verb[0] == "future"


def _coming_weekdays(sentence: Sentence) -> None:
    """Bare weekdays with no tense cue of their own in a sentence about the future: the
    coming one ("from Sunday … will be sent back"), not the last."""
    published = sentence.published
    if published is None:
        return
    for i, m in enumerate(sentence.mentions):
        if (
            _WEEKDAY_ONLY.fullmatch(m.text)
            and m.date < published
            and tense_cue(sentence.text, m.start, m.end) is None
            and _about_future(sentence, m.end)
        ):
            coming = m.date + dt.timedelta(days=7)
            sentence.mentions[i] = DateMention(m.start, m.end, m.text, coming, m.precision)


# "a day after", "two days before", "the day after": a lag in days from what follows.
_DAY_LAG = re.compile(
    r"\b(?:(?P<n>an?|one|two|three|four|five|six|seven|[1-9])\s+days?|the\s+day)"
    r"\s+(?P<dir>after|before)\s+",
    re.IGNORECASE,
)
_DAY_LAG_LOWER = lower_cased(_DAY_LAG)  # on the lower-cased text: faster, the same
_LAG_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_ANCHOR_END = re.compile(r"[,;:()–—“”\"]")


def _offset_mentions(
    text: str, mentions: Sequence[DateMention], events: Sequence[KeyEvent]
) -> list[DateMention]:
    """ "Two days after the coup attempt", "a day before the talks on August 9": the day of
    the anchor (a day date, else a key event named in the clause that follows) shifted by the
    lag. The phrase becomes one mention replacing the anchor's own."""
    found: list[DateMention] = []
    if "day" not in text and "Day" not in text and "DAY" not in text:
        return found  # every lag names a day: most statements skip the scan
    named: list[tuple[KeyEvent, int, int]] | None = None
    lowered = caseless(text)
    lags = _DAY_LAG.finditer(text) if lowered is None else _DAY_LAG_LOWER.finditer(lowered)
    for lag in lags:
        stop_mark = _ANCHOR_END.search(text, lag.end())
        stop = stop_mark.start() if stop_mark else len(text)
        anchor = next(
            (
                (m.date, m.end)
                for m in mentions
                if lag.end() <= m.start < stop and m.precision == DAY
            ),
            None,
        )
        if anchor is None:
            if named is None:
                named = find_event_mentions(text, events) if events else []
            anchor = next(
                ((e.date, end) for e, start, end in named if lag.end() <= start < stop), None
            )
        if anchor is None:
            continue
        n_text = (lag["n"] or "a").lower()
        days = _LAG_NUMBERS.get(n_text, 1 if not n_text.isdigit() else int(n_text))
        sign = 1 if lag["dir"].lower() == "after" else -1
        date = anchor[0] + dt.timedelta(days=sign * days)
        found.append(DateMention(lag.start(), anchor[1], text[lag.start() : anchor[1]], date, DAY))
    return found


# The period a figure is compared with ("fell 43% compared with the same period in 2015",
# "higher than in 2014") is not the period the statement is about.
_BASELINE = re.compile(
    r"\b(?:compared\s+(?:to|with)|than|versus|vs\.?)\s+(?:the\s+same\s+(?:period|months?"
    r"|time|quarter|days?)\s+)?(?:of\s+|last\s+)?$",
    re.IGNORECASE,
)


# The day a measure takes effect ("not allowed to enter starting Jan. 1", "a ceasefire effective
# from sundown on Monday"): when it is still to come, the statement reports the decision, now.
_TAKES_EFFECT = re.compile(
    r"\b(?:starting|beginning|effective|as\s+of|as\s+from|with\s+effect\s+from)"
    r"(?:\s+(?:from|on|as\s+of|at|in))?"
    r"(?:\s+(?:sundown|sunset|midnight|noon|dawn)(?:\s+(?:on|of))?)?\s*$",
    re.IGNORECASE,
)


# "The announcement came a day after the Commission backed …", "Her remarks come two days after
# …": news set beside the event it follows; the statement is about that earlier event.
_COMES_AFTER = re.compile(
    r"\b(?:comes?|came)\s+(?:just\s+|only\s+)?(?P<n>an?|one|two|three|four|five|six|seven|[1-7])"
    r"\s+days?\s+after\b",
    re.IGNORECASE,
)


def _comes_after(sentence: Sentence, now: _Dated) -> _Dated | None:
    """The day of the event a statement "comes N days after": that many days before the
    statement's own day (a date in its main clause before the phrase, else ``now``), or the
    day of the event when the clause after the phrase names it ("a day after the talks on
    August 9")."""
    if "day" not in sentence.text:
        return None  # every such phrase names days: most statements skip the scan
    found = _COMES_AFTER.search(sentence.unquoted)
    if found is None:
        return None
    n_text = found["n"].lower()
    days = _LAG_NUMBERS.get(n_text) or (int(n_text) if n_text.isdigit() else 1)
    lag = dt.timedelta(days=days)
    span = (found.start("n"), found.end())
    for m in sentence.mentions:
        if m.start == found.start("n") and m.precision == DAY:  # an anchored day lag
            return _Dated(m.date - lag, DAY, (m.start, m.end))
    base = next(
        (
            m
            for m in sentence.mentions
            if m.end <= found.start()
            and m.precision == DAY
            and not sentence.quoted(m.start)
            and not sentence.subordinate(m.start)
        ),
        None,
    )
    if base is not None:
        return _Dated(base.date - lag, DAY, span)
    if now.date is None or now.precision != DAY:
        return None
    return _Dated(now.date - lag, DAY, span)


def _describes(sentence: Sentence) -> bool:
    """Whether the past main clause is a copula before a noun phrase ("The call was the latest
    sign of warming after a deal in June"): it describes, and a temporal clause inside the
    description ("after a deal in June") does not say when."""
    verb = sentence.main_verb
    if verb is None or verb[1].group().lower() not in ("was", "were"):
        return False
    after = WORD.match(sentence.unquoted, verb[1].end() + 1)
    return after is not None and after.group().lower() in DETERMINERS


def _narrator_refers(sentence: Sentence, events: Sequence[KeyEvent]) -> _Dated | None:
    past = sentence.main_verb is not None and sentence.main_verb[0] == "past"

    def main(candidates: Sequence[DateMention]) -> DateMention | None:
        for m in candidates:
            if sentence.subordinate(m.start) or (sentence.modifier(m) and not _frames(sentence, m)):
                continue
            if past and not sentence.not_after_publication(m.date, slack=True):
                continue  # "pledged to pay by the end of 2018": the plan's date, not the act's
            return m
        return None

    mentions = [
        m
        for m in sentence.mentions
        if not _BASELINE.search(sentence.text, 0, m.start)
        and not (
            _TAKES_EFFECT.search(sentence.text, 0, m.start)
            and not sentence.not_after_publication(m.date)
        )
    ]
    unquoted = [m for m in mentions if not sentence.quoted(m.start)]
    found = main(unquoted)
    if found is not None:
        return _as_dated(found)
    if past and not _describes(sentence):
        for m in unquoted:
            if sentence.not_after_publication(m.date) and sentence.anchors_main_clause(m):
                return _as_dated(m)
        for event, start, end in find_event_mentions(sentence.text, events):
            if (
                not sentence.quoted(start)
                and not sentence.lagged(start)
                and not sentence.lasting(start)
                and sentence.not_after_publication(event.date)
            ):
                return _Dated(event.date, DAY, (start, end))
    published = sentence.published
    for m in unquoted:
        ahead = published is not None and m.date >= published and not sentence.modifier(m)
        if ahead and _about_future(sentence, m.end):
            return _as_dated(m)  # "migrants who reach the islands from Sunday will be …"
    if not unquoted and not sentence.only_quotation:
        found = main(mentions)
        if found is not None:
            return _as_dated(found)
    return None


def resolve_statement_dates(
    text: str,
    published: dt.date | None,
    *,
    attributed: bool,
    attribution_span: Span | None = None,
    quote_spans: Sequence[Span] | None = None,
    events: Sequence[KeyEvent] = (),
    context: DateContext | None = None,
    published_precision: str = DAY,
) -> StatementDates:
    """Said-on and refers-to dates of one statement, by the rules in the module docstring.

    ``context`` is what the statements before it in the same document dated
    (:func:`tracker.analysis.dates.context.advance`); without it, the statement is read on its own.
    ``published_precision`` "month": only the month of publication is known (``published`` is
    any day of it); see the module docstring.
    """
    line = find_dateline(text, published, published_precision)
    dateline = line.day if line else None
    if published is None or dateline is not None or published_precision != MONTH:
        published = dateline or published
        mentions = find_date_mentions(text, published)
        now = _Dated(published, DAY if published else None, None)
        reference = published
    else:
        # Nothing can postdate the month's last day; what depends on the unknown day of
        # publication is read at month precision (find_date_mentions).
        first = published.replace(day=1)
        reference = (first + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
        mentions = find_date_mentions(text, reference, MONTH)
        now = _Dated(first, MONTH, None)
    if line is not None:  # the dateline's own date is the filing day, not what it reports
        mentions = [m for m in mentions if m.start >= line.end]
    # A bare year is a period the statement looks back on or at ("first applied in 1987",
    # "trade fell last year"), not the day it is about.
    mentions = [m for m in mentions if m.precision != YEAR]
    offsets = _offset_mentions(text, mentions, events)
    if offsets:
        kept = [
            m for m in mentions if not any(o.start < m.end and m.start < o.end for o in offsets)
        ]
        mentions = sorted([*kept, *offsets], key=lambda m: m.start)
    sentence = Sentence(text, reference, mentions, quote_spans)
    if context is not None:
        own = any(not sentence.quoted(m.start) for m in mentions)
        extra = [
            m
            for m in context_mentions(text, context, own)
            if not any(m.start < x.end and x.start < m.end for x in mentions)
        ]
        sentence.mentions = sorted([*mentions, *extra], key=lambda m: m.start)
    if not sentence.mentions and (attributed or not events):
        return StatementDates(now.date, now.precision, None, now.date, now.precision, None)
    if attributed:
        said = _said_on(sentence, attribution_span)
        if said.span is None:
            said = now
        refers = _reported_action(sentence, said) or said
        if said.span is None and refers is said:
            refers = _reported_speech(sentence, attribution_span) or said
    else:
        if now.precision == DAY:
            _coming_weekdays(sentence)
        said = now
        refers = _comes_after(sentence, now) or _narrator_refers(sentence, events) or said
    return StatementDates(
        said.date, said.precision, said.span, refers.date, refers.precision, refers.span
    )


# A headline's future: "Biden to visit Turkey", "Putin and Erdogan to meet in August".
_HEADLINE_AHEAD = re.compile(r"\bto\s+(?P<verb>[A-Za-z]+)")


def follows_news(
    text: str,
    published: dt.date | None,
    *,
    attributed: bool,
    quote_spans: Sequence[Span] | None = None,
    before_lead: bool = False,
) -> bool:
    """Whether a statement that nothing dates tells of its document's news, not of the day of
    publication (:mod:`tracker.analysis.dates.news`): a quotation standing alone; a remark
    whose speech verbs are not in the present ("he said", "according to officials", not
    "she says"); a narrated sentence whose main clause is in the past tense with no bare year
    in it ("The first picture showed …", not "Ties broke down last year").

    ``before_lead``: the statement comes before the document's lead (a headline, a
    standfirst); it tells of the lead's news when it names no date outside quotations and does
    not look ahead ("… will visit", "Biden to visit Turkey"), whatever its tense."""
    sentence = Sentence(text, published, [], quote_spans)
    if before_lead:
        if any(not sentence.quoted(m.start) for m in find_date_mentions(text, published)):
            return False
        verb = sentence.main_verb
        if verb is not None and verb[0] == "future":
            return False
        return not any(
            m.group("verb").lower() in INFINITIVE_FUTURES
            for m in _HEADLINE_AHEAD.finditer(sentence.unquoted)
        )
    if sentence.only_quotation:
        return True
    if attributed:
        # Past speech verbs never end in "s"; present ones ("says", "tells", "adds") do.
        return not any(verb.group().lower().endswith("s") for verb in sentence.speech_verbs)
    verb = sentence.main_verb
    if verb is None or verb[0] != "past":
        return False
    return not any(
        m.precision == YEAR and not sentence.quoted(m.start) and not sentence.subordinate(m.start)
        for m in find_date_mentions(text, published)
    )
