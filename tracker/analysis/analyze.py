"""Statement analysis for one document: speaker, relations (dyads) and dates per statement.

:func:`analyze_document` is pure (no database): it takes a document's statements in order and
returns one :class:`StatementAnalysis` per statement, combining

* :mod:`tracker.analysis.attribution.attribute` (who speaks, with pronouns and quotations
  resolved across the document),
* :mod:`tracker.analysis.dyads` (which relations the statement is about, with the article's
  relation as a fallback for statements that name one side or none),
* :mod:`tracker.analysis.dates.resolve` (``said_on`` and ``refers_to`` with precision and the
  span that gave them), each statement read with what the statements before it dated
  (:mod:`tracker.analysis.dates.context`: "Peskov said the same day", "after the summit" take
  the date of the event just reported); then the statements nothing dates take the day of the
  document's news when its lead is dated before publication
  (:mod:`tracker.analysis.dates.news`: a Friday report of Thursday's statement).

Each statement is read once: the actor mentions of a text are found once per call and shared by
the speaker and relation readers, and one relation reading
(:func:`tracker.analysis.dyads.read_sides`) serves both the article's dyad and the statement's
own.

:func:`analysis_identity` names the rules and inputs, so a change of either is visible in
``analysis_runs`` and triggers re-analysis.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tracker import __version__
from tracker.analysis.actors import ActorDictionary, ActorMention
from tracker.analysis.attribution.attribute import Attribution, attribute
from tracker.analysis.dates.context import DateContext, advance
from tracker.analysis.dates.news import carry_news_day
from tracker.analysis.dates.resolve import StatementDates, follows_news, resolve_statement_dates
from tracker.analysis.dyads import assign_sides, dyad_of_document, read_sides
from tracker.analysis.key_events import KeyEvent
from tracker.fingerprint import source_bytes
from tracker.models import NARRATOR, DyadAssignment

# The code that decides an analysis: the shared names (models), segmentation and quotations
# (text) and every analysis module. Hashed whole, so a new rule module needs no list to be seen.
SOURCE_PACKAGES = ("models.py", "text", "analysis")


@dataclass(frozen=True)
class StatementAnalysis:
    """Everything the analysis says about one statement; spans are offsets in its text."""

    attribution: Attribution
    dates: StatementDates
    dyads: tuple[DyadAssignment, ...]

    @property
    def speaker(self) -> str:
        return self.attribution.speaker or NARRATOR


@dataclass(frozen=True)
class AnalysisIdentity:
    version: str
    inputs_hash: str


class _DocumentActors(ActorDictionary):
    """An actor dictionary that remembers ``find_mentions`` for one document: its speaker and
    relation readers look at the same statements and speaker phrases again and again."""

    def __init__(self, actors: ActorDictionary) -> None:
        self.__dict__.update(vars(actors))  # the same matchers, shared rather than rebuilt
        self._find = actors.find_mentions
        self._seen: dict[tuple[str, dt.date | None], list[ActorMention]] = {}

    def find_mentions(self, text: str, on: dt.date | None = None) -> list[ActorMention]:
        found = self._seen.get((text, on))
        if found is None:
            found = self._seen[text, on] = self._find(text, on)
        return list(found)  # a caller may change its list, never the remembered one


def analyze_document(
    texts: Sequence[str],
    published: dt.date | None,
    actors: ActorDictionary,
    events: Sequence[KeyEvent],
    published_precision: str = "day",
) -> list[StatementAnalysis]:
    """Analyse a document's statements, given in document order. ``published_precision``
    "month": only the month of ``published`` is known (dates then follow
    :func:`tracker.analysis.dates.resolve.resolve_statement_dates`)."""
    actors = _DocumentActors(actors)
    attributions = attribute(list(texts), published, actors)
    sides = [read_sides(t, a, published, actors) for t, a in zip(texts, attributions, strict=True)]
    article_dyad = dyad_of_document(sides)
    readings = []
    context = DateContext()
    attributed = [a.speaker not in (None, NARRATOR) for a in attributions]
    for text, attribution, said in zip(texts, attributions, attributed, strict=True):
        dates = resolve_statement_dates(
            text,
            published,
            attributed=said,
            attribution_span=attribution.span,
            quote_spans=attribution.quote_spans,
            events=events,
            context=context,
            published_precision=published_precision,
        )
        context = advance(context, text, dates)
        readings.append(dates)
    if published_precision == "day":

        def follows(i: int) -> bool:
            spans = attributions[i].quote_spans
            return follows_news(texts[i], published, attributed=attributed[i], quote_spans=spans)

        def before_lead(i: int) -> bool:
            spans = attributions[i].quote_spans
            return follows_news(
                texts[i], published, attributed=attributed[i], quote_spans=spans, before_lead=True
            )

        voices = [
            (a.speaker, a.side) if said else None
            for a, said in zip(attributions, attributed, strict=True)
        ]
        readings = carry_news_day(published, readings, voices, follows, before_lead)
    return [
        StatementAnalysis(attribution, dates, tuple(assign_sides(read, article_dyad)))
        for attribution, dates, read in zip(attributions, readings, sides, strict=True)
    ]


def _digest(paths: Sequence[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def analysis_identity(actor_files: Sequence[Path], events_file: Path) -> AnalysisIdentity:
    """The analysis version (package version + rule sources) and a hash of its data files."""
    digest = hashlib.sha256()
    for part in source_bytes(*SOURCE_PACKAGES):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    rules = digest.hexdigest()
    return AnalysisIdentity(f"{__version__}+{rules[:12]}", _digest([*actor_files, events_file]))
