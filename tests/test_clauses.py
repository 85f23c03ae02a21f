"""The one clause splitter (tracker.text.clauses), which both the relation analysis and the
diplomacy scorer cut sentences with, on sentences written for these tests."""

from __future__ import annotations

import pytest

from tracker.text.clauses import split_clauses

# (name, sentence, its clauses in order)
SPLIT_CASES: list[tuple[str, str, list[str]]] = [
    (
        "comma while",
        "Brussels froze the talks, while Moscow lifted its curbs.",
        ["Brussels froze the talks", "Moscow lifted its curbs."],
    ),
    (
        "comma although",
        "Ankara scolded Washington, although it thanked Moscow for its help.",
        ["Ankara scolded Washington", "it thanked Moscow for its help."],
    ),
    (
        "comma though",
        "The envoys met in Sochi, though no deal was signed.",
        ["The envoys met in Sochi", "no deal was signed."],
    ),
    (
        "comma even though",
        "Ankara kept the base open, even though Berlin pulled its jets out.",
        ["Ankara kept the base open", "Berlin pulled its jets out."],
    ),
    (
        "comma even as",
        "Trade with Russia picked up, even as ties with the EU cooled.",
        ["Trade with Russia picked up", "ties with the EU cooled."],
    ),
    (
        "comma yet",
        "Ankara wants the visa deal, yet it refuses to change the terror law.",
        ["Ankara wants the visa deal", "it refuses to change the terror law."],
    ),
    (
        "a capitalised connector still cuts",
        "Ankara Warms To Moscow, But Brussels Waits",
        ["Ankara Warms To Moscow", "Brussels Waits"],
    ),
    (
        "though between commas is an adverb",
        "Moscow, though, showed no sign of easing the curbs.",
        ["Moscow, though, showed no sign of easing the curbs."],
    ),
    (
        "a leading while-clause and a later but",
        "While the ministers talked for hours, Ankara held firm, but Moscow gave way.",
        ["the ministers talked for hours", "Ankara held firm", "Moscow gave way."],
    ),
    (
        "a leading while-clause inside a quotation in guillemets",
        "«While Brussels keeps hesitating, Moscow acts,» the minister said.",
        ["Brussels keeps hesitating", "Moscow acts,» the minister said."],
    ),
    ("blank text has no clause", "  ", []),
]


@pytest.mark.parametrize(
    ("text", "clauses"), [c[1:] for c in SPLIT_CASES], ids=[c[0] for c in SPLIT_CASES]
)
def test_split_clauses(text: str, clauses: list[str]) -> None:
    assert [text[a:b] for a, b in split_clauses(text)] == clauses
