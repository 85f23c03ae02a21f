"""Why a scorer gave a text its compound score: the tokens, phrases and rules that moved it.

Contract
--------
An :class:`Explanation` holds the ``compound`` a scorer returned and a tuple of
:class:`Contribution` values. Every weight is on VADER's valence scale (a lexicon word is
roughly -4..+4) and the weights are *additive*::

    valence_sum = sum(c.weight for c in contributions)
    compound   ~= normalize(valence_sum +/- punctuation_emphasis)   # VADER: x / sqrt(x*x + 15)

(the emphasis from "!" and "??" is added in the direction of the sum, as VADER does; VADER
rounds ``compound`` to 4 decimals). So a weight says how far that item pushed the sum:

- ``vader_token`` / ``domain_term``: a word's valence after VADER's own modifiers
  (negation, boosters, capitals, "but"), from VADER's lexicon or from our domain lexicon;
- ``phrase`` / ``reversal``: the base valence of a domain phrase or of a rule such as
  "lifting a ban" (the words the rule consumed are not listed again; the note names them);
- ``negation`` / ``hedge`` / ``third_event_neutralised`` / ``clause``: the *change* a
  modifier rule made (e.g. a hedge halving a +2.5 reversal shows as -1.25);
- ``event``: the change an act between the sides made (``diplomacy`` profile): its CAMEO
  category and Goldstein intensity combined with the tone of the words it spans (the note
  gives both: the intensity on VADER's scale and the words' own valence).

``Contribution.text`` is always ``source[start:end]`` of the text that was explained
(0-based, end-exclusive offsets). ``to_json()`` is a plain dict with stable keys for storage;
``to_json_text()`` the same as the JSON text that is stored, which :func:`explanation_json_text`
also writes straight from :data:`ContributionRow` tuples (the ingest path, which needs no
objects): exactly ``json.dumps(to_json(), ensure_ascii=False)``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from json.encoder import encode_basestring
from typing import Any

KINDS = (
    "vader_token",
    "domain_term",
    "phrase",
    "reversal",
    "negation",
    "hedge",
    "third_event_neutralised",
    "clause",
    "event",
)

# One encoder for every explanation: json.dumps with options builds a new one per call.
_JSON = json.JSONEncoder(ensure_ascii=False)

# start, end, text, kind, weight, note: a Contribution's fields, as a plain tuple.
ContributionRow = tuple[int, int, str, str, float, str]


def explanation_json_text(
    profile: str, compound: float, rows: Sequence[ContributionRow], emphasis: float = 0.0
) -> str:
    """The stored JSON text of an explanation, written directly: scoring news text makes
    millions of these, and building dicts for an encoder cost about a tenth of VADER's time."""
    valence_sum = sum(row[4] for row in rows)
    if not math.isfinite(valence_sum + compound + emphasis):
        # json's spelling of NaN and Infinity is not repr's (a finite sum: every weight is).
        contributions = tuple(Contribution(*row) for row in rows)
        return _JSON.encode(Explanation(profile, compound, contributions, emphasis).to_json())
    # repr() is json's own spelling of ints and finite floats.
    items = ", ".join(
        [
            f'{{"start": {start}, "end": {end}, "text": {encode_basestring(text)}, '
            f'"kind": {encode_basestring(kind)}, "weight": {round(weight, 4)!r}, '
            f'"note": {encode_basestring(note)}}}'
            for start, end, text, kind, weight, note in rows
        ]
    )
    return (
        f'{{"profile": {encode_basestring(profile)}, "compound": {compound!r}, '
        f'"valence_sum": {round(valence_sum, 4)!r}, '
        f'"punctuation_emphasis": {round(emphasis, 4)!r}, "contributions": [{items}]}}'
    )


# How describe() names each kind in plain words.
_LABELS = {
    "vader_token": "VADER word",
    "domain_term": "domain term",
    "phrase": "domain phrase",
    "reversal": "reversal rule",
    "negation": "negation",
    "hedge": "hedge",
    "third_event_neutralised": "third-event word neutralised",
    "clause": "clause rule",
    "event": "event",
}


def kind_label(kind: str) -> str:
    """A contribution kind in plain words (an unknown kind is shown as written)."""
    return _LABELS.get(kind, kind.replace("_", " "))


def sort_key(c: Contribution) -> tuple[int, int, int]:
    """Text order; at one span the base item before the rules that modified it."""
    return (c.start, c.end, KINDS.index(c.kind))


@dataclass(frozen=True)
class Contribution:
    """One item that moved the valence sum, with its span in the explained text."""

    start: int
    end: int
    text: str
    kind: str
    weight: float
    note: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown contribution kind {self.kind!r}; use one of {KINDS}")

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "weight": round(self.weight, 4),
            "note": self.note,
        }

    def describe(self) -> str:
        """One line in plain words, e.g. ``lifted … ban: reversal rule, +2.5 (note)``."""
        words = self.text.split()
        shown = f"{words[0]} … {words[-1]}" if len(words) > 2 else " ".join(words)
        line = f"{shown}: {kind_label(self.kind)}, {self.weight:+.2f}"
        return f"{line} ({self.note})" if self.note else line


@dataclass(frozen=True)
class Explanation:
    """A scorer's compound for one text and the contributions that add up to it."""

    profile: str
    compound: float
    contributions: tuple[Contribution, ...]
    punctuation_emphasis: float = 0.0

    @property
    def valence_sum(self) -> float:
        """The sum VADER normalises into ``compound`` (before punctuation emphasis)."""
        return sum(c.weight for c in self.contributions)

    def by_kind(self, kind: str) -> tuple[Contribution, ...]:
        return tuple(c for c in self.contributions if c.kind == kind)

    def to_json(self) -> dict[str, Any]:
        """A JSON-serialisable dict with stable keys (for a DuckDB JSON column)."""
        return {
            "profile": self.profile,
            "compound": self.compound,
            "valence_sum": round(self.valence_sum, 4),
            "punctuation_emphasis": round(self.punctuation_emphasis, 4),
            "contributions": [c.to_json() for c in self.contributions],
        }

    def to_json_text(self) -> str:
        """:meth:`to_json` as JSON text (UTF-8 kept as is), the form stored in the database."""
        rows = [(c.start, c.end, c.text, c.kind, c.weight, c.note) for c in self.contributions]
        return explanation_json_text(self.profile, self.compound, rows, self.punctuation_emphasis)

    def describe(self) -> str:
        """Plain-words lines: the compound, then one line per contribution in text order."""
        head = f"compound {self.compound:+.3f} ({self.profile} profile)"
        if not self.contributions:
            return head + "\nno scored words"
        ordered = sorted(self.contributions, key=sort_key)
        return "\n".join([head, *(c.describe() for c in ordered)])


def explanation_from_json(data: dict[str, Any]) -> Explanation:
    """The inverse of :meth:`Explanation.to_json` (for explanations read from the database)."""
    return Explanation(
        profile=str(data.get("profile", "")),
        compound=float(data.get("compound", 0.0)),
        contributions=tuple(
            Contribution(
                int(c["start"]),
                int(c["end"]),
                str(c["text"]),
                str(c["kind"]),
                float(c["weight"]),
                str(c.get("note", "")),
            )
            for c in data.get("contributions", [])
        ),
        punctuation_emphasis=float(data.get("punctuation_emphasis", 0.0)),
    )
