"""Context rules for the diplomacy profile: when a text is diplomatic, third events,
background and concessive clauses.

Contract
--------
- :func:`is_diplomatic` decides whether the domain lexicon and context rules apply at all: the
  text must name a country, bloc or leader of the tracked relations, or use diplomatic
  vocabulary (minister, embassy, sanctions, summit, relations …). Other text keeps stock VADER
  (only the hostile-measure reversal of :mod:`tracker.scoring.diplomacy.rules` applies to it).
- *Third events* (a coup, terrorists, an attack, victims, a war, a bombing …) happen to one
  side, not between the sides. :func:`find_third_event` finds statements of one side's support,
  sympathy, condolences, regret, solidarity or gratitude toward the other (and "against /
  condemned the coup", which is solidarity); in such a statement the third-event words, and
  the negative words that qualify them ("the failed coup"), say nothing about the relation and
  are neutralised ("Islamic State", a name of two words, counts as a hostile actor after a fight
  word). Support *for* a hostile actor ("support for militants") is not such a statement
  and its support word is neutralised instead; nor are an accusation ("accused Ankara of
  backing …") and negated or grudging support ("slow to condemn the coup", "lack of support");
  nor is a threat ("would regret it") or regret over the other side's own act ("regretted
  Turkey's attack").
- :func:`shared_attack_words`: "an attack on one ally is an attack on all", an ally taking
  the other side's wound as its own, is solidarity (+1.5), not hostility; not when the first
  attack has an agent ("Russia's attack on … is an attack on peace").
- :func:`name_words`: the words of a capitalised multiword name ("Josh Earnest", "Nuclear
  Security Summit", "Free Syrian Army") carry no tone and are neutralised; not in a title-case
  headline, nor a sentence's or quotation's first word ("Good ties with Russia …").
- *Third topics* (refugees, migration, smuggling …) are matters the sides handle, not their
  relation: :func:`third_topic_words` finds the negative words that qualify them ("the refugee
  crisis", "illegal immigration", "the migrant influx") for neutralising in any diplomatic
  statement, and :func:`is_third_topic_state` tells the state rules that "easing the migration
  crisis" ends no crisis between the sides.
- *A third party's threat*: :func:`third_threat_words` finds a threat (threat, danger, menace)
  whose source is a third party (a third event, a hostile actor, "Islamic State", a third
  topic): "the persistent terrorist threat", "the threat of terrorism", "saw illegal migration
  as a big threat", "the PKK is as much a threat to Ankara as …"; the threat and the negative
  words of its phrase are neutralised in any diplomatic statement. Not a side's threat ("Russia
  is a threat"), nor one where the third party is a preposition's object ("support for the
  militants is a threat": the threat is a side's act).
- *Positive words in a reproach*: :func:`reproached_relation_words` finds relation words
  (ally, partner, alliance, friendship …) whose loyalty is questioned ("if we are really
  allies", "whether its partner is Turkey or …", "so-called partners", "supposed to be
  allies"): a reproach, -1.0; and those that only name the parties to a hostile state
  ("tensions between Ankara and its partners", "a row with its allies"): neutral.
- *A gesture nobody made*: :func:`unmade_gesture_words` finds the positive words in the clause
  after a negative subject ("nobody from the bloc came to offer condolences", "no one in
  Washington has called"): a reproach for a gesture withheld, so the profile turns them round
  like a negation; the scan stops at the first negative word ("nobody doubts the friendship"
  keeps its warmth).
- *A hope that things will not get worse*: :func:`feared_worsening` finds a hope followed in
  its clause by a negated worsening ("we hope relations will not get any worse", "hoped the
  dispute would not escalate"): it presupposes a crisis, so the profile drops the hope's
  warmth and reads the worsening as a strain (-1.0) instead of VADER's turned-round warmth.
- *A rupture argued against*: :func:`opposed_ruptures` finds a rupture (end / suspend / freeze /
  cut … talks, ties, dialogue; "turning our backs") judged harmful in a hypothetical after it
  ("would be a grave error", "would only harm both sides"), judged not useful before it ("does
  not think it would be helpful to end …") or whose call is rejected ("rejected calls to
  suspend talks"): the speaker argues for the relation, so the profile reads the rupture as
  +1.5 and neutralises the judging words. Not a rupture announced with a modal ("would end the
  talks"), nor one reported beside an offence, nor a rejection of something else.
- :func:`background_mask` marks background clauses opened by after / following / since / amid / when
  / during / despite / in the wake of; :mod:`tracker.scoring.diplomacy.profile` damps their negative
  words when the rest of the statement is warming ("relations warmed quickly after the failed coup")
  and neutralises the :data:`RUPTURE_EVENTS` there, which only date the statement ("spoke for the
  first time since the shootdown"). A "since" whose clause is in the present or present
  perfect gives a reason, not a time ("since relations have sharply deteriorated"), and is
  no background; a relative clause whose verb is a rupture ("unfreeze relations, which
  soured after the shootdown") is background like an "after" clause.
- The object of a gesture is background too: what an apology, regret, condolence or a
  settlement is *for* or *over* ("offered his apologies for the death of the pilot of the
  downed plane", "ready to settle the situation over the downing of the warplane") names what
  the gesture mends, not the relation's state now; :func:`background_mask` marks it from the
  "for" / "over" to the end of its clause.
- :func:`first_contact_since` finds "the first contact / call / meeting / visit … since": a
  contact resumed after a rupture, warming (+1.5); the clause after "since", to the end of
  the sentence ("since what Putin called a stab in the back, before he ordered an embargo"),
  only dates it, so :func:`background_mask` marks all of it and the profile neutralises its
  negative words. "The first violation since …" names no contact and is left alone.
- :func:`concessive_mask` marks a concessive clause (from although / though / albeit, or a
  sentence-opening while / whereas, to the end of its clause); it counts x0.4.
- :func:`standards_appeal` finds an appeal, wish or advice to a side about its own standards
  ("called on Turkey to protect freedom of expression", "wanted to see Ankara set a strong
  example of what a vibrant democracy means", "urged it to respect the rule of law"): a
  rebuke on democratic standards, not warmth. The profile drops the praise words of the clause
  after the cue and reads the appeal as a reproach (:data:`REPROACH_VALENCE`). Not an appeal
  naming no standard ("called on Moscow to restore flights"), nor a standard praised with
  no appeal ("Turkey's democracy is strong").
- :func:`overturned_before` finds a "but" whose clause says the state before it is over ("…
  for not standing with its ally, but that all changed this weekend", "but this has since
  changed"): the profile turns the words before it round like a negation. Only "changed"
  after "that" / "this" / "all" counts: "but that changed nothing" names no change.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tracker.scoring.diplomacy.rules import HOSTILE_MEASURES, QUALIFIED_MEASURES, negator_before
from tracker.scoring.diplomacy.tokens import Tokens, base_word, tokenize

SOLIDARITY_VALENCE = 1.5  # "Russia condemned the coup attempt": solidarity with Ankara
BACKGROUND_FACTOR = 0.25
BACKGROUND_WINDOW = 10

# Lower-case words that mark a text as diplomatic (possessives added below).
_ANCHORS = frozenset(
    {"turkish", "turks", "turkiye", "t\u00fcrkiye", "ankara", "istanbul", "russia", "russian"}
    | {"russians", "moscow", "kremlin", "soviet", "putin", "erdogan", "erdo\u011fan", "medvedev"}
    | {"lavrov", "nato", "eu", "brussels", "usa", "washington", "pentagon", "america"}
    | {"american", "americans", "europe", "european", "germany", "berlin", "france", "britain"}
    | {"uk", "syria", "syrian", "damascus", "iran", "tehran", "ukraine", "crimea", "kiev"}
    | {"kyiv", "greece", "athens", "cyprus", "israel", "beijing", "iraq", "armenia"}
    | {"azerbaijan", "sochi", "petersburg", "diplomat", "diplomats", "diplomatic", "diplomacy"}
    | {"embassy", "embassies", "ambassador", "ambassadors", "envoy", "envoys", "minister"}
    | {"ministers", "ministry", "bilateral", "summit", "summits", "treaty", "treaties"}
    | {"sanctions", "embargo", "embargoes", "president", "presidents", "presidential"}
    | {"spokesman", "spokeswoman", "spokesperson", "counterpart", "counterparts", "allies"}
    | {"alliance", "relations", "negotiations", "negotiators"}
    | {"rapprochement", "normalisation", "normalization", "warplane", "warplanes", "airspace"}
    | {"ceasefire", "german", "germans", "greek", "austria", "austrian", "vienna", "belgium"}
    | {"belgian", "merkel", "davutoglu", "davuto\u011flu", "cavusoglu", "\u00e7avu\u015fo\u011flu"}
    | {"yildirim", "y\u0131ld\u0131r\u0131m", "peskov", "obama", "kerry", "biden", "stoltenberg"}
    | {"mogherini", "juncker", "tusk", "schulz", "steinmeier", "incirlik"}
    # Visa regimes are set between states: "if visa liberalisation does not follow …".
    | {"visa", "visa-free"}
)
ANCHOR_WORDS = _ANCHORS | {word + "'s" for word in _ANCHORS}
# Where case matters ("US" is not "us", "Turkey" is not "turkey") or the anchor is two words.
_CASED_ANCHOR_RE = re.compile(
    r"\b(?:US|West|Western|Turkey|China)\b|U\.S\.|E\.U\.|United States|White House"
    r"|[Ff]oreign [Pp]olicy"
)

THIRD_EVENT = frozenset(
    {"coup", "coups", "putsch", "putschists", "plotters", "terror", "terrorist", "terrorists"}
    | {"terrorism", "victim", "victims", "attack", "attacks", "killed", "killing", "killings"}
    | {"died", "dead", "death", "deaths", "bomb", "bombs", "bombing", "bombings", "militant"}
    | {"militants", "daesh", "isis", "isil", "war", "insurgents", "insurgency", "gunmen"}
    | {"assassination", "assassinated", "massacre", "explosion", "blast", "extremists"}
    | {"jihadists", "feto", "loss"}
)
# Only in an explicit support statement: "its support since the crisis erupted".
SUPPORT_ONLY_EVENTS = frozenset({"crisis"})
HOSTILE_ACTORS = frozenset(
    {"terrorist", "terrorists", "militant", "militants", "daesh", "isis", "isil", "insurgents"}
    | {"gunmen", "putschists", "plotters", "extremists", "jihadists", "rebels", "feto", "pkk"}
    | {"ypg", "regime"}
)
SUPPORT_CUES = frozenset(
    {"support", "supported", "supporting", "supports", "backing", "sympathy", "sympathies"}
    | {"condolence", "condolences", "solidarity", "gratitude", "grateful", "thank", "thanks"}
    | {"thanked", "thanking", "appreciate", "appreciated", "appreciates", "appreciation"}
    | {"congratulated", "congratulate", "sympathise", "sympathize", "sympathised", "sorry"}
    | {"sorrow", "regret", "regrets", "regretted"}
)
REGRETS = frozenset({"regret", "regrets", "regretted"})
# "Ankara would regret it" is a threat, not an expression of regret.
_THREAT_MODALS = frozenset({"will", "would", "shall", "'ll", "going"})
STAND_WORDS = frozenset({"stand", "stands", "stood", "standing"})  # + "by"
OPPOSITION_CUES = frozenset(
    {"against", "condemn", "condemns", "condemned", "condemning", "condemnation", "denounce"}
    | {"denounces", "denounced", "denouncing", "oppose", "opposes", "opposed", "deplored"}
)
# A fight against a third event, not between the sides: "partners in fighting terrorism".
FIGHT_CUES = frozenset(
    {"fight", "fights", "fighting", "combat", "combats", "combating", "combatting", "counter"}
    | {"countering", "tackle", "tackling", "battle", "battling"}
)
ACCUSATION_STEMS = ("accus", "blam", "charg", "alleg", "critici", "condemn")
# Grudging support or condemnation is a grievance, not solidarity: "slow to condemn the coup".
GRUDGING = frozenset(
    {"slow", "late", "belated", "belatedly", "reluctant", "reluctantly", "hesitant", "lukewarm"}
    | {"lack", "lacked", "absence", "insufficient", "half-hearted", "tepid", "muted"}
)
SIDE_WORDS = frozenset(
    {"turkey", "turkish", "turks", "ankara", "erdogan", "russia", "russian", "russians"}
    | {"moscow", "kremlin", "putin", "america", "american", "americans", "washington"}
    | {"nato", "eu", "european", "europe", "west", "western", "brussels", "u.s", "usa"}
)
BACKGROUND_CONNECTORS = frozenset(
    {"after", "following", "since", "amid", "when", "during", "despite", "wake"}
)
# Ruptures that a background clause of a warming statement only dates it by: "spoke for the
# first time since the shootdown", "met days after they moved to end the crisis".
RUPTURE_EVENTS = frozenset(
    {"crisis", "shootdown", "downing", "downed", "shot", "shooting", "incident", "rupture"}
    | {"row", "spat", "rift", "standoff", "dispute", "tension", "tensions", "collapse"}
    | {"collapsed", "deteriorated", "deterioration", "soured", "souring", "froze", "frozen"}
    | {"strained", "disrupted", "breakdown", "sanctions"}
)
# A concession weighs less than the main clause: "slow to help, although he welcomed …".
CONCESSIVE = frozenset({"although", "though", "albeit"})
CONCESSIVE_OPENERS = frozenset({"while", "whereas"})  # only as the sentence's first word
CONCESSIVE_FACTOR = 0.4
MEASURE_TRIGGERS = HOSTILE_MEASURES | frozenset(QUALIFIED_MEASURES)
_CUE_WORDS = SUPPORT_CUES | STAND_WORDS | OPPOSITION_CUES | FIGHT_CUES
_BACKGROUND_STOPS = frozenset({"while", "but", "whereas"})
# Gestures whose object ("for …", "over …") names what they mend: "apologised for the downing".
GESTURES = frozenset(
    {"apology", "apologies", "apologise", "apologised", "apologize", "apologized"}
    | {"apologising", "apologizing", "regret", "regrets", "regretted", "condolences"}
    | {"condolence", "sorrow", "sorry", "sympathy", "settle", "settled", "settling"}
)
_GESTURE_OBJECTS = frozenset({"for", "over"})
GESTURE_OBJECT_WINDOW = 6  # pieces between the gesture and its "for" / "over"
_PERFECT_AUXILIARIES = frozenset({"has", "have", "had", "having"})
# A temporal "since" takes a past or a noun ("since the shootdown", "since relations soured");
# one whose clause is in the present or present perfect gives a reason: "since relations have
# deteriorated", "since Turkey is an ally". That clause is the argument, not a background.
_PRESENT_FINITES = frozenset({"is", "are", "has", "have", "remains", "remain", "seems", "seem"})
CAUSAL_SINCE_WINDOW = 8
_RELATIVES = frozenset({"which", "who", "whom", "that", "when"})
# A relative clause whose verb is a rupture recalls it: "unfreeze relations, which soured after
# the shootdown". Only auxiliaries and adverbs may stand between pronoun and rupture.
_RELATIVE_OPENERS = frozenset({"which", "that"})
_RELATIVE_LINKS = frozenset({"been", "badly", "sharply", "seriously", "severely", "so", "later"})
RELATIVE_RUPTURE_WINDOW = 3
_CUE_OBJECT_STOPS = frozenset({"over", "after", "following", "since", "during", "against", "in"})
_NOUN_PHRASE_STOPS = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our"}
    | {"your", "my", "of", "on", "in", "at", "by", "for", "to", "from", "with", "and", "or"}
)


def token_triggers(tokens: Tokens) -> tuple[bool, bool]:
    """(is the text diplomatic?, does it name a hostile measure such as a ban?)."""
    words = tokens.words
    diplomatic = (
        not ANCHOR_WORDS.isdisjoint(tokens.vocab)
        or bool(_CASED_ANCHOR_RE.search(tokens.text))
        or any(not ANCHOR_WORDS.isdisjoint(w.split("-")) for w in words if "-" in w)
    )
    return diplomatic, not MEASURE_TRIGGERS.isdisjoint(tokens.vocab)


def is_diplomatic(text: str) -> bool:
    """Does the text name a tracked country, bloc or leader, or use diplomatic vocabulary?"""
    return token_triggers(tokenize(text))[0]


@dataclass(frozen=True)
class ThirdEventFinding:
    """A support or solidarity statement and the third-event words it neutralises."""

    cues: tuple[int, ...]
    solidarity: tuple[int, ...]  # "against", "condemned", regret over a death: they become +
    misdirected: tuple[int, ...]  # support for a hostile actor: not warmth toward the other side
    neutralise: tuple[int, ...]


def _is_side(tokens: Tokens, j: int) -> bool:
    return base_word(tokens.words[j]) in SIDE_WORDS or tokens.raw[j].strip(",.;:") == "US"


_VALID, _MISDIRECTED = "valid", "misdirected"


def _support_cue(tokens: Tokens, i: int) -> str | None:
    """Is piece ``i`` support for the other side (valid), for a hostile actor, or neither?"""
    words = tokens.words
    word = words[i]
    if word in STAND_WORDS:
        if i + 1 >= len(words) or words[i + 1] != "by":
            return None
    elif word not in SUPPORT_CUES:
        return None
    for j in tokens.window_after(i, 3):
        if words[j] in _CUE_OBJECT_STOPS:
            break
        if base_word(words[j]) in HOSTILE_ACTORS:
            return _MISDIRECTED
    for j in tokens.window_before(i, 4):
        if words[j].startswith(ACCUSATION_STEMS):
            return None
    if _grudging(tokens, i):
        return None
    if word in REGRETS and not _sincere_regret(tokens, i):
        return None
    return _VALID


def _sincere_regret(tokens: Tokens, i: int) -> bool:
    """Regret over a third event, not a threat ("would regret") nor over the other side's act.

    "regret over the death of the Russian pilot" neutralises the death; "regretted Turkey's
    attack" does not: there the event belongs to a side and the regret is a reproach.
    """
    words = tokens.words
    if i > 0 and (words[i - 1] in _THREAT_MODALS or words[i - 1].endswith("'ll")):
        return False
    return _event_after(tokens, i) is not False


def _event_after(tokens: Tokens, i: int) -> bool | None:
    """True if a third event follows piece ``i`` before any side, False if a side comes first."""
    for j in tokens.window_after(i, 5):
        if base_word(tokens.words[j]) in THIRD_EVENT:
            return True
        if _is_side(tokens, j):
            return False
    return None


def _grudging(tokens: Tokens, i: int) -> bool:
    """Negated or grudging: "did not condemn", "slow to condemn", "lack of support"."""
    words = tokens.words
    return negator_before(tokens, i) is not None or any(
        words[j] in GRUDGING for j in tokens.window_before(i, 3)
    )


def _is_islamic_state(tokens: Tokens, j: int) -> bool:
    """ "Islamic State", the group: one of the hostile actors, under a name of two words."""
    words = tokens.words
    return words[j] == "islamic" and j + 1 < len(words) and base_word(words[j + 1]) == "state"


def _fight_cue(tokens: Tokens, i: int) -> bool:
    """'fighting / combating' + a third event not attributed to one of the sides."""
    if tokens.words[i] not in FIGHT_CUES or _grudging(tokens, i):
        return False
    for j in tokens.window_after(i, 5):
        if _is_side(tokens, j) or tokens.words[j] == "between":
            return False
        if base_word(tokens.words[j]) in THIRD_EVENT | HOSTILE_ACTORS:
            return True
        if _is_islamic_state(tokens, j):
            return True
    return False


def _solidarity_cue(tokens: Tokens, i: int) -> bool:
    """'against / condemned' + a third event not attributed to one of the sides."""
    if tokens.words[i] not in OPPOSITION_CUES or _grudging(tokens, i):
        return False
    for j in tokens.window_after(i, 5):
        if _is_side(tokens, j):
            return False
        if base_word(tokens.words[j]) in THIRD_EVENT:
            return True
    return False


def third_event_words(
    tokens: Tokens, values: Sequence[float], events: frozenset[str] = THIRD_EVENT
) -> list[int]:
    """Third-event heads plus the negative words qualifying them ("the failed coup")."""
    words = tokens.words
    found: set[int] = set()
    for h in [h for h, word in enumerate(words) if base_word(word) in events]:
        found.add(h)
        for j in reversed(tokens.window_before(h, 3)):
            if words[j] in _NOUN_PHRASE_STOPS:
                break
            if values[j] < 0:
                found.add(j)
    return sorted(found)


def find_third_event(tokens: Tokens, values: Sequence[float]) -> ThirdEventFinding | None:
    """The statement's support / solidarity cues and the words they neutralise, if any."""
    if _CUE_WORDS.isdisjoint(tokens.vocab):
        return None
    candidates = [i for i, word in enumerate(tokens.words) if word in _CUE_WORDS]
    if not candidates:
        return None
    kinds = {i: _support_cue(tokens, i) for i in candidates}
    fights = tuple(i for i in candidates if _fight_cue(tokens, i))
    cues = tuple(i for i in candidates if kinds[i] == _VALID or i in fights)
    misdirected = tuple(i for i in candidates if kinds[i] == _MISDIRECTED)
    # Regret over a death is sympathy with the other side, whatever VADER says of "regret".
    solidarity = tuple(
        i
        for i in candidates
        if _solidarity_cue(tokens, i)
        or (kinds[i] == _VALID and tokens.words[i] in REGRETS and _event_after(tokens, i))
    )
    if not cues and not solidarity and not misdirected:
        return None
    targets: tuple[int, ...] = ()
    if cues or solidarity:
        events = THIRD_EVENT | SUPPORT_ONLY_EVENTS if cues else THIRD_EVENT
        skip = set(cues) | set(solidarity)
        found = third_event_words(tokens, values, events)
        # The fight word goes with its object: "combating" terrorism is no hostility either.
        targets = (*fights, *(i for i in found if i not in skip))
    return ThirdEventFinding(cues, solidarity, misdirected, targets)


