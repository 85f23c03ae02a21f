"""`tracker schedule`: the printed crontab line and systemd units are well formed and complete,
and deploy/ holds exactly what the command prints for the documented example paths."""

from __future__ import annotations

import configparser
import json
import os
import re
import shlex
import shutil
import subprocess
from dataclasses import replace
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
    "--user",
    "tracker",
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
    for user in ([], ["--user", "tracker"]):  # a user unit, and a confined system unit
        out = tmp_path / (user[-1] if user else "user")
        run("--print", "systemd", "--db", str(tmp_path / "t.duckdb"), *user, "--out", str(out))
        for name in ("tracker-rescore.service", "tracker-rescore.timer"):
            result = subprocess.run(
                [verify, "verify", str(out / name)], capture_output=True, text=True, timeout=60
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


def test_with_feeds_the_job_fetches_then_rescores_in_one_unit(tmp_path: Path) -> None:
    db_path = tmp_path / "my data" / "t.duckdb"
    feeds, urls = tmp_path / "feeds.toml", tmp_path / "50% urls.txt"
    args = ["--db", str(db_path), "--feeds", str(feeds), "--urls", str(urls)]
    service = units(run("--print", "systemd", *args))["tracker-rescore.service"]
    unit = service["Service"]
    # systemd reads $$ as $ and %% as %; the rest is one sh command line.
    shell, flag, script = shlex.split(unit["ExecStart"].replace("$$", "$").replace("%%", "%"))
    assert (shell, flag) == ("/bin/sh", "-c")
    fetch_part, rescore_part = script.split("; f=$?; ")
    command = list(schedule.tracker_command())
    assert shlex.split(fetch_part) == [
        *command, "fetch", "--db", str(db_path), "--wait", "600",
        "--feeds", str(feeds), "--urls", str(urls),
    ]  # fmt: skip
    assert rescore_part.endswith(" || exit $?; exit $f")
    assert shlex.split(rescore_part.removesuffix(" || exit $?; exit $f"))[len(command)] == "rescore"
    # The fetch creates the database: the unit must not wait for it to exist.
    assert "ConditionPathExists" not in service["Unit"]
    cron = [line for line in run("--print", "cron", *args).splitlines() if line[:1].isdigit()]
    assert len(cron) == 1 and "( " in cron[0] and "50\\% urls.txt" in cron[0]


def test_the_nightly_job_rescores_even_when_the_fetch_failed(tmp_path: Path) -> None:
    """The job as printed, run by /bin/sh with this tracker against the local test site: a
    page that is gone makes the fetch exit 1, the rescoring still runs, the job exits 1."""
    from tests.fetch_site import serving

    db_path = tmp_path / "t.duckdb"
    urls = tmp_path / "urls.txt"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    with serving() as site:
        urls.write_text(
            f"{site.base}/world/europe/moscow-lifts-charter-flight-ban-on-turkey-4471\n"
            f"{site.base}/news/world/removed-story\n",
            encoding="utf-8",
        )
        spec = schedule.ScheduleSpec(
            command=schedule.tracker_command(), db_path=db_path, urls=urls, wait=10
        )
        done = subprocess.run(
            ["/bin/sh", "-c", schedule.job_script(spec)],
            capture_output=True,
            text=True,
            env=env,
            timeout=240,
        )
    assert done.returncode == 1, done.stderr
    assert f"Error: {site.base}/news/world/removed-story: HTTP 404 Not Found.\n" in done.stderr
    # The fetch's line for the page it stored, then the rescoring's JSON summary.
    fetched, summary = done.stdout.split("\n", 1)
    assert fetched.startswith("added\t6\t")
    rescored = json.loads(summary)
    assert (rescored["database"], rescored["statements"]) == (str(db_path), 6)


# What a system-wide unit must set, whatever the job (docs/security.md).
CONFINED = {
    "NoNewPrivileges": "yes",
    "ProtectSystem": "strict",
    "PrivateTmp": "yes",
    "PrivateDevices": "yes",
    "RestrictSUIDSGID": "yes",
    "CapabilityBoundingSet": "",
    "SystemCallFilter": "@system-service",
    "UMask": "0027",
}

CONFINEMENT = [
    (
        "rescore: data folder writable, no network",
        ["--db", "/srv/tracker/t.duckdb"],
        {
            "ProtectHome": "yes",
            "ReadWritePaths": "/srv/tracker",
            "PrivateNetwork": "yes",
            "RestrictAddressFamilies": "AF_UNIX",
        },
    ),
    (
        "fetch: the network is allowed",
        ["--db", "/srv/tracker/t.duckdb", "--feeds", "/srv/tracker/feeds.toml"],
        {
            "ProtectHome": "yes",
            "ReadWritePaths": "/srv/tracker",
            "RestrictAddressFamilies": "AF_UNIX AF_INET AF_INET6 AF_NETLINK",
        },
    ),
    (
        "a log elsewhere is writable too",
        ["--db", "/srv/tracker/t.duckdb", "--log", "/var/log/tracker/job.log"],
        {"ReadWritePaths": "/srv/tracker /var/log/tracker"},
    ),
    (
        "a database under /home keeps homes readable",
        ["--db", "/home/ana/tracker/t.duckdb"],
        {"ProtectHome": "read-only", "ReadWritePaths": "/home/ana/tracker"},
    ),
]


@pytest.mark.parametrize(("name", "args", "expected"), CONFINEMENT, ids=[c[0] for c in CONFINEMENT])
def test_a_system_unit_is_confined(name: str, args: list[str], expected: dict[str, str]) -> None:
    text = run("--print", "systemd", "--executable", "/opt/t/bin/tracker", "--user", "tr", *args)
    unit = dict(units(text)["tracker-rescore.service"]["Service"])
    assert unit["User"] == "tr"
    assert {key: unit.get(key) for key in CONFINED} == CONFINED
    assert {key: unit.get(key) for key in expected} == expected
    if "--feeds" in args:
        assert "PrivateNetwork" not in unit and "IPAddressDeny" not in unit


def test_a_dictionary_under_home_keeps_homes_readable() -> None:
    spec = schedule.ScheduleSpec(
        command=("/opt/t/bin/tracker",),
        db_path=Path("/srv/t.duckdb"),
        lexicons=(Path("/home/ana/terms.csv"),),
        user="tr",
    )
    assert "ProtectHome=read-only" in schedule.sandbox(spec)
    assert "ProtectHome=yes" in schedule.sandbox(replace(spec, lexicons=()))


def test_a_user_unit_is_not_confined() -> None:
    """Without User= the unit is for `systemctl --user`, where sandboxing needs user
    namespaces that many systems disable: the unit would not start at all."""
    unit = units(run("--print", "systemd", "--db", "/srv/t.duckdb"))["tracker-rescore.service"]
    assert not set(CONFINED) & set(unit["Service"])


def _exposure_within(unit: Path, threshold: int) -> subprocess.CompletedProcess[str]:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed here (.ci/run installs systemd)")
    # --threshold is in tenths of the 0-10 exposure level the report prints.
    return subprocess.run(
        [analyze, "security", "--offline=true", f"--threshold={threshold}", str(unit)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_shipped_rescore_unit_is_rated_safe() -> None:
    result = _exposure_within(DEPLOY / "tracker-rescore.service", 10)
    assert result.returncode == 0, result.stdout[-600:]
    assert "SAFE" in result.stdout.splitlines()[-1]


def test_an_unconfined_unit_fails_the_same_check(tmp_path: Path) -> None:
    """The check above can fail: the same unit without its confinement is rated unsafe."""
    body = (DEPLOY / "tracker-rescore.service").read_text(encoding="utf-8")
    start = body.index("# Confinement")
    end = body.index("UMask=")
    unit = tmp_path / "tracker-rescore.service"
    unit.write_text(body[:start] + body[body.index("\n", end) + 1 :], encoding="utf-8")
    assert _exposure_within(unit, 10).returncode != 0
