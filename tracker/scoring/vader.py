"""Scorers: stock VADER ("vader") and the relation profile ("diplomacy") behind one protocol.

Contract
--------
- :func:`get_scorer` returns the scorer for a profile name in :data:`PROFILES`, built once per
  process (VADER's lexicon is read once); unknown names raise :class:`UnknownProfile`.
  :data:`DEFAULT_PROFILE` is "diplomacy".
- ``score(text)`` returns a :class:`tracker.models.Score` (VADER's compound, pos, neu, neg);
  ``explain(text)`` an :class:`tracker.scoring.explanation.Explanation`; ``score_span(text, start,
  end)`` and ``explain_span`` do the same for one clause of a sentence (offsets into the
  whole sentence); ``score_and_explain`` / ``score_and_explain_span`` return both from one
  pass; ``score_and_explain_json(text, span=None)`` the score with the explanation's stored
  JSON text (what ingest and rescoring store). Non-``str`` input raises ``TypeError``.
- ``identity`` is a :class:`ScorerIdentity`: the profile name, the installed vaderSentiment
  version and ``lexicon_hash``, the sha256 of VADER's ``vader_lexicon.txt`` bytes followed by
  the bytes of every lexicon and rule file the profile reads, in a fixed order. For "vader" it
  equals ``sha256sum vader_lexicon.txt``. Stored scores carry it, so a changed lexicon or rule
  shows up as a different identity.
- The "vader" profile is VADER unchanged. :class:`TracedAnalyzer` is a thin subclass of
  VADER's analyzer with one hook: just before VADER turns its per-word valences into scores,
  a per-call function (held in a context variable, so calls on other threads are unaffected)
  may read or adjust the list. The explanations and the diplomacy rules use that hook;
  without a hook function the analyzer scores as stock VADER does (it passes two of VADER's
  checks a narrower view of the sentence, for speed; see the class).
"""

from __future__ import annotations

import contextvars
import functools
import hashlib
import importlib.metadata
import os
import string
from collections.abc import Callable
from dataclasses import dataclass
from itertools import compress
from pathlib import Path
from typing import Any, Protocol

import vaderSentiment.vaderSentiment as vader_module
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer, SentiText, normalize

from tracker.errors import EXIT_USAGE, InputError, TrackerError
from tracker.fingerprint import source_bytes
from tracker.models import Score
from tracker.scoring.explanation import (
    Contribution,
    ContributionRow,
    Explanation,
    explanation_json_text,
)

PROFILES = ("diplomacy", "vader")
DEFAULT_PROFILE = "diplomacy"
# The code that decides a stock VADER score and its stored explanation (the diplomacy profile
# hashes these too, with the rest of the scoring package): its identity follows them.
VADER_SOURCES = ("models.py", "scoring/vader.py", "scoring/explanation.py", "scoring/statement.py")

Adjust = Callable[[list[float], str], list[float]]
_ADJUST: contextvars.ContextVar[Adjust | None] = contextvars.ContextVar(
    "tracker_vader_adjust", default=None
)


class UnknownProfile(TrackerError, ValueError):
    """A profile name that is not one of PROFILES."""

    exit_code = EXIT_USAGE


@dataclass(frozen=True)
class ScorerIdentity:
    """Which scorer produced a score: profile, VADER version, hash of lexicons and rules."""

    name: str
    vader_version: str
    lexicon_hash: str


class Scorer(Protocol):
    """What the pipeline needs from a scoring profile."""

    @property
    def name(self) -> str: ...

    @property
    def identity(self) -> ScorerIdentity: ...

    def score(self, text: str) -> Score: ...

    def score_span(self, text: str, start: int, end: int) -> Score: ...

    def explain(self, text: str) -> Explanation: ...

    def explain_span(self, text: str, start: int, end: int) -> Explanation: ...

    def score_and_explain(self, text: str) -> tuple[Score, Explanation]: ...

    def score_and_explain_span(
        self, text: str, start: int, end: int
    ) -> tuple[Score, Explanation]: ...

    def score_and_explain_json(
        self, text: str, span: tuple[int, int] | None = None
    ) -> tuple[Score, str]: ...


