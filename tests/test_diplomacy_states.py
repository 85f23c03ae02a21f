"""The diplomacy profile on relation states: frozen or stalled relations, their endings,
past ruptures that only date a statement, regret over a death, a leading "While" clause.

Every sentence here is our own writing (about real events, in our own words); each rule has a
table where it must fire and one where it must not.
"""

from __future__ import annotations

import pytest

from tests.diplomacy_checks import DIPLOMACY, check_rule, check_sign, fired, sign
from tracker.text.clauses import split_clauses

RELATION_STATE = "a relation in a hostile state"
STATE_ENDED = "ending a hostile state"

# (name, sentence, expected sign): a relation noun with a state predicate.
RELATION_STATES = [
    ("remain frozen", "Relations between Ankara and Moscow remain frozen.", -1),
    ("still frozen", "Ties with Russia are still frozen, the minister said.", -1),
    ("talks stalled", "Talks between Turkey and the EU stalled.", -1),
    ("cooperation has stalled", "Cooperation between Ankara and Washington has stalled.", -1),
    ("are tense", "Relations between Ankara and Washington are tense.", -1),
    ("are strained", "Ties between Turkey and the EU are strained.", -1),
    ("remain tense over", "Relations remain tense over the extradition of the cleric.", -1),
    ("deadlocked", "Ankara's accession talks with Brussels are deadlocked.", -1),
    (
        "attributive stalled",
        "Stalled accession talks dominated the summit between Turkey and the EU.",
        -1,
    ),
    (
        "frozen over a case",
        "Relations between Ankara and Washington remain frozen over the Gulen case.",
        -1,
    ),
    (
        "no longer frozen",
        "Relations between Turkey and Russia are no longer frozen, Peskov said.",
        1,
    ),
]

# (name, sentence, expected sign): a verb ending a hostile state.
STATE_ENDINGS = [
    ("thaw the frozen ties", "Putin and Erdogan moved to thaw the frozen ties.", 1),
    ("thawing frozen economic ties", "Moscow and Ankara are thawing frozen economic ties.", 1),
    ("tensions eased", "Tensions between Ankara and Moscow eased after the letter.", 1),
    ("overcome differences", "Ankara and Moscow will work to overcome their differences.", 1),
    ("end the crisis", "Erdogan and Putin agreed to end the crisis.", 1),
    ("broke the ice", "Moscow broke the ice with Ankara by lifting the charter ban.", 1),
    ("efforts failed", "Efforts to end the crisis between Ankara and Moscow failed.", -1),
]

STATES_MUST_NOT_FIRE = [
    ("frozen chicken", "Russia lifted the ban on frozen chicken from Turkey.", 1),
    (
        "tensions rose",
        "Tensions between Ankara and Moscow rose sharply after the jet was shot down.",
        -1,
    ),
    (
        "crisis deepened",
        "The crisis between Ankara and Moscow deepened after Turkey shot down the jet.",
        -1,
    ),
    ("resolve is a noun", "Russia's resolve in the crisis impressed Ankara.", 1),
]


@pytest.mark.parametrize(
    ("sentence", "expected"), [c[1:] for c in RELATION_STATES], ids=[c[0] for c in RELATION_STATES]
)
def test_frozen_and_stalled_relations_are_cooling(sentence: str, expected: int) -> None:
    check_rule(sentence, expected, RELATION_STATE, fires=True)


@pytest.mark.parametrize(
    ("sentence", "expected"), [c[1:] for c in STATE_ENDINGS], ids=[c[0] for c in STATE_ENDINGS]
)
def test_ending_a_hostile_state_is_warming(sentence: str, expected: int) -> None:
    check_rule(sentence, expected, STATE_ENDED, fires=True)
    assert not fired(sentence, RELATION_STATE)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [c[1:] for c in STATES_MUST_NOT_FIRE],
    ids=[c[0] for c in STATES_MUST_NOT_FIRE],
)
def test_state_rules_need_a_relation_or_an_ending(sentence: str, expected: int) -> None:
    check_rule(sentence, expected, RELATION_STATE, fires=False)
    assert not fired(sentence, STATE_ENDED)


MANAGED_CRISIS = "the relation is in a crisis"
APPEALED_ENDING = "an appeal to end a hostile state"

