"""Document analysis: speakers and dates that need the statements around them (our sentences)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tracker.analysis.actors import ActorDictionary
from tracker.analysis.analyze import analyze_document
from tracker.analysis.key_events import load_events
from tracker.models import NARRATOR

ACTORS = ActorDictionary.default()
EVENTS = load_events(Path(__file__).parent / "fixtures" / "events_small.csv")
FRIDAY = dt.date(2016, 8, 12)

# (name, statements of one document, published, index checked, speaker, refers_to, precision)
DOCUMENT_CASES = [
    ("body reports the leader's words during a call reported just before",
     ["Putin and Erdogan spoke by phone on Wednesday.",
      "During the call, Putin told Erdogan that he would lift the ban, the Kremlin said."],
     FRIDAY, 1, "Kremlin", "2016-08-10", "day"),
    ("remark at a news conference after a summit dated in the sentence before",
     ["EU leaders and Turkey agreed on Friday on a plan to return migrants.",
      "Merkel told a news conference after the summit that the plan was fair."],
     dt.date(2016, 3, 19), 1, "Angela Merkel", "2016-03-18", "day"),
    ("the same day takes the date of the statement before",
     ["Erdogan said in an interview broadcast on Thursday that Turkey would not apologise.",
      "In Moscow, Putin complained the same day that no apology had come."],
     dt.date(2015, 11, 27), 1, "Vladimir Putin", "2015-11-26", "day"),
    ("a day later chains from a date itself given by context",
     ["Putin met Erdogan on Tuesday.", "The same day, Moscow lifted the ban on charter flights.",
      "A day later, Turkish officials welcomed the decision."],
     FRIDAY, 2, NARRATOR, "2016-08-10", "day"),
    ("an undated statement in between keeps the last explicit date",
     ["Putin met Erdogan on Tuesday.", "Trade is expected to recover.",
      "Peskov said the following day that the talks had gone well."],
     FRIDAY, 2, "Dmitry Peskov", "2016-08-10", "day"),
    ("must not fire: the summit was not the event of the dated sentence before",
     ["Relations collapsed on November 24.",
      "At the summit, Lavrov said Moscow still wanted an apology."],
     FRIDAY, 1, "Sergei Lavrov", "2016-08-12", "day"),
    ("must not fire: the first statement of a document has no context",
     ["Peskov said the same day that the talks went well."],
     FRIDAY, 0, "Dmitry Peskov", "2016-08-12", "day"),
    ("must not fire: context does not override a date of the statement's own",
     ["Putin met Erdogan on Tuesday.", "Lavrov said on Thursday that the ban would go."],
     FRIDAY, 1, "Sergei Lavrov", "2016-08-11", "day"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("statements", "published", "index", "speaker", "refers_to", "precision"),
    [case[1:] for case in DOCUMENT_CASES],
    ids=[case[0] for case in DOCUMENT_CASES],
)
def test_document_context(
    statements: list[str],
    published: dt.date,
    index: int,
    speaker: str,
    refers_to: str,
    precision: str,
) -> None:
    result = analyze_document(statements, published, ACTORS, EVENTS)[index]
    assert result.speaker == speaker
    assert result.dates.refers_to is not None
    assert (result.dates.refers_to.isoformat(), result.dates.refers_to_precision) == (
        refers_to,
        precision,
    )


def test_statements_read_alone_match_one_statement_documents() -> None:
    text = "Lavrov told reporters after the meeting that ties were back."
    alone = analyze_document([text], FRIDAY, ACTORS, EVENTS)[0]
    after = analyze_document(["Putin met Erdogan on Tuesday.", text], FRIDAY, ACTORS, EVENTS)[1]
    assert (alone.dates.refers_to, after.dates.refers_to) == (FRIDAY, dt.date(2016, 8, 9))
