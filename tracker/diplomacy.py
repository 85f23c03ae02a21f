"""The "diplomacy" scoring profile: the state of a relation, not the tone of the words.

Contract
--------
:class:`DiplomacyScorer` scores like VADER (compound in [-1, 1], pos/neu/neg) and is built on
VADER's own machinery, never a copy of it:

1. *Domain lexicon* (``data/lexicon/diplomacy.csv`` plus any ``extra_lexicons``, see
   :mod:`tracker.lexicon`): single words go into a second VADER analyzer's ``lexicon`` dict,
   so VADER's negation, boosters and "but" rule apply to them as to its own words.
2. *Phrases* ("shot down", "restore … ties") are matched on VADER's tokens after VADER has
   scored them; the phrase's valence replaces the valences of the words it covers and is
   added to VADER's sum before normalisation, like any word's.
3. *Reversal rules*, *negation* and *hedges* (:mod:`tracker.diplomacy_rules`), then
   *third-event neutralisation* and *background damping* (:mod:`tracker.diplomacy_context`)
   adjust that list of per-word valences; VADER then normalises it as usual.

All of it runs inside VADER's ``polarity_scores`` through :class:`TracedAnalyzer`'s hook.
Steps 1, 2 and the context rules apply only to diplomatic text (:func:`is_diplomatic`); the
hostile-measure reversal applies to any text ("the ban on smoking was lifted" is warming);
other text scores exactly as stock VADER. ``score_span`` scores one clause, deciding
"diplomatic" on the whole sentence. ``explain`` lists every contribution (see
:mod:`tracker.explanation`; the weights add up to the sum VADER normalises).
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tracker import diplomacy_context, diplomacy_rules, diplomacy_tokens, lexicon
from tracker.diplomacy_context import (
    BACKGROUND_FACTOR,
    SOLIDARITY_VALENCE,
    THIRD_EVENT,
    background_mask,
    find_third_event,
    is_diplomatic,
    split_clauses,
    third_event_words,
    token_triggers,
)
from tracker.diplomacy_rules import (
    HEDGE_FACTOR,
    HEDGES,
    NEGATION_FACTOR,
    Action,
    PhraseIndex,
    PhraseMatch,
    action_negator,
    find_actions,
    hedge_before,
    negator_before,
)
from tracker.diplomacy_tokens import Tokens, base_word, normalise_quotes, tokenize
from tracker.explanation import Contribution, Explanation, sort_key
from tracker.lexicon import default_lexicon_path, load_lexicon
from tracker.models import Score
from tracker.vader_scorer import (
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

__all__ = ["DiplomacyScorer", "split_clauses"]

# Source files whose bytes enter the identity hash after the lexicons, in this order.
RULE_MODULES = (diplomacy_tokens, diplomacy_rules, diplomacy_context, lexicon)


def rule_source_bytes() -> list[bytes]:
    files = [Path(m.__file__ or "") for m in RULE_MODULES] + [Path(__file__)]
    return [f.read_bytes() for f in files]


class _Ledger:
    """Per-call working state: VADER's valences, our adjusted ones, and what moved them."""

    def __init__(
        self, tokens: Tokens, values: list[float], diplomatic: bool, explain: bool
    ) -> None:
        self.tokens = tokens
        self.diplomatic = diplomatic
        self.vader = list(values)
        self.values = list(values)
        self.taken = [False] * len(values)
        self.spans: dict[int, tuple[int, int]] = {}  # rule anchor -> (first, last) piece
        self.items: list[tuple[int, int, str, float, str]] | None = [] if explain else None
        words = tokens.words
        self.but = words.index("but") if "but" in words else None

    def but_factor(self, i: int) -> float:
        """VADER's "but" rule for values we set ourselves: x0.5 before, x1.5 after."""
        if self.but is None or i == self.but:
            return 1.0
        return 0.5 if i < self.but else 1.5

    def add(self, first: int, last: int, kind: str, weight: float, note: str) -> None:
        if self.items is not None:
            self.items.append((first, last, kind, weight, note))

    def scale(self, i: int, factor: float, kind: str, note: str, by: int | None = None) -> None:
        old = self.values[i]
        self.values[i] = old * factor
        first, last = self.spans.get(i, (i, i))
        self.add(min(first, by if by is not None else first), last, kind, old * factor - old, note)


