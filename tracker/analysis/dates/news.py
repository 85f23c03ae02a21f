"""The day of a document's news, and the time of its background passages: statements that
nothing dates take them, not the publication day.

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
* A background passage opens with a statement dated before the window (a day) or before the
  month of publication (a month: "in January", a key event such as the shootdown). A narrated
  statement in it that ``follows(i)`` ("A war of words ensued", "Russia also banned package
  tours") is about that time, at month precision: what followed the event, not its day. A
  statement that does not follow (present tense: "Trade remains low") ends the passage, and
  remarks keep their own day: a quotation after a recap is as often today's as the recap's.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence

from tracker.analysis.dates.mentions import DAY, MONTH
from tracker.analysis.dates.resolve import StatementDates

LEAD_REACH = 4
NEWS_WINDOW_DAYS = 6


def _own(reading: StatementDates) -> tuple[dt.date | None, str | None] | None:
    """The date and precision the statement's own words gave (what it refers to, else when it
    was said), or None when its words gave none."""
    if reading.refers_to_span is not None:
        return reading.refers_to, reading.refers_to_precision
    if reading.said_on_span is not None:
        return reading.said_on, reading.said_on_precision
    return None


def _written(reading: StatementDates) -> dt.date | None:
    """The day date the statement's own words gave, if any."""
    own = _own(reading)
    return own[0] if own is not None and own[1] == DAY else None


def _undated(reading: StatementDates) -> bool:
    return reading.refers_to_span is None and reading.said_on_span is None


def _in_window(date: dt.date, published: dt.date) -> bool:
    return published - dt.timedelta(days=NEWS_WINDOW_DAYS) <= date <= published


def _given(
    reading: StatementDates, date: dt.date, attributed: bool, precision: str
) -> StatementDates:
    if attributed:
        return dataclasses.replace(
            reading,
            said_on=date,
            said_on_precision=precision,
            refers_to=date,
            refers_to_precision=precision,
        )
    return dataclasses.replace(reading, refers_to=date, refers_to_precision=precision)


Voice = tuple[str, str | None] | None  # (speaker, side) of a remark; None: the narrator


def _may_share(voice: Voice, source: Voice) -> bool:
    """Whether a remark by ``voice`` may have been made the day ``source`` set: any remark
    when a narrated event set it (those at the summit, the signing), else the same speaker or
    side (the ministry, then its spokesman), not another side answering it."""
    if voice is None or source is None:
        return True
    return voice[0] == source[0] or (voice[1] is not None and voice[1] == source[1])


def _older(reading: StatementDates, published: dt.date) -> dt.date | None:
    """The month of a date the statement's own words gave when it lies before the news
    window (a day) or before the month of publication (a month): a background event."""
    own = _own(reading)
    if own is None:
        return None
    date, precision = own
    if date is None:
        return None
    if precision == DAY:
        old = date < published - dt.timedelta(days=NEWS_WINDOW_DAYS)
    else:
        old = (date.year, date.month) < (published.year, published.month)
    return date.replace(day=1) if old else None


def carry_news_day(
    published: dt.date | None,
    readings: Sequence[StatementDates],
    voices: Sequence[Voice],
    follows: Callable[[int], bool],
    before_lead: Callable[[int], bool],
) -> list[StatementDates]:
    """``readings`` with the news day, and the month of a background passage, given by the
    rules of the module docstring; ``voices`` says who speaks in each statement."""
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
    news = _written(readings[lead]) if lead is not None else None
    if (
        lead is not None
        and news is not None
        and all(_undated(r) and before_lead(i) for i, r in enumerate(readings[:lead]))
    ):
        for i in range(lead):
            result[i] = _given(readings[i], news, voices[i] is not None, DAY)
    current = news
    source = voices[lead] if lead is not None else None
    background: dt.date | None = None
    for i in range(0 if lead is None else lead + 1, len(readings)):
        reading = readings[i]
        if not _undated(reading):
            older = _older(reading, published)
            day = _written(reading)
            background = older
            if older is not None:
                current, source = None, None  # a background passage: no news day in it
            elif day is not None and day <= published and news is not None:
                if not (_in_window(day, published) and day >= (current or news)):
                    current, source = None, None  # an earlier day: background again
                elif day != current or source is not None:
                    # A narrated event that set the day stays its source: the remarks that
                    # follow were made at it ("agreed on Friday", "an official said on Friday").
                    current, source = day, voices[i]
            continue
        if current not in (None, published) and _may_share(voices[i], source) and follows(i):
            result[i] = _given(reading, current, voices[i] is not None, DAY)
        elif background is not None and voices[i] is None:
            if follows(i):
                result[i] = _given(reading, background, voices[i] is not None, MONTH)
            else:
                background = None  # the story is back to now
    return result
