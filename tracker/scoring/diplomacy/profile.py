"""The "diplomacy" scoring profile: the state of a relation, not the tone of the words.

Contract
--------
:class:`DiplomacyScorer` scores like VADER (compound in [-1, 1], pos/neu/neg) and is built on
VADER's own machinery, never a copy of it:

1. *Domain lexicon* (``data/lexicon/diplomacy.csv`` plus any ``extra_lexicons``, see
   :mod:`tracker.scoring.diplomacy.lexicon`): single words go into a second VADER analyzer's
   ``lexicon`` dict, so VADER's negation, boosters and "but" rule apply to them as to its own words.
2. *Relation states* (:mod:`tracker.scoring.diplomacy.states`: "relations remain frozen", "thaw the
   frozen ties", "exports to Russia fell by a third"), then *phrases* ("shot down", "restore …
   ties"), matched on VADER's tokens after VADER has scored them: a rule's valence replaces
   the valences of the words it covers and is added to VADER's sum before normalisation,
   like any word's.
   After them, the other words of a capitalised multiword name ("Josh Earnest", "Nuclear
   Security Summit") are silenced (:func:`~tracker.scoring.diplomacy.context.name_words`).
3. *Reversal rules* on measures (:mod:`tracker.scoring.diplomacy.rules`), then *acts between the
   sides* (:mod:`tracker.scoring.diplomacy.acts`: withheld gestures such as "refused to apologise",
   agreements such as "agreed on a plan to stop …" whose purpose is neutralised, accusations
   of shielding a hostile actor, deals one side backs away from), each with
   *negation* and *hedges* (:mod:`tracker.scoring.diplomacy.ledger` applies every rule the same
   way).
4. *Events* (:mod:`tracker.scoring.events`: ``data/events/cameo.csv`` plus any
   ``extra_events``): an act between the sides read as a CAMEO category with a Goldstein value
   (x :data:`EVENT_SCALE` on VADER's scale) pulls the words it spans half-way
   (:data:`EVENT_SHARE`) from their tone towards that intensity where the words say less or
   the opposite: "shot the bomber down", which no VADER word marks, scores hostile; "lifted the
   ban" keeps its reversal's warmth, which already says as much. Events nearer neutral than
   :data:`EVENT_MIN_INTENSITY` (visits, appeals, criticism) leave the score to the words. The
   first event is also returned for storage.
5. *Third-event neutralisation*, *background damping* (a past rupture that only dates a
   warming statement, "for the first time since the shootdown", is neutralised) and
   *concessive clauses* at x0.4 ("…, although he welcomed …") from
   :mod:`tracker.scoring.diplomacy.context`; VADER then normalises the list as usual.

All of it runs inside VADER's ``polarity_scores`` through :class:`TracedAnalyzer`'s hook.
Steps 1, 2, the acts and the context rules apply only to diplomatic text
(:func:`is_diplomatic`, or a statement the analysis assigned to a tracked relation:
``score_explain_and_event(..., relation=True)``, which "a historic visit" needs); the
hostile-measure reversal applies to any text ("the ban on smoking was lifted" is warming);
other text scores exactly as stock VADER. ``score_span`` scores one clause, deciding
"diplomatic" on the whole sentence. ``explain`` lists every contribution (see
:mod:`tracker.scoring.explanation`; the weights add up to the sum VADER normalises).
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from tracker.fingerprint import source_bytes
from tracker.models import Score
from tracker.scoring.diplomacy.acts import (
    Agreement,
    ConditionalThreat,
    abandoned_commitment_words,
    find_agreements,
    find_conditional_threats,
    find_shielding,
    find_unkept_commitments,
    find_withheld_acts,
)
from tracker.scoring.diplomacy.context import (
    BACKGROUND_FACTOR,
    CONCESSIVE_FACTOR,
    FEARED_VALENCE,
    FIRST_CONTACT_VALENCE,
    OPPOSED_RUPTURE_VALENCE,
    REPROACH_VALENCE,
    RUPTURE_EVENTS,
    SOLIDARITY_VALENCE,
    THIRD_EVENT,
    FirstContact,
    background_mask,
    concessive_mask,
    feared_worsening,
    find_third_event,
    first_contact_since,
    is_diplomatic,
    name_words,
    opposed_ruptures,
    overturned_before,
    reproached_relation_words,
    shared_attack_words,
    standards_appeal,
    third_event_words,
    third_threat_words,
    third_topic_words,
    token_triggers,
    unmade_gesture_words,
)
from tracker.scoring.diplomacy.ledger import Ledger
from tracker.scoring.diplomacy.lexicon import default_lexicon_path, load_lexicon
from tracker.scoring.diplomacy.phrases import PhraseIndex, PhraseMatch
from tracker.scoring.diplomacy.relations import other_relation_words, other_side_backing
from tracker.scoring.diplomacy.rules import (
    HEDGE_FACTOR,
    HEDGES,
    NEGATION_FACTOR,
    Action,
    action_negator,
    find_actions,
    hedge_before,
    is_negator,
    negator_before,
)
from tracker.scoring.diplomacy.states import (
    find_exchange_trends,
    find_managed_crises,
    find_relation_states,
    find_state_endings,
)
from tracker.scoring.diplomacy.tokens import Tokens, base_word, normalise_quotes, tokenize
from tracker.scoring.events.dictionary import ROOT_NAMES, default_events_path, load_events
from tracker.scoring.events.reading import EventReader, EventReading, StatementEvent
from tracker.scoring.explanation import Contribution, Explanation, sort_key
from tracker.scoring.vader import (
    ScorerIdentity,
    check_span,
    check_text,
    identity_hash,
    piece_spans,
    run_traced,
    stock_analyzer,
    to_score,
    vader_version,
)
from tracker.text.clauses import split_clauses

__all__ = ["DiplomacyScorer"]

# The code that decides a diplomacy score, hashed after the lexicons: the shared names (models),
# the text helpers (clauses), VADER's hook, the clause scoring and every rule module.
SOURCE_PACKAGES = ("models.py", "text", "scoring")
# An event's Goldstein value (-10 .. +10) on VADER's valence scale: -10 is -3.0, a strongly
# hostile word ("attack" is -2.1, "war" -2.9).
EVENT_SCALE = 0.3
# How far an event pulls the words it spans from their tone towards its intensity.
EVENT_SHARE = 0.5
# Events closer to neutral than this (Goldstein 1992: statements 0, consulting +1, appeals +3,
# diplomatic cooperation +3.5, disapproval and investigation -2) are stored but leave the
# score to the words: how warm a visit or a criticism is, the words say better than the
# category.
EVENT_MIN_INTENSITY = 4.0
# Lexicon words that set a condition: VADER's negation of the words before them is the main
# verb's ("will not be restored unless …").
CONDITION_WORDS = frozenset({"unless"})


def rule_source_bytes() -> list[bytes]:
    return source_bytes(*SOURCE_PACKAGES)


class DiplomacyScorer:
    """Relation-state scorer for news about diplomacy (profile name "diplomacy")."""

    name = "diplomacy"

    def __init__(
        self, extra_lexicons: Sequence[Path] = (), extra_events: Sequence[Path] = ()
    ) -> None:
        self.lexicon = load_lexicon([default_lexicon_path(), *(Path(p) for p in extra_lexicons)])
        self.events = load_events([default_events_path(), *(Path(p) for p in extra_events)])
        self._events = EventReader(self.events)
        self._stock = stock_analyzer()
        # A shallow copy shares VADER's emoji table; only the lexicon dict is our own.
        self._domain = copy.copy(self._stock)
        self._domain.lexicon = {**self._stock.lexicon, **self.lexicon.words}
        # Domain terms at 0.0 that silence a VADER word: the explanation shows them.
        self._silencing = frozenset(
            w for w, v in self.lexicon.words.items() if v == 0 and self._stock.lexicon.get(w)
        )
        self._phrases = PhraseIndex(self.lexicon.phrases)
        parts = [*self.lexicon.file_bytes, *self.events.file_bytes, *rule_source_bytes()]
        self._identity = ScorerIdentity(self.name, vader_version(), identity_hash(parts))

    @property
    def identity(self) -> ScorerIdentity:
        return self._identity

    def score(self, text: str) -> Score:
        return to_score(self._run(check_text(text), text, None))

    def score_span(self, text: str, start: int, end: int) -> Score:
        check_span(check_text(text), start, end)
        return to_score(self._run(text[start:end], text, None))

    def explain(self, text: str) -> Explanation:
        return self.score_and_explain(text)[1]

    def explain_span(self, text: str, start: int, end: int) -> Explanation:
        return self.score_and_explain_span(text, start, end)[1]

    def score_and_explain(self, text: str) -> tuple[Score, Explanation]:
        """Both from one pass (what the pipeline stores)."""
        return self._explain(check_text(text), 0, len(text))

    def score_and_explain_span(self, text: str, start: int, end: int) -> tuple[Score, Explanation]:
        check_span(check_text(text), start, end)
        return self._explain(text, start, end)

    def score_and_explain_json(
        self, text: str, span: tuple[int, int] | None = None
    ) -> tuple[Score, str]:
        score, json_text, _ = self.score_explain_and_event(text, span)
        return score, json_text

    def score_explain_and_event(
        self,
        text: str,
        span: tuple[int, int] | None = None,
        *,
        relation: bool = False,
        dyad: str | None = None,
    ) -> tuple[Score, str, StatementEvent | None]:
        """The score, the stored explanation and the event of the text (or of one clause).

        ``relation``: the analysis assigned the statement to a tracked relation, so it is
        diplomatic even when it names no side ("the resumption of charter flights").
        ``dyad``: score for this one of the statement's relations: the other relation's
        relation terms ("the rapprochement between Russia and Turkey" for Turkey–West) are
        neutralised (:mod:`tracker.scoring.diplomacy.relations`)."""
        start, end = (0, len(check_text(text))) if span is None else span
        if span is not None:
            check_span(check_text(text), start, end)
        score, explanation, event = self._explain_with_event(text, start, end, relation, dyad)
        return score, explanation.to_json_text(), event

    def split_clauses(self, text: str) -> list[tuple[int, int]]:
        return split_clauses(check_text(text))

    # -- scoring ------------------------------------------------------------------------

    def _run(
        self,
        text: str,
        gate_text: str,
        sink: list[Ledger] | None,
        relation: bool = False,
        dyad: str | None = None,
    ) -> dict[str, Any]:
        work = normalise_quotes(text)
        tokens = tokenize(work)
        diplomatic, measure = token_triggers(tokens)
        if relation:
            diplomatic = True
        elif gate_text is not text:
            diplomatic = is_diplomatic(normalise_quotes(gate_text))
        if sink is None and not diplomatic and not measure:
            result: dict[str, Any] = self._stock.polarity_scores(work)
            return result
        analyzer = self._domain if diplomatic else self._stock
        adjust = functools.partial(
            self._adjust, tokens=tokens, diplomatic=diplomatic, sink=sink, dyad=dyad
        )
        return run_traced(analyzer, work, adjust)

    def _adjust(
        self,
        sentiments: list[float],
        text: str,
        *,
        tokens: Tokens,
        diplomatic: bool,
        sink: list[Ledger] | None,
        dyad: str | None = None,
    ) -> list[float]:
        if len(tokens) != len(sentiments) or tokens.text.strip() != text:
            tokens = tokenize(text)  # VADER spelled out an emoji: work on its pieces
            if len(tokens) != len(sentiments):
                return sentiments
        ledger = Ledger(tokens, sentiments, diplomatic, explain=sink is not None)
        if sink is not None:
            sink.append(ledger)
        if diplomatic:
            # States first: in "thaw the frozen ties" the thaw, not the phrase "frozen … ties".
            for hit in find_state_endings(tokens, ledger.taken):
                ledger.apply(hit)
            for hit in find_managed_crises(tokens, ledger.taken):
                ledger.apply(hit)
            for hit in find_relation_states(tokens, ledger.taken):
                ledger.apply(hit)
            for hit in find_exchange_trends(tokens, ledger.taken):
                ledger.apply(hit)
            if self._phrases:
                for match in self._phrases.find(tokens, ledger.taken):
                    _apply_phrase(ledger, match)
            if "unless" in tokens.vocab:
                self._keep_conditions(ledger)
            # After the phrases, which know their names ("United States", "Security Council").
            _neutralise_names(ledger)
        for action in find_actions(tokens, ledger.taken, cooperative=diplomatic):
            _apply_action(ledger, action)
        if diplomatic:
            for hit in find_withheld_acts(tokens, ledger.taken):
                ledger.apply(hit)
            for hit in find_unkept_commitments(tokens, ledger.taken):
                ledger.apply(hit)
            for hit in find_shielding(tokens, ledger.taken):
                ledger.apply(hit)
            for threat in find_conditional_threats(tokens, ledger.taken):
                ledger.apply(threat.hit)
                _neutralise_demand(ledger, threat)
            _neutralise_abandoned(ledger)
            for agreement in find_agreements(tokens, ledger.taken):
                ledger.apply(agreement.hit)
                _neutralise_purpose(ledger, agreement)
            self._hedge_domain_terms(ledger)
            self._neutralise_third_events(ledger)
            _read_shared_attacks(ledger)
            _neutralise_third_topics(ledger)
            _neutralise_third_threats(ledger)
            _read_reproaches(ledger)
            _read_standards_appeal(ledger)
            _read_unmade_gestures(ledger)
            _read_feared_worsening(ledger)
            _read_opposed_ruptures(ledger)
            if dyad is not None:
                _neutralise_other_relation(ledger, dyad)
            first_since = first_contact_since(tokens)
            if first_since is not None:
                _read_first_contact(ledger, first_since)
            # Read once: the events and the damping both need it.
            background = background_mask(tokens, first_since)
            ledger.events = _acts_of_the_statement(self._events.read(tokens), background)
            for reading in ledger.events:
                _weigh_event(ledger, reading)
            dating = first_since.since if first_since and first_since.dates_rest else None
            self._damp_background(ledger, background, dating)
            _weigh_concessions(ledger)
            _turn_overturned(ledger)
        return ledger.values

    def _hedge_domain_terms(self, ledger: Ledger) -> None:
        words = ledger.tokens.words
        if HEDGES.isdisjoint(ledger.tokens.vocab):
            return
        for i, word in enumerate(words):
            if ledger.taken[i] or not ledger.values[i] or word not in self.lexicon.words:
                continue
            hedge = hedge_before(ledger.tokens, i)
            if hedge is not None:
                note = f"'{words[hedge]}' makes '{word}' tentative (x{HEDGE_FACTOR})"
                ledger.scale(i, HEDGE_FACTOR, "hedge", note, by=hedge)

    def _keep_conditions(self, ledger: Ledger) -> None:
        """ "Ties will not be restored unless Ankara apologises": the "not" negates the main
        verb, not the condition, which VADER's three-word negation would turn round."""
        words = ledger.tokens.words
        for i, word in enumerate(words):
            value = self.lexicon.words.get(word)
            if word in CONDITION_WORDS and value is not None and ledger.values[i] * value < 0:
                note = f"'{word}' sets a condition; a negation before it is the main verb's"
                ledger.scale(i, value / ledger.values[i], "domain_term", note)

    def _neutralise_third_events(self, ledger: Ledger) -> None:
        finding = find_third_event(ledger.tokens, ledger.values)
        if finding is None:
            return
        words = ledger.tokens.words
        for s in finding.solidarity:
            if ledger.taken[s]:  # "expressed regret" already counts as a phrase
                continue
            was = ledger.vader[s]
            ledger.values[s] = SOLIDARITY_VALENCE
            ledger.taken[s] = True
            note = f"'{words[s]}' + a third event (coup, attack, death …): sympathy with its target"
            if was:
                note += f"; replaces VADER's {was:+.2f}"
            ledger.add(s, s, "third_event_neutralised", SOLIDARITY_VALENCE, note)
        for m in finding.misdirected:
            if ledger.values[m] > 0 and not ledger.taken[m]:
                note = f"'{words[m]}' goes to a hostile actor, not to the other side"
                ledger.scale(m, 0.0, "third_event_neutralised", note)
        if not finding.neutralise:
            return
        cue = words[(finding.cues or finding.solidarity)[0]]
        for i in finding.neutralise:
            if ledger.taken[i] or not ledger.values[i]:
                continue
            note = f"third-event word in a statement of '{cue}': not about the relation"
            ledger.scale(i, 0.0, "third_event_neutralised", note)

    def _damp_background(
        self, ledger: Ledger, mask: list[bool] | None, dating: int | None = None
    ) -> None:
        """``dating``: the "since" of a first contact; what follows it only dates it."""
        if mask is None:
            return
        values = ledger.values
        foreground = sum(v for v, m in zip(values, mask, strict=True) if not m)
        if foreground <= 0 or not any(m and v < 0 for v, m in zip(values, mask, strict=True)):
            return
        events = set(third_event_words(ledger.tokens, values, THIRD_EVENT))
        words = ledger.tokens.words
        for i, in_background in enumerate(mask):
            if not in_background or values[i] >= 0:
                continue
            first, last = ledger.span_of(i)
            covered = {base_word(w) for w in words[first : last + 1]}
            if dating is not None and i > dating:
                note = "the rupture a first contact is dated by ('the first call since …')"
                ledger.scale(i, 0.0, "clause", note)
            elif i in events or not covered.isdisjoint(THIRD_EVENT):
                note = "third event in the background of a warming statement"
                ledger.scale(i, 0.0, "third_event_neutralised", note)
            elif not covered.isdisjoint(RUPTURE_EVENTS):
                note = "a past rupture that only dates a warming statement ('since the crisis')"
                ledger.scale(i, 0.0, "clause", note)
            else:
                note = f"background clause of a warming statement (x{BACKGROUND_FACTOR})"
                ledger.scale(i, BACKGROUND_FACTOR, "clause", note)

    # -- explanations -------------------------------------------------------------------

    def _explain(self, source: str, start: int, end: int) -> tuple[Score, Explanation]:
        score, explanation, _ = self._explain_with_event(source, start, end)
        return score, explanation

    def _explain_with_event(
        self, source: str, start: int, end: int, relation: bool = False, dyad: str | None = None
    ) -> tuple[Score, Explanation, StatementEvent | None]:
        text = source[start:end]
        sink: list[Ledger] = []
        scores = self._run(text, source, sink, relation, dyad)
        if not sink:
            return to_score(scores), Explanation(self.name, scores["compound"], ()), None
        ledger = sink[0]
        # Curly quotes were folded one for one: search the folded text, slice the source.
        spans = piece_spans(normalise_quotes(text), start, ledger.tokens.text)
        event = None
        if ledger.events:
            lead = ledger.events[0]
            event = StatementEvent(
                lead.cameo,
                lead.quad_class,
                lead.goldstein,
                lead.mode,
                lead.agent,
                spans[lead.first][0],
                spans[lead.last][1],
            )
        out: list[Contribution] = []
        for first, last, kind, weight, note in ledger.items or ():
            a, b = spans[first][0], spans[last][1]
            out.append(Contribution(a, b, source[a:b], kind, weight, note))
        analyzer = self._domain if ledger.diplomatic else self._stock
        domain_words = self.lexicon.words if analyzer is self._domain else {}
        stock = self._stock.lexicon
        taken, words = ledger.taken, ledger.tokens.words
        silencing = self._silencing if domain_words else frozenset()
        # Most words weigh nothing: look at them only when a silencing term is among them.
        zeros = not silencing.isdisjoint(ledger.tokens.vocab)
        for i, value in enumerate(ledger.vader):
            if taken[i] or not (value or zeros):
                continue
            word = words[i]
            if not value:
                # A domain term that silences VADER's word ("stressed" as emphasis) moved the
                # score too: show it with its zero weight.
                if word in silencing:
                    a, b = spans[i]
                    note = f"domain lexicon 0.0 replaces VADER's {stock[word]:+.1f}"
                    out.append(Contribution(a, b, source[a:b], "domain_term", 0.0, note))
                continue
            a, b = spans[i]
            raw = analyzer.lexicon.get(word)
            kind = "domain_term" if word in domain_words else "vader_token"
            note = "VADER rule" if raw is None else f"lexicon {raw:+.1f}"
            if kind == "domain_term":
                note = "domain " + note
            if raw is not None and abs(raw - value) > 1e-9:
                note += ", after VADER's modifiers"
            out.append(Contribution(a, b, source[a:b], kind, value, note))
        if (start, end) != (0, len(source)):
            out.append(
                Contribution(
                    start, end, text, "clause", 0.0, f"clause {start}-{end} scored on its own"
                )
            )
        out.sort(key=sort_key)
        emphasis = analyzer._punctuation_emphasis(ledger.tokens.text)
        explanation = Explanation(self.name, scores["compound"], tuple(out), emphasis)
        return to_score(scores), explanation, event


