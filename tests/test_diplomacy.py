"""The diplomacy profile: reversal rules, hedges, third events, clauses, domain lexicon.

Every sentence here is our own writing (about real events, in our own words).
"""

from __future__ import annotations

import math

import pytest

from tests.diplomacy_checks import DIPLOMACY, VADER, check_rule, check_sign, notes, sign
from tracker.scoring.diplomacy.profile import DiplomacyScorer
from tracker.scoring.vader import get_scorer
from tracker.text.clauses import split_clauses

# (name, sentence, expected sign of the relation)
REVERSALS = [
    ("active lifted a ban", "Russia lifted its ban on charter flights to Turkey.", 1),
    ("began lifting", "Moscow began lifting the sanctions it had imposed on Ankara.", 1),
    (
        "to begin lifting",
        "The Kremlin told ministers to begin lifting curbs and restrictions on Turkish imports.",
        1,
    ),
    ("passive embargo lifted", "The embargo on Turkish tomatoes was lifted on Friday.", 1),
    (
        "lifting of restrictions",
        "The lifting of restrictions on tourist travel pleased hoteliers in Antalya.",
        1,
    ),
    ("eased visa regime", "Russia eased its visa regime for Turkish businessmen.", 1),
    ("scrapped", "Russia scrapped the visa regime for Turkish citizens.", 1),
    ("ending the ban", "Putin signed a decree ending the ban on package holidays to Turkey.", 1),
    (
        "participle then passive",
        "Sanctions imposed on Turkey after the downing of the jet were lifted in August.",
        1,
    ),
    ("negation did not lift", "Russia did not lift the ban on Turkish construction firms.", -1),
    ("negation refused to lift", "Moscow has refused to lift the sanctions on Turkish fruit.", -1),
    ("negation passive not lifted", "The ban on Turkish workers has not been lifted yet.", -1),
    (
        "negation yet to lift",
        "Russia has yet to lift the restrictions on Turkish truck drivers.",
        -1,
    ),
    ("hedge may lift", "Russia may lift the ban on Turkish poultry next month.", 1),
    ("hedge could ease", "The EU could ease restrictions on Turkish exports.", 1),
    ("imposed", "Moscow imposed sanctions on Turkish companies after the jet was downed.", -1),
    ("extended", "The European Union extended its sanctions against Russia for six months.", -1),
    ("introduced new", "Washington introduced new restrictions on arms sales to Ankara.", -1),
    ("tightened", "Russia tightened its embargo on Turkish goods.", -1),
    ("fresh sanctions", "Moscow slapped fresh sanctions on Turkish food imports.", -1),
    ("flights resumed", "Charter flights between Russia and Turkey resumed on Saturday.", 1),
    ("flights suspended", "Russia suspended charter flights to Turkey.", -1),
    ("market reopened", "Moscow reopened its market to Turkish citrus fruit.", 1),
    # Restoring or bringing back a hostile measure imposes it again.
    ("restore visas", "Moscow said it would restore visas for Turkish travellers next year.", -1),
    ("reintroduced", "Brussels reintroduced the sanctions on three Russian banks.", -1),
    ("reinstated", "Athens reinstated the embargo on arms sales to Ankara.", -1),
    # Visas are a measure one side imposes on the other's citizens.
    ("scrapped visas", "Ankara scrapped visas for Russian tourists in the spring.", 1),
    ("introduce visas", "The Kremlin plans to introduce visas for Turkish workers.", -1),
    ("discontinued", "Direct flights from Moscow to Antalya were discontinued in the winter.", -1),
    (
        "cancelation",
        "Russia announced the cancelation of its visa-free arrangement with Turkey.",
        -1,
    ),
    ("ban is off", "The embargo on Turkish tomatoes is off, the agriculture ministry said.", 1),
    ("introduced visa-free", "The EU introduced visa-free travel for Turkish citizens.", 1),
]


@pytest.mark.parametrize(
    ("sentence", "expected"), [c[1:] for c in REVERSALS], ids=[c[0] for c in REVERSALS]
)
def test_reversal_rules(sentence: str, expected: int) -> None:
    check_sign(sentence, expected)
    assert DIPLOMACY.explain(sentence).by_kind("reversal"), "no reversal rule fired"


