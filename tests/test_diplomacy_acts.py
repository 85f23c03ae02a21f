"""The diplomacy profile on acts between the sides: withheld gestures, agreements, protests.

Every sentence here is our own writing (about real events, in our own words); each rule has a
table where it must fire and one where it must not.
"""

from __future__ import annotations

import pytest

from tests.diplomacy_checks import DIPLOMACY, VADER, check_rule, check_sign, fired

WITHHELD = "conciliatory act withheld"

# (name, sentence, expected sign): a refused, cancelled or grudging conciliatory act.
WITHHELD_ACTS = [
    ("refused to apologise", "Erdogan refused to apologise to Putin for the incident.", -1),
    ("rejected calls to apologise", "Ankara rejected calls to apologise for the incident.", -1),
    ("ruled out an apology", "Erdogan ruled out an apology to Moscow over the jet.", -1),
    ("no plans to meet", "Putin had no plans to meet Erdogan at the summit in Paris.", -1),
    ("declined to meet", "The Russian leader declined to meet his Turkish counterpart.", -1),
    ("cancelled the visit", "Lavrov cancelled the visit to Ankara.", -1),
    ("turned down an invitation", "Putin turned down an invitation to visit Ankara.", -1),
    ("skipped the summit", "Obama skipped the summit with Erdogan.", -1),
    ("no intention of meeting", "The Kremlin said Putin had no intention of meeting Erdogan.", -1),
    (
        "postponed a meeting, one free word",
        "Moscow postponed the intergovernmental meeting with Ankara indefinitely.",
        -1,
    ),
    ("unlikely to apologise", "Ankara is unlikely to apologise to Moscow, analysts said.", -1),
    ("refused to hand over", "The United States refused to hand over Gulen to Turkey.", -1),
    (
        "failed to reach an agreement",
        "The EU and Turkey failed to reach an agreement on visa liberalisation.",
        -1,
    ),
    (
        "slow to show solidarity, although",
        "Obama had been slow to show solidarity with Turkey, although he welcomed NATO's support.",
        -1,
    ),
    (
        "failed to show support",
        "Ankara complained that Washington failed to show support after the coup.",
        -1,
    ),
    (
        "reluctant to support",
        "EU leaders were reluctant to support Ankara after the failed coup.",
        -1,
    ),
    ("lack of solidarity", "Erdogan criticised the lack of solidarity from European leaders.", -1),
    (
        "lukewarm support",
        "Brussels offered only lukewarm support to Ankara after the coup attempt.",
        -1,
    ),
    ("slow to visit", "NATO allies were quick to condemn the coup but slow to visit Ankara.", -1),
    # A negated refusal turns round like any other rule.
    ("refused to rule out a meeting", "Putin refused to rule out a meeting with Erdogan.", 1),
]

WITHHELD_MUST_NOT_FIRE = [
    (
        "declined to comment on the talks",
        "Lavrov declined to comment on the talks, but said Putin would meet Erdogan.",
        1,
    ),
    (
        "quick to show solidarity",
        "Putin was quick to show solidarity with Turkey after the coup attempt.",
        1,
    ),
    (
        "ready to meet",
        "Putin said he was ready to meet Erdogan once Turkey apologised.",
        1,
    ),
    ("agreed to meet", "Erdogan agreed to meet Putin in St Petersburg.", 1),
    # Plain negation is VADER's own rule, not this one.
    ("would not meet", "Putin would not meet Erdogan, the Kremlin said.", -1),
    (
        "failed coup is not a failed act",
        "Russia expressed support for Turkey after the failed coup.",
        1,
    ),
]


@pytest.mark.parametrize(
    ("sentence", "expected"), [c[1:] for c in WITHHELD_ACTS], ids=[c[0] for c in WITHHELD_ACTS]
)
def test_withheld_conciliatory_acts_are_cooling(sentence: str, expected: int) -> None:
    check_rule(sentence, expected, WITHHELD, fires=True)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [c[1:] for c in WITHHELD_MUST_NOT_FIRE],
    ids=[c[0] for c in WITHHELD_MUST_NOT_FIRE],
)
def test_withheld_act_rule_needs_a_refusal_of_the_act(sentence: str, expected: int) -> None:
    check_rule(sentence, expected, WITHHELD, fires=False)


