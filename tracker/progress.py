"""Progress of long work (an ingest, a rescoring, building the demo): reported, never printed.

The package reports to a :class:`Progress` and its front end decides how it looks:

- ``begin(label, total, unit)`` starts counting one kind of work, e.g. ("analysis", 1200,
  "statements"); ``total`` is None when it is not known (an ingest reads its inputs as it
  goes). Whoever knows what the work is calls it: an ingest only advances, its caller begins.
- ``advance(n)``: ``n`` more units are done.
- ``note(message)``: one line about what happens next (the rescoring's plan).

:class:`Tally` keeps the count (never past the total) and the time since ``begin`` for
renderers, which derive the rate and the time left from them: the command line's bar on a
terminal and plain lines for logs and cron are in :mod:`tracker.cli.progress`; the dashboard's
bar is a Tally with a callback. :data:`SILENT` renders nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol


class Progress(Protocol):
    def begin(self, label: str, total: int | None = None, unit: str = "") -> None: ...

    def advance(self, n: int) -> None: ...

    def note(self, message: str) -> None: ...


class Tally:
    """A :class:`Progress` that counts; ``on_change(self)`` (or a subclass's :meth:`changed`)
    renders the count after every :meth:`advance`. ``clock`` (seconds, monotonic) times the
    work for its rate; tests pass a fake one."""

    def __init__(
        self,
        on_change: Callable[[Tally], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.on_change = on_change
        self.clock = clock
        self.label = ""
        self.total: int | None = None
        self.unit = ""
        self.done = 0
        self.started = clock()

    def begin(self, label: str, total: int | None = None, unit: str = "") -> None:
        # Nothing to render yet: a bar or counter at zero is what the front end starts with.
        self.label, self.total, self.unit, self.done = label, total, unit, 0
        self.started = self.clock()

    def advance(self, n: int) -> None:
        self.done += n
        if self.total is not None:
            self.done = min(self.done, self.total)
        self.changed()

    def note(self, message: str) -> None:
        """Notes are for renderers that write lines; a count has no place for them."""

    @property
    def fraction(self) -> float | None:
        """Done as a share of the total (0 to 1), or None while the total is unknown."""
        return None if self.total is None else self.done / max(1, self.total)

    @property
    def elapsed(self) -> float:
        """Seconds since the work began."""
        return max(0.0, self.clock() - self.started)

    @property
    def rate(self) -> float | None:
        """Units done per second so far, or None before any is done (or any time passed)."""
        elapsed = self.elapsed
        return self.done / elapsed if self.done and elapsed > 0 else None

    @property
    def remaining(self) -> float | None:
        """Seconds left at the rate so far, or None while the total or the rate is unknown."""
        rate = self.rate
        if self.total is None or rate is None:
            return None
        return (self.total - self.done) / rate

    def changed(self) -> None:
        if self.on_change is not None:
            self.on_change(self)


class _Silent:
    def begin(self, label: str, total: int | None = None, unit: str = "") -> None:
        pass

    def advance(self, n: int) -> None:
        pass

    def note(self, message: str) -> None:
        pass


SILENT: Progress = _Silent()
