"""Reading gold statement files (JSON Lines, format of ``shared/eval/README.md``).

One object per line with ``id``, ``text``, ``published`` (``YYYY-MM-DD`` or null), ``speaker``
(a name, ``"narrator"``, or null when the line is not a statement), ``speaker_side``,
``event_date`` (``YYYY-MM-DD`` or ``YYYY-MM``), ``date_precision``, ``dyad``, ``polarity``
(−2…+2), optional ``also`` (a second relation: ``{"dyad", "polarity"}``) and optional
``is_statement: false``. Unknown keys are ignored. A malformed line is an InputError naming it.

Extension of the shared format: an optional ``event`` key labels the act between the sides the
line reports as a CAMEO root category (``"01"`` … ``"20"``), or null for "no event between the
sides"; ``tracker evaluate`` reports event-code accuracy over the items that carry it. Readers
that do not know the key ignore it, as the format allows.

``source_url`` (optional, a string) is the page's address: where ``published`` is null, the
evaluation reads the publication date its path carries (:mod:`tracker.analysis.dates.url`).

Categories: an item's ``tags`` (a list of strings) or, failing that, the bracketed tags that
open its ``note`` (``"[negation; reversal verb] …"``) name the hard constructions it holds;
``tracker evaluate --by-tag`` reports the figures per category.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tracker.errors import InputError


@dataclass(frozen=True)
class GoldRelation:
    dyad: str
    polarity: int | None


@dataclass(frozen=True)
class GoldItem:
    id: str
    text: str
    published: dt.date | None
    is_statement: bool
    speaker: str | None
    speaker_side: str | None
    event_date: str | None  # 'YYYY-MM-DD' or 'YYYY-MM'
    date_precision: str | None
    relations: tuple[GoldRelation, ...]  # the primary relation first, then `also`
    tags: tuple[str, ...] = ()  # categories of hard constructions, for per-category figures
    has_event: bool = False  # the line carries the optional ``event`` key
    event: str | None = None  # its CAMEO root category ('01' .. '20'); None: no event
    source_url: str | None = None  # the page the sentence comes from (optional key)


_EVENT_CODES = frozenset(f"{n:02d}" for n in range(1, 21))


def _event(obj: dict[str, Any], where: str) -> tuple[bool, str | None]:
    """Whether the item labels its event, and the CAMEO root code (None: no event)."""
    if "event" not in obj:
        return False, None
    value = obj["event"]
    if value is None:
        return True, None
    if not isinstance(value, str) or value not in _EVENT_CODES:
        raise InputError(
            f'{where}: "event" {value!r} is not a CAMEO root code ("01" … "20", two digits) '
            "or null."
        )
    return True, value


_NOTE_TAGS = re.compile(r"\s*\[([^\]]*)\]")


def _tags(obj: dict[str, Any]) -> tuple[str, ...]:
    """The item's categories: its ``tags`` list, else the bracketed tags opening its note."""
    tags = obj.get("tags")
    if isinstance(tags, list):
        names = [str(t) for t in tags]
    else:
        opening = _NOTE_TAGS.match(obj["note"]) if isinstance(obj.get("note"), str) else None
        names = opening.group(1).split(";") if opening else []
    return tuple(dict.fromkeys(n.strip().lower() for n in names if n.strip()))


def _date(value: Any, where: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InputError(f"{where}: published {value!r} is not YYYY-MM-DD.") from None


def _item(obj: dict[str, Any], where: str) -> GoldItem:
    if not isinstance(obj.get("text"), str) or not obj.get("id"):
        raise InputError(f'{where}: a gold item needs "id" and a "text" string.')
    relations = []
    if obj.get("dyad"):
        relations.append(GoldRelation(obj["dyad"], obj.get("polarity")))
    also = obj.get("also")
    if isinstance(also, dict) and also.get("dyad"):
        relations.append(GoldRelation(also["dyad"], also.get("polarity")))
    has_event, event = _event(obj, where)
    is_statement = obj.get("is_statement", True) is not False and obj.get("speaker") is not None
    return GoldItem(
        id=str(obj["id"]),
        text=obj["text"],
        published=_date(obj.get("published"), where),
        is_statement=is_statement,
        speaker=obj.get("speaker"),
        speaker_side=obj.get("speaker_side"),
        event_date=obj.get("event_date"),
        date_precision=obj.get("date_precision"),
        relations=tuple(relations),
        tags=_tags(obj),
        has_event=has_event,
        event=event,
        source_url=obj["source_url"] if isinstance(obj.get("source_url"), str) else None,
    )


def read_gold(path: Path) -> list[GoldItem]:
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{path}: no such gold file; check the path.") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8; gold files are UTF-8 JSON Lines.") from None
    items = []
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{where}: not valid JSON ({exc.msg}).") from None
        if not isinstance(obj, dict):
            raise InputError(f"{where}: each line must be a JSON object.")
        items.append(_item(obj, where))
    if not items:
        raise InputError(f"{path}: no gold items; the file is empty.")
    return items
