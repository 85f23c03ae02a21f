"""`tracker schedule`: the printed crontab line and systemd units are well formed and complete,
and deploy/ holds exactly what the command prints for the documented example paths."""

from __future__ import annotations

import configparser
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli.main import main
from tracker.rescore import schedule

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"
# The example install that deploy/ documents.
EXAMPLE = [
    "--executable",
    "/opt/tracker/venv/bin/tracker",
    "--db",
    "/var/lib/tracker/tracker.duckdb",
]


def run(*args: str) -> str:
    result = CliRunner().invoke(main, ["schedule", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def units(text: str) -> dict[str, configparser.ConfigParser]:
    """Split `--print systemd` output into its files and parse each like systemd would."""
    parsed = {}
    for name, body in re.findall(r"^# ---- (\S+) ----\n(.*?)(?=^# ---- |\Z)", text, re.M | re.S):
        parser = configparser.ConfigParser(interpolation=None, strict=True, comment_prefixes="#")
        parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
        parser.read_string(body)
        parsed[name] = parser
    return parsed


def test_systemd_units_are_well_formed(tmp_path: Path) -> None:
    db_path = tmp_path / "my data" / "tracker.duckdb"
    parsed = units(run("--print", "systemd", "--db", str(db_path), "--at", "03:15"))
    assert set(parsed) == {"tracker-rescore.service", "tracker-rescore.timer"}
    service, timer = parsed["tracker-rescore.service"], parsed["tracker-rescore.timer"]
    assert service.sections() == ["Unit", "Service"]
    assert timer.sections() == ["Unit", "Timer", "Install"]
    unit = service["Service"]
    assert unit["Type"] == "oneshot"
    argv = shlex.split(unit["ExecStart"])
    command = schedule.tracker_command()
    assert argv[: len(command)] == list(command)
    assert Path(argv[0]).is_absolute() and os.access(argv[0], os.X_OK)
    assert argv[len(command) : len(command) + 3] == ["rescore", "--db", str(db_path)]
    assert "--json" in argv and argv[argv.index("--keep") + 1] == "14"
    assert unit["StandardOutput"] == unit["StandardError"] == "journal"
    assert unit["KillMode"] == "mixed"
    assert timer["Timer"]["OnCalendar"] == "*-*-* 03:15:00"
    assert timer["Timer"]["Persistent"] == "true"
    assert timer["Timer"]["Unit"] == "tracker-rescore.service"
    assert timer["Install"]["WantedBy"] == "timers.target"


def test_systemd_log_file_user_and_dictionaries(tmp_path: Path) -> None:
    lexicon = tmp_path / "terms.csv"
    lexicon.write_text("term,valence,note\nthaw,2,\n", encoding="utf-8")
    events = tmp_path / "events.csv"
    events.write_text("pattern,cameo,goldstein,note\nmet,04,,\n", encoding="utf-8")
    log = tmp_path / "rescore.log"
    text = run(
        "--print",
        "systemd",
        "--db",
        str(tmp_path / "t.duckdb"),
        "--log",
        str(log),
        "--user",
        "tracker",
        "--lexicon",
        str(lexicon),
        "--events-dict",
        str(events),
    )
    unit = units(text)["tracker-rescore.service"]["Service"]
    assert unit["StandardOutput"] == unit["StandardError"] == f"append:{log}"
    assert unit["User"] == "tracker"
    argv = shlex.split(unit["ExecStart"])
    assert argv[argv.index("--lexicon") + 1] == str(lexicon)
    assert argv[argv.index("--events-dict") + 1] == str(events)


def test_systemd_analyze_accepts_the_units(tmp_path: Path) -> None:
    verify = shutil.which("systemd-analyze")
    if verify is None:
        pytest.skip("systemd-analyze is not installed here")
    run("--print", "systemd", "--db", str(tmp_path / "t.duckdb"), "--out", str(tmp_path))
    for name in ("tracker-rescore.service", "tracker-rescore.timer"):
        result = subprocess.run(
            [verify, "verify", str(tmp_path / name)], capture_output=True, text=True
        )
        # It also checks that ExecStart names an executable file.
        assert result.returncode == 0 and result.stderr == "", result.stderr


def test_cron_line_is_well_formed(tmp_path: Path) -> None:
    db_path = tmp_path / "t.duckdb"
    text = run("--print", "cron", "--db", str(db_path), "--at", "2:05", "--keep", "3")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert len(lines) == 1
    fields = lines[0].split(None, 5)
    assert fields[:5] == ["5", "2", "*", "*", "*"]
    words = shlex.split(fields[5])
    command = schedule.tracker_command()
    assert words[: len(command)] == list(command) and Path(words[0]).is_absolute()
    log = f"{db_path}.rescore.log"
    assert words[len(command) : len(command) + 3] == ["rescore", "--db", str(db_path)]
    assert words[words.index("--keep") + 1] == "3"
    # Output appended to the log; cron mails the log's tail only when the job fails.
    assert fields[5].endswith(f">>{log} 2>&1 || tail -n 30 {log}")


CRON_ESCAPES = [
    ("plain path", "/srv/tracker/t.duckdb", "/srv/tracker/t.duckdb"),
    ("space is quoted", "/srv/my data/t.duckdb", "'/srv/my data/t.duckdb'"),
    ("percent is escaped for cron", "/srv/100%/t.duckdb", "/srv/100\\%/t.duckdb"),
]


@pytest.mark.parametrize(("name", "path", "shown"), CRON_ESCAPES, ids=[c[0] for c in CRON_ESCAPES])
def test_cron_escapes_paths(name: str, path: str, shown: str) -> None:
    spec = schedule.ScheduleSpec(command=("/opt/t/tracker",), db_path=Path(path))
    assert f"--db {shown} " in schedule.cron_entry(spec)


def test_bad_time_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["schedule", "--print", "cron", "--at", "25:00"])
    assert result.exit_code == 2
    assert "is not HH:MM" in result.stderr


def test_deploy_folder_matches_the_command() -> None:
    printed = units(run("--print", "systemd", *EXAMPLE))
    for name in ("tracker-rescore.service", "tracker-rescore.timer"):
        shipped = configparser.ConfigParser(interpolation=None, comment_prefixes="#")
        shipped.optionxform = str  # type: ignore[assignment,method-assign]
        shipped.read(DEPLOY / name, encoding="utf-8")
        assert {s: dict(shipped[s]) for s in shipped.sections()} == {
            s: dict(printed[name][s]) for s in printed[name].sections()
        }
    cron = run("--print", "cron", *EXAMPLE)
    shipped_cron = (DEPLOY / "crontab.example").read_text(encoding="utf-8")
    assert [line for line in cron.splitlines() if not line.startswith("#")] == [
        line for line in shipped_cron.splitlines() if line and not line.startswith("#")
    ]
