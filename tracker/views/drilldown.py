"""One statement, everything that explains its score: context, dates, speaker, explanation.

:func:`statement_detail` reads the database file (one short read-only unit of work): the statement
in its document, the sentences before and after it, its three dates with the text spans that gave
them, who said it and the attribution span, for each relation and scorer the current score with its
explanation, and every syndicated copy of it (outlet and link). Explanations are JSON written by the
scorers; they are read defensively (:func:`parse_contributions`): unknown keys are ignored, broken
entries dropped, and offsets that do not match the text are re-found by the contribution's text.
:func:`highlight_html` renders a text with those contributions marked, weights as tooltips.
:func:`blocks` lays the panel out as typed blocks (:mod:`tracker.views.blocks`), in reading order;
the shell draws each kind with one Streamlit element and decides nothing else.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from tracker.db import connection
from tracker.models import NARRATOR, PRIMARY
from tracker.scoring import explanation
from tracker.views.blocks import Block, Heading, Markup, Note, Paragraph, Table
from tracker.views.snapshot import READ_WAIT_SECONDS

CONTEXT_SENTENCES = 2


class Contribution(explanation.Contribution):
    """A stored contribution, offsets into the statement text. Any kind is accepted: the JSON
    may come from another version of the scorers, and is shown rather than refused."""

    def __post_init__(self) -> None:
        pass

    @property
    def label(self) -> str:
        return explanation.kind_label(self.kind)


@dataclass(frozen=True)
class DateEvidence:
    """One of the statement's dates and the words that gave it (None: a default was used)."""

    label: str
    day: dt.date | None
    precision: str
    evidence: str | None
    fallback: str = ""  # where the date came from when no words gave it


@dataclass(frozen=True)
class RelationScore:
    dyad: str
    role: str
    direction: str
    scorer: str
    run_id: int
    score: float
    clause: str | None  # the clause scored for this relation, when not the whole statement
    contributions: tuple[Contribution, ...]


@dataclass(frozen=True)
class StatementDetail:
    statement_id: int
    text: str
    before: tuple[str, ...]
    after: tuple[str, ...]
    speaker: str
    speaker_actor: str | None
    speaker_side: str | None
    attribution: str | None
    dates: tuple[DateEvidence, ...]
    scores: tuple[RelationScore, ...]
    title: str | None
    source: str | None
    url: str | None
    origin: str
    copies: tuple[Copy, ...] = ()  # every copy of a syndicated remark, this one included


@dataclass(frozen=True)
class Copy:
    """One outlet's copy of a remark carried by several (:mod:`tracker.db.copies`)."""

    statement_id: int
    published: dt.date
    source: str | None
    title: str | None
    url: str | None
    representative: bool  # the copy that stands for the cluster in every count


def _span(text: str, start: Any, end: Any) -> str | None:
    if start is None or end is None or pd.isna(start) or pd.isna(end):
        return None
    start, end = int(start), int(end)
    if not 0 <= start < end <= len(text):
        return None
    return text[start:end]


def _date(value: Any) -> dt.date | None:
    if value is None or pd.isna(value):
        return None
    return pd.Timestamp(value).date()


def parse_contributions(raw: Any, text: str, offset: int = 0) -> tuple[Contribution, ...]:
    """Contributions from an explanation (JSON text or dict), with offsets into ``text``.

    ``offset`` is where the explained text starts in ``text`` (a clause); offsets that do not
    point at the contribution's own text are replaced by its first occurrence, or dropped.
    """
    if raw is None or (isinstance(raw, float) and pd.isna(raw)):
        return ()
    try:
        data = json.loads(raw) if isinstance(raw, str) else raw
    except (TypeError, ValueError):
        return ()
    items = data.get("contributions") if isinstance(data, dict) else None
    out: list[Contribution] = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        try:
            weight = float(item.get("weight", 0.0))
            start, end = int(item["start"]) + offset, int(item["end"]) + offset
        except (KeyError, TypeError, ValueError):
            continue
        word = str(item.get("text") or "")
        if word and text[start:end] != word:
            found = text.find(word)
            start, end = (found, found + len(word)) if found >= 0 else (-1, -1)
        if not 0 <= start < end <= len(text):
            continue
        kind = str(item.get("kind") or "rule")
        out.append(
            Contribution(start, end, text[start:end], kind, weight, str(item.get("note") or ""))
        )
    return tuple(sorted(out, key=lambda c: (c.start, -c.end)))


def _colour(weight: float, strongest: float) -> str:
    alpha = 0.25 + 0.55 * min(1.0, abs(weight) / strongest) if strongest else 0.25
    rgb = "26, 150, 65" if weight > 0 else "215, 48, 39" if weight < 0 else "150, 150, 150"
    return f"rgba({rgb}, {alpha:.2f})"


