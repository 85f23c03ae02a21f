"""Relation states for the diplomacy profile: "relations remain frozen", "ease tensions".

Contract
--------
Pure functions over :class:`tracker.scoring.diplomacy.tokens.Tokens` returning
:class:`tracker.scoring.diplomacy.ledger.RuleHit` values; they run on diplomatic text only, before
the domain phrases, so a state they read is not read again as a phrase.

- :func:`find_state_endings`: a verb that ends a hostile state (thaw, unfreeze, ease, defuse,
  resolve, settle, overcome, end, break, heal …) acting on one (a freeze, "frozen" ties,
  tensions, a deadlock, a crisis, a dispute, a rift …) is warming, +2.0, whatever the tone of
  the words: "thaw the frozen ties", "moved to end the crisis", "the end of the standoff";
  also after the state, intransitive or passive: "tensions eased", "the row was settled";
  not a third topic's state ("easing the migration crisis", see
  :func:`tracker.scoring.diplomacy.context.is_third_topic_state`). Only *urged* on the
  sides ("urged both sides to calm the crisis", "called for an end to the row", "must ease
  tensions"), the ending has not happened and the state persists: -1.2, as below.
- :func:`find_managed_crises`: the vocabulary of crisis management says the relation is in a
  crisis, whoever speaks and whatever the tone of its words: escalation feared, avoided or
  prevented ("avoid any escalation", "does not escalate any further", "de-escalation") and
  appeals for calm or restraint ("called for calm", "urged Ankara to show restraint") are
  -1.2, the verb that prevents the escalation included; a negation does not turn them round
  (an escalation not wanted is still a crisis). "Calm" or "restraint" without an appeal
  ("relations remained calm") is left to the words.
- :func:`find_relation_states`: a relation noun (relations, ties, talks, dialogue,
  cooperation …) with a state predicate (frozen, stalled, strained, tense, deadlocked …)
  after it ("relations between Ankara and Moscow remain frozen", "talks stalled") or right
  before it ("stalled accession talks") is that state, whatever the noun's own tone: the
  predicate's valence replaces both words' ("cooperation has stalled" is not +1.8 -0.8).

- :func:`find_exchange_trends`: an exchange between the sides (trade, exports, imports,
  turnover, tourism, investment …) said to fall or to rise ("exports to Russia fell by
  two-thirds", "a sharp drop in trade", "tourist arrivals doubled") is that relation's state
  in plain words or numbers: -1.5 for a fall, +1.5 for a rise. The noun must head its phrase
  ("the trade minister fell ill" is not trade falling); bare "fall", "drop" or "rise" after it
  count only behind a modal or "to" ("trade will fall"), not as nouns ("trade in the fall").

A negation before the verb or predicate turns the value round ("relations are no longer
frozen", "failed to end the crisis"); hedges halve it (both applied by the ledger).
"""

from __future__ import annotations

from tracker.scoring.diplomacy.context import is_third_topic_state
from tracker.scoring.diplomacy.ledger import RuleHit
from tracker.scoring.diplomacy.rules import AUXILIARIES, is_negator, negator_before
from tracker.scoring.diplomacy.tokens import Tokens

END_STATE_VALENCE = 2.0
VERB_WINDOW = 4
AFTER_WINDOW = 6
PREDICATE_WINDOW = 8
BEFORE_NOUN_WINDOW = 3

