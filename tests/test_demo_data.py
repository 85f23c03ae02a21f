"""Checks on the bundled demo data: the news-brief corpus and the key-events table.

The corpus (``data/corpus/*.md``) is our own writing: short wire-style briefs, each with a YAML
front matter block (``published``, ``title``, ``source``) and a body. The events table
(``data/events.csv``) lists the key dates of the story, with aliases by which news text refers to
an event without giving its date. These tests pin the properties the rest of the tracker relies
on, and the editorial rules the data was written under (every quotation attributed to an outlet
and a date, no credit line at the end of a body).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import Counter
from pathlib import Path

import frontmatter
import pytest

DATA = Path(__file__).parent.parent / "data"
CORPUS = DATA / "corpus"
EVENTS = DATA / "events.csv"

FIRST_DAY = dt.date(2015, 11, 24)
LAST_DAY = dt.date(2016, 8, 31)
DYADS = {"Turkey\u2013Russia", "Turkey\u2013West"}
EVENTS_HEADER = ["date", "label", "dyad", "description", "aliases"]
MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
# Capitalised, so that the verb "may" is not read as a month.
MONTH = re.compile(r"\b(?:" + "|".join(name.title() for name in MONTH_NAMES) + r")\b")
# Straight and curly double quotes; a paragraph holding any of them carries a quotation.
QUOTE_CHARS = ('"', "\u201c", "\u201d")
FILENAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*\.md$")
SOURCE = re.compile(r"^summary of an? \S.* report$")
SENTENCE_END = re.compile(r"[.!?][\"\u201d]?(?=\s|$)")
# Lines that credit a photo, a reporter or an agency instead of reporting anything.
CREDIT_LINE = re.compile(
    r"^\(?\s*(?:image credit|photo(?: credit)?|credit|source|reporting by|writing by|"
    r"editing by|additional reporting|copyright|\u00a9)\b",
    re.IGNORECASE,
)
WEST = re.compile(r"\b(?:NATO|EU|European Union|US|United States|Washington|Brussels)\b")
RUSSIA = re.compile(r"\b(?:Russia|Russian|Moscow|Kremlin)\b")

BRIEF_PATHS = sorted(CORPUS.glob("*.md"))
BRIEF_IDS = [path.name for path in BRIEF_PATHS]


def quote_is_attributed(paragraph: str) -> bool:
    """True when a paragraph has no quotation, or names its reporting and a month."""
    if not any(mark in paragraph for mark in QUOTE_CHARS):
        return True
    lowered = paragraph.lower()
    reported = "reported" in lowered or "according to" in lowered
    dated = MONTH.search(paragraph) is not None
    return reported and dated


def sentences(text: str) -> list[str]:
    """Split a body into sentences at terminal punctuation followed by space or the end."""
    parts: list[str] = []
    start = 0
    for match in SENTENCE_END.finditer(text):
        parts.append(text[start : match.end()].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        parts.append(tail)
    return [part for part in parts if part]


def paragraphs(text: str) -> list[str]:
    return [block.strip() for block in re.split(r"\n\s*\n", text) if block.strip()]


def published_of(path: Path) -> dt.date:
    value = frontmatter.load(path).get("published")
    assert isinstance(value, dt.date), f"{path.name}: 'published' is not a date"
    return value


def load_events() -> list[dict[str, str]]:
    with EVENTS.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# --- the checkers themselves, so that a broken rule cannot pass silently ---------------------

QUOTE_CASES = [
    ("no quotation", "Putin said relations would suffer.", True),
    (
        "quote with outlet and date",
        'He called it a "stab in the back", as reported by Reuters on 24 November 2015.',
        True,
    ),
    (
        "curly quote with according to",
        "Ties were \u201con a new page\u201d, according to TASS on 8 August 2016.",
        True,
    ),
    ("quote without attribution", 'He called it a "stab in the back".', False),
    ("quote with outlet but no date", 'He said "excuse us", as reported by Reuters.', False),
    ("quote with month but no outlet", 'On 27 June he wrote "excuse us".', False),
    ("verb may is not a month", 'He "may" go, as reported by Reuters.', False),
    ("lone closing curly quote", "He said it was a betrayal\u201d yesterday.", False),
]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [(text, expected) for _, text, expected in QUOTE_CASES],
    ids=[name for name, _, _ in QUOTE_CASES],
)
def test_quote_rule(paragraph: str, expected: bool) -> None:
    assert quote_is_attributed(paragraph) is expected


CREDIT_CASES = [
    ("image credit", "Image Credit: REUTERS", True),
    ("reporting line", "(Reporting by Ece Toksabay; Editing by Nick Tattersall)", True),
    ("photo line", "Photo: AA", True),
    ("plain statement", "The two leaders agreed to meet in person.", False),
    ("sentence mentioning a source", "A police source confirmed the detention.", False),
]


@pytest.mark.parametrize(
    ("line", "expected"),
    [(text, expected) for _, text, expected in CREDIT_CASES],
    ids=[name for name, _, _ in CREDIT_CASES],
)
def test_credit_line_rule(line: str, expected: bool) -> None:
    assert bool(CREDIT_LINE.match(line)) is expected


SENTENCE_CASES = [
    ("two sentences", "Putin spoke. Erdogan listened.", 2),
    ("quote closes sentence", 'He said "excuse us." Peskov confirmed it.', 2),
    ("no final stop", "Talks went on. They ended late", 2),
    ("decimal is not a stop", "Trade fell 2.5 percent. Exports slumped.", 2),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [(text, expected) for _, text, expected in SENTENCE_CASES],
    ids=[name for name, _, _ in SENTENCE_CASES],
)
def test_sentence_split(text: str, expected: int) -> None:
    assert len(sentences(text)) == expected


# --- corpus -----------------------------------------------------------------------------------


def test_corpus_has_enough_briefs() -> None:
    assert len(BRIEF_PATHS) >= 60, f"{CORPUS} holds {len(BRIEF_PATHS)} briefs; add more (>= 60)."


@pytest.mark.parametrize("path", BRIEF_PATHS, ids=BRIEF_IDS)
def test_brief_front_matter(path: Path) -> None:
    post = frontmatter.load(path)
    published = post.get("published")
    assert isinstance(published, dt.date) and not isinstance(published, dt.datetime), (
        f"{path.name}: 'published' must be a YYYY-MM-DD date, got {published!r}"
    )
    assert FIRST_DAY <= published <= LAST_DAY, f"{path.name}: {published} is outside the story"
    title = post.get("title")
    assert isinstance(title, str) and title.strip(), f"{path.name}: empty title"
    source = post.get("source")
    assert isinstance(source, str) and SOURCE.match(source), (
        f"{path.name}: source must read 'summary of a(n) <outlet> report', got {source!r}"
    )
    name = FILENAME.match(path.name)
    assert name, f"{path.name}: name must be YYYY-MM-DD-short-slug.md"
    assert name.group(1) == published.isoformat(), f"{path.name}: name date != published"


@pytest.mark.parametrize("path", BRIEF_PATHS, ids=BRIEF_IDS)
def test_brief_shape(path: Path) -> None:
    body = frontmatter.load(path).content.strip()
    words = len(body.split())
    assert 80 <= words <= 200, f"{path.name}: {words} words, want 80-200"
    count = len(sentences(body))
    assert 3 <= count <= 8, f"{path.name}: {count} sentences, want 3-8"


@pytest.mark.parametrize("path", BRIEF_PATHS, ids=BRIEF_IDS)
def test_brief_quotes_are_attributed(path: Path) -> None:
    body = frontmatter.load(path).content
    bad = [para for para in paragraphs(body) if not quote_is_attributed(para)]
    assert not bad, f"{path.name}: quotation without outlet and date: {bad[0][:80]}..."


@pytest.mark.parametrize("path", BRIEF_PATHS, ids=BRIEF_IDS)
def test_brief_does_not_end_with_credit_line(path: Path) -> None:
    body = frontmatter.load(path).content.strip()
    last_line = body.splitlines()[-1].strip()
    last_sentence = sentences(body)[-1]
    assert not CREDIT_LINE.match(last_line), f"{path.name}: ends with a credit line"
    assert not CREDIT_LINE.match(last_sentence), f"{path.name}: ends with a credit line"


def test_titles_are_unique() -> None:
    titles = Counter(str(frontmatter.load(path).get("title")) for path in BRIEF_PATHS)
    assert [title for title, n in titles.items() if n > 1] == []


def test_every_month_has_several_briefs() -> None:
    months = Counter(published_of(path).strftime("%Y-%m") for path in BRIEF_PATHS)
    wanted = [f"2015-{m:02d}" for m in (11, 12)] + [f"2016-{m:02d}" for m in range(1, 9)]
    thin = {month: months.get(month, 0) for month in wanted if months.get(month, 0) < 3}
    assert not thin, f"months with fewer than 3 briefs: {thin}"


def test_both_relations_are_covered() -> None:
    bodies = [frontmatter.load(path).content for path in BRIEF_PATHS]
    west = sum(1 for body in bodies if WEST.search(body))
    russia = sum(1 for body in bodies if RUSSIA.search(body))
    assert west >= 20, f"only {west} briefs mention NATO/EU/US/Washington/Brussels"
    assert russia >= 30, f"only {russia} briefs mention Russia/Moscow/Kremlin"


def test_names_are_mostly_ascii_with_some_diacritics() -> None:
    bodies = [frontmatter.load(path).content for path in BRIEF_PATHS]
    turkish = [body for body in bodies if re.search("[\u00e7\u011f\u0131\u015f\u00fc\u00f6]", body)]
    assert 1 <= len(turkish) <= len(bodies) // 10


# --- events table -----------------------------------------------------------------------------


def test_events_header_is_exact() -> None:
    with EVENTS.open(encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle)) == EVENTS_HEADER


def test_events_rows_are_valid_and_sorted() -> None:
    rows = load_events()
    assert len(rows) >= 14, f"{EVENTS} has {len(rows)} rows; want >= 14"
    dates = [dt.date.fromisoformat(row["date"]) for row in rows]
    assert dates == sorted(dates), "events.csv must be sorted by date"
    assert all(FIRST_DAY <= day <= LAST_DAY for day in dates)
    for row in rows:
        assert row["dyad"] in DYADS, f"{row['label']}: dyad {row['dyad']!r}"
        assert 0 < len(row["label"]) <= 30, f"label too long for a chart: {row['label']!r}"
        assert row["description"].strip().endswith("."), row["label"]


def test_events_cover_key_dates() -> None:
    dates = {row["date"] for row in load_events()}
    key = {
        "2015-11-24",
        "2015-11-28",
        "2015-11-29",
        "2016-03-18",
        "2016-05-05",
        "2016-06-02",
        "2016-06-27",
        "2016-06-29",
        "2016-06-30",
        "2016-07-01",
        "2016-07-15",
        "2016-07-22",
        "2016-08-09",
        "2016-08-24",
    }
    assert sorted(key - dates) == []


def test_event_aliases_are_lower_case_and_undated() -> None:
    for row in load_events():
        aliases = row["aliases"].split("|")
        assert aliases and all(alias.strip() for alias in aliases), row["label"]
        for alias in aliases:
            assert alias == alias.lower() == alias.strip(), f"{row['label']}: {alias!r}"
            assert not set(re.findall(r"[a-z]+", alias)) & set(MONTH_NAMES), alias
            assert not re.search(r"\b\d{4}\b", alias), alias


def test_event_aliases_do_not_overlap_between_events() -> None:
    owned = [(row["label"], alias) for row in load_events() for alias in row["aliases"].split("|")]
    clashes = [
        (label_a, alias_a, label_b, alias_b)
        for label_a, alias_a in owned
        for label_b, alias_b in owned
        if label_a != label_b and alias_a in alias_b
    ]
    assert clashes == []


def test_shootdown_aliases_find_the_event_in_plain_text() -> None:
    rows = {row["date"] + " " + row["dyad"]: row for row in load_events()}
    shootdown = rows["2015-11-24 Turkey\u2013Russia"]["aliases"].split("|")
    text = "relations soured after turkish jets shot down a russian warplane near the border"
    assert any(alias in text for alias in shootdown)


def test_demo_build_progress_counts_articles(tmp_path: Path) -> None:
    from tracker import demo
    from tracker.progress import Tally

    seen: list[tuple[int, int | None, str]] = []
    progress = Tally(lambda t: seen.append((t.done, t.total, t.unit)))
    demo.build_demo(tmp_path / "demo.duckdb", progress=progress)
    total = len(demo.demo_files())
    assert progress.label == "demo briefs" and progress.fraction == 1.0
    assert seen[-1] == (total, total, "articles")
    assert [done for done, _, _ in seen] == sorted(done for done, _, _ in seen)
