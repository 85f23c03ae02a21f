"""Domain lexicons for the diplomacy profile: versioned CSV files of terms and valences.

Contract
--------
A lexicon file is UTF-8 CSV read with :mod:`csv`. Lines starting with ``#`` are comments;
a comment ``# version: X`` names the file's version. The first other line is the header
``term,valence,note``; each further line is one term:

- ``term``: lower-case words separated by single spaces. A word ending in ``*`` matches any
  word starting with that stem of 3+ letters (``restor*``: restore, restoring, restoration); the
  word ``...`` lets up to three other words stand between its neighbours
  (``recall* ... ambassador`` matches "recalled its ambassador").
- ``valence``: a number on VADER's scale, -4 (most hostile) to +4 (most cooperative).
- ``note``: why the term carries that valence (free text, may be empty).

A plain single word goes into VADER's lexicon, so VADER's own negation, booster and "but"
rules apply to it. Any other term (several words or a wildcard) is a *phrase*, matched on the
scorer's tokens. When several files are loaded, a later file's term replaces an earlier one.
Bad rows raise :class:`tracker.errors.InputError` naming the file, the line and the fix.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from tracker.errors import InputError
from tracker.paths import data_dir

HEADER = ("term", "valence", "note")
GAP = "..."
MAX_GAP = 3
VALENCE_LIMIT = 4.0
_WORD_RE = re.compile(r"^[^\W_](?:[\w'-]*[^\W_])?\*?$")
_VERSION_RE = re.compile(r"^#\s*version\s*:\s*(\S+)", re.IGNORECASE)


def default_lexicon_path() -> Path:
    """The bundled diplomacy lexicon."""
    return data_dir() / "lexicon" / "diplomacy.csv"


@dataclass(frozen=True)
class Phrase:
    """A multiword or wildcard term: its parts (words, ``stem*`` or ``...``) and valence."""

    term: str
    parts: tuple[str, ...]
    valence: float
    note: str


@dataclass(frozen=True)
class DomainLexicon:
    """The merged contents of one or more lexicon files."""

    words: Mapping[str, float]
    phrases: tuple[Phrase, ...]
    notes: Mapping[str, str]
    versions: tuple[str, ...]
    files: tuple[Path, ...]
    file_bytes: tuple[bytes, ...] = field(repr=False)


def parse_term(term: str, where: str) -> tuple[str, ...]:
    """Split a term into parts, refusing anything the phrase matcher cannot match."""
    parts = tuple(term.split(" "))
    if any(not p for p in parts):
        raise InputError(
            f"{where}: term {term!r} has doubled or outer spaces; separate words by one space."
        )
    if parts[0] == GAP or parts[-1] == GAP:
        raise InputError(
            f"{where}: term {term!r} starts or ends with '...'; put '...' between two words."
        )
    for part in parts:
        if part == GAP:
            continue
        if part.endswith("*") and len(part) < 4:
            raise InputError(
                f"{where}: term {term!r} has the stem {part!r}; a stem needs 3 letters before '*'."
            )
        if not _WORD_RE.match(part):
            raise InputError(
                f"{where}: term {term!r} has the word {part!r}; use letters, digits, ' or -, "
                "with an optional '*' at the end of a word."
            )
    return parts


def _parse_valence(raw: str, where: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise InputError(
            f"{where}: valence {raw!r} is not a number; write a number from -4 to 4."
        ) from None
    if not -VALENCE_LIMIT <= value <= VALENCE_LIMIT:  # also refuses nan
        raise InputError(f"{where}: valence {raw} is outside -4..4; use VADER's -4..+4 scale.")
    return value


def csv_rows(
    path: Path, text: str, header: tuple[str, ...] = HEADER
) -> Iterable[tuple[int, list[str]]]:
    """(line number, fields) for every non-comment, non-blank line after the header."""
    header_seen = False
    names = ",".join(header)
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = next(csv.reader([line]))
        if not header_seen:
            if tuple(f.strip().lower() for f in fields) != header:
                raise InputError(
                    f"{path} line {number}: expected the header '{names}', "
                    f"found {line.strip()!r}; add that header line before the first term."
                )
            header_seen = True
            continue
        yield number, fields
    if not header_seen:
        raise InputError(f"{path}: no header '{names}' found; the file holds no entries.")


def file_version(text: str) -> str:
    for line in text.splitlines():
        match = _VERSION_RE.match(line.strip())
        if match:
            return match.group(1)
    return "unversioned"


def read_csv_file(path: Path, kind: str) -> tuple[bytes, str]:
    """A dictionary file's bytes (what identities hash) and its text (``kind``: its name in
    error messages)."""
    try:
        blob = path.read_bytes()
    except FileNotFoundError:
        raise InputError(
            f"{kind} file {path} does not exist; check the path given as an extra {kind}."
        ) from None
    except OSError as exc:
        raise InputError(f"{kind} file {path} cannot be read ({exc.strerror}).") from None
    try:
        text = blob.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{kind} file {path} is not UTF-8; save it as UTF-8 CSV.") from None
    return blob, text


def load_lexicon(paths: Iterable[Path]) -> DomainLexicon:
    """Read lexicon files in order; a later file's term overrides an earlier file's."""
    entries: dict[str, tuple[float, str]] = {}
    files: list[Path] = []
    blobs: list[bytes] = []
    versions: list[str] = []
    for path in paths:
        blob, text = read_csv_file(path, "lexicon")
        seen_here: dict[str, int] = {}
        for number, fields in csv_rows(path, text):
            where = f"{path} line {number}"
            if len(fields) not in (2, 3):
                raise InputError(
                    f"{where}: expected 3 fields term,valence,note but found {len(fields)}; "
                    "quote a note that contains commas."
                )
            term = fields[0].strip().lower().replace("\u2019", "'")
            if not term:
                raise InputError(f"{where}: the term is empty; write a word or phrase.")
            if term in seen_here:
                first = seen_here[term]
                raise InputError(
                    f"{where}: term {term!r} already appears on line {first}; keep one of them."
                )
            seen_here[term] = number
            parse_term(term, where)
            valence = _parse_valence(fields[1].strip(), where)
            entries[term] = (valence, fields[2].strip() if len(fields) == 3 else "")
        files.append(path)
        blobs.append(blob)
        versions.append(file_version(text))
    words: dict[str, float] = {}
    phrases: list[Phrase] = []
    for term, (valence, note) in entries.items():
        parts = parse_term(term, term)
        if len(parts) == 1 and not parts[0].endswith("*"):
            words[term] = valence
        else:
            phrases.append(Phrase(term, parts, valence, note))
    return DomainLexicon(
        words=MappingProxyType(words),
        phrases=tuple(phrases),
        notes=MappingProxyType({t: n for t, (_, n) in entries.items()}),
        versions=tuple(versions),
        files=tuple(files),
        file_bytes=tuple(blobs),
    )