# "An attack on one of us is an attack on all of us": an ally taking the other side's wound
# as its own. Only an indefinite attack ("an / any / every attack on …") is such a pledge;
# "Russia's attack on the convoy is an attack on peace" accuses an agent.
ASSAULT_WORDS = frozenset({"attack", "attacks", "assault", "assaults", "aggression"})
_INDEFINITE = frozenset({"an", "any", "every", "each", "a"})
_EQUATING = frozenset({"is", "are", "was", "be", "means", "constitutes", "amounts"})
_EQUATE_WINDOW = 12


def shared_attack_words(tokens: Tokens) -> tuple[int, ...]:
    """The assault words of "an attack on X is an attack on Y" (solidarity), else ()."""
    if ASSAULT_WORDS.isdisjoint(tokens.vocab):
        return ()
    words = tokens.words
    last = len(words) - 1
    for i, word in enumerate(words):
        if word not in ASSAULT_WORDS or i == 0 or i >= last:
            continue
        if words[i - 1] not in _INDEFINITE or words[i + 1] not in {"on", "against"}:
            continue
        for j in range(i + 2, min(last, i + _EQUATE_WINDOW)):
            if words[j] not in _EQUATING:
                continue
            k = j + 1
            if k < last and words[k] == "also":  # "is also an attack on"
                k += 1
            if k < last and words[k] in _INDEFINITE and words[k + 1] in ASSAULT_WORDS:
                return (i, k + 1)
    return ()


