"""The command line as a user meets it: exit codes, exact messages, data on stdout only."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from tests.conftest import without_progress, write
from tracker import __version__
from tracker.cli.main import main


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_version_and_short_help() -> None:
    assert run("--version").stdout == f"tracker, version {__version__}\n"
    result = run("-h")
    assert result.exit_code == 0
    for command in ("ingest", "stats", "demo", "sql", "migrate"):
        assert command in result.stdout


@pytest.mark.parametrize("command", ["ingest", "stats", "demo", "sql", "migrate"])
def test_every_command_has_an_example_and_db_option(command: str) -> None:
    result = run(command, "-h")
    assert result.exit_code == 0
    assert "Example:" in result.stdout
    assert "--db" in result.stdout and "TRACKER_DB" in result.stdout


def test_python_dash_m_runs_the_cli() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "tracker", "--version"], capture_output=True, text=True
    )
    assert out.returncode == 0 and out.stdout.strip() == f"tracker, version {__version__}"


def test_ingest_folder_then_again_is_unchanged(articles: Path, db_path: Path) -> None:
    first = run("ingest", str(articles))
    assert first.exit_code == 0, first.stderr
    lines = first.stdout.splitlines()
    assert len(lines) == 3 and all(line.startswith("added\t") for line in lines)
    assert first.stderr.strip().endswith(
        "3 added, 0 replaced, 0 unchanged, 0 failed; "
        f"{sum(int(line.split(chr(9))[1]) for line in lines)} new statements."
    )
    second = run("ingest", str(articles))
    assert second.exit_code == 0
    assert [line.split("\t")[0] for line in second.stdout.splitlines()] == ["unchanged"] * 3
    assert "0 added, 0 replaced, 3 unchanged, 0 failed; 0 new statements." in second.stderr


def test_ingest_reports_bad_file_and_keeps_the_others(tmp_path: Path, db_path: Path) -> None:
    good = write(
        tmp_path / "in" / "good.md", "---\npublished: 2016-07-01\n---\nMoscow and Ankara talked.\n"
    )
    write(tmp_path / "in" / "nodate.txt", "Undated text.\n")
    result = run("ingest", str(tmp_path / "in"))
    assert result.exit_code == 1
    assert without_progress(result.stderr).splitlines()[0] == (
        f"Error: {tmp_path}/in/nodate.txt: no publication date; give one in front matter "
        "(published: 2016-07-26), in a manifest CSV (path,published,source,title), "
        "or with --published 2016-07-26."
    )
    assert result.stdout.splitlines() == [f"added\t1\t{good.resolve()}"]


def test_published_option_dates_plain_files(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Ankara thanked Moscow.\n")
    assert run("ingest", str(path), "--published", "2016-07-26", "--source", "desk").exit_code == 0
    result = run("sql", "SELECT published, source FROM documents", "--format", "csv")
    assert result.stdout == "published,source\n2016-07-26,desk\n"


def test_replace_swaps_a_changed_documents_statements(tmp_path: Path) -> None:
    path = write(tmp_path / "a.md", "---\npublished: 2016-07-01\n---\nFirst version.\n")
    run("ingest", str(path))
    path.write_text("---\npublished: 2016-07-01\n---\nSecond version. It has two sentences.\n")
    assert run("ingest", str(path), "--replace").stdout.startswith("replaced\t2\t")
    result = run(
        "sql",
        "SELECT count(*) AS docs, (SELECT count(*) FROM statements) AS stmts FROM documents",
        "--format",
        "csv",
    )
    assert result.stdout == "docs,stmts\n1,2\n"
    path.write_text("---\npublished: 2016-07-01\n---\nThird version.\n")
    assert run("ingest", str(path)).stdout.startswith("added\t1\t")
    assert run("sql", "SELECT count(*) AS n FROM documents", "--format", "csv").stdout == "n\n2\n"


def test_stats_and_sql_formats(articles: Path) -> None:
    run("ingest", str(articles))
    stats = run("stats")
    assert stats.exit_code == 0
    assert "documents:      3" in stats.stdout
    assert "published:      2015-11-24 .. 2016-08-09" in stats.stdout
    as_json = json.loads(
        run("sql", "SELECT count(*) AS n FROM documents", "--format", "json").stdout
    )
    assert as_json == [{"n": 3}]
    table = run("sql", "SELECT 1 AS one").stdout
    assert table.split() == ["one", "1"]


def test_sql_refuses_writes_and_reports_bad_queries(articles: Path) -> None:
    run("ingest", str(articles))
    result = run("sql", "DELETE FROM documents")
    assert result.exit_code == 1
    assert (
        result.stderr
        == "Error: tracker sql is read-only; change data with tracker ingest or tracker demo.\n"
    )
    bad = run("sql", "SELEC 1")
    assert bad.exit_code == 1 and bad.stderr.startswith("Error: The query failed: Parser Error")


def test_missing_database_has_its_own_exit_code(tmp_path: Path) -> None:
    missing = tmp_path / "nothing.duckdb"
    result = run("stats", "--db", str(missing))
    assert result.exit_code == 3
    assert result.stderr == (
        f"Error: No database at {missing}. Build the demo one with `tracker demo`, "
        "or ingest articles with `tracker ingest FILES`.\n"
    )


def test_foreign_duckdb_file_exits_as_no_database(tmp_path: Path) -> None:
    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).close()
    result = run("stats", "--db", str(other))
    assert result.exit_code == 3
    assert result.stderr == (
        f"Error: {other} is not a tracker database (no schema_migrations table). "
        "Point --db / TRACKER_DB at a tracker database, or build one with `tracker demo`.\n"
    )


def test_outdated_schema_says_migrate_and_migrate_fixes_it(db_path: Path) -> None:
    from tracker.db.migrations import available, latest_version

    db_path.parent.mkdir(parents=True)
    with duckdb.connect(str(db_path)) as con:  # as the previous release left it
        con.execute(
            "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, "
            "applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)"
        )
        for migration in available()[:-1]:
            con.execute(migration.sql)
            con.execute(
                "INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                [migration.version, migration.name],
            )
    for command in (("stats",), ("rescore", "--dry-run")):
        result = run(*command)
        assert result.exit_code == 1
        assert result.stderr == (
            f"Error: {db_path} has schema version {available()[-2].version}, this tracker needs "
            f"{latest_version()}. Run `tracker migrate` once to upgrade it.\n"
        )
    assert run("migrate").exit_code == 0
    assert run("stats").exit_code == 0


@contextlib.contextmanager
def holding(db_path: Path, code: str) -> Iterator[subprocess.Popen[str]]:
    """Another process running ``code`` (which opens ``sys.argv[1]`` and prints "ready")."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            code + "\nprint('ready', flush=True)\ntime.sleep(30)\n",
            str(db_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        yield holder
    finally:
        holder.kill()
        holder.wait()


WRITER = (
    "import sys, time\nfrom pathlib import Path\nfrom tracker.db import connection as db\n"
    "lock = db.writer(Path(sys.argv[1]))\nlock.__enter__()"
)
READ_ONLY_CLIENT = "import sys, time, duckdb\ncon = duckdb.connect(sys.argv[1], read_only=True)"


def test_locked_database_exit_code(articles: Path, db_path: Path) -> None:
    run("ingest", str(articles))
    with holding(db_path, WRITER) as holder:
        result = run("ingest", str(articles), "--wait", "0.2", "--replace")
        assert result.exit_code == 75
        stderr = without_progress(result.stderr)
        assert stderr.startswith(
            f"Error: The database {db_path} is being written by tracker (PID {holder.pid}"
        )
        assert stderr.endswith("waited 0.2 s. Retry later, or pass a longer --wait.\n")


def test_database_open_in_another_program_exit_code(articles: Path, db_path: Path) -> None:
    run("ingest", str(articles))
    with holding(db_path, READ_ONLY_CLIENT) as holder:
        result = run("ingest", str(articles), "--wait", "0.2", "--replace")
        assert result.exit_code == 75
        stderr = without_progress(result.stderr)
        assert stderr.startswith(f"Error: The database {db_path} is open in another program")
        assert f"(PID {holder.pid})" in stderr
        assert stderr.endswith(
            "and DuckDB writes a file only while no other process has it open; waited 0.2 s. "
            "Close that program's connection and retry, or pass a longer --wait.\n"
        )


def test_demo_builds_once(db_path: Path) -> None:
    result = run("demo")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(f"Built {db_path}: ")
    span = run(
        "sql", "SELECT min(published) AS a, max(published) AS b FROM statements", "--format", "csv"
    )
    first, last = span.stdout.splitlines()[1].split(",")
    assert first.startswith("2015-11") and last.startswith("2016-08")
    again = run("demo")
    assert again.exit_code == 1
    assert again.stderr == (
        f"Error: {db_path} exists already; pass --force to rebuild it from the demo corpus, "
        "or --db to build the demo elsewhere.\n"
    )
    assert run("demo", "--force").exit_code == 0


@pytest.mark.parametrize(
    ("name", "content"),
    [("a CSV file", "day,score\n2016-07-01,0.5\n"), ("a text file", "hello world\n")],
    ids=["csv", "text"],
)
def test_a_file_duckdb_cannot_open_is_not_a_tracker_database(
    tmp_path: Path, name: str, content: str
) -> None:
    path = write(tmp_path / ("data.csv" if "CSV" in name else "notes.txt"), content)
    for command in (("stats",), ("sql", "SELECT 1")):
        result = run(*command, "--db", str(path))
        assert result.exit_code == 3, result.stderr
        assert result.stderr.startswith(
            f"Error: {path} is not a tracker database: DuckDB cannot open it ("
        )
        assert result.stderr.endswith(
            "). Point --db / TRACKER_DB at a tracker database, or build one with `tracker demo`.\n"
        )
    assert path.read_text() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_ingest_of_a_missing_path_leaves_no_database_behind(tmp_path: Path) -> None:
    target = tmp_path / "new.duckdb"
    result = run("ingest", str(tmp_path / "nothing-here"), "--db", str(target))
    assert result.exit_code == 1
    assert without_progress(result.stderr) == (
        f"Error: {tmp_path / 'nothing-here'}: no such file or folder; check the path.\n"
        "Ingest: 0 added, 0 replaced, 0 unchanged, 1 failed; 0 new statements.\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_sql_shows_null_and_dates_as_they_are(articles: Path) -> None:
    run("ingest", str(articles))
    query = (
        "SELECT DATE '2016-07-15' AS day, NULL::VARCHAR AS who, NULL::DOUBLE AS score, "
        "2.5 AS half, TIMESTAMP '2016-07-15 22:30:00' AS at"
    )
    assert run("sql", query).stdout.splitlines() == [
        "day         who   score  half  at",
        "2016-07-15  NULL   NULL   2.5  2016-07-15 22:30:00",
    ]
    assert json.loads(run("sql", query, "--format", "json").stdout) == [
        {"day": "2016-07-15", "who": None, "score": None, "half": 2.5, "at": "2016-07-15T22:30:00"}
    ]
    assert run("sql", query, "--format", "csv").stdout == (
        "day,who,score,half,at\n2016-07-15,,,2.5,2016-07-15 22:30:00\n"
    )


@pytest.mark.parametrize(
    ("name", "literal", "hint"),
    [
        ("hyphen", "'Turkey-Russia'", "'Turkey-Russia' matches nothing; write 'Turkey–Russia'."),
        ("lower case", "'turkey-west'", "'turkey-west' matches nothing; write 'Turkey–West'."),
        ("en dash", "'Turkey–West'", None),
        ("inside a longer text", "'%Turkey-Russia ties%'", None),
    ],
    ids=["hyphen", "lower-case", "en-dash", "longer-text"],
)
def test_sql_says_when_a_relation_is_written_with_a_hyphen(
    articles: Path, name: str, literal: str, hint: str | None
) -> None:
    run("ingest", str(articles))
    result = run("sql", f"SELECT count(*) AS n FROM dyad_scores WHERE dyad LIKE {literal}")
    assert result.exit_code == 0
    expected = f"Note: relations are stored with an en dash: {hint}\n" if hint else ""
    assert result.stderr == expected
