"""Property-based tests (hypothesis) of the parsers and resolvers, on arbitrary input.

- Segmentation: every segment's offsets reproduce its text, segments are ordered and do not
  overlap (no text duplicated), and every non-blank character lies in one (no text lost).
- Date resolution never raises, and never returns a date outside the plausible range: nothing
  said after publication, nothing about a day before 1899 (a year before the earliest accepted
  publication date) or after 2099 (the last year a date mention can name).
- Attribution (the whole analysis of a document), front matter, manifest, JSON Lines, page and
  gold-file readers never raise on arbitrary input: an InputError (the TrackerError of a bad
  input) at most, never anything else.

Runs are bounded and reproducible: ``derandomize`` makes the examples a function of the test,
so CI sees the same ones each run; set HYPOTHESIS_PROFILE=explore for a long random search.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tracker.analysis.actors import ActorDictionary
from tracker.analysis.analyze import analyze_document
from tracker.analysis.dates.mentions import DAY, MONTH
from tracker.analysis.dates.resolve import resolve_statement_dates
from tracker.analysis.key_events import load_events
from tracker.errors import InputError
from tracker.evaluation.gold import read_gold
from tracker.evaluation.sentiment import read_ground_truth
from tracker.ingest.limits import EARLIEST_PUBLISHED
from tracker.ingest.pages import PageInput, page_article
from tracker.ingest.sources import Defaults, read_jsonl, read_manifest, read_text_file
from tracker.models import Article
from tracker.paths import events_path
from tracker.text.segment import segment

settings.register_profile(
    "ci",
    max_examples=150,
    deadline=None,  # the first example of a test pays for imports and compiled patterns
    derandomize=True,
    database=None,  # nothing written into the worktree
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "explore", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Pieces news text is made of, where the rules look hardest: abbreviations, quotation marks,
# dates, speech verbs, line breaks of every kind, plus arbitrary characters between them.
PIECES = [
    " ", " ", "\n", "\r\n", "\r", "\u2028", "\x0c", "\t", ". ", "? ", "! ", ".", ",", ":", ";",
    '"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "(", ")", "[", "]",
    "\u2014", "\u2013", "-", "...", "\u2026", ". . .", "Mr.", "Gen.", "U.S.", "a.m.", "No. 5",
    "St.", "etc.", "W.", "1.", "3.5", "VIDEO", "Read more", "Erdogan", "Putin", "Lavrov",
    "Peskov", "Ankara", "Moscow", "Turkey", "Russia", "NATO", "the EU", "the Kremlin", "he",
    "she", "they", "said", "told reporters", "according to", "said on Tuesday", "on Monday",
    "July 15", "15 July 2016", "2016-07-15", "in 1999", "in 2015", "last year", "next month",
    "yesterday", "the same day", "the following day", "after the summit", "since November",
    "by the end of 2099", "31 December 1900", "Sept 10 (Reuters) -", "ANKARA, July 16 -",
    "will visit", "shot down", "lifted", "sanctions", "talks", "The", "But", "A", "x",
]  # fmt: skip
news_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=40).map(
    "".join
)
published_dates = st.dates(EARLIEST_PUBLISHED, dt.date.today())
LAST_NAMED = dt.date(2099, 12, 31)
FIRST_REFERRED = EARLIEST_PUBLISHED.replace(year=EARLIEST_PUBLISHED.year - 1)


@given(news_text)
def test_segments_reproduce_the_text_and_lose_or_repeat_nothing(text: str) -> None:
    segments = segment(text)
    covered = set()
    end = 0
    for s in segments:
        assert s.text == text[s.start : s.end]
        assert s.text and s.text == s.text.strip()
        assert s.start >= end  # in order, no overlap: nothing duplicated
        end = s.end
        covered.update(range(s.start, s.end))
    lost = [i for i, c in enumerate(text) if not c.isspace() and i not in covered]
    assert lost == []


@given(
    news_text,
    published_dates,
    st.booleans(),
    st.sampled_from([DAY, MONTH]),
    st.data(),
)
def test_date_resolution_never_raises_nor_leaves_the_plausible_range(
    text: str, published: dt.date, attributed: bool, precision: str, data: st.DataObject
) -> None:
    span = None
    if attributed and text:
        start = data.draw(st.integers(0, len(text) - 1))
        span = (start, data.draw(st.integers(start, len(text))))
    dates = resolve_statement_dates(
        text,
        published,
        attributed=attributed,
        attribution_span=span,
        published_precision=precision,
    )
    latest_said = published
    if precision == MONTH:
        latest_said = (published.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        latest_said -= dt.timedelta(days=1)
    assert dates.said_on is not None and dates.said_on <= latest_said
    assert dates.refers_to is None or FIRST_REFERRED <= dates.refers_to <= LAST_NAMED
    for day, where in (
        (dates.said_on, dates.said_on_span),
        (dates.refers_to, dates.refers_to_span),
    ):
        assert where is None or 0 <= where[0] <= where[1] <= len(text), (day, where)


_ACTORS = ActorDictionary.default()
_EVENTS = tuple(load_events(events_path()))


@settings(max_examples=60)
@given(st.lists(news_text, min_size=1, max_size=6), st.one_of(st.none(), published_dates))
def test_the_analysis_of_a_document_never_raises(
    texts: list[str], published: dt.date | None
) -> None:
    texts = [t for t in texts if t.strip()] or ["Ankara said so."]
    results = analyze_document(texts, published, _ACTORS, _EVENTS)
    assert len(results) == len(texts)


# ---- readers: an InputError at most ------------------------------------------------------------


def outcomes(read: Callable[[Path], Iterable[Any]], suffix: str, data: bytes) -> list[Any]:
    """What ``read`` makes of a file holding ``data``: its items, or the InputError it raised."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        (Path(folder) / "a.txt").write_text("---\npublished: 2016-07-26\n---\nAnkara said so.")
        try:
            return list(read(path))
        except InputError as exc:
            return [exc]


