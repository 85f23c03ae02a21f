"""Diplomacy profile rules for constructions of real news text: proper names read as tone,
"an attack on one is an attack on all", joint fights against a third event, statements
that name no side but were assigned to a relation, and hopes that things will not get worse.

Every sentence here is our own writing; speakers are anonymous or reported indirectly.
"""

from __future__ import annotations

import pytest

from tests.diplomacy_checks import DIPLOMACY, check_sign, fired
from tracker.models import TURKEY_RUSSIA, TURKEY_WEST, DyadAssignment
from tracker.rescore.tasks import clause_key
from tracker.scoring.statement import score_statement

NAME = "part of a proper name"
SHARED = "an attack on all"
FIGHT = "third-event word in a statement of"

# (name, sentence, expected sign, does the proper-name rule fire?)
PROPER_NAMES = [
    (
        "spokesman's surname",
        "A spokesman, Mark Goodwill, said Ankara had cancelled its reply to Moscow.",
        -1,
        True,
    ),
    (
        "summit named for security",
        "The two leaders avoided each other at the Global Security Forum in Brussels.",
        -1,
        True,
    ),
    (
        "party named for justice",
        "The Peace and Justice Party in Ankara condemned the Russian strikes.",
        -1,
        True,
    ),
    # Must not fire: a sentence's first word, a quotation's first word, a title-case headline.
    ("first word of a sentence", "Great progress was made in talks with Russia.", 1, False),
    (
        "first word of a quotation",
        'The envoy said: "Good ties with Moscow serve Turkey."',
        1,
        False,
    ),
    (
        "title-case headline",
        "Ankara Hails Great Progress With Moscow Amid Thaw",
        1,
        False,
    ),
    ("all-capitals headline", "ANKARA HAILS GREAT PROGRESS WITH MOSCOW", 1, False),
    ("a single capitalised word", "Ankara welcomed the Russian offer warmly.", 1, False),
]


@pytest.mark.parametrize(
    ("sentence", "expected", "fires"),
    [c[1:] for c in PROPER_NAMES],
    ids=[c[0] for c in PROPER_NAMES],
)
def test_words_of_a_proper_name_carry_no_tone(sentence: str, expected: int, fires: bool) -> None:
    check_sign(sentence, expected)
    assert fired(sentence, NAME) == fires


# (name, sentence, expected sign, does the shared-attack rule fire?)
SHARED_ATTACKS = [
    (
        "one ally for all",
        "The alliance said an attack on Turkey would be an attack on every member.",
        1,
        True,
    ),
    (
        "is also an assault",
        "A Berlin official said any assault on its ally is also an assault on Germany.",
        1,
        True,
    ),
    (
        "across commas",
        "Every attack on our democracies, wherever it happens, is an attack on the alliance.",
        1,
        True,
    ),
    # Must not fire: an attack with an agent is an accusation; one "attack on" is no pledge.
    (
        "a side's attack",
        "Ankara said Russia's attack on the convoy was an attack on peace in Syria.",
        -1,
        False,
    ),
    ("single attack on", "Moscow called the new tariffs an attack on Russian growers.", -1, False),
    ("expected attack", "Turkish police said an attack on the consulate was likely.", -1, False),
]


@pytest.mark.parametrize(
    ("sentence", "expected", "fires"),
    [c[1:] for c in SHARED_ATTACKS],
    ids=[c[0] for c in SHARED_ATTACKS],
)
def test_an_attack_on_one_taken_as_an_attack_on_all(
    sentence: str, expected: int, fires: bool
) -> None:
    check_sign(sentence, expected)
    assert fired(sentence, SHARED) == fires