_NEGATIONS = frozenset(vader_module.NEGATE)
# VADER's idiom check compares two- and three-word runs with its idioms ("kiss of death") and
# its two-word boosters ("kind of"): a run can match only if it holds each word of one. The
# words of each, without those too common to tell ("the", "of", "to", "for"), unless that
# leaves none: a text without any of these can match no idiom.
_IDIOM_WORDS = frozenset(
    word
    for idiom in (*vader_module.SPECIAL_CASES, *vader_module.BOOSTER_DICT)
    if " " in idiom
    for word in (set(idiom.split()) - {"the", "of", "to", "for"} or idiom.split())
)


class _SentiText(SentiText):
    """VADER's ``SentiText`` with its word splitting written as one loop rather than a call per
    word (the same words: ``_strip_punc_if_word``'s rule, inline)."""

    def _words_and_emoticons(self) -> list[str]:
        punctuation = string.punctuation
        words = []
        for token in self.text.split():
            stripped = token.strip(punctuation)
            words.append(token if len(stripped) <= 2 else stripped)
        return words


class TracedAnalyzer(SentimentIntensityAnalyzer):
    """VADER's analyzer with a hook on the final per-word valences (see module docstring).

    It also hands VADER's negation and idiom checks only the words they read (the three
    before a lexicon word, and the two after it for idioms), with the index shifted to match:
    both lowercase their whole word list on every call, which makes a sentence's cost grow
    with the square of its length; and it skips the negation check where that cannot change
    the valence (no negation word where it looks). Its ``polarity_scores`` skips the work that
    cannot change a result (see the method). The checks themselves run unchanged, so the
    scores are VADER's, at about half its time (tests compare them with stock VADER's on the
    demo corpus and thousands of made-up sentences; all 23,703 sentences of the VADER paper's
    ground truth were checked too, before the ``polarity_scores`` shortcuts).
    """

    def __init__(self) -> None:
        super().__init__()
        # VADER looks its emoji lexicon up one character at a time: only one-character
        # entries can ever match.
        self._emoji_chars = frozenset(e for e in self.emojis if len(e) == 1)

    def polarity_scores(self, text: str) -> dict[str, float]:
        """VADER's ``polarity_scores``, with three shortcuts that cannot change its result:
        a text without an emoji skips the character-by-character copy that spells emojis out
        (the copy is the text itself); a word outside the lexicon gets VADER's 0 without the
        per-word valence call (which gives 0 to any such word); and the "but" check runs only
        when the word is there (it changes nothing otherwise). Each word is lower-cased once."""
        if not isinstance(text, str) or not self._emoji_chars.isdisjoint(text):
            result: dict[str, float] = super().polarity_scores(text)
            return result
        text = text.strip()
        sentitext = _SentiText(text)
        words = sentitext.words_and_emoticons
        lowered = sentitext.lowered = [w.lower() for w in words]  # for sentiment_valence
        lexicon, boosters = self.lexicon, vader_module.BOOSTER_DICT
        last = len(words) - 1
        sentiments: list[float] = []
        for i, item in enumerate(words):
            low = lowered[i]
            if (
                low in boosters
                or (low == "kind" and i < last and lowered[i + 1] == "of")
                or low not in lexicon
            ):
                sentiments.append(0)
            else:
                sentiments = self.sentiment_valence(0, sentitext, item, i, sentiments)
        if "but" in lowered:
            sentiments = self._but_check(words, sentiments)
        scores: dict[str, float] = self.score_valence(sentiments, text)
        return scores

    def sentiment_valence(
        self, valence: float, sentitext: Any, item: str, i: int, sentiments: list[float]
    ) -> list[float]:
        """VADER's ``sentiment_valence``, line for line, reading the words lower-cased once
        (``polarity_scores`` leaves them on ``sentitext``) rather than on every look."""
        lowered: list[str] | None = getattr(sentitext, "lowered", None)
        if lowered is None:
            found: list[float] = super().sentiment_valence(valence, sentitext, item, i, sentiments)
            return found
        lexicon = self.lexicon
        item_lowercase = lowered[i]
        if item_lowercase in lexicon:
            words, is_cap_diff = sentitext.words_and_emoticons, sentitext.is_cap_diff
            valence = lexicon[item_lowercase]
            if item_lowercase == "no" and i != len(words) - 1 and lowered[i + 1] in lexicon:
                valence = 0.0
            if (
                (i > 0 and lowered[i - 1] == "no")
                or (i > 1 and lowered[i - 2] == "no")
                or (i > 2 and lowered[i - 3] == "no" and lowered[i - 1] in ("or", "nor"))
            ):
                valence = lexicon[item_lowercase] * vader_module.N_SCALAR
            if item.isupper() and is_cap_diff:
                if valence > 0:
                    valence += vader_module.C_INCR
                else:
                    valence -= vader_module.C_INCR
            for start_i in range(0, 3):
                before = i - (start_i + 1)
                if i > start_i and lowered[before] not in lexicon:
                    s = 0.0  # what scalar_inc_dec gives a word that is no booster
                    if lowered[before] in vader_module.BOOSTER_DICT:
                        s = vader_module.scalar_inc_dec(words[before], valence, is_cap_diff)
                    if start_i == 1 and s != 0:
                        s = s * 0.95
                    if start_i == 2 and s != 0:
                        s = s * 0.9
                    valence = valence + s
                    valence = self._negation_check(valence, words, start_i, i)
                    if start_i == 2:
                        valence = self._special_idioms_check(valence, words, i)
            # VADER's _least_check
            if i > 1 and lowered[i - 1] not in lexicon and lowered[i - 1] == "least":
                if lowered[i - 2] != "at" and lowered[i - 2] != "very":
                    valence = valence * vader_module.N_SCALAR
            elif i > 0 and lowered[i - 1] not in lexicon and lowered[i - 1] == "least":
                valence = valence * vader_module.N_SCALAR
        sentiments.append(valence)
        return sentiments

    @staticmethod
    def _negation_check(valence: float, words: list[str], start_i: int, i: int) -> float:
        # VADER's check changes the valence only if the word it tests is a negation (its
        # NEGATE list, or an "n't" form), or, three words back, if the word before is
        # "so" or "this" (its operator precedence): skip the call when neither holds.
        tested = words[i - start_i - 1].lower()
        if (
            tested not in _NEGATIONS
            and "n't" not in tested
            and not (start_i == 2 and words[i - 1].lower() in ("so", "this"))
        ):
            return valence
        lo = i - 3 if i > 3 else 0
        value: float = SentimentIntensityAnalyzer._negation_check(
            valence, words[lo : i + 1], start_i, i - lo
        )
        return value

    @staticmethod
    def _special_idioms_check(valence: float, words: list[str], i: int) -> float:
        lo = i - 3 if i > 3 else 0
        view = words[lo : i + 3]
        # Every idiom the check reads has a word of _IDIOM_WORDS: without one, it is a no-op.
        if _IDIOM_WORDS.isdisjoint([w.lower() for w in view]):
            return valence
        value: float = SentimentIntensityAnalyzer._special_idioms_check(valence, view, i - lo)
        return value

    def score_valence(self, sentiments: list[float], text: str) -> dict[str, float]:
        adjust = _ADJUST.get()
        if adjust is not None:
            sentiments = adjust(sentiments, text)
        result: dict[str, float] = super().score_valence(sentiments, text)
        return result


