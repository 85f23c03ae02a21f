"""Hostile inputs: each is refused with its one-line error, and nothing else is lost.

Every input case is ingested between two good files, through the CLI: the exit code is 1, stderr
holds exactly the case's error and the summary, both good files (and any good part of the
input) are stored, and the database opens afterwards. Database cases (a --db that is no DuckDB
file, a newer schema, an unwritable folder, a full disk) check that the file is unchanged byte
for byte, or holds exactly the batches written before the failure. Large inputs are made in the
test's folder, never committed. docs/reliability.md lists these cases and their figures.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from tests.conftest import without_progress
from tracker.cli.main import main
from tracker.db import connection
from tracker.db.migrations import latest_version
from tracker.errors import DiskFull
from tracker.ingest import store
from tracker.ingest.batches import ingest_articles
from tracker.ingest.limits import MAX_ARTICLE_CHARS, MAX_PAGE_DEPTH, MAX_RUN_CHARS
from tracker.ingest.sources import read_inputs

DATED = "---\npublished: 2016-07-26\n---\n"
PAGE_HEAD = (
    '<html><head><meta property="article:published_time" content="2016-07-26">'
    "<title>Talks go on</title></head><body><article>"
)
PAGE_TAIL = "</article></body></html>"


def sentence(n: int) -> str:
    return f"Officials in Ankara said on Monday that talks on trade item {n} would continue."


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@dataclass(frozen=True)
class Case:
    name: str
    file: str
    content: Callable[[Path], bytes]  # the input's bytes; may write other files beside it
    error: str  # "{p}" is the input's path
    also_added: int = 0  # documents of the input that are good and stored


def _manifest(columns: str, rows: list[str]) -> Callable[[Path], bytes]:
    def make(folder: Path) -> bytes:
        for name, n in (("a.txt", 11), ("b.txt", 12)):
            (folder / name).write_text(sentence(n) + "\n", encoding="utf-8")
        return ("\n".join([columns, *rows]) + "\n").encode()

    return make


def _text(text: str) -> Callable[[Path], bytes]:
    return lambda _folder: text.encode("utf-8")


CASES = [
    Case("empty", "empty.txt", _text(""), "{p}: empty (no text to ingest)."),
    Case("whitespace", "blank.md", _text(" \n\t\n  \n"), "{p}: empty (no text to ingest)."),
    Case(
        "binary",
        "photo.txt",
        lambda _f: bytes(range(256)) * 16,
        "{p}: looks like a binary file, not text; "
        "ingest .txt/.md files, manifest .csv files or .jsonl files.",
    ),
    Case(
        "invalid utf-8",
        "latin.txt",
        lambda _f: (DATED + "Ankara sa\xefd talks would go on.\n").encode("latin-1"),
        "{p}: not valid utf-8 text (byte 0xef at offset 39); if it uses another encoding, "
        "pass it, e.g. --encoding cp1252.",
    ),
    Case(
        "50 MB on one line",
        "dump.txt",
        lambda _f: (DATED + (sentence(0) + " ") * (50 * 2**20 // 80)).encode(),
        f"{{p}}: 51,118,079 characters of text, more than one article can be "
        f"({MAX_ARTICLE_CHARS:,}); split it, one file per article or one JSON line each.",
    ),
    Case(
        "a run no sentence ends",
        "runon.txt",
        _text(DATED + "Ankara said talks would go on and on " * 200 + "\n"),
        f"{{p}}: a run of more than {MAX_RUN_CHARS:,} characters from offset 0 with no line "
        "break or sentence end, which is not news text; break it into sentences and paragraphs.",
    ),
    Case(
        "front matter never closed",
        "open.md",
        _text("---\npublished: 2016-07-26\ntitle: Talks\n\n" + sentence(1) + "\n"),
        "{p}: the front-matter block opened by --- on line 1 is never closed; "
        "end it with a line holding only ---.",
    ),
    Case(
        "year 3000",
        "future.md",
        _text("---\npublished: 3000-01-01\n---\n" + sentence(2) + "\n"),
        "{p}: publication date 3000-01-01 is not plausible (before 1900-01-01 or after "
        "tomorrow); correct it (YYYY-MM-DD).",
    ),
    Case(
        "before 1900",
        "old.md",
        _text("---\npublished: 1899-12-31\n---\n" + sentence(3) + "\n"),
        "{p}: publication date 1899-12-31 is not plausible (before 1900-01-01 or after "
        "tomorrow); correct it (YYYY-MM-DD).",
    ),
    Case(
        "manifest missing columns",
        "list.csv",
        _manifest("file,date", ["a.txt,2016-07-26"]),
        "{p}: manifest lacks the column(s) path, published; "
        "its header must be path,published,source,title (url optional).",
    ),
    Case(
        "manifest bad date",
        "list.csv",
        _manifest("path,published,source,title", ["a.txt,2016-07-26,X,a", "b.txt,26/07/2016,X,b"]),
        "{p}: row 3 (b.txt): publication date '26/07/2016' is not a date; write it as YYYY-MM-DD.",
        also_added=1,
    ),
    Case(
        "manifest duplicate rows",
        "list.csv",
        _manifest("path,published,source,title", ["a.txt,2016-07-26,X,a", "a.txt,2016-07-26,X,a"]),
        "{p}: row 3 (a.txt): names the same file as row 2; keep one row per file.",
        also_added=1,
    ),
    Case(
        "JSON Lines broken in the middle",
        "feed.jsonl",
        _text(
            f'{{"text": "{sentence(4)}", "published": "2016-07-26"}}\n'
            '{"text": "cut off in the mid\n'
            f'{{"text": "{sentence(5)}", "published": "2016-07-27"}}\n'
        ),
        "{p}:2: not valid JSON (Invalid control character at); write one object per line.",
        also_added=2,
    ),
    Case(
        "huge page",
        "huge.html",
        lambda _f: (PAGE_HEAD + f"<p>{sentence(6)}</p>\n" * 140_000 + PAGE_TAIL).encode(),
        "{p}: a 11.3 MB page, larger than an article page can be (10 MB, as `tracker fetch` "
        "caps a download); save the article's own page, or its text as .txt.",
    ),
    Case(
        "deeply nested page",
        "deep.html",
        lambda _f: (
            PAGE_HEAD + "<div>" * 5000 + f"<p>{sentence(7)}</p>" + "</div>" * 5000 + PAGE_TAIL
        ).encode(),
        f"{{p}}: elements nested {MAX_PAGE_DEPTH} deep or more, deeper than the HTML parser "
        "reads (their text would be lost); save the page as the site serves it.",
    ),
    Case(
        "not a web page",
        "notes.html",
        _text("Just notes, no markup at all.\n"),
        "{p}: not an HTML page (no <html>, <body> or paragraph tag); "
        "ingest web pages as .html and plain text as .txt or .md.",
    ),
]


@pytest.fixture
def good(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "good"
    folder.mkdir()
    paths = [folder / "first.md", folder / "last.md"]
    for n, path in enumerate(paths):
        path.write_text(DATED + sentence(100 + n) + "\n", encoding="utf-8")
    return paths


def stored_documents(db_path: Path) -> int:
    with connection.reader(db_path) as con:
        row = con.execute("SELECT count(*) FROM documents").fetchone()
    assert row is not None
    return int(row[0])


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_hostile_input_is_one_error_and_the_rest_is_stored(
    case: Case, good: list[Path], tmp_path: Path, db_path: Path
) -> None:
    folder = tmp_path / "hostile"
    folder.mkdir()
    bad = folder / case.file
    bad.write_bytes(case.content(folder))

    result = run("ingest", str(good[0]), str(bad), str(good[1]))

    assert result.exit_code == 1
    added = 2 + case.also_added
    assert without_progress(result.stderr).splitlines() == [
        "Error: " + case.error.format(p=bad),
        f"Ingest: {added} added, 0 replaced, 0 unchanged, 1 failed; {added} new statements.",
    ]
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == ["added"] * added
    assert stored_documents(db_path) == added


def test_a_malformed_page_is_read_as_a_browser_would(good: list[Path], tmp_path: Path) -> None:
    page = tmp_path / "tag-soup.html"
    page.write_text(
        PAGE_HEAD + f"<p>{sentence(8)} <b><i>unclosed</p></b> <<<>>> <div <p>{sentence(9)}"
        " &#xZZZ; &bogus; </table></tr>",
        encoding="utf-8",
    )
    result = run("ingest", str(good[0]), str(page), str(good[1]))
    assert (result.exit_code, without_progress(result.stderr).splitlines()[:-1]) == (0, [])
    assert "Ingest: 3 added" in without_progress(result.stderr)


def test_utf16_with_a_byte_order_mark_is_read_as_utf16(tmp_path: Path, db_path: Path) -> None:
    path = tmp_path / "windows.txt"
    text = sentence(10) + " Moscow welcomed the move."
    path.write_bytes((DATED + text + "\r\n").encode("utf-16"))  # BOM + UTF-16 LE
    jsonl = tmp_path / "windows.jsonl"
    jsonl.write_bytes(f'{{"text": "{sentence(11)}", "published": "2016-07-26"}}\n'.encode("utf-16"))
    result = run("ingest", str(path), str(jsonl))
    assert result.exit_code == 0, result.stderr
    with connection.reader(db_path) as con:
        texts = [r[0] for r in con.execute("SELECT text FROM documents ORDER BY 1").fetchall()]
    assert texts == [sentence(10) + " Moscow welcomed the move.", sentence(11)]


# ---- the database given with --db ------------------------------------------------------------


def _ingest_refused(db: Path, good: list[Path]) -> tuple[int, str]:
    result = run("ingest", *map(str, good), "--db", str(db), "--wait", "0")
    return result.exit_code, without_progress(result.stderr).strip()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notes.duckdb", b"not a database\n"),
        ("export.csv", b"id,text\n" + b"1,some row of a spreadsheet export\n" * 500),
    ],
    ids=["text named .duckdb", "a CSV (DuckDB would open it)"],
)
def test_a_db_that_is_not_a_duckdb_file_is_refused_and_untouched(
    name: str, content: bytes, good: list[Path], tmp_path: Path
) -> None:
    db = tmp_path / name
    db.write_bytes(content)
    for command in (["ingest", *map(str, good)], ["sql", "SELECT 1"], ["rescore"]):
        result = run(*command, "--db", str(db))
        assert result.exit_code == 3
        stderr = without_progress(result.stderr).strip()
        assert stderr.startswith(f"Error: {db} is not a tracker database")
        assert db.read_bytes() == content


def test_a_database_from_a_newer_tracker_is_refused_and_untouched(
    good: list[Path], tmp_path: Path, db_path: Path
) -> None:
    assert run("ingest", str(good[0])).exit_code == 0
    with duckdb.connect(str(db_path)) as con:
        con.execute("INSERT INTO schema_migrations (version, name) VALUES (9999, 'future')")
    before = db_path.read_bytes()
    message = (
        f"Error: {db_path} has schema version 9999, newer than this tracker's "
        f"{latest_version()} (a later "
        "tracker wrote it). Upgrade the tracker to use it; nothing in it was changed."
    )
    assert _ingest_refused(db_path, good[1:]) == (3, message)
    assert (run("sql", "SELECT 1").exit_code, run("rescore").exit_code) == (3, 3)
    assert db_path.read_bytes() == before
    with duckdb.connect(str(db_path), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone() == (1,)


@contextlib.contextmanager
def read_only_folder(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The folder cannot be written: by its mode, or (as root, whom modes do not stop) by
    failing what the writer creates there as a read-only file system would."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        (folder / "tracker.duckdb").chmod(0o444)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    real_open = os.open

    def refuse(path: str | os.PathLike[str], flags: int, *args: int) -> int:
        if Path(path).parent == folder and flags & os.O_CREAT:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(connection.os, "open", refuse)
    yield


def test_a_read_only_database_folder_is_refused_and_readable(
    good: list[Path], db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("ingest", str(good[0])).exit_code == 0
    (db_path.parent / "tracker.duckdb.lock").unlink()
    before = db_path.read_bytes()
    with read_only_folder(db_path.parent, monkeypatch):
        code, message = _ingest_refused(db_path, good[1:])
        assert run("sql", "SELECT count(*) AS n FROM documents").stdout.split() == ["n", "1"]
    assert code == 1
    assert message.startswith(f"Error: Cannot write the database {db_path} (")
    assert message.endswith(
        "). Make it and its folder writable, or point --db / TRACKER_DB at a writable place; "
        "nothing in it was changed."
    )
    assert db_path.read_bytes() == before


def test_a_full_disk_keeps_the_batches_before_it_and_a_rerun_completes(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ENOSPC simulated where DuckDB meets it: the COMMIT of the second batch fails (DuckDB
    has then rolled the transaction back)."""
    folder = tmp_path / "night"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.md").write_text(DATED + sentence(200 + n) + "\n", encoding="utf-8")
    real = store.transaction
    commits = iter(range(100))

    @contextlib.contextmanager
    def commit_fails_second(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
        if next(commits) != 1:
            with real(con):
                yield
            return
        con.execute("BEGIN TRANSACTION")
        yield
        con.execute("ROLLBACK")
        raise duckdb.TransactionException(
            f'Failed to commit: Could not write file "{db_path}.wal": No space left on device'
        )

    monkeypatch.setattr(store, "transaction", commit_fails_second)
    with pytest.raises(DiskFull) as failed:
        ingest_articles(read_inputs([folder]), db_path, batch_size=1)
    assert failed.value.message == (
        f"No space left on the disk of {db_path}: the write under way was rolled back, what "
        "was stored before is kept. Free some space (or point --db at another disk) and run "
        "the command again."
    )
    assert stored_documents(db_path) == 1

    monkeypatch.setattr(store, "transaction", real)
    report = ingest_articles(read_inputs([folder]), db_path, batch_size=1)
    assert (report.count("added"), report.count("unchanged")) == (2, 1)
    with connection.reader(db_path) as con:
        texts = [r[0] for r in con.execute("SELECT text FROM documents ORDER BY 1").fetchall()]
    assert texts == [sentence(200 + n) for n in range(3)]


def test_a_folder_manifest_with_a_bad_byte_is_reported_not_ignored(
    good: list[Path], tmp_path: Path, db_path: Path
) -> None:
    """Read strictly, its header made it no manifest: its files were read without their dates."""
    folder = tmp_path / "archive"
    folder.mkdir()
    for name, n in (("a.txt", 20), ("b.txt", 21)):
        (folder / name).write_text(sentence(n) + "\n", encoding="utf-8")
    manifest = folder / "manifest.csv"
    manifest.write_bytes(
        b"path,published,source,title\na.txt,2016-07-26,X,a\nb.txt,2016-07-27,X,caf\xe9\n"
    )
    result = run("ingest", str(good[0]), str(folder), str(good[1]))
    assert result.exit_code == 1
    assert without_progress(result.stderr).splitlines() == [
        f"Error: {manifest}: not valid utf-8 text (byte 0xe9 at offset 71); if it uses another "
        "encoding, pass it, e.g. --encoding cp1252.",
        "Ingest: 2 added, 0 replaced, 0 unchanged, 1 failed; 2 new statements.",
    ]
    assert stored_documents(db_path) == 2


def test_a_full_disk_before_anything_is_written_is_the_same_one_line(
    good: list[Path], db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ENOSPC met creating the lock file (the first thing a writer writes)."""
    real_open = os.open

    def full(path: str | os.PathLike[str], flags: int, *args: int) -> int:
        if str(path).endswith(".lock"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(connection.os, "open", full)
    assert _ingest_refused(db_path, good) == (
        1,
        f"Error: No space left on the disk of {db_path}: the write under way was rolled back, "
        "what was stored before is kept. Free some space (or point --db at another disk) and "
        "run the command again.",
    )
    assert not db_path.exists()