def highlight_html(text: str, contributions: tuple[Contribution, ...]) -> str:
    """``text`` as HTML with each contribution in a coloured ``<mark>`` (green warm, red hostile).

    Overlapping spans keep the first (longest at a start), except that a zero-weight span
    never hides the weighted ones inside it; the weight and rule show as a tooltip and as a
    small superscript, so the page reads without hovering.
    """
    # A zero-weight span around others (a clause marker) would hide the words inside it.
    marks = [
        c
        for c in contributions
        if c.weight
        or not any(o is not c and c.start <= o.start and o.end <= c.end for o in contributions)
    ]
    strongest = max((abs(c.weight) for c in marks), default=0.0)
    parts: list[str] = []
    cursor = 0
    for c in marks:
        if c.start < cursor:
            continue
        parts.append(html.escape(text[cursor : c.start]))
        tip = html.escape(f"{c.label}: {c.weight:+.2f}" + (f" ({c.note})" if c.note else ""))
        parts.append(
            f'<mark style="background:{_colour(c.weight, strongest)};border-radius:3px;'
            f'padding:0 2px" title="{tip}">{html.escape(c.text)}'
            f'<sup style="font-size:0.7em"> {c.weight:+.2f}</sup></mark>'
        )
        cursor = c.end
    parts.append(html.escape(text[cursor:]))
    return "".join(parts)


_STATEMENT = """
SELECT st.statement_id, st.document_id, st.seq, st.text, st.published,
       d.title, d.source, d.url, d.origin
FROM statements AS st JOIN documents AS d USING (document_id)
WHERE st.statement_id = ?
"""
_CONTEXT = """
SELECT seq, text FROM statements
WHERE document_id = ? AND seq BETWEEN ? AND ? AND seq <> ? ORDER BY seq
"""
_ANALYSIS = "SELECT * FROM current_analysis WHERE statement_id = ?"
_COPIES = """
SELECT st.statement_id, st.published, d.source, d.title, d.url,
       st.statement_id = c.representative_id AS representative
FROM statement_copies AS m
JOIN copy_clusters AS c USING (cluster_id)
JOIN statements AS st USING (statement_id)
JOIN documents AS d ON d.document_id = st.document_id
WHERE m.cluster_id = (SELECT cluster_id FROM statement_copies WHERE statement_id = ?)
ORDER BY st.published, st.statement_id
"""
_SCORES = """
SELECT dyad, role, direction, clause_start, clause_end, scorer, run_id, score, explanation
FROM dyad_scores WHERE statement_id = ? ORDER BY role DESC, dyad, scorer
"""


def statement_detail(
    db_path: Path, statement_id: int, wait: float = READ_WAIT_SECONDS
) -> StatementDetail | None:
    """Everything about one statement, or None when no such statement is stored."""
    with connection.reader(db_path, wait) as con:
        cur = con.cursor()
        row = cur.execute(_STATEMENT, [statement_id]).df()
        if row.empty:
            return None
        st = row.iloc[0]
        seq = int(st["seq"])
        lo, hi = seq - CONTEXT_SENTENCES, seq + CONTEXT_SENTENCES
        context = cur.execute(_CONTEXT, [int(st["document_id"]), lo, hi, seq]).df()
        analysis = cur.execute(_ANALYSIS, [statement_id]).df()
        scores = cur.execute(_SCORES, [statement_id]).df()
        copies = cur.execute(_COPIES, [statement_id]).fetchall()
    text = str(st["text"])
    a = analysis.iloc[0] if not analysis.empty else None
    return StatementDetail(
        statement_id=statement_id,
        text=text,
        before=tuple(context.loc[context["seq"] < seq, "text"]),
        after=tuple(context.loc[context["seq"] > seq, "text"]),
        speaker=str(a["speaker"]) if a is not None else NARRATOR,
        speaker_actor=_optional(a, "speaker_actor"),
        speaker_side=_optional(a, "speaker_side"),
        attribution=_span(text, a["attribution_start"], a["attribution_end"])
        if a is not None
        else None,
        dates=_dates(text, _date(st["published"]), a),
        scores=tuple(_relation_score(text, r) for r in scores.itertuples(index=False)),
        title=_optional(st, "title"),
        source=_optional(st, "source"),
        url=_optional(st, "url"),
        origin=str(st["origin"]),
        copies=tuple(Copy(int(c[0]), c[1], c[2], c[3], c[4], bool(c[5])) for c in copies),
    )


def _optional(row: Any, key: str) -> str | None:
    if row is None or key not in row or row[key] is None or pd.isna(row[key]):
        return None
    return str(row[key])


def _dates(text: str, published: dt.date | None, a: Any) -> tuple[DateEvidence, ...]:
    pub = DateEvidence("published", published, "day", None, "the document's publication date")
    if a is None:
        default = "no analysis yet: the publication date"
        return (
            pub,
            DateEvidence("said on", published, "day", None, default),
            DateEvidence("refers to", published, "day", None, default),
        )
    said = _date(a["said_on"]) or published
    said_ev = _span(text, a["said_on_start"], a["said_on_end"])
    refers = _date(a["refers_to"]) or said
    refers_ev = _span(text, a["refers_to_start"], a["refers_to_end"])
    return (
        pub,
        DateEvidence(
            "said on", said, _optional(a, "said_on_precision") or "day", said_ev,
            "" if said_ev else "no date in the sentence: the publication date",
        ),
        DateEvidence(
            "refers to", refers, _optional(a, "refers_to_precision") or "day", refers_ev,
            "" if refers_ev else "no other date in the sentence: when it was said",
        ),
    )  # fmt: skip