class DiplomacyScorer:
    """Relation-state scorer for news about diplomacy (profile name "diplomacy")."""

    name = "diplomacy"

    def __init__(self, extra_lexicons: Sequence[Path] = ()) -> None:
        self.lexicon = load_lexicon([default_lexicon_path(), *(Path(p) for p in extra_lexicons)])
        self._stock = stock_analyzer()
        # A shallow copy shares VADER's emoji table; only the lexicon dict is our own.
        self._domain = copy.copy(self._stock)
        self._domain.lexicon = {**self._stock.lexicon, **self.lexicon.words}
        self._phrases = PhraseIndex(self.lexicon.phrases)
        parts = [*self.lexicon.file_bytes, *rule_source_bytes()]
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

    def split_clauses(self, text: str) -> list[tuple[int, int]]:
        return split_clauses(check_text(text))

    # -- scoring ------------------------------------------------------------------------

    def _run(self, text: str, gate_text: str, sink: list[_Ledger] | None) -> dict[str, Any]:
        work = normalise_quotes(text)
        tokens = tokenize(work)
        diplomatic, measure = token_triggers(tokens)
        if gate_text is not text:
            diplomatic = is_diplomatic(normalise_quotes(gate_text))
        if sink is None and not diplomatic and not measure:
            result: dict[str, Any] = self._stock.polarity_scores(work)
            return result
        analyzer = self._domain if diplomatic else self._stock
        adjust = functools.partial(self._adjust, tokens=tokens, diplomatic=diplomatic, sink=sink)
        return run_traced(analyzer, work, adjust)

    def _adjust(
        self,
        sentiments: list[float],
        text: str,
        *,
        tokens: Tokens,
        diplomatic: bool,
        sink: list[_Ledger] | None,
    ) -> list[float]:
        if len(tokens) != len(sentiments) or tokens.text.strip() != text:
            tokens = tokenize(text)  # VADER spelled out an emoji: work on its pieces
            if len(tokens) != len(sentiments):
                return sentiments
        ledger = _Ledger(tokens, sentiments, diplomatic, explain=sink is not None)
        if sink is not None:
            sink.append(ledger)
        if diplomatic and self._phrases:
            for match in self._phrases.find(tokens, ledger.taken):
                self._apply_phrase(ledger, match)
        for action in find_actions(tokens, ledger.taken, cooperative=diplomatic):
            self._apply_action(ledger, action)
        if diplomatic:
            self._hedge_domain_terms(ledger)
            self._neutralise_third_events(ledger)
            self._damp_background(ledger)
        return ledger.values

    def _set_rule_value(
        self, ledger: _Ledger, positions: Sequence[int], anchor: int, value: float
    ) -> float:
        consumed = sum(ledger.vader[p] for p in positions)
        for p in positions:
            ledger.values[p] = 0.0
            ledger.taken[p] = True
        ledger.values[anchor] = value
        ledger.spans[anchor] = (min(positions), max(positions))
        return consumed

    def _apply_phrase(self, ledger: _Ledger, match: PhraseMatch) -> None:
        phrase = match.phrase
        base = phrase.valence * ledger.but_factor(match.first)
        consumed = self._set_rule_value(ledger, match.positions, match.first, base)
        note = f"'{phrase.term}' {phrase.valence:+.1f}"
        if phrase.note:
            note += f": {phrase.note}"
        if consumed:
            note += f"; replaces {consumed:+.2f} from the words alone"
        ledger.add(match.first, match.last, "phrase", base, note)
        negator = negator_before(ledger.tokens, match.first)
        self._modify_rule_item(ledger, match.first, negator, match.first)

    def _apply_action(self, ledger: _Ledger, action: Action) -> None:
        # The value sits on the measure: in "sanctions imposed after … were lifted" the
        # measure, not the verb, stands in the main clause (see _damp_background).
        base = action.valence * ledger.but_factor(action.verb)
        positions = (action.verb, action.head)
        consumed = self._set_rule_value(ledger, positions, action.head, base)
        note = action.rule
        if consumed:
            note += f"; replaces {consumed:+.2f} from the words alone"
        ledger.add(min(positions), max(positions), "reversal", base, note)
        negator = action_negator(ledger.tokens, action)
        self._modify_rule_item(ledger, action.head, negator, action.verb)

    def _modify_rule_item(
        self, ledger: _Ledger, anchor: int, negator: int | None, hedge_site: int
    ) -> None:
        """Negation and hedge of a phrase or reversal whose value sits on ``anchor``."""
        words = ledger.tokens.words
        if negator is not None:
            note = f"'{words[negator]}' turns it round (x{NEGATION_FACTOR})"
            ledger.scale(anchor, NEGATION_FACTOR, "negation", note, by=negator)
        hedge = hedge_before(ledger.tokens, hedge_site)
        if hedge is not None:
            note = f"'{words[hedge]}' makes it tentative (x{HEDGE_FACTOR})"
            ledger.scale(anchor, HEDGE_FACTOR, "hedge", note, by=hedge)

    def _hedge_domain_terms(self, ledger: _Ledger) -> None:
        words = ledger.tokens.words
        if HEDGES.isdisjoint(words):
            return
        for i, word in enumerate(words):
            if ledger.taken[i] or not ledger.values[i] or word not in self.lexicon.words:
                continue
            hedge = hedge_before(ledger.tokens, i)
            if hedge is not None:
                note = f"'{words[hedge]}' makes '{word}' tentative (x{HEDGE_FACTOR})"
                ledger.scale(i, HEDGE_FACTOR, "hedge", note, by=hedge)

    def _neutralise_third_events(self, ledger: _Ledger) -> None:
        finding = find_third_event(ledger.tokens, ledger.values)
        if finding is None:
            return
        words = ledger.tokens.words
        for s in finding.solidarity:
            was = ledger.vader[s]
            ledger.values[s] = SOLIDARITY_VALENCE
            ledger.taken[s] = True
            note = f"'{words[s]}' + a third event (coup, attack …): solidarity with its target"
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

    def _damp_background(self, ledger: _Ledger) -> None:
        mask = background_mask(ledger.tokens)
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
            if i in events or base_word(words[i]) in THIRD_EVENT:
                note = "third event in the background of a warming statement"
                ledger.scale(i, 0.0, "third_event_neutralised", note)
            else:
                note = f"background clause of a warming statement (x{BACKGROUND_FACTOR})"
                ledger.scale(i, BACKGROUND_FACTOR, "clause", note)

    # -- explanations -------------------------------------------------------------------

    def _explain(self, source: str, start: int, end: int) -> tuple[Score, Explanation]:
        text = source[start:end]
        sink: list[_Ledger] = []
        scores = self._run(text, source, sink)
        if not sink:
            return to_score(scores), Explanation(self.name, scores["compound"], ())
        ledger = sink[0]
        # Curly quotes were folded one for one: search the folded text, slice the source.
        spans = piece_spans(normalise_quotes(text), start, ledger.tokens.text)
        out: list[Contribution] = []
        for first, last, kind, weight, note in ledger.items or ():
            a, b = spans[first][0], spans[last][1]
            out.append(Contribution(a, b, source[a:b], kind, weight, note))
        analyzer = self._domain if ledger.diplomatic else self._stock
        domain_words = self.lexicon.words if analyzer is self._domain else {}
        for i, value in enumerate(ledger.vader):
            if ledger.taken[i] or not value:
                continue
            a, b = spans[i]
            word = ledger.tokens.words[i]
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
        return to_score(scores), Explanation(self.name, scores["compound"], tuple(out), emphasis)
