"""The drill-down panel as typed blocks: which blocks a statement yields, in which order.

Each case builds a :class:`StatementDetail` by hand (no database) and lists the blocks it
must give, each as (kind, what it shows): the text of a heading, paragraph or note; the visible
text of HTML (tags dropped, entities decoded, so unescaped text would be caught); a table's
header and rows.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import replace

import pytest

from tracker.views import drilldown
from tracker.views.blocks import Block, Heading, Markup, Note, Paragraph, Table
from tracker.views.drilldown import Contribution, DateEvidence, RelationScore, StatementDetail

D = dt.date(2016, 3, 1)
TEXT = "Ties a warm step."
DATES = (
    DateEvidence("published", D, "day", None, "the document's publication date"),
    DateEvidence("said on", D, "day", None, "no date in the sentence: the publication date"),
    DateEvidence("refers to", D, "day", None, "no other date in the sentence: when it was said"),
)
DATE_ROWS = (
    ("date", "day", "precision", "from the words"),
    ("published", "2016-03-01", "day", "(the document's publication date)"),
    ("said on", "2016-03-01", "day", "(no date in the sentence: the publication date)"),
    ("refers to", "2016-03-01", "day", "(no other date in the sentence: when it was said)"),
)
BASE = StatementDetail(
    statement_id=7,
    text=TEXT,
    before=(),
    after=(),
    speaker="narrator",
    speaker_actor=None,
    speaker_side=None,
    attribution=None,
    dates=DATES,
    scores=(),
    title=None,
    source=None,
    url=None,
    origin="corpus/a.md",
)
WARM = Contribution(7, 11, "warm", "phrase", 0.5, "tone")


def score(**changes: object) -> RelationScore:
    base = RelationScore("Turkey–Russia", "primary", "Turkey→Russia", "diplomacy", 3, 0.5,
                         None, (WARM,))  # fmt: skip
    return replace(base, **changes)  # type: ignore[arg-type]


def shown(block: Block) -> tuple[str, object]:
    """(kind, what a reader sees) for one block."""
    match block:
        case Heading(text):
            return "Heading", text
        case Paragraph(markdown):
            return "Paragraph", markdown
        case Note(markdown):
            return "Note", markdown
        case Markup(markup):
            return "Markup", html.unescape(re.sub(r"<[^>]*>", "", markup))
        case Table(frame):
            header = (frame.index.name, *frame.columns)
            rows = tuple(tuple(map(str, row)) for row in frame.itertuples())
            return "Table", (header, *rows)
    raise AssertionError(f"not a block: {block!r}")


HEAD = [
    ("Heading", "Statement 7 in context"),
    ("Markup", TEXT),
    ("Paragraph", "Speaker: **narrator**"),
    ("Table", DATE_ROWS),
]
SOURCE = ("Paragraph", "Source: corpus/a.md — unknown outlet · `corpus/a.md`")

CASES = [
    ("not scored: context, speaker, dates, source", BASE, [*HEAD, SOURCE]),
    (
        "the sentences around it",
        replace(BASE, before=("One.", "Two."), after=("Three.",)),
        [HEAD[0], ("Markup", f"One. Two. {TEXT} Three."), *HEAD[2:], SOURCE],
    ),
    (
        "a named speaker, side and attribution; a linked source",
        replace(
            BASE, speaker="Lavrov", speaker_actor="Russian foreign minister",
            speaker_side="Russia", attribution="Lavrov said", title="Talks resume",
            source="Wire", url="https://example.org/1",
        ),
        [
            *HEAD[:2],
            ("Paragraph", "Speaker: **Lavrov (Russian foreign minister)**, side: **Russia**"
                          " — attributed by “Lavrov said”"),
            HEAD[3],
            ("Paragraph", "Source: [Talks resume](https://example.org/1) — Wire · `corpus/a.md`"),
        ],
    ),
    (
        "the speaker's actor is not repeated",
        replace(BASE, speaker="Putin", speaker_actor="Putin"),
        [*HEAD[:2], ("Paragraph", "Speaker: **Putin**"), HEAD[3], SOURCE],
    ),
    (
        "dates with the words that gave them",
        replace(BASE, dates=(DATES[0], DateEvidence("said on", dt.date(2016, 2, 28), "day",
                                                     "on Sunday"), DATES[2])),
        [
            *HEAD[:3],
            ("Table", (*DATE_ROWS[:2], ("said on", "2016-02-28", "day", "“on Sunday”"),
                       DATE_ROWS[3])),
            SOURCE,
        ],
    ),
    (
        "an explained score: its line, then the text with the words marked",
        replace(BASE, scores=(score(),)),
        [
            *HEAD,
            ("Paragraph", "**Turkey–Russia** · diplomacy scorer · run 3: **+0.50**"),
            ("Markup", "Ties a warm +0.50 step."),
            SOURCE,
        ],
    ),
    (
        "a score with no explanation stored",
        replace(BASE, scores=(score(contributions=(), score=-0.25),)),
        [
            *HEAD,
            ("Paragraph", "**Turkey–Russia** · diplomacy scorer · run 3: **-0.25**"),
            ("Markup", "No explanation stored for this score."),
            SOURCE,
        ],
    ),
    (
        "a relation also mentioned, scored on its clause: a note quotes the clause",
        replace(BASE, scores=(score(), score(dyad="Turkey–West", role="secondary",
                                            scorer="vader", run_id=2, clause="a warm step"))),
        [
            *HEAD,
            ("Paragraph", "**Turkey–Russia** · diplomacy scorer · run 3: **+0.50**"),
            ("Markup", "Ties a warm +0.50 step."),
            ("Paragraph", "**Turkey–West** (also mentioned) · vader scorer · run 2: **+0.50**"),
            ("Note", "Scored clause: “a warm step”"),
            ("Markup", "Ties a warm +0.50 step."),
            SOURCE,
        ],
    ),
    (
        "markup in the text is shown as text, not rendered",
        replace(BASE, text="<b>Ties</b> & <script>x()</script>", before=("a < b",)),
        [HEAD[0], ("Markup", "a < b <b>Ties</b> & <script>x()</script>"), *HEAD[2:], SOURCE],
    ),
]  # fmt: skip


@pytest.mark.parametrize(("name", "detail", "expected"), CASES, ids=[c[0] for c in CASES])
def test_blocks(name: str, detail: StatementDetail, expected: list[tuple[str, object]]) -> None:
    assert [shown(block) for block in drilldown.blocks(detail)] == expected


def test_blocks_are_frozen_values() -> None:
    heading = Heading("x")
    assert heading == Heading("x") and heading != Paragraph("x")
    with pytest.raises(AttributeError):
        heading.text = "y"  # type: ignore[misc]