def run_traced(analyzer: TracedAnalyzer, text: str, adjust: Adjust) -> dict[str, float]:
    """VADER's ``polarity_scores`` with ``adjust`` applied to its per-word valences."""
    token = _ADJUST.set(adjust)
    try:
        result: dict[str, float] = analyzer.polarity_scores(text)
        return result
    finally:
        _ADJUST.reset(token)


def vader_lexicon_path() -> Path:
    return Path(vader_module.__file__).with_name("vader_lexicon.txt")


@functools.cache
def vader_version() -> str:
    return importlib.metadata.version("vaderSentiment")


@functools.cache
def stock_analyzer() -> TracedAnalyzer:
    """The process-wide analyzer with VADER's own lexicon (read from disk once)."""
    return TracedAnalyzer()


def identity_hash(parts: list[bytes]) -> str:
    digest = hashlib.sha256(vader_lexicon_path().read_bytes())
    for part in parts:
        digest.update(part)
    return digest.hexdigest()


def check_text(text: object) -> str:
    if not isinstance(text, str):
        shown = repr(text)
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        raise TypeError(
            f"scorer input must be str, got {type(text).__name__}: {shown}; "
            "pass the statement's text, not the statement object or its id"
        )
    return text


def check_span(text: str, start: int, end: int) -> None:
    if not (0 <= start <= end <= len(text)):
        raise ValueError(
            f"span {start}..{end} does not lie inside the text (length {len(text)}); "
            "pass 0 <= start <= end <= len(text)"
        )


