"""Which relation a relation word speaks of: a statement's two relations scored apart.

Contract
--------
A statement that carries both tracked relations is scored once per relation
(:mod:`tracker.scoring.statement`). In "diplomats in Brussels are concerned about the
rapprochement between Moscow and Ankara" the rapprochement is the Turkey–Russia relation's
warming; for Turkey–West it is only the object of the concern, and must not warm that score.

:func:`other_relation_words` finds the valued pieces of a *relation term* (relations, ties,
rapprochement, thaw, tensions, rift …, with the words right beside it: "warming relations",
"relations … deteriorated") whose own parties, named inside the term or next to it
("between Russia and Turkey", "with the Kremlin", "Russian-Turkish", "Moscow's"), include the
other relation's partner and not this relation's: the profile neutralises them for this
relation. A term that names no party ("the rapprochement") or names this relation's partner
("tensions with Moscow and Washington") is left alone, and so is every word that is not part of
a relation term ("concerned"). Only the clause of the term is read.

:func:`other_side_backing` does the same for *backing*: one side standing by Turkey ("the
alliance stands by its ally", "backed the Turkish version", "Turkey's right to defend its
airspace") in a statement that carries both relations is the backer's relation with Turkey, not
Turkey's with the side it quarrels with. The backer is the nearest partner named before the
backing words (the speaker of "NATO's chief said that … Turkey had every right …"); backing
by the other relation's partner is neutralised for this relation.

Side names are a short word list of the partners' countries, capitals, institutions and leaders
(:data:`PARTNER_WORDS`); Turkey's names are not needed, since both relations have Turkey.
"""

from __future__ import annotations

from tracker.models import RUSSIA, TURKEY_RUSSIA, TURKEY_WEST, WEST
from tracker.scoring.diplomacy.tokens import Tokens, base_word

RELATION_TERMS = frozenset(
    {"relations", "relation", "relationship", "relationships", "ties", "rapprochement"}
    | {"reconciliation", "normalisation", "normalization", "thaw", "rift", "rupture"}
    | {"tension", "tensions", "row", "spat", "feud", "dispute", "standoff", "estrangement"}
    | {"partnership", "friendship", "cooperation", "co-operation", "detente", "d\u00e9tente"}
    | {"crisis"}
)
_RUSSIA_WORDS = frozenset(
    {"russia", "russian", "russians", "moscow", "kremlin", "putin", "lavrov", "peskov"}
    | {"medvedev", "soviet", "zakharova", "ushakov"}
)
_WEST_WORDS = frozenset(
    {"u.s", "u.s.", "usa", "america", "american", "americans", "washington", "west"}
    | {"western", "nato", "eu", "e.u", "europe", "european", "europeans", "brussels"}
    | {"germany", "german", "berlin", "merkel", "france", "french", "paris", "britain"}
    | {"british", "london", "austria", "austrian", "vienna", "greece", "greek", "athens"}
    | {"obama", "biden", "kerry", "stoltenberg", "mogherini", "juncker", "tusk", "pentagon"}
)
_NAMES = _RUSSIA_WORDS | _WEST_WORDS | {"us"}
# Words of one side backing another ("stands by", "side-by-side", "right to defend", "backed").
BACKING_WORDS = frozenset(
    {"stand", "stands", "stood", "standing", "side-by-side", "shoulder", "solidarity"}
    | {"support", "supports", "supported", "supporting", "back", "backs", "backed", "backing"}
    | {"right"}
)
_PUNCT = ".,;:!?\"'()[]“”‘’"
PARTNER_WORDS = {RUSSIA: _RUSSIA_WORDS, WEST: _WEST_WORDS}
_PARTNER = {TURKEY_RUSSIA: RUSSIA, TURKEY_WEST: WEST}
_OTHER = {TURKEY_RUSSIA: WEST, TURKEY_WEST: RUSSIA}
# Words that lead from a term to its parties: "ties with", "rapprochement between … and …".
_LINKS = frozenset({"with", "between", "of", "to", "toward", "towards"})
PARTY_WINDOW = 8  # pieces after the term in which its parties are named
# What may stand in a list of parties besides names: "between Ankara and both Moscow and
# Washington", "with his partners in the EU"; any other lower-case word ends the list.
_PARTY_FILLERS = frozenset(
    {"and", "or", "the", "both", "its", "their", "his", "her", "in", "of", "/", "&", "fellow"}
    | {"partner", "partners", "ally", "allies", "counterpart", "counterparts", "neighbours"}
    | {"neighbors", "turkey", "turkish", "ankara", "turks", "erdogan", "erdo\u011fan"}
)


