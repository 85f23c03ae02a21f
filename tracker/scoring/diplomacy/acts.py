"""Acts between the sides for the diplomacy profile: withheld gestures and agreements.

Contract
--------
Pure functions over :class:`tracker.scoring.diplomacy.tokens.Tokens` returning
:class:`tracker.scoring.diplomacy.ledger.RuleHit` values (diplomatic text only). They run after the
domain phrases and the reversal rules and never touch a piece those consumed.

- :func:`find_withheld_acts`: a *conciliatory act* (an apology, a meeting, a visit, talks,
  support, solidarity, condolences, an agreement …) that one side refuses, cancels or gives
  grudgingly is cooling, -2.0, whatever the act's own tone: "refused to apologise", "rejected
  calls to apologise", "ruled out an apology", "had no plans to meet", "declined to meet",
  "cancelled the visit", "snubbed the summit", "slow to show solidarity", "lack of support".
  Between the refusal and the act only a few linking words may stand ("to", "an", "calls
  to", "plans to", "show", "hold", "attend" …), so "declined to comment on the talks" is not
  a refusal of talks. Plain "not"/"never" are left to VADER's own negation.
- :func:`find_unkept_commitments`: a commitment between the sides (promises, pledges,
  commitments, obligations, an agreement, a deal) said after it not to be kept, met,
  honoured, implemented or reached ("the promises made to Ankara were not kept", "agreement
  could not be reached", "the pledges have yet to be fulfilled", "the deal remains
  unimplemented"), or before it not delivered on, failed to be fulfilled or reneged on ("has
  not delivered on its promise", "failing to honour its pledges", "reneged on the deal") is a
  reproach, -1.5, whatever the commitment's own tone: VADER's negation looks back three
  words only and knows no "failed", so it leaves "promises" warm. It runs before the
  agreements.
- :func:`abandoned_commitment_words`: the deals and agreements one side backs away from,
  backs out of, pulls out of or walks away from ("we will back away from the deal and the
  March agreement") are what it abandons, not a warm word: their tone is returned for
  neutralising (the abandonment's own phrase in the lexicon carries the score). Not when the
  abandonment is negated ("will not walk away from the deal" keeps it).
- :func:`find_conditional_threats`: a deal between the sides said to fall through, collapse or
  not go through if the other side does not do something ("the pact would collapse if Brussels
  did not keep its word", "we will not go through with the deal unless the aid arrives") is a
  threat, -1.5, whatever the deal's own tone; what the condition asks for ("by granting
  visa-free travel") is the demand, not the relation's state: its positive pieces are returned
  for neutralising. Only when the condition is unmet ("if … not", "if … fails to", "unless"):
  "the deal will collapse if the fighting resumes" is a fear, left to the words.
- :func:`find_shielding`: one side accused of protecting, sheltering, shielding or harbouring
  a hostile actor of the other ("give up protecting that traitor", "a safe haven for
  terrorists", "harbouring coup plotters") is an accusation, -2.0, whatever the tone of
  "protect"; not protection *from* or *against* them ("protect civilians from terrorists").
- :func:`find_agreements`: an agreement between the sides (agreed, signed, struck or reached
  a deal, an accord, a pact) is warming, +2.0, when the clause names two parties ("Turkey
  and the EU", "the two sides", "together", "agreed with …", "a deal between …"). What they
  agreed to act on is not the relation: the negative words of its purpose ("to stop the flow
  of migrants", "to fight terrorism") are returned for neutralising.
"""

from __future__ import annotations

from dataclasses import dataclass

from tracker.scoring.diplomacy.ledger import RuleHit
from tracker.scoring.diplomacy.rules import is_negator, negator_before
from tracker.scoring.diplomacy.tokens import Tokens

WITHHELD_VALENCE = -2.0
AGREEMENT_VALENCE = 2.0
MAX_LINKS = 4
PURPOSE_WINDOW = 12
SUBJECT_WINDOW = 8

