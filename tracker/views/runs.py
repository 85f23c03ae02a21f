"""Score runs and what the last rescoring changed, for the dashboard's "Runs" section.

:func:`score_runs` lists every run with the current one of each scorer marked (the newest
completed run: the one ``statement_scores`` reads). :func:`score_changes` compares, for the
newest completed run of a scorer, each statement's whole-statement score with the score the
same scorer gave it in its previous completed run, and returns the statements that moved most.
Runs come from the snapshot (small table); changes read the file, one short unit of work.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tracker.db import connection
from tracker.db.tables import COMPLETED
from tracker.views.snapshot import READ_WAIT_SECONDS, Snapshot

CHANGES_LIMIT = 20


def score_runs(snap: Snapshot) -> pd.DataFrame:
    """run_id, scorer, status, started, finished, statements, current (bool); newest first."""
    return snap.query(
        """
        SELECT run_id, scorer, status, scope, started, finished, n_statements AS statements,
               scorer_version, left(lexicon_hash, 12) AS lexicon,
               run_id = max(run_id) FILTER (WHERE status = ?)
                   OVER (PARTITION BY scorer) AS current
        FROM runs ORDER BY run_id DESC
        """,
        [COMPLETED],
    )


_CHANGES = """
WITH latest AS (
    SELECT max(run_id) AS run_id FROM score_runs WHERE scorer = $scorer AND status = $completed
),
new AS (
    SELECT statement_id, compound FROM scores
    WHERE run_id = (SELECT run_id FROM latest) AND dyad IS NULL
),
old AS (
    SELECT s.statement_id, arg_max(s.compound, s.run_id) AS compound, max(s.run_id) AS run_id
    FROM scores AS s JOIN score_runs AS r USING (run_id)
    WHERE r.scorer = $scorer AND r.status = $completed AND s.dyad IS NULL
      AND s.run_id < (SELECT run_id FROM latest)
      AND s.statement_id IN (SELECT statement_id FROM new)
    GROUP BY s.statement_id
)
SELECT n.statement_id, o.run_id AS previous_run, (SELECT run_id FROM latest) AS run_id,
       o.compound AS before, n.compound AS after, n.compound - o.compound AS change,
       st.text
FROM new AS n JOIN old AS o USING (statement_id)
JOIN statements AS st USING (statement_id)
WHERE n.compound <> o.compound
ORDER BY abs(n.compound - o.compound) DESC, n.statement_id
LIMIT $limit
"""


def score_changes(
    db_path: Path, scorer: str, limit: int = CHANGES_LIMIT, wait: float = READ_WAIT_SECONDS
) -> pd.DataFrame:
    """The statements whose ``scorer`` score moved most in its newest completed run.

    Columns: statement_id, previous_run, run_id, before, after, change, text. Empty when the
    scorer has only one run or the newest run changed nothing.
    """
    with connection.reader(db_path, wait) as con:
        params = {"scorer": scorer, "completed": COMPLETED, "limit": limit}
        return con.cursor().execute(_CHANGES, params).df()
