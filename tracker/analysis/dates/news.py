"""The day of a document's news: statements that nothing dates take it, not the publication day.

A report is often published the day after what it tells ("The ministry said on Thursday …" in a
Friday paper). Its headline and the sentences with no date of their own are about that day, not
about the day of publication: the quotations that follow the lead, "he said", "the first picture
showed …". ``carry_news_day(published, readings, voices, follows, before_lead)`` takes the
dates each statement of a document got on its own
(:func:`tracker.analysis.dates.resolve.resolve_statement_dates`) and returns them with that
day given where it belongs.

Rules:

* The lead is the first of the first ``LEAD_REACH`` statements with a day date written out
  (its said-on or refers-to span) within ``NEWS_WINDOW_DAYS`` before publication or on it. When
  there is none, or it is the publication day, the document is about the day it was published
  and nothing changes: a background sentence dated two days back ("Putin signed a decree on
  Thursday" in a story of Friday's talks) does not make the sentences after it Thursday's.
* Statements before the lead (a headline, a standfirst) take the lead's day when every one of
  them names no date and looks no ahead (``before_lead(i)``, see
  :func:`tracker.analysis.dates.resolve.follows_news`); otherwise the lead is not what the
  page opens with ("Biden to visit Turkey" and "… will visit on August 24" before "an
  interview on Saturday").
* After the lead, a day written out in the window on or after the news day moves the news to
  it (a sentence dated on the publication day ends the carrying); an earlier day, or a day
  beyond the window, opens a background passage ("Authorities cut the power on Saturday")
  where nothing is carried until a sentence dates the news again. Future dates change
  nothing. A statement nothing dates takes the news day when ``follows(i)`` says it tells of
  the news (a remark reported in the past tense, a quotation standing alone, a narrated past
  action): an attributed one as said and about that day, a narrated one as about it. A
  present-tense sentence ("Ties remain frozen") stays the publication day. A remark takes it
  only from a narrated event (the remarks made at the summit) or from a remark of the same
  speaker or side (the ministry, then its spokesman): another side's answer to Monday's
  demand is often Tuesday's, and nothing says so.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence

from tracker.analysis.dates.mentions import DAY
from tracker.analysis.dates.resolve import StatementDates

LEAD_REACH = 4
NEWS_WINDOW_DAYS = 6


def _written(reading: StatementDates) -> dt.date | None:
    """The day date the statement's own words gave, if any."""
    if reading.refers_to_span is not None:
        date, precision = reading.refers_to, reading.refers_to_precision
    elif reading.said_on_span is not None:
        date, precision = reading.said_on, reading.said_on_precision
    else:
        return None
    return date if precision == DAY else None


def _undated(reading: StatementDates) -> bool:
    return reading.refers_to_span is None and reading.said_on_span is None


def _in_window(date: dt.date, published: dt.date) -> bool:
    return published - dt.timedelta(days=NEWS_WINDOW_DAYS) <= date <= published


def _given(reading: StatementDates, day: dt.date, attributed: bool) -> StatementDates:
    if attributed:
        return dataclasses.replace(
            reading, said_on=day, said_on_precision=DAY, refers_to=day, refers_to_precision=DAY
        )
    return dataclasses.replace(reading, refers_to=day, refers_to_precision=DAY)


Voice = tuple[str, str | None] | None  # (speaker, side) of a remark; None: the narrator


def _may_share(voice: Voice, source: Voice) -> bool:
    """Whether a remark by ``voice`` may have been made the day ``source`` set: any remark
    when a narrated event set it (those at the summit, the signing), else the same speaker or
    side (the ministry, then its spokesman), not another side answering it."""
    if voice is None or source is None:
        return True
    return voice[0] == source[0] or (voice[1] is not None and voice[1] == source[1])


def carry_news_day(
    published: dt.date | None,
    readings: Sequence[StatementDates],
    voices: Sequence[Voice],
    follows: Callable[[int], bool],
    before_lead: Callable[[int], bool],
) -> list[StatementDates]:
    """``readings`` with the news day given by the rules of the module docstring; ``voices``
    says who speaks in each statement."""
    result = list(readings)
    if published is None:
        return result
    lead = next(
        (
            i
            for i, reading in enumerate(readings[:LEAD_REACH])
            if (day := _written(reading)) is not None and _in_window(day, published)
        ),
        None,
    )
    if lead is None:
        return result
    news = _written(readings[lead])
    if news is None:
        return result
    if all(_undated(reading) and before_lead(i) for i, reading in enumerate(readings[:lead])):
        for i in range(lead):
            result[i] = _given(readings[i], news, voices[i] is not None)
    current: dt.date | None = news
    source = voices[lead]
    for i in range(lead + 1, len(readings)):
        reading = readings[i]
        day = _written(reading)
        if day is not None and day <= published:
            # An earlier day, or one beyond the window, starts a background passage: what
            # follows is not the news day's until a sentence dates the news again.
            fresh = _in_window(day, published) and day >= (current or news)
            if not fresh:
                current, source = None, None
            elif day != current or source is not None:
                # A narrated event that set the day stays its source: the remarks that follow
                # were made at it ("agreed on Friday", "an official told reporters on Friday").
                current, source = day, voices[i]
        elif (
            day is None
            and _undated(reading)
            and current not in (None, published)
            and _may_share(voices[i], source)
            and follows(i)
        ):
            result[i] = _given(reading, current, voices[i] is not None)
    return result