REFUSALS = frozenset(
    {"refuse", "refuses", "refused", "refusing", "refusal", "decline", "declines", "declined"}
    | {"declining", "reject", "rejects", "rejected", "rejecting", "rejection", "snub", "snubs"}
    | {"snubbed", "snubbing", "spurn", "spurns", "spurned", "rebuff", "rebuffs", "rebuffed"}
    | {"cancel", "cancels", "cancelled", "canceled", "cancelling", "canceling", "cancellation"}
    | {"postpone", "postpones", "postponed", "postponing", "postponement", "shun", "shuns"}
    | {"shunned", "shunning", "withhold", "withholds", "withheld", "withholding", "scrap"}
    | {"scraps", "scrapped", "scrapping", "skip", "skips", "skipped", "skipping", "boycotted"}
    | {"boycotting", "no", "unwilling", "unwillingness", "unlikely"}
)
# Grudging: the act is given late, reluctantly or not at all ("slow to show solidarity").
GRUDGING = frozenset(
    {"fail", "fails", "failed", "failing", "failure", "reluctant", "reluctantly", "reluctance"}
    | {"slow", "hesitant", "lack", "lacks", "lacked", "lacking", "absence", "belated"}
    | {"lukewarm", "tepid", "half-hearted", "muted", "insufficient"}
)
# Two-word refusals: "ruled out", "called off", "turned down".
PARTICLE_REFUSALS = {
    "out": frozenset({"rule", "rules", "ruled", "ruling"}),
    "off": frozenset({"call", "calls", "called", "calling"}),
    "down": frozenset({"turn", "turns", "turned", "turning"}),
}
_REFUSAL_STARTS = REFUSALS | GRUDGING | frozenset().union(*PARTICLE_REFUSALS.values())
CONCILIATORY_ACTS = frozenset(
    {"apologise", "apologize", "apologised", "apologized", "apologising", "apologizing"}
    | {"apology", "apologies", "sorry", "meet", "meeting", "meetings", "visit", "visits"}
    | {"talks", "negotiate", "negotiations", "dialogue", "summit", "support", "backing"}
    | {"solidarity", "sympathy", "condolences", "cooperate", "cooperation", "co-operation"}
    | {"agree", "agreement", "deal", "accord", "compromise", "concessions", "invitation"}
    | {"mediation", "reconciliation", "normalisation", "normalization", "rapprochement"}
    | {"help", "assistance", "contacts", "extradite", "extradition", "hand"}
)
# Words that may link a refusal to the act it withholds.
LINKS = frozenset(
    {"to", "a", "an", "the", "any", "another", "further", "more", "its", "his", "her", "their"}
    | {"our", "calls", "call", "demands", "demand", "requests", "request", "offer", "offers"}
    | {"plans", "plan", "intention", "of", "for", "show", "showing", "express", "expressing"}
    | {"give", "giving", "voice", "lend", "hold", "holding", "attend", "attending", "sign"}
    | {"signing", "accept", "accepting", "make", "making", "issue", "extend", "send", "pay"}
    | {"take", "part", "in", "join", "formal", "official", "public", "publicly", "direct"}
    | {"personal", "bilateral", "planned", "scheduled", "proposed", "full", "clear", "real"}
    | {"be", "have", "reach", "strike", "seek", "enter", "into", "enough", "much", "sufficient"}
    | {"adequate", "open", "immediate", "high-level", "state", "official"}
)
UNKEPT_VALENCE = -1.5
UNKEPT_WINDOW = 10
# A condition's negation is not the commitment's: "stop the deal if the waiver is not delivered".
_CONDITIONS = frozenset({"if", "unless", "whether", "once", "provided"})
FULFILMENT_WINDOW = 4
COMMITMENTS = frozenset(
    {"promise", "promises", "pledge", "pledges", "commitment", "commitments", "obligations"}
    | {"agreement", "agreements", "deal", "accord", "assurances", "guarantees"}
)
FULFILMENT_VERBS = frozenset(
    {"kept", "keep", "fulfilled", "fulfil", "fulfill", "honoured", "honored", "honour", "honor"}
    | {"met", "implemented", "implement", "delivered", "deliver", "reached", "respected"}
    | {"observed", "materialised", "materialized", "carried", "followed", "keeping"}
    | {"fulfilling", "honouring", "honoring", "implementing", "delivering", "respecting"}
    | {"respect", "uphold", "upheld", "upholding", "abide", "abided", "abiding"}
)
# Verbs that break a commitment by themselves: "reneged on its promises", "broke the deal".
BREAKING_VERBS = frozenset(
    {"renege", "reneges", "reneged", "reneging", "broke", "breaks", "breaking", "betrayed"}
    | {"breached", "breaching", "violated", "violating", "abandoned", "abandoning"}
)
# What may stand between the verb and the commitment it is about: "delivered on its promise".
COMMITMENT_LINKS = frozenset(
    {"on", "by", "to", "its", "their", "his", "her", "our", "the", "these", "those", "all"}
    | {"of", "any", "promised", "earlier", "own", "made"}
)
UNKEPT_WORDS = frozenset(
    {"unfulfilled", "unkept", "unimplemented", "unmet", "broken", "unhonoured", "unhonored"}
)
_UNKEPT_CUES = UNKEPT_WORDS | BREAKING_VERBS | frozenset({"yet"})
AGREEMENT_VERBS = frozenset({"agree", "agrees", "agreed", "agreeing", "signed", "signing"})
# Nouns are an act of agreeing only after a verb that makes them: "struck a deal", not
# "the deal is at risk".
AGREEMENT_NOUNS = frozenset(
    {"agreement", "agreements", "accord", "accords", "pact", "deal", "deals", "memorandum"}
)
AGREEMENT_CUES = AGREEMENT_VERBS | AGREEMENT_NOUNS
# Verbs that make a deal: consumed with it ("struck a deal" is not VADER's "struck" -1.0).
DEAL_VERBS = frozenset(
    {"struck", "strike", "strikes", "reached", "reach", "reaches", "sealed", "seal", "clinched"}
    | {"inked", "signed", "sign", "concluded", "forged", "hammered", "agreed", "closed"}
)
JOINT_WORDS = frozenset(
    {"both", "two", "together", "jointly", "joint", "mutual", "mutually", "bilateral", "sides"}
    | {"parties", "counterpart", "counterparts"}
)
_PARTNER_WORDS = frozenset({"with", "between"})
_PURPOSE_STOPS = frozenset(
    {"but", "while", "whereas", "although", "though", "after", "following", "since", "amid"}
    | {"despite", "when", "because", "before", "until", "unless"}
)


