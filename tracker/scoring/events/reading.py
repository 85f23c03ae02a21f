"""Reading events in a clause: which act, whether it happened, in what mode, and who acts.

Contract
--------
:class:`EventReader` finds the event dictionary's patterns (:mod:`.dictionary`) on a
:class:`tracker.scoring.diplomacy.tokens.Tokens` view with the lexicon's phrase matcher, then
reads each match in its clause:

- *Mode.* An act right after a modal cue is not the act but the cue's speech act, coded as
  CAMEO codes it, with that category's published Goldstein value: "threatened to / warned it
  would" + any act is 13 (threaten); "pledged / promised / vowed / agreed / plans / is ready to"
  + a cooperative act is 03 (express intent to cooperate), + a hostile act 13 (a promise of
  harm is a threat); "offered / proposed / suggested to" likewise 03 or 13; "refused /
  declined to" + a cooperative act is 12 (reject); a demand for an act, its addressee
  between ("demanded that Washington extradite", "requested … to", "wants Ankara to change"),
  is 10 (demand), an appeal
  ("urged / called on / asked Moscow to lift") 02 (appeal): the act asked for has not taken
  place. Without a cue, a hostile act announced with "will / would" in a sentence with an
  "if / unless" condition, or that the speaker "will be forced / compelled to" take ("if the
  visas do not come, we will back away from the deal"), is 13 (threaten) too: it has not
  happened, it is held over the other side. A cue word used as such is not also an event
  of its own, and one cue makes one event ("urged X to extradite or arrest …" is one
  appeal); a cue that is a noun ("the request to extradite …") names a demand without
  making one: no event.
- *A refusal stated for the future.* A cooperative act after "will not", "would not", "won't",
  "will never" ("Ankara will not change the law for visas", "we won't lift the ban") is the
  actor's refusal of it, 12 (reject), as a refusal cue would make it; a negated act in the
  past or present ("did not lift", "has not resumed") is no event.
- *No event.* A negated act ("did not lift the ban", "has yet to restore flights", "did not
  threaten to …"), a speculated one ("could impose", "may deploy"), one held back ("slow to show
  solidarity"), a refused hostile act
  ("refused to impose sanctions": not doing harm is no act CAMEO codes; the profile's tone
  rules still read the words), and a pattern used as a noun phrase naming an event rather
  than reporting one (right after a determiner or a possessive: "the downed jet's pilot",
  "Turkey's downing of the jet"), or a noun made from a one-word pattern's verb ("the
  condemnation", "deployments") yield nothing. Event coders code acts that took place;
  what did not happen is no event of that kind.
- *Agent.* ``speaker`` when a first-person subject stands before the act in its clause ("we
  will lift …"): the statement's speaker acts on the other side; ``other`` when a second-person
  subject does, or the act is passive with a first-person patient ("our jet was shot down"):
  the other side acts on the speaker's; None when the clause does not say (a narrated act
  names its agent by a name only the analysis resolves). :func:`event_direction` turns this
  into a direction with a relation's assignment (``DyadAssignment.direction``); the views do
  the same in SQL, so a changed analysis changes the direction without a rescoring.

:meth:`EventReader.read` returns the events in text order; the statement's event is the first
(the main clause's verb comes first in news English: "X accused Y of …").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tracker.models import DyadAssignment
from tracker.scoring.diplomacy.phrases import PhraseIndex, PhraseMatch
from tracker.scoring.diplomacy.rules import is_negator
from tracker.scoring.diplomacy.tokens import Tokens
from tracker.scoring.events.dictionary import (
    ROOT_GOLDSTEIN,
    EventDictionary,
    EventPattern,
    is_cooperative,
    quad_class,
)

ACT, THREAT, PROMISE, PROPOSAL, REFUSAL = "act", "threat", "promise", "proposal", "refusal"
DEMAND, APPEAL = "demand", "appeal"
MODES = (ACT, THREAT, PROMISE, PROPOSAL, REFUSAL, DEMAND, APPEAL)
SPEAKER, OTHER = "speaker", "other"  # who acts: the speaker's side, or the other side
THREATEN, INTEND, REJECT, ASK, INSIST = "13", "03", "12", "02", "10"

# Stems of the cue words: a word starting with one of them is that cue.
_CUES = (
    (THREAT, ("threaten", "warn")),
    (PROMISE, ("pledg", "promis", "vow", "agree", "commit", "plan", "intend", "ready")),
    (PROMISE, ("willing", "prepared", "decide", "determined")),
    (PROPOSAL, ("offer", "propos", "suggest")),
    (REFUSAL, ("refus", "declin")),
)
# Cues whose addressee may stand between cue and act: "urged Moscow to lift", "demanded that
# Washington extradite".
_ASKING = (
    (DEMAND, ("demand", "request", "insist", "want")),
    (APPEAL, ("urg", "call", "appeal", "ask", "press")),
)
_ADDRESSEE_WINDOW = 7  # "called on the United States on Saturday to extradite"
_SPECULATION = frozenset({"may", "might", "could", "possibly", "perhaps", "maybe", "mulls"})
# An act said to be held back is not done: "slow to show solidarity", "reluctant to lift".
_WITHHOLDING = frozenset({"slow", "reluctant", "hesitant", "unwilling", "loath"})
_NOUN_PHRASE_OPENERS = frozenset(
    {"the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those", "our"}
    | {"my", "your", "whose"}
)
# Endings of nouns made from a verb: a one-word stem pattern reads verbs ("condemned"), and the
# noun ("the condemnation", "deployments") names an act without reporting one.
_NOUN_ENDINGS = (
    *("tion", "tions", "ion", "ions", "ment", "ments", "ence", "ences", "ance", "ances"),
    *("ies", "ers", "ors", "ings"),
)
_FUTURE = frozenset({"would", "will", "'ll", "shall"})
_REFUSED_FUTURES = frozenset({"won't", "wouldn't", "shan't", "won’t", "wouldn’t"})
# A future act on a condition, or "forced to" take it, is a threat: "if …, we will back away".
_CONDITIONALS = frozenset({"if", "unless"})
_COMPELLED = frozenset({"forced", "compelled", "obliged"})
_FIRST_PERSON = frozenset({"we", "i"})
_FIRST_PERSON_PATIENT = frozenset({"our", "my", "us", "me"})
_PASSIVE_AUXILIARIES = frozenset({"was", "were", "is", "are", "been", "being", "be"})
_SUBJECT_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "i", "you"})
_MODIFIER_WINDOW = 3
_AGENT_WINDOW = 5


@dataclass(frozen=True)
class EventReading:
    """One event read in a text: the coded category and intensity, the mode it was read in,
    the act's own category, who acts, and the pieces from the cue (or act) to the act's end."""

    cameo: str
    goldstein: float
    mode: str
    act_cameo: str
    pattern: str
    agent: str | None
    first: int
    last: int

    @property
    def quad_class(self) -> str:
        return quad_class(self.cameo)


def _cue(word: str) -> str | None:
    for mode, stems in _CUES:
        if word.startswith(stems):
            return mode
    return None


def event_direction(agent: str | None, assignment: DyadAssignment) -> str | None:
    """Who acts on whom in a relation: the assignment's direction (speaker's side → other
    side) as is, turned round, or None when the clause does not name the agent."""
    source, sep, target = assignment.direction.partition("\u2192")
    if not sep or agent is None:
        return None
    return assignment.direction if agent == SPEAKER else f"{target}\u2192{source}"


class EventReader:
    """The event dictionary indexed for matching, and the clause rules that read a match."""

    def __init__(self, dictionary: EventDictionary) -> None:
        self.dictionary = dictionary
        self._patterns = dictionary.patterns
        self._index = PhraseIndex(p.as_phrase() for p in dictionary.patterns.values())

    def read(self, tokens: Tokens) -> list[EventReading]:
        """The events of a text in text order (see the module's contract)."""
        matches = self._index.find(tokens, [False] * len(tokens))
        if not matches:
            return []
        cue_of: dict[int, tuple[int, str]] = {}
        for match in matches:
            cue = _modal_cue(tokens, match.first)
            if cue is not None:
                cue_of[match.first] = cue
        used_cues = {k for k, _ in cue_of.values()}
        out: list[EventReading] = []
        read_cues: set[int] = set()
        for match in matches:
            cue = cue_of.get(match.first)
            if cue is None and used_cues.intersection(match.positions):
                continue  # "threatened" as the cue of "threatened to impose …"
            if cue is not None:
                if cue[0] in read_cues:
                    continue  # "urged X to extradite or arrest …": one appeal
                read_cues.add(cue[0])
            pattern = self._patterns[match.phrase.term]
            reading = _read(tokens, match, pattern, cue)
            if reading is not None:
                out.append(reading)
        return out


def _asking(word: str) -> str | None:
    for mode, stems in _ASKING:
        if word.startswith(stems):
            return mode
    return None


def _asking_cue(tokens: Tokens, i: int) -> tuple[int, str] | None:
    """A demand or appeal naming its addressee before the act: "urged Moscow to lift",
    "called on Turkey to extradite", "demanded that Washington extradite"."""
    words = tokens.words
    window = tokens.window_before(i, _ADDRESSEE_WINDOW + 2)
    for j in reversed(window):
        if words[j] in ("to", "that"):
            for k in reversed(range(max(window.start, j - _ADDRESSEE_WINDOW), j)):
                mode = _asking(words[k])
                if mode is not None and not (k == j - 1 and words[k].startswith("want")):
                    return k, mode  # "wanted to restore ties" is the subject's own wish
            return None
    return None


def _modal_cue(tokens: Tokens, i: int) -> tuple[int, str] | None:
    """(position, mode) of a cue governing the act at ``i``: "pledged to [swiftly] lift",
    "warned [that] it would impose", "urged Moscow to lift"."""
    asking = _asking_cue(tokens, i)
    if asking is not None:
        return asking
    words = tokens.words
    lo = tokens.window_before(i, _AGENT_WINDOW).start
    j = i - 1
    if j >= lo and words[j].endswith("ly"):
        j -= 1
    if j >= lo and words[j] == "to":
        k = j - 1
        mode = _cue(words[k]) if k >= lo else None
        return (k, mode) if mode is not None else None
    if j >= lo and words[j] in _FUTURE:
        k = j - 1
        if k >= lo and words[k] in _SUBJECT_PRONOUNS:
            k -= 1
        if k >= lo and words[k] == "that":
            k -= 1
        mode = _cue(words[k]) if k >= lo else None
        if mode in (THREAT, PROMISE):
            return (k, mode)
    return None


def _negated_or_speculated(tokens: Tokens, i: int, skip: int | None) -> bool:
    words = tokens.words
    for j in tokens.window_before(i, _MODIFIER_WINDOW):
        if j == skip:
            continue
        word = words[j]
        if word in _SPECULATION or word in _WITHHOLDING or is_negator(word):
            return True
        if word == "yet" and j + 1 < len(words) and words[j + 1] == "to":
            return True
    return False


def _refused_for_the_future(tokens: Tokens, i: int) -> bool:
    """ "will not / would not / won't / will never" right before the act (an adverb may stand
    between): the actor says it will not do it."""
    words = tokens.words
    j = i - 1
    if j >= 0 and words[j].endswith("ly"):
        j -= 1
    if j >= 0 and words[j] in _REFUSED_FUTURES:
        return True
    return j >= 1 and words[j] in ("not", "never") and words[j - 1] in _FUTURE


def _agent(tokens: Tokens, anchor: int, act: int) -> str | None:
    words = tokens.words
    window = tokens.window_before(anchor, _AGENT_WINDOW)
    before = [words[j] for j in window]
    passive = act > 0 and words[act - 1] in _PASSIVE_AUXILIARIES and act == anchor
    if passive:
        return OTHER if _FIRST_PERSON_PATIENT.intersection(before) else None
    for word in reversed(before):
        if word in _FIRST_PERSON:
            return SPEAKER
        if word == "you":
            return OTHER
    return None


def _conditional_harm(tokens: Tokens, i: int) -> bool:
    """A hostile act announced for the future on a condition, or as forced on the speaker:
    "if the visas do not come, we will back away from the deal", "we would be forced to
    respond": a threat, not an act that took place."""
    words = tokens.words
    before = tokens.window_before(i, _AGENT_WINDOW)
    future = [j for j in before if words[j] in _FUTURE]
    if not future:
        return False
    if any(words[j] in _COMPELLED for j in before if j > future[-1]):
        return True
    return not _CONDITIONALS.isdisjoint(tokens.vocab)


def _read(
    tokens: Tokens, match: PhraseMatch, pattern: EventPattern, cue: tuple[int, str] | None
) -> EventReading | None:
    words = tokens.words
    first = match.first
    if first > 0 and (words[first - 1] in _NOUN_PHRASE_OPENERS or words[first - 1].endswith("'s")):
        return None  # "the downed jet", "Turkey's downing of …": a name, not a report
    if len(match.positions) == 1 and words[first].endswith(_NOUN_ENDINGS):
        return None
    if cue is None:
        if is_cooperative(pattern.cameo) and _refused_for_the_future(tokens, first):
            return EventReading(
                REJECT, ROOT_GOLDSTEIN[REJECT], REFUSAL, pattern.cameo, pattern.pattern,
                _agent(tokens, first, first), first, match.last,
            )  # fmt: skip
        if _negated_or_speculated(tokens, first, None):
            return None
        agent = _agent(tokens, first, first)
        if not is_cooperative(pattern.cameo) and _conditional_harm(tokens, first):
            return EventReading(
                THREATEN, ROOT_GOLDSTEIN[THREATEN], THREAT, pattern.cameo, pattern.pattern,
                agent, first, match.last,
            )  # fmt: skip
        return EventReading(
            pattern.cameo, pattern.goldstein, ACT, pattern.cameo, pattern.pattern, agent,
            first, match.last,
        )  # fmt: skip
    position, mode = cue
    if position > 0 and words[position - 1] in _NOUN_PHRASE_OPENERS:
        return None  # "the request to extradite …": a demand named, not made
    if _negated_or_speculated(tokens, position, None):
        return None  # "did not threaten to …", "has not offered to …"
    cooperative = is_cooperative(pattern.cameo)
    if mode in (DEMAND, APPEAL):
        cameo = INSIST if mode == DEMAND else ASK
    elif mode == REFUSAL:
        if not cooperative:
            return None
        cameo = REJECT
    elif mode == THREAT or not cooperative:
        cameo = THREATEN
    else:
        cameo = INTEND
    agent = _agent(tokens, position, first)
    return EventReading(
        cameo, ROOT_GOLDSTEIN[cameo], mode, pattern.cameo, pattern.pattern, agent,
        position, match.last,
    )  # fmt: skip


def first_event(readings: Sequence[EventReading]) -> EventReading | None:
    """The statement's event: the first in text order."""
    return readings[0] if readings else None


@dataclass(frozen=True)
class StatementEvent:
    """A statement's (or a relation clause's) event as it is stored: category, quad class,
    Goldstein value, mode, agent and the span that set them (offsets into the statement)."""

    cameo: str
    quad_class: str
    goldstein: float
    mode: str
    agent: str | None
    start: int
    end: int
