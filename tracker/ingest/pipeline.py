"""Processing one article into storable rows: statements, their analysis, their scores; and
rebuilding the same pipeline in a worker process.

Contract
--------
- A :class:`Pipeline` is built once per command (actor dictionary, key events, scorers, and
  the identities recorded with every run) and then applied to each article with
  :meth:`Pipeline.prepare`, which touches no database, so it can run before the writer lock is
  taken (or in a worker).
- :class:`PipelineSpec` names what a worker needs to build the same pipeline as the main
  process (profiles, actor, lexicon and events files) and, once :meth:`PipelineSpec.pinned`,
  the identities that pipeline must have (:func:`identities`). :func:`pipeline_for` builds a
  spec's pipeline once per process and raises :class:`PipelineMismatch` when a worker builds
  anything else (a file edited mid-run); :func:`adopt` lets an inline worker use the main
  process's pipeline. Ingest and rescoring both rebuild their pipelines this way.
- :class:`PrepareTask` and :func:`prepare_articles` are ingest's worker task: articles in,
  :class:`~tracker.ingest.store.ProcessedDocument` out, in the order given (they pickle; the
  task runs in a :class:`tracker.workers.WorkerPool`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from tracker.analysis.actors import ActorDictionary
from tracker.analysis.analyze import StatementAnalysis, analysis_identity, analyze_document
from tracker.analysis.key_events import KeyEvent, load_events
from tracker.errors import PipelineMismatch
from tracker.ingest.store import AnalysisRun, ProcessedDocument, ScorerRun
from tracker.models import Article, Segment
from tracker.paths import data_dir, events_path
from tracker.scoring.statement import StatementScores, score_statement
from tracker.scoring.vader import PROFILES, Scorer, get_scorer
from tracker.text.segment import statements as split_statements


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Python's cycle collector off for one batch of work, then one young collection.

    A batch allocates millions of small, acyclic objects (statements, scores, their JSON) that
    live until the batch is stored and are then freed by reference counting. While they pile
    up, the collector traverses them again and again: about a tenth of ingest time, for no
    garbage. Cycles made meanwhile (rare) are collected at the end. Leaves a collector that
    the caller turned off alone.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect(1)


@dataclass(frozen=True)
class Pipeline:
    actors: ActorDictionary
    events: tuple[KeyEvent, ...]
    scorers: tuple[Scorer, ...]
    analysis: AnalysisRun | None  # None: statements are stored without speaker/relation/dates

    @classmethod
    def build(
        cls,
        profiles: Sequence[str] = PROFILES,
        actor_files: Sequence[Path] = (),
        lexicons: Sequence[Path] = (),
        events_file: Path | None = None,
        analyze: bool = True,
        events_dicts: Sequence[Path] = (),
    ) -> Pipeline:
        """Load the dictionaries and scorers; user files extend the bundled ones."""
        actors = ActorDictionary.load(actor_files) if actor_files else ActorDictionary.default()
        events_file = events_file or events_path()
        events = tuple(load_events(events_file))
        scorers = tuple(
            get_scorer(name, tuple(lexicons), tuple(events_dicts))
            if name == "diplomacy"
            else get_scorer(name)
            for name in profiles
        )
        identity = analysis_identity([data_dir() / "actors.toml", *actor_files], events_file)
        actor_rows = tuple(
            {
                "name": a.name,
                "side": a.side,
                "role": a.role,
                "kind": a.kind,
                "aliases": list(a.aliases),
                "titles": list(dict.fromkeys(t.form for t in a.titles)),
                "valid_from": a.valid_from,
                "valid_to": a.valid_to,
                "source_file": a.source,
            }
            for a in actors.actors.values()
        )
        event_rows = tuple(
            {
                "event_date": e.date,
                "label": e.label,
                "dyad": e.dyad,
                "description": e.description,
                "aliases": list(e.aliases),
            }
            for e in events
        )
        run = AnalysisRun(identity.version, identity.inputs_hash, actor_rows, event_rows)
        return cls(actors, events, scorers, run if analyze else None)

    @property
    def scorer_runs(self) -> list[ScorerRun]:
        return [
            ScorerRun(s.identity.name, s.identity.vader_version, s.identity.lexicon_hash)
            for s in self.scorers
        ]

    def prepare_all(self, articles: Sequence[Article]) -> tuple[ProcessedDocument, ...]:
        """:meth:`prepare` each article, in order, with the cycle collector paused."""
        with paused_gc():
            return tuple(self.prepare(article) for article in articles)

    def prepare(self, article: Article) -> ProcessedDocument:
        """Segment, analyse and score one article (no database access)."""
        segments, analyses, scores = self.process_text(article.text, article.published)
        return ProcessedDocument(article, content_hash(article.text), segments, analyses, scores)

    def process_text(
        self, text: str, published: dt.date | None, published_precision: str = "day"
    ) -> tuple[
        tuple[Segment, ...],
        tuple[StatementAnalysis, ...],
        dict[str, tuple[StatementScores, ...]],
    ]:
        """Statements, their analysis and each profile's scores; ``published`` may be unknown,
        or known to the month only (``published_precision`` "month")."""
        segments = tuple(split_statements(text))
        texts = [seg.text for seg in segments]
        analyses: tuple[StatementAnalysis, ...] = ()
        if self.analysis is not None:
            analyses = tuple(
                analyze_document(texts, published, self.actors, self.events, published_precision)
            )
        dyads = [result.dyads for result in analyses] or [()] * len(texts)
        scores = {
            scorer.name: tuple(
                score_statement(scorer, text, assigned)
                for text, assigned in zip(texts, dyads, strict=True)
            )
            for scorer in self.scorers
        }
        return segments, analyses, scores


ScorerIdentities = tuple[tuple[str, str, str], ...]  # (profile, vader version, lexicon hash)
AnalysisIdentity = tuple[str, str] | None  # (version, inputs hash); None: no analysis


def identities(pipeline: Pipeline) -> tuple[ScorerIdentities, AnalysisIdentity]:
    """What a pipeline's runs record: its scorers' and its analysis' identities."""
    analysis = pipeline.analysis
    return (
        tuple(
            (s.identity.name, s.identity.vader_version, s.identity.lexicon_hash)
            for s in pipeline.scorers
        ),
        (analysis.version, analysis.inputs_hash) if analysis is not None else None,
    )