# (name, sentence, expected sign, marker): crisis management says the relation is in a crisis:
# an ending only appealed for, calm or restraint appealed for, escalation feared or prevented.
MANAGED_CRISES = [
    (
        "urged to ease tensions",
        "The Commission urged Ankara and Moscow to ease tensions over the incident.",
        -1,
        APPEALED_ENDING,
    ),
    (
        "called on to defuse",
        "Washington called on Turkey and Russia to defuse the crisis.",
        -1,
        APPEALED_ENDING,
    ),
    (
        "should de-escalate",
        "Kerry said Turkey and Russia should de-escalate the dispute.",
        -1,
        APPEALED_ENDING,
    ),
    (
        "called for calm",
        "A Brussels spokeswoman called for calm between Moscow and Ankara.",
        -1,
        MANAGED_CRISIS,
    ),
    (
        "asked for restraint",
        "The German minister asked both capitals to show restraint.",
        -1,
        MANAGED_CRISIS,
    ),
    (
        "steps to prevent escalation",
        "The EU wants Turkey and Russia to take steps to prevent escalation.",
        -1,
        MANAGED_CRISIS,
    ),
    (
        "preventing an escalation",
        "The allies said the priority for Ankara and Moscow was preventing an escalation.",
        -1,
        MANAGED_CRISIS,
    ),
]

# (name, sentence, expected sign): a phone call, a calm relation, an ending that happened.
MANAGED_CRISES_MUST_NOT_FIRE = [
    ("a call is no appeal", "Putin called Erdogan to ease tensions after the failed coup.", 1),
    (
        "relations remained calm",
        "Relations between Ankara and Moscow have remained calm since the summit.",
        1,
    ),
    ("tensions eased", "Tensions between Turkey and the EU eased, the spokeswoman said.", 1),
    ("agreed to end", "Erdogan and Putin agreed to end the crisis.", 1),
    ("stayed calm", "Turkish officials stayed calm and welcomed the Russian delegation.", 1),
]


@pytest.mark.parametrize(
    ("sentence", "expected", "marker"),
    [c[1:] for c in MANAGED_CRISES],
    ids=[c[0] for c in MANAGED_CRISES],
)
def test_crisis_management_says_the_relation_is_in_a_crisis(
    sentence: str, expected: int, marker: str
) -> None:
    check_rule(sentence, expected, marker, fires=True)
    assert not fired(sentence, STATE_ENDED)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [c[1:] for c in MANAGED_CRISES_MUST_NOT_FIRE],
    ids=[c[0] for c in MANAGED_CRISES_MUST_NOT_FIRE],
)
def test_calm_without_an_appeal_is_no_crisis(sentence: str, expected: int) -> None:
    check_rule(sentence, expected, MANAGED_CRISIS, fires=False)
    assert not fired(sentence, APPEALED_ENDING)


EXCHANGE_TREND = "an exchange between the sides"

# (name, sentence, expected sign): trade, exports or tourism falling or rising, in plain words
# or numbers; the last ones are where the rule must not fire.
EXCHANGE_TRENDS = [
    ("exports dropped", "Turkish exports to Russia dropped by a third last year.", -1, True),
    (
        "trade between fell",
        "Trade between Ankara and Moscow fell to a quarter of its old level.",
        -1,
        True,
    ),
    (
        "drop in arrivals",
        "Hoteliers in Antalya reported a sharp drop in Russian arrivals.",
        -1,
        True,
    ),
    (
        "trade will fall",
        "Trade with Moscow will fall further this year, economists in Ankara say.",
        -1,
        True,
    ),
    ("tourists doubled", "The number of Russian tourists in Turkey doubled in August.", 1, True),
    ("rise in imports", "Moscow reported a rise in imports of Turkish tomatoes.", 1, True),
    ("trade did not fall", "Trade between Turkey and Germany did not fall in the spring.", 1, True),
    ("trade minister", "The Russian trade minister fell ill during his trip.", -1, False),
    (
        "fall as a season",
        "Turkish exports to Russia in the fall were the talk of Ankara.",
        0,
        False,
    ),
    ("price rose", "The price of Turkish tomatoes in Moscow rose by a fifth.", 0, False),
]


@pytest.mark.parametrize(
    ("sentence", "expected", "fires"),
    [c[1:] for c in EXCHANGE_TRENDS],
    ids=[c[0] for c in EXCHANGE_TRENDS],
)
def test_falling_trade_cools_and_rising_trade_warms(
    sentence: str, expected: int, fires: bool
) -> None:
    check_rule(sentence, expected, EXCHANGE_TREND, fires=fires)


PAST_RUPTURE = "a past rupture that only dates"