HOSTILE_STATES = frozenset(
    {"frozen", "freeze", "deadlock", "stalemate", "impasse", "tension", "tensions", "standoff"}
    | {"stand-off", "rift", "crisis", "dispute", "disputes", "row", "spat", "estrangement"}
    | {"rupture", "strains", "hostility", "hostilities", "feud", "quarrel", "animosity", "ice"}
    | {"enmity", "confrontation", "differences", "disagreements"}
)
END_STATE_VERBS = frozenset(
    {"thaw", "thaws", "thawed", "thawing", "unfreeze", "unfreezes", "unfreezing", "unfroze"}
    | {"defuse", "defuses", "defused", "defusing", "diffuse", "diffused", "defusal"}
    | {"resolve", "resolves", "resolved", "resolving", "resolution", "settle", "settles"}
    | {"settled", "settling", "settlement", "overcome", "overcomes", "overcame", "overcoming"}
    | {"end", "ends", "ended", "ending", "break", "breaks", "broke", "breaking", "heal"}
    | {"heals", "healed", "healing", "ease", "eases", "eased", "easing", "reduce", "reduces"}
    | {"reduced", "reducing", "calm", "calmed", "calming", "de-escalate", "de-escalated"}
    | {"de-escalating", "de-escalation", "lift", "lifts", "lifted", "lifting", "bridge"}
    | {"bridged", "bridging", "mend", "mended", "mending", "overcame", "dispel", "dispelled"}
)
# Crisis management (see the module doc): escalation words, calm words that count only when
# appealed for, the verbs that prevent an escalation, and the appeals.
MANAGED_CRISIS_VALENCE = -1.2
ESCALATION_WORDS = frozenset(
    {"escalation", "escalations", "escalate", "escalates", "escalated", "escalating"}
    | {"de-escalation", "de-escalate", "de-escalating", "deescalation", "deescalate"}
)
CALM_WORDS = frozenset({"calm", "calmness", "restraint", "composure", "de-escalation"})
PREVENTING_VERBS = frozenset(
    {"avoid", "avoids", "avoided", "avoiding", "prevent", "prevents", "prevented", "preventing"}
    | {"avert", "averts", "averted", "averting", "discourage", "discouraging", "stop"}
    | {"stopping", "halt", "halting"}
)
APPEAL_CUES = frozenset(
    {"urge", "urges", "urged", "urging", "appeal", "appeals", "appealed", "appealing", "plea"}
    | {"pleas", "pleaded", "ask", "asks", "asked", "asking", "should", "must", "need", "needs"}
)
# "call" is an appeal only with its preposition: "called for calm", not "called Erdogan".
CALL_VERBS = frozenset({"call", "calls", "called", "calling"})
CALL_PREPOSITIONS = frozenset({"for", "on", "upon"})
APPEAL_WINDOW = 6
PREVENT_WINDOW = 3
# Verbs that end a state without an object: "tensions eased", "the standoff ended".
INTRANSITIVE_ENDINGS = frozenset(
    {"eased", "easing", "eases", "ended", "ends", "subsided", "abated", "thawed", "thawing"}
    | {"faded", "dissipated", "healed", "cooled", "calmed", "defused", "thaws"}
)
# Pieces that may stand between an ending verb and its state: "the end of the crisis".
_BETWEEN_STOPS = frozenset(
    {"in", "over", "with", "at", "by", "for", "from", "since", "after", "during", "amid"}
    | {"despite", "on", "against", "into", "as", "while", "but", "whereas", "although"}
    | {"though", "because", "when", "following", "than", "through", "without"}
)
RELATION_NOUNS = frozenset(
    {"relations", "relationship", "ties", "talks", "negotiations", "dialogue", "contacts"}
    | {"cooperation", "co-operation", "partnership", "process"}
)
# State predicates and their valence (VADER's scale). Some have VADER valences of their own;
# the rule still sets ours so a relation noun's positive tone does not cancel them.
STATE_PREDICATES = {
    "frozen": -2.0,
    "stalled": -1.5,
    "stalling": -1.5,
    "deadlocked": -1.8,
    "stuck": -1.2,
    "strained": -1.8,
    "tense": -1.6,
    "troubled": -1.5,
    "soured": -2.0,
    "souring": -2.0,
    "deteriorated": -1.8,
    "deteriorating": -1.8,
    "worsened": -1.8,
    "worsening": -1.8,
    "cooled": -1.2,
    "chilly": -1.2,
    "icy": -1.5,
    "frosty": -1.5,
    "rocky": -1.2,
    "fragile": -1.0,
    "damaged": -1.5,
    "collapsed": -2.0,
    "stagnant": -1.0,
    "stagnating": -1.0,
    "paralysed": -1.5,
    "paralyzed": -1.5,
    "poisoned": -2.0,
    "ruptured": -2.0,
}
_PREDICATE_SET = frozenset(STATE_PREDICATES)
# A predicate after the noun belongs to another clause once one of these stands between.
_PREDICATE_STOPS = frozenset(
    {"while", "but", "whereas", "although", "though", "after", "since", "following", "when"}
    | {"amid", "despite", "because", "before", "until", "unlike"}
)


