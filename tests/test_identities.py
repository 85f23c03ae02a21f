"""The analysis and scorer identities cover every source file of their stages.

Each case copies the package to a temporary folder, computes the identity there in a fresh
interpreter, changes the copy, and computes it again: a module added to a stage (with no list
to put it on) must change the identity, so rescoring reruns.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "tracker"

ANALYSIS = (
    "from tracker.analysis.analyze import analysis_identity\n"
    "from tracker.paths import data_dir, events_path\n"
    "print(analysis_identity([data_dir() / 'actors.toml'], events_path()).version)"
)
DIPLOMACY = (
    "from tracker.scoring.vader import get_scorer\n"
    "print(get_scorer('diplomacy').identity.lexicon_hash)"
)
VADER = (
    "from tracker.scoring.vader import get_scorer\nprint(get_scorer('vader').identity.lexicon_hash)"
)


def identity_in(root: Path, code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout.strip()


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    shutil.copytree(PACKAGE, tmp_path / "tracker", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(
        PACKAGE.parent / "data", tmp_path / "data", ignore=shutil.ignore_patterns("*.duckdb*")
    )
    return tmp_path


CASES = [
    # (name, code printing the identity, file added in the copy, changes?)
    ("new analysis rule module", ANALYSIS, "analysis/dates/new_rule.py", True),
    ("new text helper seen by the analysis", ANALYSIS, "text/new_helper.py", True),
    ("new scoring module not read by the analysis", ANALYSIS, "scoring/new_rule.py", False),
    ("new diplomacy rule module", DIPLOMACY, "scoring/diplomacy/new_rule.py", True),
    ("new text helper seen by the diplomacy profile", DIPLOMACY, "text/new_helper.py", True),
    (
        "new diplomacy module leaves stock VADER alone",
        VADER,
        "scoring/diplomacy/new_rule.py",
        False,
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(("name", "code", "added", "changes"), CASES, ids=[c[0] for c in CASES])
def test_identity_follows_the_stage_sources(
    copy: Path, name: str, code: str, added: str, changes: bool
) -> None:
    before = identity_in(copy, code)
    (copy / "tracker" / added).write_text('"""A rule module nobody listed."""\n')
    after = identity_in(copy, code)
    assert (after != before) is changes, name


EDITS = [
    # (name, code printing the identity, module edited in the copy)
    ("diplomacy rule edited", DIPLOMACY, "scoring/diplomacy/rules.py"),
    ("shared names edited: the diplomacy profile", DIPLOMACY, "models.py"),
    ("shared names edited: the analysis", ANALYSIS, "models.py"),
    ("stock VADER's hook edited", VADER, "scoring/vader.py"),
    ("explanations edited: stock VADER", VADER, "scoring/explanation.py"),
]


@pytest.mark.parametrize(("name", "code", "module"), EDITS, ids=[e[0] for e in EDITS])
def test_an_edit_to_an_existing_module_changes_the_identity(
    copy: Path, name: str, code: str, module: str
) -> None:
    before = identity_in(copy, code)
    edited = copy / "tracker" / module
    edited.write_text(edited.read_text() + "\n# an edit\n")
    assert identity_in(copy, code) != before, name