# (name, sentence, expected sign, is the fight word neutralised?)
JOINT_FIGHTS = [
    (
        "partners combating terror",
        "Washington praised its close partnership with Ankara in combating the terror threat.",
        1,
        True,
    ),
    (
        "cooperate in fighting militants",
        "Both ministers pledged to cooperate closely in fighting militants near the border.",
        1,
        True,
    ),
    # Must not fire: fighting between the sides, and a negated fight.
    (
        "fighting between the sides",
        "Fighting between Turkish troops and Russian-backed units left the truce in ruins.",
        -1,
        False,
    ),
    (
        "fight against a side",
        "The minister said Ankara would fight Russian pressure at every turn.",
        -1,
        False,
    ),
]


@pytest.mark.parametrize(
    ("sentence", "expected", "fires"),
    [c[1:] for c in JOINT_FIGHTS],
    ids=[c[0] for c in JOINT_FIGHTS],
)
def test_a_joint_fight_against_a_third_event(sentence: str, expected: int, fires: bool) -> None:
    check_sign(sentence, expected)
    assert fired(sentence, FIGHT) == fires


# (name, text naming no side, dyads assigned by the analysis, expected sign)
NO_SIDE_NAMED = [
    ("a resumption", "The resumption of the ferry service is expected next month.", 1),
    ("a new beginning", "It will be a new beginning for both peoples.", 1),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [c[1:] for c in NO_SIDE_NAMED],
    ids=[c[0] for c in NO_SIDE_NAMED],
)
def test_a_statement_assigned_to_a_relation_is_diplomatic(text: str, expected: int) -> None:
    assigned = (DyadAssignment(TURKEY_RUSSIA, "bilateral", "context", None),)
    scored = score_statement(DIPLOMACY, text, assigned)
    assert (scored.whole.score.compound > 0) - (scored.whole.score.compound < 0) == expected
    # Without a relation the same words are ordinary text: stock VADER's reading.
    assert score_statement(DIPLOMACY, text).whole.score.compound == 0.0


def test_two_relations_are_scored_as_diplomatic_text_per_clause() -> None:
    text = "The resumption of the ferry service is near, while the visa talks have collapsed."
    cut = text.index(", while")
    assigned = (
        DyadAssignment(TURKEY_RUSSIA, "bilateral", "context", (0, cut)),
        DyadAssignment(TURKEY_WEST, "bilateral", "context", (cut + 2, len(text))),
    )
    by_dyad = dict(score_statement(DIPLOMACY, text, assigned).by_dyad)
    assert by_dyad[TURKEY_RUSSIA].score.compound > 0  # "resumption" is a domain word
    assert by_dyad[TURKEY_WEST].score.compound < 0


def test_gaining_a_single_relation_changes_the_rescoring_key() -> None:
    row = (TURKEY_RUSSIA, "primary", "bilateral", "context", None, None)
    assert clause_key([row], 40) != clause_key([], 40)


OTHER_RELATION = "speaks of the other relation"
BOTH_WHOLE = (
    DyadAssignment(TURKEY_WEST, "narrated", "text", None),
    DyadAssignment(TURKEY_RUSSIA, "narrated", "text", None, "also"),
)

# (name, sentence naming both relations, the relation scored, expected sign, does the other
# relation's term get neutralised?)
RELATIONS_APART = [
    (
        "worry about the other pair's rapprochement",
        "Diplomats in Berlin are worried about the rapprochement between Ankara and Moscow.",
        TURKEY_WEST,
        -1,
        True,
    ),
    (
        "warming ties with the Kremlin",
        "Ankara's warming ties with the Kremlin leave NATO planners uneasy.",
        TURKEY_WEST,
        -1,
        True,
    ),
    (
        "the other pair's soured relations",
        "Moscow praised Ankara as relations between Turkey and the EU deteriorated.",
        TURKEY_RUSSIA,
        1,
        True,
    ),
    (
        "a hyphenated pair before the term",
        "Brussels is worried about the Turkish-Russian co-operation on gas.",
        TURKEY_WEST,
        -1,
        True,
    ),
    (
        "the rapprochement is the relation's own",
        "Diplomats in Berlin are worried about the rapprochement between Ankara and Moscow.",
        TURKEY_RUSSIA,
        1,
        False,
    ),
    (
        "a term naming both partners counts for both",
        "Tensions between Ankara and both Moscow and Washington have grown.",
        TURKEY_WEST,
        -1,
        False,
    ),
    (
        "a term naming no party is left alone",
        "The rapprochement was welcomed in Brussels and in Moscow.",
        TURKEY_WEST,
        1,
        False,
    ),
]


