"""Date mentions and statement dates, on sentences written for these tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tracker.analysis.dates.context import EVENT_REACH, DateContext, advance
from tracker.analysis.dates.resolve import (
    DateMention,
    StatementDates,
    find_date_mentions,
    resolve_statement_dates,
)
from tracker.analysis.key_events import load_events

D = dt.date
JUL26 = D(2016, 7, 26)  # a Tuesday
AUG9 = D(2016, 8, 9)  # a Tuesday
DEC20 = D(2016, 12, 20)
JAN10 = D(2017, 1, 10)
EVENTS = load_events(Path(__file__).parent / "fixtures" / "events_small.csv")

# (name, text, published, [(mention text, ISO date, precision), ...])
MENTION_CASES = [
    (
        "full date, month first",
        "The talks were held on July 25, 2016 in Ankara.",
        JUL26,
        [("July 25, 2016", "2016-07-25", "day")],
    ),
    (
        "full date, day first",
        "Ankara hosted the meeting on 25 July 2016.",
        JUL26,
        [("25 July 2016", "2016-07-25", "day")],
    ),
    ("ISO date", "The decree is dated 2016-07-25.", JUL26, [("2016-07-25", "2016-07-25", "day")]),
    (
        "full date with weekday is one mention",
        "The summit opened on Tuesday, August 9, 2016.",
        JUL26,
        [("Tuesday, August 9, 2016", "2016-08-09", "day")],
    ),
    (
        "full date without publication date",
        "The summit opened on Tuesday, August 9, 2016.",
        None,
        [("Tuesday, August 9, 2016", "2016-08-09", "day")],
    ),
    (
        "ordinal day of month",
        "Relations broke down on the 24th of November.",
        JUL26,
        [("24th of November", "2015-11-24", "day")],
    ),
    ("abbreviated month", "Ties were cut on Nov. 24.", JUL26, [("Nov. 24", "2015-11-24", "day")]),
    (
        "abbreviation without a period",
        "Ties were cut on Nov 24.",
        JUL26,
        [("Nov 24", "2015-11-24", "day")],
    ),
    (
        "day before month",
        "The plane was downed on 24 November.",
        JUL26,
        [("24 November", "2015-11-24", "day")],
    ),
    (
        "past tense: later in the year means last year",
        "Ties have been frozen since they were disrupted on November 24.",
        JUL26,
        [("November 24", "2015-11-24", "day")],
    ),
    (
        "noun modifier, two weeks ahead: this year",
        "Simsek announced the August 9 visit.",
        JUL26,
        [("August 9", "2016-08-09", "day")],
    ),
    (
        "future tense: this year",
        "The presidents will meet on August 9.",
        JUL26,
        [("August 9", "2016-08-09", "day")],
    ),
    (
        "future cue beyond two months",
        "The summit is scheduled for December 3.",
        JUL26,
        [("December 3", "2016-12-03", "day")],
    ),
    (
        "no cue, months ahead: last year",
        "The November 24 incident still weighs on trade.",
        JUL26,
        [("November 24", "2015-11-24", "day")],
    ),
    (
        "no cue, earlier in the year: this year",
        "On June 30, Russia lifted the ban on charter flights.",
        AUG9,
        [("June 30", "2016-06-30", "day")],
    ),
    (
        "past tense across new year",
        "The ambassador was shot on December 19.",
        JAN10,
        [("December 19", "2016-12-19", "day")],
    ),
    (
        "near future across new year",
        "Diplomats prepare for the January 5 talks in Moscow.",
        DEC20,
        [("January 5", "2017-01-05", "day")],
    ),
    (
        "clause-initial date takes the verb after it",
        "On August 20, the ministers met in Ankara.",
        JUL26,
        [("August 20", "2015-08-20", "day")],
    ),
    (
        "leap day finds the leap year",
        "The deal was signed on February 29.",
        D(2017, 3, 1),
        [("February 29", "2016-02-29", "day")],
    ),
    ("impossible day is skipped", "Nothing happened on February 30.", JUL26, []),
    (
        "clause-initial month reads the verb after it",
        "In October, Putin is expected to visit Turkey.",
        JUL26,
        [("In October", "2016-10-01", "month")],
    ),
    (
        "month after 'for'",
        "The summit is planned for October.",
        JUL26,
        [("for October", "2016-10-01", "month")],
    ),
    (
        "last November",
        "Ties deteriorated last November.",
        AUG9,
        [("last November", "2015-11-01", "month")],
    ),
    (
        "in November, past",
        "The jet was downed in November.",
        JUL26,
        [("in November", "2015-11-01", "month")],
    ),
    (
        "in November, future",
        "Elections will be held in November.",
        JUL26,
        [("in November", "2016-11-01", "month")],
    ),
    (
        "mid-month",
        "Talks resumed in mid-November.",
        DEC20,
        [("in mid-November", "2016-11-01", "month")],
    ),
    (
        "month and year",
        "Relations collapsed in November 2015.",
        JUL26,
        [("November 2015", "2015-11-01", "month")],
    ),
    (
        "last month",
        "Putin ordered the government last month to ease sanctions.",
        JUL26,
        [("last month", "2016-06-01", "month")],
    ),
    (
        "next month",
        "Erdogan will visit next month.",
        JUL26,
        [("next month", "2016-08-01", "month")],
    ),
    (
        "earlier this month",
        "Flights resumed earlier this month.",
        JUL26,
        [("earlier this month", "2016-07-01", "month")],
    ),
    (
        "next week: the month it falls in",
        "A delegation arrives next week.",
        JUL26,
        [("next week", "2016-08-01", "month")],
    ),
    (
        "earlier this week on a Friday that opens a month: the days before are last month's",
        "Officials met earlier this week.",
        D(2016, 7, 1),
        [("earlier this week", "2016-06-01", "month")],
    ),
    (
        "earlier this week inside one month",
        "Officials met earlier this week.",
        JUL26,
        [("earlier this week", "2016-07-01", "month")],
    ),
    (
        "earlier this week, two days each side: the month nearer publication",
        "Officials met earlier this week.",
        D(2016, 6, 3),
        [("earlier this week", "2016-06-01", "month")],
    ),
    (
        "later this week crossing into the next month",
        "Officials meet later this week.",
        D(2016, 6, 30),
        [("later this week", "2016-07-01", "month")],
    ),
    (
        "this week, past tense: the days up to publication",
        "Officials met this week.",
        D(2016, 7, 1),
        [("this week", "2016-06-01", "month")],
    ),
    (
        "this week, future tense: the days from publication",
        "Officials will meet this week.",
        D(2016, 7, 1),
        [("this week", "2016-07-01", "month")],
    ),
    (
        "last week: the month holding most of its days",
        "Officials met last week.",
        D(2016, 9, 6),
        [("last week", "2016-09-01", "month")],
    ),
    (
        "weekday, past",
        "Peskov told reporters on Monday.",
        JUL26,
        [("Monday", "2016-07-25", "day")],
    ),
    (
        "weekday, publication day",
        "Peskov told reporters on Tuesday.",
        JUL26,
        [("Tuesday", "2016-07-26", "day")],
    ),
    (
        "weekday, future",
        "Lavrov will travel to Ankara on Friday.",
        JUL26,
        [("Friday", "2016-07-29", "day")],
    ),
    ("next Friday", "They meet next Friday.", JUL26, [("next Friday", "2016-07-29", "day")]),
    ("last Friday", "They met last Friday.", JUL26, [("last Friday", "2016-07-22", "day")]),
    # A quotation ends the clause a tense cue is read in, whatever its marks (tracker.text.quotes).
    (
        "a tense inside curly quotes does not reach the date after them",
        "Putin said “the talks will go on” on Friday.",
        JUL26,
        [("Friday", "2016-07-22", "day")],
    ),
    (
        "a tense inside guillemets does not reach the date after them",
        "Putin said «the talks will go on» on Friday.",
        JUL26,
        [("Friday", "2016-07-22", "day")],
    ),
    (
        "a tense inside single guillemets does not reach the date after them",
        "Putin said ‹the talks will go on› on Friday.",
        JUL26,
        [("Friday", "2016-07-22", "day")],
    ),
    # Published on the weekday named: "last" and "next" mean a week away, "this" the day itself.
    (
        "last weekday on that weekday: a week before",
        "The envoys met last Tuesday.",
        JUL26,
        [("last Tuesday", "2016-07-19", "day")],
    ),
    (
        "this past weekday on that weekday: a week before",
        "The ceasefire collapsed this past Tuesday.",
        JUL26,
        [("past Tuesday", "2016-07-19", "day")],
    ),
    (
        "next weekday on that weekday: a week after",
        "The envoys meet again next Tuesday.",
        JUL26,
        [("next Tuesday", "2016-08-02", "day")],
    ),
    (
        "this weekday on that weekday: the day itself",
        "The envoys met this Tuesday.",
        JUL26,
        [("this Tuesday", "2016-07-26", "day")],
    ),
    (
        "yesterday, today, tomorrow",
        "Talks began yesterday, continue today and end tomorrow.",
        JUL26,
        [
            ("yesterday", "2016-07-25", "day"),
            ("today", "2016-07-26", "day"),
            ("tomorrow", "2016-07-27", "day"),
        ],
    ),
    (
        "earlier this year",
        "Trade fell earlier this year.",
        JUL26,
        [("earlier this year", "2016-01-01", "year")],
    ),
    (
        "a year ago",
        "A year ago that was unthinkable.",
        JUL26,
        [("A year ago", "2015-07-01", "month")],
    ),
    ("days ago", "He arrived three days ago.", JUL26, [("three days ago", "2016-07-23", "day")]),
    ("last year", "Tourism collapsed last year.", JUL26, [("last year", "2015-01-01", "year")]),
    (
        "in a year",
        "The pipeline deal dates from 2014.",
        JUL26,
        [("from 2014", "2014-01-01", "year")],
    ),
    (
        "in a year without publication date",
        "Relations were warm in 2015.",
        None,
        [("in 2015", "2015-01-01", "year")],
    ),
    ("trap: modal may", "The rapprochement may even lead to a realignment.", JUL26, []),
    ("trap: May opening a wish", "May the talks succeed.", JUL26, []),
    ("trap: May as a name before a verb", "Much has shifted since May took office.", JUL26, []),
    (
        "trap: May after a preposition that fits a name",
        "A letter from May reached Ankara.",
        JUL26,
        [],
    ),
    (
        "May with a day",
        "The accord was signed on May 5.",
        JUL26,
        [("May 5", "2016-05-05", "day")],
    ),
    ("in May", "Tourism fell in May.", JUL26, [("in May", "2016-05-01", "month")]),
    ("trap: we", "We are against all kinds of coup attempts.", JUL26, []),
    ("trap: a march on Ankara", "Protesters threatened a march on Ankara.", JUL26, []),
    ("trap: march as a verb", "Crowds plan to march on the capital.", JUL26, []),
    ("trap: March in a title-case headline", "Thousands March On Ankara", JUL26, []),
    (
        "March with a day",
        "The deal was agreed on March 3.",
        JUL26,
        [("March 3", "2016-03-03", "day")],
    ),
    ("trap: sun and wed", "Under the sun, we wed; the sun rose on wed.", JUL26, []),
    (
        "trap: numbers that are not dates",
        "The Su-24 carried 2 pilots and 300 rounds; 2,015 people protested.",
        JUL26,
        [],
    ),
    (
        "no publication date: relative mentions skipped",
        "Peskov said on Tuesday that ties, cut last November and on November 24, "
        "would be restored next month.",
        None,
        [],
    ),
    (
        "no publication date: absolute mentions kept",
        "Ties were cut on 24 November 2015 and restored in 2016.",
        None,
        [("24 November 2015", "2015-11-24", "day"), ("in 2016", "2016-01-01", "year")],
    ),
    ("capitals", "RUSSIA LIFTS BAN ON JUNE 30", AUG9, [("JUNE 30", "2016-06-30", "day")]),
    (
        "offsets survive a dotted capital I",
        "İstanbul hosted the talks on Tuesday.",
        JUL26,
        [("Tuesday", "2016-07-26", "day")],
    ),
    (
        "several mentions in text order",
        "Ties soured on November 24 and recovered by June 29.",
        JUL26,
        [("November 24", "2015-11-24", "day"), ("June 29", "2016-06-29", "day")],
    ),
    ("empty text", "", JUL26, []),
]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [case[1:] for case in MENTION_CASES],
    ids=[case[0] for case in MENTION_CASES],
)
def test_find_date_mentions(
    text: str, published: dt.date | None, expected: list[tuple[str, str, str]]
) -> None:
    mentions = find_date_mentions(text, published)
    got = [(m.text, m.date.isoformat(), m.precision) for m in mentions]
    assert got == expected
    for m in mentions:
        assert isinstance(m, DateMention)
        assert text[m.start : m.end] == m.text


def _shown(text: str, span: tuple[int, int] | None) -> str | None:
    return None if span is None else text[span[0] : span[1]]


# (name, text, published, attributed,
#  (said_on, precision, evidence text, refers_to, precision, evidence text))
# Dates are ISO strings; month precision is written YYYY-MM.
RESOLVE_CASES = [
    (
        "attributed: weekday in the attribution",
        "Relations are improving, Peskov told reporters on Monday.",
        JUL26,
        True,
        ("2016-07-25", "day", "Monday", "2016-07-25", "day", "Monday"),
    ),
    (
        "attributed: old date inside the quotation",
        "“Ties have been frozen since November 24,” Cavusoglu said.",
        JUL26,
        True,
        ("2016-07-26", "day", None, "2016-07-26", "day", None),
    ),
    (
        "attributed: a later event named in the attribution",
        "There is much to discuss, Peskov said as he confirmed the August 9 meeting.",
        JUL26,
        True,
        ("2016-07-26", "day", None, "2016-07-26", "day", None),
    ),
    (
        "attributed: date opening the sentence",
        "On Monday, Lavrov said Moscow was ready to talk.",
        JUL26,
        True,
        ("2016-07-25", "day", "Monday", "2016-07-25", "day", "Monday"),
    ),
    (
        "attributed: yesterday after the speech verb",
        "Yildirim said yesterday that normalisation was on track.",
        JUL26,
        True,
        ("2016-07-25", "day", "yesterday", "2016-07-25", "day", "yesterday"),
    ),
    (
        "attributed: future date in the reported words, said-date at the end",
        "Erdogan will visit Russia on August 9, Peskov said on Tuesday.",
        JUL26,
        True,
        ("2016-07-26", "day", "Tuesday", "2016-07-26", "day", "Tuesday"),
    ),
    (
        "attributed: date in reported speech is not the speech date",
        "Putin has said the country opposed coups since the crisis began last November.",
        AUG9,
        True,
        ("2016-08-09", "day", None, "2016-08-09", "day", None),
    ),
    (
        "attributed: opening adverbial dates the speech verb after the comma",
        "In an interview published on Sunday, Erdogan said Russia was a friend.",
        JUL26,
        True,
        ("2016-07-24", "day", "Sunday", "2016-07-24", "day", "Sunday"),
    ),
    (
        "attributed: adjective in -ed between verb and date",
        "Erdogan said in a televised speech on Saturday that the plotters would pay.",
        JUL26,
        True,
        ("2016-07-23", "day", "Saturday", "2016-07-23", "day", "Saturday"),
    ),
    (
        "attributed: date of the reported clause is not the speech date",
        "Lavrov said Russia had lifted the ban on Monday.",
        JUL26,
        True,
        ("2016-07-26", "day", None, "2016-07-26", "day", None),
    ),
    (
        "attributed: a dated clause opening the sentence is not the speech date",
        "On November 24 Turkey shot down a jet, Erdogan said.",
        JUL26,
        True,
        ("2016-07-26", "day", None, "2016-07-26", "day", None),
    ),
    (
        "attributed: reported action over an earlier event, month precision",
        "Putin backed Erdogan's government after the July 15 putsch and said the plotters "
        "must face justice.",
        AUG9,
        True,
        ("2016-08-09", "day", None, "2016-07", "month", "July 15"),
    ),
    (
        "attributed: reported action on its own date",
        "Putin phoned Erdogan on July 17 to offer his support, the Kremlin said.",
        AUG9,
        True,
        ("2016-08-09", "day", None, "2016-07-17", "day", "July 17"),
    ),
    (
        "attributed: thanking is a speech act, not a reported action",
        "Erdogan thanked Putin for his support after the July 15 coup, Turkish officials said.",
        AUG9,
        True,
        ("2016-08-09", "day", None, "2016-08-09", "day", None),
    ),
    (
        "attributed: speech verb first, dated event after",
        "The Turkish president said he appreciated the support following the defeated July 15 "
        "coup.",
        AUG9,
        True,
        ("2016-08-09", "day", None, "2016-08-09", "day", None),
    ),
    (
        "narrator: dated event opening the sentence",
        "On June 30, Russia lifted its ban on charter flights to Turkey.",
        AUG9,
        False,
        ("2016-08-09", "day", None, "2016-06-30", "day", "June 30"),
    ),
    (
        "narrator: future visit next month",
        "Erdogan will visit Russia next month.",
        JUL26,
        False,
        ("2016-07-26", "day", None, "2016-08", "month", "next month"),
    ),
    (
        "narrator: future meeting on a day",
        "The two presidents will meet in St Petersburg on August 9.",
        JUL26,
        False,
        ("2016-07-26", "day", None, "2016-08-09", "day", "August 9"),
    ),
    (
        "narrator: past meeting on a day",
        "The foreign ministers met in Sochi on July 1.",
        AUG9,
        False,
        ("2016-08-09", "day", None, "2016-07-01", "day", "July 1"),
    ),
    (
        "narrator: last month in the main clause",
        "Putin ordered the government last month to ease sanctions on Turkish fruit.",
        JUL26,
        False,
        ("2016-07-26", "day", None, "2016-06", "month", "last month"),
    ),
    (
        "narrator: since-clause behind a present main clause",
        "Putin and Erdogan meet for the first time since relations collapsed last November.",
        AUG9,
        False,
        ("2016-08-09", "day", None, "2016-08-09", "day", None),
    ),
    (
        "narrator: relative clause behind a present main clause",
        "Trade, which fell sharply after the November 24 incident, is slowly recovering.",
        JUL26,
        False,
        ("2016-07-26", "day", None, "2016-07-26", "day", None),
    ),
    (
        "narrator: reduced relative clause is background",
        "Russia's ban on Turkish tomatoes, imposed in January, remains in place.",
        JUL26,
        False,
        ("2016-07-26", "day", None, "2016-07-26", "day", None),
    ),
    (
        "narrator: present perfect with a dated since-clause",
        "Ankara has praised Moscow for its support since the coup attempt on July 15.",
        JUL26,
        False,
        ("2016-07-26", "day", None, "2016-07-26", "day", None),
    ),
    (
        "attributed: a since-date in the speaker's relative clause does not date the remark",
        "The cleric, who has lived in Pennsylvania since 1999, condemned the plot.",
        JUL26,
        True,
        ("2016-07-26", "day", None, "2016-07-26", "day", None),
    ),
    (
        "narrator: relative clause with a since-date does not date a past main clause",
        "The cleric, who has lived in Pennsylvania since 1999, denied any role in the plot.",
        JUL26,
        False,
        ("2016-07-26", "day", None, "2016-07-26", "day", None),
    ),
    (
        "narrator: which-clause date is background to a past main clause",
        "The pipeline, which Moscow unveiled in December 2014, was shelved in March.",
        JUL26,
        False,
        ("2016-07-26", "day", None, "2016-03", "month", "in March"),
    ),
    (
        "narrator: temporal after-clause date dates a past main clause",
        "After the two ministers met on July 1, trade officials resumed contacts.",
        JUL26,
        False,
        ("2016-07-26", "day", None, "2016-07-01", "day", "July 1"),
    ),
    (
        "narrator: past main clause anchored by an event alias",
        "After Turkish F-16s shot down a Russian jet over Syria, trade between the neighbours "
        "collapsed.",
        AUG9,
        False,
        ("2016-08-09", "day", None, "2015-11-24", "day", "shot down a Russian jet"),
    ),
    (
        "narrator: alias with a curly apostrophe",
        "Following Erdogan’s letter, the Kremlin softened its tone.",
        AUG9,
        False,
        ("2016-08-09", "day", None, "2016-06-27", "day", "Erdogan’s letter"),
    ),
    (
        "narrator: alias in a present-tense sentence is background",
        "Relations are still recovering from the downing of the warplane.",
        AUG9,
        False,
        ("2016-08-09", "day", None, "2016-08-09", "day", None),
    ),
    (
        "narrator: past main clause anchored by a dated subordinate clause",
        "After Ankara apologised on June 27, Moscow lifted the sanctions.",
        AUG9,
        False,
        ("2016-08-09", "day", None, "2016-06-27", "day", "June 27"),
    ),
    (
        "narrator: a later event named by a noun modifier does not date the sentence",
        "Peskov confirmed the August 9 meeting in St Petersburg.",
        JUL26,
        False,
        ("2016-07-26", "day", None, "2016-07-26", "day", None),
    ),
    (
        "narrator: quoted date ignored when the sentence has its own",
        "Erdogan told Putin on Tuesday that “nothing has been the same since November 24”.",
        AUG9,
        False,
        ("2016-08-09", "day", None, "2016-08-09", "day", "Tuesday"),
    ),
    # The same quotation in other marks dates the sentence the same way (tracker.text.quotes).
    (
        "narrator: quoted date in curly quotes used when nothing else dates the sentence",
        "Erdogan told Putin that “relations collapsed on November 24” and must recover.",
        AUG9,
        False,
        ("2016-08-09", "day", None, "2015-11-24", "day", "November 24"),
    ),
    (
        "narrator: quoted date in guillemets used when nothing else dates the sentence",
        "Erdogan told Putin that «relations collapsed on November 24» and must recover.",
        AUG9,
        False,
        ("2016-08-09", "day", None, "2015-11-24", "day", "November 24"),
    ),
    (
        "narrator: quoted date in single guillemets used when nothing else dates the sentence",
        "Erdogan told Putin that ‹relations collapsed on November 24› and must recover.",
        AUG9,
        False,
        ("2016-08-09", "day", None, "2015-11-24", "day", "November 24"),
    ),
    (
        "narrator: quoted date in straight single quotes used when nothing else dates it",
        "Erdogan told Putin that 'relations collapsed on November 24' and must recover.",
        AUG9,
        False,
        ("2016-08-09", "day", None, "2015-11-24", "day", "November 24"),
    ),
    (
        "narrator: quoted date used when nothing else dates the sentence",
        "The banner at the rally read “July 15: never again”.",
        AUG9,
        False,
        ("2016-08-09", "day", None, "2016-07-15", "day", "July 15"),
    ),
    (
        "narrator: no date at all",
        "The rapprochement may even lead to a political realignment.",
        JUL26,
        False,
        ("2016-07-26", "day", None, "2016-07-26", "day", None),
    ),
    (
        "narrator: a bare year dates nothing (a period looked back on)",
        "Turkey and Russia signed the gas pipeline deal in 2014.",
        JUL26,
        False,
        ("2016-07-26", "day", None, "2016-07-26", "day", None),
    ),
    (
        "narrator: photo caption with a full date",
        "Soldiers detain a suspect in Marmaris, Turkey, July 25, 2016.",
        JUL26,
        False,
        ("2016-07-26", "day", None, "2016-07-25", "day", "July 25, 2016"),
    ),
    (
        "narrator: weekday in a relative clause of a sentence about the future is the coming one",
        "Migrants who reach the islands from Sunday will be sent back to Turkey.",
        D(2016, 3, 18),
        False,
        ("2016-03-18", "day", None, "2016-03-20", "day", "Sunday"),
    ),
    (
        "narrator: a past-tense relative clause keeps its weekday in the past",
        "Migrants who reached the islands on Sunday will be sent back to Turkey.",
        D(2016, 3, 18),
        False,
        ("2016-03-18", "day", None, "2016-03-18", "day", None),
    ),
    (
        "narrator: due to meet on a weekday is the coming one",
        "Lavrov is due to meet Cavusoglu in Sochi on Friday.",
        D(2016, 6, 30),
        False,
        ("2016-06-30", "day", None, "2016-07-01", "day", "Friday"),
    ),
    (
        "narrator: a present-tense event verb is a schedule: the coming weekday",
        "Lavrov meets Cavusoglu in Sochi on Friday.",
        D(2016, 6, 30),
        False,
        ("2016-06-30", "day", None, "2016-07-01", "day", "Friday"),
    ),
    (
        "narrator: a past act is not dated by the future date of its plan",
        "The EU pledged to pay the rest of the money by the end of 2018.",
        D(2016, 3, 18),
        False,
        ("2016-03-18", "day", None, "2016-03-18", "day", None),
    ),
    (
        "no publication date: narrator with a full date",
        "On June 30, 2016, Russia lifted the ban.",
        None,
        False,
        (None, None, None, "2016-06-30", "day", "June 30, 2016"),
    ),
    (
        "no publication date: attributed with a weekday",
        "“We are ready,” Peskov said on Tuesday.",
        None,
        True,
        (None, None, None, None, None, None),
    ),
    (
        "no publication date: event alias still anchors",
        "After the downing of the warplane, tourism collapsed.",
        None,
        False,
        (None, None, None, "2015-11-24", "day", "downing of the warplane"),
    ),
]


def _iso(date: dt.date | None, precision: str | None) -> str | None:
    if date is None:
        return None
    return {"month": date.isoformat()[:7], "year": date.isoformat()[:4]}.get(
        precision or "", date.isoformat()
    )


@pytest.mark.parametrize(
    ("text", "published", "attributed", "expected"),
    [case[1:] for case in RESOLVE_CASES],
    ids=[case[0] for case in RESOLVE_CASES],
)
def test_resolve_statement_dates(
    text: str, published: dt.date | None, attributed: bool, expected: tuple
) -> None:
    dates = resolve_statement_dates(text, published, attributed=attributed, events=EVENTS)
    assert isinstance(dates, StatementDates)
    got = (
        _iso(dates.said_on, dates.said_on_precision),
        dates.said_on_precision,
        _shown(text, dates.said_on_span),
        _iso(dates.refers_to, dates.refers_to_precision),
        dates.refers_to_precision,
        _shown(text, dates.refers_to_span),
    )
    assert got == expected


def test_attribution_span_picks_the_speech_verb_whose_date_counts() -> None:
    text = "Lavrov said on Monday that talks would resume, and Peskov agreed."
    peskov = (text.index("Peskov"), len(text) - 1)
    lavrov = (0, text.index(" on Monday"))
    assert resolve_statement_dates(text, JUL26, attributed=True).said_on == D(2016, 7, 25)
    by_lavrov = resolve_statement_dates(text, JUL26, attributed=True, attribution_span=lavrov)
    by_peskov = resolve_statement_dates(text, JUL26, attributed=True, attribution_span=peskov)
    assert (by_lavrov.said_on, _shown(text, by_lavrov.said_on_span)) == (D(2016, 7, 25), "Monday")
    assert (by_peskov.said_on, by_peskov.said_on_span) == (JUL26, None)


def test_reported_speech_date_dates_a_remark_attributed_at_the_end() -> None:
    text = "On Tuesday, Putin told Erdogan that the ban would go, the Kremlin said."
    span = (text.index("the Kremlin"), len(text) - 1)
    dates = resolve_statement_dates(text, AUG9 + dt.timedelta(days=2), attributed=True,
                                    attribution_span=span)  # fmt: skip
    assert (dates.said_on, dates.said_on_span) == (D(2016, 8, 11), None)
    assert (dates.refers_to, _shown(text, dates.refers_to_span)) == (AUG9, "Tuesday")


def test_reported_speech_date_needs_the_speech_verb_before_the_attribution() -> None:
    text = "The Kremlin said Putin had lifted the ban on Tuesday."
    dates = resolve_statement_dates(text, D(2016, 8, 11), attributed=True, attribution_span=(0, 16))
    assert (dates.refers_to, dates.refers_to_span) == (D(2016, 8, 11), None)


# Context from earlier statements: (name, text, published, attributed, context, expected).
# The context is (date, precision, event_day, event_age); expected as in RESOLVE_CASES.
AUG12 = D(2016, 8, 12)  # a Friday
MET_TUESDAY = DateContext(AUG9, "day", AUG9, 1)
CONTEXT_CASES = [
    ("the same day after the speech verb", "Peskov said the same day that the talks went well.",
     AUG12, True, MET_TUESDAY, ("2016-08-09", "day", "the same day", "2016-08-09", "day",
                                "the same day")),
    ("the following day opens a narrated sentence",
     "The following day, Russia lifted the ban on charter flights.", AUG12, False, MET_TUESDAY,
     ("2016-08-12", "day", None, "2016-08-10", "day", "The following day")),
    ("two days later", "Two days later, Moscow eased the visa rules.", AUG12, False, MET_TUESDAY,
     ("2016-08-12", "day", None, "2016-08-11", "day", "Two days later")),
    ("a day earlier", "Ankara had released the pilot a day earlier.", AUG12, False, MET_TUESDAY,
     ("2016-08-12", "day", None, "2016-08-08", "day", "a day earlier")),
    ("at the time keeps a month", "At the time, few expected a deal.", AUG12, False,
     DateContext(D(2015, 11, 1), "month"), ("2016-08-12", "day", None, "2015-11", "month",
                                            "At the time")),
    ("the same day needs a day", "The same day, Erdogan spoke to reporters.", AUG12, False,
     DateContext(D(2015, 11, 1), "month"), ("2016-08-12", "day", None, "2016-08-12", "day",
                                            None)),
    ("must not fire: the day before names its own point",
     "The day before the summit, Turkey released the pilot.", AUG12, False, MET_TUESDAY,
     ("2016-08-12", "day", None, "2016-08-12", "day", None)),
    ("must not fire: at the time of", "At the time of the coup, Erdogan was on holiday.", AUG12,
     False, MET_TUESDAY, ("2016-08-12", "day", None, "2016-08-12", "day", None)),
    ("after the summit dates the remark",
     "Merkel told a news conference after the summit that the deal was fair.", AUG12, True,
     MET_TUESDAY, ("2016-08-09", "day", "after the summit", "2016-08-09", "day",
                   "after the summit")),
    ("during the call dates the narrated event", "During the call, the two leaders agreed to "
     "meet again.", AUG12, False, MET_TUESDAY, ("2016-08-12", "day", None, "2016-08-09", "day",
                                                "During the call")),
    ("must not fire: the statement has a date of its own",
     "Lavrov told reporters on Thursday after the meeting that ties were back.", AUG12, True,
     MET_TUESDAY, ("2016-08-11", "day", "Thursday", "2016-08-11", "day", "Thursday")),
    ("must not fire: the next meeting is another one",
     "Erdogan is expected to raise the issue at the next meeting.", AUG12, False, MET_TUESDAY,
     ("2016-08-12", "day", None, "2016-08-12", "day", None)),
    ("must not fire: the meeting was reported too long ago",
     "Lavrov told reporters after the meeting that ties were back.", AUG12, True,
     DateContext(AUG9, "day", AUG9, EVENT_REACH + 1), ("2016-08-12", "day", None, "2016-08-12",
                                                      "day", None)),
    ("must not fire: the meeting only inside the quotation",
     "“We agreed on everything at the meeting,” Erdogan said.", AUG12, True, MET_TUESDAY,
     ("2016-08-12", "day", None, "2016-08-12", "day", None)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "published", "attributed", "context", "expected"),
    [case[1:] for case in CONTEXT_CASES],
    ids=[case[0] for case in CONTEXT_CASES],
)
def test_dates_from_document_context(
    text: str, published: dt.date, attributed: bool, context: DateContext, expected: tuple
) -> None:
    dates = resolve_statement_dates(text, published, attributed=attributed, context=context)
    got = (
        _iso(dates.said_on, dates.said_on_precision),
        dates.said_on_precision,
        _shown(text, dates.said_on_span),
        _iso(dates.refers_to, dates.refers_to_precision),
        dates.refers_to_precision,
        _shown(text, dates.refers_to_span),
    )
    assert got == expected


def test_context_advances_with_explicit_dates_only() -> None:
    start = DateContext()
    met = "Putin met Erdogan on Tuesday."
    after_meeting = advance(start, met, resolve_statement_dates(met, AUG12, attributed=False))
    assert after_meeting == DateContext(AUG9, "day", AUG9, 1, "meeting")
    plain = "Trade fell."
    after_plain = advance(
        after_meeting, plain, resolve_statement_dates(plain, AUG12, attributed=False)
    )
    assert after_plain == DateContext(AUG9, "day", AUG9, 2, "meeting")
    collapsed = "Relations collapsed on November 24."
    dated = resolve_statement_dates(collapsed, AUG12, attributed=False)
    assert advance(after_plain, collapsed, dated) == DateContext(
        D(2015, 11, 24), "day", AUG9, 3, "meeting"
    )


def test_attribution_span_date_used_even_far_from_the_verb() -> None:
    text = "Turkey wants better ties with Moscow, Yildirim said in a long televised speech to "
    text += "party members in Ankara on Sunday."
    start = text.index(", Yildirim")
    dates = resolve_statement_dates(
        text, JUL26, attributed=True, attribution_span=(start, len(text))
    )
    assert (dates.said_on, _shown(text, dates.said_on_span)) == (D(2016, 7, 24), "Sunday")


def test_caller_quote_spans_hide_dates_without_quotation_marks() -> None:
    text = (
        "Erdogan recalled relations collapsed on November 24 and Russia lifted sanctions "
        "last month."
    )
    quote = (text.index("relations"), text.index(" and Russia"))
    plain = resolve_statement_dates(text, JUL26, attributed=False)
    quoted = resolve_statement_dates(text, JUL26, attributed=False, quote_spans=[quote])
    assert (plain.refers_to, plain.refers_to_precision) == (D(2015, 11, 24), "day")
    assert (quoted.refers_to, quoted.refers_to_precision) == (D(2016, 6, 1), "month")


# Three categories of date errors, each fixed by a general rule (see
#  tracker.analysis.dates.mentions). Tables are (name, text, expected mentions as (text, ISO date));
# every text is read as
# published on WED16, a Wednesday in March 2016. "must not fire" rows keep the old reading.
WED16 = D(2016, 3, 16)

# 1. A weekday between a determiner and a capitalised word is part of a name.
WEEKDAY_NAME_CASES = [
    ("the Sunday Times", "The Sunday Times reported that Ankara had asked for more money.", []),
    ("the Sunday Telegraph", "The claim first appeared in the Sunday Telegraph.", []),
    ("a Monday Club member", "The MP, a Monday Club member, criticised Ankara.", []),
    ("a possessive before the name", "Britain's Sunday Times said the deal was close.", []),
    ("capitals", "THE SUNDAY TIMES SAYS THE DEAL IS CLOSE", []),
    ("a name and a date in one sentence", "The Sunday Times reported on Sunday that talks "
     "had stalled.", [("Sunday", "2016-03-13")]),
    ("must not fire: on Sunday before a name", "On Sunday Erdogan said the deal was fair.",
     [("Sunday", "2016-03-13")]),
    ("must not fire: Sunday's talks", "Sunday's talks in Brussels ended without a deal.",
     [("Sunday", "2016-03-13")]),
    ("must not fire: last Sunday before a name", "Last Sunday Erdogan met Merkel in Ankara.",
     [("Last Sunday", "2016-03-13")]),
    ("must not fire: a determiner and a lower-case word", "Erdogan met Putin on the Sunday "
     "after the vote.", [("Sunday", "2016-03-13")]),
    ("must not fire: a comma before the capitalised word", "On the Sunday, Erdogan flew to "
     "Moscow.", [("Sunday", "2016-03-13")]),
]  # fmt: skip

# 2. A present-tense event verb (a schedule) or a future puts a bare weekday ahead.
SCHEDULE_CASES = [
    ("present plural: flights resume", "Flights to Antalya resume on Sunday.",
     [("Sunday", "2016-03-20")]),
    ("present singular: the summit opens", "The summit opens in Brussels on Monday.",
     [("Monday", "2016-03-21")]),
    ("present after an adverb", "Charter flights finally resume on Sunday.",
     [("Sunday", "2016-03-20")]),
    ("present progressive", "Putin is visiting Ankara on Friday.", [("Friday", "2016-03-18")]),
    ("future passive", "The ban will be lifted on Friday.", [("Friday", "2016-03-18")]),
    ("future passive with an adverb", "The ban will be formally lifted on Friday.",
     [("Friday", "2016-03-18")]),
    ("present after a noun in -ly", "The assembly meets on Monday.", [("Monday", "2016-03-21")]),
    ("due to start", "Talks are due to start on Monday.", [("Monday", "2016-03-21")]),
    ("a schedule reported by a past speech verb", "Officials said flights resume on Sunday.",
     [("Sunday", "2016-03-20")]),
    ("the date opens the clause", "On Sunday, charter flights resume to Antalya.",
     [("Sunday", "2016-03-20")]),
    ("relative clause", "Putin, who meets Erdogan on Tuesday, has praised the thaw.",
     [("Tuesday", "2016-03-22")]),
    ("present on the publication day is that day", "The summit opens on Wednesday.",
     [("Wednesday", "2016-03-16")]),
    ("must not fire: past tense", "Flights resumed on Sunday.", [("Sunday", "2016-03-13")]),
    ("must not fire: said on Sunday", "Peskov said on Sunday that flights would resume.",
     [("Sunday", "2016-03-13")]),
    ("must not fire: the date opens a past clause", "On Sunday, charter flights resumed to "
     "Antalya.", [("Sunday", "2016-03-13")]),
    ("must not fire: negated past", "Flights did not resume on Sunday.",
     [("Sunday", "2016-03-13")]),
    ("must not fire: past progressive", "Putin was visiting Ankara on Friday.",
     [("Friday", "2016-03-11")]),
    ("must not fire: a present speech verb narrates", "Erdogan says on Sunday that Russia "
     "must apologise.", [("Sunday", "2016-03-13")]),
    ("must not fire: a noun, not a verb", "Putin paid a state visit on Sunday.",
     [("Sunday", "2016-03-13")]),
    ("must not fire: a noun after a possessive", "Erdogan's meeting on Thursday was tense.",
     [("Thursday", "2016-03-10")]),
    ("must not fire: a present verb does not move a year-less day", "Charter flights resume "
     "on March 1.", [("March 1", "2016-03-01")]),
]  # fmt: skip

# 3. A deadline ("by", "until", "till", "before") with no past tense looks ahead.
DEADLINE_CASES = [
    ("by June", "Ankara must meet the conditions by June.", [("by June", "2016-06-01")]),
    ("until June", "The sanctions stay in force until June.", [("until June", "2016-06-01")]),
    ("before the end of June", "Turkey wants the visa waiver before the end of June.",
     [("end of June", "2016-06-01")]),
    ("by the end of June", "Visa-free travel could begin by the end of June.",
     [("end of June", "2016-06-01")]),
    ("by a day", "Ankara must meet the conditions by June 30.", [("June 30", "2016-06-30")]),
    ("until a weekday", "Ankara has until Friday to respond.", [("Friday", "2016-03-18")]),
    ("by a weekday", "Brussels wants an answer by Friday.", [("Friday", "2016-03-18")]),
    ("a pledge's deadline after an infinitive", "The EU pledged to pay the money by June.",
     [("by June", "2016-06-01")]),
    ("present perfect extension", "The ban has been extended until June.",
     [("until June", "2016-06-01")]),
    ("must not fire: past narration in June", "The talks collapsed in June.",
     [("in June", "2015-06-01")]),
    ("must not fire: last June", "Relations soured last June.", [("last June", "2015-06-01")]),
    ("must not fire: a past deadline", "The ceasefire held until June.",
     [("until June", "2015-06-01")]),
    ("must not fire: a past deadline on a weekday", "The ceasefire held until Sunday.",
     [("Sunday", "2016-03-13")]),
    ("must not fire: no deadline word", "Tourism usually peaks in June.",
     [("in June", "2015-06-01")]),
    ("must not fire: at the end of June is no deadline", "Relations improved at the end of "
     "June.", [("end of June", "2015-06-01")]),
]  # fmt: skip

CATEGORY_CASES = [
    (f"{table}: {name}", text, expected)
    for table, cases in (
        ("weekday name", WEEKDAY_NAME_CASES),
        ("schedule", SCHEDULE_CASES),
        ("deadline", DEADLINE_CASES),
    )
    for name, text, expected in cases
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [case[1:] for case in CATEGORY_CASES],
    ids=[case[0] for case in CATEGORY_CASES],
)
def test_date_error_categories(text: str, expected: list[tuple[str, str]]) -> None:
    got = [(m.text, m.date.isoformat()) for m in find_date_mentions(text, WED16)]
    assert got == expected


# The same rules end to end: (name, narrated text, (refers_to, precision, evidence text)).
CATEGORY_REFERS_CASES = [
    ("a newspaper's name does not date the report",
     "The Sunday Times reported that Ankara had asked for more money.",
     ("2016-03-16", "day", None)),
    ("a schedule in the present is the coming day", "Flights resume on Sunday.",
     ("2016-03-20", "day", "Sunday")),
    ("a past event on a weekday is the last one", "Flights resumed on Sunday.",
     ("2016-03-13", "day", "Sunday")),
    ("a deadline month is this year's", "Ankara must comply with the conditions by June.",
     ("2016-06", "month", "by June")),
    ("a past narration keeps last year's month", "The talks collapsed in June.",
     ("2015-06", "month", "in June")),
    ("a past act is not dated by its deadline",
     "Ankara asked for visa-free travel for its citizens by June.",
     ("2016-03-16", "day", None)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [case[1:] for case in CATEGORY_REFERS_CASES],
    ids=[case[0] for case in CATEGORY_REFERS_CASES],
)
def test_date_error_categories_refers_to(text: str, expected: tuple) -> None:
    dates = resolve_statement_dates(text, WED16, attributed=False, events=EVENTS)
    got = (
        _iso(dates.refers_to, dates.refers_to_precision),
        dates.refers_to_precision,
        _shown(text, dates.refers_to_span),
    )
    assert got == expected


def test_nothing_raises_on_odd_input() -> None:
    for text in ["", " ", "“", "”", "On", "May", "31 June", "—“ ”—", "2016-02-30", "x" * 5000]:
        for attributed in (True, False):
            for published in (None, JUL26):
                resolve_statement_dates(text, published, attributed=attributed, events=EVENTS)


# Date error categories of real news text, each fixed by a general rule. Rows are (name, text,
# published, attributed, (refers_to, precision, evidence text)); "must not" rows mark the
# limits of a rule.
REAL_TEXT_CASES = [
    # A statement made only of quotation is a remark: dated as one, not by the dates it quotes.
    ("wholly quoted: an unclosed quotation is a remark",
     '"In March, our orders from the region fell by half, and there is more to lose.',
     JUL26, False, ("2016-07-26", "day", None)),
    ("wholly quoted: a closed quotation is a remark",
     "“On June 30 both sides agreed to keep talking,”",
     JUL26, False, ("2016-07-26", "day", None)),
    ("must not: a quotation inside narration still dates it when nothing else does",
     "A placard outside the embassy read “November 24: we remember”.",
     JUL26, False, ("2015-11-24", "day", "November 24")),
    # An opening adverbial closed by a comma dates the speech verb of the main clause.
    ("opening date: a long subject before a perfect speech verb",
     "On 25 July, the head of the European Commission, in an interview with a French channel, "
     "has declared that the accession talks would stop.",
     JUL26, True, ("2016-07-25", "day", "25 July")),
    ("must not: an opening date with another verb before the speech verb",
     "On Monday, Turkish artillery shelled positions across the border, the ministry said.",
     JUL26, True, ("2016-07-26", "day", None)),
    # A dateline is the day the report speaks from; a page may be dated the day before it.
    ("dateline: relative dates count from the dateline",
     "ANKARA, Aug 10 Relations are recovering, a Turkish official said on Wednesday.",
     AUG9, True, ("2016-08-10", "day", "Wednesday")),
    ("must not: a date far from publication is no dateline",
     "ANKARA, Aug 20 Relations are recovering, a Turkish official said on Wednesday.",
     AUG9, True, ("2016-08-03", "day", "Wednesday")),
    ("clock slack: a past date the day after publication is this year's",
     "The agreement was signed on August 10.",
     AUG9, False, ("2016-08-10", "day", "August 10")),
    ("must not: three days after publication a past date is last year's",
     "The agreement was signed on August 12.",
     AUG9, False, ("2015-08-12", "day", "August 12")),
    # A lag in days from a dated anchor or a key event shifts its day; any other stated lag
    # keeps the anchor's date off the main clause.
    ("day lag after a key event",
     "Two days after the failed coup, Ankara closed the airspace over the base.",
     AUG9, False, ("2016-07-17", "day", "Two days after the failed coup")),
    ("day lag before a dated anchor",
     "The envoys met a day before the talks on August 9.",
     AUG9, False, ("2016-08-08", "day", "a day before the talks on August 9")),
    ("a lag in weeks: the key event does not date the sentence",
     "Weeks after the failed coup, the row with Washington deepened.",
     AUG9, False, ("2016-08-09", "day", None)),
    ("a day lag with no day anchor: the clause's date does not date the sentence",
     "He spoke a day after Ankara voiced regret over a jet downed a year ago, hoping to mend ties.",
     AUG9, False, ("2016-08-09", "day", None)),
    # The baseline of a comparison is not the period a figure is about.
    ("comparison baseline: the compared period does not date the figure",
     "Exports to Russia fell by a third compared with the same period in 2015.",
     None, False, (None, None, None)),
    ("comparison baseline after than",
     "Tourist arrivals were lower than in 2014.",
     AUG9, False, ("2016-08-09", "day", None)),
    ("a figure for a named year is dated when it is reported",
     "Exports to Russia fell by a third in 2015.",
     AUG9, False, ("2016-08-09", "day", None)),
    ("must not: an event clause with no lag still dates a past sentence",
     "Relations with Washington soured after the failed coup.",
     AUG9, False, ("2016-07-15", "day", "failed coup")),
    # A participle right after its noun opens a reduced relative clause: its date is the
    # noun's, not the main clause's. Past-only verbs are never such participles.
    ("reduced relative: a participle-only form after its noun",
     "The photograph taken on August 1 showed new trenches along the border.",
     AUG9, False, ("2016-08-09", "day", None)),
    ("reduced relative: a passive participle with its agent",
     "The inspection flight requested by Moscow for August 3 was not carried out.",
     AUG9, False, ("2016-08-09", "day", None)),
    ("reduced relative: an ambiguous past inside it does not end it",
     "With trade still frozen over the jet shot down on November 24, the row leaves Ankara alone.",
     AUG9, False, ("2016-08-09", "day", None)),
    ("must not: the participle after a form of be is the verb",
     "The decision was taken on August 1.",
     AUG9, False, ("2016-08-01", "day", "August 1")),
    ("must not: a passive with its agent after be is the verb",
     "The request was rejected by Ankara on August 1.",
     AUG9, False, ("2016-08-01", "day", "August 1")),
    ("a past-only verb after a comma is the main verb after a long subject",
     "Trade between Moscow, which buys Turkish fruit, and Ankara, which buys Russian gas, fell "
     "sharply after Turkey shot down a Russian jet.",
     AUG9, False, ("2015-11-24", "day", "shot down a Russian jet")),
    ("must not: a participle after a comma still opens a clause",
     "The ban, imposed on January 1, remains in force.",
     AUG9, False, ("2016-08-09", "day", None)),
    ("a key event in a since clause does not date the past main clause",
     "Her trip, the first by a minister since the failed coup, came as talks on visas stalled.",
     AUG9, False, ("2016-08-09", "day", None)),
    ("a past form with its object after a comma is the verb, not a participle",
     "Germany's ambassador, a career diplomat, handed the note over on Monday.",
     AUG9, False, ("2016-08-08", "day", "Monday")),
    # A copula before a noun phrase describes: a temporal clause inside does not date it.
    ("a past copula describing: the clause inside does not date it",
     "The visit was the clearest sign yet of a thaw after an accord in June.",
     AUG9, False, ("2016-08-09", "day", None)),
    ("must not: a passive past still takes its temporal clause's date",
     "Relations were frozen after an accord collapsed in June.",
     AUG9, False, ("2016-06", "month", "in June")),
    # A date naming the event an opening frame refers to dates a past remark.
    ("an opening frame with a dated noun dates the remark",
     "In a July 30 interview, the minister said talks would go on.",
     AUG9, True, ("2016-07-30", "day", "July 30")),
    ("must not: a dated noun after an opening that is no frame",
     "After the July 30 broadcast, the minister said talks would go on.",
     AUG9, True, ("2016-08-09", "day", None)),
    ("must not: an opening frame before a main clause in the present",
     "At the August 3 session, ministers remain divided over visas.",
     AUG9, False, ("2016-08-09", "day", None)),
    # An opening date dates the speaker's own past action when no speech verb follows it.
    ("an opening date dates the speaker's own action",
     "On Sunday, the Turkish president sent a letter to his Russian counterpart, voicing regret "
     "over the pilot's death.",
     AUG9, True, ("2016-08-07", "day", "Sunday")),
    # News set beside the event it "comes N days after" is about that event.
    ("comes a day after: the day before the statement's own",
     "The ruling comes a day after the minister resigned.",
     AUG9, False, ("2016-08-08", "day", "a day after")),
    ("came two days after: counted from the main clause's date",
     "The vote on Monday came two days after the envoy was recalled.",
     AUG9, False, ("2016-08-06", "day", "two days after")),
    ("came a day after a dated event: that event's day",
     "The visit came a day after the talks on August 5.",
     AUG9, False, ("2016-08-05", "day", "a day after the talks on August 5")),
    ("must not: came a day before",
     "The strike came a day before the minister arrived.",
     AUG9, False, ("2016-08-09", "day", None)),
    ("must not: a remark about what came a day after",
     "The decision came a day after the vote, the minister said.",
     AUG9, True, ("2016-08-09", "day", None)),
    # A linking word may stand before an opening adverbial ("Also on Monday, …").
    ("a linking word before the opening adverbial",
     "Also on Monday, the German foreign minister, in a radio interview, told listeners that "
     "the talks would continue.",
     AUG9, True, ("2016-08-08", "day", "Monday")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "published", "attributed", "expected"),
    [case[1:] for case in REAL_TEXT_CASES],
    ids=[case[0] for case in REAL_TEXT_CASES],
)
def test_real_text_date_categories(
    text: str, published: dt.date | None, attributed: bool, expected: tuple
) -> None:
    dates = resolve_statement_dates(text, published, attributed=attributed, events=EVENTS)
    got = (
        _iso(dates.refers_to, dates.refers_to_precision),
        dates.refers_to_precision,
        _shown(text, dates.refers_to_span),
    )
    assert got == expected


# Years, the edges of years, datelines and the day a measure takes effect:
# (name, text, published, attributed, (refers_to, precision, evidence text)).
YEAR_DATELINE_EFFECT_CASES = [
    ("a bare year in a past narration dates nothing",
     "The two countries first signed a trade pact in 1998 but it has rarely been applied.",
     AUG9, False, ("2016-08-09", "day", None)),
    ("last year dates nothing: the report's weekday does",
     "Bilateral trade shrank by a fifth last year, a business council reported on Monday.",
     AUG9, False, ("2016-08-08", "day", "Monday")),
    ("late in a year is its December", "The talks were frozen in late 2015.", AUG9, False,
     ("2015-12", "month", "late 2015")),
    ("the end of a year is its December",
     "The pipeline works were halted by the end of 2015.", AUG9, False,
     ("2015-12", "month", "end of 2015")),
    ("early in a year is its January", "Charter flights stopped in early 2016.", AUG9, False,
     ("2016-01", "month", "early 2016")),
    ("the start of a year is its January",
     "Charter flights stopped at the start of 2016.", AUG9, False,
     ("2016-01", "month", "of 2016")),
    ("must not: the middle of a year is no month", "Trade recovered by mid-2015.", AUG9, False,
     ("2016-08-09", "day", None)),
    ("a dated dateline's own date is not what the report is about",
     "Kars, 8 August 2016 (Wire) – The two ministers met near the border on Sunday.",
     AUG9, False, ("2016-08-07", "day", "Sunday")),
    ("a dated dateline stands for an unknown publication date",
     "Kars, 8 August 2016 (Wire) – The two ministers met near the border on Sunday.",
     None, False, ("2016-08-07", "day", "Sunday")),
    ("a wire dateline's day is not the remark's",
     "KARS, Aug 8 (Wire) - Officials said on Sunday that the crossing would reopen.",
     AUG9, True, ("2016-08-07", "day", "Sunday")),
    ("must not: a place and a date without a dash are no dateline",
     "In Kars, 8 August 2016 was a day of talks.", AUG9, False,
     ("2016-08-08", "day", "8 August 2016")),
    ("a measure starting after publication: the decision is now",
     "Citizens of the neighbouring state are barred from entering starting Jan. 1, 2017.",
     AUG9, False, ("2016-08-09", "day", None)),
    ("a curfew applying as of a coming day: the decision is now",
     "The curfew in the border towns applies as of September 12, 2016.",
     AUG9, False, ("2016-08-09", "day", None)),
    ("trucks crossing starting a coming day: the decision is now",
     "Foreign trucks may cross the border starting September 12, 2016.",
     AUG9, False, ("2016-08-09", "day", None)),
    ("must not: a measure that took effect before publication dates it",
     "Visa rules changed starting August 1, 2016.", AUG9, False,
     ("2016-08-01", "day", "August 1, 2016")),
    ("must not: a plain future date still dates the schedule",
     "The envoy will travel to the capital on September 12, 2016.", AUG9, False,
     ("2016-09-12", "day", "September 12, 2016")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "published", "attributed", "expected"),
    [case[1:] for case in YEAR_DATELINE_EFFECT_CASES],
    ids=[case[0] for case in YEAR_DATELINE_EFFECT_CASES],
)
def test_years_datelines_and_effective_dates(
    text: str, published: dt.date | None, attributed: bool, expected: tuple
) -> None:
    dates = resolve_statement_dates(text, published, attributed=attributed, events=EVENTS)
    got = (
        _iso(dates.refers_to, dates.refers_to_precision),
        dates.refers_to_precision,
        _shown(text, dates.refers_to_span),
    )
    assert got == expected
