"""The dashboard's text search is a literal, case-insensitive substring match and nothing else.

Whatever is typed in the search box (quotes, ``%``, ``_``, backslashes, SQL fragments, very
long input) finds exactly the statements whose text contains it, compared with a Python
reference over the stored texts. Case is folded character by character with Unicode's simple
lowercase mapping, as DuckDB's ``lower`` does: "istanbul" finds "İstanbul" (Python's
``str.lower`` would turn "İ" into "i" plus a combining dot and miss it). The search box keeps
the first :data:`~tracker.views.state.MAX_SEARCH` characters of what is typed, stripped.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from tracker.models import TURKEY_RUSSIA
from tracker.views import snapshot
from tracker.views import timeline as tq
from tracker.views.state import MAX_SEARCH, Filters, filters_from_widgets

LONG = "Ankara and Moscow agreed " + "step by step, " * 600  # about 7,800 characters
TEXTS = {
    1: "Ankara said trade rose 50% in June.",
    2: "Ankara said trade rose 50 percent in June.",
    3: "The minister's aide called it a 'new page' in relations.",
    4: 'The envoy said "no comment" to reporters.',
    5: r"The file was saved under C:\reports\turkey_russia.txt by the ministry.",
    6: "Turkish_Stream talks resumed; the pipeline_plan was unchanged.",
    7: "Officials in İstanbul welcomed the Russian delegation.",
    8: "Officials in istanbul and ISTANBUL alike welcomed the Russian delegation.",
    9: "'; DROP TABLE texts; -- was written on a banner at the rally.",
    10: "The statement said 1=1 OR nothing; Moscow did not reply.",
    11: "Moscow called the talks useful; Ankara called them frank.",
    12: LONG,
    13: "Line one of the statement.\nLine two mentions Moscow.",
    14: "A backslash \\ alone, and a percent sign % alone, and an underscore _ alone.",
}


def fold(text: str) -> str:
    """Unicode's simple lowercase mapping, character by character (the first character of
    ``str.lower`` is that mapping for the one letter, "İ", whose full mapping is longer)."""
    return "".join(c.lower()[:1] for c in text)


def reference(typed: str) -> list[int]:
    """What a literal, case-insensitive substring match over the stored texts finds for what
    was typed in the search box."""
    query = typed.strip()[:MAX_SEARCH]
    return sorted(sid for sid, text in TEXTS.items() if not query or fold(query) in fold(text))


# (name, typed in the search box, statement ids found)
SEARCHES = [
    ("plain word", "ankara", [1, 2, 11, 12]),
    ("percent is literal", "50%", [1]),
    ("percent alone", "%", [1, 14]),
    ("like pattern finds nothing", "rose%June", []),
    ("underscore is literal", "_stream", [6]),
    ("underscore alone", "_", [5, 6, 14]),
    ("underscore as one character finds nothing", "Turkish Stream", []),
    ("single quote", "minister's", [3]),
    ("quoted phrase", "'new page'", [3]),
    ("double quotes", '"no comment"', [4]),
    ("backslash path", r"C:\reports\turkey_russia", [5]),
    ("backslash alone", "\\", [5, 14]),
    ("backslash escaping nothing", r"\%", []),
    ("sql injection", "'; DROP TABLE texts; --", [9]),
    ("sql tautology", "' OR '1'='1", []),
    ("sql tautology text", "1=1 or nothing", [10]),
    ("semicolon", ";", [6, 9, 10, 11]),
    ("capital dotted I found by i", "istanbul", [7, 8]),
    ("capital dotted I typed", "İSTANBUL", [7, 8]),
    ("newline in text", "statement.\nline two", [13]),
    ("surrounding spaces are stripped", "   moscow   ", [10, 11, 12, 13]),
    ("only spaces search nothing", "   ", list(TEXTS)),
    ("long input matching", LONG[:MAX_SEARCH], [12]),
    ("long input cut to the box's length", LONG[:MAX_SEARCH] + "NOT IN ANY TEXT" * 500, [12]),
    ("long input past the box's length", "x" * 10_000, []),
    ("regex characters", ".*", []),
    ("glob characters", "[a-z]*", []),
]


@pytest.fixture(scope="module")
def snap() -> snapshot.Snapshot:
    day = dt.date(2016, 6, 30)
    facts = pd.DataFrame(
        [
            {
                "statement_id": sid, "document_id": sid, "dyad": TURKEY_RUSSIA,
                "scorer": "diplomacy", "run_id": 1, "score": 0.1, "published": day,
                "refers_to": day, "speaker": None, "speaker_side": None, "source": "A",
                "direction": "narrated",
            }
            for sid in TEXTS
        ]
    )  # fmt: skip
    texts = pd.DataFrame({"statement_id": list(TEXTS), "text": list(TEXTS.values())})
    return snapshot.Snapshot.from_frames(facts, texts)


@pytest.mark.parametrize(("name", "typed", "expected"), SEARCHES, ids=[s[0] for s in SEARCHES])
def test_search_finds_exactly_the_literal_substring_matches(
    snap: snapshot.Snapshot, name: str, typed: str, expected: list[int]
) -> None:
    assert reference(typed) == expected  # the table agrees with the reference
    filters = filters_from_widgets({"q": typed}, Filters())
    page = tq.statement_page(snap, filters, page_size=len(TEXTS))
    assert sorted(page.rows["statement_id"]) == expected
    assert page.total == len(expected)


def test_search_text_reaches_sql_only_as_a_parameter(snap: snapshot.Snapshot) -> None:
    clause, params = tq.where(Filters(search="'; DROP TABLE texts; --"))
    assert "DROP" not in clause and params[-1] == "'; DROP TABLE texts; --"
    # The tables are still there after every search above.
    assert len(snap.query("SELECT * FROM texts")) == len(TEXTS)
