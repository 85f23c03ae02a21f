"""A page's publication date read from its address, when the page itself shows none.

Contract: ``published_from_url(url, today=None)`` returns a ``PublishedDate`` (a date and its
precision, "day" or "month"; a month is given as its 1st) or None. It reads the URL's path only
(never the host, query or fragment: ``?p=36050`` is an article id) and never raises.

What is read, in the path:

* archive folders: ``/2016/02/09/`` (day), ``/2016/02/`` (month), and the mixed forms news
  sites use, ``/2016/08-31/`` and ``/2016-02/18/`` (day), ``/2016-02/`` (month);
* slugs: ``…-2015-12-17-…`` and ``…-20151217…`` (day), the number standing on its own between
  separators (``/``, ``-``, ``_``, ``.``).

What is not a date:

* a number glued to letters (``idUSKCN11F20Y``, ``content_2353…`` is read but fails the bounds)
  or a longer run of digits (``/1032226343.html``);
* an article id, written as one letter and a separator before the number (``/a-19042128``);
* anything that is not a real calendar date, lies before ``EARLIEST_YEAR`` or after ``today``
  (a page cannot be published in the future; an id such as ``/20991231/`` is not a date).

When several dates are found, a day beats a month if it falls in that month; otherwise the
month (the archive folder) wins over a slug that disagrees with it; among equals, the first in
the path.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

DAY, MONTH = "day", "month"
EARLIEST_YEAR = 1990  # the web's news archives start in the 1990s; an earlier "year" is an id


@dataclass(frozen=True)
class PublishedDate:
    """A publication date and how precise it is ("day", or "month" with ``date`` the 1st)."""

    date: dt.date
    precision: str


_Y = r"(?P<y>(?:19|20)\d\d)"
# A number stands alone: no letter or digit right before it, and not an id such as "/a-123".
_ALONE = r"(?<![0-9A-Za-z])(?<!/[A-Za-z][-_])"
_END = r"(?=[/._\-?#]|$)"
_DAY_FORMS = [
    re.compile(rf"/{_Y}/(?P<m>\d\d?)/(?P<d>\d\d?){_END}"),  # /2016/02/09/
    re.compile(rf"/{_Y}/(?P<m>\d\d)-(?P<d>\d\d){_END}"),  # /2016/08-31/
    re.compile(rf"/{_Y}-(?P<m>\d\d)/(?P<d>\d\d?){_END}"),  # /2016-02/18/
    re.compile(rf"{_ALONE}{_Y}-(?P<m>\d\d)-(?P<d>\d\d)(?!\d)"),  # …-2015-12-17-…
    re.compile(rf"{_ALONE}{_Y}(?P<m>\d\d)(?P<d>\d\d)(?![0-9A-Za-z])"),  # …-20151217…
]
_MONTH_FORMS = [
    re.compile(rf"/{_Y}/(?P<m>\d\d?)(?=/|$)"),  # /2016/02/
    re.compile(rf"/{_Y}-(?P<m>\d\d)(?=/|$)"),  # /2016-02/
]


def _valid(year: str, month: str, day: str, today: dt.date) -> dt.date | None:
    try:
        found = dt.date(int(year), int(month), int(day))
    except ValueError:
        return None
    if found.year < EARLIEST_YEAR or found > today:
        return None
    return found


def published_from_url(url: str | None, today: dt.date | None = None) -> PublishedDate | None:
    """The publication date the path of ``url`` carries (module docstring), or None."""
    if not url:
        return None
    try:
        path = unquote(urlsplit(url.strip()).path)
    except ValueError:  # a malformed address ("http://[x") carries no date
        return None
    today = today or dt.date.today()
    days: list[tuple[int, dt.date]] = []
    for form in _DAY_FORMS:
        for m in form.finditer(path):
            found = _valid(m["y"], m["m"], m["d"], today)
            if found is not None:
                days.append((m.start(), found))
    months: list[tuple[int, dt.date]] = []
    for form in _MONTH_FORMS:
        for m in form.finditer(path):
            found = _valid(m["y"], m["m"], "1", today)
            if found is not None:
                months.append((m.start(), found))
    days.sort(key=lambda pair: pair[0])
    months.sort(key=lambda pair: pair[0])
    for _, day in days:
        if all(month == day.replace(day=1) for _, month in months):
            return PublishedDate(day, DAY)
    if months:
        return PublishedDate(months[0][1], MONTH)
    return None
