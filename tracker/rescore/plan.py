"""Deciding what a rescoring must recompute, from the database alone (one read-only unit of work).

Contract
--------
:func:`make_plan` compares the identities the tracker would use now (scorers, analysis) with
the runs that produced each statement's *current* rows, and returns a :class:`RescorePlan`:

- statements without a score of a profile (or without an analysis) are ``new`` work;
- a profile whose vaderSentiment version or rules changed rescores every statement it scored
  under the old identity; one whose domain lexicon changed rescores only the statements that
  contain a changed term (:mod:`tracker.ingest.identity`), when both lexicons are recorded;
- an analysis whose version or actor/events files changed is re-run for every document with a
  statement analysed the old way (analysis needs the whole document: pronouns, the article's
  relation), and the clause scores of statements whose relations moved are recomputed after it.

Statements a lexicon run did not select keep rows made under the older identity, which are
exactly what the new one gives them. So that the next plan does not diff them again, every
score run records the identities it brought up to date (``bases`` in ``run_inputs``), and
:func:`effective_identity` follows those records forward from the run that made a row.

Nothing changed means an empty plan; the queries are aggregates over the run columns and one
anti-join per profile (about 0.1 s each at a million statements).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import duckdb

from tracker.db.tables import ALL, CHANGED, COMPLETED, NEW, SCORE_RUN
from tracker.ingest.identity import IdentitySnapshot, Key, changed_terms, load, term_filter


@dataclass(frozen=True)
class RunRecord:
    """A score run as the planner sees it."""

    run_id: int
    key: Key
    status: str
    bases: frozenset[Key] = frozenset()


@dataclass(frozen=True)
class ScorerPlan:
    """The statements one profile must (re)score, and why."""

    snapshot: IdentitySnapshot
    statement_ids: tuple[int, ...]
    scope: str
    reasons: tuple[str, ...]
    bases: tuple[Key, ...] = ()
    changed_terms: tuple[str, ...] = ()
    counts: Mapping[str, int] = field(default_factory=dict)

    @property
    def scorer(self) -> str:
        return self.snapshot.scorer

    @property
    def has_work(self) -> bool:
        """Statements to score, or identities to bring up to date (a run of 0 statements)."""
        return bool(self.statement_ids or self.bases)


@dataclass(frozen=True)
class AnalysisPlan:
    """The documents whose statements must be analysed again, and why."""

    document_ids: tuple[int, ...]
    statements_per_document: Mapping[int, int]
    reasons: tuple[str, ...]

    @property
    def n_statements(self) -> int:
        return sum(self.statements_per_document.values())


@dataclass(frozen=True)
class RescorePlan:
    statements: int  # in the database
    scorers: tuple[ScorerPlan, ...]
    analysis: AnalysisPlan | None

    @property
    def is_empty(self) -> bool:
        return self.analysis is None and not any(p.has_work for p in self.scorers)

    def describe(self) -> list[str]:
        lines = []
        if self.analysis is not None:
            lines.append(
                f"analysis: {len(self.analysis.document_ids)} documents "
                f"({self.analysis.n_statements} statements): " + "; ".join(self.analysis.reasons)
            )
        for p in self.scorers:
            if p.has_work:
                lines.append(
                    f"{p.scorer}: {len(p.statement_ids)} statements ({p.scope}): "
                    + "; ".join(p.reasons)
                )
        return lines or [f"nothing changed: all {self.statements} statements are current"]


def effective_identity(run_id: int, runs: Sequence[RunRecord]) -> tuple[Key, tuple[int, ...]]:
    """The identity under which ``run_id``'s rows are known right, and the runs that said so."""
    by_id = {r.run_id: r for r in runs}
    key = by_id[run_id].key
    path: list[int] = []
    for run in sorted(runs, key=lambda r: r.run_id):
        later = run.run_id > run_id and run.status == COMPLETED
        if later and key in run.bases and run.key != key:
            key = run.key
            path.append(run.run_id)
    return key, tuple(path)


