"""Domain phrase matching for the diplomacy profile: "shot down", "recall* ... ambassador".

Contract
--------
:class:`PhraseIndex` holds the lexicon's phrases (see :mod:`tracker.scoring.diplomacy.lexicon` for
the term syntax: ``stem*`` wildcards and ``...`` gaps of up to three words).
:meth:`PhraseIndex.find` returns non-overlapping :class:`PhraseMatch` values on a :class:`Tokens`
view, left to right, the longest phrase first at each piece; a match never spans a clause end nor a
piece an earlier rule consumed. The index remembers, per word, which phrases can start there, so a
long-running process matches in about the time of one dictionary look-up per word.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tracker.scoring.diplomacy.lexicon import GAP, MAX_GAP, Phrase
from tracker.scoring.diplomacy.tokens import Tokens


@dataclass(frozen=True)
class PhraseMatch:
    phrase: Phrase
    positions: tuple[int, ...]  # the pieces the phrase's words matched, in order

    @property
    def first(self) -> int:
        return self.positions[0]

    @property
    def last(self) -> int:
        return self.positions[-1]


class PhraseIndex:
    """Domain phrases indexed by their first word (or the first three letters of a stem)."""

    _CACHE_LIMIT = 50_000

    def __init__(self, phrases: Iterable[Phrase]) -> None:
        self.exact: dict[str, list[Phrase]] = {}
        self.stems: dict[str, list[Phrase]] = {}
        # The whole words a phrase needs after its first: a text lacking one of them cannot
        # match it, which a set test tells before any word-by-word scan.
        self._needs: dict[str, frozenset[str]] = {}
        for phrase in sorted(phrases, key=lambda p: -len(p.parts)):
            self._needs[phrase.term] = frozenset(
                p for p in phrase.parts[1:] if p != GAP and not p.endswith("*")
            )
            first = phrase.parts[0]
            if first.endswith("*"):
                self.stems.setdefault(first[:3], []).append(phrase)
            else:
                self.exact.setdefault(first, []).append(phrase)
        # word -> phrases whose first part matches it, exact ones first (the hot path).
        self._starts: dict[str, tuple[Phrase, ...]] = {}

    def __bool__(self) -> bool:
        return bool(self.exact or self.stems)

    def _starting_with(self, word: str) -> tuple[Phrase, ...]:
        found = self._starts.get(word)
        if found is None:
            stems = self.stems.get(word[:3], ())
            found = tuple(self.exact.get(word, ())) + tuple(
                p for p in stems if _part_matches(p.parts[0], word)
            )
            if len(self._starts) >= self._CACHE_LIMIT:
                self._starts.clear()
            self._starts[word] = found
        return found

    def find(self, tokens: Tokens, taken: Sequence[bool]) -> list[PhraseMatch]:
        """Non-overlapping matches, left to right, the longest phrase first at each piece."""
        cache = self._starts
        starts: list[tuple[int, tuple[Phrase, ...]]] = []
        for i, word in enumerate(tokens.words):
            phrases = cache.get(word)
            if phrases is None:
                phrases = self._starting_with(word)
            if phrases:
                starts.append((i, phrases))
        if not starts:
            return []
        used = list(taken)
        found: list[PhraseMatch] = []
        needs = self._needs
        vocab = tokens.vocab
        for i, phrases in starts:
            if used[i]:
                continue
            for phrase in phrases:
                if not needs[phrase.term] <= vocab:
                    continue
                positions = _match_at(tokens, used, i, phrase.parts)
                if positions is not None:
                    for p in positions:
                        used[p] = True
                    found.append(PhraseMatch(phrase, positions))
                    break
        return found


def _part_matches(part: str, word: str) -> bool:
    if part.endswith("*"):
        return word.startswith(part[:-1])
    return word == part


def _match_at(
    tokens: Tokens, used: Sequence[bool], i: int, parts: tuple[str, ...]
) -> tuple[int, ...] | None:
    words = tokens.words
    positions: list[int] = []
    pos = i
    gap = 0
    for part in parts:
        if part == GAP:
            gap = MAX_GAP
            continue
        limit = pos + gap
        while True:
            if pos >= len(words) or used[pos]:
                return None
            if _part_matches(part, words[pos]):
                break
            if pos >= limit or tokens.clause_end[pos]:
                return None
            pos += 1
        if positions and tokens.clause_end[positions[-1]]:
            return None
        positions.append(pos)
        pos += 1
        gap = 0
    return tuple(positions)
