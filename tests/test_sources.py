"""Reading inputs: formats, metadata and the error for every bad input."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import write
from tracker.errors import InputError
from tracker.ingest.sources import Defaults, read_inputs
from tracker.models import Article

_LINE = '{"text": "Ankara’s reply", "published": "2016-01-01"}\n'


def results(paths: list[Path], defaults: Defaults = Defaults()) -> list[Article | InputError]:
    return list(read_inputs(paths, defaults))


def test_folder_reads_every_format_once(articles: Path) -> None:
    found = results([articles])
    assert all(isinstance(a, Article) for a in found), found
    by_title = {a.title: a for a in found if isinstance(a, Article)}
    assert set(by_title) == {
        "Moscow eases travel curbs",
        "Leaders meet in St. Petersburg",
        "Allies meet",
    }
    assert by_title["Leaders meet in St. Petersburg"].published == dt.date(2016, 8, 9)
    assert by_title["Moscow eases travel curbs"].source == "test wire"
    assert by_title["Moscow eases travel curbs"].text.startswith("Russia lifted")
    assert by_title["Allies meet"].origin.endswith("wire.jsonl:1")


def test_command_line_defaults_fill_plain_files(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Ankara and Moscow agreed to talk.\n")
    (article,) = results([path], Defaults(dt.date(2016, 7, 1), "my outlet"))
    assert isinstance(article, Article)
    assert (article.published, article.source) == (dt.date(2016, 7, 1), "my outlet")


def test_front_matter_wins_over_defaults(articles: Path) -> None:
    (article,) = results([articles / "thaw.md"], Defaults(dt.date(2000, 1, 1), "x"))
    assert isinstance(article, Article)
    assert article.published == dt.date(2016, 6, 30)


def test_windows_line_endings_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes("\ufeffFirst line.\r\nSecond line.\r\n".encode())
    (article,) = results([path], Defaults(dt.date(2016, 1, 1)))
    assert isinstance(article, Article)
    assert article.text == "First line.\nSecond line."


ERROR_CASES = [
    (
        "missing_date",
        lambda d: write(d / "nodate.txt", "Some text.\n"),
        Defaults(),
        "{d}/nodate.txt: no publication date; give one in front matter (published: 2016-07-26), "
        "in a manifest CSV (path,published,source,title), or with --published 2016-07-26.",
    ),
    (
        "bad_date",
        lambda d: write(d / "bad.md", "---\npublished: 26/07/2016\n---\nText.\n"),
        Defaults(),
        "{d}/bad.md: publication date '26/07/2016' is not a date; write it as YYYY-MM-DD.",
    ),
    (
        "empty_file",
        lambda d: write(d / "empty.txt", "  \n"),
        Defaults(dt.date(2016, 1, 1)),
        "{d}/empty.txt: empty (no text to ingest).",
    ),
    (
        "not_utf8",
        lambda d: (
            (d / "latin.txt").write_bytes("Ankara’s reply".encode("cp1252")) and d / "latin.txt"
        ),
        Defaults(dt.date(2016, 1, 1)),
        "{d}/latin.txt: not valid utf-8 text (byte 0x92 at offset 6); "
        "if it uses another encoding, pass it, e.g. --encoding cp1252.",
    ),
    (
        "binary",
        lambda d: (d / "pic.txt").write_bytes(b"\x89PNG\x00\x00\x01") and d / "pic.txt",
        Defaults(dt.date(2016, 1, 1)),
        "{d}/pic.txt: looks like a binary file, not text; "
        "ingest .txt/.md files, manifest .csv files or .jsonl files.",
    ),
    (
        "missing_path",
        lambda d: d / "nowhere.txt",
        Defaults(),
        "{d}/nowhere.txt: no such file or folder; check the path.",
    ),
    (
        "manifest_row_without_date",
        lambda d: write(d / "m.csv", "path,published,source,title\na.txt,,x,y\n"),
        Defaults(),
        "{d}/m.csv: row 2 (a.txt): no publication date; fill the published column (YYYY-MM-DD).",
    ),
    (
        "manifest_without_columns",
        lambda d: write(d / "m.csv", "file,date\na.txt,2016-01-01\n"),
        Defaults(),
        "{d}/m.csv: manifest lacks the column(s) path, published; "
        "its header must be path,published,source,title (url optional).",
    ),
    (
        "jsonl_bad_line",
        lambda d: write(d / "x.jsonl", "{not json}\n"),
        Defaults(),
        "{d}/x.jsonl:1: not valid JSON (Expecting property name enclosed in double quotes); "
        "write one object per line.",
    ),
    (
        "jsonl_without_text",
        lambda d: write(d / "x.jsonl", '{"published": "2016-01-01"}\n'),
        Defaults(),
        '{d}/x.jsonl:1: needs an object with a "text" or an "html" string.',
    ),
    (
        "jsonl_not_utf8",
        lambda d: (d / "x.jsonl").write_bytes(_LINE.encode("cp1252")) and d / "x.jsonl",
        Defaults(),
        "{d}/x.jsonl: not valid utf-8 text (byte 0x92 at offset 16); "
        "if it uses another encoding, pass it, e.g. --encoding cp1252.",
    ),
    (
        # The file is checked in chunks of 1 MiB: a bad byte far in is still found first.
        "jsonl_not_utf8_after_the_first_megabyte",
        lambda d: (
            (d / "x.jsonl").write_bytes(
                _LINE.encode("utf-8").replace("’".encode(), b"'") * 40_000 + _LINE.encode("cp1252")
            )
            and d / "x.jsonl"
        ),
        Defaults(),
        "{d}/x.jsonl: not valid utf-8 text (byte 0x92 at offset 2160016); "
        "if it uses another encoding, pass it, e.g. --encoding cp1252.",
    ),
    (
        "jsonl_binary",
        lambda d: (d / "x.jsonl").write_bytes(b"\x00\x01{}") and d / "x.jsonl",
        Defaults(),
        "{d}/x.jsonl: looks like a binary file, not text; "
        "ingest .txt/.md files, manifest .csv files or .jsonl files.",
    ),
    (
        "jsonl_unknown_encoding",
        lambda d: write(d / "x.jsonl", _LINE),
        Defaults(encoding="klingon"),
        "unknown encoding 'klingon'; use a Python codec name such as utf-8 or cp1252.",
    ),
]


@pytest.mark.parametrize(
    ("name", "make", "defaults", "message"), ERROR_CASES, ids=[c[0] for c in ERROR_CASES]
)
def test_each_bad_input_is_one_clear_error(tmp_path: Path, name, make, defaults, message) -> None:
    path = make(tmp_path)
    (error,) = results([path], defaults)
    assert isinstance(error, InputError)
    assert error.message == message.format(d=tmp_path)


def test_one_bad_file_does_not_stop_the_batch(tmp_path: Path) -> None:
    write(tmp_path / "good.md", "---\npublished: 2016-01-05\n---\nMoscow spoke.\n")
    write(tmp_path / "nodate.txt", "No date here.\n")
    found = results([tmp_path])
    assert sorted(type(f).__name__ for f in found) == ["Article", "InputError"]


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        (
            "lf",
            b'{"text": "A", "published": "2016-01-01"}\n{"text": "B", "published": "2016-01-02"}\n',
        ),
        (
            "crlf",
            b'{"text": "A", "published": "2016-01-01"}\r\n\r\n'
            b'{"text": "B", "published": "2016-01-02"}',
        ),
        (
            "cr",
            b'{"text": "A", "published": "2016-01-01"}\r{"text": "B", "published": "2016-01-02"}\r',
        ),
        (
            "bom",
            b'\xef\xbb\xbf{"text": "A", "published": "2016-01-01"}\n'
            b'{"text": "B", "published": "2016-01-02"}',
        ),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_jsonl_line_endings_and_bom(tmp_path: Path, name: str, raw: bytes) -> None:
    path = tmp_path / "x.jsonl"
    path.write_bytes(raw)
    found = results([path])
    assert [(a.text, a.published) for a in found if isinstance(a, Article)] == [
        ("A", dt.date(2016, 1, 1)),
        ("B", dt.date(2016, 1, 2)),
    ], found