def _relation_score(text: str, r: Any) -> RelationScore:
    clause = _span(text, r.clause_start, r.clause_end)
    offset = int(r.clause_start) if clause is not None else 0
    contributions = parse_contributions(r.explanation, text, 0)
    if clause is not None and not contributions:
        contributions = parse_contributions(r.explanation, text, offset)
    return RelationScore(
        dyad=str(r.dyad),
        role=str(r.role),
        direction=str(r.direction),
        scorer=str(r.scorer),
        run_id=int(r.run_id),
        score=float(r.score),
        clause=clause if clause is not None and clause != text else None,
        contributions=contributions,
    )


def context_html(detail: StatementDetail) -> str:
    """The statement in bold between the sentences around it (greyed), as HTML."""
    grey = '<span style="color:#777">{}</span>'
    parts = [grey.format(html.escape(s)) for s in detail.before]
    parts.append(f"<b>{html.escape(detail.text)}</b>")
    parts.extend(grey.format(html.escape(s)) for s in detail.after)
    return '<p style="line-height:1.6">' + " ".join(parts) + "</p>"


def dates_frame(detail: StatementDetail) -> pd.DataFrame:
    """One row per date: which date, the day, its precision and the words that gave it."""
    return pd.DataFrame(
        [
            {
                "date": d.label,
                "day": d.day,
                "precision": d.precision,
                "from the words": f"“{d.evidence}”" if d.evidence else f"({d.fallback})",
            }
            for d in detail.dates
        ]
    ).set_index("date")


def speaker_line(detail: StatementDetail) -> str:
    """Who said it, in one line of Markdown."""
    who = detail.speaker
    if detail.speaker_actor and detail.speaker_actor != who:
        who += f" ({detail.speaker_actor})"
    side = f", side: **{detail.speaker_side}**" if detail.speaker_side else ""
    words = f" — attributed by “{detail.attribution}”" if detail.attribution else ""
    return f"Speaker: **{who}**{side}{words}"


def source_line(detail: StatementDetail) -> str:
    """The source document as one line of Markdown, linked when it has a URL."""
    title = detail.title or detail.origin
    link = f"[{title}]({detail.url})" if detail.url else title
    return f"Source: {link} — {detail.source or 'unknown outlet'} · `{detail.origin}`"


def score_heading(score: RelationScore) -> str:
    role = "" if score.role == PRIMARY else " (also mentioned)"
    scorer = f"{score.scorer} scorer · run {score.run_id}"
    return f"**{score.dyad}**{role} · {scorer}: **{score.score:+.2f}**"


def copies_list(detail: StatementDetail) -> str:
    """Every outlet that carried the remark, one Markdown list item each: date, outlet, the
    title linked to the page, and which copy the counts use."""
    lines = []
    for c in detail.copies:
        title = (c.title or f"statement {c.statement_id}").replace("[", "(").replace("]", ")")
        link = f"[{title}]({c.url})" if c.url else title
        mark = " · **counted**" if c.representative else ""
        lines.append(f"- {c.published:%d %b %Y} · {c.source or 'unknown outlet'} · {link}{mark}")
    return "\n".join(lines)


def copies_heading(detail: StatementDetail) -> str:
    n = len(detail.copies)
    return f"Carried by {n} outlets: counted once, as statement {_counted(detail)}"


def _counted(detail: StatementDetail) -> int:
    return next((c.statement_id for c in detail.copies if c.representative), detail.statement_id)


NO_EXPLANATION = "<i>No explanation stored for this score.</i>"


def blocks(detail: StatementDetail) -> list[Block]:
    """The drill-down panel in reading order: what it says, not how Streamlit draws it.

    The statement in context, who said it, its dates; per relation and scorer the score, the
    clause scored when not the whole statement, and the text with its contributions marked;
    then the source document, and when other outlets carried the same remark, every copy with
    its outlet and link.
    """
    out: list[Block] = [
        Heading(f"Statement {detail.statement_id} in context"),
        Markup(context_html(detail)),
        Paragraph(speaker_line(detail)),
        Table(dates_frame(detail)),
    ]
    for score in detail.scores:
        out.append(Paragraph(score_heading(score)))
        if score.clause:
            out.append(Note(f"Scored clause: “{score.clause}”"))
        body = highlight_html(detail.text, score.contributions) if score.contributions else None
        out.append(Markup(body or NO_EXPLANATION))
    out.append(Paragraph(source_line(detail)))
    if len(detail.copies) > 1:
        out.append(Paragraph(copies_heading(detail)))
        out.append(Paragraph(copies_list(detail)))
    return out
