"""The rows a full ingest stores, in a form that does not depend on the code's layout.

``python -m tests.golden.rows OUT.jsonl.gz`` ingests the demo corpus and the tests' own
article fixtures into a new database through the command line and writes every stored
statement, analysis, relation and score (with its explanation), and every statement in a
cluster of syndicated copies with its representative, as sorted JSON lines. Run
identities, ids and ingest times are left out: they change when the code moves, the rows
must not. ``tests/test_golden.py`` compares a fresh dump with the committed one.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[2]
INPUTS = [
    ROOT / "data" / "corpus",
    ROOT / "tests" / "fixtures" / "heldout" / "manifest.csv",
    ROOT / "tests" / "fixtures" / "mini_gold" / "manifest.csv",
]

# Each query yields rows keyed by the statement's document content hash and sequence number,
# so statement ids and run ids (which depend on ingest order and history) do not matter.
QUERIES = {
    "statement": """
        SELECT d.content_hash, s.seq, s.start_char, s.end_char, s.text,
               CAST(s.published AS VARCHAR), d.title, d.source, d.url,
               CAST(d.published AS VARCHAR)
        FROM statements s JOIN documents d USING (document_id)
    """,
    "analysis": """
        SELECT d.content_hash, s.seq, a.speaker, a.speaker_actor, a.speaker_side,
               a.attribution_start, a.attribution_end,
               CAST(a.said_on AS VARCHAR), a.said_on_precision, a.said_on_start, a.said_on_end,
               CAST(a.refers_to AS VARCHAR), a.refers_to_precision, a.refers_to_start,
               a.refers_to_end
        FROM statement_analysis a JOIN statements s USING (statement_id)
        JOIN documents d USING (document_id)
    """,
    "dyad": """
        SELECT d.content_hash, s.seq, y.dyad, y.role, y.direction, y.basis,
               y.clause_start, y.clause_end
        FROM statement_dyads y JOIN statements s USING (statement_id)
        JOIN documents d USING (document_id)
    """,
    "score": """
        SELECT d.content_hash, s.seq, r.scorer, r.scorer_version, c.dyad,
               c.compound, c.positive, c.neutral, c.negative, c.explanation,
               c.event_code, c.event_quad, c.event_goldstein, c.event_mode, c.event_agent,
               c.event_start, c.event_end
        FROM scores c JOIN score_runs r USING (run_id) JOIN statements s USING (statement_id)
        JOIN documents d USING (document_id)
    """,
    # Statements in a cluster of syndicated copies (of more than one), with its representative.
    "copy": """
        SELECT d.content_hash, s.seq, rd.content_hash, rs.seq, c.copies, m.speaker
        FROM statement_copies m JOIN copy_clusters c USING (cluster_id)
        JOIN statements s USING (statement_id) JOIN documents d USING (document_id)
        JOIN statements rs ON rs.statement_id = c.representative_id
        JOIN documents rd ON rd.document_id = rs.document_id
        WHERE c.copies > 1
    """,
}


def ingest(db: Path) -> None:
    args = [sys.executable, "-m", "tracker", "ingest", *map(str, INPUTS)]
    args += ["--db", str(db), "--workers", "1"]
    subprocess.run(args, check=True, capture_output=True, cwd=ROOT)


def dump(db: Path) -> list[str]:
    """Every stored row as one canonical JSON line, sorted."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        lines = []
        for kind, sql in QUERIES.items():
            for row in con.execute(sql).fetchall():
                lines.append(json.dumps([kind, *row], ensure_ascii=False, default=str))
    finally:
        con.close()
    return sorted(lines)


def fresh_dump() -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "golden.duckdb"
        ingest(db)
        return dump(db)


def read(path: Path) -> list[str]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return fh.read().splitlines()


def write(path: Path, lines: list[str]) -> None:
    # mtime=0: the same rows give the same bytes, so git sees no change when nothing changed.
    with open(path, "wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(("\n".join(lines) + "\n").encode("utf-8"))


if __name__ == "__main__":
    write(Path(sys.argv[1]), fresh_dump())
