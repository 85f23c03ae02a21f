"""Serving the dashboard beyond one's own screen (docs/security.md): the shipped Streamlit
settings and the shipped dashboard unit say what the document says."""

from __future__ import annotations

import configparser
import shlex
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
UNIT = ROOT / "deploy" / "tracker-dashboard.service"


def test_streamlit_settings_as_shipped() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    server = config["server"]
    # Only this machine can connect unless the user says otherwise (a reverse proxy, say).
    assert server["address"] == "127.0.0.1"
    assert server["enableXsrfProtection"] is True
    assert server["enableCORS"] is True
    # Visitors see the kind of an unexpected error, never its traceback or message.
    assert config["client"]["showErrorDetails"] == "type"


def _unit() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True, comment_prefixes="#")
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(UNIT, encoding="utf-8")
    return parser["Service"]


def test_the_dashboard_unit_serves_only_the_local_proxy_and_writes_nothing() -> None:
    unit = _unit()
    argv = shlex.split(unit["ExecStart"])
    assert argv[1:3] == ["run", "dashboard.py"]
    assert argv[argv.index("--server.address") + 1] == "127.0.0.1"
    assert unit["User"] == "tracker"
    assert "TRACKER_DB=/var/lib/tracker/tracker.duckdb" in shlex.split(unit["Environment"])
    # No ReadWritePaths: with ProtectSystem=strict the whole file system is read-only to it.
    assert unit["ProtectSystem"] == "strict" and "ReadWritePaths" not in unit
    assert unit["ProtectHome"] == "yes" and unit["NoNewPrivileges"] == "yes"
    assert (unit["IPAddressAllow"], unit["IPAddressDeny"]) == ("localhost", "any")


def test_the_dashboard_unit_is_rated_ok() -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed here (.ci/run installs systemd)")
    # --threshold is in tenths of the 0-10 exposure level the report prints.
    result = subprocess.run(
        [analyze, "security", "--offline=true", "--threshold=15", str(UNIT)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout[-600:]
