"""Progress of long work (an ingest, a rescoring, building the demo): reported, never printed.

The package reports to a :class:`Progress` and its front end decides how it looks:

- ``begin(label, total, unit)`` starts counting one kind of work, e.g. ("analysis", 1200,
  "statements"); ``total`` is None when it is not known (an ingest reads its inputs as it
  goes). Whoever knows what the work is calls it: an ingest only advances, its caller begins.
- ``advance(n)``: ``n`` more units are done.
- ``note(message)``: one line about what happens next (the rescoring's plan).

:class:`Tally` keeps the count (never past the total) for renderers: the command line's live
counter on a terminal and plain lines for logs and cron are in :mod:`tracker.cli.progress`; the
dashboard's bar is a Tally with a callback. :data:`SILENT` renders nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol


class Progress(Protocol):
    def begin(self, label: str, total: int | None = None, unit: str = "") -> None: ...

    def advance(self, n: int) -> None: ...

    def note(self, message: str) -> None: ...


class Tally:
    """A :class:`Progress` that counts; ``on_change(self)`` (or a subclass's :meth:`changed`)
    renders the count after every :meth:`advance`."""

    def __init__(self, on_change: Callable[[Tally], None] | None = None) -> None:
        self.on_change = on_change
        self.label = ""
        self.total: int | None = None
        self.unit = ""
        self.done = 0

    def begin(self, label: str, total: int | None = None, unit: str = "") -> None:
        # Nothing to render yet: a bar or counter at zero is what the front end starts with.
        self.label, self.total, self.unit, self.done = label, total, unit, 0

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