# Measure words the reversal rules must leave alone. (name, sentence, expected sign)
REVERSAL_MUST_NOT_FIRE = [
    (
        "off not behind an auxiliary",
        "The Russian ban on Turkish fruit set off angry protests among farmers.",
        -1,
    ),
    ("restore trade stays warming", "Russia and Turkey agreed to restore trade in the summer.", 1),
    ("visas issued", "The Russian consulate in Antalya issued visas to fewer Turks.", 0),
]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [c[1:] for c in REVERSAL_MUST_NOT_FIRE],
    ids=[c[0] for c in REVERSAL_MUST_NOT_FIRE],
)
def test_reversal_rules_need_a_verb_of_their_kind(sentence: str, expected: int) -> None:
    check_sign(sentence, expected)
    notes = [c.note for c in DIPLOMACY.explain(sentence).by_kind("reversal")]
    assert not any("hostile measure" in n for n in notes), notes


# The passive: a negation anywhere between the measure and its verb (at either end of that
# stretch too) or within three words before the measure negates the reversal; one word further
# back it belongs to something else. (name, sentence, expected sign)
PASSIVE_NEGATION = [
    ("negation right after the measure", "The ban never was lifted, officials said.", -1),
    (
        "negation right before the verb",
        "The sanctions were never lifted, the ministry said.",
        -1,
    ),
    ("negation three words before the measure", "Not a single ban was lifted, they said.", -1),
    ("negation four words before the measure", "Never had so many bans been lifted at once.", 1),
]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [c[1:] for c in PASSIVE_NEGATION],
    ids=[c[0] for c in PASSIVE_NEGATION],
)
def test_passive_negation_window(sentence: str, expected: int) -> None:
    check_sign(sentence, expected)
    assert DIPLOMACY.explain(sentence).by_kind("reversal"), "no reversal rule fired"


HEDGE_PAIRS = [
    (
        "may lift",
        "Russia lifted the ban on Turkish poultry.",
        "Russia may lift the ban on Turkish poultry.",
    ),
    (
        "may restore ties",
        "Moscow restored ties with Ankara.",
        "Moscow may restore ties with Ankara.",
    ),
    (
        "could ease",
        "The EU eased restrictions on Turkish exports.",
        "The EU could ease restrictions on Turkish exports.",
    ),
]


@pytest.mark.parametrize(
    ("plain", "hedged"), [c[1:] for c in HEDGE_PAIRS], ids=[c[0] for c in HEDGE_PAIRS]
)
def test_hedges_keep_sign_and_shrink_magnitude(plain: str, hedged: str) -> None:
    a, b = DIPLOMACY.score(plain).compound, DIPLOMACY.score(hedged).compound
    assert a > b > 0
    assert DIPLOMACY.explain(hedged).by_kind("hedge")


THIRD_EVENT_FIRES = [
    (
        "condolences victims bombing",
        "Putin offered condolences to the families of the victims of the Ankara bombing.",
        1,
    ),
    (
        "solidarity terrorist attack",
        "Russia expressed solidarity with Turkey after the terrorist attack in Istanbul.",
        1,
    ),
    (
        "thanked support failed coup",
        "Erdogan thanked Putin for his support during the failed coup.",
        1,
    ),
    (
        "condemned coup attempt",
        "Moscow condemned the coup attempt against the elected government in Ankara.",
        1,
    ),
    (
        "stands by fight terrorism",
        "The Kremlin said it stands by Turkey in its fight against terrorism.",
        1,
    ),
    (
        "grateful militants killed",
        "Turkey is grateful for Russia's support after militants killed dozens in Istanbul.",
        1,
    ),
    (
        "condolences death pilot",
        "Ankara sent a letter of condolences over the death of the Russian pilot.",
        1,
    ),
    ("against a coup", "Russia is against any attempt at a coup in Turkey, Putin told Erdogan.", 1),
    ("background warmed after coup", "Relations warmed quickly after the failed coup.", 1),
    (
        "sympathy bomb killed",
        "Lavrov called Cavusoglu to express sympathy after a bomb killed dozens in Ankara.",
        1,
    ),
    (
        "sorry for the death",
        "Erdogan wrote to Putin that he was sorry for the death of the pilot.",
        1,
    ),
]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [c[1:] for c in THIRD_EVENT_FIRES],
    ids=[c[0] for c in THIRD_EVENT_FIRES],
)
def test_third_event_words_are_neutralised(sentence: str, expected: int) -> None:
    check_sign(sentence, expected)
    assert DIPLOMACY.explain(sentence).by_kind("third_event_neutralised")
    assert VADER.score(sentence).compound < DIPLOMACY.score(sentence).compound