def _sides(word: str, raw: str) -> set[str]:
    """The partner sides a piece names: "russian-turkish", "moscow's", "US" (cased)."""
    found: set[str] = set()
    parts = base_word(word).replace("\u2013", "-").split("-")
    for part in parts:
        part = part.strip(".")
        if part in _RUSSIA_WORDS:
            found.add(RUSSIA)
        elif part in _WEST_WORDS or (part == "us" and "US" in raw):
            found.add(WEST)
    return found


def _parties(tokens: Tokens, first: int, last: int) -> set[str]:
    """The sides named inside the term, right before it and linked after it."""
    words, raw = tokens.words, tokens.raw
    found: set[str] = set()
    for k in range(first, last + 1):
        found |= _sides(words[k], raw[k])
    before = tokens.window_before(first, 2)
    for k in reversed(before):
        sides = _sides(words[k], raw[k])
        if not sides and not words[k].endswith("'s"):
            break
        found |= sides
    after = tokens.window_after(last, PARTY_WINDOW)
    if after and words[after[0]] in _LINKS:
        for k in after[1:]:
            sides = _sides(words[k], raw[k])
            if not sides and words[k] not in _PARTY_FILLERS and not raw[k][:1].isupper():
                break
            found |= sides
    return found


def may_name_other_relation(text: str) -> bool:
    """Cheap test before scoring a statement once per relation: a relation term or a backing
    word, and a partner's name, occur."""
    words = {base_word(w.strip(_PUNCT)) for w in text.lower().split()}
    if RELATION_TERMS.isdisjoint(words) and BACKING_WORDS.isdisjoint(words):
        return False
    return not _NAMES.isdisjoint(words) or any(
        not _NAMES.isdisjoint(w.split("-")) for w in words if "-" in w
    )


def other_relation_words(
    tokens: Tokens, values: list[float], dyad: str, spans: dict[int, tuple[int, int]]
) -> list[int]:
    """Valued pieces of relation terms whose parties are only the other relation's partner.

    ``spans``: the pieces each rule's value covers, by the piece it sits on."""
    vocab = tokens.vocab
    if RELATION_TERMS.isdisjoint(vocab) or not any(_sides(w, w) for w in vocab):
        return []
    mine, other = _PARTNER[dyad], _OTHER[dyad]
    words = tokens.words
    out: list[int] = []
    for i, value in enumerate(values):
        if not value:
            continue
        first, last = spans.get(i, (i, i))
        if first > 0 and words[first - 1] in RELATION_TERMS and not tokens.clause_end[first - 1]:
            first -= 1
        if last + 1 < len(words) and not tokens.clause_end[last]:
            last += words[last + 1] in RELATION_TERMS
        if RELATION_TERMS.isdisjoint(words[first : last + 1]):
            continue
        parties = _parties(tokens, first, last)
        if other in parties and mine not in parties:
            out.append(i)
    return out


def other_side_backing(
    tokens: Tokens, values: list[float], dyad: str, spans: dict[int, tuple[int, int]]
) -> list[int]:
    """Valued pieces of backing words whose backer (the nearest partner named before them) is
    the other relation's partner: "NATO stands by Turkey" is no warmth between Turkey and
    Russia."""
    if BACKING_WORDS.isdisjoint(tokens.vocab):
        return []
    other = _OTHER[dyad]
    words, raw = tokens.words, tokens.raw
    out: list[int] = []
    for i, value in enumerate(values):
        if not value:
            continue
        first, last = spans.get(i, (i, i))
        if BACKING_WORDS.isdisjoint(base_word(w) for w in words[first : last + 1]):
            continue
        if words[last].endswith("ed") and last + 1 < len(words) and words[last + 1] == "by":
            continue  # "groups supported by Turkey": the backer follows, and is not the partner
        for k in range(first - 1, -1, -1):
            backer = _sides(words[k], raw[k])
            if backer:
                if backer == {other}:
                    out.append(i)
                break
    return out