def _apply_phrase(ledger: Ledger, match: PhraseMatch) -> None:
    phrase = match.phrase
    note = f"'{phrase.term}' {phrase.valence:+.1f}"
    if phrase.note:
        note += f": {phrase.note}"
    negator = negator_before(ledger.tokens, match.first)
    if negator is None and match.last - match.first >= len(match.positions):
        # A negation in the phrase's gap is the phrase's own: "the chapter will not be opened".
        words = ledger.tokens.words
        gap = (j for j in range(match.first + 1, match.last) if j not in match.positions)
        negator = next((j for j in gap if is_negator(words[j])), None)
    ledger.set_rule(
        match.positions, match.first, phrase.valence, "phrase", note, match.first, negator
    )


def _apply_action(ledger: Ledger, action: Action) -> None:
    # The value sits on the measure: in "sanctions imposed after … were lifted" the
    # measure, not the verb, stands in the main clause (see _damp_background).
    negator = action_negator(ledger.tokens, action)
    positions = (action.verb, action.head)
    ledger.set_rule(
        positions, action.head, action.valence, "reversal", action.rule, action.verb, negator
    )


def _acts_of_the_statement(
    readings: list[EventReading], mask: list[bool] | None
) -> list[EventReading]:
    """The events a statement reports, without those it only recalls as background ("since
    Turkey shot down a Russian bomber", "after the expulsions"): a recap is dated by the
    statement, so storing it would count the old act again in a later period."""
    if mask is None or not readings:
        return readings
    return [r for r in readings if not any(mask[r.first : r.last + 1])]