def to_score(scores: dict[str, float]) -> Score:
    return Score(
        compound=scores["compound"],
        positive=scores["pos"],
        neutral=scores["neu"],
        negative=scores["neg"],
    )


def piece_spans(
    original: str,
    offset: int,
    tokenised: str,
    upto: int | None = None,
    pieces: list[str] | None = None,
) -> list[tuple[int, int]]:
    """Offsets in ``original`` (+``offset``) of each whitespace piece VADER scored (the first
    ``upto`` pieces only, when given; ``pieces`` is ``tokenised.split()`` if the caller has it).

    VADER strips the text and spells emojis out as words; pieces it made up from an emoji are
    given the empty span where the search stood.
    """
    pieces = tokenised.split() if pieces is None else pieces
    wanted = pieces if upto is None else pieces[:upto]
    if tokenised == original and len(original) == sum(map(len, pieces)) + len(pieces) - 1:
        # The usual case (VADER changed nothing, one whitespace character between pieces):
        # the offsets follow from the lengths, no search needed.
        spans, start = [], offset
        for piece in wanted:
            spans.append((start, start + len(piece)))
            start += len(piece) + 1
        return spans
    spans = []
    cursor = 0
    for piece in wanted:
        found = original.find(piece, cursor)
        if found < 0:
            spans.append((offset + cursor, offset + cursor))
            continue
        cursor = found + len(piece)
        spans.append((offset + found, offset + cursor))
    return spans


def hit_spans(
    original: str, offset: int, tokenised: str, pieces: list[str], hits: list[int]
) -> list[tuple[int, int]]:
    """:func:`piece_spans` of the pieces at ``hits`` only (ascending indexes into ``pieces``)."""
    spans = piece_spans(original, offset, tokenised, upto=hits[-1] + 1, pieces=pieces)
    return [spans[i] for i in hits]


_LEXICON_NOTES: dict[float, str] = {}  # one per distinct lexicon value, about 80 in all


def _note(raw: float | None, value: float) -> str:
    """How a VADER word's weight came about: its lexicon value, changed by VADER's rules?"""
    if raw is None:
        return "VADER rule"
    note = _LEXICON_NOTES.get(raw)
    if note is None:
        note = _LEXICON_NOTES[raw] = f"lexicon {raw:+.1f}"
    return note + ", after VADER's modifiers" if abs(raw - value) > 1e-9 else note