def test_a_concession_weighs_less_than_the_main_clause() -> None:
    sentence = WITHHELD_ACTS[13][1]
    assert fired(sentence, "concessive clause")
    assert VADER.score(sentence).compound > 0


UNKEPT = "a commitment not kept"

# (name, sentence, expected sign): a commitment said, after or before it, not to be kept.
UNKEPT_COMMITMENTS = [
    (
        "not been honoured",
        "The pledges Brussels made to Ankara have still not been honoured, the minister said.",
        -1,
    ),
    (
        "could not be reached",
        "Turkish officials said an agreement with Moscow on the gas price could not be reached.",
        -1,
    ),
    ("still unmet", "The visa promises made by the EU to Turkey are still unmet.", -1),
    (
        "not respected",
        "Turkish officials said the guarantees given by Washington were not respected.",
        -1,
    ),
    (
        "not delivered on",
        "Erdogan said the EU had not delivered on its promise of three billion euros.",
        -1,
    ),
    (
        "failing to honour",
        "Ankara said Brussels was failing to honour its pledges on visa-free travel.",
        -1,
    ),
    ("reneged on", "A Turkish minister said the Europeans had reneged on their commitments.", -1),
]

UNKEPT_MUST_NOT_FIRE = [
    ("were kept", "The promises made by Brussels to Ankara were kept, the commissioner said.", 1),
    ("reached an agreement", "Turkey and the EU reached an agreement on refugees.", 1),
    (
        "delivered on",
        "The EU has delivered on its promise of visa-free travel for Turks, Tusk said.",
        1,
    ),
    ("no comment on a deal", "Moscow said it would not comment on the deal with Ankara.", 1),
    (
        "a condition's negation",
        "Ankara will honour the deal with the EU if the visa waiver is not delivered.",
        1,
    ),
]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [c[1:] for c in UNKEPT_COMMITMENTS],
    ids=[c[0] for c in UNKEPT_COMMITMENTS],
)
def test_a_commitment_not_kept_is_a_reproach(sentence: str, expected: int) -> None:
    check_rule(sentence, expected, UNKEPT, fires=True)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [c[1:] for c in UNKEPT_MUST_NOT_FIRE],
    ids=[c[0] for c in UNKEPT_MUST_NOT_FIRE],
)
def test_a_kept_or_unjudged_commitment_is_no_reproach(sentence: str, expected: int) -> None:
    check_rule(sentence, expected, UNKEPT, fires=False)


AGREEMENT = "an agreement between the sides"

# (name, sentence, expected sign): the sides agree, whatever the object's tone.
AGREEMENTS = [
    (
        "agreed on a plan to stop",
        "Turkey and the EU agreed on a plan to stop the flow of migrants.",
        1,
    ),
    ("signed a deal to curb", "Ankara and Brussels signed a deal to curb illegal migration.", 1),
    ("struck a deal to end", "Russia and Turkey struck a deal to end the fighting in Aleppo.", 1),
    (
        "reached a deal to stop",
        "Turkish and Russian negotiators reached a deal to stop the violence in Aleppo.",
        1,
    ),
    ("agreed to fight together", "Turkey and Russia agreed to fight terrorism together.", 1),
    (
        "signed an agreement with",
        "Ankara signed an agreement with Moscow to curb smuggling across the border.",
        1,
    ),
    ("agreed to unfreeze", "The two leaders agreed to unfreeze relations with Ankara.", 1),
    ("closed a deal", "Brussels and Ankara closed a deal on migrants on Friday.", 1),
]

AGREEMENTS_MUST_NOT_FIRE = [
    ("one side agrees to freeze", "The EU agreed to freeze accession talks with Turkey.", -1),
    ("the deal is at risk", "The deal with the EU on migrants is at risk, Erdogan warned.", -1),
    ("scrap the deal", "Ankara threatened to scrap the migrant deal with Brussels.", -1),
    ("failed to agree", "Turkey and Russia failed to agree on Syria.", -1),
    ("refused to sign", "Turkey refused to sign the deal with the EU.", -1),
]