def _weigh_event(ledger: Ledger, reading: EventReading) -> None:
    """Pull the words an event spans half-way from their tone towards its intensity."""
    if abs(reading.goldstein) < EVENT_MIN_INTENSITY:
        return
    positions = range(reading.first, reading.last + 1)
    values = ledger.values
    tone = sum(values[p] for p in positions)
    anchor = max(positions, key=lambda p: abs(values[p])) if tone else reading.last
    target = reading.goldstein * EVENT_SCALE * ledger.but_factor(anchor)
    if tone * target > 0 and abs(tone) >= abs(target):
        return  # the words already say as much: the act adds nothing
    weight = EVENT_SHARE * (target - tone)
    values[anchor] += weight
    if ledger.items is None:
        return
    name = ROOT_NAMES[reading.cameo]
    note = f"CAMEO {reading.cameo} {name} ({reading.quad_class})"
    note += f", Goldstein {reading.goldstein:+.1f}"
    if reading.mode != "act":
        note += f": {reading.mode} of a {ROOT_NAMES[reading.act_cameo]} act"
    if reading.agent is not None:
        note += f"; acting: the {reading.agent}"
    note += f"; intensity {target:+.2f} with the words' {tone:+.2f}, half-way"
    first, last = ledger.span_of(anchor)
    ledger.add(min(first, reading.first), max(last, reading.last), "event", weight, note)


