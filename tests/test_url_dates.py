"""Publication dates read from page addresses, and statements dated from a month-only date.

The addresses are made up (example.org style); each names the path form it stands for.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.analysis.dates.resolve import resolve_statement_dates
from tracker.analysis.dates.url import PublishedDate, published_from_url

D = dt.date
TODAY = D(2017, 6, 30)  # the bound for "no date in the future", fixed for the tests

# (name, url, expected (ISO date, precision) or None)
URL_DATE_CASES = [
    ("archive folders, day", "https://news.example.org/2016/02/09/talks-resume/",
     ("2016-02-09", "day")),
    ("archive folders, day with one-digit parts", "https://example.org/world/2016/3/7/story",
     ("2016-03-07", "day")),
    ("archive folders, day then a file", "https://example.org/2015/11/26/item.html",
     ("2015-11-26", "day")),
    ("archive folders, month", "https://blog.example.org/2015/11/ministers-meet.html",
     ("2015-11-01", "month")),
    ("archive folders, month at the end", "https://example.org/archive/2016/05",
     ("2016-05-01", "month")),
    ("year folder, month-day folder", "https://example.net/2016/08-31/224466.shtml",
     ("2016-08-31", "day")),
    ("year-month folder, day folder", "https://example.net/world/2016-02/18/content_9.htm",
     ("2016-02-18", "day")),
    ("year-month folder alone", "https://example.net/world/2016-02/content_9.htm",
     ("2016-02-01", "month")),
    ("ISO date in a slug", "https://example.org/news/ankara-talks-2015-12-17-update",
     ("2015-12-17", "day")),
    ("eight digits ending a slug", "https://example.org/putin-annual-press-20151217",
     ("2015-12-17", "day")),
    ("eight digits as a folder", "https://example.org/articles/4711/20151201/ties.htm",
     ("2015-12-01", "day")),
    ("eight digits opening a slug", "https://example.org/20151219-envoys-agree-package/",
     ("2015-12-19", "day")),
    ("a day inside the archive month wins", "https://example.org/2016/02/story-20160209.html",
     ("2016-02-09", "day")),
    ("the archive month wins over a slug of another month",
     "https://example.org/2016/03/recap-20151124.html", ("2016-03-01", "month")),
    ("percent-escaped path", "https://example.org/2016/07/15/%C3%A7ok-story",
     ("2016-07-15", "day")),
    ("must not: no date at all", "https://example.org/news/1223319", None),
    ("must not: a query is an article id", "https://example.org/?p=20160512", None),
    ("must not: a query date", "https://example.org/story?date=2016-05-12", None),
    ("must not: the host", "https://20160512.example.org/story", None),
    ("must not: digits glued to letters", "https://example.org/article/idUSKCN20160512", None),
    ("must not: a one-letter id prefix", "https://example.org/news/a-20160512", None),
    ("must not: a longer run of digits", "https://example.org/world-1032226343.html", None),
    ("must not: a nine-digit id", "https://example.org/story/201605121", None),
    ("must not: no month 13", "https://example.org/2016/13/story.html", None),
    ("must not: no 31 June", "https://example.org/news-20160631", None),
    ("must not: a year before 1990", "https://example.org/2016/a-19042128", None),
    ("must not: an early id that looks like a year", "https://example.org/19850412/story", None),
    ("must not: a date after today", "https://example.org/2018/01/05/story", None),
    ("must not: a future id", "https://example.org/item/20991231", None),
    ("must not: a year in a title", "https://example.org/trade-down-25-in-2015-a51761", None),
    ("must not: a year and a count", "https://example.org/top-10-of-2015-12-things", None),
    ("must not: a year-number folder pair", "https://example.org/2016/123456/story", None),
    ("must not: an empty address", "", None),
    ("must not: a malformed address", "http://[bad/2016/02/09/", None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("url", "expected"),
    [case[1:] for case in URL_DATE_CASES],
    ids=[case[0] for case in URL_DATE_CASES],
)
def test_published_from_url(url: str, expected: tuple[str, str] | None) -> None:
    found = published_from_url(url, today=TODAY)
    assert (None if found is None else (found.date.isoformat(), found.precision)) == expected


def test_url_dates_are_values() -> None:
    found = published_from_url("https://example.org/2016/02/09/x", today=TODAY)
    assert found == PublishedDate(D(2016, 2, 9), "day")
    with pytest.raises(AttributeError):
        found.precision = "month"  # type: ignore[misc]


NOV2015 = D(2015, 11, 1)  # the page is known to be of November 2015, not its day

# A month-only publication date: (name, text, attributed, (said_on, refers_to) as
# (ISO date, precision) pairs).
MONTH_PUBLISHED_CASES = [
    ("a remark with nothing to date it is of the month",
     "A ministry spokesman said the talks would go on.", True,
     (("2015-11-01", "month"), ("2015-11-01", "month"))),
    ("a weekday cannot resolve against a month: the month",
     "A ministry spokesman said on Tuesday that the talks would go on.", True,
     (("2015-11-01", "month"), ("2015-11-01", "month"))),
    ("yesterday is the month too",
     "The envoy was summoned to the ministry yesterday.", False,
     (("2015-11-01", "month"), ("2015-11-01", "month"))),
    ("last month does not depend on the day: the month before",
     "Trade between the two countries fell last month, officials said.", False,
     (("2015-11-01", "month"), ("2015-10-01", "month"))),
    ("a full date keeps its day", "The jet was downed on November 24, 2015.", False,
     (("2015-11-01", "month"), ("2015-11-24", "day"))),
    ("a year-less day keeps its day: the same in any day's reading",
     "The delegation arrived in Ankara on November 12.", False,
     (("2015-11-01", "month"), ("2015-11-12", "day"))),
    ("a dateline in the month gives the day back",
     "ANKARA, Nov 26 (Wire) - Officials said on Wednesday that the talks would go on.", True,
     (("2015-11-25", "day"), ("2015-11-25", "day"))),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "attributed", "expected"),
    [case[1:] for case in MONTH_PUBLISHED_CASES],
    ids=[case[0] for case in MONTH_PUBLISHED_CASES],
)
def test_month_published_statements(text: str, attributed: bool, expected: tuple) -> None:
    dates = resolve_statement_dates(
        text, D(2015, 11, 17), attributed=attributed, published_precision="month"
    )
    got = (
        (dates.said_on.isoformat(), dates.said_on_precision) if dates.said_on else None,
        (dates.refers_to.isoformat(), dates.refers_to_precision) if dates.refers_to else None,
    )
    assert got == expected