# Abandoning a commitment: the word that opens the phrase, and the particles after it.
ABANDON_OPENERS = frozenset(
    {"back", "backs", "backed", "backing", "pull", "pulls", "pulled", "pulling", "walk"}
    | {"walks", "walked", "walking"}
)
ABANDON_PARTICLES = frozenset({("away", "from"), ("out", "of")})
ABANDONED_WINDOW = 12
ABANDONED_OBJECTS = COMMITMENTS | AGREEMENT_NOUNS | frozenset({"talks", "negotiations"})


def abandoned_commitment_words(tokens: Tokens, values: list[float]) -> list[int]:
    """Warm commitment nouns after "back away from / back out of / walk away from"."""
    words = tokens.words
    vocab = tokens.vocab
    if ABANDONED_OBJECTS.isdisjoint(vocab) or ABANDON_OPENERS.isdisjoint(vocab):
        return []
    found: list[int] = []
    for i, word in enumerate(words[:-2]):
        if word not in ABANDON_OPENERS or (words[i + 1], words[i + 2]) not in ABANDON_PARTICLES:
            continue
        if negator_before(tokens, i) is not None:
            continue
        for j in tokens.window_after(i + 2, ABANDONED_WINDOW):
            if words[j] in _PURPOSE_STOPS or words[j] in _CONDITIONS:
                break
            if words[j] in ABANDONED_OBJECTS and values[j] > 0:
                found.append(j)
    return found


THREAT_VALENCE = -1.5
THREAT_WINDOW = 10
CONDITION_WINDOW = 14
# A deal's failure: "fall through" (with its particle), "collapse", "not go through (with)".
FALL_VERBS = frozenset({"fall", "falls", "fell", "falling", "fallen"})
GO_VERBS = frozenset({"go", "goes", "went", "going", "gone"})
COLLAPSE_VERBS = frozenset({"collapse", "collapses", "collapsed", "collapsing", "founder"})
_FAILURE_CUES = FALL_VERBS | GO_VERBS | COLLAPSE_VERBS
THREATENED_OBJECTS = COMMITMENTS | AGREEMENT_NOUNS | frozenset({"bargain", "plan", "scheme"})
_UNMET = frozenset({"fail", "fails", "failed", "failing"})