# (name, sentence, expected sign): contact now, the old crisis only as a date.
BACKGROUND_RUPTURES = [
    (
        "telephone since the shootdown",
        "Putin and Erdogan spoke by telephone for the first time since the shootdown.",
        1,
    ),
    (
        "met days after a crisis that began when",
        "The foreign ministers met in Sochi days after the two countries moved to end a crisis "
        "that began when Turkey shot down a Russian jet.",
        1,
    ),
    (
        "first visit since the crisis",
        "It is the first visit by a Turkish minister to Russia since the crisis.",
        1,
    ),
    (
        "visited since relations collapsed",
        "Erdogan visited Moscow for the first time since relations collapsed over the downing "
        "of the jet.",
        1,
    ),
    (
        "telephoned since the crisis began",
        "Lavrov telephoned Cavusoglu for the first time since the crisis began.",
        1,
    ),
]

BACKGROUND_MUST_NOT_FIRE = [
    ("sanctions after the shootdown", "Russia imposed sanctions after the shootdown.", -1),
    (
        "since the crisis, exports fell",
        "Since the crisis erupted, Turkish exports to Russia have fallen by half.",
        -1,
    ),
    (
        "rupture in the main clause",
        "Relations between Turkey and Russia collapsed after the shootdown.",
        -1,
    ),
]


FIRST_CONTACT = "a contact resumed after a rupture"

# (name, sentence, expected sign): "the first contact since …" is warming, and everything the
# "since" clause recalls, to the sentence's end, only dates it.
FIRST_CONTACTS = [
    (
        "first direct contact between",
        "It was the first direct contact between the two presidents since Russia imposed "
        "sanctions in anger over the downed jet.",
        1,
    ),
    (
        "first visit since, relative clause",
        "Erdogan's trip to St Petersburg is his first visit since the rupture, which cost "
        "Turkey billions in lost trade.",
        1,
    ),
    (
        "held their first meeting, recap to the end",
        "Lavrov and Cavusoglu held their first meeting since the shootdown, which Moscow had "
        "called a betrayal, before a bitter trade war.",
        1,
    ),
]

FIRST_CONTACTS_MUST_NOT_FIRE = [
    (
        "first violation",
        "Russian jets violated Turkish airspace, the first violation since the downing of the "
        "bomber.",
        -1,
    ),
    (
        "since as an adverb",
        "Russia has since deployed air defence systems in Syria, and no contact has been made.",
        -1,
    ),
]


@pytest.mark.parametrize(
    ("sentence", "expected"), [c[1:] for c in FIRST_CONTACTS], ids=[c[0] for c in FIRST_CONTACTS]
)
def test_a_first_contact_since_a_rupture_is_warming(sentence: str, expected: int) -> None:
    check_rule(sentence, expected, FIRST_CONTACT, fires=True)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [c[1:] for c in FIRST_CONTACTS_MUST_NOT_FIRE],
    ids=[c[0] for c in FIRST_CONTACTS_MUST_NOT_FIRE],
)
def test_a_first_act_that_is_no_contact_stays_hostile(sentence: str, expected: int) -> None:
    check_rule(sentence, expected, FIRST_CONTACT, fires=False)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [c[1:] for c in BACKGROUND_RUPTURES],
    ids=[c[0] for c in BACKGROUND_RUPTURES],
)
def test_a_past_rupture_only_dates_a_contact(sentence: str, expected: int) -> None:
    check_rule(sentence, expected, PAST_RUPTURE, fires=True)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [c[1:] for c in BACKGROUND_MUST_NOT_FIRE],
    ids=[c[0] for c in BACKGROUND_MUST_NOT_FIRE],
)
def test_a_rupture_in_a_cooling_statement_counts(sentence: str, expected: int) -> None:
    check_rule(sentence, expected, PAST_RUPTURE, fires=False)


# (name, sentence, expected sign): regret over a death is sympathy; a threat or a reproach
# is not.
REGRETS = [
    (
        "express regret over a death",
        "Erdogan had written to Putin to express regret over the death of the Russian pilot.",
        1,
    ),
    (
        "conveyed regret over a killing",
        "Turkish officials conveyed regret over the killing of the Russian ambassador.",
        1,
    ),
    ("regretted a death", "Erdogan regretted the death of the Russian pilot.", 1),
    ("threat: would regret", "Moscow said Ankara would regret the death of the pilot.", -1),
    ("regret over a side's own act", "Russia regretted Turkey's attack on its bomber.", -1),
]


