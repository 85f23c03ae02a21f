"""Key events of the tracked relations, and where a text refers to one without giving its date.

Contract: ``load_events(path)`` reads a UTF-8 CSV with the header ``date,label,dyad,description,
aliases`` (``date`` YYYY-MM-DD, ``dyad`` "Turkey–Russia" or "Turkey–West" with an en dash,
``aliases`` a ``|``-separated list of phrases) and returns ``KeyEvent`` values in file order; a
missing file or a bad row raises ``InputError`` naming the file and line. ``default_events()``
is the bundled table, read once. ``find_event_mentions(text, events)`` finds alias phrases in a
text: case-insensitive, whole words only (a hyphenated compound counts as one word), curly and
straight apostrophes alike, and any hyphen or dash (or none, or a space) where an alias has a
hyphen.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tracker.errors import InputError
from tracker.models import DYADS
from tracker.paths import events_path

HEADER = ("date", "label", "dyad", "description", "aliases")
_DASHES = "-‐‑‒–—−"
_APOSTROPHES = "'’‘ʼ`"


@dataclass(frozen=True)
class KeyEvent:
    """One dated event, with the phrases that name it without a date."""

    date: dt.date
    label: str
    dyad: str
    description: str
    aliases: tuple[str, ...]


def _row_error(path: Path, line: int, problem: str) -> InputError:
    return InputError(f"{path}, line {line}: {problem}; fix the row or delete it.")


def _parse_row(path: Path, line: int, row: list[str]) -> KeyEvent:
    if len(row) != len(HEADER):
        raise _row_error(path, line, f"{len(row)} fields where {len(HEADER)} are expected")
    date_text, label, dyad, description, aliases = (field.strip() for field in row)
    try:
        date = dt.date.fromisoformat(date_text)
    except ValueError:
        raise _row_error(path, line, f"date {date_text!r} is not a YYYY-MM-DD date") from None
    if not label:
        raise _row_error(path, line, "the label is empty")
    if dyad not in DYADS:
        hint = " (use an en dash –, not a hyphen)" if "-" in dyad else ""
        raise _row_error(path, line, f"dyad {dyad!r} is not one of {' or '.join(DYADS)}{hint}")
    phrases = tuple(p.strip().lower() for p in aliases.split("|") if p.strip())
    return KeyEvent(date, label, dyad, description, phrases)


def load_events(path: Path) -> list[KeyEvent]:
    """The events of the CSV file at ``path``, in file order."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if header is None or tuple(h.strip() for h in header) != HEADER:
                raise InputError(
                    f"{path}: the header must be exactly {','.join(HEADER)}; "
                    f"found {','.join(header or []) or 'an empty file'}."
                )
            return [
                _parse_row(path, reader.line_num, row)
                for row in reader
                if any(field.strip() for field in row)
            ]
    except FileNotFoundError:
        raise InputError(
            f"Events file {path} does not exist; create it with the header "
            f"{','.join(HEADER)} or point to the right file."
        ) from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{path} is not UTF-8 ({exc.reason}); save it as UTF-8.") from None


@functools.cache
def default_events() -> tuple[KeyEvent, ...]:
    """The bundled events table (``data/events.csv``), read on first use."""
    return tuple(load_events(events_path()))


# Words of an alias or a text: letters and digits, with apostrophes inside ("erdogan's").
_TOKEN = re.compile(rf"[^\W_]+(?:[{_APOSTROPHES}][^\W_]+)*")
_HYPHENS = "-‐‑"
_SEPARATORS = frozenset(_DASHES) | frozenset(" \t\n\r\u00a0")
_STRAIGHTEN = str.maketrans({mark: "'" for mark in _APOSTROPHES[1:]})


def _norm(word: str) -> str:
    word = word.lower()
    return word if word.isalnum() else word.translate(_STRAIGHTEN)


@dataclass(frozen=True)
class _Phrase:
    words: tuple[str, ...]
    # Punctuation the alias itself has between words i-1 and i ("st. petersburg"); whitespace
    # and dashes are always allowed there.
    extra: tuple[frozenset[str], ...]
    event: KeyEvent


def _phrases(alias: str, event: KeyEvent) -> list[_Phrase]:
    tokens = list(_TOKEN.finditer(alias))
    if not tokens:
        return []
    words = tuple(_norm(t.group()) for t in tokens)
    gaps = [alias[a.end() : b.start()] for a, b in zip(tokens, tokens[1:], strict=False)]
    extra = (frozenset(), *(frozenset(gap) - _SEPARATORS for gap in gaps))
    phrases = [_Phrase(words, extra, event)]
    if any(gap in _DASHES for gap in gaps):  # "su-24" is also written "su24"
        joined, joined_extra = [words[0]], [extra[0]]
        for word, gap, more in zip(words[1:], gaps, extra[1:], strict=True):
            if gap in _DASHES:
                joined[-1] += word
            else:
                joined.append(word)
                joined_extra.append(more)
        phrases.append(_Phrase(tuple(joined), tuple(joined_extra), event))
    return phrases


@functools.lru_cache(maxsize=8)
def _index(events: tuple[KeyEvent, ...]) -> dict[str, list[_Phrase]]:
    """Phrases by their first word, longest first so that the longest one wins."""
    index: dict[str, list[_Phrase]] = {}
    for event in events:
        for alias in event.aliases:
            for phrase in _phrases(alias, event):
                index.setdefault(phrase.words[0], []).append(phrase)
    for phrases in index.values():
        phrases.sort(key=lambda phrase: len(phrase.words), reverse=True)
    return index


def _fits(text: str, words: list[tuple[int, int, str]], i: int, phrase: _Phrase) -> bool:
    if i + len(phrase.words) > len(words):
        return False
    for k in range(1, len(phrase.words)):
        if words[i + k][2] != phrase.words[k]:
            return False
        gap = text[words[i + k - 1][1] : words[i + k][0]]
        if len(gap) > 3 or any(c not in _SEPARATORS and c not in phrase.extra[k] for c in gap):
            return False
    return True


def find_event_mentions(text: str, events: Sequence[KeyEvent]) -> list[tuple[KeyEvent, int, int]]:
    """Each alias phrase found in ``text``: (event, start, end), in text order, non-overlapping."""
    index = _index(tuple(events))
    if not index:
        return []
    # Word matching, not one big regular expression: with a hundred aliases a regex
    # alternation costs hundreds of microseconds per sentence, this a few.
    words = [(t.start(), t.end(), _norm(t.group())) for t in _TOKEN.finditer(text)]
    found = []
    i = 0
    while i < len(words):
        start = words[i][0]
        # A hyphen joins words ("putsch-like"), so it ends a phrase no better than a letter.
        if start == 0 or text[start - 1] not in _HYPHENS:
            for phrase in index.get(words[i][2], ()):
                if _fits(text, words, i, phrase):
                    end = words[i + len(phrase.words) - 1][1]
                    if end == len(text) or text[end] not in _HYPHENS:
                        found.append((phrase.event, start, end))
                        i += len(phrase.words) - 1
                        break
        i += 1
    return found
