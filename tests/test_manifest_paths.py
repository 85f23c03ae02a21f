"""A manifest names files in its folder or below it: a row whose path leads elsewhere (``..``,
an absolute path, a symlink pointing out) is refused with one line, unread, and the rest of
the batch is ingested."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from tests.conftest import write
from tracker.cli.main import main

SECRET = "The outside file says Moscow and Ankara signed a secret protocol."


def _setup(tmp_path: Path) -> tuple[Path, Path]:
    """A folder ``news`` with a manifest, and a folder ``outside`` next to it with a file the
    manifest must not reach."""
    news, outside = tmp_path / "news", tmp_path / "outside"
    secret = write(outside / "secret.txt", SECRET + "\n")
    write(news / "good.txt", "Ankara welcomed the Russian delegation on Monday.\n")
    write(news / "sub" / "inner.txt", "Moscow praised the talks with Ankara.\n")
    write(news / "linked-to.txt", "Brussels asked Ankara for calm.\n")
    write(news / "last.txt", "Washington thanked Ankara for its support.\n")
    os.symlink(secret, news / "link.txt")
    os.symlink(outside, news / "linked")
    os.symlink(news / "linked-to.txt", news / "sub" / "inside-link.txt")
    return news, secret


# (name, the manifest's path column, refused)
ROWS = [
    ("inside", "good.txt", False),
    ("parent traversal to /etc/passwd", "../../../../../../../../etc/passwd", True),
    ("parent traversal to a file next door", "../outside/secret.txt", True),
    ("absolute path outside", "{secret}", True),
    ("symlink pointing outside", "link.txt", True),
    ("file in a symlinked folder outside", "linked/secret.txt", True),
    ("dots that stay inside", "sub/../sub/inner.txt", False),
    ("symlink pointing inside", "sub/inside-link.txt", False),
    ("absolute path inside", "{news}/last.txt", False),
]


def _manifest(news: Path, secret: Path) -> tuple[Path, list[str]]:
    rows = [path.format(secret=secret, news=news) for _, path, _ in ROWS]
    lines = ["path,published,source,title"]
    lines += [f"{row},2016-07-01,test wire,Row {i}" for i, row in enumerate(rows, start=2)]
    manifest = news / "manifest.csv"
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return manifest, rows


def _refusals(manifest: Path, rows: list[str]) -> list[str]:
    folder = manifest.parent.resolve()
    return [
        f"Error: {manifest}: row {number} ({row}): the path leads outside the manifest's "
        f"folder {folder}; move the file into that folder or ingest it directly."
        for number, (row, (_, _, refused)) in enumerate(zip(rows, ROWS, strict=True), start=2)
        if refused
    ]


@pytest.mark.parametrize("given", ["manifest", "folder"])
def test_a_manifest_row_leading_outside_its_folder_is_refused_unread(
    tmp_path: Path, db_path: Path, given: str
) -> None:
    news, secret = _setup(tmp_path)
    manifest, rows = _manifest(news, secret)
    result = CliRunner().invoke(main, ["ingest", str(manifest if given == "manifest" else news)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert errors == _refusals(manifest, rows)
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        texts = sorted(r[0] for r in con.execute("SELECT text FROM documents").fetchall())
    finally:
        con.close()
    # The rows inside are ingested (each names its own file: two rows naming one file are
    # refused as duplicates, tests/test_hostile_inputs.py); nothing from outside is stored.
    assert [t.strip() for t in texts] == [
        "Ankara welcomed the Russian delegation on Monday.",
        "Brussels asked Ankara for calm.",
        "Moscow praised the talks with Ankara.",
        "Washington thanked Ankara for its support.",
    ]
    assert "added\t" in result.stdout