def _neutralise_purpose(ledger: Ledger, agreement: Agreement) -> None:
    """What two sides agree to stop or fight is not their relation: "to stop the flow …"."""
    words = ledger.tokens.words
    cue = words[agreement.hit.anchor]
    for i in agreement.purpose:
        if ledger.taken[i] or ledger.values[i] >= 0:
            continue
        note = f"object of an agreement ('{cue}'): what the sides act on, not their relation"
        ledger.scale(i, 0.0, "third_event_neutralised", note)


def _neutralise_demand(ledger: Ledger, threat: ConditionalThreat) -> None:
    """What a threat's condition asks for ("by granting visa-free travel") is the demand, not
    warmth between the sides: its positive values are dropped (a reproach in it stays)."""
    for i in threat.condition:
        if ledger.values[i] > 0:
            note = "what a threat's condition demands, not the relation's state"
            ledger.scale(i, 0.0, "clause", note)


def _silence(ledger: Ledger, positions: Iterable[int], kind: str, says: str) -> None:
    """Drop the tone of the words at ``positions`` that no rule has taken; ``says`` completes
    the note after the quoted word ("'ally' is …")."""
    words = ledger.tokens.words
    for i in positions:
        if not ledger.taken[i]:
            ledger.scale(i, 0.0, kind, f"'{words[i]}' {says}")