# Small words inside a name: "Justice and Development Party", "Council of Europe".
_NAME_JOINERS = frozenset({"of", "and", "for", "the", "de", "al"})
_OPENING_MARKS = "\"'([{"
_SENTENCE_END = ".!?:"
_PUNCTUATION = "\"'()[]{},;:.!?"


def _capitalised(raw: str) -> bool:
    core = raw.lstrip(_OPENING_MARKS)
    return bool(core) and core[0].isupper()


def _starts_sentence(tokens: Tokens, i: int) -> bool:
    if i == 0 or tokens.raw[i][0] in _OPENING_MARKS:
        return True
    before = tokens.raw[i - 1].rstrip("\"')]}")
    return not before or before[-1] in _SENTENCE_END


# Function words a name leaves in lower case ("Council of Europe") but a title-case headline
# capitalises ("Ankara Seeks Friend Amid Tensions With EU").
_TITLE_FUNCTION_WORDS = frozenset(
    {"with", "from", "amid", "over", "after", "on", "in", "at", "for", "to", "as", "of", "and"}
    | {"into", "against", "about", "by", "is", "are"}
)


# Title case and all capitals ("MEET AT G20 SUMMIT IN ANKARA").
_TITLE_CASED = frozenset(
    form for w in _TITLE_FUNCTION_WORDS for form in (w.capitalize(), w.upper())
)