@dataclass(frozen=True)
class ConditionalThreat:
    """A deal threatened with failure under an unmet condition, and the condition's pieces."""

    hit: RuleHit
    condition: tuple[int, ...]  # from the condition word to the clause's end


def _failure_at(tokens: Tokens, i: int) -> int | None:
    """The last piece of a deal's failure starting at ``i`` ("fall through"), or None."""
    words = tokens.words
    word = words[i]
    if word in COLLAPSE_VERBS:
        return i
    nxt = words[i + 1] if i + 1 < len(words) and not tokens.clause_end[i] else ""
    if word in FALL_VERBS and nxt == "through":
        return i + 1
    if word in GO_VERBS and nxt == "through" and negator_before(tokens, i) is not None:
        return i + 1  # "will not go through with the deal"; a plain "go through" is no failure
    return None


def _unmet_condition(tokens: Tokens, end: int) -> int | None:
    """The "if"/"unless" after ``end`` whose condition is unmet, or None."""
    words = tokens.words
    window = tokens.window_after(end, CONDITION_WINDOW)
    for j in window:
        if words[j] == "unless":
            return j
        if words[j] != "if":
            continue
        for m in tokens.window_after(j, 6):
            if is_negator(words[m]) or words[m] in _UNMET:
                return j
        return None
    return None


def find_conditional_threats(tokens: Tokens, taken: list[bool]) -> list[ConditionalThreat]:
    """Deals said to fail under an unmet condition: "would fall through if … did not …"."""
    words = tokens.words
    vocab = tokens.vocab
    if _FAILURE_CUES.isdisjoint(vocab) or THREATENED_OBJECTS.isdisjoint(vocab):
        return []
    if "if" not in vocab and "unless" not in vocab:
        return []
    found: list[ConditionalThreat] = []
    for i in range(len(words)):
        if taken[i] or words[i] not in _FAILURE_CUES:
            continue
        end = _failure_at(tokens, i)
        if end is None:
            continue
        near = (*tokens.window_before(i, THREAT_WINDOW), *tokens.window_after(end, THREAT_WINDOW))
        deal = next((k for k in near if words[k] in THREATENED_OBJECTS and not taken[k]), None)
        if deal is None:
            continue
        condition = _unmet_condition(tokens, max(end, deal))
        if condition is None or condition < deal:
            continue
        positions = tuple(sorted({*range(i, end + 1), deal}))
        note = f"a deal threatened under an unmet condition ('{words[i]}' … '{words[deal]}')"
        hit = RuleHit(positions, deal, THREAT_VALENCE, "reversal", note, i)
        last = condition
        while last + 1 < len(words) and not tokens.clause_end[last]:
            last += 1
        found.append(ConditionalThreat(hit, tuple(range(condition, last + 1))))
    return found


SHIELDING_VALENCE = -2.0
SHIELDING_VERBS = frozenset(
    {"protect", "protects", "protected", "protecting", "shelter", "shelters", "sheltered"}
    | {"sheltering", "shield", "shields", "shielded", "shielding", "harbour", "harbours"}
    | {"harboured", "harbouring", "harbor", "harbors", "harbored", "harboring", "haven"}
    | {"havens", "hide", "hides", "hiding", "refuge"}
)
# Hostile actors one side accuses the other of protecting.
SHIELDED = frozenset(
    {"traitor", "traitors", "terrorist", "terrorists", "putschist", "putschists", "plotters"}
    | {"plotter", "mastermind", "masterminds", "fugitive", "fugitives", "militants", "feto"}
    | {"pkk", "gulenists", "perpetrators", "coup-plotters", "criminals", "terror"}
)
SHIELDING_LINKS = frozenset(
    {"that", "the", "this", "these", "those", "a", "to", "for", "of", "such", "alleged"}
    | {"so-called", "coup", "wanted", "known", "its", "their", "give", "giving", "safe"}
)
SHIELDING_WINDOW = 4