def _ending_before(tokens: Tokens, h: int, taken: list[bool]) -> int | None:
    """An ending verb up to four pieces before state ``h``, with no preposition between."""
    words = tokens.words
    for j in reversed(tokens.window_before(h, VERB_WINDOW)):
        if taken[j]:
            return None
        if words[j] in END_STATE_VERBS:
            return j
        if words[j] in _BETWEEN_STOPS or words[j] in HOSTILE_STATES:
            return None
    return None


def _ending_after(tokens: Tokens, h: int, taken: list[bool]) -> int | None:
    """An intransitive ending ("tensions eased") or a passive one ("was resolved")."""
    words = tokens.words
    seen_aux = False
    for j in tokens.window_after(h, AFTER_WINDOW):
        if taken[j] or words[j] in _PREDICATE_STOPS:
            return None
        word = words[j]
        if word in INTRANSITIVE_ENDINGS or (seen_aux and word in END_STATE_VERBS):
            return j
        seen_aux = seen_aux or word in AUXILIARIES
    return None


def appeal_before(tokens: Tokens, i: int) -> int | None:
    """An appeal to the sides up to six pieces before ``i`` in its clause: "urged … to"."""
    words = tokens.words
    for j in reversed(tokens.window_before(i, APPEAL_WINDOW)):
        word = words[j]
        if word in APPEAL_CUES:
            return j
        if word in CALL_VERBS and j + 1 < i and words[j + 1] in CALL_PREPOSITIONS:
            return j
    return None


def find_state_endings(tokens: Tokens, taken: list[bool]) -> list[RuleHit]:
    """Verbs that end a hostile state: thaw the frozen ties, ease tensions, end the crisis."""
    words = tokens.words
    if HOSTILE_STATES.isdisjoint(tokens.vocab):
        return []
    used = list(taken)
    hits: list[RuleHit] = []
    for h in [h for h, word in enumerate(words) if word in HOSTILE_STATES]:
        if used[h] or is_third_topic_state(tokens, h):
            continue
        verb = _ending_before(tokens, h, used)
        after = verb is None
        if verb is None:
            verb = _ending_after(tokens, h, used)
        if verb is None:
            continue
        if after:
            negator = next((j for j in range(h + 1, verb) if is_negator(words[j])), None)
        else:
            negator = negator_before(tokens, verb)
        used[h] = used[verb] = True
        site = min(verb, h)
        appeal = None if after else appeal_before(tokens, verb)
        if appeal is not None:
            note = (
                f"'{words[appeal]}' … '{words[verb]}' … '{words[h]}': an appeal to end a"
                " hostile state, which persists"
            )
            positions = (verb, h)
            hits.append(RuleHit(positions, h, MANAGED_CRISIS_VALENCE, "phrase", note, site))
            continue
        note = f"ending a hostile state ('{words[verb]}' … '{words[h]}')"
        hits.append(RuleHit((verb, h), h, END_STATE_VALENCE, "reversal", note, site, negator))
    return hits


def find_managed_crises(tokens: Tokens, taken: list[bool]) -> list[RuleHit]:
    """Escalation avoided or feared, calm or restraint appealed for: a relation in crisis."""
    words = tokens.words
    vocab = tokens.vocab
    if ESCALATION_WORDS.isdisjoint(vocab) and CALM_WORDS.isdisjoint(vocab):
        return []
    used = list(taken)
    hits: list[RuleHit] = []
    for i, word in enumerate(words):
        if used[i]:
            continue
        if word in CALM_WORDS:
            cue = appeal_before(tokens, i)
            if cue is None and word not in ESCALATION_WORDS:
                continue
            note = f"'{word}' appealed for: the relation is in a crisis"
        elif word in ESCALATION_WORDS:
            note = f"'{word}' feared or avoided: the relation is in a crisis"
        else:
            continue
        positions = [i]
        for j in reversed(tokens.window_before(i, PREVENT_WINDOW)):
            if words[j] in PREVENTING_VERBS and not used[j]:
                positions.insert(0, j)
                break
        for p in positions:
            used[p] = True
        hits.append(RuleHit(tuple(positions), i, MANAGED_CRISIS_VALENCE, "phrase", note, i))
    return hits