def _is_headline(tokens: Tokens) -> bool:
    """Title case, where capitals mark no names: a function word capitalised mid-text."""
    raw = tokens.raw
    return any(
        raw[i].strip(_PUNCTUATION) in _TITLE_CASED and not _starts_sentence(tokens, i)
        for i in range(1, len(raw))
    )


def name_words(tokens: Tokens, values: Sequence[float]) -> tuple[int, ...]:
    """Pieces with a valence inside a capitalised multiword name ("Josh Earnest", "Nuclear
    Security Summit", "Free Syrian Army"): a name's words carry no tone. A piece counts when it
    is capitalised, does not open a sentence or a quotation (where every word is capitalised)
    and has a capitalised neighbour in the same clause, directly or across "of / and / for /
    the"."""
    raw = tokens.raw
    # Most statements have no capitalised word with a valence: decide that first, cheaply.
    candidates = [i for i, v in enumerate(values) if v and i and _capitalised(raw[i])]
    if not candidates:
        return ()
    words = tokens.words
    ends = tokens.clause_end
    found = []
    for i in candidates:
        if _starts_sentence(tokens, i):
            continue
        left = i - 1
        if left > 0 and words[left] in _NAME_JOINERS and not ends[left - 1]:
            left -= 1
        right = i + 1
        if right < len(raw) - 1 and words[right] in _NAME_JOINERS and not ends[i]:
            right += 1
        joined_left = left >= 0 and not ends[left] and _capitalised(raw[left])
        joined_right = right < len(raw) and not ends[right - 1] and _capitalised(raw[right])
        if joined_left or joined_right:
            found.append(i)
    return () if not found or _is_headline(tokens) else tuple(found)