def _neutralise_abandoned(ledger: Ledger) -> None:
    """A deal one side backs away from is what it abandons, not warmth between the sides."""
    found = abandoned_commitment_words(ledger.tokens, ledger.values)
    _silence(
        ledger, found, "clause", "is a commitment being abandoned, not warmth between the sides"
    )


def _neutralise_third_topics(ledger: Ledger) -> None:
    """What the sides handle is not their relation: "the refugee crisis", "illegal migration"."""
    found = third_topic_words(ledger.tokens, ledger.values)
    says = "qualifies a matter the sides handle (refugees, migration …)"
    _silence(ledger, found, "third_event_neutralised", says)


def _neutralise_third_threats(ledger: Ledger) -> None:
    """A third party's threat is what the sides face: "the terrorist threat", "a threat of …"."""
    found = third_threat_words(ledger.tokens, ledger.values)
    says = "is a third party's threat (terrorism, migration …), not the relation"
    _silence(ledger, found, "third_event_neutralised", says)


def _neutralise_names(ledger: Ledger) -> None:
    """A name's words are not tone: "Josh Earnest", "Nuclear Security Summit"."""
    words = ledger.tokens.words
    for i in name_words(ledger.tokens, ledger.values):
        if not ledger.taken[i]:
            note = f"'{words[i]}' is part of a proper name, not a word of tone"
            ledger.scale(i, 0.0, "domain_term", note)