def _noun_before(tokens: Tokens, p: int, used: list[bool]) -> int | None:
    """The relation noun a predicate describes: "relations … remain frozen"."""
    words = tokens.words
    lo = max(0, p - PREDICATE_WINDOW)
    for j in range(p - 1, lo - 1, -1):
        word = words[j]
        if word in _PREDICATE_STOPS or (j < p - 1 and _closes_sentence_part(tokens, j)):
            return None
        if word in RELATION_NOUNS:
            return None if used[j] else j
    return None


def _closes_sentence_part(tokens: Tokens, j: int) -> bool:
    """A clause end other than a comma ("ties, frozen since …, are" still reaches back)."""
    if not tokens.clause_end[j]:
        return False
    return not tokens.raw[j].rstrip("\"')]}\u201d\u2019").endswith(",")


def _noun_after(tokens: Tokens, p: int, used: list[bool]) -> int | None:
    """The relation noun right after an attributive predicate: "stalled accession talks"."""
    words = tokens.words
    for j in tokens.window_after(p, BEFORE_NOUN_WINDOW):
        if words[j] in RELATION_NOUNS:
            return None if used[j] else j
        if words[j] in STATE_PREDICATES or words[j] in _PREDICATE_STOPS:
            return None
    return None


def find_relation_states(tokens: Tokens, taken: list[bool]) -> list[RuleHit]:
    """A relation noun with a state predicate: "relations remain frozen", "strained ties"."""
    words = tokens.words
    if RELATION_NOUNS.isdisjoint(tokens.vocab) or _PREDICATE_SET.isdisjoint(tokens.vocab):
        return []
    used = list(taken)
    hits: list[RuleHit] = []
    for p in [p for p, word in enumerate(words) if word in STATE_PREDICATES]:
        if used[p]:
            continue
        noun = _noun_after(tokens, p, used)
        if noun is None:
            noun = _noun_before(tokens, p, used)
        if noun is None:
            continue
        used[p] = used[noun] = True
        valence = STATE_PREDICATES[words[p]]
        note = f"a relation in a hostile state ('{words[noun]}' … '{words[p]}')"
        negator = negator_before(tokens, p)
        hits.append(RuleHit((noun, p), p, valence, "phrase", note, site=p, negator=negator))
    return hits


TREND_VALENCE = 1.5
TREND_WINDOW = 8
TREND_NOUN_WINDOW = 3
EXCHANGE_NOUNS = frozenset(
    {"trade", "exports", "imports", "turnover", "tourism", "tourists", "investment"}
    | {"investments", "arrivals", "shipments", "deliveries", "bookings", "sales"}
)
# An exchange noun that only qualifies the head after it: "the trade minister", "trade talks".
_QUALIFIED_HEADS = frozenset(
    {"minister", "ministers", "ministry", "delegation", "officials", "official", "talks"}
    | {"deal", "deals", "agreement", "agreements", "representative", "war", "wars", "union"}
    | {"organization", "organisation", "zone", "council", "body", "bodies", "partner"}
    | {"partners", "route", "routes", "agency", "fair", "forum", "surplus", "deficit"}
)
FALL_VERBS = frozenset(
    {"fell", "falls", "falling", "fallen", "dropped", "drops", "dropping", "plunged"}
    | {"plunges", "plunging", "plummeted", "plummeting", "declined", "declines", "declining"}
    | {"slumped", "slumping", "shrank", "shrunk", "shrinking", "collapsed", "halved"}
    | {"tumbled", "sank", "decreased", "decreasing", "contracted", "slid", "dwindled", "dived"}
)
RISE_VERBS = frozenset(
    {"rose", "rises", "rising", "risen", "grew", "grows", "growing", "grown", "increased"}
    | {"increasing", "jumped", "surged", "soared", "doubled", "tripled", "trebled"}
    | {"recovered", "rebounded", "climbed"}
)
# Bare forms that are nouns as often as verbs: verbs only behind a modal or "to".
_BARE_FALL = frozenset({"fall", "drop", "decline", "plunge", "slump", "shrink", "collapse"})
_BARE_RISE = frozenset({"rise", "grow", "increase", "jump", "surge", "double", "recover"})
_BARE_MARKERS = frozenset(
    {"to", "will", "would", "could", "may", "might", "can", "should", "must", "'ll"}
)
FALL_NOUNS = frozenset(
    {"fall", "drop", "decline", "slump", "collapse", "plunge", "decrease", "reduction"}
    | {"contraction", "downturn", "slide"}
)
RISE_NOUNS = frozenset(
    {"rise", "increase", "growth", "recovery", "rebound", "surge", "upturn", "revival"}
)
_TREND_STOPS = _PREDICATE_STOPS | frozenset({"which", "that", "who"})


