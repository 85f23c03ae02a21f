"""The one quote finder (tracker.text.quotes) on sentences written for these tests, and the
statement dating that reads its quotations."""

from __future__ import annotations

import pytest

from tracker.analysis.dates.clauses import Sentence
from tracker.text.quotes import quotations, quote_regions

# (name, statement read on its own, the quoted passages it holds, marks included)
REGION_CASES: list[tuple[str, str, list[str]]] = [
    ("curly double quotes", "“We are ready,” the envoy said.", ["“We are ready,”"]),
    ("guillemets", "«We are ready to talk,» the envoy said.", ["«We are ready to talk,»"]),
    ("guillemets spaced inside", "« Our door is open », the envoy said.", ["« Our door is open »"]),
    (
        "a closing guillemet ends a quotation begun in an earlier statement",
        "and the talks will go on,» the envoy said.",
        ["and the talks will go on,»"],
    ),
    (
        "guillemets mixed with a straight closing mark",
        '«We are ready," the envoy said.',
        ['«We are ready,"'],
    ),
    (
        "single guillemets",
        "The envoy called the delay ‹a pause› and left.",
        ["‹a pause›"],
    ),
    (
        "single guillemets inside guillemets",
        "«He told me ‹not yet›, and that was all,» the envoy said.",
        ["«He told me ‹not yet›, and that was all,»"],
    ),
    ("a lone single guillemet quotes nothing", "Home › World › Europe", []),
    (
        "straight single quotes",
        "Ankara called the claim 'baseless' on Monday.",
        ["'baseless'"],
    ),
    (
        "an apostrophe inside a curly single quotation",
        "The envoy spoke of ‘Turkey’s central role’ in the talks.",
        ["‘Turkey’s central role’"],
    ),
    (
        "apostrophes quote nothing",
        "Turkey's envoy said the ministers’ talks weren't over.",
        [],
    ),
    (
        "an opening mark while a quotation is open starts it over",
        "“We are ready, the minister said. “We will come,” he added.",
        ["“We will come,”"],
    ),
    (
        "a double quotation left open quotes to the end",
        "He said: “We will not wait for ever.",
        ["“We will not wait for ever."],
    ),
    (
        "an opening mark typed for a closing one before a reporting verb",
        "The border will stay open, “said the envoy on Monday.",
        ["The border will stay open, “"],
    ),
    (
        "keeps: an opening mark after a comma before the quoted words",
        "The envoy said, “said and done, we move on.”",
        ["“said and done, we move on.”"],
    ),
    (
        "a straight mark glued to a comma closes a quotation begun earlier",
        'and the visas will go, I promise," the envoy told reporters.',
        ['and the visas will go, I promise,"'],
    ),
    (
        "a straight mark glued to a full stop at the end closes a quotation begun earlier",
        'The visas will go."',
        ['The visas will go."'],
    ),
    (
        "a glued straight mark after a closed quotation opens none",
        'The envoy spoke of "a new page" and of trust, I hope," he said, and left.',
        ['"a new page"'],
    ),
    (
        "keeps: a straight mark after a comma opening a quotation that closes",
        'The envoy said," the visas will go," and left.',
        ['" the visas will go,"'],
    ),
    (
        "keeps: a straight mark before a word opens",
        'The envoy said, "the visas will go.',
        ['"the visas will go.'],
    ),
    (
        "keeps: an opening mark after a reporting verb and a comma",
        "The envoy added, “the border will stay open.",
        ["“the border will stay open."],
    ),
]


def _passages(text: str, regions: list[tuple[int, int]]) -> list[str]:
    return [text[s:e] for s, e in regions]


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in REGION_CASES], ids=[c[0] for c in REGION_CASES]
)
def test_quote_regions(text: str, expected: list[str]) -> None:
    regions, _ = quote_regions(text, open_at_start=False)
    assert _passages(text, regions) == expected


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in REGION_CASES], ids=[c[0] for c in REGION_CASES]
)
def test_dating_reads_the_same_quotations(text: str, expected: list[str]) -> None:
    # Without quotation spans from the caller (None), dating finds them itself, with the same
    # finder (letters are what a date mention starts at).
    sentence = Sentence(text, None, [], None)
    regions, _ = quote_regions(text, open_at_start=False)
    letters = [i for i, char in enumerate(text) if char.isalnum()]
    found = [i for i in letters if sentence.quoted(i)]
    assert found == [i for i in letters if any(s <= i < e for s, e in regions)]


def test_dating_uses_the_documents_reading_even_when_it_found_no_quotation() -> None:
    # In a document the attribution's reading is passed on, so the finder is not run twice: a
    # statement it read as unquoted (an empty tuple) stays unquoted.
    text = "“Ties are back,” an official said."
    assert Sentence(text, None, [], None).quoted(2)
    assert not Sentence(text, None, [], ()).quoted(2)


# (name, statement, whether a quotation is open before it, quoted passages, open after it)
DOCUMENT_CASES: list[tuple[str, str, bool, list[str], bool]] = [
    (
        "a new paragraph of a long quotation reopens it with a straight mark",
        '"We hope," Putin said.',
        True,
        ['"We hope,"'],
        False,
    ),
    (
        "a statement inside a long quotation is quoted whole",
        "We stand with you.",
        True,
        ["We stand with you."],
        True,
    ),
    (
        "a closing guillemet closes the quotation left open",
        "We hope,» the envoy said.",
        True,
        ["We hope,»"],
        False,
    ),
]


@pytest.mark.parametrize(
    ("text", "open_before", "expected", "open_after"),
    [c[1:] for c in DOCUMENT_CASES],
    ids=[c[0] for c in DOCUMENT_CASES],
)
def test_quote_regions_across_statements(
    text: str, open_before: bool, expected: list[str], open_after: bool
) -> None:
    regions, still_open = quote_regions(text, open_at_start=open_before)
    assert (_passages(text, regions), still_open) == (expected, open_after)


# (name, line, the quotations that open and close on it: the segmenter cuts none of them)
CLOSED_CASES: list[tuple[str, str, list[str]]] = [
    (
        "a quotation left open protects nothing",
        "“We are ready. We will come.",
        [],
    ),
    (
        "a quotation nested in another is one region",
        "«He said ‹no. Never.› Then he left,» she said.",
        ["«He said ‹no. Never.› Then he left,»"],
    ),
    (
        "a straight single quotation after a colon",
        "The envoy said:'We are partners. We stay partners.' Russia agreed.",
        ["'We are partners. We stay partners.'"],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in CLOSED_CASES], ids=[c[0] for c in CLOSED_CASES]
)
def test_quotations_closed_on_the_line(text: str, expected: list[str]) -> None:
    assert _passages(text, quotations(text)) == expected
