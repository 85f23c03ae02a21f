"""Per-call working state of the diplomacy profile and the one way rules change it.

Contract
--------
A :class:`Ledger` holds, for one text, VADER's per-piece valences (``vader``), the values the
rules have set so far (``values``, what VADER finally normalises), which pieces a rule has
consumed (``taken``) and, when explaining, the list of contributions.

Every rule module reports its verdicts as :class:`RuleHit` values: the pieces it consumes,
the piece its value sits on, the value, and what may modify it. :meth:`Ledger.apply` is the
only place that turns a hit into values, so all rules share one treatment:

- VADER's "but" rule at the hit's ``site`` (x0.5 before "but", x1.5 after);
- the consumed pieces' own valences are dropped (the explanation note says how much);
- a ``negator`` turns the value round with VADER's factor -0.74;
- a hedge before ``site`` ("may", "could", "plans to") halves it.

Weights listed by :meth:`Ledger.add` always add up to the sum VADER normalises.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tracker.scoring.diplomacy.rules import HEDGE_FACTOR, NEGATION_FACTOR, hedge_before
from tracker.scoring.diplomacy.tokens import Tokens

if TYPE_CHECKING:
    from tracker.scoring.events.reading import EventReading


@dataclass(frozen=True)
class RuleHit:
    """One rule's verdict: consumed pieces, where the value sits, and its unmodified worth."""

    positions: tuple[int, ...]
    anchor: int
    valence: float
    kind: str  # explanation kind: "phrase" or "reversal"
    note: str
    site: int  # the piece "but" and hedges are measured from
    negator: int | None = None


class Ledger:
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
        self.events: list[EventReading] = []  # the events read in the text, in text order

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

    def span_of(self, i: int) -> tuple[int, int]:
        """(first, last) piece of the item whose value sits on ``i``."""
        return self.spans.get(i, (i, i))

    def apply(self, hit: RuleHit) -> None:
        """Set a rule's value on its anchor, consuming its pieces, then negate and hedge it."""
        self.set_rule(
            hit.positions, hit.anchor, hit.valence, hit.kind, hit.note, hit.site, hit.negator
        )

    def set_rule(
        self,
        positions: Sequence[int],
        anchor: int,
        valence: float,
        kind: str,
        note: str,
        site: int,
        negator: int | None,
    ) -> None:
        """:meth:`apply` without building a :class:`RuleHit` (phrases and reversals: hot path)."""
        base = valence * self.but_factor(site)
        consumed = sum(self.vader[p] for p in positions)
        for p in positions:
            self.values[p] = 0.0
            self.taken[p] = True
        self.values[anchor] = base
        first, last = min(positions), max(positions)
        self.spans[anchor] = (first, last)
        if self.items is not None:
            if consumed:
                note += f"; replaces {consumed:+.2f} from the words alone"
            self.add(first, last, kind, base, note)
        words = self.tokens.words
        if negator is not None:
            note = f"'{words[negator]}' turns it round (x{NEGATION_FACTOR})"
            self.scale(anchor, NEGATION_FACTOR, "negation", note, by=negator)
        hedge = hedge_before(self.tokens, site)
        if hedge is not None:
            note = f"'{words[hedge]}' makes it tentative (x{HEDGE_FACTOR})"
            self.scale(anchor, HEDGE_FACTOR, "hedge", note, by=hedge)
