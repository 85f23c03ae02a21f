"""What one input may be: the bounds past which it is refused with an InputError, not read.

Each bound is far beyond any real news input and keeps a hostile or broken one from taking
unbounded time or memory, or from skewing every date read from it:

* a publication date from 1900-01-01 to tomorrow (a time zone ahead): relative dates ("next
  month", "on Tuesday") are read from it, so a typo such as 3016 moves every statement;
* a web page of at most :data:`MAX_PAGE_BYTES` (what ``tracker fetch`` downloads at most);
  trafilatura and lxml take some 25 times a page's size in memory;
* a page's elements nested at most :data:`MAX_PAGE_DEPTH` deep: libxml2's HTML parser drops
  what lies deeper, so the text would be lost without a word;
* an article of at most :data:`MAX_ARTICLE_CHARS` characters, and no run of more than
  :data:`MAX_RUN_CHARS` without a line break or sentence punctuation: attribution's cost grows
  with the square of a statement's length (a 90,000-character statement takes 18 s, 50 MB
  would take days), and the longest statement of the demo corpus and fixtures is 582.
"""

from __future__ import annotations

import datetime as dt
import re

from tracker.errors import InputError

EARLIEST_PUBLISHED = dt.date(1900, 1, 1)
MAX_PAGE_BYTES = 10 * 1024 * 1024
MAX_PAGE_DEPTH = 255
MAX_ARTICLE_CHARS = 1_000_000
MAX_RUN_CHARS = 5_000
_RUN_BREAKS = re.compile(r"[\n.!?]")


def check_published(day: dt.date, where: str) -> dt.date:
    """``day`` if it is a plausible publication date, else the InputError saying so."""
    if not EARLIEST_PUBLISHED <= day <= dt.date.today() + dt.timedelta(days=1):
        raise InputError(
            f"{where}: publication date {day.isoformat()} is not plausible (before "
            f"{EARLIEST_PUBLISHED.isoformat()} or after tomorrow); correct it (YYYY-MM-DD)."
        )
    return day


def check_page_size(size: int, where: str) -> None:
    if size > MAX_PAGE_BYTES:
        raise InputError(
            f"{where}: a {size / 2**20:.1f} MB page, larger than an article page can be "
            f"({MAX_PAGE_BYTES // 2**20} MB, as `tracker fetch` caps a download); "
            "save the article's own page, or its text as .txt."
        )


def check_page_depth(depth: int, where: str) -> None:
    if depth >= MAX_PAGE_DEPTH:
        raise InputError(
            f"{where}: elements nested {MAX_PAGE_DEPTH} deep or more, deeper than the HTML "
            "parser reads (their text would be lost); save the page as the site serves it."
        )


def check_article_text(text: str, where: str) -> None:
    """Refuse an article too long to be one, or holding a run no sentence ends."""
    if len(text) > MAX_ARTICLE_CHARS:
        raise InputError(
            f"{where}: {len(text):,} characters of text, more than one article can be "
            f"({MAX_ARTICLE_CHARS:,}); split it, one file per article or one JSON line each."
        )
    start = 0
    for match in _RUN_BREAKS.finditer(text):
        if match.start() - start > MAX_RUN_CHARS:
            break
        start = match.end()
    else:
        if len(text) - start <= MAX_RUN_CHARS:
            return
    raise InputError(
        f"{where}: a run of more than {MAX_RUN_CHARS:,} characters from offset {start:,} with "
        "no line break or sentence end, which is not news text; "
        "break it into sentences and paragraphs."
    )
