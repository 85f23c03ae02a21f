"""Everything ``tracker`` imports is declared in pyproject.toml (not merely installed as some
other package's dependency, which a fresh install may not bring)."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = set()
    for requirement in project["dependencies"]:
        match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement)
        assert match, requirement
        names.add(_normalise(match[0]))
    return names


def imported() -> dict[str, set[str]]:
    """Top-level third-party modules imported anywhere in tracker/ (lazy imports too), with
    the files that import them."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / "tracker").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top != "tracker" and top not in sys.stdlib_module_names:
                    found.setdefault(top, set()).add(str(path.relative_to(ROOT)))
    return found


def test_every_imported_distribution_is_declared() -> None:
    distributions = importlib.metadata.packages_distributions()
    wanted = declared()
    undeclared = {
        module: (distributions.get(module, ["(not installed)"]), sorted(files))
        for module, files in imported().items()
        if not wanted.intersection(_normalise(d) for d in distributions.get(module, []))
    }
    assert undeclared == {}, "add these to [project] dependencies in pyproject.toml"


def test_the_check_sees_tracker_imports() -> None:
    # So the test above cannot pass by finding nothing.
    modules = imported()
    assert {"duckdb", "click", "yaml"} <= set(modules)
    assert "tracker/ingest/sources.py" in modules["yaml"]
