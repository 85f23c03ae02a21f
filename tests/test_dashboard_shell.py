"""House rules for dashboard.py, checked on its source: a thin shell that only draws on purpose.

Streamlit's "magic" renders the value of every bare expression statement, so one there (a
conditional expression used for its side effects, say) draws a stray element. An expression
statement in the shell must be a call (how it draws; magic leaves calls alone) or a docstring,
and magic is off in .streamlit/config.toml as well. The shell holds no SQL
and looks nothing up by name (queries are passed as functions), and draws every kind of
block a view returns.
"""

from __future__ import annotations

import ast
import re
import tomllib
import typing
from pathlib import Path

import pytest

from tracker.views import blocks

ROOT = Path(__file__).resolve().parents[1]
SHELL = ROOT / "dashboard.py"
SQL = re.compile(
    r"\bselect\b.+\bfrom\b|\binsert\s+into\b|\bdelete\s+from\b|\bupdate\b.+\bset\b"
    r"|\bcreate\s+(or\s+replace\s+)?(table|view|type|index)\b|\battach\b.+\bas\b",
    re.IGNORECASE | re.DOTALL,
)


def bare_expressions(source: str) -> list[int]:
    """Lines of expression statements that are neither a call nor a docstring."""
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0])
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
        and isinstance(node.body[0].value.value, str)
    }
    return sorted(
        node.lineno
        for node in ast.walk(tree)  # ast.Expr is the expression *statement*, wherever it is
        if isinstance(node, ast.Expr)
        and not isinstance(node.value, ast.Call)
        and id(node) not in docstrings
    )


BARE = [
    ("calls only", "import streamlit as st\nst.title('x')\nst.write(1)\n", []),
    ("module docstring", '"""Doc."""\nx = 1\n', []),
    ("function docstring", 'def f():\n    """Doc."""\n    return 1\n', []),
    ("conditional expression", "a() if x else b()\n", [1]),
    ("name", "x = 1\nx\n", [2]),
    ("string after the first statement", 'x = 1\n"not a docstring"\n', [2]),
    ("in a with block", "with t:\n    frame\n", [2]),
    ("in a for loop", "for c in cols:\n    c.value\n", [2]),
    ("in an else branch", "if x:\n    f()\nelse:\n    y + 1\n", [4]),
    ("in a finally block", "try:\n    f()\nfinally:\n    y\n", [4]),
    ("in an except handler", "try:\n    f()\nexcept E:\n    y\n", [4]),
    ("in a match case", "match v:\n    case 1:\n        v\n", [3]),
    ("a yield statement", "def g():\n    yield x\n", [2]),
]


@pytest.mark.parametrize(("name", "source", "lines"), BARE, ids=[b[0] for b in BARE])
def test_bare_expressions_are_found(name: str, source: str, lines: list[int]) -> None:
    assert bare_expressions(source) == lines


def test_the_shell_has_no_bare_expression() -> None:
    assert bare_expressions(SHELL.read_text(encoding="utf-8")) == []


def test_magic_is_off() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["runner"]["magicEnabled"] is False


def test_the_shell_holds_no_sql() -> None:
    tree = ast.parse(SHELL.read_text(encoding="utf-8"))
    imported = {
        alias.name.split(".")[0]
        for n in ast.walk(tree)
        if isinstance(n, ast.Import)
        for alias in n.names
    }
    imported |= {n.module.split(".")[0] for n in ast.walk(tree)
                 if isinstance(n, ast.ImportFrom) and n.module}  # fmt: skip
    assert "duckdb" not in imported
    strings = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)]
    assert [s for s in strings if isinstance(s, str) and SQL.search(s)] == []


@pytest.mark.parametrize(
    ("text", "is_sql"),
    [
        ("SELECT * FROM facts", True),
        ("select n\n  from runs", True),
        ("UPDATE runs SET status = 'x'", True),
        ("create table t (a int)", True),
        ("Open a statement to see why it scored so", False),
        ("Ignored link parameters: ", False),
    ],
)
def test_the_sql_pattern(text: str, is_sql: bool) -> None:
    assert bool(SQL.search(text)) is is_sql


def test_the_shell_looks_nothing_up_by_name() -> None:
    tree = ast.parse(SHELL.read_text(encoding="utf-8"))
    called = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call)
              and isinstance(n.func, ast.Name)}  # fmt: skip
    assert called.isdisjoint({"getattr", "eval", "exec", "globals", "vars", "__import__"})


def test_the_shell_draws_every_kind_of_block() -> None:
    tree = ast.parse(SHELL.read_text(encoding="utf-8"))
    draw = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "draw")
    drawn = {
        p.cls.id
        for n in ast.walk(draw)
        if isinstance(n, ast.match_case)
        for p in ast.walk(n.pattern)
        if isinstance(p, ast.MatchClass) and isinstance(p.cls, ast.Name)
    }
    assert drawn == {kind.__name__ for kind in typing.get_args(blocks.Block)}