THIRD_EVENT_MUST_NOT_FIRE = [
    ("blame for the attack", "Russia blamed Turkey for the attack."),
    (
        "accused of supporting terrorists",
        "Moscow accused Ankara of supporting terrorists in Syria.",
    ),
    (
        "attack with no support cue",
        "The attack killed 40 people at Istanbul airport, Turkish officials said.",
    ),
    ("condemned a side's attack", "Russia condemned the Turkish attack on its bomber."),
    (
        "attacked militants, criticism",
        "Turkish jets attacked Kurdish militants, drawing criticism from Washington.",
    ),
    (
        "support for militants",
        "Lavrov said Turkey's support for militants in Syria was unacceptable.",
    ),
    (
        "slow to condemn",
        "Western capitals were slow to condemn the coup attempt, Ankara complained.",
    ),
    ("lack of support", "Ankara criticised the lack of support from NATO allies after the coup."),
]


@pytest.mark.parametrize(
    "sentence",
    [c[1] for c in THIRD_EVENT_MUST_NOT_FIRE],
    ids=[c[0] for c in THIRD_EVENT_MUST_NOT_FIRE],
)
def test_third_event_rule_does_not_fire_without_support(sentence: str) -> None:
    check_sign(sentence, -1)
    fired = DIPLOMACY.explain(sentence).by_kind("third_event_neutralised")
    assert all(c.weight <= 0 for c in fired), [c.describe() for c in fired]


# (name, sentence, clause index, expected sign of that clause)
CLAUSES = [
    (
        "criticism while praise, West",
        "Washington criticised the crackdown on the army, while Moscow praised Ankara's resolve.",
        0,
        -1,
    ),
    (
        "criticism while praise, Russia",
        "Washington criticised the crackdown on the army, while Moscow praised Ankara's resolve.",
        1,
        1,
    ),
    (
        "semicolon froze talks",
        "The EU froze accession talks with Ankara; Russia lifted its ban on Turkish fruit.",
        0,
        -1,
    ),
    (
        "semicolon lifted ban",
        "The EU froze accession talks with Ankara; Russia lifted its ban on Turkish fruit.",
        1,
        1,
    ),
    (
        "but thanks then purges",
        "Turkey thanked Russia for its support, but NATO allies voiced concern over the purges.",
        0,
        1,
    ),
    (
        "but purges",
        "Turkey thanked Russia for its support, but NATO allies voiced concern over the purges.",
        1,
        -1,
    ),
    (
        "whereas deteriorated",
        "Relations with Brussels deteriorated whereas ties with Moscow improved.",
        0,
        -1,
    ),
    (
        "whereas improved",
        "Relations with Brussels deteriorated whereas ties with Moscow improved.",
        1,
        1,
    ),
    (
        "recalled while welcomed",
        "Ankara recalled its ambassador from Berlin, while it welcomed the Russian envoy.",
        0,
        -1,
    ),
    (
        "welcomed envoy",
        "Ankara recalled its ambassador from Berlin, while it welcomed the Russian envoy.",
        1,
        1,
    ),
]


@pytest.mark.parametrize(
    ("sentence", "index", "expected"), [c[1:] for c in CLAUSES], ids=[c[0] for c in CLAUSES]
)
def test_clause_scores(sentence: str, index: int, expected: int) -> None:
    spans = split_clauses(sentence)
    assert len(spans) == 2
    start, end = spans[index]
    assert sign(DIPLOMACY.score_span(sentence, start, end).compound) == expected
    explanation = DIPLOMACY.explain_span(sentence, start, end)
    assert all(start <= c.start <= c.end <= end for c in explanation.contributions)


SPLITS = [
    ("comma while", "A criticised B, while C praised D.", ["A criticised B", "C praised D."]),
    ("semicolon", "A left; B stayed", ["A left", "B stayed"]),
    ("whereas", "A rose whereas B fell", ["A rose", "B fell"]),
    ("comma but", "A agreed, but B refused", ["A agreed", "B refused"]),
    ("no boundary", "  Ties improved.  ", ["Ties improved."]),
]