@pytest.mark.parametrize(
    ("text", "dyad", "expected", "fires"),
    [c[1:] for c in RELATIONS_APART],
    ids=[c[0] for c in RELATIONS_APART],
)
def test_each_relation_leaves_out_the_other_relations_terms(
    text: str, dyad: str, expected: int, fires: bool
) -> None:
    scores = score_statement(DIPLOMACY, text, BOTH_WHOLE)
    own = dict(scores.by_dyad).get(dyad, scores.whole)
    compound = own.score.compound
    assert (compound > 0) - (compound < 0) == expected, own.explanation_json
    assert (OTHER_RELATION in own.explanation_json) == fires


OTHER_BACKER = "partner backing Turkey"

# (name, sentence naming both relations, the relation scored, expected sign, is the backing
# neutralised for that relation?): one side standing by Turkey in its row with the other.
BACKING_APART = [
    (
        "a Western backer in a row with Moscow",
        "NATO's spokesman said the allies stand by Turkey in its bitter row with Moscow.",
        TURKEY_RUSSIA,
        -1,
        True,
    ),
    (
        "a Western backer of Turkey's account",
        "A NATO envoy backed the Turkish version of the clash amid the row with Moscow.",
        TURKEY_RUSSIA,
        -1,
        True,
    ),
    (
        "a Russian backer in a row with the West",
        "Moscow said it stands by Ankara amid the bitter row between Turkey and Washington.",
        TURKEY_WEST,
        -1,
        True,
    ),
    # Must not fire: the backing is the scored relation's own, or its backer is unnamed.
    (
        "the Western backing is Turkey–West warmth",
        "NATO's spokesman said the allies stand by Turkey in its bitter row with Moscow.",
        TURKEY_WEST,
        1,
        False,
    ),
    (
        "a passive backing names its backer after it",
        "Moscow struck rebel groups backed by Turkey, and NATO's chief called it reckless.",
        TURKEY_WEST,
        -1,
        False,
    ),
    (
        "a Russian backer in a row with the West, for Turkey–Russia",
        "Moscow said it stands by Ankara amid the bitter row between Turkey and Washington.",
        TURKEY_RUSSIA,
        1,
        False,
    ),
]


@pytest.mark.parametrize(
    ("text", "dyad", "expected", "fires"),
    [c[1:] for c in BACKING_APART],
    ids=[c[0] for c in BACKING_APART],
)
def test_one_sides_backing_of_turkey_is_its_own_relation(
    text: str, dyad: str, expected: int, fires: bool
) -> None:
    scores = score_statement(DIPLOMACY, text, BOTH_WHOLE)
    own = dict(scores.by_dyad).get(dyad, scores.whole)
    compound = own.score.compound
    assert (compound > 0) - (compound < 0) == expected, own.explanation_json
    assert (OTHER_BACKER in own.explanation_json) == fires


def test_gaining_two_whole_statement_relations_changes_the_rescoring_key() -> None:
    rows = [
        (TURKEY_WEST, "primary", "narrated", "text", None, None),
        (TURKEY_RUSSIA, "also", "narrated", "text", None, None),
    ]
    assert clause_key(rows, 40) != clause_key([], 40)


FEARED = "that things will not get worse"