@dataclass(frozen=True)
class PipelineSpec:
    """How to build the pipeline, and the identities it must come out with."""

    actor_files: tuple[Path, ...] = ()
    lexicons: tuple[Path, ...] = ()
    events_file: Path | None = None
    events_dicts: tuple[Path, ...] = ()  # the user's event dictionaries (diplomacy profile)
    expected: ScorerIdentities = ()
    expected_analysis: AnalysisIdentity = None
    profiles: tuple[str, ...] = PROFILES
    analyze: bool = True

    def build(self) -> Pipeline:
        return Pipeline.build(
            profiles=self.profiles,
            actor_files=self.actor_files,
            lexicons=self.lexicons,
            events_file=self.events_file,
            analyze=self.analyze,
            events_dicts=self.events_dicts,
        )

    def pinned(self, pipeline: Pipeline) -> PipelineSpec:
        """This spec with ``pipeline``'s identities as the ones workers must reproduce."""
        expected, expected_analysis = identities(pipeline)
        return dataclasses.replace(self, expected=expected, expected_analysis=expected_analysis)


_PIPELINES: dict[PipelineSpec, Pipeline] = {}


def pipeline_for(spec: PipelineSpec) -> Pipeline:
    """The process-wide pipeline of ``spec``, checked against the identities it must have."""
    if spec not in _PIPELINES:
        pipeline = spec.build()
        if spec.expected and identities(pipeline) != (spec.expected, spec.expected_analysis):
            raise PipelineMismatch()
        _PIPELINES[spec] = pipeline
    return _PIPELINES[spec]


def adopt(spec: PipelineSpec, pipeline: Pipeline) -> None:
    """Use an already built pipeline for ``spec`` in this process (inline workers)."""
    _PIPELINES[spec] = pipeline


@dataclass(frozen=True)
class PrepareTask:
    spec: PipelineSpec
    articles: tuple[Article, ...]


def prepare_articles(task: PrepareTask) -> tuple[ProcessedDocument, ...]:
    """Segment, analyse and score articles (ingest), in the order given."""
    return pipeline_for(task.spec).prepare_all(task.articles)