@pytest.mark.parametrize(("text", "clauses"), [c[1:] for c in SPLITS], ids=[c[0] for c in SPLITS])
def test_split_clauses(text: str, clauses: list[str]) -> None:
    assert [text[a:b] for a, b in split_clauses(text)] == clauses


DOMAIN_LEXICON = [
    ("thaw", "The two governments announced a thaw in relations.", 1),
    ("normalise", "Ankara and Moscow moved to normalise relations.", 1),
    ("strategic partner", "Erdogan called Russia a strategic partner.", 1),
    ("shot down", "Turkish jets shot down a Russian bomber.", -1),
    ("stab in the back", "Russia said the downing of its jet was a stab in the back.", -1),
    ("recalled ambassador", "Moscow recalled its ambassador from Ankara.", -1),
    ("soured", "Relations between Ankara and Washington soured.", -1),
    ("suspended talks", "The EU suspended accession talks with Turkey.", -1),
    ("expressed regret", "Erdogan expressed regret to Putin over the incident.", 1),
    ("phone call", "Putin and Erdogan held a phone call on Wednesday.", 1),
    ("ministers met", "The foreign ministers met in Sochi.", 1),
    ("apologised", "Erdogan apologised to Putin for the incident.", 1),
    ("froze ties", "Russia froze ties with Turkey after the incident.", -1),
    ("crackdown criticism", "Turkey's crackdown drew criticism from Brussels.", -1),
    ("mend ties", "Turkey and Russia agreed to mend ties.", 1),
    ("rift", "The rift between Ankara and Brussels deepened.", -1),
    ("hyphenated anchor", "Turkish-Russian cooperation is back on track.", 1),
    ("lashed out; 'United' is a name", "Turkish ministers lashed out at the United States.", -1),
    # Contacts and rows with no tone word of VADER's, and tone words of the news register.
    ("conversation", "Putin and Erdogan had a long conversation about Syria.", 1),
    ("new beginning", "Ankara called the trip to Moscow a new beginning.", 1),
    ("hit back", "Ankara hit back at Berlin over the vote on Monday.", -1),
    ("slammed", "The German foreign minister slammed Ankara's decision.", -1),
    ("advised against", "Washington advised Ankara against closing the air base.", -1),
    ("row", "A row between Berlin and Ankara erupted over the vote.", -1),
    ("in a row is counting", "Turkish jets flew over Syria for the third day in a row.", 0),
    ("strain", "The vote put a strain on ties between Berlin and Ankara.", -1),
    ("harmful", "The minister said the remarks were harmful to relations with Russia.", -1),
    ("allegations", "Moscow repeated its allegations about Turkish oil deals.", -1),
    ("insinuations", "Ankara repeated its insinuations about Washington.", -1),
    ("unfounded", "Ankara called the claims from Moscow unfounded.", -1),
    ("incomprehensible", "Berlin called the Turkish demands incomprehensible.", -1),
    ("stressed is emphasis", "Putin stressed the importance of ties with Ankara.", 1),
    # Grievance, reassurance and protest that VADER has no word for.
    ("estrange", "Such a course would estrange Ankara from Washington.", -1),
    ("ill-fated", "The minister's trip to Berlin looked ill-fated from the start.", -1),
    ("concern about", "Officials in Washington are concerned about Ankara's new course.", -1),
    ("not in question", "A spokesman said Turkey's membership is not in question.", 1),
    (
        "envoy to … summoned",
        "The German envoy to Turkey has been summoned again, officials said.",
        -1,
    ),
    ("nothing in return", "Ankara keeps its side of the deal and gets nothing in return.", -1),
    ("jerking around", "A Turkish official said Brussels was jerking Ankara around.", -1),
    ("back away from", "Ankara said it would back away from the readmission pledge.", -1),
    ("supporters are no support", "Erdogan told supporters in Konya about the trip.", 0),
    # Conditions one side sets on the other, accusations of harbouring, abandoning a deal.
    (
        "will depend on",
        "Any new visit by the deputies will depend on Berlin changing its stance on Turkey.",
        -1,
    ),
    (
        "only if",
        "Ankara will let German deputies visit the base only if Berlin changes course.",
        -1,
    ),
    ("unless", "Moscow will keep its market shut to Turkish firms unless Ankara apologises.", -1),
    (
        "unless after a negated verb",
        "Moscow said the tours will not resume unless Ankara apologises.",
        -1,
    ),
    (
        "harbouring",
        "Officials in Ankara spoke again of Washington harbouring the cleric.",
        -1,
    ),
    ("back out of", "Athens might back out of its pledge to Ankara.", -1),
    ("walk away from", "Brussels could walk away from the accession process with Turkey.", -1),
    ("censured", "Ankara censured Vienna over the remarks of its chancellor.", -1),
    ("reprimanded", "Berlin reprimanded the Turkish envoy over the arrests.", -1),
    # A negation stays outside the phrase a preposition opens: the act refused is the apology.
    (
        "no apology for a downing",
        "Ankara said it would not apologise for shooting down the bomber.",
        -1,
    ),
    # Backing of the other side that VADER has no word for.
    ("side-by-side", "A ministry spokesman said Paris stands side-by-side with Ankara.", 1),
    ("side by side", "Berlin said its officers will work side by side with Turkey.", 1),
    ("shoulder to shoulder", "Washington said it stands shoulder to shoulder with Ankara.", 1),
    ("standing with", "Brussels is standing with the Turkish people, an envoy said.", 1),
    ("not standing with", "Ankara said Washington was not standing with its ally.", -1),
    ("right to defend", "Washington said Ankara has a right to defend its borders.", 1),
    ("backed the version", "An envoy backed Ankara's version of the disputed incident.", 1),
    # Judgements that dealings with the other side cannot succeed.
    ("impossible", "Moscow said talks with the Turkish leadership were impossible now.", -1),
    (
        "if at all possible",
        "An aide said a deal with Ankara would take years, if at all possible.",
        -1,
    ),
    # An apology owed and not given.
    ("waiting for an apology", "Moscow is still waiting for a formal apology from Ankara.", -1),
    ("awaits an apology", "The Kremlin awaits an apology from Turkey for the incident.", -1),
    ("expects an apology", "Moscow expects a formal apology from Ankara.", -1),
    ("onus of apology", "Ankara said the onus of an apology lay with Moscow.", -1),
    ("obliged to apologise", "Moscow said Ankara was obliged to apologise to the crew.", -1),
]


