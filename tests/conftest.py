"""Shared fixtures. Every test runs with TRACKER_DB pointing into its own temporary folder,
so no test ever touches a user's database."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "db" / "tracker.duckdb"
    monkeypatch.setenv("TRACKER_DB", str(path))
    return path


@pytest.fixture
def db_path(_isolated_db: Path) -> Path:
    return _isolated_db


def session_processes(session: int) -> list[int]:
    """Live (non-zombie) processes of a session (Linux /proc): what a killed command left."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == session and fields[0] != "Z":
            found.append(int(entry.name))
    return found


# `tracker ingest`'s progress lines off a terminal (pinned exactly by tests/test_progress.py).
INGEST_PROGRESS = re.compile(r"ingest: \d+/\d+ documents( |$)")


def without_progress(stderr: str) -> str:
    """An ingest's stderr without its progress lines: the messages a test is about."""
    return "".join(
        line for line in stderr.splitlines(keepends=True) if not INGEST_PROGRESS.match(line)
    )


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding=encoding)
    return path


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    """A small folder of articles written for the tests, in all supported formats."""
    folder = tmp_path / "articles"
    write(
        folder / "thaw.md",
        """
        ---
        published: 2016-06-30
        title: Moscow eases travel curbs
        source: test wire
        ---
        Russia lifted its ban on charter flights to Turkey on Thursday.
        The Kremlin said trade talks would resume next month.
        """,
    )
    write(
        folder / "manifest.csv",
        """
        path,published,source,title
        plain/summit.txt,2016-08-09,test agency,Leaders meet in St. Petersburg
        """,
    )
    write(
        folder / "plain" / "summit.txt",
        """
        Putin and Erdogan met in St. Petersburg on Tuesday.
        “We are against all coup attempts. We stand by you,” Putin said.
        """,
    )
    write(
        folder / "wire.jsonl",
        '{"text": "NATO voiced solidarity with Ankara after the jet was downed.", '
        '"published": "2015-11-24", "source": "test feed", "title": "Allies meet"}\n',
    )
    return folder
