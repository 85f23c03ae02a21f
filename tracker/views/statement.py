"""``tracker explain STATEMENT_ID``: one stored statement, its analysis and why it scored so.

Reads the current analysis and the current score of every profile (whole statement and each
relation's clause) with their stored explanations, and renders them in plain words.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tracker.db import connection
from tracker.db.tables import COMPLETED
from tracker.errors import TrackerError
from tracker.scoring.explanation import Explanation, explanation_from_json


@dataclass(frozen=True)
class ScoreLine:
    scorer: str
    dyad: str | None
    explanation: Explanation


@dataclass(frozen=True)
class StatementReport:
    statement_id: int
    text: str
    document_id: int
    title: str | None
    source: str | None
    origin: str
    published: Any
    analysis: dict[str, Any] | None
    relations: tuple[dict[str, Any], ...]
    scores: tuple[ScoreLine, ...]

    def lines(self) -> list[str]:
        out = [f"Statement {self.statement_id}: {self.text}"]
        meta = ", ".join(x for x in (self.title, self.source) if x)
        out.append(
            f"Document {self.document_id} ({meta or self.origin}), published {self.published}"
        )
        a = self.analysis
        if a:
            side = f" ({a['speaker_side']})" if a["speaker_side"] else ""
            out.append(f"Speaker: {a['speaker']}{side}{_quoted(self.text, a, 'attribution')}")
            said = _quoted(self.text, a, "said_on")
            out.append(f"Said on: {a['said_on']} ({a['said_on_precision']}){said}")
            out.append(
                f"Refers to: {a['refers_to']} ({a['refers_to_precision']})"
                f"{_quoted(self.text, a, 'refers_to')}"
            )
        for r in self.relations:
            out.append(f"Relation: {r['dyad']} ({r['role']}, {r['direction']}, from {r['basis']})")
        for line in self.scores:
            where = f" [{line.dyad} clause]" if line.dyad else ""
            out.append("")
            out.append(f"{line.scorer}{where}: {line.explanation.describe()}")
        return out


def _quoted(text: str, analysis: dict[str, Any], prefix: str) -> str:
    start, end = analysis.get(f"{prefix}_start"), analysis.get(f"{prefix}_end")
    if start is None or end is None:
        return ""
    return f' — from "{text[start:end]}"'


def statement_report(
    db_path: Path, statement_id: int, wait: float = connection.DEFAULT_WAIT_SECONDS
) -> StatementReport:
    with connection.reader(db_path, wait) as con:
        cur = con.cursor()
        row = cur.execute(
            "SELECT s.statement_id, s.text, s.document_id, d.title, d.source, d.origin, "
            "s.published "
            "FROM statements AS s JOIN documents AS d USING (document_id) WHERE s.statement_id = ?",
            [statement_id],
        ).fetchall()
        if not row:
            raise TrackerError(
                f"No statement {statement_id} in {db_path}; find ids with "
                '`tracker sql "SELECT statement_id, text FROM statements LIMIT 20"`.'
            )
        analysis = _records(
            cur, "SELECT * FROM current_analysis WHERE statement_id = ?", [statement_id]
        )
        relations = _records(
            cur,
            "SELECT dyad, role, direction, basis FROM current_dyads WHERE statement_id = ? "
            "ORDER BY role DESC, dyad",
            [statement_id],
        )
        scores = cur.execute(
            "WITH current_run AS ("
            "  SELECT r.scorer, max(sc.run_id) AS run_id FROM scores AS sc "
            "  JOIN score_runs AS r USING (run_id) "
            "  WHERE sc.statement_id = ? AND r.status = ? GROUP BY r.scorer) "
            "SELECT c.scorer, sc.dyad, sc.explanation FROM current_run AS c "
            "JOIN scores AS sc ON sc.run_id = c.run_id AND sc.statement_id = ? "
            "ORDER BY c.scorer, sc.dyad NULLS FIRST",
            [statement_id, COMPLETED, statement_id],
        ).fetchall()
    sid, text, doc_id, title, source, origin, published = row[0]
    lines = tuple(
        ScoreLine(
            scorer, dyad, explanation_from_json(json.loads(expl) if isinstance(expl, str) else expl)
        )
        for scorer, dyad, expl in scores
        if expl is not None
    )
    return StatementReport(
        sid,
        text,
        doc_id,
        title,
        source,
        origin,
        published,
        analysis[0] if analysis else None,
        tuple(relations),
        lines,
    )


def _records(cur: Any, query: str, params: list[Any]) -> list[dict[str, Any]]:
    rows = cur.execute(query, params).fetchall()
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in rows]