@pytest.mark.parametrize(
    ("sentence", "expected"), [c[1:] for c in DOMAIN_LEXICON], ids=[c[0] for c in DOMAIN_LEXICON]
)
def test_domain_lexicon(sentence: str, expected: int) -> None:
    check_sign(sentence, expected)
    kinds = {c.kind for c in DIPLOMACY.explain(sentence).contributions}
    assert kinds & {"domain_term", "phrase"}


THIRD_TOPIC = "qualifies a matter the sides handle"

# (name, sentence, expected sign, fires): refugees and migration are matters the sides handle,
# not their relation; a crisis between the sides stays one.
THIRD_TOPICS = [
    (
        "refugee crisis and illegal migration",
        "Merkel and Davutoglu discussed the refugee crisis and illegal migration.",
        0,
        True,
    ),
    (
        "terrible refugee crisis",
        "Ankara and Berlin talked about the terrible refugee crisis.",
        0,
        True,
    ),
    (
        "praise during the worst refugee crisis",
        "Brussels praised Ankara during the worst refugee crisis in decades.",
        1,
        True,
    ),
    (
        "crisis over refugees",
        "The crisis between Ankara and Berlin deepened over refugees.",
        -1,
        False,
    ),
    ("a leader's name makes it diplomatic", "Davutoglu met Merkel on Monday.", 1, False),
]


@pytest.mark.parametrize(
    ("sentence", "expected", "fires"),
    [c[1:] for c in THIRD_TOPICS],
    ids=[c[0] for c in THIRD_TOPICS],
)
def test_third_topics_are_not_the_relation(sentence: str, expected: int, fires: bool) -> None:
    check_sign(sentence, expected)
    assert any(THIRD_TOPIC in n for n in notes(sentence)) == fires, notes(sentence)


def test_easing_a_migration_crisis_ends_no_crisis_between_the_sides() -> None:
    sentence = "Turkey and the EU moved to ease the migration crisis."
    assert not any("ending a hostile state" in n for n in notes(sentence)), notes(sentence)