THIRD_TOPICS = frozenset(
    {"refugee", "refugees", "migrant", "migrants", "migration", "immigration", "immigrants"}
    | {"asylum", "smuggling", "smugglers", "traffickers", "trafficking", "humanitarian"}
)
# Heads a topic word qualifies: "the refugee crisis", "the migrant influx".
TOPIC_HEADS = frozenset(
    {"crisis", "crises", "flow", "flows", "influx", "wave", "problem", "emergency", "pressure"}
    | {"issue", "disaster", "catastrophe", "tragedy", "deaths", "networks", "gangs"}
)
TOPIC_QUALIFIER_WINDOW = 2


def is_third_topic_state(tokens: Tokens, h: int) -> bool:
    """Is the state word at ``h`` the head of a third topic ("Europe's migration crisis")?"""
    return h > 0 and tokens.words[h - 1] in THIRD_TOPICS and not tokens.clause_end[h - 1]


def third_topic_words(tokens: Tokens, values: Sequence[float]) -> list[int]:
    """Negative words qualifying a third topic: "illegal migration", "the refugee crisis"."""
    words = tokens.words
    found: set[int] = set()
    for t in [t for t, word in enumerate(words) if word in THIRD_TOPICS]:
        for j in reversed(tokens.window_before(t, TOPIC_QUALIFIER_WINDOW)):
            if words[j] in _NOUN_PHRASE_STOPS:
                break
            if values[j] < 0:
                found.add(j)
        after = tokens.window_after(t, 1)
        head = after[0] if after and not tokens.clause_end[t] else None
        if head is not None and words[head] in TOPIC_HEADS and values[head] < 0:
            found.add(head)
    return sorted(found)


# A threat from a third party (terrorism, militants, migration) is a matter the sides face, not
# their relation: "the persistent terrorist threat", "saw illegal migration as a big threat",
# "the threat of terrorism", "the PKK is as much a threat to Ankara as …".
THREAT_NOUNS = frozenset({"threat", "threats", "danger", "dangers", "menace"})
THIRD_PARTIES = THIRD_EVENT | HOSTILE_ACTORS | THIRD_TOPICS
_THREAT_LINKS = frozenset({"of", "from", "posed", "by", "the", "a", "an"})
THREAT_WINDOW = 5
# The third party must head its noun phrase: in "support for the militants is a threat" the
# threat is the support, an act of a side.
_GOVERNING = frozenset({"for", "to", "with", "by", "of", "on", "against"})
_DETERMINERS = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our"}
)


def _third_party(tokens: Tokens, j: int) -> bool:
    return base_word(tokens.words[j]) in THIRD_PARTIES or _is_islamic_state(tokens, j)


def _heads_phrase(tokens: Tokens, p: int) -> bool:
    """Is the third party at ``p`` the head of its phrase, not a preposition's object?"""
    words = tokens.words
    for j in reversed(tokens.window_before(p, 3)):
        if words[j] in _GOVERNING:
            return False
        if words[j] not in _DETERMINERS:  # an adjective, a verb: the phrase starts here
            return True
    return True


