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
    ("must not fire: the talks are not the call reported just before",
     ["Lavrov met Cavusoglu on Friday.", "Putin and Erdogan spoke by phone on Tuesday.",
      "Lavrov told reporters after the talks that flights would resume."],
     FRIDAY, 2, "Sergei Lavrov", "2016-08-12", "day"),
    ("after the call takes the day of the call reported just before",
     ["Lavrov met Cavusoglu on Friday.", "Putin and Erdogan spoke by phone on Tuesday.",
      "Peskov told reporters after the call that flights would resume."],
     FRIDAY, 2, "Dmitry Peskov", "2016-08-09", "day"),
    ("must not fire: a decree signed is no meeting",
     ["Putin met Erdogan on Tuesday.", "Putin signed a decree on Wednesday.",
      "Lavrov told reporters after the meeting that flights would resume."],
     FRIDAY, 2, "Sergei Lavrov", "2016-08-09", "day"),
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


THURSDAY = "2016-08-11"
# The day of a document's news (tracker.analysis.dates.news): a Friday report whose lead is
# dated Thursday. Same columns as DOCUMENT_CASES.
NEWS_DAY_CASES = [
    ("headline before a lead dated the day before publication",
     ["Flight permits stall between Moscow and Ankara",
      "Lavrov said on Thursday that Turkey was delaying the permits."],
     FRIDAY, 0, NARRATOR, THURSDAY, "day"),
    ("a quotation by the lead's speaker after the lead",
     ["Lavrov said on Thursday that Turkey was delaying the permits.",
      "\"We see no reason for the delay,\" he said."],
     FRIDAY, 1, "Sergei Lavrov", THURSDAY, "day"),
    ("a past narrated sentence after the lead",
     ["Lavrov said on Thursday that Turkey was delaying the permits.",
      "Officials in Ankara released no figures."],
     FRIDAY, 1, NARRATOR, THURSDAY, "day"),
    ("another side's remark after a narrated event",
     ["Turkey and Russia signed a trade deal on Thursday.",
      "Cavusoglu told reporters that more agreements would follow."],
     FRIDAY, 1, "Mevlut Cavusoglu", THURSDAY, "day"),
    ("a same-day remark keeps a narrated event as the source of the day",
     ["Turkey and Russia signed a trade deal on Thursday.",
      "Lavrov told reporters on Thursday that the deal was fair.",
      "Cavusoglu said more agreements would follow."],
     FRIDAY, 2, "Mevlut Cavusoglu", THURSDAY, "day"),
    ("must not fire: a present-tense sentence after the lead",
     ["Lavrov said on Thursday that Turkey was delaying the permits.",
      "Ties between the two capitals remain tense."],
     FRIDAY, 1, NARRATOR, "2016-08-12", "day"),
    ("must not fire: another side's remark after a remark",
     ["Lavrov said on Thursday that Turkey was delaying the permits.",
      "Cavusoglu told reporters that the permits would be issued soon."],
     FRIDAY, 1, "Mevlut Cavusoglu", "2016-08-12", "day"),
    ("must not fire: the lead is dated on the publication day",
     ["Lavrov said on Friday that Turkey was delaying the permits.",
      "Russian diplomats met the Turkish envoy on Thursday.",
      "Officials in Ankara released no figures."],
     FRIDAY, 2, NARRATOR, "2016-08-12", "day"),
    ("must not fire: a headline that looks ahead",
     ["Erdogan to visit Moscow",
      "Peskov said on Thursday that no date had been fixed."],
     FRIDAY, 0, NARRATOR, "2016-08-12", "day"),
    ("must not fire: a background passage dated earlier",
     ["Lavrov said on Thursday that Turkey was delaying the permits.",
      "Moscow suspended the flights on Monday.",
      "Officials in Ankara released no figures."],
     FRIDAY, 2, NARRATOR, "2016-08-12", "day"),
    ("must not fire: a bare year in the main clause",
     ["Lavrov said on Thursday that Turkey was delaying the permits.",
      "Trade between the two fell sharply last year."],
     FRIDAY, 1, NARRATOR, "2016-08-12", "day"),
    ("must not fire: a later sentence brings the news to the publication day",
     ["Lavrov said on Thursday that Turkey was delaying the permits.",
      "Peskov said on Friday that talks would continue.",
      "He added that no date had been set."],
     FRIDAY, 2, "Dmitry Peskov", "2016-08-12", "day"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("statements", "published", "index", "speaker", "refers_to", "precision"),
    [case[1:] for case in NEWS_DAY_CASES],
    ids=[case[0] for case in NEWS_DAY_CASES],
)
def test_news_day(
    statements: list[str],
    published: dt.date,
    index: int,
    speaker: str,
    refers_to: str,
    precision: str,
) -> None:
    test_document_context(statements, published, index, speaker, refers_to, precision)


# A background passage: a narrated past sentence after one dated long before publication is
# about that time, at month precision. Same columns as DOCUMENT_CASES.
BACKGROUND_CASES = [
    ("past narration after a sentence dated months back",
     ["Ankara and Moscow fell out on November 24.",
      "Tour operators cancelled thousands of package holidays."],
     FRIDAY, 1, NARRATOR, "2015-11", "month"),
    ("past narration after a month named months back",
     ["Moscow suspended charter flights in January.",
      "Resort hotels on the coast dismissed seasonal staff."],
     FRIDAY, 1, NARRATOR, "2016-01", "month"),
    ("must not fire: a remark after the background sentence",
     ["Ankara and Moscow fell out on November 24.",
      "Lavrov said Moscow wanted closer ties."],
     FRIDAY, 1, "Sergei Lavrov", "2016-08-12", "day"),
    ("must not fire: a present-tense sentence ends the passage",
     ["Ankara and Moscow fell out on November 24.",
      "Trade remains low.",
      "Tour operators cancelled thousands of package holidays."],
     FRIDAY, 2, NARRATOR, "2016-08-12", "day"),
    ("must not fire: a month earlier in the month of publication",
     ["Moscow eased the rules for charter flights earlier this month.",
      "Resort hotels on the coast hired more staff."],
     FRIDAY, 1, NARRATOR, "2016-08-12", "day"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("statements", "published", "index", "speaker", "refers_to", "precision"),
    [case[1:] for case in BACKGROUND_CASES],
    ids=[case[0] for case in BACKGROUND_CASES],
)
def test_background_passage(
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
    got = result.dates.refers_to.isoformat()
    if precision == "month":
        got = got[:7]
    assert (got, result.dates.refers_to_precision) == (refers_to, precision)


def test_statements_read_alone_match_one_statement_documents() -> None:
    text = "Lavrov told reporters after the meeting that ties were back."
    alone = analyze_document([text], FRIDAY, ACTORS, EVENTS)[0]
    after = analyze_document(["Putin met Erdogan on Tuesday.", text], FRIDAY, ACTORS, EVENTS)[1]
    assert (alone.dates.refers_to, after.dates.refers_to) == (FRIDAY, dt.date(2016, 8, 9))