class VaderScorer:
    """Stock VADER: the tone of the words."""

    name = "vader"

    def __init__(self) -> None:
        self._analyzer = stock_analyzer()
        self._identity = ScorerIdentity(
            self.name, vader_version(), identity_hash(source_bytes(*VADER_SOURCES))
        )

    @property
    def identity(self) -> ScorerIdentity:
        return self._identity

    def score(self, text: str) -> Score:
        return to_score(self._analyzer.polarity_scores(check_text(text)))

    def score_span(self, text: str, start: int, end: int) -> Score:
        check_span(check_text(text), start, end)
        return self.score(text[start:end])

    def explain(self, text: str) -> Explanation:
        return self.score_and_explain(text)[1]

    def explain_span(self, text: str, start: int, end: int) -> Explanation:
        return self.score_and_explain_span(text, start, end)[1]

    def score_and_explain(self, text: str) -> tuple[Score, Explanation]:
        """Both from one pass (what the pipeline stores)."""
        return self._explain(check_text(text), 0)

    def score_and_explain_span(self, text: str, start: int, end: int) -> tuple[Score, Explanation]:
        check_span(check_text(text), start, end)
        return self._explain(text[start:end], start, source=text)

    def score_and_explain_json(
        self, text: str, span: tuple[int, int] | None = None
    ) -> tuple[Score, str]:
        """The score and its explanation's stored JSON text (of ``text[span]`` when given),
        without building the explanation's objects: the ingest path."""
        if span is not None:
            check_span(check_text(text), *span)
            scores, rows, emphasis = self._contributions(text[span[0] : span[1]], span[0], text)
        else:
            scores, rows, emphasis = self._contributions(check_text(text), 0)
        compound = scores["compound"]
        return to_score(scores), explanation_json_text(self.name, compound, rows, emphasis)

    def _explain(
        self, text: str, offset: int, source: str | None = None
    ) -> tuple[Score, Explanation]:
        scores, rows, emphasis = self._contributions(text, offset, source)
        contributions = tuple(Contribution(*row) for row in rows)
        explanation = Explanation(self.name, scores["compound"], contributions, emphasis)
        return to_score(scores), explanation

    def _contributions(
        self, text: str, offset: int, source: str | None = None
    ) -> tuple[dict[str, float], list[ContributionRow], float]:
        """VADER's scores, one row per word that carries valence, and the "!"/"?" emphasis."""
        seen: list[Any] = []

        def record(sentiments: list[float], tokenised: str) -> list[float]:
            # VADER does not touch the list after scoring it: keep it, no copy.
            seen.append(sentiments)
            seen.append(tokenised)
            return sentiments

        scores = run_traced(self._analyzer, text, record)
        if not seen:
            return scores, [], 0.0
        values: list[float] = seen[0]
        tokenised: str = seen[1]
        rows: list[ContributionRow] = []
        # Most words carry no valence: spans and notes only for those that do.
        hits = list(compress(range(len(values)), values))
        if hits:
            pieces = tokenised.split()
            full = source if source is not None else text
            lexicon = self._analyzer.lexicon
            spans = hit_spans(text, offset, tokenised, pieces, hits)
            for i, (a, b) in zip(hits, spans, strict=True):
                value = values[i]
                raw = lexicon.get(SentiText._strip_punc_if_word(pieces[i]).lower())
                rows.append((a, b, full[a:b], "vader_token", value, _note(raw, value)))
        return scores, rows, punctuation_emphasis(self._analyzer, tokenised)


def punctuation_emphasis(analyzer: SentimentIntensityAnalyzer, text: str) -> float:
    """VADER's emphasis from "!" and "?" (zero without them, which is most news text)."""
    if "!" not in text and "?" not in text:
        return 0.0
    value: float = analyzer._punctuation_emphasis(text)
    return value


def expected_compound(explanation: Explanation) -> float:
    """The compound VADER derives from an explanation's weights (for checks and docs)."""
    total = explanation.valence_sum
    if total > 0:
        total += explanation.punctuation_emphasis
    elif total < 0:
        total -= explanation.punctuation_emphasis
    return round(normalize(total), 4) if explanation.contributions else 0.0


@functools.cache
def _cached_scorer(
    name: str, extra_lexicons: tuple[Path, ...], extra_events: tuple[Path, ...]
) -> Scorer:
    if name == "vader":
        if extra_lexicons or extra_events:
            raise InputError(
                "extra lexicons and event dictionaries apply to the 'diplomacy' profile only; "
                "drop them or use diplomacy."
            )
        return VaderScorer()
    # Imported here: tracker.scoring.diplomacy.profile builds on this module.
    from tracker.scoring.diplomacy.profile import DiplomacyScorer

    return DiplomacyScorer(extra_lexicons=extra_lexicons, extra_events=extra_events)


def get_scorer(
    name: str = DEFAULT_PROFILE,
    extra_lexicons: tuple[Path, ...] = (),
    extra_events: tuple[Path, ...] = (),
) -> Scorer:
    """The process-wide scorer for a profile ("diplomacy" or "vader")."""
    if name not in PROFILES:
        raise UnknownProfile(
            f"unknown scoring profile {name!r}; valid profiles are {', '.join(PROFILES)}."
        )
    resolved = tuple(Path(os.path.abspath(p)) for p in extra_lexicons)
    events = tuple(Path(os.path.abspath(p)) for p in extra_events)
    return _cached_scorer(name, resolved, events)