# (name, sentence, expected sign, does the rule fire?): a hope that the relation will not get
# worse presupposes a crisis; VADER reads "hope" and the turned-round "worse" as warm.
FEARED_WORSENING = [
    (
        "hope … not get any worse",
        "We hope that relations with Russia will not get any worse, the minister said.",
        -1,
        True,
    ),
    (
        "hoped … would not be damaged",
        "He said he hoped ties with Washington would not be damaged by the case.",
        -1,
        True,
    ),
    (
        "hopes … improve and not suffer",
        "Ankara hopes relations with Moscow will improve and not suffer from the dispute.",
        -1,
        True,
    ),
    # Must not fire: a plain hope, or a negated act that is no worsening.
    ("a plain hope", "Ankara hopes relations with Moscow will improve soon.", 1, False),
    (
        "negated postponement",
        "We hope the visit to Berlin will not be postponed, the Turkish envoy said.",
        1,
        False,
    ),
]


@pytest.mark.parametrize(
    ("sentence", "expected", "fires"),
    [c[1:] for c in FEARED_WORSENING],
    ids=[c[0] for c in FEARED_WORSENING],
)
def test_a_hope_that_things_will_not_get_worse_presupposes_a_crisis(
    sentence: str, expected: int, fires: bool
) -> None:
    check_sign(sentence, expected)
    assert fired(sentence, FEARED) == fires


OPPOSED = "is a rupture argued against"

# (name, sentence, expected sign, does the rule fire?): a rupture judged harmful, not useful,
# or a call for it rejected, is an argument for the relation; VADER reads the rupture and the
# judgement as two hostile words.
OPPOSED_RUPTURES = [
    (
        "a mistake to cut ties",
        "The minister said cutting ties with Moscow would be a serious mistake for Ankara.",
        1,
        True,
    ),
    (
        "not useful to freeze the dialogue",
        "A spokesman did not believe it would be useful to freeze the dialogue with Turkey.",
        1,
        True,
    ),
    (
        "calls to suspend talks rejected",
        "Brussels rejected calls to suspend accession talks with Ankara after the vote.",
        1,
        True,
    ),
    (
        "ending talks would hurt everyone",
        "Ending the negotiations with Turkey now would hurt everyone, the envoy said.",
        1,
        True,
    ),
    # Must not fire: the rupture announced, reported, or a rejection beside it.
    (
        "the rupture announced with a modal",
        "Moscow said it would end the talks with Ankara, which would hurt Turkish farmers.",
        -1,
        False,
    ),
    (
        "a rupture reported after an offence",
        "The EU ended the talks with Turkey after a grave error by Ankara's police.",
        -1,
        False,
    ),
    (
        "a rejection beside the rupture",
        "Moscow rejected the Turkish offer and moved to suspend talks with Ankara.",
        -1,
        False,
    ),
]


@pytest.mark.parametrize(
    ("sentence", "expected", "fires"),
    [c[1:] for c in OPPOSED_RUPTURES],
    ids=[c[0] for c in OPPOSED_RUPTURES],
)
def test_a_rupture_judged_harmful_is_an_argument_for_the_relation(
    sentence: str, expected: int, fires: bool
) -> None:
    check_sign(sentence, expected)
    assert fired(sentence, OPPOSED) == fires


THREAT = "is a third party's threat"

# (name, sentence, expected sign, does the rule fire?): a threat from a third party (terrorism,
# militants, migration) is what the sides face together, not hostility between them.
THIRD_THREATS = [
    (
        "a terrorist threat behind reopened flights",
        "Moscow will reopen flights to Turkey once Ankara guards resorts against the terrorist"
        " threat, an official said.",
        1,
        True,
    ),
    (
        "migration seen as a threat by both",
        "Berlin and Ankara both see irregular migration as a serious threat, officials said.",
        0,
        True,
    ),
    (
        "the threat of terrorism",
        "The two ministers welcomed closer ties in the face of the threat of terrorism.",
        1,
        True,
    ),
    (
        "a militant group as much a threat to Ankara",
        "Washington told Turkey the PKK is as grave a threat to Ankara as any group, and"
        " offered help.",
        1,
        True,
    ),
    # Must not fire: a side's threat, or a side's act towards the militants called a threat.
    (
        "a side as the threat",
        "Ankara said Russia has become a threat to the region.",
        -1,
        False,
    ),
    (
        "support for militants is the threat",
        "Ankara said Washington's support for the militants is a threat to Turkey.",
        -1,
        False,
    ),
]


