"""Synthetic tracker databases of any size, for the dashboard's tests and benchmarks.

:func:`make_database` writes documents, statements, one completed analysis run, one completed score
run per scorer profile (``diplomacy`` and ``vader``) and the reference story's key events straight
into the schema, in Arrow chunks through :func:`tracker.db.connection.writer`. The output is
deterministic for a given seed. Its shape follows the reference story, so the dashboard can be
judged on it: Turkey–Russia collapses after the 24 Nov 2015 shootdown and recovers from the
late-June 2016 letter; Turkey–West dips after the 15 Jul 2016 coup attempt; article volume
spikes after each event. Sentences are generated from templates written for this module; they
name roles ("the Turkish president"), never quote real people. :func:`add_rescoring_run` appends
a second run of one scorer over part of the statements, so "what changed" has something to show.
Every fourth statement's ``diplomacy`` score holds an event (:func:`_event`): a CAMEO root
category that follows the score's sign and strength, so the event-data measures have something
to show; they consume no random numbers, so the rest of the data is as before.

Nothing here is used to score or analyse real text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import numpy as np
import pyarrow as pa

from tracker.db import aggregates, connection
from tracker.db.tables import ALL, COMPLETED, insert_arrow, next_id
from tracker.models import ALSO, NARRATOR, PRIMARY, RUSSIA, TURKEY, TURKEY_RUSSIA, TURKEY_WEST, WEST
from tracker.scoring.events.dictionary import ROOT_GOLDSTEIN, quad_class
from tracker.scoring.vader import PROFILES
from tracker.synthetic.story import (
    SOURCES,
    SPEAKER_WEIGHTS,
    SPEAKERS,
    STORY_EVENTS,
    WEEKDAYS,
    Sentence,
    Speaker,
    compose,
    story_level,
    tone,
)

SCORERS = PROFILES
SYNTHETIC = "synthetic"  # the runs' scorer and analysis version, and the inputs hash
_CHUNK_DOCUMENTS = 20_000
EVENT_EVERY = 4  # every fourth statement's diplomacy score holds an event
# Root categories by score: below -0.5, -0.5 .. -0.1, -0.1 .. 0.4, from 0.4 (quad classes in turn).
_EVENT_CODES = (
    ("16", "17", "19"),
    ("11", "12", "13", "14"),
    ("01", "03", "04", "05"),
    ("06", "07"),
)
_EVENT_COLUMNS = (
    "event_code event_quad event_goldstein event_mode event_agent event_start event_end"
)


def _epoch(day: dt.date) -> int:
    return (day - dt.date(1970, 1, 1)).days


def _document_days(
    rng: np.random.Generator, n_docs: int, start: dt.date, end: dt.date
) -> np.ndarray:
    span = np.arange(_epoch(start), _epoch(end) + 1)
    weight = np.ones(len(span))
    for event in STORY_EVENTS:
        after = span - _epoch(event.day)
        weight += np.where(after >= 0, 6.0 * np.exp(-np.clip(after, 0, None) / 6.0), 0.0)
    return np.sort(rng.choice(span, size=n_docs, p=weight / weight.sum()))


def _scores(
    rng: np.random.Generator, level: np.ndarray, side: np.ndarray
) -> tuple[np.ndarray, ...]:
    # Speakers on the far side of a quarrel sound harsher than the level, Turkey a little softer.
    tilt = np.where(side == RUSSIA, 1.25, np.where(side == TURKEY, 0.85, 1.0))
    diplomacy = np.clip(level * tilt + rng.normal(0, 0.3, len(level)), -1, 1)
    vader = np.clip(0.5 * diplomacy + rng.normal(0.1, 0.35, len(level)), -1, 1)
    return np.round(diplomacy, 4), np.round(vader, 4)


def _explanation(compound: float, spans: list[tuple[int, int, str, float]], kind: str) -> str:
    contributions = [
        {"start": s, "end": e, "text": t, "kind": kind, "weight": round(3 * w, 3), "note": "tone"}
        for s, e, t, w in spans
    ]
    return json.dumps({"compound": compound, "contributions": contributions})


def make_database(
    path: Path,
    n_statements: int,
    *,
    seed: int = 0,
    start: dt.date = dt.date(2015, 11, 1),
    end: dt.date = dt.date(2016, 8, 31),
    explained_fraction: float = 0.25,
) -> Path:
    """Write a synthetic database of ``n_statements`` statements to ``path`` (must not exist)."""
    if path.exists():
        raise FileExistsError(f"{path} exists; remove it or choose another --out.")
    rng = np.random.default_rng(seed)
    sizes = rng.integers(6, 15, size=n_statements // 6 + 2)
    cut = int(np.searchsorted(np.cumsum(sizes), n_statements)) + 1
    sizes = sizes[:cut]
    sizes[-1] -= int(sizes.sum()) - n_statements
    sizes = sizes[sizes > 0]
    days = _document_days(rng, len(sizes), start, end)
    now = dt.datetime(2016, 9, 1, 12, 0)
    with connection.writer(path) as con:
        con.execute(
            "INSERT INTO analysis_runs (analysis_id, analysis_version, inputs_hash, scope, "
            "started, finished, status, n_statements) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [1, SYNTHETIC, SYNTHETIC, ALL, now, now, COMPLETED, n_statements],
        )
        for run_id, scorer in enumerate(SCORERS, start=1):
            con.execute(
                "INSERT INTO score_runs (run_id, scorer, scorer_version, lexicon_hash, scope, "
                "started, finished, status, n_statements) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    run_id,
                    scorer,
                    SYNTHETIC,
                    hashlib.sha256(scorer.encode()).hexdigest(),
                    ALL,
                    now,
                    now,
                    COMPLETED,
                    n_statements,
                ],
            )
        events = pa.table(
            {
                "event_date": [e.day for e in STORY_EVENTS],
                "label": [e.label for e in STORY_EVENTS],
                "dyad": [e.dyad for e in STORY_EVENTS],
                "description": [e.description for e in STORY_EVENTS],
            }
        )
        insert_arrow(con, "key_events", events)
        first_doc, first_stmt = 1, 1
        for lo in range(0, len(sizes), _CHUNK_DOCUMENTS):
            chunk = _Chunk(rng, sizes[lo : lo + _CHUNK_DOCUMENTS], days[lo : lo + _CHUNK_DOCUMENTS])
            chunk.build(first_doc, first_stmt, explained_fraction)
            con.execute("BEGIN TRANSACTION")
            for table, data in chunk.tables():
                insert_arrow(con, table, data)
            aggregates.add(con, range(first_stmt, first_stmt + int(chunk.sizes.sum())))
            con.execute("COMMIT")
            first_doc += len(chunk.sizes)
            first_stmt += int(chunk.sizes.sum())
        con.execute("CHECKPOINT")
    return path


class _Chunk:
    """Rows for a run of consecutive documents; ids start where the previous chunk ended."""

    def __init__(self, rng: np.random.Generator, sizes: np.ndarray, days: np.ndarray) -> None:
        self.rng = rng
        self.sizes = sizes
        self.days = days
        self.rows: dict[str, dict[str, list]] = {
            "documents": _columns(
                "document_id content_hash origin title source url published text ingested_at"
            ),
            "statements": _columns(
                "statement_id document_id seq start_char end_char text published"
            ),
            "statement_analysis": _columns(
                "analysis_id statement_id speaker speaker_actor speaker_side attribution_start "
                "attribution_end said_on said_on_precision said_on_start said_on_end refers_to "
                "refers_to_precision refers_to_start refers_to_end"
            ),
            "statement_dyads": _columns(
                "analysis_id statement_id dyad role direction basis clause_start clause_end"
            ),
            "scores": _columns(
                "run_id statement_id compound positive neutral negative dyad explanation "
                + _EVENT_COLUMNS
            ),
        }

    def tables(self) -> list[tuple[str, pa.Table]]:
        return [(name, pa.table(cols)) for name, cols in self.rows.items()]

    def _append(self, table: str, **values: object) -> None:
        for key, value in values.items():
            self.rows[table][key].append(value)

    def build(self, first_doc: int, first_stmt: int, explained_fraction: float) -> None:
        rng = self.rng
        n = int(self.sizes.sum())
        doc_of = np.repeat(np.arange(len(self.sizes)), self.sizes)
        published = self.days[doc_of]
        speaker = rng.choice(len(SPEAKERS), size=n, p=SPEAKER_WEIGHTS / SPEAKER_WEIGHTS.sum())
        side = np.array([SPEAKERS[i].side or NARRATOR for i in speaker])
        p_west = np.where(side == WEST, 1.0, np.where(side == RUSSIA, 0.0, 0.4))
        west = rng.random(n) < p_west
        dual = rng.random(n) < 0.15
        lag = np.where(rng.random(n) < 0.4, rng.integers(1, 3, n), 0)
        recall = rng.random(n) < 0.08
        level_r = story_level(TURKEY_RUSSIA, published)
        level_w = story_level(TURKEY_WEST, published)
        first = _scores(rng, np.where(west, level_w, level_r), side)
        second = _scores(rng, np.where(west, level_r, level_w), side)
        picks = rng.integers(0, 3, n)
        explained = rng.random(n) < explained_fraction
        source = rng.integers(0, len(SOURCES), len(self.sizes))
        epoch = dt.date(1970, 1, 1)
        pieces: list[str] = []
        for i in range(n):
            d = int(doc_of[i])
            if i == 0 or doc_of[i - 1] != d:
                pieces = []
            sp = SPEAKERS[int(speaker[i])]
            pub = epoch + dt.timedelta(days=int(published[i]))
            said = pub - dt.timedelta(days=int(lag[i]))
            pair = (TURKEY_WEST, TURKEY_RUSSIA) if west[i] else (TURKEY_RUSSIA, TURKEY_WEST)
            relations: tuple[str, ...] = pair if dual[i] else pair[:1]
            past = [e.day for e in STORY_EVENTS if e.day < said and e.dyad == relations[0]]
            recalled = past[-1] if recall[i] and past else None
            tones = tuple(
                tone(float(first[0][i] if k == 0 else second[0][i]), int(picks[i]) + k)
                for k in range(len(relations))
            )
            s = compose(
                sp, relations, tones, WEEKDAYS[said.weekday()] if lag[i] else None, recalled
            )
            stmt_id = first_stmt + i
            start = sum(len(p) + 1 for p in pieces)
            self._append(
                "statements",
                statement_id=stmt_id,
                document_id=first_doc + d,
                seq=len(pieces),
                start_char=start,
                end_char=start + len(s.text),
                text=s.text,
                published=pub,
            )
            pieces.append(s.text)
            self._analysis(stmt_id, sp, s, said, recalled)
            self._relations(stmt_id, sp, s, relations)
            for run_id, k in ((1, 0), (2, 1)):
                scores = (float(first[k][i]), float(second[k][i]))[: len(relations)]
                kind = "phrase" if run_id == 1 else "vader_token"
                self._scores(run_id, stmt_id, s, relations, scores, kind, bool(explained[i]))
            if i + 1 == n or doc_of[i + 1] != d:
                self._document(first_doc + d, pieces, SOURCES[int(source[d])], pub, s)

    def _analysis(
        self, stmt_id: int, sp: Speaker, s: Sentence, said: dt.date, recalled: dt.date | None
    ) -> None:
        self._append(
            "statement_analysis",
            analysis_id=1,
            statement_id=stmt_id,
            speaker=sp.name,
            speaker_actor=sp.actor,
            speaker_side=sp.side,
            attribution_start=s.attribution[0] if s.attribution else None,
            attribution_end=s.attribution[1] if s.attribution else None,
            said_on=said,
            said_on_precision="day",
            said_on_start=s.said_on[0] if s.said_on else None,
            said_on_end=s.said_on[1] if s.said_on else None,
            refers_to=recalled or said,
            refers_to_precision="day",
            refers_to_start=s.refers_to[0] if s.refers_to else None,
            refers_to_end=s.refers_to[1] if s.refers_to else None,
        )

    def _relations(
        self, stmt_id: int, sp: Speaker, s: Sentence, relations: tuple[str, ...]
    ) -> None:
        split = s.clause_split
        bounds = [(None, None)] if split is None else [(0, split), (split, len(s.text))]
        for k, (relation, (c0, c1)) in enumerate(zip(relations, bounds, strict=True)):
            self._append(
                "statement_dyads",
                analysis_id=1,
                statement_id=stmt_id,
                dyad=relation,
                role=PRIMARY if k == 0 else ALSO,
                direction=_direction(sp.side, relation),
                basis="text" if split is not None or sp.side is None else "speaker",
                clause_start=c0,
                clause_end=c1,
            )

    def _scores(
        self,
        run_id: int,
        stmt_id: int,
        s: Sentence,
        relations: tuple[str, ...],
        scores: tuple[float, ...],
        kind: str,
        explained: bool,
    ) -> None:
        whole = round(sum(scores) / len(scores), 4)
        explanation = None
        if explained:
            spans = [(a, b, s.text[a:b], w) for (a, b), w in zip(s.tones, scores, strict=True)]
            explanation = _explanation(whole, spans, kind)
        # The first relation's clause carries the event (the statement's row when it has one).
        coded = run_id == 1 and stmt_id % EVENT_EVERY == 0
        event = _event(stmt_id, scores[0], s.tones[0]) if coded else None
        rows = self.rows["scores"]
        _score_row(
            rows, run_id, stmt_id, whole, None, explanation, event if len(scores) == 1 else None
        )
        if len(relations) > 1:
            for k, (relation, score) in enumerate(zip(relations, scores, strict=True)):
                _score_row(rows, run_id, stmt_id, score, relation, None, event if k == 0 else None)

    def _document(
        self, doc_id: int, pieces: list[str], source: str, pub: dt.date, last: Sentence
    ) -> None:
        body = " ".join(pieces)
        slug = source.lower().replace(" ", "-")
        self._append(
            "documents",
            document_id=doc_id,
            content_hash=hashlib.sha256(body.encode()).hexdigest(),
            origin=f"synthetic/{slug}/{doc_id:07d}.md",
            title=f"{source} report {doc_id}",
            source=source,
            url=f"https://example.org/{slug}/{doc_id}",
            published=pub,
            text=body,
            ingested_at=dt.datetime(2016, 9, 1, 12, 0),
        )


def _columns(names: str) -> dict[str, list]:
    return {name: [] for name in names.split()}


def _direction(side: str | None, dyad: str) -> str:
    partner = RUSSIA if dyad == TURKEY_RUSSIA else WEST
    if side == TURKEY:
        return f"{TURKEY}→{partner}"
    if side == partner:
        return f"{partner}→{TURKEY}"
    return "narrated"


def _event(stmt_id: int, score: float, span: tuple[int, int]) -> tuple[object, ...]:
    """The event columns of a coded score row: a root category that follows the score."""
    band = 0 if score < -0.5 else 1 if score < -0.1 else 2 if score < 0.4 else 3
    codes = _EVENT_CODES[band]
    code = codes[stmt_id // EVENT_EVERY % len(codes)]
    return code, quad_class(code), ROOT_GOLDSTEIN[code], "act", None, span[0], span[1]


def _score_row(
    rows: dict[str, list],
    run_id: int,
    stmt_id: int,
    compound: float,
    dyad: str | None,
    explanation: str | None,
    event: tuple[object, ...] | None = None,
) -> None:
    for key, value in zip(_EVENT_COLUMNS.split(), event or (None,) * 7, strict=True):
        rows[key].append(value)
    positive = max(compound, 0.0) * 0.5
    negative = max(-compound, 0.0) * 0.5
    for key, value in (
        ("run_id", run_id),
        ("statement_id", stmt_id),
        ("compound", compound),
        ("positive", positive),
        ("neutral", 1.0 - positive - negative),
        ("negative", negative),
        ("dyad", dyad),
        ("explanation", explanation),
    ):
        rows[key].append(value)


def add_rescoring_run(path: Path, scorer: str, *, fraction: float = 0.2, seed: int = 1) -> int:
    """Append a completed run of ``scorer`` that rescores ``fraction`` of the statements.

    The new scores are the current ones moved by noise, so some statements move a lot; returns
    the new run id.
    """
    with connection.writer(path) as con:
        run_id = next_id(con, "score_runs")
        started = dt.datetime(2016, 9, 2, 9, 0)
        con.execute("BEGIN TRANSACTION")
        con.execute(
            "INSERT INTO score_runs (run_id, scorer, scorer_version, lexicon_hash, scope, started,"
            " finished, status, n_statements) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)",
            [
                run_id,
                scorer,
                f"{SYNTHETIC}-2",
                hashlib.sha256(f"{scorer}{seed}".encode()).hexdigest(),
                ALL,
                started,
                started + dt.timedelta(minutes=3),
                COMPLETED,
            ],
        )
        con.execute(
            """
            INSERT INTO scores (run_id, statement_id, compound, positive, neutral, negative, dyad,
                                explanation, event_code, event_quad, event_goldstein, event_mode,
                                event_agent, event_start, event_end)
            SELECT ?, s.statement_id,
                   greatest(-1, least(1, round(s.compound + 0.6 * sin(s.statement_id * ? + 1.3)
                                              * (hash(s.statement_id, ?) % 100 < 30)::INT, 4))),
                   s.positive, s.neutral, s.negative, s.dyad, s.explanation, s.event_code,
                   s.event_quad, s.event_goldstein, s.event_mode, s.event_agent, s.event_start,
                   s.event_end
            FROM scores AS s
            JOIN (SELECT statement_id, max(run_id) AS run_id FROM scores
                  JOIN score_runs USING (run_id) WHERE scorer = ? AND run_id < ?
                  GROUP BY statement_id) AS cur USING (statement_id, run_id)
            WHERE hash(s.statement_id, ?) % 1000 < ?
            """,
            [run_id, seed + 0.37, seed, scorer, run_id, seed, int(fraction * 1000)],
        )
        con.execute(
            "UPDATE score_runs SET n_statements = (SELECT count(DISTINCT statement_id) FROM scores"
            " WHERE run_id = ?) WHERE run_id = ?",
            [run_id, run_id],
        )
        aggregates.rebuild(con)  # the run changes a scattered fifth of the statements
        con.execute("COMMIT")
    return run_id
