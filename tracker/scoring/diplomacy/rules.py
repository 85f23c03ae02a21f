"""Reversal rules, negation and hedges for the diplomacy profile.

Contract
--------
Pure functions over :class:`tracker.scoring.diplomacy.tokens.Tokens`; they find things and say what
they are worth, and :mod:`tracker.scoring.diplomacy.profile` applies them to VADER's per-token
valences.

*Reversal rules* read a verb and the measure it acts on, because the relation moves the
opposite way to the words' tone:

- ending a hostile measure (lift, ease, end, remove, scrap, suspend, discontinue … a ban,
  sanctions, restrictions, an embargo, visas, a visa regime, a blockade; "the ban is off") is
  warming: +2.5;
- starting one (impose, extend, tighten, introduce, "new sanctions"), or bringing it back
  (restore, reinstate, reintroduce: "restore visas" is not "restore ties") is cooling: -2.5;
- stopping a cooperative exchange (suspend flights, halt trade, freeze talks) is cooling:
  -2.0, and resuming or starting one (resume flights, restore trade, introduce visa-free
  travel) is warming: +2.0 — these two only in
  diplomatic text, where "flights" and "trade" are between countries.

The verb is found before the measure within six words of the same clause ("began lifting
sanctions", "lifted its ban on …", "the lifting of restrictions") or, in the passive, after
it behind an auxiliary ("the ban on charter flights was lifted"). A verb before the measure
wins over a participle after it ("lifting sanctions imposed on Turkey" is warming). "close"
right before a noun is the adjective ("close cooperation", "close trade ties"), not a stop.

*Negation* (VADER's negation words, "n't", and refuse/decline/fail/reject …, "yet to") within
three words before the verb, or between measure and verb in the passive, multiplies the
value by VADER's own factor -0.74: "did not lift the ban" is cooling. *Hedges* (may, could,
is expected to, plans to, ready to …) within three words before a domain item halve it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from vaderSentiment.vaderSentiment import N_SCALAR, NEGATE

from tracker.scoring.diplomacy.tokens import Tokens

END_HOSTILE_VALENCE = 2.5
START_HOSTILE_VALENCE = -2.5
STOP_COOPERATIVE_VALENCE = -2.0
RESUME_COOPERATIVE_VALENCE = 2.0
HEDGE_FACTOR = 0.5
NEGATION_FACTOR = N_SCALAR  # VADER's own: a negated item keeps 74 % of its size, sign flipped
ACTIVE_WINDOW = 6
PASSIVE_WINDOW = 12
COOPERATIVE_WINDOW = 4
COOPERATIVE_PASSIVE_WINDOW = 6
MODIFIER_WINDOW = 3


def _forms(*specs: str) -> frozenset[str]:
    """Word forms from stem and endings: 'lift||s|ed|ing' -> lift, lifts, lifted, lifting.

    An empty ending stands for the bare stem; a spec without '|' is a word on its own.
    """
    out: set[str] = set()
    for spec in specs:
        stem, *endings = spec.split("|")
        if endings:
            out.update(stem + e for e in endings)
        else:
            out.add(stem)
    return frozenset(out)


HOSTILE_MEASURES = frozenset(
    {"ban", "bans", "sanction", "sanctions", "restriction", "restrictions", "embargo"}
    | {"embargoes", "blockade", "blockades", "boycott", "boycotts", "tariff", "tariffs"}
    | {"countermeasures", "counter-measures", "visas"}
)
# Heads that are a hostile measure only after a qualifier: "visa regime", "punitive measures".
QUALIFIED_MEASURES = {
    "regime": frozenset({"visa"}),
    "requirement": frozenset({"visa"}),
    "requirements": frozenset({"visa"}),
    "warning": frozenset({"travel"}),
    "warnings": frozenset({"travel"}),
    "advisory": frozenset({"travel"}),
    "measures": frozenset({"punitive", "retaliatory", "restrictive", "economic", "trade"}),
}
COOPERATIVE_OBJECTS = frozenset(
    {"flights", "flight", "trade", "imports", "exports", "tourism", "tours", "visa-free"}
    | {"projects", "project", "cooperation", "contacts", "exchanges", "negotiations"}
    | {"talks", "dialogue", "investment", "investments", "pipeline", "deliveries", "market"}
    | {"markets"}
)
END_VERBS = _forms(
    "lift||s|ed|ing", "eas|e|es|ed|ing", "relax||es|ed|ing|ation", "loosen||s|ed|ing",
    "remov|e|es|ed|ing|al", "scrap||s|ped|ping", "drop||s|ped|ping", "end||s|ed|ing",
    "suspend||s|ed|ing", "suspension", "cancel||s|led|ed|ling|ing|lation", "revok|e|es|ed|ing",
    "repeal||s|ed|ing", "abolish||es|ed|ing", "abolition", "waiv|e|es|ed|ing", "annul||s|led",
    "rescind||s|ed|ing", "rollback", "unfreez|e|ing", "unfroze||n", "cancelation",
    "discontinu|e|es|ed|ing|ation",
)  # fmt: skip
# A hostile measure said to be over: "the ban is off", "the embargo was over" (after an auxiliary).
ENDED_PREDICATES = frozenset({"off", "over"})
START_VERBS = _forms(
    "impos|e|es|ed|ing|ition", "reimpos|e|es|ed|ing", "extend||s|ed|ing", "extension",
    "tighten||s|ed|ing", "introduc|e|es|ed|ing|tion", "expand||s|ed|ing", "broaden||s|ed|ing",
    "slap||s|ped|ping", "maintain||s|ed|ing", "implement||s|ed|ing", "enforc|e|es|ed|ing",
    "prolong||s|ed|ing", "renew||s|ed|ing|al", "restor|e|es|ed|ing|ation",
    "reinstat|e|es|ed|ing|ement", "reintroduc|e|es|ed|ing|tion",
)  # fmt: skip
# Adjectives that mark a measure as newly imposed, only right before it: "new sanctions".
START_ADJECTIVES = frozenset({"new", "fresh", "additional", "further", "tougher", "harsher"})
ADJECTIVE_WINDOW = 2
STOP_VERBS = _forms(
    "suspend||s|ed|ing", "suspension", "halt||s|ed|ing", "freez|e|es|ing", "froze||n",
    "cancel||s|led|ed|ling|ing|lation", "stop||s|ped|ping", "cut||s|ting", "curb||s|ed|ing",
    "curtail||s|ed|ing", "restrict||s|ed|ing", "ban||s|ned|ning", "end||s|ed|ing",
    "scrap||s|ped|ping", "abandon||s|ed|ing", "block||s|ed|ing", "interrupt||s|ed|ing",
    "clos|e|es|ed|ing|ure", "review||s|ed|ing", "reconsider||s|ed|ing", "downgrad|e|es|ed|ing",
    "discontinu|e|es|ed|ing|ation", "cancelation",
)  # fmt: skip
RESUME_VERBS = _forms(
    "resum|e|es|ed|ing", "resumption", "restor|e|es|ed|ing|ation", "restart||s|ed|ing",
    "reopen||s|ed|ing", "renew||s|ed|ing|al", "reviv|e|es|ed|ing|al", "relaunch||es|ed|ing",
    "unfreez|e|es|ing", "unfroze||n", "expand||s|ed|ing", "expansion", "boost||s|ed|ing",
    "deepen||s|ed|ing", "increas|e|es|ed|ing", "allow||s|ed|ing", "permit||s|ted|ting",
    "introduc|e|es|ed|ing|tion", "grant||s|ed|ing", "launch||es|ed|ing",
)  # fmt: skip
# "close" is a verb only before its object's determiner ("close its market", "close down");
# before a noun it is the adjective of "close cooperation", "close trade ties".
_CLOSE_OBJECT_STARTS = frozenset(
    {"the", "a", "an", "its", "their", "his", "her", "our", "all", "any", "this", "these"}
    | {"down", "off"}
)
_HOSTILE_HEADS = HOSTILE_MEASURES | frozenset(QUALIFIED_MEASURES)
_COOPERATIVE_HEADS = _HOSTILE_HEADS | COOPERATIVE_OBJECTS
# Cooperative exchanges resume or stop without an object: "charter flights resumed on Friday".
INTRANSITIVE = _forms(
    "resum|ed|es", "restart||ed|s", "halt||ed|s", "stop||ped|s", "froze", "ceased"
)
AUXILIARIES = frozenset(
    {"is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will", "get"}
    | {"gets", "got", "would"}
)
# VADER's "despite" negates a word's tone, not an action: "despite lifting the ban" still lifts.
NEGATORS = (frozenset(NEGATE) - {"despite"}) | _forms(
    "refus|e|es|ed|ing", "declin|e|es|ed|ing", "fail||s|ed|ing", "reject||s|ed|ing", "no",
    "unlikely", "nor",
)  # fmt: skip
HEDGES = _forms(
    "may", "might", "could", "possibly", "perhaps", "maybe", "potentially", "likely",
    "consider||s|ed|ing", "mull||s|ed|ing", "weigh||s|ing", "plan||s|ned|ning", "intend||s|ing",
    "expected", "expects", "propos|e|es|ed|ing", "ready", "willing", "seek||s|ing", "hop|e|es|ing",
    "discuss||es|ed|ing", "prepared",
)  # fmt: skip


@dataclass(frozen=True)
class Action:
    """A verb acting on a measure: where each is and what the pair is worth, unmodified."""

    verb: int
    head: int
    valence: float
    passive: bool
    rule: str


# Prepositions that open a phrase of their own: a negation before them stays outside it.
SCOPE_PREPOSITIONS = frozenset({"for", "over", "about", "after", "since"})


def is_negator(word: str) -> bool:
    return word in NEGATORS or "n't" in word


def negator_before(tokens: Tokens, index: int, size: int = MODIFIER_WINDOW) -> int | None:
    """The nearest negation word within ``size`` pieces before ``index`` (same clause); a
    preposition between ends the search: in "would not apologise for shooting down the jet"
    the "not" negates the apology, not the shooting down."""
    words = tokens.words
    for j in reversed(tokens.window_before(index, size)):
        if is_negator(words[j]):
            return j
        if words[j] == "yet" and j + 1 < len(words) and words[j + 1] == "to":
            return j
        if words[j] in SCOPE_PREPOSITIONS:
            return None
    return None


def hedge_before(tokens: Tokens, index: int, size: int = MODIFIER_WINDOW) -> int | None:
    """The nearest hedge word within ``size`` pieces before ``index`` (same clause)."""
    words = tokens.words
    for j in reversed(tokens.window_before(index, size)):
        if words[j] in HEDGES:
            return j
    return None


def _is_measure(words: Sequence[str], k: int) -> bool:
    word = words[k]
    if word in HOSTILE_MEASURES:
        return True
    qualifiers = QUALIFIED_MEASURES.get(word)
    return qualifiers is not None and k > 0 and words[k - 1] in qualifiers


def _verb_before(
    tokens: Tokens,
    k: int,
    taken: Sequence[bool],
    size: int,
    verbs: Sequence[frozenset[str]],
    adjectives: frozenset[str] = frozenset(),
) -> tuple[int, int] | None:
    """(index, which verb set) of the nearest verb from ``verbs`` before piece ``k``.

    A word from ``adjectives`` right before the measure counts as the last verb set.
    """
    words = tokens.words
    sets = verbs
    for j in reversed(tokens.window_before(k, size)):
        if taken[j] or _is_measure(words, j):
            return None
        if words[j] == "close" and words[j + 1] not in _CLOSE_OBJECT_STARTS:
            continue
        for which, verb_set in enumerate(sets):
            if words[j] in verb_set:
                return j, which
        if words[j] in adjectives and k - j <= ADJECTIVE_WINDOW:
            return j, len(sets) - 1
    return None


def _verb_after(
    tokens: Tokens,
    k: int,
    taken: Sequence[bool],
    size: int,
    verbs: Sequence[frozenset[str]],
    bare: frozenset[str] = frozenset(),
    ended: frozenset[str] = frozenset(),
) -> tuple[int, int] | None:
    """A verb after piece ``k`` in the passive (behind an auxiliary) or from ``bare``.

    A word from ``ended`` right behind an auxiliary ("is off") counts as the first verb set.
    """
    words = tokens.words
    seen_aux = False
    for j in tokens.window_after(k, size):
        if taken[j] or _is_measure(words, j):
            return None
        word = words[j]
        if word in ended and words[j - 1] in AUXILIARIES:
            return j, 0
        for which, verb_set in enumerate(verbs):
            if word in verb_set and (seen_aux or word in bare):
                return j, which
        seen_aux = seen_aux or word in AUXILIARIES
    return None


def find_actions(tokens: Tokens, taken: Sequence[bool], cooperative: bool) -> list[Action]:
    """Verb–measure pairs in the text; ``cooperative`` adds the cooperative-exchange rules."""
    words = tokens.words
    found: list[Action] = []
    heads = _COOPERATIVE_HEADS if cooperative else _HOSTILE_HEADS
    if heads.isdisjoint(tokens.vocab):
        return found
    used = list(taken)
    for k in [k for k, word in enumerate(words) if word in heads]:
        word = words[k]
        measure = word in HOSTILE_MEASURES or (word in QUALIFIED_MEASURES and _is_measure(words, k))
        if not measure and not (cooperative and word in COOPERATIVE_OBJECTS):
            continue
        if used[k]:
            continue
        if measure:
            hit = _verb_before(
                tokens, k, used, ACTIVE_WINDOW, (END_VERBS, START_VERBS), START_ADJECTIVES
            )
            passive = hit is None
            if hit is None:
                sets = (END_VERBS, START_VERBS)
                hit = _verb_after(tokens, k, used, PASSIVE_WINDOW, sets, ended=ENDED_PREDICATES)
            if hit is None:
                continue
            j, which = hit
            valence = END_HOSTILE_VALENCE if which == 0 else START_HOSTILE_VALENCE
            rule = "ending a hostile measure" if which == 0 else "imposing a hostile measure"
        else:
            sets = (RESUME_VERBS, STOP_VERBS)
            hit = _verb_before(tokens, k, used, COOPERATIVE_WINDOW, sets)
            passive = hit is None
            if hit is None:
                hit = _verb_after(tokens, k, used, COOPERATIVE_PASSIVE_WINDOW, sets, INTRANSITIVE)
            if hit is None:
                continue
            j, which = hit
            valence = RESUME_COOPERATIVE_VALENCE if which == 0 else STOP_COOPERATIVE_VALENCE
            rule = (
                "resuming a cooperative exchange"
                if which == 0
                else "stopping a cooperative exchange"
            )
        used[j] = used[k] = True
        found.append(Action(verb=j, head=k, valence=valence, passive=passive, rule=rule))
    return found


def action_negator(tokens: Tokens, action: Action) -> int | None:
    """A negation of the action: before its verb, or between measure and verb (passive)."""
    if action.passive:
        for j in range(action.head + 1, action.verb):
            if is_negator(tokens.words[j]):
                return j
        return negator_before(tokens, action.head)
    return negator_before(tokens, action.verb)