@pytest.mark.parametrize(
    ("sentence", "expected", "fires"),
    [c[1:] for c in THIRD_THREATS],
    ids=[c[0] for c in THIRD_THREATS],
)
def test_a_third_partys_threat_is_not_the_relation(
    sentence: str, expected: int, fires: bool
) -> None:
    check_sign(sentence, expected)
    assert fired(sentence, THREAT) == fires


# (name, sentence, expected sign): "Islamic State" is a hostile actor under a two-word name:
# a joint fight against it is no hostility between the sides.
ISLAMIC_STATE_FIGHTS = [
    (
        "partners combating the group and a war",
        "Ankara is an important partner of Washington in the effort to combat Islamic State"
        " and end the war.",
        1,
    ),
]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [c[1:] for c in ISLAMIC_STATE_FIGHTS],
    ids=[c[0] for c in ISLAMIC_STATE_FIGHTS],
)
def test_a_fight_against_islamic_state_is_no_hostility(sentence: str, expected: int) -> None:
    check_sign(sentence, expected)
    assert fired(sentence, FIGHT)


# (name, sentence, expected sign, a phrase of the lexicon it needs): a freedom named as an issue
# in dispute, "great" as the size of a concern and the connective "as well as" carry no
# warmth; VADER reads "freedom" +3.2, "great" +3.1 and "well" +1.1.
ISSUE_WORDS = [
    (
        "concern over press freedom",
        "The EU voiced great concern over press freedom in Turkey.",
        -1,
        "press freedom*",
    ),
    (
        "curbs on freedom of expression",
        "Washington criticised the curbs on freedom of expression in Turkey.",
        -1,
        "freedom* of expression",
    ),
    (
        "great concern about journalists",
        "The chancellor voiced great concern about the fate of journalists in Turkey.",
        -1,
        "great concern*",
    ),
    (
        "a list joined by 'as well as'",
        "Officials from Turkey as well as Russia were in Geneva on Monday.",
        0,
        "as well as",
    ),
    # Must not match: "great" praising a relation, "free" in a trade deal.
    (
        "great friendship",
        "The two leaders spoke of the great friendship between Turkey and Russia.",
        1,
        None,
    ),
    ("free trade", "Ankara and Brussels discussed a free trade deal.", 1, None),
]


@pytest.mark.parametrize(
    ("sentence", "expected", "phrase"),
    [c[1:] for c in ISSUE_WORDS],
    ids=[c[0] for c in ISSUE_WORDS],
)
def test_freedoms_in_dispute_and_sizes_of_concern_carry_no_warmth(
    sentence: str, expected: int, phrase: str | None
) -> None:
    check_sign(sentence, expected)
    phrases = [c.note for c in DIPLOMACY.explain(sentence).contributions if c.kind == "phrase"]
    if phrase is None:
        assert phrases == []
    else:
        assert any(note.startswith(f"'{phrase}'") for note in phrases)


CHAPTER = "a step towards membership"

# (name, sentence, expected sign, does an accession-chapter phrase fire?): opening a chapter
# of accession talks is a step towards membership; a negation inside the phrase's gap turns
# it round. Not a chapter of something else.
ACCESSION_CHAPTERS = [
    (
        "chapter will be opened",
        "An EU official said chapter 12 will be opened at a conference with Turkey next month.",
        1,
        True,
    ),
    (
        "open more chapters",
        "The EU said it would open two more chapters in its talks with Ankara.",
        1,
        True,
    ),
    (
        "chapter will not be opened",
        "The EU said the chapter will not be opened with Turkey this year.",
        -1,
        True,
    ),
    # Must not fire: a chapter of a dispute, closed chapters.
    (
        "chapter of a dispute",
        "Ankara ended a long chapter of its dispute with Moscow.",
        -1,
        False,
    ),
    (
        "chapters closed",
        "The EU said the chapters with Turkey were closed last year.",
        0,
        False,
    ),
]