@pytest.mark.parametrize(
    ("sentence", "expected"), [c[1:] for c in AGREEMENTS], ids=[c[0] for c in AGREEMENTS]
)
def test_agreements_between_the_sides_are_warming(sentence: str, expected: int) -> None:
    check_rule(sentence, expected, AGREEMENT, fires=True)
    assert DIPLOMACY.score(sentence).compound > VADER.score(sentence).compound


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [c[1:] for c in AGREEMENTS_MUST_NOT_FIRE],
    ids=[c[0] for c in AGREEMENTS_MUST_NOT_FIRE],
)
def test_agreement_rule_needs_two_parties_and_an_act(sentence: str, expected: int) -> None:
    check_rule(sentence, expected, AGREEMENT, fires=False)


def test_the_purpose_of_an_agreement_is_neutralised() -> None:
    explanation = DIPLOMACY.explain(AGREEMENTS[0][1])
    (stop,) = explanation.by_kind("third_event_neutralised")
    assert stop.text == "stop" and stop.weight > 0


# (name, sentence, expected sign): protests and contacts carried by domain phrases and words.
PROTESTS_AND_CONTACTS = [
    ("at odds", "Turkey and the United States are at odds over the Kurdish militia.", -1),
    ("summoned the charge", "The foreign ministry summoned the US charge d'affaires.", -1),
    (
        "summoned the charg\u00e9",
        "Ankara summoned the charg\u00e9 d'affaires over the remarks.",
        -1,
    ),
    ("envoy was summoned", "Germany's envoy was summoned over the Armenia resolution.", -1),
    ("recalled its envoy", "Moscow recalled its envoy from Ankara.", -1),
    ("expelled the ambassador", "Russia expelled the Turkish ambassador.", -1),
    ("demanded extradition", "Ankara demanded the extradition of Gulen from Washington.", -1),
    (
        "raised the extradition demand",
        "Turkey raised the demand for the extradition of Gulen with Washington.",
        -1,
    ),
    ("warned of consequences", "Moscow warned Ankara of consequences.", -1),
    ("lodged a protest", "Turkey lodged a protest with the Russian embassy over the remarks.", -1),
    ("spoke by phone", "Lavrov and Cavusoglu spoke by phone on Monday.", 1),
    ("held talks", "Cavusoglu held talks with Lavrov in Sochi.", 1),
    ("telephoned", "Erdogan telephoned Putin on Friday.", 1),
]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [c[1:] for c in PROTESTS_AND_CONTACTS],
    ids=[c[0] for c in PROTESTS_AND_CONTACTS],
)
def test_protests_cool_and_contacts_warm(sentence: str, expected: int) -> None:
    check_sign(sentence, expected)
    kinds = {c.kind for c in DIPLOMACY.explain(sentence).contributions}
    assert kinds & {"domain_term", "phrase"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Turkey and Azerbaijan have close trade ties.",
        "Ankara and Baku agreed on close cooperation.",
    ],
    ids=["close trade ties", "close cooperation"],
)
def test_close_before_a_noun_is_not_closing_it(sentence: str) -> None:
    assert not fired(sentence, "stopping a cooperative exchange")
    assert DIPLOMACY.score(sentence).compound >= 0


ABANDONED = "a commitment being abandoned"

# (name, sentence, expected sign, does the rule fire?): the deal or agreement one side backs
# away from is what it abandons; its warm word must not outweigh the abandonment. Not when the
# abandonment is negated or the commitment stands in another clause.
ABANDONED_COMMITMENTS = [
    (
        "backs away from the agreement",
        "Ankara said it would back away from the readmission agreement with the EU.",
        -1,
        True,
    ),
    (
        "walked away from the deal and the accord",
        "Washington walked away from the grain deal and the transit accord with Turkey.",
        -1,
        True,
    ),
    (
        "backed out of the agreement and the deal",
        "Ankara backed out of the migration agreement and the visa deal with Brussels.",
        -1,
        True,
    ),
    # Must not fire: a negated abandonment, or a deal beyond a condition.
    (
        "will not walk away from the deal",
        "The Turkish minister said Ankara will not walk away from the deal with Brussels.",
        1,
        False,
    ),
    (
        "agreement in the next clause",
        "The Turkish minister backed out of the news conference, but praised the agreement "
        "with Brussels.",
        1,
        False,
    ),
]