def _trend_word(tokens: Tokens, j: int) -> int:
    """+1 for a rise, -1 for a fall, 0 for neither, at piece ``j`` after an exchange noun."""
    word = tokens.words[j]
    if word in FALL_VERBS:
        return -1
    if word in RISE_VERBS:
        return 1
    bare = -1 if word in _BARE_FALL else 1 if word in _BARE_RISE else 0
    if bare and j > 0:
        before = tokens.words[j - 1]
        if before in _BARE_MARKERS or is_negator(before):  # "trade did not fall"
            return bare
    return 0


def _trend_after(tokens: Tokens, k: int, used: list[bool]) -> tuple[int, int] | None:
    """(piece, direction) of the verb an exchange noun is the subject of: "exports … fell"."""
    words = tokens.words
    for j in tokens.window_after(k, TREND_WINDOW):
        if used[j] or words[j] in _TREND_STOPS or words[j] in EXCHANGE_NOUNS:
            return None
        direction = _trend_word(tokens, j)
        if direction:
            return j, direction
    return None


def _trend_before(tokens: Tokens, k: int, used: list[bool]) -> tuple[int, int] | None:
    """(piece, direction) of a trend noun before "in" / "of" the exchange: "a drop in trade"."""
    words = tokens.words
    window = tokens.window_before(k, TREND_NOUN_WINDOW)
    if not any(words[j] in ("in", "of") for j in window):
        return None
    for j in reversed(window):
        if used[j]:
            return None
        if words[j] in FALL_NOUNS:
            return j, -1
        if words[j] in RISE_NOUNS:
            return j, 1
    return None


def find_exchange_trends(tokens: Tokens, taken: list[bool]) -> list[RuleHit]:
    """Trade, exports or tourism said to fall or rise: "exports to Russia fell by a third"."""
    words = tokens.words
    if EXCHANGE_NOUNS.isdisjoint(tokens.vocab):
        return []
    used = list(taken)
    hits: list[RuleHit] = []
    for k in [k for k, word in enumerate(words) if word in EXCHANGE_NOUNS]:
        if used[k]:
            continue
        if k + 1 < len(words) and not tokens.clause_end[k] and words[k + 1] in _QUALIFIED_HEADS:
            continue
        found = _trend_before(tokens, k, used) or _trend_after(tokens, k, used)
        if found is None:
            continue
        j, direction = found
        used[j] = used[k] = True
        kind = "falling" if direction < 0 else "rising"
        note = f"an exchange between the sides {kind} ('{words[k]}' … '{words[j]}')"
        negator = next((n for n in range(k + 1, j) if is_negator(words[n])), None)
        if negator is None:
            negator = negator_before(tokens, min(j, k))
        site = min(j, k)
        hits.append(RuleHit((k, j), j, direction * TREND_VALENCE, "phrase", note, site, negator))
    return hits