@pytest.mark.parametrize(
    ("sentence", "expected", "fires"),
    [c[1:] for c in ACCESSION_CHAPTERS],
    ids=[c[0] for c in ACCESSION_CHAPTERS],
)
def test_opening_an_accession_chapter_is_warming(sentence: str, expected: int, fires: bool) -> None:
    check_sign(sentence, expected)
    assert fired(sentence, CHAPTER) == fires


# (name, sentence, expected sign): a quoted "no" still negates what follows it; a quoted
# longer word keeps its tone.
QUOTED_NEGATIONS = [
    ("quoted no prospect", 'The envoy saw "no prospect" of a settlement with Ankara.', -1),
    # Must stay warm: a quoted longer word is not a negation.
    ("quoted warm word", 'Ankara saw "real progress" in ties with Moscow.', 1),
]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [c[1:] for c in QUOTED_NEGATIONS],
    ids=[c[0] for c in QUOTED_NEGATIONS],
)
def test_a_quoted_no_still_negates(sentence: str, expected: int) -> None:
    check_sign(sentence, expected)


STANDARDS = "an appeal on the other side's standards"

# (name, sentence, expected sign, does the standards-appeal rule fire?): an appeal, wish or
# advice to a side about its own democracy, freedoms or rule of law is a rebuke.
STANDARDS_APPEALS = [
    (
        "called on to protect a freedom",
        "A State Department official called on Ankara to protect the freedom of the press.",
        -1,
        True,
    ),
    (
        "wants a shining example of democracy",
        "Brussels wants Turkey to become a shining example of a healthy democracy, an envoy said.",
        -1,
        True,
    ),
    (
        "urged to respect the rule of law",
        "The German minister urged Ankara to respect the rule of law and fair trials.",
        -1,
        True,
    ),
    # Must not fire: an appeal naming no standard, or a standard praised with no appeal.
    (
        "an appeal to restore flights",
        "Ankara called on Moscow to restore the flights and welcome tourists again.",
        1,
        False,
    ),
    (
        "a standard praised without an appeal",
        "A ministry spokesman said Turkish democracy is strong and its press is free.",
        1,
        False,
    ),
]


@pytest.mark.parametrize(
    ("sentence", "expected", "fires"),
    [c[1:] for c in STANDARDS_APPEALS],
    ids=[c[0] for c in STANDARDS_APPEALS],
)
def test_an_appeal_on_democratic_standards_is_a_rebuke(
    sentence: str, expected: int, fires: bool
) -> None:
    check_sign(sentence, expected)
    assert fired(sentence, STANDARDS) == fires


MENDED = "warming statement"

# (name, sentence, expected sign, is the gesture's object damped as background?): what an
# apology, regret or settlement is for names what it mends, not the relation's state.
GESTURE_OBJECTS = [
    (
        "regrets for a death",
        "The president expressed his regret to Moscow for the death of the downed pilot.",
        1,
        True,
    ),
    (
        "settling the row over a downing",
        "Ankara said it was ready to settle the matter over the downing of the bomber.",
        1,
        True,
    ),
    (
        "an apology over a shooting down",
        "A spokesman apologised to the Kremlin over the shooting down of its jet.",
        1,
        True,
    ),
    # Must not fire: the apology is still awaited or required, so the statement is not warming.
    (
        "an apology awaited",
        "Moscow is still waiting for an apology for the downing of its bomber.",
        -1,
        False,
    ),
    (
        "an apology required",
        "The Kremlin said Ankara must apologise for the downing of the bomber.",
        -1,
        False,
    ),
]


@pytest.mark.parametrize(
    ("sentence", "expected", "fires"),
    [c[1:] for c in GESTURE_OBJECTS],
    ids=[c[0] for c in GESTURE_OBJECTS],
)
def test_what_a_gesture_mends_is_background(sentence: str, expected: int, fires: bool) -> None:
    check_sign(sentence, expected)
    assert fired(sentence, MENDED) == fires