def find_shielding(tokens: Tokens, taken: list[bool]) -> list[RuleHit]:
    """An accusation of protecting a hostile actor: "protecting that traitor"."""
    words = tokens.words
    vocab = tokens.vocab
    if SHIELDED.isdisjoint(vocab) or SHIELDING_VERBS.isdisjoint(vocab):
        return []
    hits: list[RuleHit] = []
    for i, word in enumerate(words):
        if word not in SHIELDING_VERBS or taken[i]:
            continue
        for j in tokens.window_after(i, SHIELDING_WINDOW):
            if taken[j]:
                break
            if words[j] in SHIELDED:
                note = f"accused of shielding a hostile actor ('{word}' … '{words[j]}')"
                negator = negator_before(tokens, i)
                positions = (i, j)
                hits.append(RuleHit(positions, i, SHIELDING_VALENCE, "reversal", note, i, negator))
                break
            if words[j] not in SHIELDING_LINKS:
                break  # "protect civilians from terrorists": protection against them
    return hits


def _refusal_at(tokens: Tokens, i: int) -> int | None:
    """The last piece of a refusal starting at ``i`` ("ruled out" ends at "out"), or None."""
    words = tokens.words
    word = words[i]
    if word in REFUSALS or word in GRUDGING:
        return i
    if i + 1 < len(words) and not tokens.clause_end[i]:
        verbs = PARTICLE_REFUSALS.get(words[i + 1])
        if verbs is not None and word in verbs:
            return i + 1
    return None


def find_withheld_acts(tokens: Tokens, taken: list[bool]) -> list[RuleHit]:
    """Refused, cancelled or grudging conciliatory acts: "declined to meet", "no apology"."""
    words = tokens.words
    if CONCILIATORY_ACTS.isdisjoint(tokens.vocab) or _REFUSAL_STARTS.isdisjoint(tokens.vocab):
        return []
    used = list(taken)
    hits: list[RuleHit] = []
    for i in range(len(words)):
        if used[i]:
            continue
        end = _refusal_at(tokens, i)
        if end is None:
            continue
        act = _act_after(tokens, end, used)
        if act is None:
            continue
        positions = tuple(range(i, act + 1))
        for p in positions:
            used[p] = True
        note = f"a conciliatory act withheld ('{words[i]}' … '{words[act]}')"
        negator = negator_before(tokens, i)
        hits.append(RuleHit(positions, act, WITHHELD_VALENCE, "reversal", note, i, negator))
    return hits


def _act_after(tokens: Tokens, end: int, used: list[bool]) -> int | None:
    """The act a refusal withholds: linking words and at most one other word before it."""
    words = tokens.words
    free = 1  # "postponed the intergovernmental meeting", "rejected Russian calls for talks"
    for j in tokens.window_after(end, MAX_LINKS + 1):
        if used[j]:
            return None
        if words[j] in CONCILIATORY_ACTS:
            return j
        if words[j] not in LINKS:
            if not free or words[j] in _PURPOSE_STOPS or words[j] in REFUSALS:
                return None
            free -= 1
    return None


def find_unkept_commitments(tokens: Tokens, taken: list[bool]) -> list[RuleHit]:
    """Commitments said not to be kept: "the promises … were not kept", "deal … unmet"."""
    words = tokens.words
    vocab = tokens.vocab
    if COMMITMENTS.isdisjoint(vocab):
        return []
    if _UNKEPT_CUES.isdisjoint(vocab) and not any(is_negator(w) for w in vocab):
        return []  # most statements naming a deal say nothing of its keeping
    used = list(taken)
    hits: list[RuleHit] = []
    for k in range(len(words)):
        if used[k] or words[k] not in COMMITMENTS:
            continue
        found = _unkept_after(tokens, k, used)
        if found is None:
            before = _unkept_before(tokens, k, used)
            if before is None:
                continue
            positions: tuple[int, ...] = (*before, k)
            found = before[:1]
        else:
            positions = (k, *found)
        for p in positions:
            used[p] = True
        pair = sorted((k, found[-1]))
        note = f"a commitment not kept ('{words[pair[0]]}' … '{words[pair[1]]}'): a reproach"
        hits.append(RuleHit(positions, k, UNKEPT_VALENCE, "reversal", note, k))
    return hits


