"""`tracker rescore`: incremental work equals a full rescoring; plans, runs, pruning, failures.

The databases are built from the bundled demo corpus (our own writing) once per module and
copied per test. Lexicon files get a new path per version: the scorers are cached per path.
"""

from __future__ import annotations

import json
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from tests.conftest import write
from tracker.cli.main import main
from tracker.db import connection as db
from tracker.db.migrations import latest_version
from tracker.errors import PipelineMismatch
from tracker.ingest.batches import ingest_paths
from tracker.ingest.identity import IdentitySnapshot, LexiconTerm, changed_terms, term_filter
from tracker.ingest.pipeline import Pipeline, PipelineSpec, pipeline_for
from tracker.paths import corpus_dir
from tracker.rescore.execute import RescoreFailed, rescore
from tracker.rescore.plan import RunRecord, effective_identity, make_plan
from tracker.rescore.report import RescoreOptions, RescoreReport
from tracker.rescore.runs import prunable

INLINE = RescoreOptions(workers=1)


@pytest.fixture(scope="module")
def base_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo corpus ingested with the bundled dictionaries (identity 'A')."""
    path = tmp_path_factory.mktemp("base") / "base.duckdb"
    ingest_paths([corpus_dir()], path, pipeline=Pipeline.build())
    return path


def copy_db(src: Path, dst: Path) -> Path:
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(src, dst)
    return dst


def state(path: Path) -> dict[str, list[tuple]]:
    """Everything a reader sees through the views, without run ids."""
    with db.reader(path) as con:
        return {
            "scores": con.execute(
                "SELECT statement_id, scorer, score, positive, neutral, negative, "
                "explanation::VARCHAR, speaker, said_on, refers_to FROM statement_scores "
                "ORDER BY ALL"
            ).fetchall(),
            "dyads": con.execute(
                "SELECT statement_id, scorer, dyad, role, direction, basis, clause_start, "
                "clause_end, score, explanation::VARCHAR FROM dyad_scores ORDER BY ALL"
            ).fetchall(),
            "clauses": con.execute(
                "SELECT ss.statement_id, ss.scorer, sc.dyad, sc.compound FROM statement_scores ss "
                "JOIN scores sc ON sc.run_id = ss.run_id AND sc.statement_id = ss.statement_id "
                "AND sc.dyad IS NOT NULL ORDER BY ALL"
            ).fetchall(),
            "analysis": con.execute(
                "SELECT * EXCLUDE (analysis_id) FROM current_analysis ORDER BY ALL"
            ).fetchall(),
            "statements": con.execute("SELECT count(*) FROM statements").fetchall(),
        }


def lexicon(folder: Path, name: str, rows: str) -> Path:
    return write(folder / f"{name}.csv", "term,valence,note\n" + rows)


def spec(lexicons: tuple[Path, ...] = (), actors: tuple[Path, ...] = ()) -> PipelineSpec:
    return PipelineSpec(actor_files=actors, lexicons=lexicons)


def full_reference(base: Path, folder: Path, lexicons: tuple[Path, ...] = (), **kw) -> Path:
    reference = copy_db(base, folder / "reference.duckdb")
    rescore(reference, spec(lexicons, **kw), RescoreOptions(workers=1, full=True))
    return reference


def score_run(report: RescoreReport, scorer: str):
    return next(r for r in report.runs if r.kind == "score" and r.name == scorer)


# -- nothing changed ----------------------------------------------------------------------


def test_nothing_changed_writes_nothing(base_db: Path, tmp_path: Path) -> None:
    path = copy_db(base_db, tmp_path / "t.duckdb")
    rescore(path, spec(), INLINE)  # records the identities (the one write it may need)
    before = path.stat().st_mtime_ns, state(path)
    report = rescore(path, spec(), INLINE)
    assert not report.changed and report.runs == () and report.lock_holds == 0
    assert (path.stat().st_mtime_ns, state(path)) == before
    assert report.lines()[0].startswith("Nothing changed: all 392 statements are up to date")


EVENT_COLUMNS = ("code", "quad", "goldstein", "mode", "agent", "start", "end")
MIGRATIONS = Path(__file__).resolve().parents[1] / "tracker" / "db" / "migrations"


def _views_of_0002() -> str:
    """The 0002 definitions of the views 0005 replaced (statement_scores, dyad_scores)."""
    sql = (MIGRATIONS / "0002_statement_analysis.sql").read_text(encoding="utf-8")
    start = sql.index("CREATE OR REPLACE VIEW statement_scores AS")
    end = sql.index("CREATE OR REPLACE VIEW daily_scores AS")
    return sql[start:end].replace("CREATE VIEW dyad_scores", "CREATE OR REPLACE VIEW dyad_scores")


def _daily_views_of_0002() -> str:
    """The 0002 definitions of the daily views 0007 replaced (daily_scores, daily_dyad_scores)."""
    sql = (MIGRATIONS / "0002_statement_analysis.sql").read_text(encoding="utf-8")
    start = sql.index("CREATE OR REPLACE VIEW daily_scores AS")
    return sql[start:].replace(
        "CREATE VIEW daily_dyad_scores", "CREATE OR REPLACE VIEW daily_dyad_scores"
    )


def drop_events_columns(con: duckdb.DuckDBPyConnection) -> None:
    """Undo the migrations after 0003 (0009 dyad_aggregates, 0008 fetched_urls, 0007
    syndicated copies, 0006 pages, 0005 and 0004): the schema a tracker without the event layer
    wrote."""
    con.execute("DROP TABLE dyad_aggregates")
    con.execute("DROP TABLE fetched_urls")
    con.execute("DROP TABLE pages")
    con.execute("DROP VIEW daily_dyad_events")
    con.execute("DROP VIEW dyad_events")
    con.execute(_views_of_0002())
    con.execute(_daily_views_of_0002())
    for table in ("statement_copies", "copy_bands", "copy_clusters"):
        con.execute(f"DROP TABLE {table}")
    con.execute("DROP TABLE event_patterns")
    for column in EVENT_COLUMNS:
        con.execute(f"ALTER TABLE scores DROP COLUMN event_{column}")
    con.execute("DELETE FROM schema_migrations WHERE version > 3")


def test_database_without_the_event_columns_is_migrated_and_rescored(
    base_db: Path, tmp_path: Path
) -> None:
    path = copy_db(base_db, tmp_path / "t.duckdb")
    with db.writer(path) as con:
        drop_events_columns(con)
    with db.writer_connection(path, migrate=False) as con:
        assert con.execute("SELECT max(version) FROM schema_migrations").fetchall() == [(3,)]
    rescore(path, spec(), INLINE)  # the same scorer identity: the old rows stay, no events
    with db.reader(path) as con:
        assert con.execute("SELECT max(version) FROM schema_migrations").fetchall() == [
            (latest_version(),)
        ]
        assert con.execute("SELECT count(*) FROM dyad_events").fetchall() == [(0,)]
    # A tracker without the event layer had other rule sources, so its identity differs and
    # the rescoring is full: as here with --full.
    rescore(path, spec(), RescoreOptions(workers=1, full=True))
    assert state(path) == state(base_db)
    with db.reader(path) as con, db.reader(base_db) as base:
        query = "SELECT * EXCLUDE (run_id) FROM dyad_events ORDER BY ALL"
        events = con.execute(query).fetchall()
        assert events and events == base.execute(query).fetchall()


def test_database_of_an_older_schema_is_migrated(base_db: Path, tmp_path: Path) -> None:
    path = copy_db(base_db, tmp_path / "t.duckdb")
    rescore(path, spec(), INLINE)
    with db.writer(path) as con:  # as written by the tracker before migration 0003
        drop_events_columns(con)
        for table in ("scorer_identities", "lexicon_terms", "run_inputs"):
            con.execute(f"DROP TABLE {table}")
        con.execute("DELETE FROM schema_migrations WHERE version = 3")
    with db.writer_connection(path, migrate=False) as con:
        assert con.execute("SELECT max(version) FROM schema_migrations").fetchall() == [(2,)]
    report = rescore(path, spec(), INLINE)
    assert not report.changed
    with db.reader(path) as con:
        assert con.execute("SELECT count(*) FROM scorer_identities").fetchall() == [(2,)]


# -- incremental equals full ----------------------------------------------------------------

LEXICON_B = (
    "sanctions,-2.5,harsher than the bundled value\n"
    "summit,2.0,a summit is a sign of warm ties\n"
    "restor* ... ties,3.0,restored ties\n"
)
LEXICON_C = (  # 'summit' dropped (back to the bundled value), a note changed, a new phrase
    "sanctions,-2.5,harsher still by note\n"
    "restor* ... ties,3.0,restored ties\n"
    "working group,1.5,talks at working level\n"
)


def test_lexicon_edit_rescores_only_statements_with_the_terms(
    base_db: Path, tmp_path: Path
) -> None:
    path = copy_db(base_db, tmp_path / "t.duckdb")
    rescore(path, spec(), INLINE)
    lex_b = lexicon(tmp_path, "b", LEXICON_B)
    report = rescore(path, spec((lex_b,)), INLINE)
    diplomacy = score_run(report, "diplomacy")
    assert diplomacy.scope == "changed"
    assert 0 < diplomacy.statements < 392 / 4  # only statements with one of the three terms
    assert [r.name for r in report.runs] == ["diplomacy"]  # vader has no domain lexicon
    assert diplomacy.changed > 0
    assert state(path) == state(full_reference(base_db, tmp_path, (lex_b,)))
    # The same as ingesting the corpus with that lexicon in the first place.
    fresh = tmp_path / "fresh.duckdb"
    ingest_paths([corpus_dir()], fresh, pipeline=Pipeline.build(lexicons=(lex_b,)))
    assert state(path) == state(fresh)


def test_lexicon_edit_after_a_plain_ingest_is_a_diff(base_db: Path, tmp_path: Path) -> None:
    """The ingest recorded its lexicon, so the first rescoring after an edit diffs from it."""
    path = copy_db(base_db, tmp_path / "t.duckdb")
    with db.reader(path) as con:
        recorded = con.execute(
            "SELECT scorer, count(*) FROM scorer_identities GROUP BY ALL ORDER BY ALL"
        ).fetchall()
        terms = con.execute("SELECT count(*) FROM lexicon_terms").fetchall()[0][0]
    assert recorded == [("diplomacy", 1), ("vader", 1)] and terms > 100
    report = rescore(path, spec((lexicon(tmp_path, "b", LEXICON_B),)), INLINE)
    diplomacy = score_run(report, "diplomacy")
    assert diplomacy.scope == "changed" and 0 < diplomacy.statements < 392 / 4


def test_lexicon_chain_with_ingest_in_between_equals_full(
    base_db: Path, tmp_path: Path, articles: Path
) -> None:
    path = copy_db(base_db, tmp_path / "t.duckdb")
    rescore(path, spec(), INLINE)
    lex_b = lexicon(tmp_path, "b", LEXICON_B)
    lex_c = lexicon(tmp_path, "c", LEXICON_C)
    rescore(path, spec((lex_b,)), INLINE)
    # New articles ingested with yet another lexicon: their runs carry identity C.
    ingest_paths([articles], path, pipeline=Pipeline.build(lexicons=(lex_c,)))
    report = rescore(path, spec((lex_b,)), INLINE)
    assert score_run(report, "diplomacy").statements < 40
    reference = copy_db(base_db, tmp_path / "ref" / "r.duckdb")
    ingest_paths([articles], reference, pipeline=Pipeline.build())
    rescore(reference, spec((lex_b,)), RescoreOptions(workers=1, full=True))
    assert state(path) == state(reference)
    # C after B: statements B left alone are diffed from B, not from A, and not again later.
    report = rescore(path, spec((lex_c,)), INLINE)
    assert score_run(report, "diplomacy").statements < 392 / 4
    rescore(reference, spec((lex_c,)), RescoreOptions(workers=1, full=True))
    assert state(path) == state(reference)
    assert not rescore(path, spec((lex_c,)), INLINE).changed


def test_new_statements_only_are_scored(base_db: Path, tmp_path: Path, articles: Path) -> None:
    path = copy_db(base_db, tmp_path / "t.duckdb")
    rescore(path, spec(), INLINE)
    # An ingest that scored with one profile only leaves the other profile's scores missing.
    ingest_paths([articles], path, pipeline=Pipeline.build(profiles=("diplomacy",)))
    with db.reader(path) as con:
        new_ids = [
            r[0]
            for r in con.execute(
                "SELECT statement_id FROM statements WHERE statement_id > 392 ORDER BY 1"
            ).fetchall()
        ]
    with db.reader(path) as con:
        plan = make_plan(con, [], None)
    assert plan.statements == 392 + len(new_ids)
    report = rescore(path, spec(), INLINE)
    assert [(r.name, r.scope, r.statements, r.new) for r in report.runs] == [
        ("vader", "new", len(new_ids), len(new_ids))
    ]
    reference = copy_db(base_db, tmp_path / "ref" / "r.duckdb")
    ingest_paths([articles], reference, pipeline=Pipeline.build())
    assert state(path) == state(reference)


WASHINGTON_OTHER = """
[[actor]]
name = "Washington"
side = "other"
role = "capital"
kind = "place"
aliases = ["Washington"]
"""


def test_deferred_analysis_is_completed_by_rescore(base_db: Path, tmp_path: Path) -> None:
    """`ingest --defer-analysis` stores stock VADER scores only; the next rescore brings the
    database to exactly what a full ingest stores."""
    path = tmp_path / "deferred.duckdb"
    args = ["ingest", str(corpus_dir()), "--defer-analysis", "--workers", "1", "--db", str(path)]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[-1] == (
        "Speakers, relations, dates and the diplomacy profile are deferred: "
        "run `tracker rescore` to add them."
    )
    with db.reader(path) as con:
        assert con.execute("SELECT DISTINCT scorer FROM score_runs").fetchall() == [("vader",)]
        assert con.execute("SELECT count(*) FROM current_analysis").fetchall() == [(0,)]
    report = rescore(path, spec(), INLINE)
    assert report.changed
    assert state(path) == state(base_db)
    again = CliRunner().invoke(main, args, catch_exceptions=False)
    assert "deferred" not in again.stderr  # nothing new was stored


def test_deferred_analysis_refuses_analysis_files(tmp_path: Path) -> None:
    actors = corpus_dir().parent / "actors.toml"
    args = ["ingest", str(corpus_dir()), "--defer-analysis", "--actors", str(actors)]
    result = CliRunner().invoke(main, [*args, "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: --actors, --lexicon and --events-dict are used when analysing and scoring with "
        "the diplomacy profile: with --defer-analysis, pass them to `tracker rescore`."
    )
    assert not (tmp_path / "x.duckdb").exists()


def test_actor_change_reanalyses_and_rescores_moved_clauses(base_db: Path, tmp_path: Path) -> None:
    path = copy_db(base_db, tmp_path / "t.duckdb")
    actors = write(tmp_path / "actors.toml", WASHINGTON_OTHER)
    report = rescore(path, spec(actors=(actors,)), INLINE)
    analysis = next(r for r in report.runs if r.kind == "analysis")
    assert analysis.statements == 392 and analysis.changed >= 1
    diplomacy = score_run(report, "diplomacy")
    assert diplomacy.statements == analysis.changed  # clause scores of the moved statements
    assert state(path) == state(full_reference(base_db, tmp_path, actors=(actors,)))


def test_parallel_workers_give_the_same_result(base_db: Path, tmp_path: Path) -> None:
    lex_b = lexicon(tmp_path, "b", LEXICON_B)
    path = copy_db(base_db, tmp_path / "t.duckdb")
    options = RescoreOptions(workers=2, full=True, chunk_statements=50)
    report = rescore(path, spec((lex_b,)), options)
    assert report.workers == 2 and {r.statements for r in report.runs} == {392}
    assert state(path) == state(full_reference(base_db, tmp_path, (lex_b,)))


# -- plans --------------------------------------------------------------------------------

A, B, C = ("3.3.2", "a"), ("3.3.2", "b"), ("3.3.2", "c")
WALKS = [
    ("own identity", [RunRecord(1, A, "completed")], 1, (A, ())),
    (
        "carried forward by a lexicon run",
        [RunRecord(1, A, "completed"), RunRecord(2, B, "completed", frozenset({A}))],
        1,
        (B, (2,)),
    ),
    (
        "chain of two",
        [
            RunRecord(1, A, "completed"),
            RunRecord(2, B, "completed", frozenset({A})),
            RunRecord(3, C, "completed", frozenset({B})),
        ],
        1,
        (C, (2, 3)),
    ),
    (
        "a failed run carries nothing",
        [RunRecord(1, A, "completed"), RunRecord(2, B, "failed", frozenset({A}))],
        1,
        (A, ()),
    ),
    (
        "an earlier run does not vouch for later rows",
        [RunRecord(1, B, "completed", frozenset({A})), RunRecord(2, A, "completed")],
        2,
        (A, ()),
    ),
]


@pytest.mark.parametrize(("name", "runs", "run_id", "expected"), WALKS, ids=[w[0] for w in WALKS])
def test_effective_identity(name: str, runs: list, run_id: int, expected: tuple) -> None:
    assert effective_identity(run_id, runs) == expected


def snap(version: str = "3.3.2", rules: str = "r", *terms: tuple[str, float, str]):
    parts = tuple(LexiconTerm(t, v, n) for t, v, n in terms)
    return IdentitySnapshot("diplomacy", version, str(hash(parts)), rules, parts)


BASE_TERMS = (("thaw", 2.0, ""), ("restor* ... ties", 2.2, ""), ("stab in the back", -3.0, ""))
DIFFS = [
    ("same lexicon", snap("3.3.2", "r", *BASE_TERMS), ()),
    (
        "valence changed",
        snap("3.3.2", "r", ("thaw", 2.5, ""), *BASE_TERMS[1:]),
        ("thaw",),
    ),
    (
        "note changed (notes appear in explanations)",
        snap("3.3.2", "r", ("thaw", 2.0, "new note"), *BASE_TERMS[1:]),
        ("thaw",),
    ),
    ("term added", snap("3.3.2", "r", *BASE_TERMS, ("summit", 1.0, "")), ("summit",)),
    ("term removed", snap("3.3.2", "r", *BASE_TERMS[:2]), ("stab in the back",)),
    ("vaderSentiment upgraded", snap("3.3.3", "r", *BASE_TERMS), None),
    ("rules changed", snap("3.3.2", "r2", *BASE_TERMS), None),
    (
        "phrases reordered",
        snap("3.3.2", "r", BASE_TERMS[0], BASE_TERMS[2], BASE_TERMS[1]),
        None,
    ),
    ("old lexicon unknown", None, None),
]


@pytest.mark.parametrize(("name", "new", "expected"), DIFFS, ids=[d[0] for d in DIFFS])
def test_changed_terms(name: str, new: IdentitySnapshot | None, expected) -> None:
    old = snap("3.3.2", "r", *BASE_TERMS)
    if new is None:
        assert changed_terms(None, old) is None
    else:
        assert changed_terms(old, new) == expected


FILTERS = [
    ("word, any case", "thaw", "A THAW in ties.", True),
    ("word inside a longer word still selects (superset)", "ban", "urban renewal", True),
    ("word absent", "thaw", "A freeze in ties.", False),
    ("stem", "restor*", "Restoration of trade.", True),
    ("phrase with a gap needs every part", "restor* ... ties", "They restored trade.", False),
    ("phrase with a gap", "restor* ... ties", "They restored economic ties.", True),
    ("curly apostrophe folded", "don't", "We don\u2019t agree.", True),
    ("emoji described by the word", "grinning", "Talks went well \U0001f600", True),
    ("one of many emoji described by a stem", "smil*", "Talks went well \U0001f601", True),
    ("emoji not described by the word", "thaw", "Talks went well \U0001f600", False),
]


@pytest.mark.parametrize(("name", "term", "text", "expected"), FILTERS, ids=[f[0] for f in FILTERS])
def test_term_filter(name: str, term: str, text: str, expected: bool) -> None:
    condition, params = term_filter([term])
    con = duckdb.connect()
    got = con.execute(f"SELECT {condition} FROM (SELECT ? AS text)", [*params, text]).fetchall()
    assert got == [(expected,)]


# -- runs: dead ones, failures, pruning, dry runs ------------------------------------------


def test_dead_running_run_is_cleaned_up(base_db: Path, tmp_path: Path) -> None:
    path = copy_db(base_db, tmp_path / "t.duckdb")
    before = state(path)
    with db.writer(path) as con:  # what a kill -9 in the middle of a rescoring leaves
        con.execute(
            "INSERT INTO score_runs VALUES (99, 'diplomacy', '3.3.2', 'x', 'all', now(), NULL, "
            "'running', NULL)"
        )
        con.execute(
            "INSERT INTO scores (run_id, statement_id, compound, positive, neutral, negative) "
            "SELECT 99, statement_id, 1, 1, 0, 0 FROM statements"
        )
    assert state(path) == before  # invisible
    report = rescore(path, spec(), INLINE)
    assert report.cleaned_score_runs == (99,)
    with db.reader(path) as con:
        assert con.execute("SELECT status FROM score_runs WHERE run_id = 99").fetchall() == [
            ("failed",)
        ]
        assert con.execute("SELECT count(*) FROM scores WHERE run_id = 99").fetchall() == [(0,)]
    assert state(path) == before


def test_failure_marks_runs_failed_and_keeps_previous(
    base_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = copy_db(base_db, tmp_path / "t.duckdb")
    before = state(path)

    def broken(task: object) -> object:
        raise ValueError("scorer exploded")

    monkeypatch.setattr("tracker.rescore.execute.score_statements", broken)
    with pytest.raises(RescoreFailed) as info:
        rescore(path, spec(), RescoreOptions(workers=1, full=True))
    assert info.value.exit_code == 1
    assert "ValueError: scorer exploded" in info.value.message
    assert "the previous runs stay current" in info.value.message
    with db.reader(path) as con:
        statuses = con.execute(
            "SELECT status, count(*) FROM (SELECT status FROM score_runs UNION ALL "
            "SELECT status FROM analysis_runs) GROUP BY 1 ORDER BY 1"
        ).fetchall()
    assert statuses == [("completed", 3), ("failed", 3)]
    assert state(path) == before


def test_keep_prunes_old_runs_but_never_current_rows(base_db: Path, tmp_path: Path) -> None:
    path = copy_db(base_db, tmp_path / "t.duckdb")
    lex_b = lexicon(tmp_path, "b", LEXICON_B)
    lex_c = lexicon(tmp_path, "c", LEXICON_C)
    rescore(path, spec(), INLINE)
    rescore(path, spec((lex_b,)), INLINE)
    rescore(path, spec((lex_c,)), INLINE)
    before = state(path)
    with db.reader(path) as con:
        drop = prunable(con, 1)
    # Run 1 (diplomacy, ingest) still holds most current rows, and the lexicon runs 3 and 4
    # vouch for them: nothing of diplomacy may go. Nothing is older than keep=1 otherwise.
    assert drop.score_runs == ()
    report = rescore(path, spec((lex_c,)), RescoreOptions(workers=1, full=True, keep=1))
    newest = {r.run_id for r in report.runs if r.kind == "score"}
    with db.reader(path) as con:
        left = {r[0] for r in con.execute("SELECT run_id FROM score_runs").fetchall()}
        analyses = con.execute("SELECT count(*) FROM analysis_runs").fetchall()
    assert left == newest and analyses == [(1,)]
    assert report.pruned_score_runs == tuple(range(1, min(newest)))
    assert state(path) == before


def test_dry_run_writes_nothing(base_db: Path, tmp_path: Path) -> None:
    path = copy_db(base_db, tmp_path / "t.duckdb")
    rescore(path, spec(), INLINE)
    lex_b = lexicon(tmp_path, "b", LEXICON_B)
    mtime = path.stat().st_mtime_ns
    report = rescore(path, spec((lex_b,)), RescoreOptions(workers=1, dry_run=True))
    assert report.dry_run and not report.runs and path.stat().st_mtime_ns == mtime
    assert any("changed lexicon terms" in line for line in report.plan)


def test_worker_refuses_a_pipeline_with_other_identities() -> None:
    wrong = PipelineSpec(expected=(("diplomacy", "3.3.2", "not-this-hash"), ("vader", "", "")))
    with pytest.raises(PipelineMismatch, match="changed while the command ran") as info:
        pipeline_for(wrong)
    # It reaches the main process pickled (raised in a worker): the same type and message.
    back = pickle.loads(pickle.dumps(info.value))
    assert type(back) is PipelineMismatch and back.message == info.value.message


def test_pipeline_mismatch_fails_the_rescoring_naming_the_runs(
    base_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before, the message was "Rescoring failed: PipelineMismatch: an input ... ; run ... again
    # once the files are settled. run(s) ... were marked failed; ...; fix the cause and run ...
    # again": a mismatch is an expected condition now (a TrackerError), told in one sentence.
    path = copy_db(base_db, tmp_path / "t.duckdb")
    before = state(path)

    def mismatch(task: object) -> object:
        raise PipelineMismatch()

    monkeypatch.setattr("tracker.rescore.execute.score_statements", mismatch)
    with pytest.raises(RescoreFailed) as info:
        rescore(path, spec(), RescoreOptions(workers=1, full=True))
    with db.reader(path) as con:
        failed = con.execute(
            "SELECT run_id FROM score_runs WHERE status = 'failed' ORDER BY run_id"
        ).fetchall()
        analysis = con.execute(
            "SELECT analysis_id FROM analysis_runs WHERE status = 'failed'"
        ).fetchall()
    runs = ", ".join(str(r[0]) for r in [*failed, *analysis])
    assert info.value.exit_code == 1
    assert info.value.message == (
        "An input of the analysis or scoring (a lexicon, actor, events or rule file) changed "
        f"while the rescoring ran; run(s) {runs} were marked failed; the previous runs stay "
        "current. Run `tracker rescore` again once the files are settled."
    )
    assert state(path) == before


# -- the command line -----------------------------------------------------------------------


def test_cli_json_summary_and_help(base_db: Path, tmp_path: Path) -> None:
    path = copy_db(base_db, tmp_path / "t.duckdb")
    runner = CliRunner()
    result = runner.invoke(
        main, ["rescore", "--db", str(path), "--workers", "1", "--full", "--json"]
    )
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["changed"] is True and summary["statements_scored"] == 2 * 392
    assert {r["kind"] for r in summary["runs"]} == {"analysis", "score"}
    assert {"run_id", "statements", "changed", "new", "reason"} <= set(summary["runs"][0])
    assert summary["duration_s"] > 0 and summary["max_lock_hold_s"] > 0
    assert "rescore: plan: diplomacy: 392 statements (all)" in result.stderr
    help_text = runner.invoke(main, ["rescore", "-h"]).stdout
    assert "Example:" in help_text and "TRACKER_DB" in help_text and "75" in help_text


def test_second_writer_gets_exit_75_naming_the_holder(base_db: Path, tmp_path: Path) -> None:
    path = copy_db(base_db, tmp_path / "t.duckdb")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys,time\nfrom pathlib import Path\nfrom tracker.db import connection as db\n"
            "with db.write_lock(Path(sys.argv[1])):\n"
            "    print('locked', flush=True)\n    time.sleep(30)\n",
            str(path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        result = CliRunner().invoke(main, ["rescore", "--db", str(path), "--wait", "0.2"])
        assert result.exit_code == 75
        assert result.stderr.count("\n") == 1
        assert result.stderr.startswith(
            f"Error: The database {path} is being written by tracker (PID {holder.pid}"
        )
    finally:
        holder.kill()
        holder.wait()
