"""How the commands show progress on stderr (see :mod:`tracker.progress`).

- :class:`Bar`, on a terminal: one line rewritten in place, a bar with the count, the rate and
  the time left ("analysis: [######------] 1200/6000 statements  310/s  0:15 left"), or the
  count and rate while the total is unknown; notes are lines above it. Redrawn at most every
  :data:`REDRAW_SECONDS` (and when a count completes), so drawing costs nothing measurable.
- :class:`Lines`, for logs and cron mail: every note, and for each count a line when it begins,
  one at each tenth of its total, one after :data:`LINE_SECONDS` without any (a slow stage still
  shows it is alive), and one when it ends: about a dozen lines whatever the size of the work.
- :func:`on_stderr` picks one: a Bar on a terminal, else Lines (``tracker ingest``, ``tracker
  rescore``) or nothing (``tracker demo`` and ``tracker fetch``, whose summary line says what
  was done).

The clock is :data:`clock` (tests replace it with a fake one).
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import click

from tracker.progress import SILENT, Progress, Tally

BAR_WIDTH = 30  # at most; narrower when the terminal is
MIN_BAR_WIDTH = 10
REDRAW_SECONDS = 0.1
LINE_SECONDS = 300.0
clock: Callable[[], float] = time.monotonic


def duration(seconds: float) -> str:
    """``M:SS``, or ``H:MM:SS`` from an hour on."""
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


def rate(per_second: float) -> str:
    """Units per second (per minute below one a second): whole from 10 on, one decimal below."""
    value, per = (per_second, "s") if per_second >= 1 else (per_second * 60, "min")
    return f"{value:.0f}/{per}" if value >= 10 else f"{value:.1f}/{per}"


class Bar(Tally):
    """A bar (or a count while the total is unknown) rewritten in place on stderr."""

    def __init__(self, prefix: str = "", clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(clock=clock)
        self.prefix = prefix
        self.drawn = False  # whether the current count's line is on screen (a new one ends it)
        self._last_draw = float("-inf")
        self._shown = 0  # length of the line on screen, to blank what a shorter one leaves
        self._line = ""

    def begin(self, label: str, total: int | None = None, unit: str = "") -> None:
        self.close()
        super().begin(label, total, unit)
        self._last_draw = float("-inf")
        self.changed()  # the total, at once: the first units may take a while

    def note(self, message: str) -> None:
        self.close()
        click.echo(f"{self.prefix}{message}", err=True)
        self._last_draw = float("-inf")  # the bar comes back at the next advance

    def close(self, completed: bool = True) -> None:
        """End the line on screen, if any."""
        if self.drawn:
            click.echo("", err=True)
        self.drawn, self._shown = False, 0

    def changed(self) -> None:
        now = self.clock()
        complete = self.total is not None and self.done >= self.total
        if not complete and now - self._last_draw < REDRAW_SECONDS:
            return
        line = self.text()
        if self.drawn and line == self._line:
            return
        self._last_draw, self._line = now, line
        click.echo(f"\r{line}{' ' * max(0, self._shown - len(line))}", err=True, nl=False)
        self.drawn, self._shown = True, len(line)

    def text(self, columns: int | None = None) -> str:
        """The line as drawn, for a terminal ``columns`` wide (default: this one's)."""
        per_second = self.rate
        speed = f"  {rate(per_second)}" if per_second is not None else ""
        head = f"{self.prefix}{self.label}: "
        if self.total is None:
            return f"{head}{self.done} {self.unit}{speed}".rstrip()
        if self.done >= self.total:
            when = f"  in {duration(self.elapsed)}"
        else:
            left = self.remaining
            when = f"  {duration(left)} left" if left is not None else ""
        tail = f" {self.done}/{self.total} {self.unit}{speed}{when}"
        columns = columns or shutil.get_terminal_size().columns
        # A line longer than the terminal wraps, and "\r" then rewrites only its last part.
        width = min(BAR_WIDTH, max(MIN_BAR_WIDTH, columns - 1 - len(head) - len(tail) - 2))
        filled = width * self.done // max(1, self.total)
        return f"{head}[{'#' * filled}{'-' * (width - filled)}]{tail}"


class Lines(Tally):
    """Notes and counts as plain lines on stderr, each after ``prefix``."""

    def __init__(self, prefix: str = "", clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(clock=clock)
        self.prefix = prefix
        self.begun = False
        self._tenths = 0
        self._ended = False
        self._last_line = self.started

    def begin(self, label: str, total: int | None = None, unit: str = "") -> None:
        self.close()
        super().begin(label, total, unit)
        self.begun, self._tenths, self._ended = True, 0, False
        self._line(f"{label}: 0/{total} {unit}" if total is not None else f"{label}: started")

    def changed(self) -> None:
        if self._ended:
            return
        if self.total is not None and self.done >= self.total:
            self._end()
            return
        tenths = 10 * self.done // max(1, self.total) if self.total is not None else 0
        if tenths > self._tenths or self.clock() - self._last_line >= LINE_SECONDS:
            self._tenths = max(self._tenths, tenths)
            self._line(self._count())

    def note(self, message: str) -> None:
        self._line(message)

    def close(self, completed: bool = True) -> None:
        """The closing line of a count that ended short of its total or had none (a failed
        command's error says why it stopped instead)."""
        if self.begun and not self._ended and completed:
            self._end()
        self.begun = False

    def _count(self) -> str:
        text = f"{self.label}: {self.done}"
        if self.total is not None:
            text += f"/{self.total} {self.unit} ({100 * self.done // max(1, self.total)}%)"
        else:
            text += f" {self.unit}".rstrip()
        per_second, left = self.rate, self.remaining
        if per_second is not None:
            text += f", {rate(per_second)}"
        if left is not None:
            text += f", {duration(left)} left"
        return text

    def _end(self) -> None:
        self._ended = True
        total = f"/{self.total}" if self.total is not None else ""
        count = f"{self.done}{total} {self.unit}".rstrip()
        text = f"{self.label}: {count} done in {duration(self.elapsed)}"
        per_second = self.rate
        self._line(text + (f", {rate(per_second)}" if per_second is not None else ""))

    def _line(self, text: str) -> None:
        self._last_line = self.clock()
        click.echo(f"{self.prefix}{text}", err=True)


@contextmanager
def on_stderr(prefix: str = "", *, lines: bool = True) -> Iterator[Progress]:
    """A :class:`Bar` when stderr is a terminal; otherwise :class:`Lines` (``lines``) or
    nothing. The last count's line is ended when the block is left (its closing line only
    when the block completes)."""
    shown: Bar | Lines
    if sys.stderr.isatty():
        shown = Bar(prefix, clock)
    elif lines:
        shown = Lines(prefix, clock)
    else:
        yield SILENT
        return
    completed = False
    try:
        yield shown
        completed = True
    finally:
        shown.close(completed)