def _unkept_after(tokens: Tokens, k: int, used: list[bool]) -> tuple[int, ...] | None:
    """(negator, verb) or (unkept word,) after commitment ``k`` in its clause, or None."""
    words = tokens.words
    negator = None
    for j in tokens.window_after(k, UNKEPT_WINDOW):
        word = words[j]
        if used[j] or word in _PURPOSE_STOPS or word in _CONDITIONS or word in COMMITMENTS:
            return None
        if word in UNKEPT_WORDS:
            return (j,)
        if negator is None:
            if is_negator(word) or (word == "yet" and j + 1 < len(words) and words[j + 1] == "to"):
                negator = j
        elif word in FULFILMENT_VERBS:
            return (negator, j) if j - negator <= FULFILMENT_WINDOW else None
    return None


def _unkept_before(tokens: Tokens, k: int, used: list[bool]) -> tuple[int, ...] | None:
    """(negator, verb) or (breaking verb,) before commitment ``k``: "failed to deliver on"."""
    words = tokens.words
    for v in reversed(tokens.window_before(k, MAX_LINKS)):
        word = words[v]
        if used[v]:
            return None
        if word in BREAKING_VERBS:
            return (v,)
        if word in FULFILMENT_VERBS:
            negator = negator_before(tokens, v)
            return None if negator is None or used[negator] else (negator, v)
        if word not in COMMITMENT_LINKS:
            return None
    return None


@dataclass(frozen=True)
class Agreement:
    """An agreement between the sides and the pieces of its purpose."""

    hit: RuleHit
    purpose: tuple[int, ...]  # its purpose: pieces after it, to the clause's end or a connector


def _is_cue(words: list[str], k: int) -> bool:
    word = words[k]
    if word in AGREEMENT_VERBS:
        return True
    if word not in AGREEMENT_NOUNS:
        return False
    return any(w in DEAL_VERBS for w in words[max(0, k - 3) : k])


def _joint(tokens: Tokens, first: int, last: int) -> bool:
    """Does the clause name two parties to the agreement at ``first``..``last``?"""
    words = tokens.words
    before = tokens.window_before(first, SUBJECT_WINDOW)
    after = tokens.window_after(last, PURPOSE_WINDOW)
    if any(words[j] in JOINT_WORDS for j in (*before, *after)):
        return True
    if any(words[j] == "and" for j in before):
        return True
    return any(words[j] in _PARTNER_WORDS for j in tokens.window_after(last, 3))


def find_agreements(tokens: Tokens, taken: list[bool]) -> list[Agreement]:
    """Agreements between two parties ("Turkey and the EU agreed on a plan to …")."""
    words = tokens.words
    if AGREEMENT_CUES.isdisjoint(tokens.vocab):
        return []
    used = list(taken)
    found: list[Agreement] = []
    for k in range(len(words)):
        if used[k] or not _is_cue(words, k):
            continue
        group = [k]
        for j in tokens.window_after(k, 3):  # "signed a deal", "agreed a pact"
            if used[j]:
                break
            if _is_cue(words, j):
                group.append(j)
        verb = next(
            (j for j in reversed(tokens.window_before(k, 2)) if words[j] in DEAL_VERBS), None
        )
        if verb is not None and not used[verb]:
            group.insert(0, verb)
        first, last = group[0], group[-1]
        if not _joint(tokens, first, last):
            continue
        positions = tuple(p for p in range(first, last + 1) if p in group)
        for p in range(first, last + 1):
            used[p] = True
        negator = negator_before(tokens, first)
        note = f"an agreement between the sides ('{words[k]}')"
        hit = RuleHit(positions, k, AGREEMENT_VALENCE, "reversal", note, first, negator)
        purpose: tuple[int, ...] = ()
        if negator is None:
            purpose = tuple(j for j in _purpose_window(tokens, last) if not used[j])
        found.append(Agreement(hit, purpose))
    return found


def _purpose_window(tokens: Tokens, last: int) -> list[int]:
    words = tokens.words
    out = []
    for j in tokens.window_after(last, PURPOSE_WINDOW):
        if words[j] in _PURPOSE_STOPS:
            break
        out.append(j)
    return out