def third_threat_words(tokens: Tokens, values: Sequence[float]) -> list[int]:
    """The threat word and negative words of a third party's threat ("terrorist threat")."""
    vocab = tokens.vocab
    if THREAT_NOUNS.isdisjoint(vocab):
        return []
    words = tokens.words
    found: set[int] = set()
    for t in [t for t, word in enumerate(words) if word in THREAT_NOUNS]:
        source = None
        for j in reversed(tokens.window_before(t, THREAT_WINDOW)):
            if _is_side(tokens, j):
                break
            # "the terrorist threat" is one phrase; "X is / as a threat" needs X to head its own.
            if _third_party(tokens, j) and (j == t - 1 or _heads_phrase(tokens, j)):
                source = j
                break
        if source is None:
            for j in tokens.window_after(t, 3):
                if words[j] not in _THREAT_LINKS and not _third_party(tokens, j):
                    break
                if _third_party(tokens, j):
                    source = j
                    break
        if source is None:
            continue
        first, last = min(source, t), max(source, t)
        found.update(k for k in range(first, last + 1) if values[k] < 0)
        for j in reversed(tokens.window_before(first, 2)):
            if words[j] in _NOUN_PHRASE_STOPS:
                break
            if values[j] < 0:
                found.add(j)
    return sorted(found)


REPROACH_VALENCE = -1.0
RELATION_WORDS = frozenset(
    {"ally", "allies", "partner", "partners", "partnership", "alliance", "friend", "friends"}
    | {"friendship", "allied"}
)
DOUBT_CUES = frozenset(
    {"really", "truly", "genuinely", "supposedly", "so-called", "supposed", "whether", "meant"}
)
HOSTILE_STATE_WORDS = frozenset(
    {"tension", "tensions", "rift", "row", "spat", "dispute", "disputes", "crisis", "strain"}
    | {"strains", "standoff", "feud", "quarrel", "confrontation", "friction", "frictions"}
)
_PARTY_LINKS = frozenset({"with", "between", "among", "and"})
DOUBT_WINDOW = 3
PARTY_WINDOW = 6


def reproached_relation_words(tokens: Tokens) -> tuple[list[int], list[int]]:
    """(relation words whose loyalty is questioned, those naming parties to a hostile state)."""
    words = tokens.words
    if RELATION_WORDS.isdisjoint(tokens.vocab):
        return [], []
    doubted: list[int] = []
    parties: list[int] = []
    for i in [i for i, word in enumerate(words) if word in RELATION_WORDS]:
        before = tokens.window_before(i, DOUBT_WINDOW)
        if any(words[j] in DOUBT_CUES for j in before):
            doubted.append(i)
            continue
        linked = False
        for j in reversed(tokens.window_before(i, PARTY_WINDOW)):
            linked = linked or words[j] in _PARTY_LINKS
            if words[j] in HOSTILE_STATE_WORDS and linked:
                parties.append(i)
                break
    return doubted, parties


FIRST_CONTACT_VALENCE = 1.5
CONTACT_NOUNS = frozenset(
    {"contact", "contacts", "call", "calls", "conversation", "conversations", "meeting"}
    | {"meetings", "visit", "visits", "talks", "summit", "trip", "encounter", "handshake"}
)
FIRST_WINDOW = 4
# "the first call between the two presidents since": a qualifier between noun and "since".
QUALIFIER_STARTS = frozenset({"between", "of", "with", "by", "to", "in"})
QUALIFIER_WINDOW = 6
# A verb before "first" makes the contact the predicate ("it was the first call since …",
# "they held their first meeting since …"): then the "since" clause ends the sentence.
_PREDICATE_VERBS = frozenset(
    {"is", "was", "were", "be", "been", "marks", "marked", "mark", "held", "hold", "holds"}
    | {"had", "has", "have", "made", "make", "makes", "having", "holding", "making"}
)


@dataclass(frozen=True)
class FirstContact:
    """ "the first … contact since …": its pieces, and whether the "since" clause runs to the
    end of the sentence (the contact is the predicate, nothing of the main clause follows)."""

    first: int
    noun: int
    since: int
    dates_rest: bool


def first_contact_since(tokens: Tokens) -> FirstContact | None:
    """ "The first direct contact since …", "held their first meeting since …", or None."""
    words = tokens.words
    vocab = tokens.vocab
    if "first" not in vocab or "since" not in vocab or CONTACT_NOUNS.isdisjoint(vocab):
        return None
    for f in [f for f, word in enumerate(words) if word == "first"]:
        noun = next(
            (n for n in tokens.window_after(f, FIRST_WINDOW) if words[n] in CONTACT_NOUNS), None
        )
        if noun is None:
            continue
        since = _since_after(tokens, noun)
        if since is None:
            continue
        rest = any(words[j] in _PREDICATE_VERBS for j in tokens.window_before(f, FIRST_WINDOW + 2))
        return FirstContact(f, noun, since, rest)
    return None


def _since_after(tokens: Tokens, noun: int) -> int | None:
    words = tokens.words
    after = tokens.window_after(noun, QUALIFIER_WINDOW)
    if not after:
        return None
    if words[after[0]] == "since":
        return after[0]
    if words[after[0]] not in QUALIFIER_STARTS:
        return None
    return next((j for j in after if words[j] == "since"), None)


def background_mask(tokens: Tokens, first_since: FirstContact | None = None) -> list[bool] | None:
    """True for pieces inside a background clause ("after the failed coup"); None if none.

    ``first_since``: :func:`first_contact_since`'s finding; its "since" clause runs to the
    end of the sentence when the contact is the predicate."""
    words = tokens.words
    relative = _RELATIVE_OPENERS.intersection(tokens.vocab)
    gestures = not GESTURES.isdisjoint(tokens.vocab) and not _GESTURE_OBJECTS.isdisjoint(
        tokens.vocab
    )
    if BACKGROUND_CONNECTORS.isdisjoint(tokens.vocab) and not relative and not gestures:
        return None
    mask = [False] * len(words)
    if gestures:
        _mark_gesture_objects(tokens, mask)
    openers = [c for c, word in enumerate(words) if word in BACKGROUND_CONNECTORS]
    if relative:
        openers += [
            c for c, word in enumerate(words) if word in relative and _sour_relative(tokens, c)
        ]
    for c in openers:
        if words[c] == "since" and c and words[c - 1] in _PERFECT_AUXILIARIES:
            continue  # "Russia has since deployed …": an adverb, the clause is the main one
        if words[c] == "since" and _causal_since(tokens, c):
            continue
        if first_since is not None and first_since.dates_rest and c == first_since.since:
            span: range = range(c + 1, len(words))
        else:
            span = tokens.window_after(c, BACKGROUND_WINDOW)
        for j in span:
            if words[j] in _BACKGROUND_STOPS:
                break
            mask[j] = True
    return mask