def _read_shared_attacks(ledger: Ledger) -> None:
    """ "An attack on one of us is an attack on all": solidarity, the first word carries it."""
    found = shared_attack_words(ledger.tokens)
    words = ledger.tokens.words
    for k, i in enumerate(found):
        if ledger.taken[i]:
            continue
        value = SOLIDARITY_VALENCE if k == 0 else 0.0
        was = ledger.values[i]
        ledger.values[i] = value
        ledger.taken[i] = True
        note = f"'{words[i]}' in an attack on one taken as an attack on all: solidarity"
        if was:
            note += f"; replaces VADER's {was:+.2f}"
        ledger.add(i, i, "third_event_neutralised", value, note)


def _read_reproaches(ledger: Ledger) -> None:
    """Praise words used to reproach: "if we are really allies", "tensions with its partners"."""
    doubted, parties = reproached_relation_words(ledger.tokens)
    words = ledger.tokens.words
    for i in doubted:
        value = ledger.values[i]
        if ledger.taken[i] or value <= 0:
            continue
        note = f"'{words[i]}' with its loyalty questioned: a reproach ({REPROACH_VALENCE:+.1f})"
        ledger.scale(i, REPROACH_VALENCE / value, "clause", note)
    for i in parties:
        if ledger.taken[i] or ledger.values[i] <= 0:
            continue
        note = f"'{words[i]}' only names a party to a hostile state"
        ledger.scale(i, 0.0, "clause", note)