def _encoded(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[bytes]:
    return st.one_of(
        strategy.map(lambda t: t.encode("utf-8", "surrogatepass")),
        strategy.map(lambda t: t.encode("utf-16", "surrogatepass")),
        st.binary(max_size=200),
    )


front_matter = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "---\n",
                "---",
                "published: ",
                "2016-07-26",
                "3000-01-01",
                "title: ",
                "[",
                "]",
                "{",
                "}",
                "- ",
                ": ",
                "\n",
                "!!python/object:x",
                "&a",
                "*a",
                "'",
                '"',
                "null",
                "~",
                "1e9",
                "yes",
                "\t",
                "...\n",
                "source:",
                "url: ",
            ]
        ),  # fmt: skip
        st.text(max_size=6),
    ),
    max_size=25,
).map("".join)
csv_text = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "path,published,source,title\n",
                "path,published\n",
                "a.txt",
                "b.html",
                "../a.txt",
                ",",
                '"',
                "\n",
                "\r\n",
                "2016-07-26",
                "3000-01-01",
                "26/07/2016",
                "\x00",
                "x" * 50,
            ]
        ),  # fmt: skip
        st.text(max_size=6),
    ),
    max_size=30,
).map("".join)
jsonl_text = st.lists(
    st.one_of(
        st.sampled_from(
            [
                '{"text": "Ankara said so.", "published": "2016-07-26"}',
                '{"html": "<p>x</p>"}',
                '{"text": 5}',
                '{"published": [1]}',
                "[]",
                "null",
                "\n",
                '{"text": "',
                '"}',
                "{",
                '"published": "3000-01-01"',
                '"url": 7',
                '"title": {}',
                '"source": null',
            ]
        ),  # fmt: skip
        st.text(max_size=6),
    ),
    max_size=12,
).map("".join)
gold_text = st.lists(
    st.one_of(
        st.sampled_from(
            [
                '{"id": 1, "text": "x"}',
                '"tags": [1, null]',
                '"tags": "a"',
                '"note": 5',
                '"event": "01"',
                '"event": 1',
                '"published": "2016-13-01"',
                '"also": [1]',
                '"dyad": {}',
                '"speaker": null',
                "{",
                "}",
                ",",
                "\n",
                '"source_url": 3',
            ]
        ),  # fmt: skip
        st.text(max_size=5),
    ),
    max_size=12,
).map("".join)
html_text = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "<html>",
                "<head>",
                "<body>",
                "<p>",
                "</p>",
                "<div>",
                "</div>",
                "<article>",
                '<meta charset="x-unknown">',
                '<meta charset="utf-16">',
                '<meta property="article:published_time" content="3000-01-01">',
                '<script type="application/ld+json">{"datePublished": "2016-07-26"}</script>',
                "Ankara said talks would continue this week.",
                "&#0;",
                "&#xD800;",
                "<!--",
                "-->",
                "<![CDATA[",
                "<?xml version='1.0'?>",
                "\x00",
                "<",
            ]
        ),  # fmt: skip
        st.text(max_size=6),
    ),
    max_size=30,
).map("".join)
DEFAULTS = Defaults(published=dt.date(2016, 7, 26))


@given(_encoded(front_matter))
def test_front_matter_files_read_or_fail_with_an_input_error(data: bytes) -> None:
    for item in outcomes(lambda p: [read_text_file(p, DEFAULTS)], ".md", data):
        assert isinstance(item, (Article, InputError))


@given(_encoded(csv_text))
@example("path,published,source,title\n\x00".encode("utf-16"))  # a NUL in a path: ValueError
def test_manifests_read_or_fail_with_an_input_error(data: bytes) -> None:
    for item in outcomes(lambda p: read_manifest(p, Defaults()), ".csv", data):
        assert isinstance(item, (Article, InputError))


@given(_encoded(jsonl_text))
def test_json_lines_read_or_fail_with_an_input_error(data: bytes) -> None:
    for item in outcomes(lambda p: read_jsonl(p, Defaults()), ".jsonl", data):
        assert isinstance(item, (Article, InputError))


@settings(max_examples=80)
@given(_encoded(html_text), st.one_of(st.none(), st.sampled_from(["utf-8", "x-bogus", "cp1254"])))
def test_pages_read_or_fail_with_an_input_error(data: bytes, charset: str | None) -> None:
    page = PageInput(
        data, "page", "page.html", url="https://example.org/2016/07/26/x", charset=charset
    )
    assert isinstance(page_article(page), (Article, InputError))


@pytest.mark.parametrize(
    "read",
    [read_gold, read_ground_truth],
    ids=["gold statements", "sentiment ground truth"],
)
@given(data=_encoded(gold_text))
def test_gold_files_read_or_fail_with_an_input_error(
    read: Callable[[Path], list[Any]], data: bytes
) -> None:
    outcomes(read, ".jsonl", data)  # raises anything but an InputError