@pytest.mark.parametrize(
    ("sentence", "expected", "fires"),
    [c[1:] for c in ABANDONED_COMMITMENTS],
    ids=[c[0] for c in ABANDONED_COMMITMENTS],
)
def test_a_commitment_backed_away_from_is_no_warmth(
    sentence: str, expected: int, fires: bool
) -> None:
    check_rule(sentence, expected, ABANDONED, fires)


SHIELDING = "accused of shielding a hostile actor"

# (name, sentence, expected sign, does the rule fire?): one side accused of protecting,
# sheltering or harbouring someone the other side calls a terrorist or a traitor.
SHIELDINGS = [
    (
        "stop protecting the traitor",
        "A Turkish minister told Washington to stop protecting the traitor.",
        -1,
        True,
    ),
    (
        "a safe haven for terrorists",
        "Ankara said Berlin had become a safe haven for terrorists.",
        -1,
        True,
    ),
    (
        "sheltering coup plotters",
        "Turkish officials accused Greece of sheltering coup plotters who fled by helicopter.",
        -1,
        True,
    ),
    # Must not fire: protection from or against the hostile actor.
    (
        "protect civilians from terrorists",
        "NATO pledged to protect Turkey's civilians from terrorists, the alliance said.",
        1,
        False,
    ),
    (
        "shield the border against militants",
        "The United States will help shield Turkey's border against militants.",
        1,
        False,
    ),
]


@pytest.mark.parametrize(
    ("sentence", "expected", "fires"),
    [c[1:] for c in SHIELDINGS],
    ids=[c[0] for c in SHIELDINGS],
)
def test_shielding_a_hostile_actor_is_an_accusation(
    sentence: str, expected: int, fires: bool
) -> None:
    check_rule(sentence, expected, SHIELDING, fires)


THREAT = "a deal threatened under an unmet condition"

# (name, sentence, expected sign, does the rule fire?): a deal said to fall through, collapse
# or not go through if the other side does not do something is a threat, whatever the deal's
# own tone; what the condition asks for is the demand. Not when the condition is a fear rather
# than a demand, nor when the deal goes ahead.
CONDITIONAL_THREATS = [
    (
        "pact would fall through if not granted",
        "The minister warned that the transit pact would fall through if Brussels failed to "
        "grant the promised aid.",
        -1,
        True,
    ),
    (
        "will not go through with the agreement unless",
        "An official said Ankara will not go through with the readmission agreement unless the "
        "visa waiver is granted.",
        -1,
        True,
    ),
    (
        "deal would collapse if the partner does not deliver",
        "A Turkish envoy said the grain deal with Washington would collapse if the funds were "
        "not released by allowing fair access for Turkish firms.",
        -1,
        True,
    ),
    # Must not fire: a feared collapse under a met condition, a deal that goes ahead.
    (
        "collapse feared if fighting resumes",
        "Diplomats fear the ceasefire deal between Ankara and Moscow could collapse if the "
        "fighting resumes.",
        -1,
        False,
    ),
    (
        "goes through with the deal",
        "Ankara said it would go through with the migrant deal with the EU if Brussels pays.",
        1,
        False,
    ),
]


@pytest.mark.parametrize(
    ("sentence", "expected", "fires"),
    [c[1:] for c in CONDITIONAL_THREATS],
    ids=[c[0] for c in CONDITIONAL_THREATS],
)
def test_a_deal_threatened_under_an_unmet_condition_is_cooling(
    sentence: str, expected: int, fires: bool
) -> None:
    check_rule(sentence, expected, THREAT, fires)