def _mark_gesture_objects(tokens: Tokens, mask: list[bool]) -> None:
    """Mark what a gesture is for: "apologised to Moscow for [the death of the pilot]"."""
    words = tokens.words
    for g, word in enumerate(words):
        if word not in GESTURES:
            continue
        for p in tokens.window_after(g, GESTURE_OBJECT_WINDOW):
            if words[p] in _GESTURE_OBJECTS:
                for j in tokens.window_after(p, BACKGROUND_WINDOW):
                    if words[j] in _BACKGROUND_STOPS:
                        break
                    mask[j] = True
                break


def _sour_relative(tokens: Tokens, c: int) -> bool:
    """ "relations, which soured after …": a relative clause recalling a rupture."""
    words = tokens.words
    for j in tokens.window_after(c, RELATIVE_RUPTURE_WINDOW):
        if words[j] in RUPTURE_EVENTS:
            return True
        if words[j] not in _PERFECT_AUXILIARIES and words[j] not in _RELATIVE_LINKS:
            return False
    return False


def _causal_since(tokens: Tokens, c: int) -> bool:
    """ "since" + a present-tense clause gives a reason ("since ties have soured")."""
    words = tokens.words
    if c and words[c - 1] == "ever":
        return False  # "ever since relations have …" dates
    for j in tokens.window_after(c, CAUSAL_SINCE_WINDOW):
        if words[j] in _BACKGROUND_STOPS or words[j] in _RELATIVES:
            return False  # "since the crisis, which has …": the relative clause's verb
        if words[j] in _PRESENT_FINITES:
            return True
    return False


def concessive_mask(tokens: Tokens) -> list[bool] | None:
    """True for pieces of a concessive clause ("although he welcomed …"); None if none.

    The clause runs from "although" / "though" / "albeit", or from a sentence-opening "while"
    / "whereas", to the end of its clause.
    """
    words = tokens.words
    if CONCESSIVE.isdisjoint(tokens.vocab) and not (words and words[0] in CONCESSIVE_OPENERS):
        return None
    openers = [i for i, word in enumerate(words) if word in CONCESSIVE]
    if words and words[0] in CONCESSIVE_OPENERS:
        openers.append(0)
    if not openers:
        return None
    mask = [False] * len(words)
    for c in openers:
        for j in tokens.window_after(c, len(words)):
            mask[j] = True
    return mask


FEARED_VALENCE = -1.0
HOPE_WORDS = frozenset({"hope", "hopes", "hoped", "hoping", "hopeful"})
WORSENING = frozenset(
    {"worse", "worsen", "worsens", "escalate", "escalates", "deteriorate", "deteriorates"}
    | {"deepen", "deepens", "damage", "damaged", "harm", "harmed", "hurt", "suffer", "sour"}
    | {"affected", "spiral", "collapse", "undermined", "jeopardised", "jeopardized"}
)
HOPE_WINDOW = 12
_WORSENING_NEGATION_WINDOW = 4


def feared_worsening(tokens: Tokens) -> list[tuple[int, int]]:
    """(hope, worsening) pairs: "hope … will not get any worse"."""
    vocab = tokens.vocab
    if HOPE_WORDS.isdisjoint(vocab) or WORSENING.isdisjoint(vocab):
        return []
    words = tokens.words
    found: list[tuple[int, int]] = []
    for h, word in enumerate(words):
        if word not in HOPE_WORDS:
            continue
        for j in tokens.window_after(h, HOPE_WINDOW):
            if words[j] in WORSENING:
                negator = negator_before(tokens, j, _WORSENING_NEGATION_WINDOW)
                if negator is not None and negator > h:
                    found.append((h, j))
                break
    return found


# A negative subject: the gesture that follows was not made. VADER's own negation reads
# "none" within three words only; these reach to the clause end.
NEGATIVE_SUBJECTS = frozenset({"nobody", "noone"})
_NEGATIVE_SUBJECT_WINDOW = 18


def unmade_gesture_words(tokens: Tokens, values: Sequence[float]) -> list[int]:
    """Positive words after "nobody" / "no one" in its clause, up to the first negative word."""
    vocab = tokens.vocab
    if NEGATIVE_SUBJECTS.isdisjoint(vocab) and not ("no" in vocab and "one" in vocab):
        return []
    words = tokens.words
    found: list[int] = []
    for i, word in enumerate(words):
        if word in NEGATIVE_SUBJECTS:
            start = i
        elif word == "no" and i + 1 < len(words) and words[i + 1] == "one":
            start = i + 1
        else:
            continue
        for j in tokens.window_after(start, _NEGATIVE_SUBJECT_WINDOW):
            if values[j] < 0:
                break
            if values[j] > 0:
                found.append(j)
    return found


