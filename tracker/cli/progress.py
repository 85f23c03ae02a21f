"""How the commands show progress on stderr (see :mod:`tracker.progress`).

- :func:`live_counter`: on a terminal, one line rewritten in place ("documents read: 120");
  off a terminal nothing, as the command's summary says what was done.
- :class:`Lines`: plain lines, for logs and cron mail: every note, and the count at each
  tenth of a known total ("analysis: 120/1200 statements (10%)").
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click

from tracker.progress import SILENT, Progress, Tally


class _LiveCounter(Tally):
    def changed(self) -> None:
        click.echo(f"\r{self.label}: {self.done}", err=True, nl=False)


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
        if counter.done:
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
