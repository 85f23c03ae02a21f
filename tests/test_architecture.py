"""The architecture holds: the import-linter contracts in pyproject.toml (pipeline stages
layered, no streamlit in the library) are kept, and a breach of either is caught."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def lint(root: Path) -> subprocess.CompletedProcess[str]:
    code = (
        "import sys; from importlinter.cli import lint_imports; "
        "sys.exit(lint_imports(no_cache=True, no_logo=True))"
    )
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True, timeout=120
    )


def test_the_import_contracts_are_kept() -> None:
    done = lint(ROOT)
    assert done.returncode == 0, done.stdout[-3000:]


BREACHES = [
    # (name, module edited in a copy, line added, contract named in the report)
    ("text imports analysis", "text/clauses.py", "import tracker.analysis.dyads", "layered"),
    ("scoring imports ingest", "scoring/statement.py", "import tracker.ingest.store", "layered"),
    ("views imports rescore", "views/stats.py", "import tracker.rescore.plan", "layered"),
    ("db imports scoring", "db/connection.py", "import tracker.scoring.vader", "layered"),
    (
        "scoring imports analysis",
        "scoring/statement.py",
        "import tracker.analysis.dyads",
        "layered",
    ),
    ("progress imports db", "progress.py", "import tracker.db.connection", "layered"),
    ("library imports streamlit", "views/charts.py", "import streamlit", "streamlit"),
]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "module", "line", "contract"), BREACHES, ids=[b[0] for b in BREACHES]
)
def test_a_breach_is_caught(
    tmp_path: Path, name: str, module: str, line: str, contract: str
) -> None:
    shutil.copytree(
        ROOT / "tracker", tmp_path / "tracker", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "tracker" / module
    target.write_text(target.read_text() + f"\n{line}  # noqa\n")
    done = lint(tmp_path)
    assert done.returncode == 1, name
    report = done.stdout.split("Broken contracts")[1]
    edited = "tracker." + module.removesuffix(".py").replace("/", ".")
    imported = line.split()[1]
    assert f"{edited} -> {imported}" in report, report[-2000:]
    assert contract in report, name