# A rupture judged harmful is opposed: "it would be a grave error to end the talks", "does not
# think it would be helpful to end the negotiations", "turning our backs on each other would
# only harm both sides". VADER reads the rupture and the judgement ("error", "harm") as two
# hostile words; the speaker argues for keeping the relation.
OPPOSED_RUPTURE_VALENCE = 1.5
RUPTURE_VERBS = frozenset(
    {"end", "ending", "halt", "halting", "suspend", "suspending", "freeze", "freezing"}
    | {"sever", "severing", "cut", "cutting", "break", "breaking", "turn", "turning"}
    | {"abandon", "abandoning"}
)
RUPTURE_OBJECTS = frozenset(
    {"talks", "negotiations", "ties", "relations", "dialogue", "contacts", "cooperation"}
    | {"backs", "process"}
)
# Judged harmful only in a hypothetical ("would be a mistake"): "ended the talks after a grave
# error" reports a rupture and an offence, both hostile.
HARM_JUDGEMENTS = frozenset(
    {"error", "mistake", "blunder", "harm", "hurt", "damage", "counterproductive", "wrong"}
)
_HYPOTHETICAL = frozenset({"would", "could", "will"})
# "not think it would be helpful to end …": a useful rupture denied.
USEFUL_WORDS = frozenset({"helpful", "useful", "wise", "sensible", "good", "right"})
OPPOSING_VERBS = frozenset(
    {"rejected", "rejects", "reject", "rejecting", "opposed", "opposes", "oppose", "resisted"}
)
# A rejection counts only of a call for the rupture ("rejected calls to end the talks"), not
# one beside it ("rejected the offer and moved to suspend talks").
CALL_WORDS = frozenset(
    {"call", "calls", "demand", "demands", "proposal", "proposals", "idea", "suggestion"}
    | {"push", "bid", "appeal", "appeals"}
)
_RUPTURE_OBJECT_WINDOW = 3
_JUDGEMENT_WINDOW = 12
_USEFUL_WINDOW = 8


@dataclass(frozen=True)
class OpposedRupture:
    """A rupture the statement argues against and the words that judge or reject it."""

    verb: int
    head: int
    judges: tuple[int, ...]  # harm words after it, a denied usefulness or a rejection before it


def _rupture_at(tokens: Tokens, i: int) -> int | None:
    """The object of a rupture verb at ``i`` ("end … talks", "turning our backs"), if any."""
    words = tokens.words
    if words[i] not in RUPTURE_VERBS:
        return None
    # "would end the talks" is the rupture itself announced, not one argued against.
    if i > 0 and words[i - 1] in _HYPOTHETICAL:
        return None
    for j in tokens.window_after(i, _RUPTURE_OBJECT_WINDOW):
        if words[j] in RUPTURE_OBJECTS:
            return j
    return None


def _judges_before(tokens: Tokens, values: Sequence[float], j: int, verb: int) -> bool:
    """Does piece ``j`` deny the rupture at ``verb`` is useful, or reject a call for it?"""
    word = tokens.words[j]
    if word in USEFUL_WORDS:
        return values[j] > 0 and negator_before(tokens, j, 6) is not None
    return word in OPPOSING_VERBS and any(tokens.words[k] in CALL_WORDS for k in range(j + 1, verb))


def opposed_ruptures(tokens: Tokens, values: Sequence[float]) -> list[OpposedRupture]:
    """Ruptures judged harmful ("would be a grave error"), not useful, or rejected."""
    vocab = tokens.vocab
    if RUPTURE_VERBS.isdisjoint(vocab) or RUPTURE_OBJECTS.isdisjoint(vocab):
        return []
    words = tokens.words
    found: list[OpposedRupture] = []
    for i in range(len(words)):
        head = _rupture_at(tokens, i)
        if head is None:
            continue
        judges: list[int] = []
        hypothetical = False
        for j in range(head + 1, min(len(words), head + 1 + _JUDGEMENT_WINDOW)):
            if words[j] in _HYPOTHETICAL:
                hypothetical = True
            elif hypothetical and words[j] in HARM_JUDGEMENTS:
                judges.extend(k for k in range(head + 1, j + 1) if values[k] < 0)
                break
            if tokens.raw[j][-1] in ".!?":
                break
        judges.extend(
            j for j in range(max(0, i - _USEFUL_WINDOW), i) if _judges_before(tokens, values, j, i)
        )
        if judges:
            found.append(OpposedRupture(i, head, tuple(sorted(set(judges)))))
    return found


OVERTURN_CONJUNCTIONS = frozenset({"but", "yet"})
OVERTURN_SUBJECTS = frozenset({"that", "this", "all"})
OVERTURN_FILLERS = frozenset({"all", "has", "had", "have", "since", "now", "quickly", "soon"})


def overturned_before(tokens: Tokens) -> int | None:
    """The "but" of "…, but that all changed": the words before it report a state now over."""
    if "changed" not in tokens.vocab:
        return None
    words = tokens.words
    for i, word in enumerate(words[:-2]):
        if word not in OVERTURN_CONJUNCTIONS or words[i + 1] not in OVERTURN_SUBJECTS:
            continue
        j = i + 2
        while j < len(words) and words[j] in OVERTURN_FILLERS:
            j += 1
        if j < len(words) and words[j] == "changed":
            after = words[j + 1] if j + 1 < len(words) else ""
            if after not in {"nothing", "little"}:
                return i
    return None


# Cues of an appeal, wish or advice to a side, by their stems: "called on", "urged", "wants".
APPEAL_STEMS = ("call", "urg", "want", "ask", "advis", "press", "encourag", "told", "tell")
# The standards such an appeal names: a side's own democracy, freedoms and rule of law.
STANDARDS = frozenset(
    {"freedom", "freedoms", "democracy", "democratic", "democracies", "pluralism", "law"}
    | {"rights", "press", "expression", "speech", "journalists", "media"}
)
STANDARDS_WINDOW = 16  # pieces after the cue in which the standard is named


def standards_appeal(tokens: Tokens) -> tuple[int, int, list[int]] | None:
    """(cue, standard, the pieces from the cue to the end of its clause) of the first appeal
    to a side about its democratic standards; None if there is none."""
    if STANDARDS.isdisjoint(tokens.vocab):
        return None
    words = tokens.words
    for c, word in enumerate(words):
        if not word.startswith(APPEAL_STEMS):
            continue
        after = list(tokens.window_after(c, STANDARDS_WINDOW))
        if not any(words[k] == "to" for k in after[:6]):
            continue  # "the call for calm", "pressed ahead": no act asked of anyone
        standard = next((k for k in after if base_word(words[k]) in STANDARDS), None)
        if standard is not None:
            return c, standard, after
    return None