def score_runs(con: duckdb.DuckDBPyConnection, scorer: str) -> list[RunRecord]:
    rows = con.execute(
        "SELECT r.run_id, r.scorer_version, r.lexicon_hash, r.status, i.inputs "
        "FROM score_runs AS r "
        "LEFT JOIN run_inputs AS i ON i.kind = ? AND i.run_id = r.run_id "
        "WHERE r.scorer = ? ORDER BY r.run_id",
        [SCORE_RUN, scorer],
    ).fetchall()
    out = []
    for run_id, version, lexicon_hash, status, inputs in rows:
        bases = json.loads(inputs).get("bases", []) if inputs else []
        out.append(
            RunRecord(
                int(run_id),
                (str(version), str(lexicon_hash)),
                str(status),
                frozenset((str(v), str(h)) for v, h in bases),
            )
        )
    return out


def _ids(values: Iterable[int]) -> list[int]:
    return [int(v) for v in values]


def current_run_counts(con: duckdb.DuckDBPyConnection, run_ids: Sequence[int]) -> dict[int, int]:
    """How many statements each of these score runs holds the current rows of."""
    if not run_ids:
        return {}
    rows = con.execute(
        "SELECT run_id, count(*) FROM (SELECT statement_id, max(run_id) AS run_id FROM scores "
        "WHERE run_id IN (SELECT unnest(?)) AND dyad IS NULL GROUP BY statement_id) GROUP BY 1",
        [_ids(run_ids)],
    ).fetchall()
    return {int(r): int(n) for r, n in rows}


def current_analysis_counts(
    con: duckdb.DuckDBPyConnection, analysis_ids: Sequence[int]
) -> dict[int, int]:
    """How many statements each of these analysis runs holds the current rows of."""
    if not analysis_ids:
        return {}
    rows = con.execute(
        "SELECT analysis_id, count(*) FROM (SELECT statement_id, max(analysis_id) AS analysis_id "
        "FROM statement_analysis WHERE analysis_id IN (SELECT unnest(?)) GROUP BY statement_id) "
        "GROUP BY 1",
        [_ids(analysis_ids)],
    ).fetchall()
    return {int(a): int(n) for a, n in rows}


def _statements_of_runs(
    con: duckdb.DuckDBPyConnection,
    completed: Sequence[int],
    groups: Sequence[int],
    terms: Sequence[str] = (),
) -> list[int]:
    """Statements whose current row comes from one of ``groups`` (and that match ``terms``)."""
    condition, params = ("true", []) if not terms else term_filter(terms, "s.text")
    join = "" if not terms else "JOIN statements AS s USING (statement_id)"
    rows = con.execute(
        "WITH cur AS (SELECT statement_id, max(run_id) AS run_id FROM scores "
        "WHERE dyad IS NULL AND run_id IN (SELECT unnest(?)) GROUP BY statement_id) "
        f"SELECT statement_id FROM cur {join} "
        f"WHERE cur.run_id IN (SELECT unnest(?)) AND {condition} ORDER BY statement_id",
        [_ids(completed), _ids(groups), *params],
    ).fetchnumpy()
    return _ids(rows["statement_id"].tolist())


def _unscored(con: duckdb.DuckDBPyConnection, completed: Sequence[int]) -> list[int]:
    rows = con.execute(
        "SELECT statement_id FROM statements ANTI JOIN "
        "(SELECT statement_id FROM scores WHERE run_id IN (SELECT unnest(?))) USING (statement_id) "
        "ORDER BY statement_id",
        [_ids(completed)],
    ).fetchnumpy()
    return _ids(rows["statement_id"].tolist())


