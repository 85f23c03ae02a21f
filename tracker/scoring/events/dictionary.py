"""The event dictionary: verb patterns mapped to CAMEO root categories and Goldstein values.

Contract
--------
An event dictionary file is UTF-8 CSV in the conventions of the domain lexicon
(:mod:`tracker.scoring.diplomacy.lexicon`: ``#`` comments, ``# version: X``, one header line,
the same pattern syntax of words, ``stem*`` wildcards and ``...`` gaps), with the header
``pattern,cameo,goldstein,note``:

- ``cameo``: the CAMEO root category as two digits, ``01`` .. ``20``; its quad class follows
  from it (:func:`quad_class`);
- ``goldstein``: the intensity on the Goldstein scale, -10 .. +10; empty takes the published
  value of the root category (:data:`ROOT_GOLDSTEIN`, Goldstein 1992 as carried over to CAMEO);
- ``note``: free text.

Files load in order; a later file's pattern replaces an earlier one's (a user's file extends
the bundled ``data/events/cameo.csv``). Bad rows raise :class:`tracker.errors.InputError`
naming the file, the line and the fix. The patterns become lexicon :class:`Phrase` values so
that the lexicon's phrase matcher finds them; their ``valence`` is the Goldstein value.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from tracker.errors import InputError
from tracker.paths import data_dir
from tracker.scoring.diplomacy.lexicon import (
    Phrase,
    csv_rows,
    file_version,
    parse_term,
    read_csv_file,
)

HEADER = ("pattern", "cameo", "goldstein", "note")
GOLDSTEIN_LIMIT = 10.0

# CAMEO's twenty root categories, named as the codebook names them.
ROOT_NAMES: Mapping[str, str] = MappingProxyType(
    {
        "01": "make public statement",
        "02": "appeal",
        "03": "express intent to cooperate",
        "04": "consult",
        "05": "engage in diplomatic cooperation",
        "06": "engage in material cooperation",
        "07": "provide aid",
        "08": "yield",
        "09": "investigate",
        "10": "demand",
        "11": "disapprove",
        "12": "reject",
        "13": "threaten",
        "14": "protest",
        "15": "exhibit force posture",
        "16": "reduce relations",
        "17": "coerce",
        "18": "assault",
        "19": "fight",
        "20": "engage in unconventional mass violence",
    }
)
# The published Goldstein value of each root category (Goldstein 1992, CAMEO codebook).
ROOT_GOLDSTEIN: Mapping[str, float] = MappingProxyType(
    {
        "01": 0.0,
        "02": 3.0,
        "03": 4.0,
        "04": 1.0,
        "05": 3.5,
        "06": 6.0,
        "07": 7.0,
        "08": 5.0,
        "09": -2.0,
        "10": -5.0,
        "11": -2.0,
        "12": -4.0,
        "13": -4.4,
        "14": -6.5,
        "15": -7.2,
        "16": -4.0,
        "17": -7.0,
        "18": -9.0,
        "19": -10.0,
        "20": -10.0,
    }
)

VERBAL_COOPERATION = "verbal cooperation"
MATERIAL_COOPERATION = "material cooperation"
VERBAL_CONFLICT = "verbal conflict"
MATERIAL_CONFLICT = "material conflict"
QUAD_CLASSES = (VERBAL_COOPERATION, MATERIAL_COOPERATION, VERBAL_CONFLICT, MATERIAL_CONFLICT)


def quad_class(cameo: str) -> str:
    """The quad class of a root category, as GDELT and ICEWS group them."""
    root = int(cameo)
    if root <= 5:
        return VERBAL_COOPERATION
    if root <= 9:
        return MATERIAL_COOPERATION
    if root <= 14:
        return VERBAL_CONFLICT
    return MATERIAL_CONFLICT


def is_cooperative(cameo: str) -> bool:
    return quad_class(cameo) in (VERBAL_COOPERATION, MATERIAL_COOPERATION)


def default_events_path() -> Path:
    """The bundled event dictionary."""
    return data_dir() / "events" / "cameo.csv"


@dataclass(frozen=True)
class EventPattern:
    """One dictionary row: its pattern, root category, Goldstein value and note."""

    pattern: str
    cameo: str
    goldstein: float
    note: str

    def as_phrase(self) -> Phrase:
        return Phrase(self.pattern, parse_term(self.pattern, self.pattern), self.goldstein, "")


@dataclass(frozen=True)
class EventDictionary:
    """The merged contents of one or more event dictionary files."""

    patterns: Mapping[str, EventPattern]
    versions: tuple[str, ...]
    files: tuple[Path, ...]
    file_bytes: tuple[bytes, ...] = field(repr=False)


def _cameo(raw: str, where: str) -> str:
    code = raw.strip().zfill(2)
    if code not in ROOT_NAMES:
        raise InputError(f"{where}: CAMEO category {raw!r} is not a root category; write 01 to 20.")
    return code


def _goldstein(raw: str, cameo: str, where: str) -> float:
    if not raw.strip():
        return ROOT_GOLDSTEIN[cameo]
    try:
        value = float(raw)
    except ValueError:
        raise InputError(
            f"{where}: Goldstein value {raw!r} is not a number; write -10 to 10 or leave it empty."
        ) from None
    if not math.isfinite(value) or not -GOLDSTEIN_LIMIT <= value <= GOLDSTEIN_LIMIT:
        raise InputError(f"{where}: Goldstein value {raw} is outside -10..10.")
    return value


def load_events(paths: Iterable[Path]) -> EventDictionary:
    """Read dictionary files in order; a later file's pattern replaces an earlier file's."""
    patterns: dict[str, EventPattern] = {}
    files: list[Path] = []
    blobs: list[bytes] = []
    versions: list[str] = []
    for path in paths:
        blob, text = read_csv_file(path, "event dictionary")
        seen_here: dict[str, int] = {}
        for number, fields in csv_rows(path, text, HEADER):
            where = f"{path} line {number}"
            if len(fields) not in (3, 4):
                raise InputError(
                    f"{where}: expected 4 fields pattern,cameo,goldstein,note but found "
                    f"{len(fields)}; quote a note that contains commas."
                )
            pattern = fields[0].strip().lower().replace("\u2019", "'")
            if not pattern:
                raise InputError(f"{where}: the pattern is empty; write a word or phrase.")
            if pattern in seen_here:
                raise InputError(
                    f"{where}: pattern {pattern!r} already appears on line {seen_here[pattern]}; "
                    "keep one of them."
                )
            seen_here[pattern] = number
            parse_term(pattern, where)
            cameo = _cameo(fields[1], where)
            goldstein = _goldstein(fields[2], cameo, where)
            note = fields[3].strip() if len(fields) == 4 else ""
            patterns.pop(pattern, None)  # a replaced pattern takes the later file's place
            patterns[pattern] = EventPattern(pattern, cameo, goldstein, note)
        files.append(path)
        blobs.append(blob)
        versions.append(file_version(text))
    return EventDictionary(
        patterns=MappingProxyType(patterns),
        versions=tuple(versions),
        files=tuple(files),
        file_bytes=tuple(blobs),
    )