def _read_standards_appeal(ledger: Ledger) -> None:
    """ "Called on Turkey to protect freedom of expression": a rebuke on standards."""
    found = standards_appeal(ledger.tokens)
    if found is None:
        return
    cue, standard, clause = found
    words, values = ledger.tokens.words, ledger.values
    for j in clause:
        if values[j] > 0:
            note = f"'{words[j]}' praises a standard the other side is asked to meet"
            ledger.scale(j, 0.0, "clause", note)
    value = REPROACH_VALENCE * ledger.but_factor(cue)
    values[cue] += value
    note = f"'{words[cue]} … {words[standard]}': an appeal on the other side's standards"
    note += f" is a reproach ({REPROACH_VALENCE:+.1f})"
    ledger.add(cue, standard, "clause", value, note)


def _read_unmade_gestures(ledger: Ledger) -> None:
    """ "Nobody from the bloc came to offer condolences": a gesture withheld, a reproach."""
    words = ledger.tokens.words
    for i in unmade_gesture_words(ledger.tokens, ledger.values):
        note = f"'{words[i]}' is a gesture nobody made: a reproach (x{NEGATION_FACTOR})"
        ledger.scale(i, NEGATION_FACTOR, "negation", note)


def _read_feared_worsening(ledger: Ledger) -> None:
    """ "We hope relations will not get any worse": a crisis presupposed, not a warm hope."""
    words = ledger.tokens.words
    values = ledger.values
    for h, w in feared_worsening(ledger.tokens):
        if values[h] > 0:
            note = f"'{words[h]}' that things will not get worse: no warmth"
            ledger.scale(h, 0.0, "clause", note)
        note = f"'{words[w]}' feared: the relation is in a crisis ({FEARED_VALENCE:+.1f})"
        if values[w]:
            ledger.scale(w, FEARED_VALENCE / values[w], "clause", note)
        else:
            values[w] = FEARED_VALENCE
            ledger.add(w, w, "clause", FEARED_VALENCE, note)