def plan_scorer(
    con: duckdb.DuckDBPyConnection, current: IdentitySnapshot, full: bool, total: int
) -> ScorerPlan:
    runs = score_runs(con, current.scorer)
    completed = [r.run_id for r in runs if r.status == COMPLETED]
    if full:
        everything = con.execute("SELECT statement_id FROM statements ORDER BY 1").fetchnumpy()
        ids = _ids(everything["statement_id"].tolist())
        return ScorerPlan(
            current, tuple(ids), ALL, ("--full: every statement",), counts={ALL: len(ids)}
        )
    reasons: list[str] = []
    counts: dict[str, int] = {}
    selected: set[int] = set()
    bases: set[Key] = set()
    terms_used: set[str] = set()
    stale = [r for r in runs if r.status == COMPLETED and r.key != current.key]
    if stale:
        groups: dict[Key, list[int]] = {}
        for run_id, _n in current_run_counts(con, completed).items():
            key, _path = effective_identity(run_id, runs)
            if key != current.key:
                groups.setdefault(key, []).append(run_id)
        recorded = load(con, current.scorer) if groups else {}
        for key, group in sorted(groups.items()):
            bases.add(key)
            old = recorded.get(key)
            terms = changed_terms(old, current)
            if terms is None:
                ids = _statements_of_runs(con, completed, group)
                counts["rules"] = counts.get("rules", 0) + len(ids)
                reasons.append(f"{len(ids)} statements scored by {_why_full(old, current)}")
            else:
                ids = _statements_of_runs(con, completed, group, terms) if terms else []
                terms_used.update(terms)
                counts["lexicon"] = counts.get("lexicon", 0) + len(ids)
                shown = ", ".join(terms[:8]) + (" …" if len(terms) > 8 else "")
                reasons.append(
                    f"{len(ids)} statements contain one of {len(terms)} changed lexicon terms "
                    "or event patterns" + (f" ({shown})" if terms else "")
                )
            selected.update(ids)
    missing = _unscored(con, completed)
    if missing:
        counts[NEW] = len(missing)
        reasons.append(f"{len(missing)} statements have no {current.scorer} score")
        selected.update(missing)
    work = tuple(sorted(selected))
    scope = ALL if work and len(work) == total else (NEW if set(counts) == {NEW} else CHANGED)
    return ScorerPlan(
        current,
        work,
        scope,
        tuple(reasons),
        tuple(sorted(bases)),
        tuple(sorted(terms_used)),
        counts,
    )


def _why_full(old: IdentitySnapshot | None, new: IdentitySnapshot) -> str:
    if old is None:
        return "an identity whose lexicon is not recorded (a full rescore is the safe choice)"
    if old.scorer_version != new.scorer_version:
        return f"vaderSentiment {old.scorer_version} (now {new.scorer_version})"
    if old.rules_hash != new.rules_hash:
        return "other scoring rules or VADER lexicon"
    return "a lexicon or event dictionary whose phrases were reordered"


def plan_analysis(
    con: duckdb.DuckDBPyConnection, version: str, inputs_hash: str, full: bool
) -> AnalysisPlan | None:
    runs = con.execute(
        "SELECT analysis_id, analysis_version, inputs_hash FROM analysis_runs "
        "WHERE status = ? ORDER BY analysis_id",
        [COMPLETED],
    ).fetchall()
    completed = [int(r[0]) for r in runs]
    stale = [int(r[0]) for r in runs if (r[1], r[2]) != (version, inputs_hash)]
    reasons = []
    params: list[object] = []
    if full:
        where = "true"
        reasons.append("--full: every document")
    else:
        # Statements without an analysis, and those whose current analysis is out of date.
        where = (
            "statement_id IN (SELECT statement_id FROM statements ANTI JOIN (SELECT statement_id "
            "FROM statement_analysis WHERE analysis_id IN (SELECT unnest(?))) USING (statement_id))"
        )
        params.append(completed)
        held = current_analysis_counts(con, completed) if stale else {}
        outdated = [a for a in stale if held.get(a)]
        if outdated:
            where = (
                f"({where} OR statement_id IN (SELECT statement_id FROM (SELECT statement_id, "
                "max(analysis_id) AS a FROM statement_analysis WHERE analysis_id IN "
                "(SELECT unnest(?)) GROUP BY statement_id) WHERE a IN (SELECT unnest(?))))"
            )
            params += [completed, outdated]
    docs = con.execute(
        "SELECT document_id, count(*) FROM statements WHERE document_id IN "
        f"(SELECT DISTINCT document_id FROM statements WHERE {where}) GROUP BY 1 ORDER BY 1",
        params,
    ).fetchall()
    if not docs:
        return None
    per_doc = {int(d): int(n) for d, n in docs}
    if not full:
        reasons.append(
            f"{len(per_doc)} documents with statements not analysed by analysis {version} "
            f"with inputs {inputs_hash[:12]}"
        )
    return AnalysisPlan(tuple(per_doc), per_doc, tuple(reasons))


def make_plan(
    con: duckdb.DuckDBPyConnection,
    scorers: Sequence[IdentitySnapshot],
    analysis: tuple[str, str] | None,
    *,
    full: bool = False,
) -> RescorePlan:
    """What must be recomputed for the database to match these identities."""
    total = int(con.execute("SELECT count(*) FROM statements").fetchall()[0][0])
    analysis_plan = plan_analysis(con, *analysis, full) if analysis is not None else None
    plans = tuple(plan_scorer(con, snap, full, total) for snap in scorers)
    return RescorePlan(total, plans, analysis_plan)
