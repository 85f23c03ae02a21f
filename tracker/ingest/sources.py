"""Reading articles from the inputs users give ``tracker ingest``.

Accepted inputs:

* plain text or Markdown files (``.txt``, ``.md``, ``.markdown``), with an optional YAML
  front-matter block (``published``, ``source``, ``url``, ``title``);
* web pages (``.html``, ``.htm``, ``.xhtml``): the article body and metadata extracted by
  :mod:`tracker.ingest.pages`;
* manifest CSV files with the columns ``path,published,source,title`` and optional ``url``,
  paths relative to the manifest (a row may name a page); a path that leads outside the
  manifest's folder (``..``, an absolute path, a symlink pointing out) is refused unread;
* JSON Lines files (``.jsonl``), one article per line (``text`` or ``html``, ``published``,
  optional ``source``, ``url``, ``title``; a record with ``html`` is a page, its fields win
  over the page's own);
* folders, walked recursively for the above; a folder's ``manifest.csv`` takes precedence for the
  files it names.

:func:`read_inputs` yields an :class:`~tracker.models.Article` or an
:class:`~tracker.errors.InputError` per input, so one bad file never stops a batch.
:func:`count_inputs` says beforehand how many it will yield, without reading any article (a
progress bar's total).
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from tracker.errors import InputError
from tracker.ingest.limits import check_article_text, check_published
from tracker.ingest.pages import PAGE_SUFFIXES, PageInput, bom_codec, page_article
from tracker.models import Article

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
MANIFEST_SUFFIXES = frozenset({".csv"})
MANIFEST_REQUIRED = ("path", "published")
DATE_HELP = (
    "give one in front matter (published: 2016-07-26), in a manifest CSV "
    "(path,published,source,title), or with --published 2016-07-26"
)


@dataclass(frozen=True)
class Defaults:
    """Metadata given on the command line for plain files that lack their own."""

    published: dt.date | None = None
    source: str | None = None
    encoding: str = "utf-8"


def parse_date(value: Any, where: str) -> dt.date:
    """A plausible publication date from front matter, CSV or JSON
    (:func:`~tracker.ingest.limits.check_published`); InputError naming ``where`` if bad."""
    if isinstance(value, dt.datetime):
        return check_published(value.date(), where)
    if isinstance(value, dt.date):
        return check_published(value, where)
    text = str(value).strip()
    try:
        day = dt.date.fromisoformat(text[:10])
    except ValueError:
        raise InputError(
            f"{where}: publication date {text[:40]!r} is not a date; write it as YYYY-MM-DD."
        ) from None
    return check_published(day, where)


def _missing_date(where: str) -> InputError:
    return InputError(f"{where}: no publication date; {DATE_HELP}.")


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def read_text(path: Path, encoding: str) -> str:
    """The file's text, or an InputError saying why it cannot be read as text."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file or folder; check the path.") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror}).") from None
    # A byte-order mark names the encoding whatever --encoding says (UTF-16 files have one).
    codec = bom_codec(data)
    if b"\x00" in data[:8192] and codec is None:
        raise InputError(
            f"{path}: looks like a binary file, not text; "
            "ingest .txt/.md files, manifest .csv files or .jsonl files."
        )
    try:
        text = data.decode(codec or encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: not valid {codec or encoding} text (byte 0x{data[exc.start]:02x} at offset "
            f"{exc.start}); if it uses another encoding, pass it, e.g. --encoding cp1252."
        ) from None
    except LookupError:
        raise InputError(
            f"unknown encoding {encoding!r}; use a Python codec name such as utf-8 or cp1252."
        ) from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _article(
    text: str, origin: str, meta: dict[str, Any], defaults: Defaults, where: str
) -> Article:
    if not text.strip():
        raise InputError(f"{where}: empty (no text to ingest).")
    check_article_text(text, where)
    published = meta.get("published") or defaults.published
    if published is None or (isinstance(published, str) and not published.strip()):
        raise _missing_date(where)
    return Article(
        text=text,
        published=parse_date(published, where),
        origin=origin,
        title=_clean(meta.get("title")),
        source=_clean(meta.get("source")) or defaults.source,
        url=_clean(meta.get("url")),
    )


# python-frontmatter's own pattern for a YAML block (its "---" delimiters), and its opening.
_FRONT_MATTER_OPEN = re.compile(r"\A-{3,}[ \t]*\n")
_FRONT_MATTER = re.compile(r"\A-{3,}[ \t]*\n.*?^-{3,}[ \t]*$", re.S | re.M)


def read_text_file(path: Path, defaults: Defaults, meta: dict[str, Any] | None = None) -> Article:
    """One text/Markdown article; ``meta`` (from a manifest) wins over front matter."""
    raw = read_text(path, defaults.encoding)
    if _FRONT_MATTER_OPEN.match(raw) and not _FRONT_MATTER.match(raw):
        raise InputError(
            f"{path}: the front-matter block opened by --- on line 1 is never closed; "
            "end it with a line holding only ---."
        )
    try:
        post = frontmatter.loads(raw)
    except yaml.YAMLError as exc:
        first = " ".join(str(exc).split())[:200]
        raise InputError(f"{path}: the front-matter block is not valid YAML ({first}).") from None
    except (ValueError, TypeError, AttributeError) as exc:
        # python-frontmatter assumes a mapping; YAML such as "- a" or "1" is not one.
        raise InputError(
            f"{path}: the front-matter block is not a mapping of fields ({exc}); "
            "write it as published: 2016-07-26, one field a line."
        ) from None
    merged = {k: v for k, v in post.metadata.items() if v is not None}
    merged.update({k: v for k, v in (meta or {}).items() if v not in (None, "")})
    return _article(post.content.strip(), str(path.resolve()), merged, defaults, str(path))


def read_manifest(path: Path, defaults: Defaults) -> Iterator[Article | InputError]:
    """Articles named by a manifest CSV, one result per row."""
    try:
        raw = read_text(path, defaults.encoding)
    except InputError as exc:
        yield exc
        return
    reader = csv.DictReader(raw.splitlines())
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [col for col in MANIFEST_REQUIRED if col not in header]
    if missing:
        yield InputError(
            f"{path}: manifest lacks the column(s) {', '.join(missing)}; "
            "its header must be path,published,source,title (url optional)."
        )
        return
    seen: dict[Path, int] = {}
    try:
        for row_number, row in enumerate(reader, start=2):
            yield from _manifest_row(path, row_number, row, seen, defaults)
    except csv.Error as exc:  # a NUL byte, a field over csv's size limit: the rest is unreadable
        yield InputError(
            f"{path}: row {reader.line_num}: not readable as CSV ({exc}); the rows after it "
            "were not read: fix the row and ingest the manifest again."
        )


def _target(manifest: Path, name: str) -> Path | None:
    """The file a manifest row names, or None when the name cannot be one (a NUL byte)."""
    try:
        return (manifest.parent / name).resolve()
    except (OSError, ValueError):
        return None


def _manifest_row(
    path: Path,
    row_number: int,
    cells: dict[str | None, Any],
    seen: dict[Path, int],
    defaults: Defaults,
) -> Iterator[Article | InputError]:
    where = f"{path}: row {row_number}"
    # Cells past the header's columns come as a list under None: not ours to read.
    row = {(k or "").strip(): (v or "").strip() for k, v in cells.items() if k is not None}
    if not row.get("path"):
        yield InputError(f"{where}: empty path; name the article file in the first column.")
        return
    target = _target(path, row["path"])
    if target is None:
        yield InputError(
            f"{where}: path {row['path'][:80]!r} is no file name (it holds a NUL character); "
            "name the article file in the first column."
        )
        return
    folder = path.parent.resolve()
    if not target.is_relative_to(folder):
        # Refused before it is opened: a manifest from elsewhere must not make the tracker
        # read /etc/passwd or a symlink's target as an article.
        yield InputError(
            f"{where} ({row['path']}): the path leads outside the manifest's folder "
            f"{folder}; move the file into that folder or ingest it directly."
        )
        return
    if not row.get("published"):
        yield InputError(
            f"{where} ({row['path']}): no publication date; fill the published column (YYYY-MM-DD)."
        )
        return
    if target in seen:
        yield InputError(
            f"{where} ({row['path']}): names the same file as row {seen[target]}; "
            "keep one row per file."
        )
        return
    seen[target] = row_number
    try:
        parse_date(row["published"], f"{where} ({row['path']})")
    except InputError as exc:
        yield exc
        return
    yield from _read_article_file(target, defaults, row)


def check_readable_text(path: Path, encoding: str) -> None:
    """Raise what :func:`read_text` would for an unreadable file, reading it in chunks rather
    than whole (a JSON Lines archive can be larger than memory)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8192)
            decoder = codecs.getincrementaldecoder(encoding)()
            chunk = head
            while chunk and b"\x00" not in head:
                decoder.decode(chunk)
                chunk = handle.read(1 << 20)
            decoder.decode(b"", final=True)
            if b"\x00" not in head:
                return
    except (OSError, UnicodeDecodeError, LookupError):
        pass
    read_text(path, encoding)  # the file's problem, worded as for any file (raises)


def read_jsonl(path: Path, defaults: Defaults) -> Iterator[Article | InputError]:
    """Articles from a JSON Lines file, one result per non-blank line, read line by line."""
    try:
        with path.open("rb") as handle:
            encoding = bom_codec(handle.read(4)) or defaults.encoding
    except OSError:
        encoding = defaults.encoding  # check_readable_text words the problem
    try:
        check_readable_text(path, encoding)
    except InputError as exc:
        yield exc
        return
    # newline=None: "\r\n" and "\r" end lines too, as read_text's normalisation makes them.
    origin = path.resolve()
    with path.open(encoding=encoding, newline=None) as handle:
        for line_number, line in enumerate(handle, start=1):
            if line_number == 1:
                line = line.removeprefix("\ufeff")
            if line.strip():
                yield _jsonl_article(
                    f"{path}:{line_number}", f"{origin}:{line_number}", line, defaults
                )


def _jsonl_article(where: str, origin: str, line: str, defaults: Defaults) -> Article | InputError:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(f"{where}: not valid JSON ({exc.msg}); write one object per line.")
    if not isinstance(obj, dict) or (
        not isinstance(obj.get("text"), str) and not isinstance(obj.get("html"), str)
    ):
        return InputError(f'{where}: needs an object with a "text" or an "html" string.')
    try:
        if isinstance(obj.get("html"), str):
            if isinstance(obj.get("text"), str):
                raise InputError(
                    f'{where}: has both "text" and "html"; keep one (the page\'s text is '
                    "extracted from its html)."
                )
            return _page(obj["html"], origin, where, obj, defaults)
        return _article(obj["text"].strip(), origin, obj, defaults, where)
    except InputError as exc:
        return exc


def _page(
    data: bytes | str, origin: str, where: str, meta: dict[str, Any], defaults: Defaults
) -> Article | InputError:
    """A page's article; ``meta`` (a manifest row, a JSON record) wins over the page's own."""
    given = meta.get("published")
    published = None
    if given is not None and not (isinstance(given, str) and not given.strip()):
        published = parse_date(given, where)
    page = PageInput(
        data,
        origin,
        where,
        url=_clean(meta.get("url")),
        published=published,
        title=_clean(meta.get("title")),
        source=_clean(meta.get("source")),
    )
    return page_article(
        page, published=defaults.published, source=defaults.source, encoding=defaults.encoding
    )


def read_page_file(
    path: Path, defaults: Defaults, meta: dict[str, Any] | None = None
) -> Article | InputError:
    """One saved web page; ``meta`` (from a manifest) wins over what the page says."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return InputError(f"{path}: no such file or folder; check the path.")
    except OSError as exc:
        return InputError(f"{path}: cannot be read ({exc.strerror}).")
    return _page(data, str(path.resolve()), str(path), meta or {}, defaults)


def _read_article_file(
    path: Path, defaults: Defaults, meta: dict[str, Any] | None = None
) -> Iterator[Article | InputError]:
    """A text, Markdown or page file, by its suffix."""
    if path.suffix.lower() in PAGE_SUFFIXES:
        yield read_page_file(path, defaults, meta)
        return
    try:
        yield read_text_file(path, defaults, meta)
    except InputError as exc:
        yield exc


def _is_manifest(path: Path) -> bool:
    try:
        # Leniently: a manifest with a bad byte further on is still one, and read_manifest
        # reports the byte; strictly, it was taken for no manifest and its files read alone.
        with path.open(encoding="utf-8-sig", errors="replace") as handle:
            header = handle.readline(4096)
    except OSError:
        return False
    columns = {c.strip() for c in header.split(",")}
    return all(col in columns for col in MANIFEST_REQUIRED)


def _read_file(path: Path, defaults: Defaults) -> Iterator[Article | InputError]:
    suffix = path.suffix.lower()
    if suffix in MANIFEST_SUFFIXES:
        yield from read_manifest(path, defaults)
    elif suffix in JSONL_SUFFIXES:
        yield from read_jsonl(path, defaults)
    else:
        yield from _read_article_file(path, defaults)


def _walk_folder(folder: Path) -> list[Path]:
    """The files of a folder to ingest; a manifest replaces the files it names."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
    manifests = [p for p in files if p.suffix.lower() in MANIFEST_SUFFIXES and _is_manifest(p)]
    named: set[Path] = set()
    for manifest in manifests:
        # Only which files it names: its own errors are reported when it is read.
        with (
            manifest.open(encoding="utf-8-sig", errors="replace", newline="") as handle,
            contextlib.suppress(csv.Error),
        ):
            for row in csv.DictReader(handle):
                name = row.get("path")
                target = _target(manifest, name.strip()) if isinstance(name, str) else None
                if target is not None:
                    named.add(target)
    chosen = list(manifests)
    for path in files:
        suffix = path.suffix.lower()
        if suffix in TEXT_SUFFIXES | JSONL_SUFFIXES | PAGE_SUFFIXES and path.resolve() not in named:
            chosen.append(path)
    return chosen


def read_inputs(
    paths: Iterable[Path], defaults: Defaults = Defaults()
) -> Iterator[Article | InputError]:
    """Every article the given files, folders and manifests hold, or the error for each bad one."""
    for path in paths:
        if path.is_dir():
            for file in _walk_folder(path):
                yield from _read_file(file, defaults)
        elif path.exists():
            yield from _read_file(path, defaults)
        else:
            yield InputError(f"{path}: no such file or folder; check the path.")


def _count_jsonl(path: Path, defaults: Defaults) -> int:
    """Non-blank lines, split and decoded as :func:`read_jsonl` does but not parsed: about
    half a second per GB, against an hour or more to ingest that much. (Bytes read of the
    file's size would be no cheaper, and would need the reader to report its position
    through every generator.)"""
    try:
        with path.open("rb") as handle:
            encoding = bom_codec(handle.read(4)) or defaults.encoding
        with path.open(encoding=encoding, errors="replace", newline=None) as handle:
            lines = enumerate(handle, start=1)
            return sum(
                1 for n, line in lines if (line.removeprefix("\ufeff") if n == 1 else line).strip()
            )
    except (OSError, LookupError):
        return 1  # read_jsonl reports it as one error


def _count_manifest(path: Path, defaults: Defaults) -> int:
    """Results of :func:`read_manifest`: one a data row, or one error for the whole file."""
    rows = 0
    try:
        reader = csv.DictReader(read_text(path, defaults.encoding).splitlines())
        header = [h.strip() for h in (reader.fieldnames or [])]
        if any(col not in header for col in MANIFEST_REQUIRED):
            return 1
        for _ in reader:
            rows += 1
    except InputError:
        return 1
    except csv.Error:
        return rows + 1
    return rows


def _count_file(path: Path, defaults: Defaults) -> int:
    suffix = path.suffix.lower()
    if suffix in MANIFEST_SUFFIXES:
        return _count_manifest(path, defaults)
    if suffix in JSONL_SUFFIXES:
        return _count_jsonl(path, defaults)
    return 1


def count_inputs(paths: Iterable[Path], defaults: Defaults = Defaults()) -> int:
    """How many results :func:`read_inputs` will yield for ``paths`` (articles and errors),
    counted without reading an article: files in folders, rows of manifests, non-blank lines
    of JSON Lines. Exact unless the files change in between, or a file turns out unreadable
    as a whole (one error in place of its count)."""
    total = 0
    for path in paths:
        if path.is_dir():
            total += sum(_count_file(file, defaults) for file in _walk_folder(path))
        elif path.exists():
            total += _count_file(path, defaults)
        else:
            total += 1
    return total