def _read_opposed_ruptures(ledger: Ledger) -> None:
    """ "It would be a grave error to end the talks": the speaker argues for the relation."""
    words = ledger.tokens.words
    values = ledger.values
    for found in opposed_ruptures(ledger.tokens, values):
        for j in found.judges:
            if values[j]:
                note = f"'{words[j]}' judges a rupture harmful: no hostility between the sides"
                ledger.scale(j, 0.0, "clause", note)
        positions = tuple(range(found.verb, found.head + 1))
        tone = sum(values[p] for p in positions)
        value = OPPOSED_RUPTURE_VALENCE * ledger.but_factor(found.verb)
        for p in positions:
            values[p] = 0.0
            ledger.taken[p] = True
        values[found.head] = value
        note = f"'{words[found.verb]} … {words[found.head]}' is a rupture argued against"
        note += f" ({OPPOSED_RUPTURE_VALENCE:+.1f}); replaces {tone:+.2f}"
        ledger.add(found.verb, found.head, "clause", value - tone, note)


def _neutralise_other_relation(ledger: Ledger, dyad: str) -> None:
    """ "Concerned about the rapprochement between Russia and Turkey", scored for Turkey–West:
    the rapprochement is the other relation's."""
    words = ledger.tokens.words
    for i in other_relation_words(ledger.tokens, ledger.values, dyad, ledger.spans):
        note = f"'{words[i]}' speaks of the other relation, not of {dyad}"
        ledger.scale(i, 0.0, "clause", note)
    for i in other_side_backing(ledger.tokens, ledger.values, dyad, ledger.spans):
        note = f"'{words[i]}' is the other relation's partner backing Turkey, not {dyad}"
        ledger.scale(i, 0.0, "clause", note)


def _read_first_contact(ledger: Ledger, found: FirstContact) -> None:
    """ "The first direct contact since …": a contact resumed after a rupture."""
    first, noun = found.first, found.noun
    if any(ledger.taken[first : noun + 1]):
        return
    words = ledger.tokens.words
    note = f"'first {words[noun]} since': a contact resumed after a rupture"
    positions = (first, noun)
    ledger.set_rule(positions, noun, FIRST_CONTACT_VALENCE, "phrase", note, first, None)


def _turn_overturned(ledger: Ledger) -> None:
    """ "…, but that all changed": the state reported before the "but" is over."""
    turn = overturned_before(ledger.tokens)
    if turn is None:
        return
    for i in range(turn):
        if ledger.values[i]:
            note = (
                f"'{ledger.tokens.words[i]}' is a state said to have changed (x{NEGATION_FACTOR})"
            )
            ledger.scale(i, NEGATION_FACTOR, "negation", note)


def _weigh_concessions(ledger: Ledger) -> None:
    """A concessive clause counts half: "slow to show solidarity, although he welcomed …"."""
    mask = concessive_mask(ledger.tokens)
    if mask is None or all(mask[1:]):
        return
    for i, conceded in enumerate(mask):
        if conceded and ledger.values[i]:
            note = f"concessive clause (x{CONCESSIVE_FACTOR})"
            ledger.scale(i, CONCESSIVE_FACTOR, "clause", note)