REPROACH = "with its loyalty questioned"
PARTY = "only names a party to a hostile state"

# (name, sentence, expected sign, marker that must fire or None): praise words in a reproach.
REPROACHES = [
    ("really allies", "Ankara asked whether Washington is really an ally at all.", -1, REPROACH),
    (
        "whether its partner",
        "Ankara told Washington to decide whether its partner is Turkey or the militia.",
        -1,
        REPROACH,
    ),
    ("so-called partners", "Erdogan spoke of his so-called partners in Brussels.", -1, REPROACH),
    (
        "tensions with partners",
        "Tensions between Ankara and its NATO partners keep rising.",
        -1,
        PARTY,
    ),
    ("plain partner", "Erdogan called Germany a partner of Turkey.", 1, None),
    ("if the allies agree", "If the allies agree, NATO ships will patrol the Aegean.", 1, None),
]


@pytest.mark.parametrize(
    ("sentence", "expected", "marker"), [c[1:] for c in REPROACHES], ids=[c[0] for c in REPROACHES]
)
def test_praise_words_in_a_reproach(sentence: str, expected: int, marker: str | None) -> None:
    check_sign(sentence, expected)
    found = notes(sentence)
    if marker is None:
        assert not any(REPROACH in n or PARTY in n for n in found), found
    else:
        assert any(marker in n for n in found), found


OVERTURNED = "a state said to have changed"

# (name, sentence, expected sign, does the rule fire?): "…, but that all changed".
OVERTURNED_STATES = [
    (
        "a grievance that has since changed",
        "Ankara long accused Washington of ignoring its concerns, but that has since changed.",
        1,
        True,
    ),
    (
        "warmth that changed",
        "Ties between Brussels and Ankara were warm, but this has changed.",
        -1,
        True,
    ),
    (
        "all changed",
        "Moscow and Ankara traded bitter insults for months, but that all changed in June.",
        1,
        True,
    ),
    # Must not fire: a change denied, or no "but" before it.
    ("changed nothing", "Ankara condemned Berlin's vote, but that changed nothing.", -1, False),
    ("no but", "Relations with Moscow have changed for the better.", 1, False),
]


@pytest.mark.parametrize(
    ("sentence", "expected", "fires"),
    [c[1:] for c in OVERTURNED_STATES],
    ids=[c[0] for c in OVERTURNED_STATES],
)
def test_a_state_said_to_have_changed_is_turned_round(
    sentence: str, expected: int, fires: bool
) -> None:
    check_sign(sentence, expected)
    assert any(OVERTURNED in n for n in notes(sentence)) == fires, notes(sentence)


UNMADE = "a gesture nobody made"

# (name, sentence, expected sign, does the unmade-gesture rule fire?)
UNMADE_GESTURES = [
    (
        "nobody came with sympathy",
        "A minister said nobody from Brussels had come to Ankara to offer sympathy.",
        -1,
        True,
    ),
    (
        "no one called",
        "Officials complained that no one in Washington had phoned to offer support.",
        -1,
        True,
    ),
    (
        "nobody doubts the friendship",
        "Nobody doubts the friendship between Moscow and Ankara.",
        1,
        False,
    ),
    ("a plain visit", "A delegation from Brussels visited Ankara to offer support.", 1, False),
]


@pytest.mark.parametrize(
    ("sentence", "expected", "fires"),
    [c[1:] for c in UNMADE_GESTURES],
    ids=[c[0] for c in UNMADE_GESTURES],
)
def test_a_gesture_nobody_made_is_a_reproach(sentence: str, expected: int, fires: bool) -> None:
    check_rule(sentence, expected, UNMADE, fires)


# Ordinary text: no domain rule may change stock VADER's reading.
PLAIN_TEXT = [
    ("lifted a box", "He lifted the box onto the shelf."),
    ("warming weather", "The weather is warming up nicely this spring."),
    ("regret a purchase", "I regret buying this phone."),
    ("boring meeting", "The meeting was boring and the talks dragged on."),
    ("party", "What a great party that was!"),
    ("although in a review", "Although the plot is thin, the acting is superb."),
    ("agreed with a friend", "My friend and I agreed to stop eating sugar."),
]