@pytest.mark.parametrize(
    ("sentence", "expected"), [c[1:] for c in REGRETS], ids=[c[0] for c in REGRETS]
)
def test_regret_over_a_death_neutralises_it(sentence: str, expected: int) -> None:
    check_sign(sentence, expected)
    neutralised = DIPLOMACY.explain(sentence).by_kind("third_event_neutralised")
    assert bool(neutralised) == (expected > 0)


# (name, sentence, clause index, expected sign of that clause)
LEADING_WHILE = [
    (
        "leading While: warming",
        "While Ankara's ties with Brussels are warming, its relations with Moscow remain frozen.",
        0,
        1,
    ),
    (
        "leading While: frozen",
        "While Ankara's ties with Brussels are warming, its relations with Moscow remain frozen.",
        1,
        -1,
    ),
]


@pytest.mark.parametrize(
    ("sentence", "index", "expected"),
    [c[1:] for c in LEADING_WHILE],
    ids=[c[0] for c in LEADING_WHILE],
)
def test_a_leading_while_clause_is_scored_on_its_own(
    sentence: str, index: int, expected: int
) -> None:
    spans = split_clauses(sentence)
    assert len(spans) == 2
    start, end = spans[index]
    assert sign(DIPLOMACY.score_span(sentence, start, end).compound) == expected


SPLITS = [
    ("leading While", "While A rose sharply, B fell.", ["A rose sharply", "B fell."]),
    ("quoted leading While", "\u201cWhile A rose sharply, B fell", ["A rose sharply", "B fell"]),
    (
        "appositive is not a clause",
        "While Turkey, a NATO member, bought missiles, allies objected.",
        ["While Turkey, a NATO member, bought missiles, allies objected."],
    ),
]


@pytest.mark.parametrize(("text", "clauses"), [c[1:] for c in SPLITS], ids=[c[0] for c in SPLITS])
def test_split_after_a_leading_while(text: str, clauses: list[str]) -> None:
    assert [text[a:b] for a, b in split_clauses(text)] == clauses


DATED = "only dates a warming statement"

# (name, sentence, expected sign, is the recalled rupture damped as background?): "since" +
# a present or present-perfect clause gives a reason, and that reason is the argument; a
# temporal "since" (a past tense, "ever since") only dates the warming statement.
SINCE_CLAUSES = [
    (
        "since + present perfect is causal",
        "Turkey will seek new partners in the East, since relations with Europe have badly "
        "deteriorated.",
        -1,
        False,
    ),
    (
        "since + present is causal",
        "The Turkish side hailed the Russian offer, since ties with the EU are strained.",
        -1,
        False,
    ),
    # The temporal reading stays background.
    (
        "since + past tense dates",
        "Trade with Russia has recovered since relations collapsed in 2015.",
        1,
        True,
    ),
    (
        "ever since dates",
        "Exports to Russia have recovered ever since relations have collapsed.",
        1,
        True,
    ),
]


@pytest.mark.parametrize(
    ("sentence", "expected", "damped"),
    [c[1:] for c in SINCE_CLAUSES],
    ids=[c[0] for c in SINCE_CLAUSES],
)
def test_a_causal_since_is_no_background(sentence: str, expected: int, damped: bool) -> None:
    check_rule(sentence, expected, DATED, fires=damped)


# (name, sentence, expected sign, is the relative clause's rupture damped?): "restore ties,
# which soured after …" recalls the rupture that the main clause ends.
RELATIVE_RUPTURES = [
    (
        "which soured after",
        "Moscow and Ankara will restore trade ties, which soured after the jet was shot down.",
        1,
        True,
    ),
    (
        "that had deteriorated",
        "Erdogan and Putin pledged to mend relations that had badly deteriorated last year.",
        1,
        True,
    ),
    # Must not fire: a main clause in the same hostile state, or no rupture in the clause.
    (
        "the main clause is frozen too",
        "Trade ties with Moscow, which soured after the incident, remain frozen.",
        -1,
        False,
    ),
    (
        "relative clause without a rupture",
        "Turkey will restore flights to Russia, which the tour firms welcomed.",
        1,
        False,
    ),
]


@pytest.mark.parametrize(
    ("sentence", "expected", "damped"),
    [c[1:] for c in RELATIVE_RUPTURES],
    ids=[c[0] for c in RELATIVE_RUPTURES],
)
def test_a_rupture_in_a_relative_clause_dates_the_ending(
    sentence: str, expected: int, damped: bool
) -> None:
    check_rule(sentence, expected, DATED, fires=damped)
