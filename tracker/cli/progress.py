"""How the commands show progress on stderr (see :mod:`tracker.progress`).

- :func:`live_counter`: on a terminal, one line rewritten in place: a count ("documents read:
  120") or, when the total is known, a bar ("pages: [#####-----] 12/24 pages"); off a
  terminal nothing, as the command's summary line says what was done (cron mail).
- :class:`Lines`: plain lines, for logs and cron mail: every note, and the count at each
  tenth of a known total ("analysis: 120/1200 statements (10%)").
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click

from tracker.progress import SILENT, Progress, Tally

BAR_WIDTH = 30


class _LiveCounter(Tally):
    """A counter, or a bar once the total is known, rewritten in place."""

    drawn = False  # whether the current line has been drawn (a new begin ends it)

    def begin(self, label: str, total: int | None = None, unit: str = "") -> None:
        if self.drawn:
            click.echo("", err=True)
        self.drawn = False
        super().begin(label, total, unit)

    def changed(self) -> None:
        self.drawn = True
        if self.total is None:
            click.echo(f"\r{self.label}: {self.done}", err=True, nl=False)
            return
        filled = BAR_WIDTH * self.done // max(1, self.total)
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        line = f"\r{self.label}: [{bar}] {self.done}/{self.total} {self.unit}"
        click.echo(line, err=True, nl=False)


@contextmanager
def live_counter(label: str | None = None) -> Iterator[Progress]:
    """A counter rewritten in place on stderr when it is a terminal; silent otherwise.
    ``label`` begins the count for work that does not begin it itself (an ingest)."""
    if not sys.stderr.isatty():
        yield SILENT
        return
    counter = _LiveCounter()
    if label is not None:
        counter.begin(label)
    try:
        yield counter
    finally:
        if counter.drawn:
            click.echo("", err=True)


class Lines(Tally):
    """Notes and counts as plain lines on stderr, each after ``prefix``."""

    def __init__(self, prefix: str = "") -> None:
        super().__init__()
        self.prefix = prefix
        self._tenths = 0

    def begin(self, label: str, total: int | None = None, unit: str = "") -> None:
        super().begin(label, total, unit)
        self._tenths = 0

    def changed(self) -> None:
        if self.total is None:
            return
        tenths = 10 * self.done // max(1, self.total)
        if tenths > self._tenths:
            self._tenths = tenths
            self._line(f"{self.label}: {self.done}/{self.total} {self.unit} ({10 * tenths}%)")

    def note(self, message: str) -> None:
        self._line(message)

    def _line(self, text: str) -> None:
        click.echo(f"{self.prefix}{text}", err=True)