@pytest.mark.parametrize("sentence", [c[1] for c in PLAIN_TEXT], ids=[c[0] for c in PLAIN_TEXT])
def test_rules_leave_ordinary_text_alone(sentence: str) -> None:
    assert DIPLOMACY.score(sentence) == VADER.score(sentence)
    kinds = {c.kind for c in DIPLOMACY.explain(sentence).contributions}
    assert kinds <= {"vader_token"}


def test_a_lifted_smoking_ban_may_read_as_positive() -> None:
    # The hostile-measure rule needs no diplomatic context: an ended ban is good news.
    assert DIPLOMACY.score("The ban on smoking in bars was lifted last year.").compound > 0
    assert VADER.score("The ban on smoking in bars was lifted last year.").compound < 0


EXTREMES = [
    (
        "many warm words",
        "Thaw! Rapprochement! Strategic partners restore ties, lift sanctions, lift the ban!!!",
    ),
    (
        "many hostile words",
        "Sanctions, embargo, blockade, provocation, retaliation, a stab in the back, crisis!!!",
    ),
    ("empty", ""),
    ("spaces", "   "),
]


@pytest.mark.parametrize("text", [c[1] for c in EXTREMES], ids=[c[0] for c in EXTREMES])
def test_compound_stays_in_range(text: str) -> None:
    score = DIPLOMACY.score(text)
    assert -1.0 <= score.compound <= 1.0
    assert (
        math.isclose(score.positive + score.neutral + score.negative, 1.0, abs_tol=0.01)
        or text.strip() == ""
    )


def test_emoji_text_still_scores_and_explains() -> None:
    text = "Russia lifted the ban on Turkish tomatoes \U0001f600"
    explanation = DIPLOMACY.explain(text)
    assert explanation.compound == DIPLOMACY.score(text).compound > 0
    assert explanation.by_kind("reversal")


def test_quotes_do_not_hide_domain_words() -> None:
    assert DIPLOMACY.score("Moscow called it a \u201cstab in the back\u201d.").compound < 0
    assert (
        DIPLOMACY.score("Russia is \u201cready for constructive talks\u201d with Ankara.").compound
        > 0
    )


QUOTE_STYLES = [
    # (name, opening mark, closing mark): the same remark in each outlet's marks scores the same
    ("curly double", "\u201c", "\u201d"),
    ("guillemets", "\u00ab", "\u00bb"),
    ("low and high double", "\u201e", "\u201c"),
    ("single guillemets", "\u2039", "\u203a"),
    ("curly single", "\u2018", "\u2019"),
    ("straight double", '"', '"'),
]
QUOTED_REMARKS = [
    "{o}Positive momentum in our relations continues with the new chapter.{c}",
    "A Russian diplomat called the incident a {o}stab in the back{c}.",
    "{o}We are ready for constructive talks with Ankara,{c} a Kremlin aide said.",
]


@pytest.mark.parametrize(
    ("name", "opening", "closing"), QUOTE_STYLES, ids=[q[0] for q in QUOTE_STYLES]
)
def test_quotation_marks_of_any_style_score_alike(name: str, opening: str, closing: str) -> None:
    for remark in QUOTED_REMARKS:
        curly = DIPLOMACY.explain(remark.format(o="\u201c", c="\u201d"))
        other = DIPLOMACY.explain(remark.format(o=opening, c=closing))
        assert other.compound == curly.compound != 0, (name, remark)
        assert [(c.kind, c.weight) for c in other.contributions] == [
            (c.kind, c.weight) for c in curly.contributions
        ]


def test_scorer_is_built_once_and_constructor_works_directly() -> None:
    assert get_scorer("diplomacy") is DIPLOMACY
    fresh = DiplomacyScorer()
    assert fresh.identity == DIPLOMACY.identity
    assert fresh.score("Ties thawed.") == DIPLOMACY.score("Ties thawed.")


def test_a_domain_term_that_silences_a_vader_word_is_explained() -> None:
    # The score moved (VADER's -1.4 for "stressed" is gone), so the explanation must say why.
    explanation = DIPLOMACY.explain("Putin stressed the importance of ties with Ankara.")
    silenced = [c for c in explanation.contributions if c.text == "stressed"]
    assert [(c.kind, c.weight) for c in silenced] == [("domain_term", 0.0)]
    assert "-1.4" in silenced[0].note
